/**
 * The registry list at 100,000 organisations: page 1 and a deep page (2000th), with no filter, by kind and by
 * municipality, as the API runs it (`listOrganizations`), side by side in one run: the deep page by its number (OFFSET,
 * what the list did before cursors and still does for `?page=`) and reached by cursor (`next` followed from page 1,
 * keyset); with `--pre-0010` also as it ran before migration 0010 (slow: seconds a request).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/registry-list.ts [--organizations 100000] [--requests 200] [--concurrency 20] [--pre-0010] [--keep orbita_bench_registry]
 *
 * In a scratch database on that server (dropped afterwards): migrations and the synthetic registry of bench/search.ts
 * (bench/synthetic-registry.ts), vacuumed and analysed. Before: the previous query shape — `select *` (the search vector
 * too) ordered by `sort_key collate "C"` with OFFSET, `count(*)` of every row beside it, then the municipalities' names —
 * on a pool whose sessions may not scan an index in order (`enable_indexscan`, `enable_indexonlyscan` off), since the
 * index the old list had was on the default collation and could not serve that order. After: `listOrganizations`.
 * Each case: `--requests` requests through `--concurrency` workers; p50/p95 per approach. The cursor of the deep page is
 * found once by following `next` page by page (and checked against the page by number: the same rows).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import pg from 'pg';
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

function option(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : null;
}

/**
 * `--keep NAME`: the database NAME on that server, kept between runs (filled on the first, ~4 minutes on a busy
 * machine), so a rerun measures at once; drop it by hand (`dropdb NAME`) when done.
 */
async function keptPostgres(serverUrl: string, name: string) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--keep takes a database name of lower-case letters, digits and _');
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {}, fresh: !exists };
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
  const kept = option('keep');
  const scratch = kept ? await keptPostgres(serverUrl, kept) : { ...(await scratchPostgres(serverUrl)), fresh: true };
  const handle = await openDatabase({ url: scratch.url, dataDir: null });
  const beforeUrl = new URL(scratch.url);
  beforeUrl.searchParams.set('options', '-c enable_indexscan=off -c enable_indexonlyscan=off');
  let before: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    if (scratch.fresh) {
      await fillSyntheticRegistry(handle.db, count);
      await handle.db.execute(sql`vacuum analyze`);
    }
    // The municipality with the most organisations (the synthetic registry spreads them evenly).
    const largest = (await handle.db.execute(sql`select municipality_id as "municipalityId" from organizations group by 1 order by count(*) desc, 1 limit 1`)) as unknown as { rows: { municipalityId: string }[] };
    const { municipalityId } = largest.rows[0];
    const municipalityIds = [municipalityId];
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
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
    const pre0010 = process.argv.includes('--pre-0010');
    for (const item of cases) {
      const input = { ...item.filter, pageSize: 20 };
      const old = pre0010 ? await measure(requests, concurrency, () => listBefore(before!.db, item)) : null;
      const byNumber = await measure(requests, concurrency, () => listOrganizations(context, { ...input, page: item.page }));
      const numbered = await listOrganizations(context, { ...input, page: item.page });
      // The deep page's cursor, by following `next` from the first page as a person paging on would.
      let reached = await listOrganizations(context, input);
      const walked = performance.now();
      while (reached.page < item.page && reached.next) reached = await listOrganizations(context, { ...input, cursor: reached.next });
      // A filter with fewer pages ends before: its last page is what the cursor then measures.
      const walk = item.page > 1 ? ` (${reached.page - 1} × next in ${((performance.now() - walked) / 1000).toFixed(1)} s${reached.page < item.page ? `; the last page is ${reached.page}` : ''})` : '';
      if (reached.page === item.page && reached.items.map((row) => row.id).join() !== numbered.items.map((row) => row.id).join()) throw new Error(`${item.name}: the page by cursor is not the page by number`);
      const cursor = reached.page > 1 ? reached.previous && (await listOrganizations(context, { ...input, cursor: reached.previous })).next : null;
      const byCursor = await measure(requests, concurrency, () => listOrganizations(context, cursor ? { ...input, cursor } : input));
      const ms = (result: { p50: number; p95: number } | null) => (result ? `${result.p50.toFixed(1)} | ${result.p95.toFixed(1)}` : '– | –');
      lines.push(
        `| ${item.name}${walk} | ${ms(old)} | ${ms(byNumber)} | ${ms(byCursor)} | ${reached.items.length} | ${reached.totalIsEstimate ? '≈ ' : ''}${reached.total} |`,
      );
      console.log(lines[lines.length - 1]);
    }
    console.log(`\n${count} organisations, ${requests} requests a case at concurrency ${concurrency}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    console.log('| case | before 0010 p50, ms | p95 | by page number p50, ms | p95 | by cursor p50, ms | p95 | rows | total |\n|---|---|---|---|---|---|---|---|---|');
    for (const line of lines) console.log(line);
  } finally {
    await before?.close();
    await handle.close();
    await scratch.drop();
  }
}

await main();
