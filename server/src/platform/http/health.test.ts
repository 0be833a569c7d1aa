import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { loadConfig } from '../config';
import { buildApp } from './app';
import { type TestApp, openTestApp } from '../../../test/app';

describe('platform HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('reports the engine and that every migration is applied', async () => {
    const health = (await t.call('GET', '/api/health')).json();
    expect(health.status).toBe('ok');
    expect(health.engine).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(health.migrations.upToDate).toBe(true);
    expect(health.migrations.applied).toBeGreaterThan(0);
  });

  it('publishes OpenAPI 3 with the registry routes and interactive docs', async () => {
    const spec = (await t.call('GET', '/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/organizations', '/api/organizations/{id}', '/api/auth/sign-in']));
    const docs = await t.call('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends security headers', async () => {
    const response = await t.call('GET', '/api/health');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });

  it('lets images come only from here, data: and the map tile host', async () => {
    const policy = String((await t.call('GET', '/api/health')).headers['content-security-policy']);
    const images = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src'));
    expect(images?.split(/\s+/).slice(1).sort()).toEqual(["'self'", 'data:', 'https://tile.openstreetmap.org'].sort());
  });

  it('forbids caching of API answers, which carry personal data', async () => {
    expect((await t.call('GET', '/api/health')).headers['cache-control']).toBe('no-store');
    expect((await t.call('GET', '/api/nowhere')).headers['cache-control']).toBe('no-store');
  });

  it('answers unknown API addresses with a Russian problem', async () => {
    const response = await t.call('GET', '/api/nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().title).toBe('Не найдено');
  });

  it('lists the region and its municipalities in Russian order', async () => {
    const region = (await t.call('GET', '/api/region')).json();
    expect(region).toMatchObject({ name: 'Тестовая область', tileUrl: expect.stringContaining('{z}') });
    const municipalities = (await t.call('GET', '/api/municipalities')).json().items.map((m: { name: string }) => m.name);
    expect(municipalities).toEqual(['Второй район', 'Городской округ Первый']);
  });
});

describe('the web app', () => {
  it('is served once built, even when the build finished after the server started; before that pages answer a Russian 404', async () => {
    const webRoot = mkdtempSync(path.join(tmpdir(), 'orbita-web-'));
    const handle = await openTestDatabase();
    const app = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent' }, { webRoot: path.join(webRoot, 'dist') });
    try {
      const before = await app.inject({ method: 'GET', url: '/networks' });
      expect(before.statusCode).toBe(404);
      expect(before.headers['content-type']).toContain('application/problem+json');

      mkdirSync(path.join(webRoot, 'dist'));
      writeFileSync(path.join(webRoot, 'dist', 'index.html'), '<!doctype html><title>Орбита</title>');
      const page = await app.inject({ method: 'GET', url: '/networks' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Орбита</title>');
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await handle.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });

  it('sends the compressed copy the browser accepts, keeps hashed assets a year and revalidates the page, and publishes no source map', async () => {
    const webRoot = mkdtempSync(path.join(tmpdir(), 'orbita-web-'));
    const script = Buffer.from(`console.log(${JSON.stringify('Орбита '.repeat(400))});`);
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Орбита</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>');
    writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js'), script);
    writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(script));
    writeFileSync(path.join(webRoot, 'assets', 'index-Ab12Cd34.js.map'), '{"version":3,"sources":["App.tsx"]}');
    const handle = await openTestDatabase();
    const app = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent' }, { webRoot });
    const get = (url: string, encoding?: string) => app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });
    try {
      const brotli = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
      expect(brotli.statusCode).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-type']).toContain('javascript');
      expect(brotli.headers.vary).toMatch(/accept-encoding/i);
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotliDecompressSync(brotli.rawPayload).equals(script)).toBe(true);

      const gzip = await get('/assets/index-Ab12Cd34.js', 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).equals(script)).toBe(true);

      const plain = await get('/assets/index-Ab12Cd34.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(script)).toBe(true);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');

      // the page names the current assets: the browser asks again each time (and gets 304 while it is unchanged)
      for (const url of ['/', '/index.html', '/organizations']) {
        const page = await get(url, 'br');
        expect(page.statusCode, url).toBe(200);
        expect(page.body, url).toContain('/assets/index-Ab12Cd34.js');
        expect(page.headers['cache-control'], url).toBe('no-cache');
      }

      for (const url of ['/assets/index-Ab12Cd34.js.map', '/assets/index-Old00000.js']) {
        const missing = await get(url);
        expect(missing.statusCode, url).toBe(404);
        expect(missing.headers['content-type'], url).toContain('application/problem+json');
      }
      expect((await get('/api/health')).headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
      await handle.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  }, 120_000);
});
