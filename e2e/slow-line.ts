import type { Browser } from 'playwright-core';

/** A school's slow line: 1.6 Mbit/s down, 150 ms latency (upload as down; it hardly matters for a page load). */
export const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (1.6e6 / 8) };

/**
 * Milliseconds from asking for the registry to its first organisation on screen, in a fresh browser context
 * (cold cache, no cookies) with Chromium's network throttled through CDP.
 */
export async function registryFirstRowMs(browser: Browser, baseUrl: string): Promise<number> {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINE);
    const started = Date.now();
    await page.goto(`${baseUrl}/organizations`, { waitUntil: 'commit' });
    // a link to an organisation's card: the first row of the table or the first card of the list
    await page.locator('main a[href^="/organizations/"]').filter({ hasText: /\S/ }).first().waitFor({ state: 'visible', timeout: 60_000 });
    return Date.now() - started;
  } finally {
    await context.close();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
