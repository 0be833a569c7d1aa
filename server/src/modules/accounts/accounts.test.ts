import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { type TestApp, openTestApp } from '../../../test/app';
import { sessions } from './schema';

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
