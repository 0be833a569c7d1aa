/**
 * Reads against the framework's own floor: a Fastify hello-world beside `/api/health`, an organisation's card and the
 * programme catalogue's first page, each served by `orbita serve` on the demo region, on both engines, in one run.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx tsx bench/reads.ts [--seconds 5] [--concurrency 20] [--settle 20] [--before /tmp/orbita-before] [--port 3233] [--engine postgres|pglite]
 *
 * Every server is a process of its own (one worker: ORBITA_WORKERS=1), the hello-world too, so each has the same
 * one core to itself; the load comes from this process over keep-alive HTTP/1.1 connections, `concurrency` requests in
 * flight, for `seconds` after a one-second warm-up. A server is first left `settle` seconds (20) after it answers: at
 * start it runs its chores (daily digests, the audit chain's head, due plan items) once, which would be measured
 * instead of the reads. Without DATABASE_URL only PGlite runs. `--before DIR` runs the
 * same reads against the servers of another checkout (e.g. `git worktree add /tmp/orbita-before 9aa07da`) in the same run.
 * Ports 3233–3239.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

function option(name: string, fallback: string | null): string | null {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const seconds = Number(option('seconds', '5'));
const concurrency = Number(option('concurrency', '20'));
const before = option('before', null);
const settle = Number(option('settle', '20'));
const serverUrl = process.env.DATABASE_URL ?? null;
/** The first of the seven ports the servers take (`--port`, 3233: 3233–3239), so that two runs can go side by side. */
let nextPort = Number(option('port', '3233'));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

interface Load {
  rate: number;
  median: number;
  p99: number;
  failed: number;
  /** The answer's size (body bytes), once, before the load. */
  bytes?: number;
}

/** `concurrency` loops, each sending the next request as soon as its answer is read. */
async function load(url: string): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
        .on('error', reject);
    });
  const run = async (ms: number) => {
    const latencies: number[] = [];
    let failed = 0;
    const until = performance.now() + ms;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const sent = performance.now();
          if ((await once()) !== 200) failed++;
          latencies.push(performance.now() - sent);
        }
      }),
    );
    return { latencies, failed };
  };
  await run(1000);
  const started = performance.now();
  const { latencies, failed } = await run(seconds * 1000);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / elapsed, median: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), failed };
}

async function waitFor(url: string, child: ChildProcess) {
  for (const deadline = Date.now() + 300_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${url}: no answer in 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

const HELLO = `import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`;

async function helloWorld() {
  const port = nextPort++;
  const child = spawn(process.execPath, ['--input-type=module', '-e', HELLO], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    await waitFor(`http://127.0.0.1:${port}/`, child);
    return await load(`http://127.0.0.1:${port}/`);
  } finally {
    await stop(child);
  }
}

/** One server of `checkout` on the demo region, PGlite in a scratch directory or a scratch PostgreSQL database. */
async function orbita(checkout: string, engine: 'pglite' | 'postgres'): Promise<Record<string, Load>> {
  const port = nextPort++;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-reads-'));
  let databaseUrl = '';
  const scratch = `orbita_bench_reads_${process.pid}_${port}`;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`create database ${scratch}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${scratch}`;
    databaseUrl = url.toString();
  }
  const child = spawn(process.execPath, [path.join(checkout, 'bin/orbita.mjs'), 'serve'], {
    cwd: checkout,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ORBITA_DATA_DIR: dataDir, ORBITA_WORKERS: '1', ORBITA_WEB_ROOT: path.join(dataDir, 'web'), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`, child);
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    const organizations = (await (await fetch(`${base}/api/organizations?pageSize=1`)).json()) as { items: { id: string }[] };
    const targets = { health: '/api/health', 'organisation card': `/api/organizations/${organizations.items[0].id}`, 'programme catalogue': '/api/programmes' };
    const results: Record<string, Load> = {};
    for (const [name, target] of Object.entries(targets)) {
      const bytes = (await (await fetch(`${base}${target}`)).arrayBuffer()).byteLength;
      results[name] = { ...(await load(`${base}${target}`)), bytes };
    }
    return results;
  } finally {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const admin = new pg.Client({ connectionString: serverUrl! });
      await admin.connect();
      await admin.query(`drop database if exists ${scratch} with (force)`);
      await admin.end();
    }
  }
}

const show = (name: string, result: Load, floor: Load) =>
  console.log(
    `  ${name.padEnd(22)} ${Math.round(result.rate).toString().padStart(6)} req/s  median ${result.median.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  ${(floor.rate / result.rate).toFixed(1)}× the hello-world${result.bytes !== undefined ? `  ${result.bytes} B` : ''}${result.failed ? `  (${result.failed} not 200)` : ''}`,
  );

console.log(`reads at concurrency ${concurrency}, ${seconds} s each; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const floor = await helloWorld();
show('fastify hello-world', floor, floor);
const checkouts: [string, string][] = [['this checkout', process.cwd()], ...(before ? [[`before (${before})`, path.resolve(before)] as [string, string]] : [])];
const engines = (serverUrl ? ['pglite', 'postgres'] : ['pglite']).filter((engine) => !option('engine', null) || engine === option('engine', null)) as ('pglite' | 'postgres')[];
for (const engine of engines) {
  for (const [label, checkout] of checkouts) {
    console.log(`${engine}, ${label}:`);
    for (const [name, result] of Object.entries(await orbita(checkout, engine))) show(name, result, floor);
  }
}
const again = await helloWorld();
show('fastify hello-world again', again, floor);
