import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { api, launchBrowser, launchPersistentBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const STEP_TIMEOUT = 240_000;

/** Types a ticket's code on the check-in page and presses «Отметить»: the page's answer. */
async function markCode(page: Page, code: string) {
  await page.getByLabel('Код с билета').fill(code);
  await page.getByRole('button', { name: 'Отметить' }).click();
  return page.getByTestId('check-in-result');
}

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
  /** A published seminar of the director's lyceum starting in an hour, each of these teachers registered: their codes. */
  const seminarAtTheDoor = async (director: Page, emails: string[]) => {
    const me = await api(director, 'GET', '/api/auth/me');
    const start = new Date(Date.now() + 3_600_000);
    const draft = await api(director, 'POST', '/api/events', {
      kind: 'seminar',
      title: `Семинар у двери ${randomUUID().slice(0, 6)}`,
      organizationId: me.user.memberships[0].organizationId,
      audiences: ['teachers', 'heads'],
      address: 'г. Калининград, актовый зал лицея',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      capacity: 20,
    });
    const event = await api(director, 'POST', `/api/events/${draft.id}/publish`, { version: draft.version });
    const codes: string[] = [];
    for (const email of emails) {
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
    return { event, codes };
  };


  it(
    'keeps checking in offline, syncs once back, first mark wins; certificates verify publicly',
    async () => {
      const director = await newPage();
      await signIn(director.page, baseUrl, 'director@orbita.demo');
      const { event, codes } = await seminarAtTheDoor(director.page, ['teacher@orbita.demo', 'teacher.history@orbita.demo', 'teacher.physics@orbita.demo']);

      const { context, page } = director;
      const status = page.getByTestId('check-in-status');
      const mark = (code: string) => markCode(page, code);
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

  it(
    'opens again with no network — reloaded, and after the browser is restarted — still refusing a second entry, and syncs once back',
    async () => {
      const profile = mkdtempSync(path.join(tmpdir(), 'orbita-door-phone-'));
      const phone = { width: 390, height: 844 };
      let context = await launchPersistentBrowser(profile, { locale: 'ru-RU', viewport: phone });
      try {
        let page = context.pages()[0] ?? (await context.newPage());
        await signIn(page, baseUrl, 'director@orbita.demo');
        const { event, codes } = await seminarAtTheDoor(page, ['teacher@orbita.demo', 'teacher.history@orbita.demo']);
        const checkIn = `${baseUrl}/events/${event.id}/check-in`;
        const status = () => page.getByTestId('check-in-status');

        // Online: the roster comes, the second teacher is let in, and the page says it is kept on the phone.
        await page.goto(checkIn);
        await status().getByText('Синхронизировано').waitFor();
        await expect((await markCode(page, codes[1])).getAttribute('data-kind')).resolves.toBe('queued');
        await status().getByText('Синхронизировано').waitFor();
        await page.locator('[data-testid="check-in-status"][data-kept="true"]').waitFor();
        await status().getByText('Страница сохранена на телефоне').waitFor();
        const cameAt = async () => {
          await page.getByTestId('check-in-list').getByText(/пришёл\(ла\) в \d\d:\d\d/).waitFor();
          return /пришёл\(ла\) в \d\d:\d\d/.exec(await page.getByTestId('check-in-list').innerText())?.[0];
        };
        const cameOnline = await cameAt();

        // The network goes away and the page is reloaded: it comes from the phone (the server's page for this address
        // names the check-in chunks for preloading, the kept shell does not), with the roster and no sign-in asked for.
        const online = await (await fetch(checkIn)).text();
        expect(online).toContain('rel="modulepreload"');
        await context.setOffline(true);
        const reloaded = await page.reload();
        expect(await reloaded!.text()).not.toContain('rel="modulepreload"');
        await status().getByText('Нет сети').waitFor();
        await expect(page.evaluate(() => !!navigator.serviceWorker.controller)).resolves.toBe(true);
        expect(new URL(page.url()).pathname).toBe(`/events/${event.id}/check-in`);
        await expect(page.getByTestId('check-in-count').innerText()).resolves.toBe('Пришли: 1 из 2');
        await expect((await markCode(page, codes[0])).getAttribute('data-kind')).resolves.toBe('queued');
        await expect((await markCode(page, codes[0])).getAttribute('data-kind')).resolves.toBe('already');
        await expect((await markCode(page, codes[1])).getAttribute('data-kind')).resolves.toBe('already');
        await expect(status().innerText()).resolves.toContain('Нет сети — отметки сохранены на телефоне: 1');
        // times as online: the region's time zone is remembered too
        await expect(cameAt()).resolves.toBe(cameOnline);

        // The browser is closed and opened again, still with no network: the page, the roster and the waiting mark are there.
        await context.close();
        context = await launchPersistentBrowser(profile, { locale: 'ru-RU', viewport: phone, offline: true });
        page = context.pages()[0] ?? (await context.newPage());
        expect(await (await page.goto(checkIn))!.text()).not.toContain('rel="modulepreload"');
        await expect(status().getAttribute('data-queued')).resolves.toBe('1');
        await expect(status().innerText()).resolves.toContain('Нет сети — отметки сохранены на телефоне: 1');
        await expect((await markCode(page, codes[0])).getAttribute('data-kind')).resolves.toBe('already');
        await expect(page.getByTestId('check-in-count').innerText()).resolves.toBe('Пришли: 2 из 2');

        // Back online: the mark goes to the server once.
        await context.setOffline(false);
        await status().getByText('Синхронизировано').waitFor({ timeout: 30_000 });
        await expect(status().getAttribute('data-queued')).resolves.toBe('0');
        const roster = await api(page, 'GET', `/api/events/${event.id}/check-in/roster`);
        expect(roster.items.map((i: { code: string; checkedInAt: string | null }) => [i.code, !!i.checkedInAt]).sort()).toEqual(codes.map((c) => [c, true]).sort());
        await expect(page.getByTestId('check-in-notes').count()).resolves.toBe(0);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
    STEP_TIMEOUT,
  );
});
