import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
/** The machine is small and shared: each step gets room to breathe. */
const STEP_TIMEOUT = 240_000;

/** The desk's section of one kind, found by its heading. */
const section = (page: Page, heading: string) => page.getByRole('region', { name: heading });
const deskLink = (page: Page) => page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: /Мой кабинет/ });

describe('«Мой кабинет»: each person lands on what awaits them, and sees nothing of anyone else’s', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (width = 1280) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it(
    'the lyceum’s director lands on her desk after signing in: the exchange agreement awaits her signature, counted in the navigation',
    async () => {
      const page = await newPage();
      await signIn(page, baseUrl, 'director@orbita.demo');
      await page.waitForURL((url) => url.pathname === '/desk');
      const signatures = section(page, 'Документы на подпись');
      await signatures.waitFor();
      await expect(signatures.getByRole('link').first().textContent()).resolves.toContain('Соглашение');
      // The navigation counts everything on the desk.
      await expect.poll(async () => deskLink(page).textContent(), { timeout: 30_000 }).toMatch(/Мой кабинет\s*\d+/);
      const text = await page.getByRole('main').innerText();
      expect(text).not.toContain('Пересечения в расписании детей');
      expect(text).not.toContain('Листы ожидания');
      // The item leads to the document, where it is signed.
      await signatures.getByRole('link').first().click();
      await page.waitForURL((url) => /\/networks\/[^/]+\/documents\/[^/]+$/.test(url.pathname));
    },
    STEP_TIMEOUT,
  );

  it(
    'the gymnasium’s head, organiser of the Tyumen campaign, also has a signature waiting',
    async () => {
      const page = await newPage();
      await signIn(page, baseUrl, 'head.tmn-gymnasium-49@orbita.demo');
      await page.waitForURL((url) => url.pathname === '/desk');
      await section(page, 'Документы на подпись').waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'the guardian sees her daughter’s clash and her son’s waitlist place, on a phone too, and none of the schools’ work',
    async () => {
      const page = await newPage(390);
      await signIn(page, baseUrl, 'guardian@orbita.demo');
      await page.waitForURL((url) => url.pathname === '/desk');
      const clashes = section(page, 'Пересечения в расписании детей');
      await clashes.waitFor();
      expect(await clashes.innerText()).toContain('Дарья');
      expect(await section(page, 'Листы ожидания').innerText()).toContain('Артём');
      const text = await page.getByRole('main').innerText();
      expect(text).not.toContain('Документы на подпись');
      expect(text).not.toContain('Соглашение');
      // Nothing overflows the phone's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await clashes.getByRole('link').first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/children/'));
    },
    STEP_TIMEOUT,
  );

  it(
    'a signed-in person still reaches the public home page, which offers the desk',
    async () => {
      const page = await newPage();
      await signIn(page, baseUrl, 'expert@orbita.demo');
      await page.waitForURL((url) => url.pathname === '/desk');
      await page.getByText('Ничего не ждёт вашего ответа').waitFor();
      await page.goto(`${baseUrl}/`);
      await page.getByRole('link', { name: 'Мой кабинет: что ждёт меня' }).click();
      await page.waitForURL((url) => url.pathname === '/desk');
    },
    STEP_TIMEOUT,
  );
});
