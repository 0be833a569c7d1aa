import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { hashPassword } from './passwords';
import { users } from './schema';
import { fromNewAddress, lettersTo } from './self-service.testkit';
import { SIGN_IN_THROTTLE, SignInThrottle } from './sign-in-throttle';

describe('per-account sign-in throttle', () => {
  it('locks an address after ten failures within the window, for the lock time, and forgets failures older than the window', () => {
    let now = 0;
    const throttle = new SignInThrottle({ ...SIGN_IN_THROTTLE, now: () => now });
    for (let i = 0; i < 9; i++) expect(throttle.recordFailure('a@x.ru')).toEqual({ locked: false, tellOwner: false });
    now += SIGN_IN_THROTTLE.windowMs + 1;
    // The nine old failures have left the window: nine more do not lock.
    for (let i = 0; i < 9; i++) throttle.recordFailure('a@x.ru');
    expect(throttle.lockedUntil('a@x.ru')).toBeNull();
    expect(throttle.recordFailure('a@x.ru')).toEqual({ locked: true, tellOwner: true });
    expect(throttle.lockedUntil('a@x.ru')?.getTime()).toBe(now + SIGN_IN_THROTTLE.lockMs);
    expect(throttle.lockedUntil('b@x.ru')).toBeNull();
    now += SIGN_IN_THROTTLE.lockMs;
    expect(throttle.lockedUntil('a@x.ru')).toBeNull();
    // Locked again the same day: no second letter.
    for (let i = 0; i < 9; i++) throttle.recordFailure('a@x.ru');
    expect(throttle.recordFailure('a@x.ru')).toEqual({ locked: true, tellOwner: false });
  });

  it('a correct password clears the count', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 9; i++) throttle.recordFailure('a@x.ru');
    throttle.recordSuccess('a@x.ru');
    for (let i = 0; i < 9; i++) throttle.recordFailure('a@x.ru');
    expect(throttle.lockedUntil('a@x.ru')).toBeNull();
  });

  it('keeps at most maxTracked addresses, dropping those touched longest ago', () => {
    const throttle = new SignInThrottle({ ...SIGN_IN_THROTTLE, maxTracked: 100 });
    for (let i = 0; i < 10; i++) throttle.recordFailure('target@x.ru');
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`spray-${i}@x.ru`);
    expect(throttle.size).toBe(100);
  });
});

describe('sign-in locked per account, whatever the caller’s address', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  async function person() {
    const [user] = await t.handle.db
      .insert(users)
      .values({ email: `locked-${++serial}@test.orbita`, fullName: 'Замкова Ирина Петровна', passwordHash: await hashPassword(FIXTURE_PASSWORD) })
      .returning();
    return user;
  }
  /** One wrong guess from a network address no other call used, so the per-address limit never answers. */
  const guess = (email: string, password = 'not-the-password-at-all') => fromNewAddress(t)('POST', '/api/auth/sign-in', { body: { email, password } });

  it('after ten wrong passwords from ten addresses, even the right one is refused with a Russian 429; the owner gets one letter; others are not affected', async () => {
    const victim = await person();
    const bystander = await person();
    for (let i = 0; i < 10; i++) expect((await guess(victim.email)).statusCode).toBe(401);
    const refused = await guess(` ${victim.email.toUpperCase()} `, FIXTURE_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, title: 'Вход временно закрыт', code: 'sign_in_locked' });
    expect(refused.json().detail).toMatch(/вход закрыт ещё на 15 мин/);
    expect(refused.json().retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.cookies).toHaveLength(0);

    const letters = await lettersTo(t, victim.email, 'sign_in_locked');
    expect(letters).toHaveLength(1);
    expect(letters[0].subject).toBe('Много неудачных попыток войти в «Орбиту»');
    expect(letters[0].textBody).toContain('/forgot-password');
    for (let i = 0; i < 3; i++) expect((await guess(victim.email)).statusCode).toBe(429);
    expect(await lettersTo(t, victim.email, 'sign_in_locked')).toHaveLength(1);
    const locks = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.sign_in_locked'), eq(auditEntries.entityId, victim.id)));
    expect(locks).toHaveLength(1);

    expect((await guess(bystander.email, FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('an unknown address locks the same way, so a lock tells nothing about who has an account', async () => {
    const known = await person();
    const unknown = `nobody-${++serial}@test.orbita`;
    const answers: Record<string, string[]> = { known: [], unknown: [] };
    for (let i = 0; i < 12; i++) {
      const [a, b] = [await guess(known.email), await guess(unknown)];
      answers.known.push(`${a.statusCode} ${a.json().title}`);
      answers.unknown.push(`${b.statusCode} ${b.json().title}`);
    }
    expect(answers.unknown).toEqual(answers.known);
    expect(answers.known.slice(10)).toEqual(['429 Вход временно закрыт', '429 Вход временно закрыт']);
    expect(await lettersTo(t, unknown, 'sign_in_locked')).toHaveLength(0);
  });
});
