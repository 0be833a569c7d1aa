import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');

describe('launching a school district, step by step, with three directors', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Three directors, each in their own browser session. */
  const directors: { email: string; page: Page; organizationId: string }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // The base school's director: Pavlovsk school No. 1 is in the register of base schools (the Altai authority's
    // order in the demo) — only a base school manages a district.
    for (const email of ['director.pavlovsk@orbita.demo', 'head.kld-school-39@orbita.demo', 'head.kld-lyceum-49@orbita.demo']) {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, baseUrl, email);
      const me = await api(page, 'GET', '/api/auth/me');
      directors.push({ email, page, organizationId: me.user.memberships[0].organizationId });
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it('walks the launch path from an empty district to a launched one', async () => {
    const [base, second, third] = directors;

    // The base school's director founds the district and invites two neighbouring schools.
    const network = await api(base.page, 'POST', '/api/networks', {
      name: 'Школьный округ «Балтийский»',
      kind: 'district',
      strategicGoal: 'Качественное образование для каждого ученика округа',
      managingOrganizationId: base.organizationId,
    });
    await base.page.goto(`${baseUrl}/networks/${network.id}/launch`);
    // The demo schools have described their resources already, so the inventory step is proven by data.
    await expect.poll(() => mainText(base.page), { timeout: 15_000 }).toContain('Пройдено шагов: 1 из 8');
    for (const member of [second, third]) {
      await api(base.page, 'POST', `/api/networks/${network.id}/invitations`, { organizationId: member.organizationId, role: 'member' });
    }

    // Each invited director accepts in their own session.
    for (const member of [second, third]) {
      await member.page.goto(`${baseUrl}/networks/${network.id}/members`);
      await member.page.getByRole('button', { name: 'Принять приглашение' }).first().click();
      const memberState = async () => (await api(member.page, 'GET', `/api/networks/${network.id}`)).members.find((m: { organizationId: string }) => m.organizationId === member.organizationId)?.state;
      await expect.poll(memberState, { timeout: 10_000 }).toBe('active');
    }

    // Council: chair, secretary and a member from the three schools.
    const roles = ['chair', 'secretary', 'member'] as const;
    for (const [index, director] of directors.entries()) {
      const me = await api(director.page, 'GET', '/api/auth/me');
      await api(base.page, 'POST', `/api/networks/${network.id}/council/members`, { fullName: me.user.fullName, position: 'Директор', organizationId: director.organizationId, userId: me.user.id, role: roles[index] });
    }

    // The agreement and the regulation: drafted from templates and sent for signature by the coordinator.
    const documents: { id: string }[] = [];
    for (const kind of ['agreement', 'district_regulation']) {
      const created = await api(base.page, 'POST', `/api/networks/${network.id}/documents`, { kind });
      const version = created.versions[0];
      await api(base.page, 'POST', `/api/documents/${created.id}/send`, { versionId: version.id, sha256: version.sha256 });
      documents.push(created);
    }

    // Every director signs the agreement in the browser, confirming with their password.
    for (const director of directors) {
      await director.page.goto(`${baseUrl}/networks/${network.id}/documents/${documents[0].id}`);
      await director.page.getByRole('button', { name: 'Подписать', exact: true }).first().click();
      const dialog = director.page.getByRole('dialog');
      await dialog.getByRole('checkbox').check();
      await dialog.getByLabel('Пароль от вашей учётной записи').fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: 'Подписать' }).click();
      await expect.poll(() => dialog.count(), { timeout: 10_000 }).toBe(0);
    }
    const agreement = await api(base.page, 'GET', `/api/documents/${documents[0].id}`);
    expect(agreement.state).toBe('signed');
    // The regulation is signed through the same API the page uses.
    for (const director of directors) {
      const current = await api(director.page, 'GET', `/api/documents/${documents[1].id}`);
      const version = current.versions.find((v: { version: number }) => v.version === current.currentVersion);
      await api(director.page, 'POST', `/api/documents/${documents[1].id}/sign`, { versionId: version.id, sha256: version.sha256, password: DEMO_PASSWORD });
    }

    // The network plan.
    const plan = await api(base.page, 'POST', `/api/networks/${network.id}/plans`, { title: 'План сетевого взаимодействия округа' });
    await api(base.page, 'POST', `/api/plans/${plan.id}/items`, { activity: 'Совместный педагогический совет школ округа', startsOn: '2026-12-01', endsOn: '2026-12-10', responsibleOrganizationIds: [base.organizationId], expectedResult: 'Решение о сетевых элективных курсах' });

    // The coordinator marks the steps no data proves, and launches.
    await base.page.goto(`${baseUrl}/networks/${network.id}/launch`);
    await expect.poll(() => mainText(base.page), { timeout: 15_000 }).toContain('Пройдено шагов: 5 из 8');
    for (let marked = 0; marked < 2; marked++) {
      await base.page.getByRole('button', { name: 'Отметить выполненным' }).first().click();
      await base.page.getByRole('dialog').getByRole('button', { name: 'Отметить выполненным' }).click();
      await expect.poll(() => mainText(base.page), { timeout: 10_000 }).toContain(`Пройдено шагов: ${6 + marked} из 8`);
    }
    await base.page.getByRole('button', { name: 'Запустить сеть' }).click();
    await base.page.getByRole('dialog').getByRole('button', { name: 'Запустить сеть' }).click();
    await expect.poll(() => mainText(base.page), { timeout: 10_000 }).toContain('Сеть запущена');
    const path = await api(base.page, 'GET', `/api/networks/${network.id}/launch-path`);
    expect(path).toMatchObject({ completed: 8, current: null });
  });
});
