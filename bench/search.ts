/**
 * The registry's search on 100,000 organisations, side by side with two plain ways of searching the same rows.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/search.ts [--organizations 100000] [--rounds 5] [--concurrency 20]
 *   npx tsx bench/search.ts --engine pglite [--organizations 100000] …   (the embedded engine, in memory, as the server opens it)
 *   … --before /tmp/orbita-before   (also «ours» as another checkout runs it, on the same rows in the same run)
 *
 * In a scratch database on that server (dropped afterwards), or an in-memory PGlite: migrations, a region of 40 municipalities and N
 * synthetic organisations of twelve kinds with varied names, streets that share words with names (Школьная,
 * Лицейская, Садовая, Библиотечная) and descriptions that mention schools. Three approaches answer the same
 * labelled queries (word forms, typos, short names, addresses):
 *  - ours: `listOrganizations` as the API runs it (read the query, page + total, municipality names, highlights);
 *  - ILIKE: `name, address and description ILIKE '%q%'`, page by name + total;
 *  - plain tsvector: a stored `to_tsvector('russian', …)` with its GIN index, `@@ plainto_tsquery`, page by ts_rank + total.
 * Latency: every query `--rounds` times through `--concurrency` workers on the server's pool, the approaches taking turns
 * round by round; p50/p95 per approach.
 * Quality, from the full result sets: recall (relevant found / relevant) and precision of the first 10, averaged over queries.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { CommandContext } from '../server/src/platform/context';
import { openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { listOrganizations, organizationConditions, organizationOrder } from '../server/src/modules/organizations/list-organizations';
import { organizations } from '../server/src/modules/organizations/schema';
import { scratchPostgres } from './scratch-postgres';
import { fillSyntheticRegistry } from './synthetic-registry';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

/** What a query means: the labels of the organisations a person wants, by name or by street. */
const queries: [string, string][] = [
  ['лицей', 'lyceum'], ['лицея', 'lyceum'], ['лицеев', 'lyceum'], ['лицеи', 'lyceum'], ['лецей', 'lyceum'],
  ['гимназия', 'gymnasium'], ['гимназии', 'gymnasium'], ['гимназий', 'gymnasium'], ['гимназея', 'gymnasium'],
  ['школа', 'school'], ['школы', 'school'], ['шкла', 'school'], ['средняя школа', 'school'],
  ['библиотека', 'library'], ['библиотеки', 'library'], ['библиатека', 'library'], ['библеотеки', 'library'],
  ['детский сад', 'preschool'], ['детского сада', 'preschool'], ['детские сады', 'preschool'], ['децкий сад', 'preschool'],
  ['ЦИТТ', 'citt'], ['цитт', 'citt'], ['ДЮСШ', 'sports'], ['спортивная школа', 'sports'], ['спортивной школы', 'sports'],
  ['музей', 'museum'], ['музеи', 'museum'], ['краеведческого музея', 'museum'], ['колледж', 'college'], ['коледж', 'college'],
  ['творчества', 'creativity'], ['центр творчества', 'creativity'], ['ромашка', 'romashka'], ['ромашки', 'romashka'], ['солнышко', 'solnyshko'],
  ['Школьная', 'street:Школьная'], ['Садовая', 'street:Садовая'], ['Лицейская', 'street:Лицейская'], ['улица Библиотечная', 'street:Библиотечная'],
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const engine = process.argv.includes('--engine') ? process.argv[process.argv.indexOf('--engine') + 1] : 'postgres';
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error('--engine takes postgres or pglite');
  const serverUrl = process.env.DATABASE_URL;
  if (engine === 'postgres' && !serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server, or pass --engine pglite.');
  const count = argument('organizations', 100_000);
  const rounds = argument('rounds', 5);
  const concurrency = argument('concurrency', 20);
  const scratch = engine === 'postgres' ? await scratchPostgres(serverUrl!) : null;
  const handle = await openDatabase({ url: scratch?.url ?? null, dataDir: null });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const started = performance.now();
    const { labels: generated } = await fillSyntheticRegistry(db, count);
    // The plain tsvector approach gets what it would have in production: a stored vector and its GIN index.
    await db.execute(sql`alter table organizations add column plain_vector tsvector generated always as (to_tsvector('russian', short_name || ' ' || full_name || ' ' || address || ' ' || description)) stored`);
    await db.execute(sql`create index organizations_plain_vector_idx on organizations using gin (plain_vector)`);
    await db.execute(sql`analyze`);
    console.log(`${count} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const context: CommandContext = { db, actor: null, ip: null };
    const beforeDir = process.argv.includes('--before') ? path.resolve(process.argv[process.argv.indexOf('--before') + 1]) : null;
    const before = beforeDir ? ((await import(path.join(beforeDir, 'server/src/modules/organizations/list-organizations.ts'))) as typeof import('../server/src/modules/organizations/list-organizations')) : null;
    const plainText = sql`(short_name || ' ' || full_name || ' ' || address || ' ' || description)`;
    const approaches: Record<string, { page: (q: string) => Promise<unknown>; all: (q: string) => Promise<string[]> }> = {
      ours: {
        page: (q) => listOrganizations(context, { q, pageSize: 20 }),
        all: async (q) => {
          const { where, search } = await organizationConditions(db, { q });
          return (await db.select({ id: organizations.id }).from(organizations).where(where).orderBy(...organizationOrder(undefined, search))).map((r) => r.id);
        },
      },
      ...(before
        ? {
            [`ours, before (${path.basename(beforeDir!)})`]: {
              page: (q: string) => before.listOrganizations(context, { q, pageSize: 20 }),
              all: async (q: string) => {
                const { where, search } = await before.organizationConditions(db, { q });
                return (await db.select({ id: organizations.id }).from(organizations).where(where).orderBy(...before.organizationOrder(undefined, search))).map((r) => r.id);
              },
            },
          }
        : {}),
      ILIKE: {
        page: (q) =>
          Promise.all([
            db.execute(sql`select * from organizations where ${plainText} ilike ${`%${q}%`} order by sort_key collate "C", id limit 20`),
            db.execute(sql`select count(*) from organizations where ${plainText} ilike ${`%${q}%`}`),
          ]),
        all: async (q) => ((await db.execute(sql`select id from organizations where ${plainText} ilike ${`%${q}%`} order by sort_key collate "C", id`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id),
      },
      'plain tsvector': {
        page: (q) =>
          Promise.all([
            db.execute(sql`select * from organizations where plain_vector @@ plainto_tsquery('russian', ${q}) order by ts_rank(plain_vector, plainto_tsquery('russian', ${q})) desc, id limit 20`),
            db.execute(sql`select count(*) from organizations where plain_vector @@ plainto_tsquery('russian', ${q})`),
          ]),
        all: async (q) =>
          ((await db.execute(sql`select id from organizations where plain_vector @@ plainto_tsquery('russian', ${q}) order by ts_rank(plain_vector, plainto_tsquery('russian', ${q})) desc, id`)) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id),
      },
    };

    const perQuery: string[] = [];
    const quality = new Map<string, { recall: number; precision: number }>();
    for (const [name, approach] of Object.entries(approaches)) {
      // Quality first, from the full result sets.
      let recallSum = 0;
      let precisionSum = 0;
      for (const [q, label] of queries) {
        const found = await approach.all(q);
        const relevant = [...generated.values()].filter((g) => g.has(label)).length;
        const hits = found.filter((id) => generated.get(id)?.has(label)).length;
        const top = found.slice(0, 10);
        const recall = relevant ? hits / relevant : 1;
        const precision = top.length ? top.filter((id) => generated.get(id)?.has(label)).length / top.length : 0;
        recallSum += recall;
        precisionSum += precision;
        perQuery.push(`| ${name} | ${q} | ${relevant} | ${found.length} | ${(recall * 100).toFixed(0)} % | ${(precision * 100).toFixed(0)} % |`);
      }
      quality.set(name, { recall: recallSum / queries.length, precision: precisionSum / queries.length });
      for (const q of queries.slice(0, 5)) await approach.page(q[0]);
    }
    // Latency: every query `rounds` times, `concurrency` at a time. The approaches take turns round by round, so a
    // change in the machine's load during the run falls on each of them alike.
    const timing = new Map(Object.keys(approaches).map((name) => [name, { latencies: [] as number[], seconds: 0 }]));
    for (let round = 0; round < rounds; round++) {
      for (const [name, approach] of Object.entries(approaches)) {
        const own = timing.get(name)!;
        let next = 0;
        const wallStarted = performance.now();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < queries.length) {
              const [q] = queries[next++];
              const t0 = performance.now();
              await approach.page(q);
              own.latencies.push(performance.now() - t0);
            }
          }),
        );
        own.seconds += (performance.now() - wallStarted) / 1000;
      }
    }
    const results = [...timing].map(([name, { latencies, seconds }]) => {
      latencies.sort((a, b) => a - b);
      const { recall, precision } = quality.get(name)!;
      return `| ${name} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${(latencies.length / seconds).toFixed(0)} | ${(recall * 100).toFixed(1)} % | ${(precision * 100).toFixed(1)} % |`;
    });
    console.log(`\n${engine}: ${count} organisations, ${queries.length} labelled queries × ${rounds} rounds at concurrency ${concurrency}\n`);
    console.log('| approach | p50, ms | p95, ms | queries/s | recall (mean) | precision@10 (mean) |\n|---|---|---|---|---|---|');
    for (const line of results) console.log(line);
    if (process.argv.includes('--per-query')) {
      console.log('\n| approach | query | relevant | found | recall | precision@10 |\n|---|---|---|---|---|---|');
      for (const line of perQuery) console.log(line);
    }
  } finally {
    await handle.close();
    await scratch?.drop();
  }
}

await main();
