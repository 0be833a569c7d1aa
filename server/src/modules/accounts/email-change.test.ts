import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { hashToken } from '../../platform/secret-tokens';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { hashPassword } from './passwords';
import { accountTokens, users } from './schema';
import { fromNewAddress, lettersTo, signInAgain, tokenInLetter } from './self-service.testkit';

describe('change of e-mail address', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  async function person(): Promise<{ user: typeof users.$inferSelect; session: Session }> {
    serial += 1;
    const [user] = await t.handle.db
      .insert(users)
      .values({ email: `mover-${serial}@test.orbita`, fullName: `Переездова Ольга ${serial}`, passwordHash: await hashPassword(FIXTURE_PASSWORD) })
      .returning();
    return { user, session: await signInAgain(t, user.email, FIXTURE_PASSWORD) };
  }

  const requestChange = (session: Session, newEmail: string, currentPassword = FIXTURE_PASSWORD) =>
    fromNewAddress(t)('POST', '/api/auth/email-change', { session, body: { newEmail, currentPassword } });

  it('changes the address only when the new address confirms it; the old address is told', async () => {
    const { user, session } = await person();
    const newEmail = `moved-${serial}@test.orbita`;
    const wrong = await requestChange(session, newEmail, 'not-my-password');
    expect([wrong.statusCode, wrong.json().errors[0].field]).toEqual([400, 'currentPassword']);
    expect(await lettersTo(t, newEmail, 'email_change')).toHaveLength(0);

    const requested = await requestChange(session, ` ${newEmail.toUpperCase()} `);
    expect(requested.statusCode).toBe(202);
    const [confirmation] = await lettersTo(t, newEmail, 'email_change');
    const [notice] = await lettersTo(t, user.email, 'email_change_notice');
    expect(notice.textBody).toContain(newEmail);
    expect(notice.textBody).not.toContain('/confirm-email/');
    const token = tokenInLetter(confirmation.textBody, 'confirm-email');
    const [stored] = await t.handle.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect([stored.tokenHash, stored.purpose, stored.newEmail]).toEqual([hashToken(token), 'email_change', newEmail]);
    expect(Math.abs(stored.expiresAt.getTime() - stored.createdAt.getTime() - 24 * 3600 * 1000)).toBeLessThan(2000);

    // Nothing changes before the new address answers.
    const profile = (await t.call('GET', '/api/auth/profile', { session })).json();
    expect(profile.email).toBe(user.email);
    expect(profile.pendingEmailChange.newEmail).toBe(newEmail);

    const call = fromNewAddress(t);
    expect((await call('GET', `/api/auth/email-change/${token}`)).json()).toEqual({ valid: true, state: 'valid', newEmail });
    const confirmed = await call('POST', '/api/auth/email-change/confirm', { body: { token } });
    expect([confirmed.statusCode, confirmed.json()]).toEqual([200, { email: newEmail }]);

    const [after] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(after.email).toBe(newEmail);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect((await t.call('GET', '/api/auth/profile', { session })).json().pendingEmailChange).toBeNull();
    expect((await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } })).statusCode).toBe(401);
    expect((await call('POST', '/api/auth/sign-in', { body: { email: newEmail, password: FIXTURE_PASSWORD } })).statusCode).toBe(200);
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.email_changed'), eq(auditEntries.entityId, user.id)));
    // The audit log names the change, not the addresses: personal values are redacted as entries are written (migration 0008).
    expect([audit.actorId, audit.before, audit.after]).toEqual([user.id, { email: '(скрыто)' }, { email: '(скрыто)' }]);

    const again = await call('POST', '/api/auth/email-change/confirm', { body: { token } });
    expect([again.statusCode, again.json().code]).toEqual([410, 'link_used']);
  });

  it('answers the same when the new address has an account, tells that account instead, and sends no link', async () => {
    const { user, session } = await person();
    const free = await requestChange(session, `free-${serial}@test.orbita`);
    const taken = await requestChange(session, t.fixtures.emails.teacher);
    expect([taken.statusCode, taken.body]).toEqual([free.statusCode, free.body]);

    const [toOwner] = await lettersTo(t, t.fixtures.emails.teacher, 'email_taken');
    expect(toOwner.textBody).toContain('уже есть учётная запись');
    expect(toOwner.textBody).not.toContain('/confirm-email/');
    expect(await lettersTo(t, t.fixtures.emails.teacher, 'email_change')).toHaveLength(0);
    expect(await lettersTo(t, user.email, 'email_change_notice')).toHaveLength(2);
    // The requester's page shows a pending change either way.
    expect((await t.call('GET', '/api/auth/profile', { session })).json().pendingEmailChange.newEmail).toBe(t.fixtures.emails.teacher);
    // The earlier request's link stopped working when the second was made.
    const [first] = await lettersTo(t, `free-${serial}@test.orbita`, 'email_change');
    const stale = await fromNewAddress(t)('POST', '/api/auth/email-change/confirm', { body: { token: tokenInLetter(first.textBody, 'confirm-email') } });
    expect([stale.statusCode, stale.json().code]).toEqual([410, 'link_unknown']);
  });

  it('refuses with a clear 409 when another account took the address before the link was opened', async () => {
    const { user, session } = await person();
    const newEmail = `contested-${serial}@test.orbita`;
    await requestChange(session, newEmail);
    const [letter] = await lettersTo(t, newEmail, 'email_change');
    await t.handle.db.insert(users).values({ email: newEmail, fullName: 'Быстрова Вера' });
    const refused = await fromNewAddress(t)('POST', '/api/auth/email-change/confirm', { body: { token: tokenInLetter(letter.textBody, 'confirm-email') } });
    expect([refused.statusCode, refused.json().code, refused.json().title]).toEqual([409, 'email_taken', 'Адрес уже занят']);
    const [unchanged] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(unchanged.email).toBe(user.email);
  });

  it('refuses the address in use, an expired link, and voids reset links sent to the old address', async () => {
    const { user, session } = await person();
    const same = await requestChange(session, user.email);
    expect([same.statusCode, same.json().errors[0].field]).toEqual([400, 'newEmail']);

    const call = fromNewAddress(t);
    expect((await call('POST', '/api/auth/password-reset', { body: { email: user.email } })).statusCode).toBe(202);
    const [reset] = await lettersTo(t, user.email, 'password_reset');
    const resetToken = tokenInLetter(reset.textBody, 'reset-password');

    const newEmail = `late-${serial}@test.orbita`;
    await requestChange(session, newEmail);
    const [letter] = await lettersTo(t, newEmail, 'email_change');
    const token = tokenInLetter(letter.textBody, 'confirm-email');
    await t.handle.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenHash, hashToken(token)));
    expect((await call('GET', `/api/auth/email-change/${token}`)).json()).toEqual({ valid: false, state: 'expired' });
    const expired = await call('POST', '/api/auth/email-change/confirm', { body: { token } });
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'link_expired']);

    await requestChange(session, newEmail);
    const [fresh] = await lettersTo(t, newEmail, 'email_change');
    expect((await call('POST', '/api/auth/email-change/confirm', { body: { token: tokenInLetter(fresh.textBody, 'confirm-email') } })).statusCode).toBe(200);
    expect((await call('GET', `/api/auth/password-reset/${resetToken}`)).json().state).toBe('unknown');
  });

  it('is cancelled by a change of password (the password may have leaked)', async () => {
    const { session } = await person();
    const newEmail = `cancelled-${serial}@test.orbita`;
    await requestChange(session, newEmail);
    const [letter] = await lettersTo(t, newEmail, 'email_change');
    const changed = await t.call('POST', '/api/auth/change-password', { session, body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a-password-nobody-knows' } });
    expect(changed.statusCode).toBe(204);
    const confirm = await fromNewAddress(t)('POST', '/api/auth/email-change/confirm', { body: { token: tokenInLetter(letter.textBody, 'confirm-email') } });
    expect(confirm.statusCode).toBe(410);
  });

  it('needs a signed-in person to ask for a change', async () => {
    const response = await fromNewAddress(t)('POST', '/api/auth/email-change', { body: { newEmail: 'someone@test.orbita', currentPassword: 'whatever' } });
    expect(response.statusCode).toBe(401);
  });
});
