import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

/** Attribution with markup, as an operator might configure it: the map must show it as text. */
export const hostileTileAttribution = '© <b>участники</b> OpenStreetMap';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the web app and starts a real server with the demo region on a fresh embedded database. */
export default async function setup(project: TestProject) {
  // Built into its own directory, so that runs side by side never serve each other's half-written build.
  const webRoot = mkdtempSync(path.join(tmpdir(), 'orbita-e2e-web-'));
  // The build people get: vitest sets NODE_ENV=test, which would make Vite keep React's development build (~60 KB more).
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn', build: { outDir: webRoot, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'orbita-e2e-'));
  const port = 3900 + Math.floor(Math.random() * 500);
  const server: ChildProcess = spawn(process.execPath, ['bin/orbita.mjs', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORBITA_DATA_DIR: dataDir,
      ORBITA_WEB_ROOT: webRoot,
      DATABASE_URL: '',
      ORBITA_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
      ORBITA_TILE_ATTRIBUTION: hostileTileAttribution,
      // Every test signs its people in from 127.0.0.1; the production limit would refuse the later ones.
      ORBITA_SIGN_IN_LIMIT: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Seeding the demo takes some 40 s on an idle two-core machine; a busy one (parallel builds) can take three times that.
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start in 240 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webRoot, { recursive: true, force: true });
  };
}
