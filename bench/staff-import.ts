/**
 * Bulk staff import end to end: an .xlsx of N staff is previewed, committed (N invitations and N letters in
 * the outbox), and every letter is delivered by the real mail worker over SMTP to an in-process smtp-server.
 *
 *   npx tsx bench/staff-import.ts [--rows 20000] [--organizations 500]
 *
 * Measures PGlite on a data directory (as `orbita serve` keeps it) and, with DATABASE_URL set, PostgreSQL in a
 * scratch database created on that server and dropped afterwards. For each engine one child process prepares the
 * database (migrations, a region with N organisations) and the file; a second one, like a server started on that
 * data, imports and delivers — so its peak RSS is the import's, not the database's first-time set-up. The mail
 * worker runs as `orbita serve` runs it (default batch, concurrency and SMTP pool).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { count, eq, isNotNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { russianSortKey } from '../server/src/algorithms/russian-sort-key';
import { users } from '../server/src/modules/accounts/schema';
import { loadActor } from '../server/src/modules/accounts/sessions';
import { organizations } from '../server/src/modules/organizations/schema';
import { roleLabels } from '../server/src/modules/people/roles';
import { getStaffImport, previewStaffImport, startStaffImport } from '../server/src/modules/staff-imports/import-staff';
import { staffColumns } from '../server/src/modules/staff-imports/staff-columns';
import type { CommandContext } from '../server/src/platform/context';
import { openDatabase } from '../server/src/platform/db/client';
import { migrateDatabase } from '../server/src/platform/db/migrate';
import { createMailWorker } from '../server/src/platform/mail/mail-worker';
import { outboxMessages } from '../server/src/platform/mail/schema';
import { createSmtpTransport } from '../server/src/platform/mail/smtp-transport';
import { syntheticInn } from '../server/src/seed/synthetic-organizations';
import { seedFixtures } from '../server/test/fixtures';
import { startSmtpCapture } from '../server/test/smtp-capture';
import { scratchPostgres } from './scratch-postgres';
import { spreadsheetOf } from '../server/src/platform/imports/spreadsheet-file';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
function wholeNumber(name: string, fallback: number) {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

const rows = wholeNumber('rows', 20_000);
const organizationCount = wholeNumber('organizations', 500);

interface Target {
  engine: 'PGlite' | 'PostgreSQL';
  /** The PGlite data directory or the scratch database's URL. */
  location: string;
  workbook: string;
}

interface Measurement {
  engine: string;
  rows: number;
  preview: number;
  commit: number;
  delivery: number;
  /** CPU seconds of this process in preview and commit: PGlite's work included, a PostgreSQL server's not. */
  previewCpu: number;
  commitCpu: number;
  rssAtStartMb: number;
  peakRssMb: number;
}

const open = (target: Target) => openDatabase(target.engine === 'PGlite' ? { url: null, dataDir: target.location } : { url: target.location, dataDir: null });
const megabytes = (bytes: number) => bytes / 1024 / 1024;

/** The fixture region with `organizations` more schools, and a file of their staff: every fifth row names its school by short name, the rest by INN. */
async function prepare(target: Target) {
  const handle = await open(target);
  try {
    await migrateDatabase(handle);
    const fixtures = await seedFixtures(handle.db);
    const schools = Array.from({ length: organizationCount }, (_, i) => {
      const shortName = `Школа стенда № ${i + 1}`;
      const fullName = `Муниципальное общеобразовательное учреждение «${shortName}»`;
      const municipalityId = i % 2 ? fixtures.municipalityId : fixtures.otherMunicipalityId;
      return { kind: 'school' as const, fullName, shortName, sortKey: russianSortKey(shortName), inn: syntheticInn(600_000_000 + i), municipalityId };
    });
    await handle.db.insert(organizations).values(schools);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Сотрудники');
    sheet.addRow(staffColumns.map((c) => c.header));
    const roles = ['teacher', 'teacher', 'teacher', 'programme_teacher', 'coordinator', 'deputy_head'] as const;
    for (let i = 0; i < rows; i++) {
      const school = schools[i % schools.length];
      sheet.addRow([`Сотрудникова Мария Петровна ${i + 1}`, `staff${i + 1}@school.bench`, i % 5 ? school.inn : school.shortName, roleLabels[roles[i % roles.length]]]);
    }
    writeFileSync(target.workbook, Buffer.from(await workbook.xlsx.writeBuffer()));
  } finally {
    await handle.close();
  }
}

/** Wall seconds and this process's CPU seconds: on a shared machine the second is the steadier figure. */
async function seconds<T>(work: () => Promise<T>): Promise<[T, number, number]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return [result, (performance.now() - started) / 1000, (used.user + used.system) / 1e6];
}

/** Preview, commit and delivery as the operator, on the prepared database: what a running server does. */
async function measure(target: Target): Promise<Measurement> {
  const handle = await open(target);
  try {
    const rssAtStart = process.memoryUsage().rss;
    const phase = (name: string) => {
      const m = process.memoryUsage();
      // PGlite's WebAssembly memory, which only grows: drizzle keeps the client as $client.
      const wasm = (handle.db as unknown as { $client?: { mod?: { HEAPU8?: Uint8Array } } }).$client?.mod?.HEAPU8?.length ?? 0;
      if (process.env.BENCH_MEMORY) {
        console.error(`${name}: rss ${Math.round(megabytes(m.rss))} MB, JS heap ${Math.round(megabytes(m.heapUsed))} MB, PGlite heap ${Math.round(megabytes(wasm))} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
      }
    };
    phase('start');
    const [operator] = await handle.db.select().from(users).where(eq(users.email, 'operator@test.orbita'));
    const context: CommandContext = { db: handle.db, actor: await loadActor(handle.db, operator), ip: null };
    const data = readFileSync(target.workbook);

    const [preview, previewSeconds, previewCpu] = await seconds(() => previewStaffImport(context, { organizationId: null }, spreadsheetOf('staff.xlsx', data)));
    phase('preview');
    if (preview.errors.length) throw new Error(`unexpected errors: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    const [outcome, commitSeconds, commitCpu] = await seconds(async () => (await startStaffImport(context, preview.id, { publicUrl: 'http://orbita.bench', ttlDays: 14 })).done);
    if (outcome.status !== 'done') throw new Error(`import ${outcome.status}: ${outcome.failure}`);
    phase('commit');

    // A real mail server is another process: keep only each letter's recipients, not 20,000 letters in this one.
    const smtp = await startSmtpCapture({ parse: false, onMessage: (mail) => (mail.raw = '') });
    const worker = createMailWorker(handle.db, { transport: createSmtpTransport(smtp.url, 'Орбита <no-reply@orbita.bench>'), log: (message) => console.error(message) });
    const [, deliverySeconds] = await seconds(async () => {
      worker.start();
      worker.kick();
      await smtp.waitFor(rows, 1_800_000);
      // Delivered means marked sent in the outbox too: what the import's page shows.
      while ((await getStaffImport(context, preview.id)).delivery.sent < rows) await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await worker.stop();
    await smtp.stop();
    phase('delivery');

    const [{ batch }] = await handle.db.select({ batch: count() }).from(outboxMessages).where(eq(outboxMessages.batchId, preview.id));
    const [{ sent }] = await handle.db.select({ sent: count() }).from(outboxMessages).where(isNotNull(outboxMessages.sentAt));
    const recipients = new Set(smtp.messages.flatMap((m) => m.to));
    if (Number(batch) !== rows || Number(sent) !== rows || recipients.size !== rows) throw new Error(`batch ${batch}, sent ${sent}, received by ${recipients.size} of ${rows}`);
    return {
      engine: target.engine,
      rows,
      preview: previewSeconds,
      commit: commitSeconds,
      delivery: deliverySeconds,
      previewCpu,
      commitCpu,
      rssAtStartMb: megabytes(rssAtStart),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await handle.close();
  }
}

/** Runs this script again as a child for one step; its answer is the last line it prints. */
async function child(step: 'prepare' | 'measure', target: Target): Promise<string> {
  const args = [...process.execArgv, process.argv[1], `--${step}`, JSON.stringify(target), '--rows', String(rows), '--organizations', String(organizationCount)];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim().split('\n').pop() ?? '';
}

async function run(engine: Target['engine']): Promise<Measurement> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'orbita-bench-staff-'));
  const database = engine === 'PostgreSQL' ? await scratchPostgres(process.env.DATABASE_URL!) : null;
  try {
    const target: Target = { engine, location: database?.url ?? path.join(scratch, 'data'), workbook: path.join(scratch, 'staff.xlsx') };
    await child('prepare', target);
    return JSON.parse(await child('measure', target));
  } finally {
    await database?.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const step = option('prepare') !== undefined ? 'prepare' : option('measure') !== undefined ? 'measure' : null;
if (step === 'prepare') {
  await prepare(JSON.parse(option('prepare')!));
} else if (step === 'measure') {
  console.log(JSON.stringify(await measure(JSON.parse(option('measure')!))));
} else {
  const measurements: Measurement[] = [];
  for (const engine of process.env.DATABASE_URL ? (['PGlite', 'PostgreSQL'] as const) : (['PGlite'] as const)) measurements.push(await run(engine));
  console.table(
    measurements.map((m) => ({
      engine: m.engine,
      rows: m.rows,
      'preview s': m.preview.toFixed(2),
      'commit s': m.commit.toFixed(2),
      'preview+commit s': (m.preview + m.commit).toFixed(2),
      'preview+commit CPU s': (m.previewCpu + m.commitCpu).toFixed(2),
      'delivery s': m.delivery.toFixed(2),
      'letters/s': Math.round(m.rows / m.delivery),
      'RSS at start MB': Math.round(m.rssAtStartMb),
      'peak RSS MB': Math.round(m.peakRssMb),
    })),
  );
}
