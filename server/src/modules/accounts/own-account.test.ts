import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { hashToken } from '../../platform/secret-tokens';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { hashPassword } from './passwords';
import { memberships, sessions, userRoles, users } from './schema';
import { fromNewAddress, signInAgain } from './self-service.testkit';

describe('own account: sessions, preferences, profile and data export', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  async function person(options: { guardian?: boolean } = {}) {
    serial += 1;
    const [user] = await t.handle.db
      .insert(users)
      .values({ email: `own-${serial}@test.orbita`, fullName: `Своя Мария ${serial}`, passwordHash: await hashPassword(FIXTURE_PASSWORD) })
      .returning();
    if (options.guardian) await t.handle.db.insert(userRoles).values({ userId: user.id, role: 'guardian' });
    return user;
  }
  const signIn = (user: { email: string }) => signInAgain(t, user.email, FIXTURE_PASSWORD);
  const sessionsSeenBy = async (session: Session) => (await t.call('GET', '/api/auth/sessions', { session })).json().items as { id: string; current: boolean; method: string; ip: string }[];

  it('lists the live sessions with short opaque ids, the one in use first, and ends one by its id', async () => {
    const user = await person();
    const laptop = await signIn(user);
    const phone = await signIn(user);
    const listed = await sessionsSeenBy(laptop);
    expect(listed).toHaveLength(2);
    expect(listed[0].current).toBe(true);
    expect(listed[1].current).toBe(false);
    expect(listed[0].method).toBe('password');
    expect(listed[0].ip).toMatch(/^10\.1\./);
    const stored = await t.handle.db.select().from(sessions).where(eq(sessions.userId, user.id));
    for (const item of listed) {
      expect(item.id).toHaveLength(16);
      for (const row of stored) expect(row.tokenHash).not.toContain(item.id);
    }
    const phoneId = listed.find((s) => !s.current)!.id;
    expect((await t.call('POST', `/api/auth/sessions/${phoneId}/revoke`, { session: laptop })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { session: phone })).json().user).toBeNull();
    expect((await t.call('GET', '/api/auth/me', { session: laptop })).json().user.id).toBe(user.id);
    expect((await t.call('POST', `/api/auth/sessions/${phoneId}/revoke`, { session: laptop })).statusCode).toBe(404);
    const audit = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.session_revoked'), eq(auditEntries.entityId, user.id)));
    expect(audit).toHaveLength(1);
  });

  it("cannot end another person's session, even knowing its id", async () => {
    const owner = await person();
    const stranger = await person();
    const ownerSession = await signIn(owner);
    const [ownerId] = (await sessionsSeenBy(ownerSession)).map((s) => s.id);
    const refused = await t.call('POST', `/api/auth/sessions/${ownerId}/revoke`, { session: await signIn(stranger) });
    expect(refused.statusCode).toBe(404);
    expect((await t.call('GET', '/api/auth/me', { session: ownerSession })).json().user.id).toBe(owner.id);
  });

  it('signs out everywhere else, keeping the session in use; ending the one in use signs out', async () => {
    const user = await person();
    const here = await signIn(user);
    const elsewhere = [await signIn(user), await signIn(user)];
    const answer = await t.call('POST', '/api/auth/sessions/revoke-others', { session: here });
    expect([answer.statusCode, answer.json()]).toEqual([200, { ended: 2 }]);
    for (const session of elsewhere) expect((await t.call('GET', '/api/auth/me', { session })).json().user).toBeNull();
    const [current] = await sessionsSeenBy(here);
    expect(current.current).toBe(true);

    const selfRevoked = await t.call('POST', `/api/auth/sessions/${current.id}/revoke`, { session: here });
    expect(selfRevoked.statusCode).toBe(204);
    expect(selfRevoked.cookies.find((c) => c.name === 'orbita_session')?.value).toBe('');
    expect((await t.call('GET', '/api/auth/me', { session: here })).json().user).toBeNull();
  });

  it('refreshes last_seen_at when it is over an hour old, and leaves it alone otherwise', async () => {
    const user = await person();
    const session = await signIn(user);
    const tokenHash = hashToken(session.cookie.replace('orbita_session=', ''));
    const seenAt = async () => (await t.handle.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)))[0].lastSeenAt.getTime();

    const recently = new Date(Date.now() - 10 * 60 * 1000);
    await t.handle.db.update(sessions).set({ lastSeenAt: recently }).where(eq(sessions.tokenHash, tokenHash));
    await t.call('GET', '/api/auth/me', { session });
    expect(await seenAt()).toBe(recently.getTime());

    await t.handle.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 2 * 3600 * 1000) }).where(eq(sessions.tokenHash, tokenHash));
    await t.call('GET', '/api/auth/me', { session });
    expect(Date.now() - (await seenAt())).toBeLessThan(60 * 1000);
  });

  it('keeps the mail preference: one of three values, shown in /auth/me and the profile, audited', async () => {
    const user = await person();
    const session = await signIn(user);
    expect((await t.call('GET', '/api/auth/me', { session })).json().user.mailPreference).toBe('immediate');
    const changed = await t.call('PATCH', '/api/auth/preferences', { session, body: { mailPreference: 'digest' } });
    expect([changed.statusCode, changed.json()]).toEqual([200, { mailPreference: 'digest' }]);
    expect((await t.call('GET', '/api/auth/me', { session })).json().user.mailPreference).toBe('digest');
    expect((await t.call('GET', '/api/auth/profile', { session })).json().mailPreference).toBe('digest');

    const wrong = await t.call('PATCH', '/api/auth/preferences', { session, body: { mailPreference: 'weekly' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toContain('mailPreference');
    const [row] = await t.handle.db.select().from(users).where(eq(users.id, user.id));
    expect(row.mailPreference).toBe('digest');
    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.preferences_changed'), eq(auditEntries.entityId, user.id)));
    expect([audit.before, audit.after]).toEqual([{ mailPreference: 'immediate' }, { mailPreference: 'digest' }]);
  });

  it('shows the profile: roles and organisations read-only, whether a password is set', async () => {
    const session = await t.signIn('orgAdmin');
    const profile = (await t.call('GET', '/api/auth/profile', { session })).json();
    expect(profile).toMatchObject({
      email: t.fixtures.emails.orgAdmin,
      hasPassword: true,
      ssoLinked: false,
      platformRoles: [],
      municipality: null,
      memberships: [{ organizationId: t.fixtures.ownOrganizationId, organizationName: 'СОШ № 1', role: 'org_admin' }],
      pendingEmailChange: null,
    });
    expect(profile).not.toHaveProperty('passwordHash');
    const authority = (await t.call('GET', '/api/auth/profile', { session: await t.signIn('authority') })).json();
    expect(authority.municipality).toEqual({ id: t.fixtures.municipalityId, name: 'Городской округ Первый' });
    expect((await t.call('GET', '/api/auth/profile')).statusCode).toBe(401);
  });

  it("exports the person's own data as an attachment — nothing of anyone else's — and audits it", async () => {
    const parent = await person({ guardian: true });
    const otherParent = await person({ guardian: true });
    await t.handle.db.insert(memberships).values({ userId: parent.id, organizationId: t.fixtures.ownOrganizationId, role: 'teacher' });
    const [child] = await t.handle.db.insert(children).values({ guardianUserId: parent.id, fullName: 'Своя Аня', grade: 3 }).returning();
    await t.handle.db.insert(children).values({ guardianUserId: otherParent.id, fullName: 'Чужой Петя', grade: 4 });
    await t.handle.db.insert(notifications).values([
      { userId: parent.id, kind: 'home_school_confirmed', title: 'Школа подтвердила Аню' },
      { userId: otherParent.id, kind: 'home_school_confirmed', title: 'Школа подтвердила Петю' },
    ]);
    const session = await signIn(parent);
    await signIn(otherParent);
    await t.call('PATCH', '/api/auth/preferences', { session, body: { mailPreference: 'off' } });

    const response = await fromNewAddress(t)('GET', '/api/auth/me/export', { session });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="orbita-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = response.json();
    expect(data.account).toMatchObject({ id: parent.id, email: parent.email, fullName: parent.fullName, hasPassword: true, mailPreference: 'off' });
    expect(data.platformRoles.map((r: { role: string }) => r.role)).toEqual(['guardian']);
    expect(data.memberships).toMatchObject([{ organizationId: t.fixtures.ownOrganizationId, organizationName: 'СОШ № 1', role: 'teacher' }]);
    expect(data.sessions).toHaveLength(1);
    expect(data.notifications.map((n: { title: string }) => n.title)).toEqual(['Школа подтвердила Аню']);
    expect(data.children).toEqual([{ id: child.id, export: `/api/children/${child.id}/export` }]);
    expect(data.actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'auth.preferences_changed']));

    const text = response.body;
    expect(text).not.toContain('passwordHash');
    expect(text).not.toContain(parent.passwordHash!);
    expect(text).not.toContain('$argon2');
    for (const stored of await t.handle.db.select().from(sessions).where(eq(sessions.userId, parent.id))) expect(text).not.toContain(stored.tokenHash);
    for (const foreign of [otherParent.email, otherParent.fullName, otherParent.id, 'Чужой Петя', 'Петю', t.fixtures.emails.teacher]) expect(text).not.toContain(foreign);

    const [audit] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.data_exported'), eq(auditEntries.actorId, parent.id)));
    expect(audit.entityId).toBe(parent.id);
    expect((await fromNewAddress(t)('GET', '/api/auth/me/export')).statusCode).toBe(401);
  });
});
