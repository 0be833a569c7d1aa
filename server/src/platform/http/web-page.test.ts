import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/database';
import { loadConfig } from '../config';
import { buildApp } from './app';
import { pageChunksFor, routeFit, withModulePreloads } from './web-page';

const PAGES = {
  '/organizations': ['/assets/RegistryPage-A1.js', '/assets/Table-B2.js'],
  '/organizations/:id': ['/assets/OrganizationPage-C3.js'],
  '/organizations/new': ['/assets/OrganizationEditPages-D4.js'],
  '/networks/:id/:tab?/:sub?': ['/assets/NetworkPage-E5.js'],
};

describe('naming a page’s chunks in index.html', () => {
  it('fits react-router paths: parameters, optional parts, fixed parts counted', () => {
    expect(routeFit('/organizations', '/organizations')).toBe(1);
    expect(routeFit('/organizations', '/organizations/')).toBe(1);
    expect(routeFit('/organizations/:id', '/organizations/3f2c')).toBe(1);
    expect(routeFit('/organizations/new', '/organizations/new')).toBe(2);
    expect(routeFit('/organizations/:id', '/organizations/3f2c/edit')).toBe(-1);
    expect(routeFit('/organizations/:id', '/organizations')).toBe(-1);
    expect(routeFit('/networks/:id/:tab?/:sub?', '/networks/7')).toBe(1);
    expect(routeFit('/networks/:id/:tab?/:sub?', '/networks/7/plan/3')).toBe(1);
    expect(routeFit('/networks/:id/:tab?/:sub?', '/networks/7/plan/3/4')).toBe(-1);
    expect(routeFit('/organizations', '/networks')).toBe(-1);
  });

  it('takes the best-fitting page, and nothing for an address that is no landing page', () => {
    expect(pageChunksFor('/organizations', PAGES)).toEqual(PAGES['/organizations']);
    expect(pageChunksFor('/organizations/new', PAGES)).toEqual(PAGES['/organizations/new']);
    expect(pageChunksFor('/organizations/3f2c', PAGES)).toEqual(PAGES['/organizations/:id']);
    expect(pageChunksFor('/audit', PAGES)).toEqual([]);
    // only the build's scripts, whatever the file says
    expect(pageChunksFor('/x', { '/x': ['/assets/a.js', '"><script>', 'https://elsewhere/b.js'] })).toEqual(['/assets/a.js']);
  });

  it('puts the links at the end of the head, after the shell', () => {
    const html = '<html><head><script type="module" src="/assets/shell-1.js"></script></head><body></body></html>';
    expect(withModulePreloads(html, [])).toBe(html);
    expect(withModulePreloads(html, ['/assets/a.js'])).toBe(
      '<html><head><script type="module" src="/assets/shell-1.js"></script><link rel="modulepreload" crossorigin href="/assets/a.js"></head><body></body></html>',
    );
  });

  it('serves each address its page’s chunks, brotli when accepted, revalidated with an ETag (304 while unchanged), and a new build at once', async () => {
    const webRoot = mkdtempSync(path.join(tmpdir(), 'orbita-web-'));
    mkdirSync(path.join(webRoot, '.vite'));
    writeFileSync(path.join(webRoot, 'index.html'), `<!doctype html><head><title>Орбита</title><meta name="description" content="${'Орбита '.repeat(80)}"><script type="module" src="/assets/shell-1.js"></script></head>`);
    writeFileSync(path.join(webRoot, '.vite', 'page-chunks.json'), JSON.stringify(PAGES));
    const handle = await openTestDatabase();
    const app = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent' }, { webRoot });
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
    try {
      const registry = await get('/organizations?q=школа', { 'accept-encoding': 'gzip, deflate, br' });
      expect(registry.statusCode).toBe(200);
      expect(registry.headers['content-type']).toContain('text/html');
      expect(registry.headers['cache-control']).toBe('no-cache');
      expect(registry.headers['content-encoding']).toBe('br');
      const html = brotliDecompressSync(registry.rawPayload).toString();
      expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/RegistryPage-A1.js"><link rel="modulepreload" crossorigin href="/assets/Table-B2.js"></head>');

      const card = await get('/organizations/3f2c');
      expect(card.headers['content-encoding']).toBeUndefined();
      expect(card.body).toContain('/assets/OrganizationPage-C3.js');
      expect(card.body).not.toContain('RegistryPage');
      expect(card.headers.etag).not.toBe(registry.headers.etag);
      expect((await get('/audit')).body).not.toContain('modulepreload');

      const again = await get('/organizations/3f2c', { 'if-none-match': String(card.headers.etag) });
      expect(again.statusCode).toBe(304);

      writeFileSync(path.join(webRoot, '.vite', 'page-chunks.json'), JSON.stringify({ '/organizations/:id': ['/assets/OrganizationPage-F6.js'] }));
      const rebuilt = await get('/organizations/3f2c', { 'if-none-match': String(card.headers.etag) });
      expect(rebuilt.statusCode).toBe(200);
      expect(rebuilt.body).toContain('/assets/OrganizationPage-F6.js');
      // the build's notes for the server are not published
      expect((await get('/.vite/page-chunks.json')).headers['content-type']).not.toContain('json');
    } finally {
      await app.close();
      await handle.close();
      rmSync(webRoot, { recursive: true, force: true });
    }
  }, 120_000);
});
