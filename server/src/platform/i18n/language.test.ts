import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { problemLiterals } from '../../../test/problem-literals';
import { english } from './english';
import { preferredLanguage, translateText } from './language';

const CYRILLIC = /[А-Яа-яЁё]/;
/** Placeholders are matched by position in the rendered text, so their names do not matter to coverage. */
const shape = (key: string) => key.replace(/\{\w+\}/g, '{}');
/** Quoted text may stay Russian in English: names, and the Russian headers a file must have. */
const unquoted = (text: string) => text.replace(/“[^”]*”|«[^»]*»/g, '');

describe('the English catalogue of problem texts', () => {
  it('has an entry for every Russian text in server/src that can reach a problem', () => {
    const known = new Set(Object.keys(english).map(shape));
    const literals = problemLiterals();
    const missing = literals.filter((l) => !known.has(shape(l.key))).map((l) => `${l.file}:${l.line} ${l.key}`);
    // Add each to server/src/platform/i18n/english.ts: the Russian text as it is in the code, `${…}` as {name}.
    expect(missing).toEqual([]);
    expect(literals.length).toBeGreaterThan(900);
  });

  it('keeps every placeholder of an entry and says nothing in Russian outside quotes', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const broken = Object.entries(english).filter(([ru, en]) => placeholders(ru).join() !== placeholders(en).join() || CYRILLIC.test(unquoted(en)));
    expect(broken).toEqual([]);
  });

  it('translates composed messages part by part and keeps names and numbers', () => {
    expect(translateText('Пункт плана не найден(а) или удалён(а).')).toBe('Plan item not found or deleted.');
    expect(translateText('Описание — не длиннее 10000 символов')).toBe('Description — at most 10000 characters');
    expect(translateText('Программа «Робототехника» в архиве: запись на неё закрыта.')).toBe('The programme “Робототехника” is archived: enrolment is closed.');
    expect(translateText('Проверьте период плана. Окончание не может быть раньше начала; Название плана — не короче 3 символов.')).toBe(
      "Check the plan's period. The end cannot be earlier than the start; Plan name — at least 3 characters.",
    );
    expect(translateText('Ожидается строка, получено: число')).toBe('Expected a string, got: a number');
    expect(translateText('Школа № 5')).toBe('Школа № 5');
    expect(translateText('already English')).toBe('already English');
  });
});

describe('the language of a request', () => {
  it('is Russian unless English is asked for with a higher weight', () => {
    expect(preferredLanguage(undefined)).toBe('ru');
    expect(preferredLanguage('')).toBe('ru');
    expect(preferredLanguage('en')).toBe('en');
    expect(preferredLanguage('en-GB,en;q=0.9')).toBe('en');
    expect(preferredLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(preferredLanguage('ru;q=0.3, en;q=0.7')).toBe('en');
    expect(preferredLanguage('de')).toBe('ru');
    expect(preferredLanguage('*')).toBe('ru');
    expect(preferredLanguage('de, en;q=0.5')).toBe('en');
    expect(preferredLanguage('en;q=0')).toBe('ru');
  });
});

describe('problems in the language of the request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  }, 120_000);
  afterAll(() => t.close());

  const signIn = (language?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: language ? { 'accept-language': language } : {},
      payload: { email: t.fixtures.emails.orgAdmin, password: 'not-the-password-2026' },
    });

  it('answers in Russian by default and for a language it does not speak', async () => {
    for (const language of [undefined, 'ru', 'de-DE,de;q=0.9']) {
      const response = await signIn(language);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-language']).toBe('ru');
      expect(response.json()).toMatchObject({ title: 'Не удалось войти', detail: 'Неверная почта или пароль.' });
    }
  });

  it('answers in English when asked, title, detail and field errors alike', async () => {
    const refused = await signIn('en-US,en;q=0.9');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-language']).toBe('en');
    expect(refused.headers.vary).toContain('Accept-Language');
    expect(refused.json()).toMatchObject({ title: 'Could not sign in', detail: 'Wrong e-mail or password.' });

    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'accept-language': 'en' }, payload: { email: 'x', password: '' } });
    expect(invalid.statusCode).toBe(400);
    const problem = invalid.json() as { title: string; detail: string; errors: { field: string; message: string }[] };
    expect(problem.title).toBe('Invalid data');
    expect(problem.errors).toEqual(expect.arrayContaining([{ field: 'email', message: 'Enter an e-mail address' }]));
    expect(problem.detail).toMatch(/^Check the highlighted fields: .*email — Enter an e-mail address/);
    expect(CYRILLIC.test(invalid.body)).toBe(false);

    const missing = await t.app.inject({ method: 'GET', url: '/api/networks/6f1c1f0e-4a5b-4c6d-8e7f-0a1b2c3d4e5f', headers: { 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(404);
    expect(CYRILLIC.test(missing.body)).toBe(false);

    const unknown = await t.app.inject({ method: 'GET', url: '/api/no-such-route', headers: { 'accept-language': 'en' } });
    expect(unknown.json()).toMatchObject({ title: 'Not found', detail: 'The address /api/no-such-route does not exist.' });
  });
});
