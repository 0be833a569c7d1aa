/**
 * Three hostile spreadsheets uploaded at once to a real `orbita serve`, while a client polls `/api/health`:
 * does the server keep answering, and how much memory does it take?
 *
 *   npx tsx bench/hostile-uploads.ts [--rounds 3] [--idle 5] [--root /path/to/another/checkout]   # PGlite
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/hostile-uploads.ts   # PGlite and PostgreSQL
 *
 * For each engine it prepares a database (migrations, the test region, a network), opens sessions for three
 * people who may import (the operator, a municipality's authority, a member's head) and starts the server
 * from `--root` (this checkout by default; another one, e.g. a `git worktree` of an older commit, measures
 * the code as it was). Each round the three send at once:
 * - a 48 MB CSV of registry rows to the registry import,
 * - a zip bomb: an .xlsx of a few hundred KB whose sheet inflates to 125 MB, to the registry import,
 * - a wide CSV (9 MB: rows of 5,000 filled columns) to the network's inventory import,
 * over real HTTP, while one client asks `/api/health` again as soon as it is answered. It reports the uploads'
 * answers and times, health latency (p50, p99, max) during the uploads beside the same over `--idle` seconds
 * before them (the machine's own noise), and the server's peak RSS (VmHWM) before and after the uploads.
 * Goal: health p99 < 200 ms and peak RSS < 600 MB.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { scratchPostgres } from './scratch-postgres';

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const rounds = Number(option('rounds', '3'));
const idleSeconds = Number(option('idle', '5'));
const root = path.resolve(option('root', '.'));
const MB = 1024 * 1024;

interface Upload {
  label: string;
  fileName: string;
  data: Buffer;
  person: 'operator' | 'authority' | 'orgAdmin';
  route: 'registry' | 'inventory';
}

async function hostileFiles(): Promise<Upload[]> {
  const row = 'Муниципальное бюджетное общеобразовательное учреждение «Школа»;Школа;Школа;3900000016;Городской округ;;54,71;20,51\r\n';
  const bigCsv = Buffer.from(`Полное наименование;Краткое наименование;Тип;ИНН;Муниципалитет;Статусы;Широта;Долгота\r\n${row.repeat(Math.floor((48 * MB) / Buffer.byteLength(row)))}`);

  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Лист1').addRow(['Название']);
  const zip = await JSZip.loadAsync(Buffer.from(await workbook.xlsx.writeBuffer()));
  const bombRow = '<row><c t="inlineStr"><is><t>School</t></is></c></row>';
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${bombRow.repeat(Math.floor((125 * MB) / bombRow.length))}</sheetData></worksheet>`,
  );
  const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });

  const wideRow = `${Array.from({ length: 5000 }, (_, i) => `v${i}`).join(';')}\r\n`;
  const wide = Buffer.from(`Организация;Категория;Название\r\n${wideRow.repeat(Math.floor((9 * MB) / wideRow.length))}`);
  return [
    { label: `CSV ${(bigCsv.length / MB).toFixed(0)} MB`, fileName: 'реестр.csv', data: bigCsv, person: 'operator', route: 'registry' },
    { label: `zip bomb ${(bomb.length / 1024).toFixed(0)} KB → 125 MB`, fileName: 'реестр.xlsx', data: bomb, person: 'authority', route: 'registry' },
    { label: `wide CSV ${(wide.length / MB).toFixed(0)} MB, 5,000 columns`, fileName: 'ресурсы.csv', data: wide, person: 'orgAdmin', route: 'inventory' },
  ];
}

/** The database, sessions and network the uploads need, made with the code under `root`. */
async function prepare(target: { url: string | null; dataDir: string | null }) {
  const code = (file: string) => import(path.join(root, file));
  const { openDatabase } = await code('server/src/platform/db/client.ts');
  const { migrateDatabase } = await code('server/src/platform/db/migrate.ts');
  const { seedFixtures } = await code('server/test/fixtures.ts');
  const { seedNetwork } = await code('server/test/network-fixtures.ts');
  const { openSession } = await code('server/src/modules/accounts/sessions.ts');
  const handle = await openDatabase(target);
  await migrateDatabase(handle);
  const fixtures = await seedFixtures(handle.db);
  const network = await seedNetwork(handle.db, fixtures);
  const sessions: Record<string, { cookie: string; csrfToken: string }> = {};
  for (const person of ['operator', 'authority', 'orgAdmin'] as const) {
    const { token, csrfToken } = await openSession(handle.db, fixtures.actors[person].userId, { ip: '127.0.0.1', userAgent: 'bench' });
    sessions[person] = { cookie: `orbita_session=${token}`, csrfToken };
  }
  await handle.close();
  return { sessions, networkId: network.id as string };
}

/** The server process's peak resident memory so far, in MB (Linux). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface Latencies {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function summary(latencies: number[]): Latencies {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

const describe = (l: Latencies) => `×${l.count}: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(0)} ms`;

async function run(engine: string, target: { url: string | null; dataDir: string | null }, files: Upload[]) {
  const { sessions, networkId } = await prepare(target);
  const port = 4800 + Math.floor(Math.random() * 400);
  const server: ChildProcess = spawn(process.execPath, ['bin/orbita.mjs', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: target.url ?? '',
      ORBITA_DATA_DIR: target.dataDir ?? mkdtempSync(path.join(tmpdir(), 'orbita-hostile-')),
      ORBITA_SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error('server did not start in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    // The poller has a thread of its own: the uploads' work in this process must not delay its requests.
    const poller = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const latencies = [];
       let polling = true;
       parentPort.on('message', (m) => { if (m === 'stop') polling = false; });
       (async () => {
         // The first requests load the HTTP client itself: they measure nothing of the server.
         for (let i = 0; i < 5; i++) await fetch(workerData + '/api/health').then((r) => r.arrayBuffer());
         parentPort.postMessage('ready');
         while (polling) {
           const at = Date.now();
           const sent = performance.now();
           await fetch(workerData + '/api/health').then((r) => r.arrayBuffer());
           latencies.push([at, performance.now() - sent]);
         }
         parentPort.postMessage(latencies);
       })();`,
      { eval: true, workerData: base },
    );
    await new Promise((resolve) => poller.once('message', resolve));
    const polled = new Promise<[number, number][]>((resolve) => poller.once('message', resolve));
    // Before the uploads: how fast health answers on this machine as loaded as it is now.
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const uploadsStarted = Date.now();
    // Taken after the idle polling, which itself grows the embedded database's memory a little.
    const rssAtStart = peakRssMb(server.pid!);
    const answers: string[] = [];
    for (let round = 0; round < rounds; round++) {
      await Promise.all(
        files.map(async (file) => {
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(file.data)]), file.fileName);
          const url = file.route === 'registry' ? `${base}/api/organizations/imports` : `${base}/api/networks/${networkId}/inventory/import`;
          const session = sessions[file.person];
          const sent = performance.now();
          const answer = await fetch(url, { method: 'POST', body: form, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } }).then(
            async (r) => `${r.status} ${((await r.json().catch(() => ({}))) as { detail?: string }).detail?.slice(0, 70) ?? ''}`,
            (error: Error) => `failed: ${error.message}`,
          );
          answers.push(`round ${round + 1}, ${file.label}: ${answer} (${((performance.now() - sent) / 1000).toFixed(1)} s)`);
        }),
      );
    }
    poller.postMessage('stop');
    const polls = await polled;
    await poller.terminate();
    const idle = summary(polls.filter(([at]) => at < uploadsStarted).map(([, latency]) => latency));
    const loaded = summary(polls.filter(([at]) => at >= uploadsStarted).map(([, latency]) => latency));
    const slow = polls.filter(([at, latency]) => at >= uploadsStarted && latency > 200).map(([at, latency]) => `${((at - uploadsStarted) / 1000).toFixed(1)} s: ${latency.toFixed(0)} ms`);
    if (slow.length) console.log(`  ${engine}: health checks over 200 ms during the uploads (time into them: latency): ${slow.join(', ')}`);
    const result = { engine, idle, loaded, rssAtStart, peakRss: peakRssMb(server.pid!) };
    for (const line of answers) console.log(`  ${engine}: ${line}`);
    console.log(`${engine}: /api/health before the uploads ${describe(idle)}; during them ${describe(loaded)}; RSS before the uploads ${rssAtStart.toFixed(0)} MB, peak ${result.peakRss.toFixed(0)} MB`);
    return result;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

async function main() {
  const files = await hostileFiles();
  console.log(`code under test: ${root}; ${rounds} rounds of: ${files.map((f) => f.label).join('; ')}`);
  const results = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-hostile-pglite-'));
  try {
    results.push(await run('PGlite', { url: null, dataDir }, files));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const scratch = await scratchPostgres(process.env.DATABASE_URL);
    try {
      results.push(await run('PostgreSQL', { url: scratch.url, dataDir: null }, files));
    } finally {
      await scratch.drop();
    }
  }
  console.log('\n| engine | idle health p50 / p99, ms | health checks during uploads | p50, ms | p99, ms | max, ms | RSS before uploads, MB | peak RSS, MB |\n|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.idle.p50.toFixed(1)} / ${r.idle.p99.toFixed(1)} | ${r.loaded.count} | ${r.loaded.p50.toFixed(1)} | ${r.loaded.p99.toFixed(1)} | ${r.loaded.max.toFixed(0)} | ${r.rssAtStart.toFixed(0)} | ${r.peakRss.toFixed(0)} |`,
    );
  }
}

await main();
