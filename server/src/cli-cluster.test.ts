import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, type Fixtures, seedFixtures } from '../test/fixtures';
import type { TestApp } from '../test/app';
import { type DatabaseHandle, openDatabase } from './platform/db/client';
import { migrateDatabase } from './platform/db/migrate';
import { insertChild, insertGuardian, insertProgramme } from './modules/enrolments/enrolment.testkit';

/**
 * `serve` with ORBITA_WORKERS=2 on PostgreSQL: a real server of two processes sharing the port. Every request
 * opens its own connection, so the primary hands them to the workers in turn (x-orbita-worker says which answered).
 * PostgreSQL only: the embedded engine always runs one process.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

interface Answer {
  status: number;
  worker: string;
  json: () => any;
  cookies: string[];
}

describe.skipIf(!serverUrl)('the server on all cores (ORBITA_WORKERS=2, PostgreSQL; skipped without TEST_DATABASE_URL)', () => {
  const name = `orbita_test_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-cluster-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let handle: DatabaseHandle;
  let fixtures: Fixtures;
  let server: ChildProcess;
  /** The operator, signed in by the first test (the sign-in limit leaves no attempt for another). */
  let operator: { cookie: string; csrf: string };

  function call(method: string, url: string, options: { cookie?: string; csrf?: string; body?: unknown; file?: Buffer; idempotencyKey?: string } = {}): Promise<Answer> {
    const boundary = `----orbita${randomUUID()}`;
    const body = options.file
      ? Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="reestr.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
          options.file,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ])
      : options.body !== undefined
        ? Buffer.from(JSON.stringify(options.body))
        : null;
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.file) headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    else if (body) headers['content-type'] = 'application/json';
    return new Promise((resolve, reject) => {
      // agent: false — a connection of its own, so that the next request may go to the other worker
      const sent = request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            worker: String(response.headers['x-orbita-worker']),
            json: () => JSON.parse(text),
            cookies: (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
          });
        });
      });
      sent.on('error', reject);
      sent.end(body ?? undefined);
    });
  }

  /** Repeats `ask` until both workers have answered it; returns every answer. */
  async function fromBothWorkers(ask: () => Promise<Answer>): Promise<Answer[]> {
    const answers: Answer[] = [];
    while (new Set(answers.map((a) => a.worker)).size < 2) {
      answers.push(await ask());
      if (answers.length > 20) throw new Error(`only worker ${answers[0].worker} answered 20 requests`);
    }
    return answers;
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString(), dataDir: null });
    await migrateDatabase(handle);
    fixtures = await seedFixtures(handle.db);
    server = spawn(process.execPath, ['bin/orbita.mjs', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        ORBITA_WORKERS: '2',
        ORBITA_DB_POOL: '3',
        PORT: String(port),
        HOST: '127.0.0.1',
        ORBITA_DATA_DIR: dataDir,
        ORBITA_WEB_ROOT: dataDir,
        ORBITA_SEED_DEMO: 'false',
        ORBITA_SIGN_IN_LIMIT: '4',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!output.includes('Орбита работает')) {
      if (server.exitCode !== null) throw new Error(`serve exited with ${server.exitCode}: ${output}`);
      if (Date.now() > deadline) throw new Error(`serve did not start in 30 s: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain('сервер: 2 процесса');
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await handle?.close();
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a session signed in on one worker on the other, and counts sign-in attempts across both', async () => {
    const signIn = await call('POST', '/api/auth/sign-in', { body: { email: fixtures.emails.operator, password: FIXTURE_PASSWORD } });
    expect(signIn.status).toBe(200);
    const cookie = signIn.cookies.join('; ');
    operator = { cookie, csrf: signIn.json().csrfToken as string };
    const answers = await fromBothWorkers(() => call('GET', '/api/auth/me', { cookie }));
    expect(answers.map((a) => [a.status, a.json().user?.email])).toEqual(answers.map(() => [200, fixtures.emails.operator]));

    // ORBITA_SIGN_IN_LIMIT=4 for the whole server, not for each worker: one was used above.
    const wrong = { email: fixtures.emails.authority, password: 'не тот пароль' };
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(await call('POST', '/api/auth/sign-in', { body: wrong }));
    expect(new Set(attempts.map((a) => a.worker)).size).toBe(2);
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 429]);
  });

  it('enrols a child on one worker and shows the enrolment on both', async () => {
    const t = { handle } as TestApp;
    const programme = await insertProgramme(t, fixtures.ownOrganizationId, { capacity: 1 });
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const session = { cookie: guardian.session.cookie, csrf: guardian.session.csrfToken };
    const enrolled = await call('POST', `/api/programmes/${programme.id}/enrolments`, { ...session, body: { childId: child.id }, idempotencyKey: randomUUID() });
    expect(enrolled.status).toBe(201);
    const answers = await fromBothWorkers(() => call('GET', `/api/children/${child.id}/enrolments`, session));
    for (const answer of answers) expect(answer.json().items.map((i: { state: string }) => i.state)).toEqual(['enrolled']);
  });

  it("answers an import's progress on either worker while one of them writes it", async () => {
    const session = operator;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Организации');
    sheet.addRow(['Полное наименование', 'Краткое наименование', 'Тип', 'ИНН', 'Муниципалитет']);
    const rows = 3_000;
    for (let n = 0; n < rows; n++) {
      const body = String(770_000_000 + n);
      const inn = body + ([2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11) % 10;
      sheet.addRow([`Школа кластера № ${n}`, `Школа кластера № ${n}`, 'Школа', inn, 'Городской округ Первый']);
    }
    const preview = await call('POST', '/api/organizations/imports', { ...session, file: Buffer.from(await workbook.xlsx.writeBuffer()) });
    expect(preview.json()).toMatchObject({ errors: [], toCreate: rows });
    const id = preview.json().id as string;
    const commit = await call('POST', `/api/organizations/imports/${id}/commit`, session);
    expect(commit.status).toBe(202);

    const polls: { worker: string; status: string; processed: number }[] = [];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const poll = await call('GET', `/api/organizations/imports/${id}`, session);
      const { status, processed } = poll.json();
      polls.push({ worker: poll.worker, status, processed });
      if (status !== 'running' && new Set(polls.filter((p) => p.status === 'done').map((p) => p.worker)).size === 2) break;
      if (Date.now() > deadline) throw new Error(`import not done in 20 s: ${JSON.stringify(polls.slice(-4))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(polls.filter((p) => p.status === 'done').map((p) => p.processed)).toEqual(polls.filter((p) => p.status === 'done').map(() => rows));
    // The worker that does not write the import reads its progress from the database: it moves, and never backwards.
    const other = polls.filter((p) => p.worker !== commit.worker && p.status === 'running').map((p) => p.processed);
    expect(other).toEqual([...other].sort((a, b) => a - b));
    expect(other.some((processed) => processed > 0)).toBe(true);
  }, 40_000);
});
