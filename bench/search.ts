/**
 * The registry's search on 100,000 organisations, side by side with two plain ways of searching the same rows.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/search.ts [--organizations 100000] [--rounds 5] [--concurrency 20]
 *
 * In a scratch database on that server (dropped afterwards): migrations, a region of 40 municipalities and N
 * synthetic organisations of twelve kinds with varied names, streets that share words with names (Школьная,
 * Лицейская, Садовая, Библиотечная) and descriptions that mention schools. Three approaches answer the same
 * labelled queries (word forms, typos, short names, addresses):
 *  - ours: `listOrganizations` as the API runs it (read the query, page + total, municipality names, highlights);
 *  - ILIKE: `name, address and description ILIKE '%q%'`, page by name + total;
 *  - plain tsvector: a stored `to_tsvector('russian', …)` with its GIN index, `@@ plainto_tsquery`, page by ts_rank + total.
 * Latency: every query `--rounds` times through `--concurrency` workers on the server's pool; p50/p95 per approach.
 * Quality, from the full result sets: recall (relevant found / relevant) and precision of the first 10, averaged over queries.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { russianSortKey } from '../server/src/algorithms/russian-sort-key';
import type { CommandContext } from '../server/src/platform/context';
import { openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { listOrganizations, organizationConditions, organizationOrder } from '../server/src/modules/organizations/list-organizations';
import { organizations } from '../server/src/modules/organizations/schema';
import { municipalities, regions } from '../server/src/modules/territory/schema';
import { seededRandom } from '../server/src/seed/synthetic-organizations';
import { scratchPostgres } from './scratch-postgres';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

type Label = 'school' | 'lyceum' | 'gymnasium' | 'preschool' | 'library' | 'museum' | 'citt' | 'sports' | 'college' | 'creativity' | 'romashka' | 'solnyshko';
type Street = 'Школьная' | 'Лицейская' | 'Садовая' | 'Библиотечная' | 'Ленина' | 'Мира' | 'Гагарина' | 'Центральная';

const gardenNames = [['Ромашка', 'romashka'], ['Солнышко', 'solnyshko'], ['Берёзка', null], ['Теремок', null]] as const;
const kinds: { kind: typeof organizations.$inferInsert.kind; share: number; make: (n: number, pick: () => number) => { full: string; short: string; labels: Label[] } }[] = [
  { kind: 'school', share: 30, make: (n) => ({ full: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${n}»`, short: `СОШ № ${n}`, labels: ['school'] }) },
  { kind: 'school', share: 6, make: (n) => ({ full: `Муниципальное общеобразовательное учреждение «Основная школа № ${n}»`, short: `Основная школа № ${n}`, labels: ['school'] }) },
  { kind: 'lyceum', share: 6, make: (n) => ({ full: `Муниципальное автономное общеобразовательное учреждение «Лицей № ${n}»`, short: `Лицей № ${n}`, labels: ['lyceum'] }) },
  { kind: 'gymnasium', share: 6, make: (n) => ({ full: `Муниципальное автономное общеобразовательное учреждение «Гимназия № ${n}»`, short: `Гимназия № ${n}`, labels: ['gymnasium'] }) },
  {
    kind: 'preschool',
    share: 25,
    make: (n, pick) => {
      const [name, label] = gardenNames[Math.floor(pick() * gardenNames.length)];
      return { full: `Муниципальное дошкольное образовательное учреждение «Детский сад № ${n} «${name}»»`, short: `Детский сад № ${n} «${name}»`, labels: label ? ['preschool', label] : ['preschool'] };
    },
  },
  { kind: 'supplementary', share: 5, make: (n) => ({ full: `Муниципальное учреждение дополнительного образования «Центр детского творчества № ${n}»`, short: `ЦДТ № ${n}`, labels: ['creativity'] }) },
  { kind: 'supplementary', share: 2, make: (n) => ({ full: `Центр информационных технологий и технического творчества № ${n}`, short: `ЦИТТ № ${n}`, labels: ['citt', 'creativity'] }) },
  { kind: 'sports', share: 4, make: (n) => ({ full: `Детско-юношеская спортивная школа № ${n}`, short: `ДЮСШ № ${n}`, labels: ['sports', 'school'] }) },
  { kind: 'library', share: 8, make: (n) => ({ full: `Муниципальное учреждение культуры «Библиотека-филиал № ${n}»`, short: `Библиотека № ${n}`, labels: ['library'] }) },
  { kind: 'museum', share: 3, make: (n) => ({ full: `Краеведческий музей № ${n}`, short: `Музей № ${n}`, labels: ['museum'] }) },
  { kind: 'college', share: 5, make: (n) => ({ full: `Государственное профессиональное образовательное учреждение «Колледж № ${n}»`, short: `Колледж № ${n}`, labels: ['college'] }) },
];
const streets: Street[] = ['Школьная', 'Лицейская', 'Садовая', 'Библиотечная', 'Ленина', 'Мира', 'Гагарина', 'Центральная'];
const descriptions = ['', '', 'Экскурсии для школьников и учителей', 'Кружки для детей', 'Методическая помощь педагогам', 'Летний лагерь для учеников'];

interface Generated {
  labels: Set<string>;
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
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server: the bench measures PostgreSQL.');
  const count = argument('organizations', 100_000);
  const rounds = argument('rounds', 5);
  const concurrency = argument('concurrency', 20);
  const scratch = await scratchPostgres(serverUrl);
  const handle = await openDatabase({ url: scratch.url, dataDir: null });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const [region] = await db.insert(regions).values({ name: 'Область для замера', centerLat: 55, centerLon: 37, zoom: 7 }).returning();
    const places = await db
      .insert(municipalities)
      .values(Array.from({ length: 40 }, (_, i) => ({ regionId: region.id, name: `Округ ${i + 1}`, kind: 'district' as const, subjectName: 'Область для замера', centerLat: 55, centerLon: 37 })))
      .returning();

    const random = seededRandom(13);
    const totalShare = kinds.reduce((sum, k) => sum + k.share, 0);
    const generated = new Map<string, Generated>();
    const started = performance.now();
    for (let from = 0; from < count; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, count - from) }, (_, index) => {
        const i = from + index;
        let r = random() * totalShare;
        const kind = kinds.find((k) => (r -= k.share) <= 0) ?? kinds[0];
        const made = kind.make(1 + (i % 997), random);
        const street = streets[Math.floor(random() * streets.length)];
        const place = places[i % places.length];
        return {
          externalId: `bench-${i}`,
          kind: kind.kind,
          fullName: `${made.full} (${place.name})`,
          shortName: made.short,
          sortKey: russianSortKey(made.short),
          municipalityId: place.id,
          address: `${place.name}, ул. ${street}, д. ${1 + (i % 90)}`,
          description: descriptions[Math.floor(random() * descriptions.length)],
          headName: 'Иванова Мария Петровна',
          labels: [...made.labels, `street:${street}`],
        };
      });
      const rows = (await db.execute(sql`
        insert into organizations (external_id, kind, full_name, short_name, sort_key, municipality_id, address, description, head_name)
        select external_id, kind, full_name, short_name, sort_key, municipality_id, address, description, head_name
        from jsonb_to_recordset(${JSON.stringify(batch.map((row) => ({ external_id: row.externalId, kind: row.kind, full_name: row.fullName, short_name: row.shortName, sort_key: row.sortKey, municipality_id: row.municipalityId, address: row.address, description: row.description, head_name: row.headName })))}::jsonb) as v(external_id text, kind text, full_name text, short_name text, sort_key text, municipality_id uuid, address text, description text, head_name text)
        returning id, external_id`)) as unknown as { rows: { id: string; external_id: string }[] };
      const byExternal = new Map(batch.map((row) => [row.externalId, row.labels]));
      for (const row of rows.rows) generated.set(row.id, { labels: new Set(byExternal.get(row.external_id)) });
    }
    // The plain tsvector approach gets what it would have in production: a stored vector and its GIN index.
    await db.execute(sql`alter table organizations add column plain_vector tsvector generated always as (to_tsvector('russian', short_name || ' ' || full_name || ' ' || address || ' ' || description)) stored`);
    await db.execute(sql`create index organizations_plain_vector_idx on organizations using gin (plain_vector)`);
    await db.execute(sql`analyze`);
    console.log(`${count} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const context: CommandContext = { db, actor: null, ip: null };
    const plainText = sql`(short_name || ' ' || full_name || ' ' || address || ' ' || description)`;
    const approaches: Record<string, { page: (q: string) => Promise<unknown>; all: (q: string) => Promise<string[]> }> = {
      ours: {
        page: (q) => listOrganizations(context, { q, pageSize: 20 }),
        all: async (q) => {
          const { where, search } = await organizationConditions(db, { q });
          return (await db.select({ id: organizations.id }).from(organizations).where(where).orderBy(...organizationOrder(undefined, search))).map((r) => r.id);
        },
      },
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

    const results: string[] = [];
    const perQuery: string[] = [];
    for (const [name, approach] of Object.entries(approaches)) {
      // Quality first, from the full result sets.
      let recallSum = 0;
      let precisionSum = 0;
      for (const [q, label] of queries) {
        const found = await approach.all(q);
        const relevant = [...generated.values()].filter((g) => g.labels.has(label)).length;
        const hits = found.filter((id) => generated.get(id)?.labels.has(label)).length;
        const top = found.slice(0, 10);
        const recall = relevant ? hits / relevant : 1;
        const precision = top.length ? top.filter((id) => generated.get(id)?.labels.has(label)).length / top.length : 0;
        recallSum += recall;
        precisionSum += precision;
        perQuery.push(`| ${name} | ${q} | ${relevant} | ${found.length} | ${(recall * 100).toFixed(0)} % | ${(precision * 100).toFixed(0)} % |`);
      }
      // Latency: every query `rounds` times, `concurrency` at a time.
      const tasks = Array.from({ length: rounds }, () => queries.map(([q]) => q)).flat();
      for (const q of queries.slice(0, 5)) await approach.page(q[0]);
      const latencies: number[] = [];
      let next = 0;
      const wallStarted = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < tasks.length) {
            const q = tasks[next++];
            const t0 = performance.now();
            await approach.page(q);
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const wall = (performance.now() - wallStarted) / 1000;
      latencies.sort((a, b) => a - b);
      results.push(
        `| ${name} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${(tasks.length / wall).toFixed(0)} | ${((recallSum / queries.length) * 100).toFixed(1)} % | ${((precisionSum / queries.length) * 100).toFixed(1)} % |`,
      );
    }
    console.log(`\n${count} organisations, ${queries.length} labelled queries × ${rounds} rounds at concurrency ${concurrency}\n`);
    console.log('| approach | p50, ms | p95, ms | queries/s | recall (mean) | precision@10 (mean) |\n|---|---|---|---|---|---|');
    for (const line of results) console.log(line);
    if (process.argv.includes('--per-query')) {
      console.log('\n| approach | query | relevant | found | recall | precision@10 |\n|---|---|---|---|---|---|');
      for (const line of perQuery) console.log(line);
    }
  } finally {
    await handle.close();
    await scratch.drop();
  }
}

await main();
