import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');

/**
 * Seed 001's way of forming a council, in the browser: the coordinator of school No. 31's network starts an
 * election for one seat, a member's head nominates their director, the heads cast their ballots (one through the
 * ballot dialog), the coordinator counts — the elected director joins the council beside the parent and the pupil,
 * and the minutes of the election say who voted for whom.
 */
describe('council election', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const as = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, email);
    return page;
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('nomination, ballots of member organisations, the result in the minutes and on the council', async () => {
    const coordinator = await as('director31@orbita.demo');
    const network = (await api(coordinator, 'GET', '/api/networks')).items.find((n: { name: string }) => n.name.includes('СОШ № 31'));
    await coordinator.goto(`${baseUrl}/networks/${network.id}/council`);
    await coordinator.getByRole('button', { name: 'Начать выборы' }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('Название').fill('Довыборы в совет');
    await dialog.getByLabel('Мест в совете').fill('1');
    await dialog.getByRole('button', { name: 'Начать выдвижение' }).click();
    await expect.poll(() => coordinator.getByText('Выдвижение кандидатов').count()).toBe(1);

    // The head of the museum nominates its director through the form.
    const museum = await as('head.nvch-museum-cossacks@orbita.demo');
    await museum.goto(`${baseUrl}/networks/${network.id}/council`);
    await museum.getByRole('button', { name: 'Выдвинуть кандидата' }).click();
    const nominate = museum.getByRole('dialog');
    await nominate.getByLabel('Организация', { exact: true }).click();
    await museum.getByRole('option', { name: /музей/i }).click();
    await nominate.getByLabel('ФИО').fill('Смирнова Анна Павловна');
    await nominate.getByLabel('Должность').fill('Директор музея');
    await nominate.getByRole('button', { name: 'Выдвинуть', exact: true }).click();
    await expect.poll(() => museum.locator('main').getByText('Смирнова Анна Павловна').count()).toBe(1);

    await coordinator.reload();
    await coordinator.getByRole('button', { name: 'Открыть голосование' }).click();
    await expect.poll(() => coordinator.getByText('Идёт голосование').count()).toBe(1);

    // The coordinator's school votes through the ballot dialog; two more heads through the API the page uses.
    await coordinator.getByRole('button', { name: 'Проголосовать' }).click();
    const ballot = coordinator.getByRole('dialog');
    await ballot.getByLabel(/Смирнова Анна Павловна/).check();
    await ballot.getByRole('button', { name: 'Подать бюллетень' }).click();
    await expect.poll(() => coordinator.getByText(/Бюллетень подан/).count()).toBeGreaterThan(0);
    const election = (await api(coordinator, 'GET', `/api/networks/${network.id}/council/elections`)).items[0];
    for (const head of ['head.nvch-museum-cossacks@orbita.demo', 'head.nvch-school-15@orbita.demo']) {
      const page = head.includes('museum') ? museum : await as(head);
      await api(page, 'POST', `/api/council-elections/${election.id}/ballots`, { nominationIds: [election.candidates[0].id] });
    }

    await coordinator.reload();
    await coordinator.getByRole('button', { name: 'Подвести итоги' }).click();
    await expect.poll(() => coordinator.getByText('Итоги подведены').count()).toBeGreaterThan(0);
    await coordinator.getByText('Протокол выборов', { exact: true }).click();
    const minutes = await coordinator.locator('pre, code').filter({ hasText: 'Протокол выборов координационного совета' }).innerText();
    expect(minutes).toContain('Смирнова Анна Павловна (Директор музея');
    expect(minutes).toContain('избран(а)');
    // The elected director is on the council, beside the parent and the pupil.
    const table = await coordinator.getByRole('table').first().innerText();
    expect(table).toContain('Смирнова Анна Павловна');
    expect(table).toContain('Литвинова Елена Сергеевна');
    expect(table).toContain('Маргарита Ж.');
  });
});
