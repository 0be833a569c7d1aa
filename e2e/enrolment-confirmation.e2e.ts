import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/e2e13-enrol-shots';
/** The machine is small and shared: each step gets room to breathe. */
const STEP_TIMEOUT = 240_000;

const ROBOTICS = 'Робототехника: от конструктора к соревнованиям';
const MODELLING = 'Начальное техническое моделирование';
const FINANCE = 'Финансовая грамотность';
/** A fifth-grader of ten: both programmes fit him (grades 5–9; ages 7–11). */
const MISHA = 'Кузнецов Михаил';

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe('a parent cannot enrol the wrong child: each child’s fit first, consent and back, a confirmation naming the child and the clash; attendance starts unticked', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (width = 1280) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  let guardian: Page;
  const programmeId = async (title: string) => {
    const found = await api<{ items: { id: string; title: string }[] }>(guardian, 'GET', '/api/programmes?pageSize=50');
    return found.items.find((p) => p.title === title)!.id;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    guardian = await newPage();
    await signIn(guardian, baseUrl, 'guardian@orbita.demo');
    // A third child, without consent yet: the panel must send the parent to give it and bring them back.
    await api(guardian, 'POST', '/api/children', { fullName: MISHA, grade: 5, birthDate: '2016-03-01', homeSchoolId: null });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it(
    'shows every child’s fit with nobody chosen, sends the parent to consent and back with the child chosen, and enrols after a confirmation',
    async () => {
      const page = guardian;
      const robotics = await programmeId(ROBOTICS);
      await page.goto(`${baseUrl}/programmes/${robotics}`);
      const panel = page.getByRole('region', { name: 'Запись' });
      const fits = panel.getByTestId('child-fit');
      await expect.poll(() => fits.count(), { timeout: 15_000 }).toBe(3);
      // Nobody is chosen for the parent, and nothing can be pressed before a child is.
      for (const radio of await panel.getByRole('radio').all()) expect(await radio.isChecked()).toBe(false);
      expect(await panel.getByRole('button', { name: /^Записать/ }).count()).toBe(0);
      // Before anything is pressed: Дарья already studies here (and it clashes with her finance class), Артём fits, Михаил lacks consent.
      const fitOf = (name: string) => fits.filter({ hasText: name });
      expect(await fitOf('Кузнецова Дарья Сергеевна').innerText()).toContain('Уже записан(а)');
      expect(await fitOf('Кузнецова Дарья Сергеевна').innerText()).toContain(`Пересекается с «${FINANCE}» по четвергам`);
      expect(await fitOf('Кузнецов Артём Сергеевич').innerText()).toContain('Подходит');
      expect(await fitOf(MISHA).innerText()).toContain('Нет согласия на обработку данных');
      await shot(page, '01-fit-per-child');

      await panel.getByRole('radio', { name: MISHA }).check();
      await panel.getByRole('link', { name: 'Дать согласие и вернуться сюда' }).click();
      await page.waitForURL(/\/children\/[0-9a-f-]{36}\?returnTo=/);
      const consent = page.getByRole('region', { name: 'Согласие на обработку персональных данных' });
      await consent.getByTestId('consent-text').waitFor({ timeout: 15_000 });
      await consent.getByRole('checkbox', { name: /Я даю согласие на обработку персональных данных/ }).check();
      await consent.getByRole('button', { name: 'Подтвердить согласие' }).click();

      // Back on the programme with Михаил chosen, and now he fits.
      await page.waitForURL(new RegExp(`/programmes/${robotics}\\?child=`), { timeout: 15_000 });
      const enrolMisha = panel.getByRole('button', { name: `Записать: ${MISHA}…` });
      await enrolMisha.waitFor({ timeout: 15_000 });
      expect(await panel.getByRole('radio', { name: MISHA }).isChecked()).toBe(true);
      expect(await fitOf(MISHA).innerText()).toContain('Подходит');

      await enrolMisha.click();
      const dialog = page.getByRole('dialog', { name: 'Проверьте запись' });
      await dialog.waitFor();
      const text = await dialog.innerText();
      expect(text).toContain(MISHA);
      expect(text).toContain(ROBOTICS);
      expect(text.replaceAll('\u2060', '')).toMatch(/Вторник 15:00–16:30\s+Четверг 15:00–16:30/);
      // (the period is joined by no-break spaces)
      expect(text).toMatch(/01\.09\.2026\s—\s31\.05\.2027/);
      expect(text).toContain('ГАУ КО ДО «ЦИТТ»');
      expect(text).toContain('С расписанием ребёнка не пересекается.');
      await shot(page, '02-confirmation');
      await dialog.getByRole('button', { name: `Записать: ${MISHA}` }).click();
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain(`Готово: ${MISHA} записан(а).`);
      await shot(page, '03-enrolled');
    },
    STEP_TIMEOUT,
  );

  it(
    'on a programme that overlaps his robotics class the confirmation names the child and the clash (on a phone)',
    async () => {
      const phone = await newPage(390);
      await signIn(phone, baseUrl, 'guardian@orbita.demo');
      await phone.goto(`${baseUrl}/programmes/${await programmeId(MODELLING)}`);
      const panel = phone.getByRole('region', { name: 'Запись' });
      const misha = panel.getByTestId('child-fit').filter({ hasText: MISHA });
      await misha.waitFor({ timeout: 15_000 });
      expect((await misha.innerText()).replaceAll('\u2060', '')).toContain(`Пересекается с «${ROBOTICS}» по вторникам 16:00–16:30`);
      await panel.getByRole('radio', { name: MISHA }).check();
      await panel.getByRole('button', { name: `Записать: ${MISHA}…` }).click();
      const dialog = phone.getByRole('dialog', { name: 'Проверьте запись' });
      await dialog.waitFor();
      const clash = dialog.getByRole('alert');
      expect(await clash.innerText()).toContain('Пересечение с расписанием ребёнка');
      expect((await clash.innerText()).replaceAll('\u2060', '')).toContain(`Пересекается с «${ROBOTICS}» по вторникам 16:00–16:30`);
      expect(await dialog.innerText()).toContain(MISHA);
      await shot(phone, '04-confirmation-clash-phone');
      // Thought better of it: nothing is enrolled.
      await dialog.getByRole('button', { name: 'Отмена' }).click();
      await dialog.waitFor({ state: 'detached' });
      const fits = await api<{ children: { child: { fullName: string }; enrolment: unknown }[] }>(phone, 'GET', `/api/programmes/${await programmeId(MODELLING)}/eligibility`);
      expect(fits.children.find((f) => f.child.fullName === MISHA)!.enrolment).toBeNull();
    },
    STEP_TIMEOUT,
  );

  it(
    'the provider’s head opens attendance on the latest unmarked class, flagged, with nobody ticked',
    async () => {
      const head = await newPage();
      await signIn(head, baseUrl, 'head.kld-citt@orbita.demo');
      const robotics = await programmeId(ROBOTICS);
      const sheet = await api<{ today: string; dates: string[]; unmarkedDates: string[] }>(head, 'GET', `/api/programmes/${robotics}/attendance`);
      const overdue = sheet.unmarkedDates.filter((d) => d < sheet.today);
      // The demo leaves the autumn's later classes unmarked.
      expect(overdue.length).toBeGreaterThan(0);
      await head.goto(`${baseUrl}/programmes/${robotics}/roster?tab=attendance`);
      await head.getByTestId('attendance-row').first().waitFor({ timeout: 15_000 });
      const flagged = head.getByTestId('unmarked-classes');
      await flagged.waitFor();
      expect(await flagged.innerText()).toMatch(/Не отмечен[оы] \d+ прошедш/);
      const chosen = sheet.dates.includes(sheet.today) ? sheet.today : sheet.unmarkedDates.at(-1)!;
      expect(await head.getByRole('textbox', { name: 'Дата занятия' }).inputValue()).toBe(chosen.split('-').reverse().join('.'));
      const boxes = head.getByRole('checkbox', { name: /: Был\(а\) на занятии$/ });
      expect(await boxes.count()).toBeGreaterThan(5);
      for (const box of await boxes.all()) expect(await box.isChecked()).toBe(false);
      await shot(head, '05-attendance-unticked');
    },
    STEP_TIMEOUT,
  );
});
