import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');

describe('registry in the browser', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    // A fresh context per test: its own cookies, as a different person at another computer.
    page = await (await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 800 } })).newPage();
  });

  it('shows the demo region on the public home page and the map with markers, even without tiles', async () => {
    await page.goto(`${baseUrl}/organizations?view=map`);
    await expect.poll(() => page.locator('.leaflet-interactive').count(), { timeout: 15_000 }).toBeGreaterThan(50);
  });

  it('pages the registry by «Следующая» and «Предыдущая», and a damaged page link starts the list again', async () => {
    await page.goto(`${baseUrl}/organizations`);
    const main = page.getByRole('main');
    await expect.poll(() => main.innerText(), { timeout: 15_000 }).toMatch(/Показаны 1–20 из \d+/);
    const firstRow = await page.locator('main a.orbita-row-link').first().innerText();
    await page.getByRole('button', { name: 'Следующая страница' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Показаны 21–40 из \d+/);
    expect(page.url()).toContain('cursor=');
    expect(await page.locator('main a.orbita-row-link').first().innerText()).not.toBe(firstRow);
    await page.getByRole('button', { name: 'Следующая страница' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Показаны 41–60 из \d+/);
    await page.getByRole('button', { name: 'Предыдущая страница' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Показаны 21–40 из \d+/);
    await page.getByRole('button', { name: 'Предыдущая страница' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Показаны 1–20 из \d+/);
    expect(await page.locator('main a.orbita-row-link').first().innerText()).toBe(firstRow);

    await page.goto(`${baseUrl}/organizations?cursor=broken`);
    await expect.poll(() => main.innerText()).toContain('Ссылка на страницу списка повреждена или устарела');
    await page.getByRole('button', { name: 'Повторить' }).click();
    await expect.poll(() => main.innerText()).toMatch(/Показаны 1–20 из \d+/);
    expect(page.url()).not.toContain('cursor=');
  });

  it('shows the programme catalogue on the map from its own points, not the list’s', async () => {
    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${baseUrl}/programmes?view=map`);
    await expect.poll(() => page.locator('.leaflet-interactive').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    expect(asked).toContain('/api/programmes/map');
    const list = await page.evaluate(async () => (await fetch('/api/programmes')).json());
    expect(list).not.toHaveProperty('points');
  });

  it('signs in and shows who is signed in', async () => {
    await signIn(page, baseUrl, 'director@orbita.demo');
    await expect.poll(() => page.getByRole('banner').innerText()).toMatch(/Лицей|Директор|[А-Я][а-я]+ [А-Я][а-я]+/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me.user.email).toBe('director@orbita.demo');
  });

  it('filters the registry by Russian word forms and opens a card', async () => {
    await page.goto(`${baseUrl}/organizations`);
    await page.getByLabel('Поиск').fill('гимназии');
    await expect.poll(() => page.url()).toContain('q=');
    const foundCount = async () => Number((await page.getByRole('main').innerText()).match(/Найден[оа]? (\d+) организац/)?.[1] ?? NaN);
    // The list narrows from all 80 demo organisations to the gymnasiums once the typed search applies.
    await expect.poll(foundCount, { timeout: 10_000 }).toBeLessThan(20);
    expect(await foundCount()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('main').innerText()).toMatch(/[Гг]имнази/);

    await page.getByRole('link', { name: /Гимназия № 49|гимназия № 49/i }).first().click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/49/);
    await expect.poll(() => page.getByRole('main').innerText()).toContain('ИНН');
  });

  it('lets a director edit their own organisation’s card but not another’s', async () => {
    await signIn(page, baseUrl, 'director@orbita.demo');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    const ownId = me.user.memberships[0].organizationId;
    await page.goto(`${baseUrl}/organizations/${ownId}`);
    await page.getByRole('button', { name: 'Редактировать' }).or(page.getByRole('link', { name: 'Редактировать' })).first().click();
    const phone = page.getByLabel('Телефон');
    await phone.fill('+7 (4012) 99-88-77');
    await page.getByRole('button', { name: 'Сохранить изменения' }).click();
    await expect.poll(() => page.getByRole('main').innerText(), { timeout: 10_000 }).toContain('+7 (4012) 99-88-77');
    const saved = await page.evaluate(async (id) => (await fetch(`/api/organizations/${id}`)).json(), ownId);
    expect(saved.phone).toBe('+7 (4012) 99-88-77');

    const other = await page.evaluate(async () => (await fetch('/api/organizations?q=Новочеркасск&pageSize=1')).json());
    await page.goto(`${baseUrl}/organizations/${other.items[0].id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Редактировать' }).or(page.getByRole('link', { name: 'Редактировать' })).count()).toBe(0);
  });

  it('imports a spreadsheet: a file with one bad row is refused with the row and column named, a good one is written', async () => {
    await signIn(page, baseUrl, 'operator@orbita.demo');
    const dir = mkdtempSync(path.join(tmpdir(), 'orbita-e2e-import-'));
    const header = 'Полное наименование;Краткое наименование;Тип;ИНН;Муниципалитет;Адрес;Широта;Долгота';
    const good = [
      'Муниципальное бюджетное учреждение дополнительного образования «Станция юных техников»;СЮТ г. Калининграда;Организация доп. образования;3906000012;г. Калининград;г. Калининград, ул. Горького, 10;54.72;20.50',
      'Муниципальное автономное дошкольное учреждение «Детский сад № 120»;Детский сад № 120;Детский сад;;г. Калининград;г. Калининград, ул. Фрунзе, 5;54.71;20.52',
    ];
    const badFile = path.join(dir, 'bad.csv');
    writeFileSync(badFile, [header, ...good, 'Школа без типа;Школа X;Замок;;г. Калининград;;;'].join('\n'));
    await page.goto(`${baseUrl}/organizations/import`);
    await page.locator('input[type=file]').setInputFiles(badFile);
    await expect.poll(() => page.getByRole('main').innerText(), { timeout: 15_000 }).toContain('Ошибки в файле: 1');
    const errors = await page.getByRole('table').last().innerText();
    expect(errors).toContain('4');
    expect(errors).toContain('Тип');
    expect(await page.getByRole('button', { name: /^Загрузить \d+ строк/ }).count()).toBe(0);
    const before = await page.evaluate(async () => (await fetch('/api/organizations?q=СЮТ')).json());
    expect(before.total).toBe(0);

    const goodFile = path.join(dir, 'good.csv');
    writeFileSync(goodFile, [header, ...good].join('\n'));
    const another = page.getByRole('button', { name: 'Загрузить другой файл' });
    if (await another.count()) await another.click();
    await page.locator('input[type=file]').setInputFiles(goodFile);
    await page.getByRole('button', { name: /^Загрузить 2 строки/ }).click();
    await expect.poll(() => page.getByRole('main').innerText(), { timeout: 30_000 }).toContain('Готово: реестр обновлён');
    const after = await page.evaluate(async () => (await fetch(`/api/organizations?q=${encodeURIComponent('юных техников')}`)).json());
    expect(after.total).toBe(1);
  });
});
