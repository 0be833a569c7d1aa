/**
 * The embedded engine beside the server, before and after, in one run:
 *   npx tsx bench/embedded-engine.ts --before /tmp/orbita-before [--after .] [--organizations 10000] [--seconds 15] [--concurrency 8]
 * For each checkout: a demo server on a fresh embedded database (`serve`, no DATABASE_URL) with `--organizations`
 * synthetic organisations added first (`seed synthetic`); its resident memory after 20 s idle; then, for `--seconds`,
 * `--concurrency` clients run registry searches with a typo (trigram similarity over every name: the heaviest
 * query a visitor can ask for) while one client asks `/api/health` 20 times a second. Prints the health check's
 * p50/p95/p99 and the searches' rate. Ports 3244–3245; ORBITA_WEB_ROOT need not hold a built web app.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
};
const before = option('before', '');
const after = path.resolve(option('after', '.'));
const organizations = Number(option('organizations', '10000'));
const seconds = Number(option('seconds', '15'));
const concurrency = Number(option('concurrency', '8'));
if (!before) throw new Error('--before <checkout of the main to compare with> is required');

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, command, { cwd, env, stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${command.join(' ')} in ${cwd}: exit ${code}`);
}

async function measure(label: string, checkout: string, port: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-bench-engine-'));
  const env = { ...process.env, DATABASE_URL: '', ORBITA_DATA_DIR: dataDir, ORBITA_WEB_ROOT: dataDir, PORT: String(port), HOST: '127.0.0.1', ORBITA_SIGN_IN_LIMIT: '1000' };
  await run(['bin/orbita.mjs', 'seed', 'demo'], checkout, env);
  await run(['bin/orbita.mjs', 'seed', 'synthetic', '--organizations', String(organizations)], checkout, env);
  const server: ChildProcess = spawn(process.execPath, ['bin/orbita.mjs', 'serve'], { cwd: checkout, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`${label}: serve exited with ${server.exitCode}`);
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(250);
    }
    await sleep(20_000);
    const idleRss = rssMb(server.pid!);

    let stop = false;
    let searches = 0;
    const words = ['шкала', 'гимназея', 'лицей', 'детскй сад', 'центор', 'школ искусств'];
    const searchers = Array.from({ length: concurrency }, async (_, i) => {
      for (let n = i; !stop; n++) {
        await fetch(`${base}/api/organizations?q=${encodeURIComponent(words[n % words.length])}&page=${1 + (n % 3)}`).then((r) => r.arrayBuffer());
        searches++;
      }
    });
    await sleep(1000);
    const health: number[] = [];
    const started = Date.now();
    while (Date.now() - started < seconds * 1000) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t0);
      await sleep(Math.max(0, 50 - (performance.now() - t0)));
    }
    const busyRss = rssMb(server.pid!);
    stop = true;
    await Promise.all(searchers);
    health.sort((a, b) => a - b);
    const ms = (v: number) => v.toFixed(1);
    console.log(
      `| ${label} | ${idleRss} | ${busyRss} | ${health.length} | ${ms(percentile(health, 50))} | ${ms(percentile(health, 95))} | ${ms(percentile(health, 99))} | ${ms(health.at(-1)!)} | ${(searches / (seconds + 1)).toFixed(1)} | ${load()} |`,
    );
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit').catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`\nEmbedded engine: demo + ${organizations} synthetic organisations; ${concurrency} clients searching with a typo, /api/health 20/s for ${seconds} s\n`);
console.log('| server | idle RSS, MB | RSS under load, MB | health checks | p50, ms | p95, ms | p99, ms | max, ms | searches/s | load average |\n|---|---|---|---|---|---|---|---|---|---|');
await measure('before (PGlite on the event loop)', path.resolve(before), 3244);
await measure('after (PGlite in its worker thread)', after, 3245);
