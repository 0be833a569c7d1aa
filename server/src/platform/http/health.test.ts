import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
});
