import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

/** The body as it travels (not decoded), with its headers. */
function fetchRaw(url: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

// The first row's time on a slow line is a speed target: it is measured by bench/first-row.ts (--budget-ms), not here,
// where a shared machine's load decides a timing more than the app does. Bytes are counted here: they do not vary.
describe('a light web app', () => {
  // the home page (the shell alone) and the registry (the shell and the chunks its index.html names)
  it.each(['/', '/organizations'])('sends at most 250 KB of JavaScript (brotli, as served) for the first page %s: the entry and everything its index.html preloads', async (address) => {
    const html = await (await fetch(`${baseUrl}${address}`)).text();
    const scripts = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const script of scripts) {
      const answer = await fetchRaw(`${baseUrl}${script}`, 'gzip, deflate, br');
      expect(answer.status, script).toBe(200);
      // the build keeps no compressed copy of a file under 1 KB (vite.config.ts): its header would cost more than it saves
      const raw = await fetchRaw(`${baseUrl}${script}`, 'identity');
      if (raw.bytes >= 1024) expect(answer.headers['content-encoding'], script).toBe('br');
      expect(answer.headers['cache-control'], script).toBe('public, max-age=31536000, immutable');
      total += answer.bytes;
    }
    console.info(`initial JavaScript of ${address}: ${scripts.length} file(s), ${(total / 1024).toFixed(1)} KB brotli`);
    expect(total).toBeLessThanOrEqual(250 * 1024);
    // Leaflet (the largest library) comes with the first map, not with the app
    const shell = await Promise.all(scripts.map(async (s) => (await fetch(`${baseUrl}${s}`)).text()));
    expect(shell.join('\n')).not.toContain('leafletjs.com');
  });
});
