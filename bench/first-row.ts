// The registry's first row on a school's slow line (1.6 Mbit/s, 150 ms, throttled in Chromium through CDP), cold cache
// each time, against a running server; prints every run and the median. The budget (3 s) is checked by e2e/web-budget.e2e.ts.
// Usage: npx tsx bench/first-row.ts [--url http://127.0.0.1:3000] [--runs 5]
import { launchBrowser } from '../e2e/browser';
import { median, registryFirstRowMs } from '../e2e/slow-line';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const baseUrl = arg('--url') ?? 'http://127.0.0.1:3000';
const runs = Number(arg('--runs') ?? 5);

const browser = await launchBrowser();
try {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await registryFirstRowMs(browser, baseUrl));
    console.log(`run ${i + 1}: ${times[i]} ms`);
  }
  console.log(`median of ${runs}: ${median(times)} ms (min ${Math.min(...times)}, max ${Math.max(...times)})`);
} finally {
  await browser.close();
}
