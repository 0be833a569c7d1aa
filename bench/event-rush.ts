/**
 * The registration rush of issue 16: many people pressing «Записаться» on popular events at once, over HTTP, against
 * a real server on PostgreSQL — side by side with the programme-enrolment rush (bench/enrolment-rush.ts) in the same
 * run, both through the shared seat mechanism (server/src/platform/seats).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/event-rush.ts [--events 200] [--seats 50] [--people 20000] [--tries 5] [--concurrency 100] [--no-enrolments]
 *
 * In a scratch database it creates `events` published events of `seats` seats open to everyone and `people` accounts
 * with a session each; every person tries `tries` events chosen with a Zipf-like skew (a few events everybody wants)
 * and asks to wait in line when full — `events`·… = 100,000 attempts by default, shuffled and sent by `concurrency`
 * clients to `orbita serve` in its own process(es). It reports the rate and latency, then checks, in the database and
 * in the answers: no event over capacity, seats_taken equal to the registered rows, nobody twice at one event, no seat
 * free while someone waits, and every waitlist gapless (the places in line the answers gave are 1…n for each event).
 * Then it runs bench/enrolment-rush.ts with the same shape (programmes = events, seats, guardians = people, tries) so
 * the two rushes are read side by side. Ports 3233 (and 3231 for the enrolment rush).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openSession } from '../server/src/modules/accounts/sessions';
import { users } from '../server/src/modules/accounts/schema';
import { events } from '../server/src/modules/events/schema';
import { openDatabase } from '../server/src/platform/db/client';
import { seedFixtures } from '../server/test/fixtures';
import { mulberry32, percentile, zipfPicker } from './rush-kit';

function argument(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const settings = {
  events: argument('events', 200),
  seats: argument('seats', 50),
  people: argument('people', 20_000),
  tries: argument('tries', 5),
  concurrency: argument('concurrency', 100),
};

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL must point at a PostgreSQL server (the bench creates and drops a scratch database there)');

async function main() {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const scratch = `orbita_bench_event_rush_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${scratch}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${scratch}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-event-rush-'));
  let server: ChildProcess | null = null;
  let failed = false;
  try {
    execFileSync(process.execPath, ['bin/orbita.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' });
    const handle = await openDatabase({ url: databaseUrl, dataDir: null });
    const db = handle.db;
    const setupStarted = performance.now();
    const fixtures = await seedFixtures(db);
    const startsAt = new Date(Date.now() + 30 * 24 * 3600_000);
    const eventRows = await db
      .insert(events)
      .values(
        Array.from({ length: settings.events }, (_, i) => ({
          organizationId: fixtures.ownOrganizationId,
          kind: 'seminar' as const,
          title: `Семинар ${i + 1}`,
          audiences: ['public' as const],
          format: 'in_person' as const,
          address: 'ул. Тестовая, 1',
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
          capacity: settings.seats,
          state: 'published' as const,
          publishedAt: new Date(),
        })),
      )
      .returning({ id: events.id });
    const people: { cookie: string; csrfToken: string }[] = [];
    for (let start = 0; start < settings.people; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, settings.people - start) }, (_, i) => start + i);
      const userRows = await db
        .insert(users)
        .values(batch.map((n) => ({ email: `teacher-${n}@rush.orbita`, fullName: `Педагог ${n}` })))
        .returning({ id: users.id });
      const sessions = await Promise.all(userRows.map((u) => openSession(db, u.id, { ip: '127.0.0.1', userAgent: 'rush' })));
      for (const s of sessions) people.push({ cookie: `orbita_session=${s.token}`, csrfToken: s.csrfToken });
    }
    await handle.close();
    console.log(`setup: ${settings.events} events × ${settings.seats} seats, ${settings.people} people in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const random = mulberry32(2026);
    const pick = zipfPicker(settings.events, random);
    const attempts: { person: (typeof people)[number]; event: number }[] = [];
    for (const person of people) {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(settings.tries, settings.events)) chosen.add(pick());
      for (const event of chosen) attempts.push({ person, event });
    }
    for (let i = attempts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [attempts[i], attempts[j]] = [attempts[j], attempts[i]];
    }

    const port = 3233;
    server = spawn(process.execPath, ['bin/orbita.mjs', 'serve'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        ORBITA_DATA_DIR: dataDir,
        ORBITA_WEB_ROOT: path.join(dataDir, 'web'),
        ORBITA_SEED_DEMO: 'false',
        LOG_LEVEL: 'error',
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
    /** Places in line each event's answers gave, to check every line is 1…n. */
    const positions = new Map<number, number[]>();
    const agent = new http.Agent({ keepAlive: true, maxSockets: settings.concurrency });
    const post = (event: number, person: (typeof people)[number]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const body = JSON.stringify({ waitlist: true });
        const request = http.request(
          `${base}/api/events/${eventRows[event].id}/registrations`,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), cookie: person.cookie, 'x-csrf-token': person.csrfToken, 'idempotency-key': randomUUID() },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (c: Buffer) => chunks.push(c));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: settings.concurrency }, async () => {
        while (next < attempts.length) {
          const { person, event } = attempts[next++];
          const sent = performance.now();
          const answer = await post(event, person);
          latencies.push(performance.now() - sent);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 201) {
            const position = (JSON.parse(answer.body) as { waitlistPosition: number | null }).waitlistPosition;
            if (position !== null) positions.set(event, [...(positions.get(event) ?? []), position]);
          }
        }
      }),
    );
    agent.destroy();
    const seconds = (performance.now() - started) / 1000;

    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const { rows } = await check.query<Record<string, string>>(`
      select
        (select count(*) from events where seats_taken > capacity) as overbooked,
        (select count(*) from events e where seats_taken <> (select count(*) from event_registrations r where r.event_id = e.id and r.state = 'registered')) as mismatched,
        (select count(*) from (select event_id, user_id from event_registrations where state in ('registered', 'waitlisted', 'pending') group by 1, 2 having count(*) > 1) d) as doubled,
        (select count(*) from events e where seats_taken < capacity and exists (select 1 from event_registrations r where r.event_id = e.id and r.state = 'waitlisted')) as idle_seats,
        (select count(*) from event_registrations where state = 'registered') as registered,
        (select count(*) from event_registrations where state = 'waitlisted') as waitlisted,
        (select count(*) from events where seats_taken = capacity) as full`);
    await check.end();
    const row = rows[0];
    const gaps = [...positions.values()].filter((line) => {
      const sorted = [...line].sort((a, b) => a - b);
      return sorted.some((p, i) => p !== i + 1);
    }).length;
    console.log(`event registration: ${attempts.length} attempts by ${settings.concurrency} clients in ${seconds.toFixed(1)} s = ${Math.round(attempts.length / seconds)} req/s`);
    console.log(`  answers: ${[...statuses].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`);
    console.log(`  latency ms: median ${percentile(latencies, 0.5).toFixed(1)}, p95 ${percentile(latencies, 0.95).toFixed(1)}, p99 ${percentile(latencies, 0.99).toFixed(1)}`);
    console.log(
      `  invariants: overbooked ${row.overbooked}, seats≠rows ${row.mismatched}, doubled ${row.doubled}, seats idle while someone waits ${row.idle_seats}, waitlists with a gap ${gaps} of ${positions.size}; registered ${row.registered}, waitlisted ${row.waitlisted}, full events ${row.full}`,
    );
    failed = Number(row.overbooked) + Number(row.mismatched) + Number(row.doubled) + Number(row.idle_seats) + gaps > 0 || (statuses.get(500) ?? 0) > 0;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
    await admin.query(`drop database if exists ${scratch} with (force)`);
    await admin.end();
  }
  if (!process.argv.includes('--no-enrolments')) {
    console.log('programme enrolment, the same shape (bench/enrolment-rush.ts):');
    execFileSync(
      'npx',
      [
        'tsx',
        'bench/enrolment-rush.ts',
        '--programmes', String(settings.events),
        '--seats', String(settings.seats),
        '--guardians', String(settings.people),
        '--tries', String(settings.tries),
        '--concurrency', String(settings.concurrency),
      ],
      { stdio: 'inherit', env: process.env },
    );
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (failed) process.exitCode = 1;
}

await main();
