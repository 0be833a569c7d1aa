import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');

describe('a low-results school finds a nearby school’s resource and gets it', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** гимназия им. А.Л. Кекина: has the resource. Поречская школа (low results, a satellite nearby): needs it. */
  const provider = { email: 'director.rostov@orbita.demo' } as { email: string; page: Page; organizationId: string };
  const requester = { email: 'director.poreche@orbita.demo' } as { email: string; page: Page; organizationId: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const director of [provider, requester]) {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      director.page = await context.newPage();
      await signIn(director.page, baseUrl, director.email);
      const me = await api(director.page, 'GET', '/api/auth/me');
      director.organizationId = me.user.memberships.find((m: { role: string }) => m.role === 'org_admin').organizationId;
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('records a need, requests the suggested resource, and the owner accepts', async () => {
    // A resource of the gymnasium no demo data has, so the test does not depend on the demo inventory.
    const unique = Date.now().toString(36);
    const offerTitle = `Наставник по химии для подготовки к ЕГЭ (тест ${unique})`;
    await api(provider.page, 'POST', `/api/organizations/${provider.organizationId}/offers`, {
      category: 'staff',
      title: offerTitle,
      description: 'Учитель химии высшей категории готовит выпускников к ЕГЭ по химии и олимпиадам, ведёт занятия для учеников школ-партнёров.',
      tags: ['химия', 'егэ'],
      conditions: 'free',
      mobility: 'travels',
      weekdays: [2, 4],
      availableFrom: null,
      availableTo: null,
      capacity: 12,
    });

    // The school records its need on its card.
    const needTitle = `Наставник по химии для выпускников (тест ${unique})`;
    const { page } = requester;
    await page.goto(`${baseUrl}/organizations/${requester.organizationId}`);
    await page.getByRole('button', { name: 'Добавить потребность' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('combobox', { name: 'Вид ресурса' }).click();
    await page.getByRole('option', { name: /^Кадровые/ }).click();
    await form.getByRole('textbox', { name: 'Название' }).fill(needTitle);
    await form.getByRole('textbox', { name: 'Описание' }).fill('Нет учителя химии: выпускникам нужна подготовка к ЕГЭ по химии.');
    const tags = form.getByRole('combobox', { name: 'Направления' });
    await tags.fill('химия');
    await tags.press('Enter');
    // leave the tags field so its suggestion list closes
    await form.getByRole('textbox', { name: 'Название' }).click();
    await form.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);

    // «Подобрать партнёров» lists the gymnasium's resource; the school requests it.
    await page.getByRole('group', { name: `Действия с записью «${needTitle}»` }).getByRole('link', { name: 'Подобрать партнёров' }).click();
    await page.waitForURL(/\/needs\/[^/]+\/suggestions/);
    const suggestion = page.getByRole('listitem', { name: offerTitle });
    await expect.poll(() => suggestion.count(), { timeout: 15_000 }).toBe(1);
    expect(await suggestion.innerText()).toContain('гимназия им. А.Л. Кекина');
    await suggestion.getByRole('button', { name: 'Запросить ресурс' }).click();
    const request = page.getByRole('dialog');
    await request.getByRole('textbox', { name: 'Сообщение' }).fill('Просим помочь с подготовкой выпускников к ЕГЭ по химии.');
    await request.getByRole('button', { name: 'Отправить запрос' }).click();
    await page.waitForURL(/\/exchanges\/[^/]+$/);
    const exchangeUrl = page.url();
    const stateBadge = (p: Page, state: string) => p.getByRole('main').getByText(state, { exact: true });
    await expect.poll(() => stateBadge(page, 'Запрошен').count(), { timeout: 10_000 }).toBe(1);
    expect(await mainText(page)).toContain('Ждём ответа организации');

    // The gymnasium sees the request waiting for its answer and accepts it.
    const owner = provider.page;
    await owner.goto(`${baseUrl}/exchanges`);
    const row = owner.getByTestId('exchange-row').filter({ hasText: offerTitle });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.innerText()).toContain('Ждёт вашего ответа');
    expect(await row.innerText()).toContain('Поречская');
    await row.getByRole('link', { name: offerTitle }).click();
    await owner.waitForURL(exchangeUrl);
    await expect.poll(() => mainText(owner), { timeout: 10_000 }).toContain('Просим помочь с подготовкой выпускников');
    await owner.getByRole('button', { name: 'Принять', exact: true }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'Принять', exact: true }).click();
    await expect.poll(() => stateBadge(owner, 'Принят').count(), { timeout: 10_000 }).toBe(1);
    expect(await mainText(owner)).toContain('Согласованные условия');
    expect(await mainText(owner)).not.toContain('Ждёт вашего ответа');

    // The school sees the exchange accepted, with the step in its history.
    await page.reload();
    await expect.poll(() => stateBadge(page, 'Принят').count(), { timeout: 10_000 }).toBe(1);
    expect(await mainText(page)).toContain('Условия приняты');
    expect(await mainText(page)).toContain('Согласованные условия');
    const exchange = await api(page, 'GET', `/api/exchanges/${exchangeUrl.split('/').pop()}`);
    expect(exchange).toMatchObject({ state: 'accepted', awaiting: null, requester: { id: requester.organizationId }, provider: { id: provider.organizationId } });
    expect(exchange.history.map((e: { action: string }) => e.action)).toEqual(['requested', 'accepted']);
  });
});
