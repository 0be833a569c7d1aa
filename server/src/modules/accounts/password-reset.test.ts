import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { outboxMessages } from '../../platform/mail/schema';
import { hashToken } from '../../platform/secret-tokens';
import { type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { UNIFORM_ANSWER_MS } from './even-timing';
import { hashPassword } from './passwords';
import { accountTokens, users } from './schema';
import { expectLimitedPerAddress, fromNewAddress, lettersTo, sessionFrom, signInAgain, tokenInLetter } from './self-service.testkit';

describe('forgotten password', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  /** An account of its own for one test, so that resets and ended sessions do not reach the fixtures others use. */
  async function person(options: { disabled?: boolean } = {}) {
    serial += 1;
    const email = `reset-${serial}@test.orbita`;
    const [user] = await t.handle.db
      .insert(users)
      .values({ email, fullName: `Сбросова Анна ${serial}`, passwordHash: await hashPassword(FIXTURE_PASSWORD), disabledAt: options.disabled ? new Date() : null })
      .returning();
    return user;
  }

  /** Asks for a reset link for the address and returns the token from the letter it got. */
  async function resetLinkFor(email: string) {
    expect((await fromNewAddress(t)('POST', '/api/auth/password-reset', { body: { email } })).statusCode).toBe(202);
    const [letter] = await lettersTo(t, email, 'password_reset');
    return tokenInLetter(letter.textBody, 'reset-password');
  }

  it('answers an existing, an unknown and a deactivated address alike, in as much time, and writes only to the existing one', async () => {
    const active = await person();
    const deactivated = await person({ disabled: true });
    const answers = [];
    for (const email of [active.email, 'nobody-here@test.orbita', deactivated.email, ` ${active.email.toUpperCase()} `]) {
      const started = performance.now();
      const response = await fromNewAddress(t)('POST', '/api/auth/password-reset', { body: { email } });
      answers.push({ status: response.statusCode, body: response.body, ms: performance.now() - started });
    }
    expect(new Set(answers.map((a) => `${a.status} ${a.body}`)).size).toBe(1);
    expect(answers[0].status).toBe(202);
    for (const answer of answers) expect(answer.ms).toBeGreaterThanOrEqual(UNIFORM_ANSWER_MS - 5);
    const times = answers.map((a) => a.ms);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(150);

    expect(await lettersTo(t, active.email, 'password_reset')).toHaveLength(2);
    expect(await lettersTo(t, deactivated.email, 'password_reset')).toHaveLength(0);
    expect(await lettersTo(t, 'nobody-here@test.orbita', 'password_reset')).toHaveLength(0);
  });

  it('keeps only the hash of the link: the raw token is nowhere in the database', async () => {
    const user = await person();
    const token = await resetLinkFor(user.email);
    const [row] = await t.handle.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.purpose).toBe('password_reset');
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 3600 * 1000)).toBeLessThan(2000);
    const everyTokenRow = await t.handle.db.execute(sql`select * from account_tokens`);
    expect(JSON.stringify(everyTokenRow)).not.toContain(token);
    const [letter] = await lettersTo(t, user.email, 'password_reset');
    expect(letter.userId).toBe(user.id);
    expect(letter.subject).toBe('Восстановление пароля в «Орбите»');
    expect(letter.htmlBody).toContain(`/reset-password/${token}`);
  });

  it('sets the new password once: other sessions end, a new one opens, the address counts as proven, the link is spent', async () => {
    const user = await person();
    const laptop = await signInAgain(t, user.email, FIXTURE_PASSWORD);
    const phone = await signInAgain(t, user.email, FIXTURE_PASSWORD);
    const token = await resetLinkFor(user.email);
    const call = fromNewAddress(t);

    expect((await call('GET', `/api/auth/password-reset/${token}`)).json()).toEqual({ valid: true, state: 'valid' });
    const tooShort = await call('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: 'short' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe('newPassword');
    expect((await call('GET', `/api/auth/password-reset/${token}`)).json().valid).toBe(true);

    const confirmed = await call('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: 'a-brand-new-password' } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user.email).toBe(user.email);
    const fresh = sessionFrom(confirmed);
    expect((await call('GET', '/api/auth/me', { session: fresh })).json().user.id).toBe(user.id);
    for (const ended of [laptop, phone]) expect((await call('GET', '/api/auth/me', { session: ended })).json().user).toBeNull();

    expect((await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } })).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: 'a-brand-new-password' } })).statusCode).toBe(200);
    const [after] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(after.emailVerifiedAt).not.toBeNull();
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'auth.password_reset'));
    expect(audit.map((a) => a.entityId)).toContain(user.id);

    expect((await call('GET', `/api/auth/password-reset/${token}`)).json()).toEqual({ valid: false, state: 'used' });
    const again = await call('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: 'yet-another-password' } });
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('link_used');
    expect(again.json().detail).toContain('запросите новую ссылку');
  });

  it('lets one of two confirmations sent at once win', async () => {
    const user = await person();
    const token = await resetLinkFor(user.email);
    const call = fromNewAddress(t);
    const answers = await Promise.all(
      ['first-new-password', 'second-new-password'].map((newPassword) => call('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword } })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 410]);
  });

  it('refuses an expired link, a link replaced by a newer request, and a link of an account deactivated since', async () => {
    const call = fromNewAddress(t);
    const late = await person();
    const lateToken = await resetLinkFor(late.email);
    await t.handle.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenHash, hashToken(lateToken)));
    expect((await call('GET', `/api/auth/password-reset/${lateToken}`)).json()).toEqual({ valid: false, state: 'expired' });
    const expired = await call('POST', '/api/auth/password-reset/confirm', { body: { token: lateToken, newPassword: 'too-late-password' } });
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'link_expired']);

    const twice = await person();
    const older = await resetLinkFor(twice.email);
    const newer = await resetLinkFor(twice.email);
    expect(newer).not.toBe(older);
    expect((await call('GET', `/api/auth/password-reset/${older}`)).json().state).toBe('unknown');
    expect((await call('GET', `/api/auth/password-reset/${newer}`)).json().state).toBe('valid');

    const leaving = await person();
    const leavingToken = await resetLinkFor(leaving.email);
    await t.handle.db.update(users).set({ disabledAt: new Date(), disabledReason: 'уволен' }).where(eq(users.id, leaving.id));
    const refused = await call('POST', '/api/auth/password-reset/confirm', { body: { token: leavingToken, newPassword: 'back-door-password' } });
    expect([refused.statusCode, refused.json().code]).toEqual([410, 'link_unknown']);
    const [unchanged] = await t.handle.db.select().from(users).where(eq(users.id, leaving.id));
    expect(unchanged.passwordHash).toBe(leaving.passwordHash);
  });

  it('lets an account without a password (SSO only) set one through a reset, but not through the change form', async () => {
    const user = await person();
    const session = await signInAgain(t, user.email, FIXTURE_PASSWORD);
    await t.handle.db.update(users).set({ passwordHash: null }).where(eq(users.id, user.id));
    const change = await t.call('POST', '/api/auth/change-password', { session, body: { currentPassword: 'anything-at-all', newPassword: 'a-first-password' } });
    expect([change.statusCode, change.json().code]).toEqual([409, 'password_not_set']);
    const token = await resetLinkFor(user.email);
    expect((await fromNewAddress(t)('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: 'a-first-password' } })).statusCode).toBe(200);
  });

  it('limits every token endpoint per address', async () => {
    const token = 'x'.repeat(43);
    const endpoints: [string, string, unknown][] = [
      ['GET', `/api/auth/password-reset/${token}`, undefined],
      ['POST', '/api/auth/password-reset', { email: 'nobody-here@test.orbita' }],
      ['POST', '/api/auth/password-reset/confirm', { token, newPassword: 'guessing-password' }],
      ['GET', `/api/auth/email-change/${token}`, undefined],
      ['POST', '/api/auth/email-change/confirm', { token }],
    ];
    await expectLimitedPerAddress(t, endpoints);
    const letters = await t.handle.db.select().from(outboxMessages);
    expect(letters.some((m) => m.toAddress === 'nobody-here@test.orbita')).toBe(false);
  });
});
