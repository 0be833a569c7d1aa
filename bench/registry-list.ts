/**
 * The registry list at 100,000 organisations: page 1 and a deep page, with no filter, by kind and by municipality, as
 * the API runs it now (`listOrganizations`) and as it ran before migration 0010, side by side in one run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/registry-list.ts [--organizations 100000] [--requests 200] [--concurrency 20]
 *
 * In a scratch database on that server (dropped afterwards): migrations and the synthetic registry of bench/search.ts
 * (bench/synthetic-registry.ts), vacuumed and analysed. Before: the previous query shape — `select *` (the search vector
 * too) ordered by `sort_key collate "C"` with OFFSET, `count(*)` of every row beside it, then the municipalities' names —
 * on a pool whose sessions may not scan an index in order (`enable_indexscan`, `enable_indexonlyscan` off), since the
 * index the old list had was on the default collation and could not serve that order. After: `listOrganizations`.
 * Each case: `--requests` requests through `--concurrency` workers; p50/p95 per approach.
 */
import { performance } from 'node:perf_hooks';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CommandContext } from '../server/src/platform/context';
import { type Database, openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { listOrganizations } from '../server/src/modules/organizations/list-organizations';
import { organizations } from '../server/src/modules/organizations/schema';
import { municipalities } from '../server/src/modules/territory/schema';
import { scratchPostgres } from './scratch-postgres';
import { fillSyntheticRegistry } from './synthetic-registry';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Case {
  name: string;
  filter: { kind?: 'school'; municipalityId?: string };
  page: number;
}

/** The list as it was before migration 0010 (list-organizations.ts at 9aa07da): page and count side by side, then the municipalities' names. */
async function listBefore(db: Database, { filter, page }: Case) {
  const where = and(
    ne(organizations.state, 'archived'),
    filter.kind ? eq(organizations.kind, filter.kind) : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(organizations).where(where).orderBy(sql`${organizations.sortKey} collate "C" asc`, organizations.id).limit(20).offset((page - 1) * 20),
    db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where),
  ]);
  const ids = [...new Set(rows.map((row) => row.municipalityId))];
  const names = ids.length ? await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, ids)) : [];
  return { rows, total, names };
}

async function measure(requests: number, concurrency: number, run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const t0 = performance.now();
        await run();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSecond: requests / seconds };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server: the bench measures PostgreSQL.');
  const count = argument('organizations', 100_000);
  const requests = argument('requests', 200);
  const concurrency = argument('concurrency', 20);
  const scratch = await scratchPostgres(serverUrl);
  const handle = await openDatabase({ url: scratch.url, dataDir: null });
  const beforeUrl = new URL(scratch.url);
  beforeUrl.searchParams.set('options', '-c enable_indexscan=off -c enable_indexonlyscan=off');
  let before: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const { municipalityIds } = await fillSyntheticRegistry(handle.db, count);
    await handle.db.execute(sql`vacuum analyze`);
    console.log(`${count} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    before = await openDatabase({ url: beforeUrl.toString(), dataDir: null });
    const context: CommandContext = { db: handle.db, actor: null, ip: null };
    const deep = Math.max(1, Math.floor(count / 50));
    const cases: Case[] = [
      { name: 'no filter, page 1', filter: {}, page: 1 },
      { name: `no filter, page ${deep}`, filter: {}, page: deep },
      { name: 'kind = school, page 1', filter: { kind: 'school' }, page: 1 },
      { name: `kind = school, page ${deep}`, filter: { kind: 'school' }, page: deep },
      { name: 'one municipality, page 1', filter: { municipalityId: municipalityIds[0] }, page: 1 },
      { name: `one municipality, page ${deep}`, filter: { municipalityId: municipalityIds[0] }, page: deep },
    ];
    const lines: string[] = [];
    for (const item of cases) {
      const old = await measure(requests, concurrency, () => listBefore(before!.db, item));
      const now = await measure(requests, concurrency, () => listOrganizations(context, { ...item.filter, page: item.page, pageSize: 20 }));
      const answer = await listOrganizations(context, { ...item.filter, page: item.page, pageSize: 20 });
      lines.push(
        `| ${item.name} | ${old.p50.toFixed(1)} | ${old.p95.toFixed(1)} | ${now.p50.toFixed(1)} | ${now.p95.toFixed(1)} | ${(old.p95 / now.p95).toFixed(0)}× | ${answer.items.length} | ${answer.totalIsEstimate ? '≈ ' : ''}${answer.total} |`,
      );
      console.log(lines[lines.length - 1]);
    }
    console.log(`\n${count} organisations, ${requests} requests a case at concurrency ${concurrency}\n`);
    console.log('| case | before p50, ms | before p95, ms | after p50, ms | after p95, ms | p95 before/after | rows | total |\n|---|---|---|---|---|---|---|---|');
    for (const line of lines) console.log(line);
  } finally {
    await before?.close();
    await handle.close();
    await scratch.drop();
  }
}

await main();
