import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, api, launchBrowser, mainText } from './browser';

const baseUrl = inject('baseUrl');
const CYRILLIC = /[А-Яа-яЁё]/;
/** Names of schools, networks and people are the region's data and stay Russian; quoted, they are left out of the check. */
const withoutQuotes = (text: string) => text.replace(/“[^”]*”|«[^»]*»/g, '');

/**
 * The English interface gets English from the server too (issue 13, item 10): the web app sends
 * Accept-Language, so a refusal, the launch path's status lines and place names read in English.
 */
describe('the English interface', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    // the language switch keeps its choice here; the first page opens in English
    await context.addInitScript(() => localStorage.setItem('orbita.lang', 'en'));
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the server’s own refusal in English', async () => {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Email').fill('director@orbita.demo');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).last().click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    // the form words nothing itself here: the field's message is the server's refusal, asked for in English
    await page.goto(`${baseUrl}/profile`);
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Change address' }) });
    await form.getByLabel('New address').fill('director.new@orbita.demo');
    await form.getByLabel('Current password').fill('not-the-password-2026');
    await form.getByRole('button', { name: 'Change address' }).click();
    const refusal = form.getByText('Wrong password', { exact: true });
    await expect.poll(() => refusal.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(CYRILLIC.test(await form.innerText())).toBe(false);
  });

  it('shows the launch path’s statuses and the region’s places in English', async () => {
    // the demo's partnership, on its template's path (other browser tests add partnerships with steps of their own)
    const networks = await api<{ items: { id: string; kind: string; name: string }[] }>(page, 'GET', '/api/networks');
    await page.goto(`${baseUrl}/networks/${networks.items.find((n) => n.kind === 'partnership' && n.name.includes('Кекина'))!.id}/launch`);
    const steps = page.locator('.orbita-step');
    await expect.poll(() => steps.count(), { timeout: 20_000 }).toBeGreaterThan(5);
    const text = await steps.allInnerTexts();
    const russian = text.map(withoutQuotes).filter((step) => CYRILLIC.test(step));
    // a coordinator's own note on a step marked by hand is the only Russian a step may show
    expect(russian.filter((step) => !step.includes('Coordinator’s note'))).toEqual([]);

    await page.goto(`${baseUrl}/`);
    // the region's name arrives with /api/region, after the page's first paint
    await expect.poll(() => mainText(page), { timeout: 20_000 }).toContain('Kaliningrad');
    const home = await mainText(page);
    expect(home).not.toContain('г. Калининград');
  });
});
