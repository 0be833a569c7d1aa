/**
 * The first minutes of an enrolment opening: many guardians pressing "Записать" at once, over HTTP,
 * against a real server on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/enrolment-rush.ts [--programmes 1000] [--seats 25] [--guardians 10000] [--tries 10] [--concurrency 100] [--profile]
 *       [--before /tmp/orbita-before] [--workers N]
 *
 * In a scratch database on that server it creates `programmes` open programmes of `seats` seats and
 * `guardians` guardians with one child each (consent given, session open); then every child tries
 * `tries` programmes chosen with a Zipf-like skew (a few programmes everybody wants), all attempts
 * shuffled and sent by `concurrency` clients at once to `orbita serve` running in its own process.
 * It reports throughput and latency, then checks the invariants in the database: no programme over
 * capacity, seats_taken equal to the enrolled rows, no child twice in one programme. `--profile` writes the
 * server's CPU profile to bench/profiles/ (open it in Chrome DevTools).
 *
 * `--before DIR` first runs the same rush (same data, same attempts, a scratch database of its own) against the
 * server of another checkout, e.g. `git worktree add /tmp/orbita-before 9aa07da` with node_modules linked, and
 * prints this checkout's rate as a multiple of it. `--workers N` sets ORBITA_WORKERS for this checkout's server
 * (its default is one process a core on PostgreSQL); the other checkout's server runs as it does by default.
 * Servers listen on ports 3231–3232.
 *
 * Side by side, in the same run:
 * - the bare ceiling: pgbench running only the seat's conditional UPDATE at -c 10 (what the issue compares with);
 * - the ceiling: pgbench running the enrolment's writes alone (seat UPDATE, enrolment INSERT, audit
 *   INSERT) over as many connections as the server's pool, i.e. what PostgreSQL on this machine does
 *   without HTTP, sessions and checks;
 * - the naive way: "count the enrolled, insert if below capacity" in READ COMMITTED transactions racing
 *   for one programme, which overbooks — the reason seats are taken by one conditional UPDATE.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openSession } from '../server/src/modules/accounts/sessions';
import { userRoles, users } from '../server/src/modules/accounts/schema';
import { childConsents, children } from '../server/src/modules/families/schema';
import { programmes } from '../server/src/modules/programmes/schema';
import { openDatabase } from '../server/src/platform/db/client';
import { seedFixtures } from '../server/test/fixtures';
import { median, mulberry32, percentile, zipfPicker } from './rush-kit';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const settings = {
  programmes: argument('programmes', 1000),
  seats: argument('seats', 25),
  guardians: argument('guardians', 10_000),
  tries: argument('tries', 10),
  concurrency: argument('concurrency', 100),
};

/** The server's PostgreSQL pool (ORBITA_DB_POOL, 10 by default): what it can have in flight at once, and pgbench's client count. */
const APP_POOL = Number(process.env.ORBITA_DB_POOL ?? 10);

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL must point at a PostgreSQL server (the bench creates and drops a scratch database there)');

function pgbenchBinary(): string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`).find((p) => existsSync(p));
  if (!found) throw new Error('pgbench not found under /usr/lib/postgresql/*/bin (Debian package postgresql-<version>)');
  return found;
}

interface RushResult {
  rate: number;
  attempts: number;
  latencies: number[];
  statuses: Map<number, number>;
  invariants: { overbooked: string; mismatched: string; doubled: string; enrolled: string; full: string };
}

/** A scratch database on the server, dropped after `work`. */
async function withScratchDatabase<T>(suffix: string, work: (databaseUrl: string, client: pg.Client) => Promise<T>): Promise<T> {
  const scratch = `orbita_bench_rush_${process.pid}_${suffix}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${scratch}`;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await client.connect();
    return await work(url.toString(), client);
  } finally {
    await client.end().catch(() => {});
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
}

/** The whole rush against the server of `checkout` (its own code, its own migrations) on a fresh scratch database. */
async function rush(checkout: string, port: number, workers: string | null): Promise<RushResult> {
  return withScratchDatabase(String(port), async (databaseUrl, check) => {
    let server: ChildProcess | null = null;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-rush-'));
    try {
      // The checkout's own CLI migrates the database as its server would find it.
      execFileSync(process.execPath, [path.join(checkout, 'bin/orbita.mjs'), 'migrate'], { cwd: checkout, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' });
      const handle = await openDatabase({ url: databaseUrl, dataDir: null });
      const db = handle.db;

      const setupStarted = performance.now();
      const fixtures = await seedFixtures(db);
      const programmeRows = await db
        .insert(programmes)
        .values(
          Array.from({ length: settings.programmes }, (_, i) => ({
            organizationId: fixtures.ownOrganizationId,
            kind: 'supplementary' as const,
            direction: 'technical' as const,
            title: `Программа ${i + 1}`,
            gradeFrom: 1,
            gradeTo: 11,
            format: 'on_site' as const,
            startsOn: '2027-01-11',
            endsOn: '2027-05-28',
            capacity: settings.seats,
            enrolmentMode: 'open' as const,
            state: 'published' as const,
          })),
        )
        .returning({ id: programmes.id });
      const guardians: { childId: string; cookie: string; csrfToken: string }[] = [];
      for (let start = 0; start < settings.guardians; start += 1000) {
        const batch = Array.from({ length: Math.min(1000, settings.guardians - start) }, (_, i) => start + i);
        const userRows = await db
          .insert(users)
          .values(batch.map((n) => ({ email: `guardian-${n}@rush.orbita`, fullName: `Родитель ${n}` })))
          .returning({ id: users.id });
        await db.insert(userRoles).values(userRows.map((u) => ({ userId: u.id, role: 'guardian' as const })));
        const childRows = await db
          .insert(children)
          .values(userRows.map((u, i) => ({ guardianUserId: u.id, fullName: `Ребёнок ${batch[i]}`, grade: 1 + (batch[i] % 11) })))
          .returning({ id: children.id, guardianUserId: children.guardianUserId });
        await db.insert(childConsents).values(childRows.map((c) => ({ childId: c.id, guardianUserId: c.guardianUserId, textVersion: 'bench', textHash: 'bench' })));
        const sessions = await Promise.all(childRows.map((c) => openSession(db, c.guardianUserId, { ip: '127.0.0.1', userAgent: 'rush' })));
        sessions.forEach((s, i) => guardians.push({ childId: childRows[i].id, cookie: `orbita_session=${s.token}`, csrfToken: s.csrfToken }));
      }
      await handle.close();
      console.log(`  setup: ${settings.programmes} programmes × ${settings.seats} seats, ${settings.guardians} guardians in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

      // The same attempts in the same order for every checkout.
      const random = mulberry32(2026);
      const pick = zipfPicker(settings.programmes, random);
      const attempts: { guardian: (typeof guardians)[number]; programmeId: string }[] = [];
      for (const guardian of guardians) {
        const chosen = new Set<number>();
        while (chosen.size < Math.min(settings.tries, settings.programmes)) chosen.add(pick());
        for (const index of chosen) attempts.push({ guardian, programmeId: programmeRows[index].id });
      }
      for (let i = attempts.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
      }

      const profile = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench/profiles')}`] : [];
      server = spawn(process.execPath, [...profile, path.join(checkout, 'bin/orbita.mjs'), 'serve'], {
        cwd: checkout,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          ORBITA_DATA_DIR: dataDir,
          ORBITA_WEB_ROOT: path.join(dataDir, 'web'),
          ORBITA_SEED_DEMO: 'false',
          LOG_LEVEL: 'error',
          ...(workers ? { ORBITA_WORKERS: workers } : {}),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      const base = `http://127.0.0.1:${port}`;
      for (const deadline = Date.now() + 60_000; ; ) {
        if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
        if (Date.now() > deadline) throw new Error('server did not start in 60 s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      // Plain keep-alive HTTP/1.1 (autocannon's way): fetch would spend more of the two cores than the server it loads.
      const agent = new http.Agent({ keepAlive: true, maxSockets: settings.concurrency });
      const post = (programmeId: string, guardian: (typeof guardians)[number]) =>
        new Promise<number>((resolve, reject) => {
          const body = JSON.stringify({ childId: guardian.childId, waitlist: false });
          const request = http.request(
            `${base}/api/programmes/${programmeId}/enrolments`,
            {
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: guardian.cookie, 'x-csrf-token': guardian.csrfToken, 'idempotency-key': randomUUID() },
            },
            (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode ?? 0));
            },
          );
          request.on('error', reject);
          request.end(body);
        });
      let next = 0;
      const rushStarted = performance.now();
      await Promise.all(
        Array.from({ length: settings.concurrency }, async () => {
          while (next < attempts.length) {
            const { guardian, programmeId } = attempts[next++];
            const sent = performance.now();
            const status = await post(programmeId, guardian);
            latencies.push(performance.now() - sent);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }),
      );
      agent.destroy();
      const rushSeconds = (performance.now() - rushStarted) / 1000;

      const invariants = await check.query<RushResult['invariants']>(`
        select
          (select count(*) from programmes where seats_taken > capacity) as overbooked,
          (select count(*) from programmes p where seats_taken <> (select count(*) from enrolments e where e.programme_id = p.id and e.state = 'enrolled')) as mismatched,
          (select count(*) from (select child_id, programme_id from enrolments where state in ('enrolled', 'waitlisted') group by 1, 2 having count(*) > 1) d) as doubled,
          (select count(*) from enrolments where state = 'enrolled') as enrolled,
          (select count(*) from programmes where seats_taken = capacity) as full`);
      return { rate: attempts.length / rushSeconds, attempts: attempts.length, latencies, statuses, invariants: invariants.rows[0] };
    } finally {
      if (server && server.exitCode === null) {
        server.kill('SIGTERM');
        await new Promise((resolve) => server!.once('exit', resolve));
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

function report(label: string, result: RushResult) {
  const row = result.invariants;
  console.log(`${label}: ${result.attempts} attempts by ${settings.concurrency} clients = ${Math.round(result.rate)} req/s`);
  console.log(`  answers: ${[...result.statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`);
  console.log(`  latency ms: median ${median(result.latencies).toFixed(1)}, p95 ${percentile(result.latencies, 0.95).toFixed(1)}, p99 ${percentile(result.latencies, 0.99).toFixed(1)}`);
  console.log(`  invariants: overbooked ${row.overbooked}, seats≠rows ${row.mismatched}, doubled ${row.doubled}; enrolled ${row.enrolled}, full programmes ${row.full}`);
}

const violations = (result: RushResult) => Number(result.invariants.overbooked) + Number(result.invariants.mismatched) + Number(result.invariants.doubled);

async function main() {
  const before = process.argv.includes('--before') ? path.resolve(process.argv[process.argv.indexOf('--before') + 1]) : null;
  const workers = process.argv.includes('--workers') ? process.argv[process.argv.indexOf('--workers') + 1] : null;
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let old: RushResult | null = null;
  if (before) {
    console.log(`before (${before}):`);
    old = await rush(before, 3232, null);
    report('before', old);
  }
  console.log(`this checkout (ORBITA_WORKERS ${workers ?? 'default: one a core'}):`);
  const now = await rush(process.cwd(), 3231, workers);
  report('this checkout', now);
  if (old) console.log(`this checkout runs at ${(now.rate / old.rate).toFixed(2)}× the rate before`);

  await withScratchDatabase('ceiling', async (databaseUrl, client) => {
    const bare = await pgbenchBareUpdate(client, databaseUrl, now.attempts);
    console.log(`bare ceiling (pgbench, the seat's conditional UPDATE alone, -c ${APP_POOL}): ${Math.round(bare)} tx/s — the HTTP path runs at ${((now.rate / bare) * 100).toFixed(1)} % of it`);
    const ceiling = await pgbenchCeiling(client, databaseUrl, now.attempts);
    console.log(`ceiling (pgbench, the same writes over the app's ${APP_POOL} connections): ${Math.round(ceiling)} tx/s — the HTTP path runs at ${((now.rate / ceiling) * 100).toFixed(0)} % of it`);
    const racers = Math.min(settings.concurrency, APP_POOL * 5);
    const naive = await naiveRace(client, databaseUrl, settings.seats, racers);
    console.log(`naive count-then-insert, ${racers} connections racing for ${settings.seats} seats: ${naive} enrolled`);
  });
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (violations(now) + (old ? violations(old) : 0) > 0) process.exitCode = 1;
}

/** Runs a pgbench script (one transaction each) over APP_POOL connections; its tx/s. */
function pgbench(databaseUrl: string, name: string, script: string, transactions: number): number {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'orbita-pgbench-')), name);
  writeFileSync(file, script);
  const output = execFileSync(pgbenchBinary(), ['-n', '-f', file, '-c', String(APP_POOL), '-j', '2', '-t', String(Math.ceil(transactions / APP_POOL)), databaseUrl], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tps = /tps = ([\d.]+)/.exec(output);
  if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
  return Number(tps[1]);
}

const seatsTable = (name: string) => `
  create table ${name} (n int primary key, capacity int not null, seats_taken int not null default 0);
  insert into ${name} (n, capacity) select g, ${settings.seats} from generate_series(1, ${settings.programmes}) g;`;

/** The seat's conditional UPDATE alone, as the issue measured the ceiling: zipfian picks over the programmes. */
async function pgbenchBareUpdate(client: pg.Client, databaseUrl: string, transactions: number): Promise<number> {
  await client.query(seatsTable('bare_seats'));
  return pgbench(
    databaseUrl,
    'bare.sql',
    `\\set n random_zipfian(1, ${settings.programmes}, 1.01)\nUPDATE bare_seats SET seats_taken = seats_taken + 1 WHERE n = :n AND seats_taken < capacity;\n`,
    transactions,
  );
}

/** The enrolment's writes with nothing around them, driven by pgbench: what PostgreSQL alone sustains here. */
async function pgbenchCeiling(client: pg.Client, databaseUrl: string, transactions: number): Promise<number> {
  await client.query(`${seatsTable('rush_seats')}
    create table rush_enrolments (id bigserial primary key, n int not null, at timestamptz not null);
    create table rush_audit (id bigserial primary key, n int not null, at timestamptz not null, payload jsonb)`);
  return pgbench(
    databaseUrl,
    'enrol.sql',
    `\\set n random_zipfian(1, ${settings.programmes}, 1.01)
BEGIN;
UPDATE rush_seats SET seats_taken = seats_taken + 1 WHERE n = :n AND seats_taken < capacity;
INSERT INTO rush_enrolments (n, at) VALUES (:n, now());
INSERT INTO rush_audit (n, at, payload) VALUES (:n, now(), '{"state":"enrolled"}');
END;
`,
    transactions,
  );
}

/** Counts then inserts, as a first version of enrolment would: several transactions see 24 and all insert. */
async function naiveRace(client: pg.Client, databaseUrl: string, seats: number, racers: number): Promise<number> {
  await client.query('create table naive_enrolments (id bigserial primary key, racer int not null)');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: racers });
  await Promise.all(
    Array.from({ length: racers }, async (_, racer) => {
      const connection = await pool.connect();
      try {
        await connection.query('begin');
        const { rows } = await connection.query<{ taken: string }>('select count(*) as taken from naive_enrolments');
        // The work a real handler does between its read and its write (checks, rendering) widens the window.
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (Number(rows[0].taken) < seats) await connection.query('insert into naive_enrolments (racer) values ($1)', [racer]);
        await connection.query('commit');
      } finally {
        connection.release();
      }
    }),
  );
  await pool.end();
  const { rows } = await client.query<{ enrolled: string }>('select count(*) as enrolled from naive_enrolments');
  return Number(rows[0].enrolled);
}

await main();
