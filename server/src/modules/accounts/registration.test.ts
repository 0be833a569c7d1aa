import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { outboxMessages } from '../../platform/mail/schema';
import { hashToken } from '../../platform/secret-tokens';
import { type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { UNIFORM_ANSWER_MS } from './even-timing';
import { hashPassword } from './passwords';
import { accountTokens, userRoles, users } from './schema';
import { expectLimitedPerAddress, fromNewAddress, lettersTo, sessionFrom, tokenInLetter } from './self-service.testkit';

describe('registration of a parent', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  /** An address nobody has used in this file. */
  const freshAddress = () => `parent-${++serial}@test.orbita`;
  const accountsWith = async (email: string) => (await t.handle.db.select({ n: count() }).from(users).where(eq(users.email, email)))[0].n;

  /** Registers the address and returns the token of the link in the letter it got. */
  async function registrationLinkFor(email: string, fullName = 'Иванова Мария Сергеевна') {
    const response = await fromNewAddress(t)('POST', '/api/auth/register', { body: { email, fullName } });
    expect(response.statusCode, response.body).toBe(202);
    const [letter] = await lettersTo(t, email.trim().toLowerCase(), 'registration');
    return tokenInLetter(letter.textBody, 'confirm-registration');
  }

  it('answers a free, a taken, a deactivated and a passwordless address alike, in as much time, and makes no account', async () => {
    const taken = t.fixtures.emails.teacher;
    const [deactivated] = await t.handle.db
      .insert(users)
      .values({ email: 'gone-parent@test.orbita', fullName: 'Ушедшая Анна', passwordHash: await hashPassword(FIXTURE_PASSWORD), disabledAt: new Date() })
      .returning();
    const [passwordless] = await t.handle.db.insert(users).values({ email: 'sso-parent@test.orbita', fullName: 'Единая Вера', passwordHash: null }).returning();
    const free = freshAddress();
    const addresses = [free, taken, deactivated.email, passwordless.email, ` ${taken.toUpperCase()} `];
    // Rounds interleave the addresses and each keeps its fastest time, so a busy machine slows them all alike.
    const answers = addresses.map(() => ({ status: 0, body: '', cookies: 0, ms: Infinity }));
    for (let round = 0; round < 2; round++) {
      for (const [i, email] of addresses.entries()) {
        const started = performance.now();
        const response = await fromNewAddress(t)('POST', '/api/auth/register', { body: { email, fullName: 'Кто-то Проверяющий' } });
        const ms = performance.now() - started;
        expect(ms).toBeGreaterThanOrEqual(UNIFORM_ANSWER_MS - 5);
        answers[i] = { status: response.statusCode, body: response.body, cookies: response.cookies.length, ms: Math.min(answers[i].ms, ms) };
      }
    }
    expect(new Set(answers.map((a) => `${a.status} ${a.body} ${a.cookies}`)).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 202, cookies: 0 });
    expect(JSON.parse(answers[0].body).message).toContain('Проверьте почту');
    const times = answers.map((a) => a.ms);
    expect(Math.max(...times) - Math.min(...times), times.join(' ')).toBeLessThan(150);

    // Nobody was signed in and no account was made; each address got the letter that fits it.
    expect(await accountsWith(free)).toBe(0);
    expect(await lettersTo(t, free, 'registration')).toHaveLength(2);
    expect(await lettersTo(t, free, 'registration_taken')).toHaveLength(0);
    const takenLetters = await lettersTo(t, taken, 'registration_taken');
    expect(takenLetters).toHaveLength(4);
    expect(takenLetters[0].subject).toBe('У вас уже есть учётная запись в «Орбите»');
    expect(takenLetters[0].textBody).toMatch(/войдите.*восстановите пароль/is);
    expect(takenLetters[0].textBody).toContain('/forgot-password');
    expect(await lettersTo(t, taken, 'registration')).toHaveLength(0);
    for (const email of [deactivated.email, passwordless.email]) expect(await lettersTo(t, email, 'registration')).toHaveLength(0);
  });

  it('keeps only the hash of the link, and the account waits for it: nothing signs in before the link is opened', async () => {
    const email = freshAddress();
    const token = await registrationLinkFor(email);
    const [row] = await t.handle.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashToken(token)));
    expect([row.purpose, row.userId, row.newEmail, row.fullName]).toEqual(['registration', null, email, 'Иванова Мария Сергеевна']);
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 24 * 3600 * 1000)).toBeLessThan(2000);
    expect(JSON.stringify(await t.handle.db.execute(sql`select * from account_tokens`))).not.toContain(token);
    const [letter] = await lettersTo(t, email, 'registration');
    expect(letter.subject).toBe('Завершите регистрацию в «Орбите»');
    expect(letter.htmlBody).toContain(`/confirm-registration/${token}`);
    // The letter carries none of the form's text: a stranger's name does not travel to someone else's mailbox.
    expect(letter.textBody).not.toContain('Иванова');
    expect((await fromNewAddress(t)('POST', '/api/auth/sign-in', { body: { email, password: 'any-password-at-all' } })).statusCode).toBe(401);
  });

  it('opens once: makes the guardian account with the chosen password and a proven address, signs in, then is spent', async () => {
    const email = freshAddress();
    const token = await registrationLinkFor(` ${email.toUpperCase()} `, '  Петрова Ольга Ивановна ');
    const call = fromNewAddress(t);
    expect((await call('GET', `/api/auth/register/${token}`)).json()).toEqual({ valid: true, state: 'valid', newEmail: email, fullName: 'Петрова Ольга Ивановна' });

    const short = await call('POST', '/api/auth/register/confirm', { body: { token, password: 'korotkii' } });
    expect([short.statusCode, short.json().errors?.[0]]).toEqual([400, { field: 'password', message: 'Не короче 10 символов' }]);
    expect(await accountsWith(email)).toBe(0);

    const confirmed = await call('POST', '/api/auth/register/confirm', { body: { token, password: 'ochen-dlinnyi-parol' } });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json().user).toMatchObject({ email, fullName: 'Петрова Ольга Ивановна', platformRoles: ['guardian'], memberships: [] });
    const session = sessionFrom(confirmed);
    expect((await call('GET', '/api/auth/me', { session })).json().user.email).toBe(email);
    // A guardian at once: the new account registers a child.
    expect((await call('POST', '/api/children', { session, body: { fullName: 'Петров Илья', grade: 4 } })).statusCode).toBe(201);

    const [user] = await t.handle.db.select().from(users).where(eq(users.email, email));
    expect(user.emailVerifiedAt).not.toBeNull();
    expect((await t.handle.db.select().from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role)).toEqual(['guardian']);
    expect((await call('POST', '/api/auth/sign-in', { body: { email, password: 'ochen-dlinnyi-parol' } })).statusCode).toBe(200);
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'auth.registered'));
    expect(audit.map((a) => [a.entityId, a.actorId])).toContainEqual([user.id, user.id]);

    expect((await call('GET', `/api/auth/register/${token}`)).json()).toEqual({ valid: false, state: 'used' });
    const again = await call('POST', '/api/auth/register/confirm', { body: { token, password: 'drugoi-dlinnyi-parol' } });
    expect([again.statusCode, again.json().code]).toEqual([410, 'link_used']);
    expect(await accountsWith(email)).toBe(1);

    // Registering the address again now only tells its owner they have an account.
    expect((await call('POST', '/api/auth/register', { body: { email, fullName: 'Кто-то другой' } })).statusCode).toBe(202);
    expect(await lettersTo(t, email, 'registration_taken')).toHaveLength(1);
    expect(await lettersTo(t, email, 'registration')).toHaveLength(1);
  });

  it('makes one account from two confirmations sent at once', async () => {
    const email = freshAddress();
    const token = await registrationLinkFor(email);
    const call = fromNewAddress(t);
    const answers = await Promise.all(['first-long-password', 'second-long-password'].map((password) => call('POST', '/api/auth/register/confirm', { body: { token, password } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 410]);
    expect(await accountsWith(email)).toBe(1);
  });

  it('refuses an expired link, a link replaced by a newer registration, and a link whose address got an account meanwhile', async () => {
    const call = fromNewAddress(t);
    const late = freshAddress();
    const lateToken = await registrationLinkFor(late);
    await t.handle.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.tokenHash, hashToken(lateToken)));
    expect((await call('GET', `/api/auth/register/${lateToken}`)).json()).toEqual({ valid: false, state: 'expired' });
    const expired = await call('POST', '/api/auth/register/confirm', { body: { token: lateToken, password: 'too-late-password' } });
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'link_expired']);
    expect(expired.json().detail).toContain('Зарегистрируйтесь ещё раз');
    expect(await accountsWith(late)).toBe(0);

    const twice = freshAddress();
    const older = await registrationLinkFor(twice);
    const newer = await registrationLinkFor(twice);
    expect(newer).not.toBe(older);
    expect((await call('GET', `/api/auth/register/${older}`)).json().state).toBe('unknown');
    expect((await call('POST', '/api/auth/register/confirm', { body: { token: older, password: 'older-link-password' } })).statusCode).toBe(410);
    expect((await call('GET', `/api/auth/register/${newer}`)).json().state).toBe('valid');

    const invited = freshAddress();
    const pending = await registrationLinkFor(invited);
    await t.handle.db.insert(users).values({ email: invited, fullName: 'Приглашённая Нина', passwordHash: await hashPassword(FIXTURE_PASSWORD) });
    const taken = await call('POST', '/api/auth/register/confirm', { body: { token: pending, password: 'second-account-password' } });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'account_exists']);
    expect(await accountsWith(invited)).toBe(1);
    expect(taken.cookies).toHaveLength(0);
  });

  it('refuses a malformed address and a missing name with Russian messages, sending nothing', async () => {
    const before = (await t.handle.db.select({ n: count() }).from(outboxMessages))[0].n;
    const call = fromNewAddress(t);
    const malformed = await call('POST', '/api/auth/register', { body: { email: 'papa-at-mail.ru', fullName: 'Петров Пётр' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('Введите адрес почты, например');
    const nameless = await call('POST', '/api/auth/register', { body: { email: freshAddress(), fullName: ' ' } });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.body).toContain('Укажите фамилию, имя и отчество');
    expect((await t.handle.db.select({ n: count() }).from(outboxMessages))[0].n).toBe(before);
  });

  it('limits registration and its link per address, sending nothing past the limit', async () => {
    const token = 'x'.repeat(43);
    const email = freshAddress();
    const endpoints: [string, string, unknown][] = [
      ['POST', '/api/auth/register', { email, fullName: 'Частый Гость' }],
      ['GET', `/api/auth/register/${token}`, undefined],
      ['POST', '/api/auth/register/confirm', { token, password: 'guessing-password' }],
    ];
    await expectLimitedPerAddress(t, endpoints);
    expect((await t.handle.db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.toAddress, email)))[0].n).toBe(10);
  });
});
