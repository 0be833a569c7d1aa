import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, signIn } from './browser';
import { hostileTileAttribution } from './global-setup';

const baseUrl = inject('baseUrl');
const hostileName = '<img src=x onerror=alert(1)><b>Школа</b>';

interface MapSnapshot {
  tooltips: string[];
  /** elements inside the map that only markup in a name or an attribution could have created */
  injected: string[];
  attribution: string;
}

/**
 * Hovers every marker of the page's map in turn and reads each tooltip, then lists the map's elements that
 * markup could have created (tiles are the map's own images).
 */
function snapshotMap(page: Page): Promise<MapSnapshot> {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid="org-map"]')!;
    const tooltips = new Set<string>();
    for (const marker of map.querySelectorAll('path.leaflet-interactive')) {
      marker.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      for (const tooltip of map.querySelectorAll<HTMLElement>('.leaflet-tooltip')) tooltips.add(tooltip.innerText);
      marker.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    }
    const injected = [...map.querySelectorAll('img:not(.leaflet-tile), b')].map((element) => element.outerHTML);
    const attribution = (map.querySelector('.leaflet-control-attribution') as HTMLElement | null)?.innerText ?? '';
    return { tooltips: [...tooltips], injected, attribution };
  });
}

describe('names on the map are text', () => {
  let browser: Browser;
  let page: Page;
  let organization: { id: string; shortName: string; version: number };
  let originalName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } })).newPage();
    await signIn(page, baseUrl, 'director@orbita.demo');
    const me = await api(page, 'GET', '/api/auth/me');
    const organizationId = me.user.memberships.find((m: { role: string }) => m.role === 'org_admin').organizationId;
    organization = await api(page, 'GET', `/api/organizations/${organizationId}`);
    originalName = organization.shortName;
    organization = await api(page, 'PATCH', `/api/organizations/${organizationId}`, { shortName: hostileName, version: organization.version });
  });
  afterAll(async () => {
    // the demo organisation gets its name back for the other browser tests
    if (originalName) {
      const current = await api(page, 'GET', `/api/organizations/${organization.id}`);
      await api(page, 'PATCH', `/api/organizations/${organization.id}`, { shortName: originalName, version: current.version });
    }
    await browser?.close();
  });

  async function expectTextOnly(url: string, minMarkers = 1) {
    await page.goto(`${baseUrl}${url}`);
    await expect.poll(() => page.locator('[data-testid="org-map"] path.leaflet-interactive').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(minMarkers);
    const snapshot = await snapshotMap(page);
    expect(snapshot.tooltips).toContain(hostileName);
    expect(snapshot.injected).toEqual([]);
    expect(snapshot.attribution).toContain(hostileTileAttribution);
  }

  it('shows a name with markup as the literal text on the home map', async () => {
    await expectTextOnly('/', 50);
  });

  it('shows it on the organisation’s card', async () => {
    await expectTextOnly(`/organizations/${organization.id}`);
  });

  it('shows it on the resource catalogue’s map', async () => {
    const unique = `картограф${Date.now().toString(36)}`;
    await api(page, 'POST', `/api/organizations/${organization.id}/offers`, {
      category: 'facilities',
      title: `Глобус для урока географии ${unique}`,
      description: `Настольный глобус для уроков географии, выдаётся на неделю (${unique}).`,
      tags: ['география'],
      conditions: 'free',
      mobility: 'travels',
    });
    await expectTextOnly(`/resources?q=${encodeURIComponent(unique)}`);
  });
});
