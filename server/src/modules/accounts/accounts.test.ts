import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { type TestApp, openTestApp } from '../../../test/app';
import { hashPassword } from './passwords';
import { sessions, users } from './schema';
import { fromNewAddress } from './self-service.testkit';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('signs in with the right password, sets a secure-flagged HttpOnly cookie, and reports the user with memberships', async () => {
    const response = await t.call('POST', '/api/auth/sign-in', { body: { email: 'OrgAdmin@Test.Orbita ', password: FIXTURE_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'orbita_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const session = { cookie: `orbita_session=${cookie.value}`, csrfToken: response.json().csrfToken };
    const me = (await t.call('GET', '/api/auth/me', { session })).json();
    expect(me.user.email).toBe('orgadmin@test.orbita');
    expect(me.user.memberships).toEqual([{ organizationId: t.fixtures.ownOrganizationId, organizationName: 'СОШ № 1', role: 'org_admin' }]);
    expect(me.csrfToken).toBe(session.csrfToken);
  });

  it('refuses a wrong password with a Russian problem and records the attempt', async () => {
    const response = await t.call('POST', '/api/auth/sign-in', { body: { email: t.fixtures.emails.teacher, password: 'wrong-password' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toBe('Неверная почта или пароль.');
    const failures = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'auth.sign_in_failed'));
    expect(failures.length).toBeGreaterThan(0);
  });

  it('refuses an unknown address, a wrong password, an account without a password and a deactivated one alike, in as much time', async () => {
    // Two passwordless accounts, so that no address fails ten times here and gets locked (sign-in-throttle.test.ts).
    const [passwordless, alsoPasswordless] = await t.handle.db
      .insert(users)
      .values([
        { email: 'sso-only@test.orbita', fullName: 'Единая Вера', passwordHash: null },
        { email: 'sso-only-too@test.orbita', fullName: 'Единая Надежда', passwordHash: null },
      ])
      .returning();
    const [deactivated] = await t.handle.db
      .insert(users)
      .values({ email: 'deactivated@test.orbita', fullName: 'Ушедший Пётр', passwordHash: await hashPassword(FIXTURE_PASSWORD), disabledAt: new Date() })
      .returning();
    const attempts: [string, string][] = [
      ['nobody-at-all@test.orbita', FIXTURE_PASSWORD],
      [t.fixtures.emails.teacher, 'wrong-password'],
      [passwordless.email, FIXTURE_PASSWORD],
      // The decoy hash checked for a passwordless account must not let its own password in.
      [alsoPasswordless.email, 'decoy-password-for-timing'],
      [deactivated.email, FIXTURE_PASSWORD],
    ];
    // Rounds interleave the cases and each keeps its fastest time, so a busy machine slows them all alike.
    const answers = attempts.map(() => ({ body: '', ms: Infinity }));
    const calls = attempts.map(() => fromNewAddress(t));
    for (let round = 0; round < 7; round++) {
      for (const [i, [email, password]] of attempts.entries()) {
        const started = performance.now();
        const response = await calls[i]('POST', '/api/auth/sign-in', { body: { email, password } });
        answers[i].ms = Math.min(answers[i].ms, performance.now() - started);
        answers[i].body = `${response.statusCode} ${response.body} ${response.cookies.length}`;
      }
    }
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set([answers[0].body]));
    expect(answers[0].body).toContain('401');
    // Each refusal verifies one argon2 hash; a path that skipped it would take a fifth of the time or less. The
    // margin leaves room for a machine busy with other tests.
    const times = answers.map((a) => a.ms);
    expect(Math.min(...times), times.join(' ')).toBeGreaterThan(Math.max(...times) * 0.35);
  });

  it('rejects a cookie-authenticated write without the CSRF token', async () => {
    const session = await t.signIn('teacher');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().title).toBe('Запрос отклонён');
    expect((await t.call('GET', '/api/auth/me', { session })).json().user).not.toBeNull();
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const first = await t.signIn('expert');
    const secondResponse = await t.call('POST', '/api/auth/sign-in', { body: { email: t.fixtures.emails.expert, password: FIXTURE_PASSWORD } });
    const second = { cookie: `orbita_session=${secondResponse.cookies[0].value}`, csrfToken: secondResponse.json().csrfToken };

    const tooShort = await t.call('POST', '/api/auth/change-password', { session: first, body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'short' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe('newPassword');

    const changed = await t.call('POST', '/api/auth/change-password', { session: first, body: { currentPassword: FIXTURE_PASSWORD, newPassword: 'a-much-longer-password' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { session: first })).json().user?.email).toBe(t.fixtures.emails.expert);
    expect((await t.call('GET', '/api/auth/me', { session: second })).json().user).toBeNull();
    const old = await t.call('POST', '/api/auth/sign-in', { body: { email: t.fixtures.emails.expert, password: FIXTURE_PASSWORD } });
    expect(old.statusCode).toBe(401);
  });

  it('signs out and deletes the session', async () => {
    const session = await t.signIn('guardian');
    expect((await t.call('POST', '/api/auth/sign-out', { session })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { session })).json().user).toBeNull();
    const left = await t.handle.db.select().from(sessions);
    expect(left.every((s) => s.ip !== null)).toBe(true);
  });

  it('limits sign-in attempts per address', async () => {
    const attempts = [];
    for (let i = 0; i < 12; i++) attempts.push((await t.call('POST', '/api/auth/sign-in', { body: { email: 'nobody@test.orbita', password: 'x' } })).statusCode);
    expect(attempts).toContain(429);
    const limited = await t.call('POST', '/api/auth/sign-in', { body: { email: 'nobody@test.orbita', password: 'x' } });
    expect(limited.json().title).toBe('Слишком много попыток');
  });
});
