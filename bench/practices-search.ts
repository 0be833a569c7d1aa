/**
 * The library's search (GET /api/practices, issue 17) on a synthetic library of 100,000 practices, side by side with a
 * plain `to_tsvector('russian') @@ plainto_tsquery` + GIN + `ts_rank` query on the same rows, on PGlite and — with
 * DATABASE_URL — PostgreSQL in one run.
 *
 *   npx tsx bench/practices-search.ts [--size 100000] [--rounds 3] [--per-query]                        # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/practices-search.ts [...]     # both engines
 *   npx tsx bench/practices-search.ts --size 2000 --rounds 1                                             # a smoke run
 *
 * Each engine: a fresh migrated database (in-memory PGlite; a scratch database on the server, dropped afterwards), the
 * library of bench/synthetic-practices.ts (deterministic), and for the plain query a stored `to_tsvector('russian', …)`
 * of the same texts with its GIN index. Then `orbita`'s own app (buildApp) listens on a local port and the labelled
 * queries go to `/api/practices?q=…` over HTTP (keep-alive) — the answer holds the page, the total and every facet's
 * counts — at concurrency 1 and 20, each query `--rounds` times; the plain query (page by ts_rank + total) runs on the
 * server's pool the same way. Quality, load-independent: recall@10 and nDCG@10 of each answer's first 10 against the
 * labels, per kind of query (word forms, typos, phrases, rare, common).
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/platform/config';
import { type DatabaseHandle, openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { buildApp } from '../server/src/platform/http/app';
import { scratchPostgres } from './scratch-postgres';
import { type LabelledQuery, type LibraryLabels, fillSyntheticLibrary, judge, labelledQueries } from './synthetic-practices';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
const size = argument('size', 100_000);
const rounds = argument('rounds', 3);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The plain way: the practice's texts in one stored vector, its GIN index, a page by ts_rank and the total. */
async function addPlainSearch(handle: DatabaseHandle) {
  await handle.db.execute(
    sql`alter table practice_versions add column plain_vector tsvector generated always as (to_tsvector('russian', title || ' ' || description || ' ' || problem || ' ' || results || ' ' || orbita_words(tags))) stored`,
  );
  await handle.db.execute(sql`create index practice_versions_plain_vector_idx on practice_versions using gin (plain_vector)`);
  await handle.db.execute(sql`analyze`);
}
const plainFound = sql`practices p join practice_versions v on v.id = p.published_version_id where p.state = 'published' and v.plain_vector @@ plainto_tsquery('russian', q.text)`;
const plainPage = (handle: DatabaseHandle, q: string, limit: number) =>
  handle.db.execute(sql`select p.id, v.title from (select ${q}::text as text) as q, ${plainFound} order by ts_rank(v.plain_vector, plainto_tsquery('russian', q.text)) desc, p.id limit ${limit}`) as unknown as Promise<{ rows: { id: string }[] }>;
const plainRequest = (handle: DatabaseHandle, q: string) => Promise.all([plainPage(handle, q, 20), handle.db.execute(sql`select count(*) from (select ${q}::text as text) as q, ${plainFound}`)]);

function get(agent: http.Agent, port: number, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url}: ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}

/** Every query `rounds` times, `concurrency` at a time: latencies and queries per second. */
async function measure(concurrency: number, request: (q: string) => Promise<unknown>) {
  const work = Array.from({ length: rounds }, () => labelledQueries.map((query) => query.q)).flat();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < work.length) {
        const q = work[next++];
        const t0 = performance.now();
        await request(q);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), perSecond: latencies.length / seconds };
}

type Quality = Map<LabelledQuery['kind'] | 'all', { recall: number; ndcg: number; n: number }>;
function quality(answers: { query: LabelledQuery; ranked: string[] }[], labels: LibraryLabels, perQuery: string[], name: string): Quality {
  const sums: Quality = new Map();
  for (const { query, ranked } of answers) {
    const judged = judge(query, ranked, labels);
    perQuery.push(`| ${name} | ${query.q} | ${query.kind} | ${judged.relevant} | ${(judged.recall * 100).toFixed(0)} % | ${judged.ndcg.toFixed(2)} |`);
    for (const key of [query.kind, 'all'] as const) {
      const sum = sums.get(key) ?? { recall: 0, ndcg: 0, n: 0 };
      sums.set(key, { recall: sum.recall + judged.recall, ndcg: sum.ndcg + judged.ndcg, n: sum.n + 1 });
    }
  }
  return sums;
}

async function run(engine: string, handle: DatabaseHandle, perQuery: string[]) {
  await migrateDatabase(handle);
  const started = performance.now();
  const labels = await fillSyntheticLibrary(handle.db, size);
  await addPlainSearch(handle);
  console.log(`${engine}: ${size} practices in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const app = await buildApp(handle, { ...loadConfig({}), dataDir: mkdtempSync(path.join(tmpdir(), 'orbita-bench-')), logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  const ours = (q: string) => get(agent, port, `/api/practices?q=${encodeURIComponent(q)}&pageSize=20`);
  const lines: string[] = [];
  try {
    const oursAnswers = [];
    const plainAnswers = [];
    for (const query of labelledQueries) {
      oursAnswers.push({ query, ranked: (JSON.parse(await ours(query.q)) as { items: { id: string }[] }).items.map((item) => item.id) });
      plainAnswers.push({ query, ranked: (await plainPage(handle, query.q, 10)).rows.map((row) => row.id) });
    }
    const approaches = [
      { name: 'ours (HTTP, page + total + facets)', request: ours, quality: quality(oursAnswers, labels, perQuery, `${engine}, ours`) },
      { name: 'plain tsvector (SQL, page + total)', request: (q: string) => plainRequest(handle, q), quality: quality(plainAnswers, labels, perQuery, `${engine}, plain`) },
    ];
    for (const concurrency of [1, 20]) {
      for (const approach of approaches) {
        const m = await measure(concurrency, approach.request);
        const all = approach.quality.get('all')!;
        const typos = approach.quality.get('typo')!;
        lines.push(
          `| ${engine} | ${approach.name} | ${concurrency} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.p99.toFixed(1)} | ${m.perSecond.toFixed(0)} | ${((all.recall / all.n) * 100).toFixed(1)} % | ${(all.ndcg / all.n).toFixed(3)} | ${((typos.recall / typos.n) * 100).toFixed(1)} % |`,
        );
        console.log(lines[lines.length - 1]);
      }
    }
    const kinds = [...approaches[0].quality.keys()].filter((kind) => kind !== 'all');
    for (const approach of approaches) {
      lines.push(`| ${engine} | ${approach.name} | by kind | ${kinds.map((kind) => { const q = approach.quality.get(kind)!; return `${kind} (${q.n}): ${((q.recall / q.n) * 100).toFixed(0)} % / ${(q.ndcg / q.n).toFixed(2)}`; }).join('; ')} |`);
    }
  } finally {
    agent.destroy();
    await app.close();
  }
  return lines;
}

async function main() {
  const lines: string[] = [];
  const perQuery: string[] = [];
  const pglite = await openDatabase({ url: null, dataDir: null });
  try {
    lines.push(...(await run('PGlite', pglite, perQuery)));
  } finally {
    await pglite.close();
  }
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL);
    const postgres = await openDatabase({ url: scratch.url, dataDir: null });
    try {
      lines.push(...(await run('PostgreSQL', postgres, perQuery)));
    } finally {
      await postgres.close();
      await scratch.drop();
    }
  }
  console.log(`\n${size} practices, ${labelledQueries.length} labelled queries × ${rounds} rounds\n`);
  console.log('| engine | approach | concurrency | p50, ms | p95, ms | p99, ms | queries/s | recall@10 | nDCG@10 | typo recall@10 |\n|---|---|---|---|---|---|---|---|---|---|');
  for (const line of lines) console.log(line);
  if (process.argv.includes('--per-query')) {
    console.log('\n| engine, approach | query | kind | relevant | recall@10 | nDCG@10 |\n|---|---|---|---|---|---|');
    for (const line of perQuery) console.log(line);
  }
}

await main();
