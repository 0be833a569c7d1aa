import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');

describe('the exchange picture of a municipality', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } })).newPage();
  });

  it('shows the authority its own municipality: the totals, the needs and who covers them', async () => {
    await signIn(page, baseUrl, 'authority@orbita.demo');
    const me = await api(page, 'GET', '/api/auth/me');
    const expected = await api(page, 'GET', `/api/municipalities/${me.user.municipalityId}/exchange-picture`);
    expect(expected.scope.name).toBe('г. Калининград');
    expect(expected.needs.length).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Обмен в муниципалитете' }).click();
    await page.waitForURL(/\/exchange-picture$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Обмен ресурсами в муниципалитете');
    await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain('Муниципалитет: г. Калининград');

    const inventory = page.getByRole('region', { name: 'Инвентаризация' });
    await expect.poll(() => inventory.innerText(), { timeout: 15_000 }).toMatch(new RegExp(`${expected.totals.organizations}\\s+организаци`));
    expect(await inventory.innerText()).toMatch(new RegExp(`${expected.totals.needs}\\s+потребност`));
    const coverage = await page.getByRole('region', { name: 'Покрытие потребностей' }).innerText();
    expect(coverage).toMatch(new RegExp(`${expected.totals.coveredNeeds}\\s+покрыт`));
    expect(coverage).toMatch(new RegExp(`${expected.totals.uncoveredNeeds}\\s+дефицит`));

    const needs = page.getByRole('table', { name: 'Потребности организаций и кто их может закрыть' });
    const first = expected.needs[0];
    const row = needs.getByRole('row').filter({ hasText: first.need.title });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain(first.organization.shortName);
    if (first.covered) expect(await row.innerText()).toContain(first.suggestions[0].organization.shortName);
    else expect(await row.innerText()).toContain('Дефицит — никто в муниципалитете');
    expect(await needs.getByRole('row').count()).toBe(expected.needs.length + 1);

    // the partner distance goes to the URL
    await page.getByText('Без ограничений', { exact: true }).click();
    await expect.poll(() => page.url()).toContain('maxDistanceKm=none');
  });

  it('explains to a director that the page is for the authority and the operator', async () => {
    await signIn(page, baseUrl, 'director@orbita.demo');
    expect(await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Обмен в муниципалитете' }).count()).toBe(0);
    await page.goto(`${baseUrl}/exchange-picture`);
    await expect.poll(() => mainText(page)).toContain('Картина обмена по муниципалитету вам недоступна');
    expect(await page.getByRole('table').count()).toBe(0);
  });
});
