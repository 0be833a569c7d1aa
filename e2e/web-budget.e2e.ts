import { request } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { median, registryFirstRowMs } from './slow-line';

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

describe('a light web app', () => {
  it('sends at most 250 KB of JavaScript (brotli, as served) for the first page: the entry and everything index.html preloads', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
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
    console.info(`initial JavaScript: ${scripts.length} file(s), ${(total / 1024).toFixed(1)} KB brotli`);
    expect(total).toBeLessThanOrEqual(250 * 1024);
    // Leaflet (the largest library) comes with the first map, not with the app
    const shell = await Promise.all(scripts.map(async (s) => (await fetch(`${baseUrl}${s}`)).text()));
    expect(shell.join('\n')).not.toContain('leafletjs.com');
  });

  describe('on a school’s slow line (1.6 Mbit/s, 150 ms)', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(() => browser.close());

    // The goal is 3 s; on an idle 2-core machine the median is 3.35–3.6 s (bench/README.md), the shell's 246 KB taking
    // 1.6 s of it. Until the shell is cut, this gate on the median of three holds the figure from sliding back towards
    // the 11.3 s of before.
    const FIRST_ROW_GATE_MS = 4500;

    it(`shows the registry’s first row within ${FIRST_ROW_GATE_MS / 1000} seconds of a cold visit, median of three (goal 3 s)`, async () => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await registryFirstRowMs(browser, baseUrl));
      console.info(`registry first row on the slow line: ${runs.join(', ')} ms, median ${median(runs)} ms (goal 3000 ms)`);
      expect(median(runs)).toBeLessThanOrEqual(FIRST_ROW_GATE_MS);
    });
  });
});
