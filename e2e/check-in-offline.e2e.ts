import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const STEP_TIMEOUT = 240_000;

/**
 * The door of a seminar at 390 px: the lyceum's director checks teachers in by their codes, the network goes away,
 * she keeps checking in (the page says the marks are kept on the phone), another phone lets one of them in meanwhile,
 * and when the network is back the page syncs: each teacher is in once, and the one the other phone let in first is
 * reported with that phone's time. Then the certificates are issued and one is verified on the public page.
 */
describe('check-in at the door without network, then certificates', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 } });
    contexts.push(context);
    return { context, page: await context.newPage() };
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it(
    'keeps checking in offline, syncs once back, first mark wins; certificates verify publicly',
    async () => {
      const director = await newPage();
      await signIn(director.page, baseUrl, 'director@orbita.demo');
      const me = await api(director.page, 'GET', '/api/auth/me');
      const start = new Date(Date.now() + 3_600_000);
      const draft = await api(director.page, 'POST', '/api/events', {
        kind: 'seminar',
        title: `Семинар у двери ${randomUUID().slice(0, 6)}`,
        organizationId: me.user.memberships[0].organizationId,
        audiences: ['teachers', 'heads'],
        address: 'г. Калининград, актовый зал лицея',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
        capacity: 20,
      });
      const event = await api(director.page, 'POST', `/api/events/${draft.id}/publish`, { version: draft.version });
      const codes: string[] = [];
      for (const email of ['teacher@orbita.demo', 'teacher.history@orbita.demo', 'teacher.physics@orbita.demo']) {
        const teacher = await newPage();
        await signIn(teacher.page, baseUrl, email);
        const registration = await teacher.page.evaluate(
          async ({ url, key }) => {
            const csrf = (await (await fetch('/api/auth/me')).json()).csrfToken;
            const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key }, body: '{}' });
            return r.json();
          },
          { url: `/api/events/${event.id}/registrations`, key: randomUUID() },
        );
        codes.push(registration.checkInCode);
        await teacher.context.close();
      }

      const { context, page } = director;
      const status = page.getByTestId('check-in-status');
      const mark = async (code: string) => {
        await page.getByLabel('Код с билета').fill(code);
        await page.getByRole('button', { name: 'Отметить' }).click();
        return page.getByTestId('check-in-result');
      };
      await page.goto(`${baseUrl}/events/${event.id}/check-in`);
      await status.getByText('Синхронизировано').waitFor();
      await expect((await mark(codes[0].toLowerCase())).getAttribute('data-kind')).resolves.toBe('queued');
      await status.getByText('Синхронизировано').waitFor();

      await context.setOffline(true);
      await status.getByText('Нет сети').waitFor();
      await mark(codes[1]);
      await expect(status.getAttribute('data-queued')).resolves.toBe('1');
      await expect((await mark(codes[1])).getAttribute('data-kind')).resolves.toBe('already');
      // Another phone at the other door lets the third teacher in while this one has no network; this one scans her too.
      const other = await newPage();
      await signIn(other.page, baseUrl, 'director@orbita.demo');
      const first = await api(other.page, 'POST', `/api/events/${event.id}/check-in`, { code: codes[2] });
      await mark(codes[2]);
      await expect(status.innerText()).resolves.toContain('Нет сети — отметки сохранены на телефоне: 2');

      await context.setOffline(false);
      await status.getByText('Синхронизировано').waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('check-in-count').innerText()).resolves.toBe('Пришли: 3 из 3');
      await expect(page.getByTestId('check-in-notes').innerText()).resolves.toMatch(/уже был\(а\) отмечен\(а\) в \d\d:\d\d/);
      const roster = await api(page, 'GET', `/api/events/${event.id}/check-in/roster`);
      const third = roster.items.find((i: { code: string }) => i.code === codes[2]);
      expect(third.checkedInAt).toBe(first.checkedInAt);
      expect(roster.items.every((i: { checkedInAt: string | null }) => i.checkedInAt)).toBe(true);

      // The seminar has begun: the organiser issues the certificates and one is verified by anyone.
      const full = await api(page, 'GET', `/api/events/${event.id}`);
      await api(page, 'PATCH', `/api/events/${event.id}`, { version: full.version, startsAt: new Date(Date.now() - 60_000).toISOString() });
      await page.goto(`${baseUrl}/events/${event.id}/certificates`);
      await page.getByRole('button', { name: 'Выдать сертификаты' }).click();
      await page.getByRole('status').getByText('Выдано 3 сертификата').waitFor();
      const code = (await api(page, 'GET', `/api/events/${event.id}/certificates`)).items[0].verificationCode as string;
      const visitor = await newPage();
      await visitor.page.goto(`${baseUrl}/certificates/verify`);
      await visitor.page.getByLabel('Код проверки').fill(code.toLowerCase());
      await visitor.page.getByRole('button', { name: 'Проверить' }).click();
      await expect(visitor.page.getByTestId('verify-result').getAttribute('data-valid')).resolves.toBe('valid');
      await expect(visitor.page.getByTestId('verify-result').innerText()).resolves.toContain('Сертификат действителен');
    },
    STEP_TIMEOUT,
  );
});
