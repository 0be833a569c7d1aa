// Cold start of `npm start`: time until /api/health answers and the demo region's map data is served.
// Runs (1) a first start on an empty data dir without a built web app — what a new user sees after
// `npm ci && npm start` — and (2) a restart on the same data. Usage: npx tsx bench/cold-start.ts [--runs 3]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const port = 3700;
const webDist = path.resolve('web/dist');

async function timeStart(dataDir: string) {
  const started = performance.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, PORT: String(port), ORBITA_DATA_DIR: dataDir, DATABASE_URL: '' }, stdio: 'ignore', detached: true });
  let healthAt = 0;
  try {
    for (;;) {
      try {
        if (!healthAt && (await fetch(`http://127.0.0.1:${port}/api/health`)).ok) healthAt = performance.now();
        if (healthAt) {
          const map = await (await fetch(`http://127.0.0.1:${port}/api/organizations/map`)).json();
          if (map.items.length > 0) return { health: (healthAt - started) / 1000, map: (performance.now() - started) / 1000 };
        }
      } catch {
        // not up yet
      }
      if (performance.now() - started > 180_000) throw new Error('no answer in 180 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const saved = existsSync(webDist) ? `${webDist}.bench-saved` : null;
if (saved) renameSync(webDist, saved);
const first: { health: number; map: number }[] = [];
const restart: { health: number; map: number }[] = [];
try {
  for (let i = 0; i < runs; i++) {
    rmSync(webDist, { recursive: true, force: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-cold-'));
    first.push(await timeStart(dataDir));
    restart.push(await timeStart(dataDir));
    rmSync(dataDir, { recursive: true, force: true });
  }
} finally {
  if (saved) {
    rmSync(webDist, { recursive: true, force: true });
    renameSync(saved, webDist);
  }
}
console.log('| start | runs | health, median s | map data, median s |');
console.log('|---|---|---|---|');
console.log(`| first start (web build + migrations + demo seed) | ${runs} | ${median(first.map((r) => r.health)).toFixed(1)} | ${median(first.map((r) => r.map)).toFixed(1)} |`);
console.log(`| restart on existing data | ${runs} | ${median(restart.map((r) => r.health)).toFixed(1)} | ${median(restart.map((r) => r.map)).toFixed(1)} |`);
