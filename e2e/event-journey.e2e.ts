import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/e2e16-shots';
/** The machine is small and shared: the whole journey of five people gets room to breathe. */
const JOURNEY_TIMEOUT = 420_000;
const POLL = { timeout: 30_000 };

/** The head of lyceum 23 organises; two of its teachers and one of lyceum 49 register for two seats. */
const DIRECTOR = 'director@orbita.demo';
const TEACHERS = ['teacher.physics@orbita.demo', 'teacher.history@orbita.demo', 'teacher@orbita.demo'] as const;

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** A moment as the form's datetime-local field takes it: the wall clock of the region's time zone. */
function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

type MyRegistration = { id: string; state: string; checkInCode: string; checkedInAt: string | null; event: { id: string } };
const myRegistration = async (page: Page, eventId: string) =>
  (await api<{ items: MyRegistration[] }>(page, 'GET', '/api/me/event-registrations')).items.find((r) => r.event.id === eventId && r.state !== 'cancelled');

describe('a head holds a seminar: registration with a waitlist, the door offline, certificates verified by anyone', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (width = 1280) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
    contexts.push(context);
    return { context, page: await context.newPage() };
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it(
    'creates and publishes a seminar of two seats; the third teacher waits, is promoted when the first cancels; the door checks in offline, then syncs; a certificate is verified on the public page',
    async () => {
      // The head creates the seminar in the form. It began five minutes ago, so the door is open and certificates can be
      // issued in the same run; registration stays open until its end (the form's «Регистрация закрывается»).
      const { page: head } = await open();
      await signIn(head, baseUrl, DIRECTOR);
      const { timezone } = await api<{ timezone: string }>(head, 'GET', '/api/region');
      const now = Date.now();
      const starts = wallClock(new Date(now - 5 * 60_000), timezone);
      const ends = wallClock(new Date(now + 3 * 3_600_000), timezone);
      const title = `Семинар «Наставничество в сети» ${now.toString(36)}`;

      await head.goto(`${baseUrl}/events/new`);
      await head.getByLabel('Название', { exact: true }).fill(title);
      await head.getByRole('combobox', { name: 'Вид', exact: true }).click();
      await head.getByRole('option', { name: 'Семинар', exact: true }).click();
      await head.getByLabel('Мест', { exact: true }).first().fill('2');
      await head.getByLabel('Начало', { exact: true }).first().fill(starts);
      await head.getByLabel('Окончание', { exact: true }).first().fill(ends);
      await head.getByLabel('Адрес').fill('Калининград, ул. Комсомольская, 21, актовый зал');
      await head.getByLabel('Регистрация закрывается').fill(ends);
      await shot(head, '01-new-seminar');
      await head.getByRole('button', { name: 'Сохранить черновик' }).click();
      await head.waitForURL(/\/events\/[0-9a-f-]{36}$/, POLL);
      const eventUrl = head.url();
      const eventId = eventUrl.split('/').pop()!;
      await head.getByRole('button', { name: 'Опубликовать' }).click();
      await expect.poll(() => mainText(head), POLL).toContain('Мероприятие опубликовано');

      // Two teachers take the two seats; the third lands in the waitlist.
      const teachers: Page[] = [];
      for (const email of TEACHERS) {
        const { page } = await open();
        await signIn(page, baseUrl, email);
        await page.goto(eventUrl);
        teachers.push(page);
      }
      for (const page of teachers.slice(0, 2)) {
        await page.getByRole('button', { name: 'Записаться', exact: true }).click();
        await expect.poll(() => mainText(page), POLL).toContain('Билет для входа');
      }
      const third = teachers[2];
      await third.reload();
      await expect.poll(() => mainText(third), POLL).toContain('Мест нет');
      await third.getByRole('button', { name: 'Встать в лист ожидания' }).click();
      await expect.poll(() => mainText(third), POLL).toContain('Место в листе ожидания: 1');
      await shot(third, '02-waitlisted');

      // The first cancels: the third is promoted at once and told so.
      await teachers[0].getByRole('button', { name: 'Отменить запись: Вы' }).click();
      await expect.poll(() => mainText(teachers[0]), POLL).not.toContain('Билет для входа');
      await third.reload();
      await expect.poll(() => mainText(third), POLL).toContain('Билет для входа');
      expect((await myRegistration(third, eventId))?.state).toBe('registered');
      const notices = await api<{ items: { kind: string; link: string | null }[] }>(third, 'GET', '/api/notifications');
      expect(notices.items.some((n) => n.kind === 'event_promoted' && n.link === `/events/${eventId}`)).toBe(true);

      // At the door, on the organiser's phone: the roster comes down, then the network goes.
      const { context: doorContext, page: door } = await open(390);
      await signIn(door, baseUrl, DIRECTOR);
      await door.goto(`${eventUrl}/check-in`);
      await expect.poll(() => mainText(door), POLL).toContain('Пришли: 0 из 2');
      const second = (await myRegistration(teachers[1], eventId))!;
      const promoted = (await myRegistration(third, eventId))!;
      await doorContext.setOffline(true);
      await door.getByLabel('Код с билета').fill(second.checkInCode);
      await door.getByRole('button', { name: 'Отметить', exact: true }).click();
      await expect.poll(() => mainText(door), POLL).toContain('Нет сети — отметки сохранены на телефоне: 1');
      await expect.poll(() => mainText(door), POLL).toContain('Проходите');
      // A second scan of the same ticket on the same phone is not a second entry.
      await door.getByLabel('Код с билета').fill(second.checkInCode);
      await door.getByRole('button', { name: 'Отметить', exact: true }).click();
      await expect.poll(() => mainText(door), POLL).toContain('Нет сети — отметки сохранены на телефоне: 1');
      await shot(door, '03-door-offline');
      expect((await myRegistration(teachers[1], eventId))!.checkedInAt).toBeNull();

      await doorContext.setOffline(false);
      await expect.poll(() => mainText(door), { timeout: 60_000 }).toContain('Синхронизировано');
      await expect.poll(async () => (await myRegistration(teachers[1], eventId))!.checkedInAt, POLL).not.toBeNull();
      // Online again: the promoted teacher comes in by code too.
      await door.getByLabel('Код с билета').fill(promoted.checkInCode);
      await door.getByRole('button', { name: 'Отметить', exact: true }).click();
      await expect.poll(() => mainText(door), POLL).toContain('Пришли: 2 из 2');
      expect(await door.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(door, '04-door-synced');

      // Certificates for the two who came; anyone verifies one by its code, signed in or not.
      await head.goto(`${eventUrl}/certificates`);
      await head.getByRole('button', { name: 'Выдать сертификаты' }).click();
      await expect.poll(() => mainText(head), POLL).toContain('Выдано 2 сертификата');
      await shot(head, '05-certificates');
      // Other browser tests give the same teacher certificates of their own events: only this seminar's counts here.
      const mine = await api<{ items: { verificationCode: string; role: string; sourceId: string }[] }>(third, 'GET', '/api/certificates/mine');
      const ours = mine.items.filter((c) => c.sourceId === eventId);
      expect(ours).toHaveLength(1);
      const { page: anyone } = await open(390);
      await anyone.goto(`${baseUrl}/certificates/verify`);
      await anyone.getByLabel('Код проверки').fill(ours[0].verificationCode);
      await anyone.getByRole('button', { name: 'Проверить' }).click();
      await expect.poll(() => mainText(anyone), POLL).toContain('Сертификат действителен');
      const verified = await mainText(anyone);
      expect(verified).toContain(title);
      expect(verified).toContain('Миронова Анна Игоревна');
      // Only what a certificate must show: no e-mail, no check-in code.
      expect(verified).not.toContain('@orbita.demo');
      expect(verified).not.toContain(promoted.checkInCode);
      await shot(anyone, '06-verified');
    },
    JOURNEY_TIMEOUT,
  );
});
