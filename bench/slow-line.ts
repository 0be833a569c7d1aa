import type { Browser, Page } from 'playwright-core';

/** A school's slow line: 1.6 Mbit/s down, 150 ms latency (upload as down; it hardly matters for a page load). */
export const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (1.6e6 / 8) };

/**
 * Milliseconds from asking for the registry to its first organisation on screen, in a fresh browser context
 * (cold cache, no cookies) with Chromium's network throttled through CDP. `afterFirstRow` may look at the page then
 * (bench/first-row.ts prints its waterfall).
 */
export async function registryFirstRowMs(browser: Browser, baseUrl: string, afterFirstRow?: (page: Page) => Promise<void>): Promise<number> {
  const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINE);
    // Timed inside the page, from the start of the navigation to the frame after the first organisation link (the first
    // row of the table or the first card of the list) entered the page: polling from outside would add up to its interval.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const links = document.querySelectorAll<HTMLAnchorElement>('main a[href^="/organizations/"]');
        if (![...links].some((a) => /\S/.test(a.textContent ?? ''))) return;
        observer.disconnect();
        requestAnimationFrame(() => Object.assign(window, { firstRowMs: performance.now() }));
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(`${baseUrl}/organizations`, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(() => (window as { firstRowMs?: number }).firstRowMs, undefined, { timeout: 60_000, polling: 100 });
    const elapsed = Math.round(Number(await shown.jsonValue()));
    await afterFirstRow?.(page);
    return elapsed;
  } finally {
    await context.close();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
