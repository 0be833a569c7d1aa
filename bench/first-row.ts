// The registry's first row on a school's slow line (1.6 Mbit/s, 150 ms, throttled in Chromium through CDP), cold cache
// each time, against a running server; prints every run and the median. With --budget-ms (issue 13's budget: 3000) it
// exits with 1 when a server's median is over it. Measure on an idle machine: a busy one times its own load.
// Usage: npx tsx bench/first-row.ts [--url http://127.0.0.1:3000] [--runs 5] [--waterfall] [--budget-ms 3000]
// Several --url: runs alternate between the servers (A/B on the same machine at the same time), a median for each.
// --waterfall prints, for the last run of each server, when each request was asked for and answered.
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { median, registryFirstRowMs } from './slow-line';

const values = (name: string) => process.argv.flatMap((a, i) => (a === name ? [process.argv[i + 1]] : []));
const urls = values('--url').length ? values('--url') : ['http://127.0.0.1:3000'];
const runs = Number(values('--runs')[0] ?? 5);
const waterfall = process.argv.includes('--waterfall');
const budgetMs = values('--budget-ms').length ? Number(values('--budget-ms')[0]) : null;

/** Each request of the page: start and end (ms since navigation), bytes as they travelled, path. */
async function printWaterfall(page: Page) {
  const entries = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
      const r = e as PerformanceResourceTiming;
      return { name: new URL(r.name).pathname + new URL(r.name).search, start: r.startTime, response: r.responseStart, end: r.responseEnd, bytes: r.transferSize };
    }),
  );
  for (const e of entries.sort((a, b) => a.start - b.start)) {
    const ms = (v: number) => String(Math.round(v)).padStart(5);
    console.log(`  ${ms(e.start)} → ${ms(e.response)} → ${ms(e.end)}  ${String(Math.round(e.bytes / 102.4) / 10).padStart(6)} KB  ${e.name}`);
  }
}

const browser = await launchBrowser();
try {
  const times = new Map<string, number[]>(urls.map((u) => [u, []]));
  for (let i = 0; i < runs; i++) {
    for (const url of urls) {
      const last = i === runs - 1;
      const ms = await registryFirstRowMs(browser, url, waterfall && last ? printWaterfall : undefined);
      times.get(url)!.push(ms);
      console.log(`run ${i + 1} ${url}: ${ms} ms`);
    }
  }
  for (const [url, t] of times) {
    const over = budgetMs !== null && median(t) > budgetMs;
    console.log(`${url} median of ${runs}: ${median(t)} ms (min ${Math.min(...t)}, max ${Math.max(...t)})${budgetMs === null ? '' : over ? ` — over the budget of ${budgetMs} ms` : ` — within ${budgetMs} ms`}`);
    if (over) process.exitCode = 1;
  }
} finally {
  await browser.close();
}
