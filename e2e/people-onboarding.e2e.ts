import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/e2e11-shots';
/** The machine is small and shared: the whole chain of four people gets room to breathe. */
const CHAIN_TIMEOUT = 300_000;
/** How long a page may take to show what a step expects. */
const POLL = { timeout: 15_000 };

/** A page as the people using it see it once it has loaded, kept for a human look afterwards. */
async function shot(page: Page, name: string) {
  // Sections load one after another; a picture of placeholders shows nothing. (Not `networkidle`: on a busy machine
  // the page's requests can stay in flight past Playwright's 30 s, and placeholders are what the picture is about.)
  await expect.poll(() => page.locator('.mantine-Skeleton-root').count(), { timeout: 60_000 }).toBe(0);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** Whether the page fits its window's width: nothing to scroll sideways on a phone. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('people join by invitation, down the tree: operator → authority → head → teacher', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Each person in a browser of their own, as at different computers. */
  const open = async (width = 1280) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  // Addresses nobody has, so the test can run again on the same demo.
  const unique = Date.now().toString(36);
  const authority = { email: `uo.${unique}@novocherkassk.e2e.test`, fullName: 'Ермакова Вера Павловна', password: 'sinyaya-gora-7381-tuman' };
  const head = { email: `dmsh2.${unique}@novocherkassk.e2e.test`, fullName: 'Лысенко Олег Игоревич', password: 'krasny-most-4410-veter' };
  const teacher = { email: `piano.${unique}@novocherkassk.e2e.test`, fullName: 'Гордеева Алла Сергеевна', password: 'tihaya-reka-5283-kamen' };
  const SCHOOL = 'МБУ ДО ДМШ № 2';

  /**
   * The link of the newest letter to `email`, as the operator reads it in «Исходящие письма» (the demo has
   * no mail server, so letters wait there): the real letter's link, not one the test makes up.
   */
  async function invitationLink(operator: Page, email: string, screenshot?: string): Promise<string> {
    await operator.goto(`${baseUrl}/admin/outbox?q=${encodeURIComponent(email)}`);
    const row = operator.getByTestId('outbox-row').first();
    await row.waitFor();
    expect(await row.innerText()).toContain(email);
    await row.getByRole('link').first().click();
    await operator.waitForURL(/\/admin\/outbox\/\d+$/);
    const link = operator.getByTestId('letter-link').first();
    await link.waitFor();
    if (screenshot) await shot(operator, screenshot);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);
    // The letter's links lead to ORBITA_PUBLIC_URL; the test's server listens elsewhere, so keep only the path.
    return `${baseUrl}${new URL(href).pathname}`;
  }

  /** Follows an invitation link as a person without an account: chooses a password and is signed in. */
  async function accept(page: Page, link: string, person: { email: string; password: string }, screenshot: string) {
    await page.goto(link);
    await page.getByRole('heading', { name: 'Приглашение в «Орбиту»' }).waitFor();
    expect(await mainText(page)).toContain(person.email);
    await page.getByLabel('Пароль', { exact: true }).fill(person.password);
    await page.getByLabel('Пароль ещё раз').fill(person.password);
    await shot(page, screenshot);
    await page.getByRole('button', { name: 'Принять приглашение и войти' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/invitation/'));
  }

  /** Fills «Пригласить» (the dialog is open): address, name, and the role when there is a choice. */
  async function fillInvitation(page: Page, person: { email: string; fullName: string }, role?: string) {
    const form = page.getByRole('dialog');
    await form.getByLabel('Электронная почта').fill(person.email);
    await form.getByLabel('Фамилия, имя и отчество').fill(person.fullName);
    if (role) {
      await form.getByRole('combobox', { name: 'Роль' }).click();
      await page.getByRole('option', { name: role, exact: true }).click();
    }
    return form;
  }

  it(
    'the operator invites an authority, who invites a head, who invites a teacher; each accepts from the letter',
    async () => {
      // The operator invites a specialist of the Новочеркасск education authority.
      const operator = await open();
      await signIn(operator, baseUrl, 'operator@orbita.demo');
      await operator.goto(`${baseUrl}/admin/invitations`);
      await operator.getByRole('button', { name: 'Пригласить', exact: true }).click();
      let form = await fillInvitation(operator, authority, 'Орган управления образованием');
      await form.getByRole('combobox', { name: 'Муниципалитет' }).click();
      await operator.getByRole('option', { name: 'г. Новочеркасск', exact: true }).click();
      await shot(operator, '01-operator-invites-authority');
      await form.getByRole('button', { name: 'Отправить приглашение' }).click();
      await operator.getByText(`Приглашение отправлено на ${authority.email}`).waitFor();
      await expect.poll(() => mainText(operator), POLL).toContain(authority.fullName);
      await shot(operator, '02-operator-invitations');

      // The specialist accepts from the letter and lands in «Администрирование».
      const authorityPage = await open();
      await accept(authorityPage, await invitationLink(operator, authority.email, '03-outbox-letter'), authority, '04-authority-accepts');
      await authorityPage.waitForURL(/\/admin/);
      await expect.poll(() => mainText(authorityPage), POLL).toMatch(/Найден/);
      await shot(authorityPage, '05-authority-admin');

      // …and invites the head of the town's music school, found by name among the municipality's organisations.
      await authorityPage.goto(`${baseUrl}/admin/invitations`);
      await authorityPage.getByRole('button', { name: 'Пригласить', exact: true }).click();
      form = await fillInvitation(authorityPage, head, 'Руководитель');
      await form.getByRole('combobox', { name: 'Организация' }).fill('ДМШ');
      const school = authorityPage.getByRole('option', { name: new RegExp(`^${SCHOOL}`) });
      await school.first().waitFor({ timeout: 15_000 });
      await school.first().click();
      await shot(authorityPage, '06-authority-invites-head');
      await form.getByRole('button', { name: 'Отправить приглашение' }).click();
      await authorityPage.getByText(`Приглашение отправлено на ${head.email}`).waitFor();

      // The head accepts and opens the school's page, whose «Сотрудники» lead to inviting a teacher.
      const headPage = await open();
      await accept(headPage, await invitationLink(operator, head.email), head, '07-head-accepts');
      await headPage.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
      const schoolUrl = headPage.url();
      const staffLink = headPage.getByRole('link', { name: 'Открыть список сотрудников' });
      await staffLink.waitFor();
      await shot(headPage, '08-head-organisation');
      await staffLink.click();
      await headPage.waitForURL(/\/staff$/);
      await headPage.getByRole('heading', { name: 'Сотрудники', level: 1 }).waitFor();
      await expect.poll(() => mainText(headPage), POLL).toContain(head.fullName);
      await headPage.getByRole('button', { name: 'Пригласить сотрудника' }).click();
      form = await fillInvitation(headPage, teacher, 'Педагог');
      await shot(headPage, '09-head-invites-teacher');
      await form.getByRole('button', { name: 'Отправить приглашение' }).click();
      await headPage.getByText(`Приглашение отправлено на ${teacher.email}`).waitFor();
      // The invitation waits on the staff page with its age, until the teacher answers.
      await expect.poll(() => mainText(headPage), POLL).toContain(teacher.email);
      expect(await mainText(headPage)).toMatch(/Приглашения без ответа: 1/);
      await shot(headPage, '10-staff-with-pending');

      // The teacher accepts, then signs in again later with the new password and finds the school.
      const teacherPage = await open();
      await accept(teacherPage, await invitationLink(operator, teacher.email), teacher, '11-teacher-accepts');
      await teacherPage.waitForURL(schoolUrl);
      const signedIn = await open();
      await signIn(signedIn, baseUrl, teacher.email, teacher.password);
      const me = await signedIn.evaluate(async () => (await fetch('/api/auth/me')).json());
      expect(me.user.memberships).toEqual([expect.objectContaining({ organizationName: SCHOOL, role: 'teacher' })]);
      // Her school is in her menu, under «Мои организации».
      await signedIn.getByRole('button', { name: `Меню пользователя ${teacher.fullName}` }).click();
      await signedIn.getByRole('menuitem', { name: new RegExp(`${SCHOOL}.*Педагог`) }).click();
      await signedIn.waitForURL(schoolUrl);
      await signedIn.getByRole('heading', { level: 1, name: SCHOOL }).waitFor();
      await shot(signedIn, '12-teacher-sees-school');

      // The head's staff list now has the teacher, and no invitation waits.
      await headPage.reload();
      await expect.poll(() => mainText(headPage), POLL).toContain(teacher.fullName);
      expect(await mainText(headPage)).toContain('Неотвеченных приглашений нет.');
      await shot(headPage, '13-staff-after');

      // On a phone the staff page and an invitation link fit the screen.
      const phone = await open(390);
      await signIn(phone, baseUrl, head.email, head.password);
      await phone.goto(`${schoolUrl}/staff`);
      await expect.poll(() => mainText(phone), POLL).toContain(teacher.fullName);
      expect(await fitsWidth(phone)).toBe(true);
      await shot(phone, '14-staff-390');
      const invitationPage = await open(390);
      await invitationPage.goto(await invitationLink(operator, 'teacher.english@orbita.demo'));
      await invitationPage.getByRole('heading', { name: 'Приглашение в «Орбиту»' }).waitFor();
      expect(await fitsWidth(invitationPage)).toBe(true);
      await shot(invitationPage, '15-invitation-390');
    },
    CHAIN_TIMEOUT,
  );
});
