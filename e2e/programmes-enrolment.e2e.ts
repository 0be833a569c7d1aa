import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/e2e5-shots';
/** The machine is small and shared: each step gets room to breathe. */
const STEP_TIMEOUT = 240_000;

const ROBOTICS = 'Робототехника: от конструктора к соревнованиям';
const MODELLING = '3D-моделирование и прототипирование';
const OLYMPIAD = 'Олимпиадная математика (центр работы с одарёнными детьми)';
const CAMPAIGN = 'Олимпиадная математика: выбор на 2026/27 учебный год';
const FINANCE = 'Финансовая грамотность';

/**
 * The link of the newest letter to `email`, as the operator reads it in the outbox (the demo has no mail server,
 * so letters wait there): the real letter's link, not one the test makes up. Letters lead to ORBITA_PUBLIC_URL;
 * the test's server listens elsewhere, so only the path is kept.
 */
async function linkInLetter(operator: Page, email: string, path: string): Promise<string> {
  const list = await api<{ items: { id: number; to: string }[] }>(operator, 'GET', `/api/outbox?q=${encodeURIComponent(email)}`);
  const newest = list.items.find((m) => m.to === email);
  expect(newest, `a letter to ${email}`).toBeDefined();
  const letter = await api<{ text: string }>(operator, 'GET', `/api/outbox/${newest!.id}`);
  const match = new RegExp(`https?://[^\\s]+(/${path}/[A-Za-z0-9_-]+)`).exec(letter.text);
  expect(match, letter.text).not.toBeNull();
  return match![1];
}

/** A page as the people using it see it, kept for a human look afterwards. */
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name, exact: true }).click();

/** The latest Tuesday or Thursday before today: a robotics class that has already taken place. */
function pastRoboticsClass(): { iso: string; typed: string; spelled: string } {
  const day = new Date();
  day.setUTCHours(12, 0, 0, 0);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() !== 2 && day.getUTCDay() !== 4);
  const iso = day.toISOString().slice(0, 10);
  // «3 декабря 2026», as the app's toast spells a day
  const spelled = day.toLocaleDateString('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).replace(/\s*г\.$/, '');
  return { iso, typed: iso.split('-').reverse().join('.'), spelled };
}

describe('a family registers, consents, enrols, waits in line and ranks a campaign; the school confirms; the provider marks attendance', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  const unique = Date.now().toString(36);
  const parent = { fullName: 'Белова Ирина Андреевна', email: `belova.${unique}@example.ru`, password: `Орбита-${unique}-пароль` };
  const child = { fullName: 'Белов Никита', id: '' };
  /** The older brother: 3D modelling is for grades 7–11, so he is the one who waits in its line. */
  const brother = { fullName: 'Белов Егор', id: '' };
  let family: Page;
  let roboticsId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    family = await newPage();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it(
    'a new parent registers from the sign-in page, adds a sixth-grader and gives consent',
    async () => {
      const page = family;
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole('main').getByRole('link', { name: 'Зарегистрироваться' }).waitFor();
      await shot(page, '01-sign-in');
      await page.getByRole('main').getByRole('link', { name: 'Зарегистрироваться' }).click();
      await page.waitForURL(/\/register$/);
      await page.getByLabel('Ваши фамилия, имя и отчество').fill(parent.fullName);
      await page.getByLabel('Электронная почта').fill(parent.email);
      await shot(page, '02-register');
      await page.getByRole('main').getByRole('button', { name: 'Зарегистрироваться' }).click();

      // The address is proven first: the page says where the letter went, whoever's address it is.
      await page.getByRole('heading', { name: 'Проверьте почту' }).waitFor();
      expect(await mainText(page)).toContain(`Мы отправили письмо на ${parent.email}`);
      await shot(page, '02b-check-mail');

      // The parent opens the link from the letter and chooses a password there.
      const operator = await newPage();
      await signIn(operator, baseUrl, 'operator@orbita.demo');
      await page.goto(`${baseUrl}${await linkInLetter(operator, parent.email, 'confirm-registration')}`);
      await page.getByRole('heading', { name: 'Завершение регистрации' }).waitFor();
      expect(await mainText(page)).toContain(parent.email);
      await page.getByLabel('Пароль', { exact: true }).fill(parent.password);
      await page.getByLabel('Пароль ещё раз').fill(parent.password);
      await shot(page, '02c-choose-password');
      await page.getByRole('main').getByRole('button', { name: 'Создать учётную запись' }).click();

      // Signed in and straight to «Мои дети» with the child form open.
      await page.waitForURL(/\/children/);
      const form = page.getByRole('dialog', { name: 'Новый ребёнок' });
      await form.waitFor();
      await form.getByRole('textbox', { name: 'Фамилия и имя ребёнка' }).fill(child.fullName);
      await form.getByRole('combobox', { name: 'Класс' }).click();
      await page.getByRole('option', { name: '6 класс', exact: true }).click();
      const school = form.getByRole('combobox', { name: 'Школа' });
      await school.fill('СОШ № 39');
      const option = page.getByRole('option', { name: /^МАОУ СОШ № 39 · .*Калининград/ });
      await option.first().waitFor({ timeout: 15_000 });
      await option.first().click();
      await shot(page, '03-child-form');
      await form.getByRole('button', { name: 'Добавить', exact: true }).click();

      // The child's page asks for consent first.
      await page.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      child.id = page.url().split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: child.fullName }).waitFor();
      const consent = page.getByRole('region', { name: 'Согласие на обработку персональных данных' });
      await consent.getByTestId('consent-text').waitFor();
      expect(await consent.getByTestId('consent-text').innerText()).toMatch(/персональн/i);
      expect(await mainText(page)).toContain('МАОУ СОШ № 39');
      expect(await mainText(page)).toContain('Ждёт подтверждения школы');
      await shot(page, '04-child-no-consent');
      await consent.getByRole('checkbox', { name: /Я даю согласие на обработку персональных данных/ }).check();
      await consent.getByRole('button', { name: 'Подтвердить согласие' }).click();
      await expect.poll(() => consent.innerText(), { timeout: 15_000 }).toMatch(/Согласие дано \d/);
      await shot(page, '05-child-consent-given');
    },
    STEP_TIMEOUT,
  );

  it(
    'finds robotics by search, enrols the child, and the child page shows it in the weekly timetable',
    async () => {
      const page = family;
      await nav(page, 'Программы');
      await page.waitForURL(/\/programmes/);
      const search = page.getByRole('search').getByRole('searchbox', { name: 'Поиск' });
      await search.fill('робототехника');
      await search.press('Enter');
      await page.waitForURL(/q=/);
      const found = page.getByRole('main').getByRole('link', { name: ROBOTICS });
      await found.waitFor({ timeout: 15_000 });
      // the search narrows the catalogue: no unrelated programmes remain
      await expect.poll(() => page.getByRole('main').getByRole('link', { name: MODELLING }).count(), { timeout: 10_000 }).toBe(0);
      await shot(page, '06-catalogue-search');
      await found.click();
      await page.waitForURL(/\/programmes\/[0-9a-f-]{36}$/);
      roboticsId = page.url().split('/').pop()!;

      const panel = page.getByRole('region', { name: 'Запись' });
      // Even the only child is not chosen for the parent: the panel says he fits, the parent picks him.
      const radio = panel.getByRole('radio', { name: child.fullName });
      await radio.waitFor({ timeout: 15_000 });
      expect(await radio.isChecked()).toBe(false);
      expect(await panel.getByTestId('child-fit').innerText()).toContain('Подходит');
      expect(await mainText(page)).toMatch(/Вторник\s+15:00–16:30/);
      await shot(page, '07-robotics-before');
      await radio.check();
      await panel.getByRole('button', { name: `Записать: ${child.fullName}…` }).click();
      const confirmation = page.getByRole('dialog', { name: 'Проверьте запись' });
      expect(await confirmation.innerText()).toContain(child.fullName);
      await confirmation.getByRole('button', { name: `Записать: ${child.fullName}` }).click();
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain(`Готово: ${child.fullName} записан(а).`);
      await shot(page, '08-robotics-enrolled');

      await panel.getByRole('link', { name: 'Страница ребёнка' }).click();
      await page.waitForURL(`${baseUrl}/children/${child.id}`);
      const enrolments = page.getByRole('region', { name: 'Программы и листы ожидания' });
      const row = enrolments.getByRole('row').filter({ hasText: ROBOTICS });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.innerText()).toContain('Записан(а)');
      expect(await row.innerText()).toContain('ЦИТТ');
      // The week: robotics on Tuesday and Thursday, nothing clashing.
      const week = page.getByRole('list', { name: 'Занятия по дням недели' });
      const day = (name: string) => week.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
      await expect.poll(() => day('Вторник').getByTestId('timetable-block').filter({ hasText: ROBOTICS }).count(), { timeout: 15_000 }).toBe(1);
      expect(await day('Четверг').getByTestId('timetable-block').filter({ hasText: ROBOTICS }).count()).toBe(1);
      // (times are glued with word joiners so they never break across lines)
      expect((await day('Вторник').getByTestId('timetable-block').innerText()).replaceAll('\u2060', '')).toContain('15:00–16:30');
      expect(await week.getByTestId('timetable-block').count()).toBe(2);
      expect(await page.locator('[data-clash]').count()).toBe(0);
      await shot(page, '09-child-enrolled-timetable');
    },
    STEP_TIMEOUT,
  );

  it(
    'on the full 3D-modelling programme the panel offers the waitlist at once and tells the place in line',
    async () => {
      const page = family;
      // The brother is added the way the UI above already proved; only the waitlist is new here.
      const school = (await api(page, 'GET', `/api/children/${child.id}`)).homeSchool.id;
      const added = await api(page, 'POST', '/api/children', { fullName: brother.fullName, grade: 8, birthDate: null, homeSchoolId: school });
      brother.id = added.id;
      const { version } = await api(page, 'GET', '/api/consent-text');
      await api(page, 'POST', `/api/children/${brother.id}/consent`, { textVersion: version });
      await page.reload();

      await nav(page, 'Программы');
      const search = page.getByRole('search').getByRole('searchbox', { name: 'Поиск' });
      await search.fill('3D-моделирование');
      await search.press('Enter');
      const found = page.getByRole('main').getByRole('link', { name: MODELLING });
      await found.waitFor({ timeout: 15_000 });
      await found.click();
      await page.waitForURL(/\/programmes\/[0-9a-f-]{36}$/);
      const panel = page.getByRole('region', { name: 'Запись' });
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain('Свободных мест нет (2 из 2 заняты)');
      // Full before anything is pressed: the waitlist is the main action, there is no «Записать» to be refused.
      // The sixth-grader is too young for it: the panel says so before anything is pressed, in the server's words.
      const fitOf = (name: string) => panel.getByTestId('child-fit').filter({ hasText: name });
      await expect.poll(() => fitOf(child.fullName).innerText(), { timeout: 15_000 }).toContain('Программа для 7–11 классов, а ребёнок учится в 6 классе.');
      await panel.getByRole('radio', { name: child.fullName }).check();
      expect(await panel.getByRole('button', { name: /^(Записать|В лист ожидания):/ }).count()).toBe(0);
      await shot(page, '10-modelling-not-eligible');

      // The eighth-grader: full before anything is pressed, so the waitlist is the action; two already wait, he is third.
      await panel.getByRole('radio', { name: brother.fullName }).check();
      const waitlist = panel.getByRole('button', { name: `В лист ожидания: ${brother.fullName}…` });
      await waitlist.waitFor({ timeout: 15_000 });
      expect(await panel.innerText()).toContain('Все места заняты. Ребёнка можно поставить в лист ожидания');
      await shot(page, '11-modelling-full');
      await waitlist.click();
      const confirmation = page.getByRole('dialog', { name: 'Проверьте: лист ожидания' });
      expect(await confirmation.innerText()).toContain(brother.fullName);
      await confirmation.getByRole('button', { name: `Поставить в лист ожидания: ${brother.fullName}` }).click();
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain(`${brother.fullName} в листе ожидания, место в очереди — 3.`);
      await shot(page, '12-modelling-waitlisted');

      await panel.getByRole('link', { name: 'Страница ребёнка' }).click();
      await page.waitForURL(`${baseUrl}/children/${brother.id}`);
      const row = page.getByRole('region', { name: 'Программы и листы ожидания' }).getByRole('row').filter({ hasText: MODELLING });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.innerText()).toMatch(/в листе ожидания/i);
      expect(await row.innerText()).toContain('место в очереди: 3');
      await shot(page, '13-brother-waitlisted');
    },
    STEP_TIMEOUT,
  );

  it(
    'ranks the olympiad programme in the open campaign and finds the choice saved after a reload',
    async () => {
      const page = family;
      await nav(page, 'Кампании');
      await page.waitForURL(/\/campaigns$/);
      const card = page.getByTestId('campaign-card').filter({ hasText: CAMPAIGN });
      await card.waitFor({ timeout: 15_000 });
      await shot(page, '14-campaigns');
      await card.getByRole('link', { name: CAMPAIGN }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);

      const mine = page.getByTestId('campaign-child').filter({ hasText: child.fullName });
      await mine.waitFor({ timeout: 15_000 });
      expect(await mine.innerText()).toContain('Пока ничего не выбрано');
      await mine.getByRole('combobox', { name: 'Добавить в выбор' }).click();
      await page.getByRole('option', { name: new RegExp(`^${OLYMPIAD.replace(/[()]/g, '\\$&')}`) }).click();
      expect(await mine.getByTestId('ranking-item').innerText()).toMatch(/1\.\s+Олимпиадная математика/);
      expect(await mine.innerText()).toContain('Есть несохранённые изменения');
      await shot(page, '15-campaign-ranked-unsaved');
      await mine.getByRole('button', { name: 'Сохранить выбор' }).click();
      await expect.poll(() => mine.innerText(), { timeout: 15_000 }).not.toContain('Есть несохранённые изменения');

      await page.reload();
      const again = page.getByTestId('campaign-child').filter({ hasText: child.fullName });
      await again.getByTestId('ranking-item').waitFor({ timeout: 15_000 });
      expect(await again.getByTestId('ranking-item').count()).toBe(1);
      expect(await again.getByTestId('ranking-item').innerText()).toMatch(/1\.\s+Олимпиадная математика/);
      expect(await again.getByRole('button', { name: 'Сохранить выбор' }).isDisabled()).toBe(true);
      await shot(page, '16-campaign-saved');
    },
    STEP_TIMEOUT,
  );

  it(
    'the demo guardian sees Дарья’s Thursday clash; the lyceum confirms Артём and the guardian is notified',
    async () => {
      const guardian = await newPage();
      await signIn(guardian, baseUrl, 'guardian@orbita.demo');
      await guardian.goto(`${baseUrl}/children`);
      const darya = guardian.getByTestId('child-card').filter({ hasText: 'Кузнецова Дарья Сергеевна' });
      await darya.waitFor({ timeout: 15_000 });
      await shot(guardian, '17-guardian-children');
      await darya.getByRole('link', { name: 'Кузнецова Дарья Сергеевна' }).click();
      await guardian.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      const path = guardian.getByRole('region', { name: 'Расписание на неделю' });
      const clashes = path.getByRole('status').filter({ hasText: 'В расписании 1 пересечение' });
      await clashes.waitFor({ timeout: 15_000 });
      expect(await clashes.innerText()).toContain(`«${ROBOTICS}» пересекается с «${FINANCE}» по четвергам`);
      const thursday = path.getByRole('listitem').filter({ has: guardian.getByText('Четверг', { exact: true }) });
      const clashing = thursday.locator('[data-testid="timetable-block"][data-clash]');
      await expect.poll(() => clashing.count(), { timeout: 10_000 }).toBe(2);
      const roboticsSide = clashing.filter({ hasText: `Пересекается с «${FINANCE}» по четвергам` });
      expect(await roboticsSide.count()).toBe(1);
      expect(await roboticsSide.innerText()).toContain(ROBOTICS);
      expect(await clashing.filter({ hasText: `Пересекается с «${ROBOTICS}» по четвергам` }).innerText()).toContain(FINANCE);
      await shot(guardian, '18-darya-clash');

      const unreadBefore = (await api(guardian, 'GET', '/api/notifications')).unread as number;

      // The lyceum's director confirms Артём on the students page reached from the lyceum's card.
      const director = await newPage();
      await signIn(director, baseUrl, 'director@orbita.demo');
      const me = await api(director, 'GET', '/api/auth/me');
      const lyceumId = me.user.memberships.find((m: { role: string }) => m.role === 'org_admin').organizationId;
      await director.goto(`${baseUrl}/organizations/${lyceumId}`);
      const studentsLink = director.getByRole('region', { name: 'Ученики школы' }).getByRole('link', { name: 'Открыть список' });
      await studentsLink.waitFor({ timeout: 15_000 });
      await shot(director, '19-lyceum-card');
      await studentsLink.click();
      await director.waitForURL(`${baseUrl}/organizations/${lyceumId}/students`);
      const artyom = director.getByTestId('student-row').filter({ hasText: 'Кузнецов Артём Сергеевич' });
      await artyom.waitFor({ timeout: 15_000 });
      await shot(director, '20-lyceum-students');
      await artyom.getByRole('button', { name: 'Подтвердить, что Кузнецов Артём Сергеевич учится в школе' }).click();
      await expect.poll(() => artyom.innerText(), { timeout: 15_000 }).toMatch(/Подтверждён \d/);
      await shot(director, '21-lyceum-student-confirmed');

      // The guardian's bell counts the new message and shows it.
      await guardian.reload();
      const bell = guardian.getByRole('banner').getByRole('button', { name: /^Уведомления: \d+ непрочитанн/ });
      await bell.waitFor({ timeout: 15_000 });
      await expect.poll(async () => Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]), { timeout: 15_000 }).toBe(unreadBefore + 1);
      await bell.click();
      const message = guardian.getByRole('dialog').getByRole('button', { name: /Школа «МАОУ лицей № 23» подтвердила, что Кузнецов Артём Сергеевич у неё учится/ });
      await message.waitFor({ timeout: 10_000 });
      await shot(guardian, '22-guardian-bell');
      await guardian.screenshot({ path: `${SHOTS}/22b-guardian-bell-viewport.png` });
      await message.click();
      await guardian.waitForURL(/\/children\/[0-9a-f-]{36}$/);
      await guardian.getByRole('heading', { level: 1, name: 'Кузнецов Артём Сергеевич' }).waitFor();
      await expect.poll(() => mainText(guardian), { timeout: 10_000 }).toMatch(/Школа подтвердила \d/);
      await shot(guardian, '23-artyom-confirmed');
    },
    STEP_TIMEOUT,
  );

  it(
    'ЦИТТ sees the new child on the robotics roster and marks a past class for those enrolled by then',
    async () => {
      const head = await newPage();
      await signIn(head, baseUrl, 'head.kld-citt@orbita.demo');
      await head.goto(`${baseUrl}/programmes/${roboticsId}`);
      await head.getByRole('link', { name: 'Список и посещаемость' }).click();
      await head.waitForURL(`${baseUrl}/programmes/${roboticsId}/roster`);
      const row = head.getByTestId('roster-row').filter({ hasText: child.fullName });
      await row.waitFor({ timeout: 15_000 });
      expect(await row.innerText()).toContain('МАОУ СОШ № 39');
      await shot(head, '24-roster');

      await head.getByRole('tab', { name: 'Посещаемость' }).click();
      const { iso, typed, spelled } = pastRoboticsClass();
      const date = head.getByRole('textbox', { name: 'Дата занятия' });
      await date.waitFor({ timeout: 15_000 });
      await date.fill(typed);
      await date.press('Enter');
      await head.getByRole('heading', { level: 1 }).click();
      // The new child joined today: that class is not theirs to have missed, so only those enrolled by then are marked.
      await expect.poll(() => head.locator(`thead time[datetime="${iso}"]`).count(), { timeout: 10_000 }).toBe(1);
      const newcomer = head.getByTestId('attendance-row').filter({ hasText: child.fullName });
      await expect.poll(() => newcomer.innerText(), { timeout: 10_000 }).toContain('отмечается с этого дня');
      expect(await newcomer.getByRole('checkbox').count()).toBe(0);
      // An unmarked class starts with nobody ticked; Дарья was away, the others came.
      const darya = head.getByRole('checkbox', { name: 'Кузнецова Дарья Сергеевна: Был(а) на занятии' });
      expect(await darya.isChecked()).toBe(false);
      await head.getByRole('button', { name: 'Все пришли' }).click();
      await darya.uncheck();
      await shot(head, '25-attendance-marking');
      await head.getByRole('button', { name: 'Сохранить отметки' }).click();
      await head.getByText(`Посещаемость за ${spelled} сохранена`).waitFor({ timeout: 15_000 });
      await shot(head, '26-attendance-saved');

      const sheet = await api(head, 'GET', `/api/programmes/${roboticsId}/attendance`);
      const markOf = (fullName: string) => sheet.rows.find((r: { child: { fullName: string } }) => r.child.fullName === fullName).marks[iso];
      expect(markOf('Кузнецова Дарья Сергеевна')).toBe(false);
      expect(markOf(child.fullName)).toBeUndefined();
    },
    STEP_TIMEOUT,
  );
});
