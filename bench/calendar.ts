/**
 * The month view of a region's calendar with 20,000 events: `GET /api/calendar?from=…&to=…` (six weeks of a month
 * grid, the first 3 events of each day and every day's count) over HTTP, anonymous and as a signed-in teacher (whose visibility rule is the longer one), on PGlite and on
 * PostgreSQL side by side in one run. Goal: p95 < 50 ms.
 *
 *   npx tsx bench/calendar.ts [--events 20000] [--months 24] [--requests 300] [--concurrency 1]        # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/calendar.ts [...]          # both engines
 *
 * Each engine: a fresh migrated database (in-memory PGlite; a scratch database on the PostgreSQL server, dropped
 * afterwards), the synthetic registry of 500 organisations in 40 municipalities (bench/synthetic-registry.ts), 20
 * networks (a quarter of the events belong to one), and `--events` events spread over `--months` months from
 * September 2025: 9 kinds, 5 audiences, 3 formats, one in 20 lasting 1–14 days, one in 10 a draft, one in 20
 * cancelled. Then `orbita`'s own app (buildApp) listens on a local port in this process and `--requests` month views
 * of random months go to it, `--concurrency` at a time over keep-alive connections, after 20 to warm up. Also a
 * filtered one (kind and format) and a network's month. Latency is from sending to the last byte; bytes are the JSON
 * as sent (gzip when asked: `accept-encoding: gzip`).
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { memberships, users } from '../server/src/modules/accounts/schema';
import { openSession } from '../server/src/modules/accounts/sessions';
import { networks } from '../server/src/modules/networks/schema';
import { organizations } from '../server/src/modules/organizations/schema';
import { loadConfig } from '../server/src/platform/config';
import { type DatabaseHandle, openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { buildApp } from '../server/src/platform/http/app';
import { addDays } from '../server/src/platform/dates';
import { scratchPostgres } from './scratch-postgres';
import { fillSyntheticRegistry } from './synthetic-registry';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}
const eventCount = argument('events', 20_000);
const months = argument('months', 24);
const requests = argument('requests', 300);
const concurrency = argument('concurrency', 1);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** The six weeks of the month grid that shows the month starting on `first` (YYYY-MM-01): Monday before it, 42 days. */
function gridOf(first: string) {
  const weekday = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(first, -weekday);
  return { from, to: addDays(from, 41) };
}
const monthStart = (offset: number) => {
  const date = new Date(Date.UTC(2025, 8 + offset, 1));
  return date.toISOString().slice(0, 10);
};

async function fill(handle: DatabaseHandle) {
  const { db } = handle;
  await fillSyntheticRegistry(db, 500);
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  const made = await db
    .insert(networks)
    .values(Array.from({ length: 20 }, (_, i) => ({ name: `Сеть ${i + 1}`, kind: 'district' as const, managingOrganizationId: orgs[i].id })))
    .returning({ id: networks.id });
  const kinds = ['seminar', 'master_class', 'internship', 'consultation', 'practicum', 'conference', 'olympiad', 'festival', 'other'];
  const audiences = ['heads', 'teachers', 'students', 'parents', 'public'];
  const days = months * 30;
  await db.execute(sql`
    insert into events (kind, title, description, audiences, format, address, starts_at, ends_at, organization_id, network_id, state, capacity)
    select (${sql.param(kinds)}::text[])[1 + i % 9],
           'Мероприятие ' || i || ': семинар для педагогов и руководителей',
           'Описание мероприятия ' || i,
           array[(${sql.param(audiences)}::text[])[1 + i % 5]],
           (array['in_person', 'online', 'mixed'])[1 + i % 3],
           'г. Город, ул. Школьная, ' || (1 + i % 90),
           t,
           t + case when i % 20 = 0 then (1 + i % 14) * interval '1 day' else interval '2 hours' end,
           (${sql.param(orgs.map((o) => o.id))}::uuid[])[1 + (i * 31) % ${orgs.length}],
           case when i % 4 = 0 then (${sql.param(made.map((n) => n.id))}::uuid[])[1 + i % 20] end,
           case when i % 10 = 0 then 'draft' when i % 20 = 1 then 'cancelled' else 'published' end,
           50
    from generate_series(1, ${eventCount}) i,
         lateral (select timestamptz '2025-09-01 09:00:00+03' + ((i * 7919) % ${days}) * interval '1 day' + (i % 9) * interval '1 hour' as t) s`);
  await db.execute(sql`analyze`);
  // A teacher at one of the organisations: her visibility adds her organisation's drafts.
  const [teacher] = await db.insert(users).values({ email: 'calendar-bench@test.orbita', fullName: 'Учитель замера' }).returning();
  await db.insert(memberships).values({ userId: teacher.id, organizationId: orgs[7].id, role: 'teacher' });
  const { token } = await openSession(db, teacher.id, { ip: '127.0.0.1', userAgent: 'bench' });
  return { cookie: `orbita_session=${token}`, networkId: made[4].id };
}

interface Measured {
  p50: number;
  p95: number;
  mean: number;
  rows: number;
  bytes: number;
  gzipBytes: number;
}

async function measure(port: number, urls: () => string, headers: Record<string, string>): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (url: string, extra: Record<string, string> = {}) =>
    new Promise<{ ms: number; body: Buffer; status: number }>((resolve, reject) => {
      const started = performance.now();
      http
        .get({ host: '127.0.0.1', port, path: url, agent, headers: { ...headers, ...extra } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ ms: performance.now() - started, body: Buffer.concat(chunks), status: response.statusCode ?? 0 }));
        })
        .on('error', reject);
    });
  for (let i = 0; i < 20; i++) await get(urls());
  const latencies: number[] = [];
  let rows = 0;
  let bytes = 0;
  let gzipBytes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < requests) {
        const answer = await get(urls());
        if (answer.status !== 200) throw new Error(`${answer.status}: ${answer.body.toString().slice(0, 300)}`);
        latencies.push(answer.ms);
        rows += (JSON.parse(answer.body.toString()) as { days: { events: unknown[] }[] }).days.reduce((sum, day) => sum + day.events.length, 0);
        bytes += answer.body.length;
      }
    }),
  );
  for (let i = 0; i < 10; i++) gzipBytes += (await get(urls(), { 'accept-encoding': 'gzip' })).body.length;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    rows: Math.round(rows / requests),
    bytes: Math.round(bytes / requests),
    gzipBytes: Math.round(gzipBytes / 10),
  };
}

async function run(engine: string, handle: DatabaseHandle) {
  await migrateDatabase(handle);
  const started = performance.now();
  const { cookie, networkId } = await fill(handle);
  console.log(`${engine}: ${eventCount} events over ${months} months in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes('--explain')) {
    const { calendarStatement } = await import('../server/src/modules/calendar/list-calendar-events');
    const grid = gridOf(monthStart(6));
    const plan = (await handle.db.execute(sql`explain (analyze, buffers) ${calendarStatement({ db: handle.db, actor: null, ip: null }, grid)}`)) as unknown as { rows: Record<string, string>[] };
    console.log(plan.rows.map((r) => Object.values(r)[0]).join('\n'));
  }
  const app = await buildApp(handle, { ...loadConfig({}), dataDir: mkdtempSync(path.join(tmpdir(), 'orbita-bench-')), logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  let seed = 7;
  const randomMonth = () => {
    seed = (seed * 48271) % 2147483647;
    return gridOf(monthStart(seed % months));
  };
  const month = (extra = '') => () => {
    const { from, to } = randomMonth();
    return `/api/calendar?from=${from}&to=${to}${extra}`;
  };
  const week = () => {
    const { from } = randomMonth();
    return `/api/calendar?from=${addDays(from, 14)}&to=${addDays(from, 20)}&perDay=20`;
  };
  const cases: [string, () => string, Record<string, string>][] = [
    ['month grid (42 days, 3 a day), anonymous', month(), {}],
    ['month grid, signed-in teacher', month(), { cookie }],
    ['month grid, kind + format filter', month('&kind=seminar,master_class,conference&format=in_person'), {}],
    ['month grid of one network', month(`&networkId=${networkId}`), {}],
    ['week (7 days, 20 a day), anonymous', week, {}],
    ['list (42 days, 50 a day), anonymous', month('&perDay=50'), {}],
  ];
  const lines: string[] = [];
  try {
    for (const [name, urls, headers] of cases) {
      const m = await measure(port, urls, headers);
      lines.push(`| ${engine} | ${name} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.mean.toFixed(1)} | ${m.rows} | ${(m.bytes / 1024).toFixed(0)} | ${(m.gzipBytes / 1024).toFixed(0)} |`);
      console.log(lines[lines.length - 1]);
    }
  } finally {
    await app.close();
  }
  return lines;
}

async function main() {
  const all: string[] = [];
  const pglite = await openDatabase({ url: null, dataDir: null });
  try {
    all.push(...(await run('PGlite', pglite)));
  } finally {
    await pglite.close();
  }
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL);
    const postgres = await openDatabase({ url: scratch.url, dataDir: null });
    try {
      all.push(...(await run('PostgreSQL', postgres)));
    } finally {
      await postgres.close();
      await scratch.drop();
    }
  }
  console.log(`\n${eventCount} events over ${months} months; ${requests} requests a case at concurrency ${concurrency}\n`);
  console.log('| engine | case | p50, ms | p95, ms | mean, ms | events in answer | JSON, KB | gzip, KB |\n|---|---|---|---|---|---|---|---|');
  for (const line of all) console.log(line);
}

await main();
