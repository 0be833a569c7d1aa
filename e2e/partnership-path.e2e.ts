import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');

/**
 * Seed 002's partnership, Yaroslavl style: an effective school leads a satellite through its own path — the leader's
 * strengths and the satellite's needs from their inventories, a roadmap, the cooperation agreement signed by the two
 * heads, the launch, then the work after it; the leader adapts the path and everybody sees the change.
 */
describe('a leader–satellite partnership walks its own path', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const heads: { page: Page; organizationId: string }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const email of ['head.rst-school-semibratovo@orbita.demo', 'head.rst-school-belogostitsy@orbita.demo']) {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, baseUrl, email);
      const me = await api(page, 'GET', '/api/auth/me');
      heads.push({ page, organizationId: me.user.memberships[0].organizationId });
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it('goes from the leader’s strengths to the work after the launch', async () => {
    const [leader, satellite] = heads;
    const network = await api(leader.page, 'POST', '/api/networks', {
      name: 'Партнёрство «Семибратово — Белогостицы»',
      kind: 'partnership',
      strategicGoal: 'Выравнивание образовательных возможностей школ с разным уровнем результатов',
      managingOrganizationId: leader.organizationId,
    });
    const launchPage = `${baseUrl}/networks/${network.id}/launch`;

    // The partnership's own path: the leader's resources (described in the demo) prove its strengths already.
    await leader.page.goto(launchPage);
    await expect.poll(() => mainText(leader.page), { timeout: 15_000 }).toContain('Шаблон: путь школьного партнёрства (опыт Ярославской области).');
    let text = await mainText(leader.page);
    expect(text).toContain('Сильные стороны школы-лидера');
    expect(text).toMatch(/Школа-лидер описала ресурсы: \d+/);
    expect(text).toContain('В партнёрстве пока нет школ-спутников');
    expect(text).not.toContain('Координационный совет');

    // The satellite accepts the invitation; its recorded need proves the satellites' needs.
    const invitation = await api(leader.page, 'POST', `/api/networks/${network.id}/invitations`, { organizationId: satellite.organizationId, role: 'satellite' });
    await satellite.page.goto(`${baseUrl}/networks/${network.id}/members`);
    await satellite.page.getByRole('button', { name: 'Принять приглашение' }).first().click();
    await expect.poll(async () => (await api(satellite.page, 'GET', `/api/networks/${network.id}`)).members.find((m: { id: string }) => m.id === invitation.id)?.state, { timeout: 10_000 }).toBe('active');
    await leader.page.goto(launchPage);
    await expect.poll(() => mainText(leader.page), { timeout: 15_000 }).toContain('Потребности описали 1 из 1 школы-спутника');

    // The roadmap of the joint work.
    const roadmap = await api(leader.page, 'POST', `/api/networks/${network.id}/plans`, { title: 'Дорожная карта совместной работы', kind: 'roadmap' });
    await api(leader.page, 'POST', `/api/plans/${roadmap.id}/items`, {
      activity: 'Стажировка учителей Белогостицкой школы в Семибратовской школе',
      startsOn: '2026-12-14',
      endsOn: '2026-12-18',
      responsibleOrganizationIds: [leader.organizationId, satellite.organizationId],
      expectedResult: 'Учителя освоили приёмы работы с мотивацией учеников',
    });
    await leader.page.reload();
    await expect.poll(() => mainText(leader.page), { timeout: 15_000 }).toContain('Дорожная карта составлена');

    // The cooperation agreement of the leader and the satellite, with the joint action plan as its annex.
    const joint = await api(leader.page, 'POST', `/api/networks/${network.id}/plans`, { title: 'План совместных действий', kind: 'joint_actions' });
    await api(leader.page, 'POST', `/api/plans/${joint.id}/items`, {
      activity: 'Мастер-классы учителей Семибратовской школы для учителей Белогостицкой',
      startsOn: '2027-01-18',
      endsOn: '2027-03-20',
      responsibleOrganizationIds: [leader.organizationId],
      expectedResult: 'Шесть мастер-классов',
    });
    const agreement = await api(leader.page, 'POST', `/api/networks/${network.id}/documents`, {
      kind: 'agreement',
      partyOrganizationIds: [leader.organizationId, satellite.organizationId],
      annexPlanId: joint.id,
    });
    expect(agreement.current.annex.items.map((i: { activity: string }) => i.activity)).toEqual(['Мастер-классы учителей Семибратовской школы для учителей Белогостицкой']);
    // Without the annex it would not count: the step waits for this one.
    await api(leader.page, 'POST', `/api/documents/${agreement.id}/send`, { versionId: agreement.current.id, sha256: agreement.current.sha256 });
    // Signed in the browser by the two heads.
    for (const head of [leader, satellite]) {
      await head.page.goto(`${baseUrl}/networks/${network.id}/documents/${agreement.id}`);
      await head.page.getByRole('button', { name: 'Подписать', exact: true }).first().click();
      const dialog = head.page.getByRole('dialog');
      await dialog.getByRole('checkbox').check();
      await dialog.getByLabel('Пароль от вашей учётной записи').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Подписать' }).click();
      await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    }
    expect((await api(leader.page, 'GET', `/api/documents/${agreement.id}`)).state).toBe('signed');

    // Every step before the launch is done: the leader launches the partnership.
    await leader.page.goto(launchPage);
    await expect.poll(() => mainText(leader.page), { timeout: 15_000 }).toContain('Соглашения подписаны с 1 из 1 школы-спутника');
    await leader.page.getByRole('button', { name: 'Запустить сеть' }).click();
    await leader.page.getByRole('dialog').getByRole('button', { name: 'Запустить сеть' }).click();
    await expect.poll(() => mainText(leader.page), { timeout: 10_000 }).toContain('Дальше — шаги работы после запуска. Сейчас: «Совместные образовательные события».');

    // The leader adds a step of its own to the path, with a reason; the change is recorded and shown.
    await leader.page.getByRole('button', { name: 'Изменить путь' }).click();
    const editor = leader.page.getByRole('dialog');
    await editor.getByLabel('Добавить свой шаг').fill('Методический десант в школу-спутник');
    await editor.getByRole('button', { name: 'Добавить', exact: true }).nth(1).click();
    await editor.getByLabel('Причина изменения').fill('Решение совета партнёрства');
    await editor.getByRole('button', { name: 'Сохранить путь' }).click();
    await expect.poll(() => editor.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => mainText(leader.page), { timeout: 10_000 }).toContain('Добавлен шаг «Методический десант в школу-спутник» (место 9)');
    text = await mainText(leader.page);
    expect(text).toContain('Причина: Решение совета партнёрства');
    expect(text).toContain('Изменён координатором');

    // The satellite sees the path and its change, but not who made it, and may not change it.
    await satellite.page.goto(launchPage);
    await expect.poll(() => mainText(satellite.page), { timeout: 15_000 }).toContain('Методический десант в школу-спутник');
    expect(await satellite.page.getByRole('button', { name: 'Изменить путь' }).count()).toBe(0);
    const seen = await api(satellite.page, 'GET', `/api/networks/${network.id}/launch-path`);
    expect(seen.history[0]).toMatchObject({ changedBy: null, reason: 'Решение совета партнёрства' });

    // The work after the launch is marked by the leader as it is done.
    await leader.page.getByRole('button', { name: 'Отметить выполненным' }).first().click();
    const mark = leader.page.getByRole('dialog');
    await mark.getByLabel('Комментарий').fill('Проведены стажировка и два мастер-класса');
    await mark.getByRole('button', { name: 'Отметить выполненным' }).click();
    await expect.poll(() => mainText(leader.page), { timeout: 10_000 }).toContain('Сейчас: «Внедрение эффективных практик»');
    const path = await api(leader.page, 'GET', `/api/networks/${network.id}/launch-path`);
    expect(path.steps.map((s: { step: string; done: boolean }) => [s.step, s.done])).toEqual([
      ['leader_strengths', true],
      ['satellite_needs', true],
      ['roadmap', true],
      ['agreement', true],
      ['launch', true],
      ['joint_events', true],
      ['practice_transfer', false],
      ['reflective_evaluation', false],
      [expect.stringMatching(/^custom-/), false],
    ]);
  });
});
