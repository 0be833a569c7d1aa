import { and, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { outboxMessages } from '../../platform/mail/schema';
import { enrolments } from '../enrolments/schema';
import { insertChild, insertEnrolment, insertProgramme } from '../enrolments/enrolment.testkit';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { programmes } from '../programmes/schema';
import { DELETED_ACCOUNT_NAME } from './delete-own-account';
import { hashPassword } from './passwords';
import { type MembershipRole, type PlatformRole, invitations, memberships, sessions, userRoles, users } from './schema';
import { fromNewAddress, signInAgain } from './self-service.testkit';

describe('deleting one’s own account', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  async function person(options: { role?: PlatformRole; membership?: { organizationId: string; role: MembershipRole }; passwordless?: boolean } = {}) {
    const [user] = await t.handle.db
      .insert(users)
      .values({ email: `leaving-${++serial}@test.orbita`, fullName: `Уходящая Ольга ${serial}`, passwordHash: options.passwordless ? null : await hashPassword(FIXTURE_PASSWORD) })
      .returning();
    if (options.role) await t.handle.db.insert(userRoles).values({ userId: user.id, role: options.role });
    if (options.membership) await t.handle.db.insert(memberships).values({ userId: user.id, ...options.membership });
    return user;
  }
  const deleteAccount = (session: Session, body: Record<string, unknown> = { password: FIXTURE_PASSWORD }) => t.call('DELETE', '/api/auth/account', { session, body });
  const accountOf = async (id: string) => (await t.handle.db.select().from(users).where(eq(users.id, id)))[0];

  it('a guardian: children deleted (their seats go to the next in line), sessions end, nothing names the person, the address is free again', async () => {
    const guardian = await person({ role: 'guardian' });
    const session = await signInAgain(t, guardian.email, FIXTURE_PASSWORD);
    const otherDevice = await signInAgain(t, guardian.email, FIXTURE_PASSWORD);
    const daughter = await insertChild(t, guardian.id, { values: { fullName: 'Уходящая Дарья' } });
    const son = await insertChild(t, guardian.id, { values: { fullName: 'Уходящий Пётр' } });
    const programme = await insertProgramme(t, t.fixtures.ownOrganizationId, { title: 'Шахматы', capacity: 1 });
    await insertEnrolment(t, daughter.id, programme.id, 'enrolled');
    const neighbourGuardian = await person({ role: 'guardian' });
    const neighbour = await insertChild(t, neighbourGuardian.id);
    await insertEnrolment(t, neighbour.id, programme.id, 'waitlisted');
    await t.handle.db.insert(notifications).values({ userId: guardian.id, kind: 'waitlist_promoted', title: 'Место', body: 'Тест', link: '/children' });
    // An invitation the guardian sent stays; one to the guardian's address goes.
    const [sent] = await t.handle.db
      .insert(invitations)
      .values({ email: 'colleague@test.orbita', fullName: 'Коллега', role: 'teacher', organizationId: t.fixtures.ownOrganizationId, tokenHash: `sent-${serial}`, invitedBy: guardian.id, expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    await t.handle.db
      .insert(invitations)
      .values({ email: guardian.email, fullName: guardian.fullName, role: 'expert', tokenHash: `to-me-${serial}`, invitedBy: t.fixtures.actors.operator!.userId, expiresAt: new Date(Date.now() + 86_400_000) });

    const preview = await t.call('GET', '/api/auth/account/deletion', { session });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ children: [{ id: daughter.id, fullName: 'Уходящая Дарья' }, { id: son.id, fullName: 'Уходящий Пётр' }], blockers: [], confirmWith: 'password' });

    const wrong = await deleteAccount(session, { password: 'not-my-password-at-all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'password', message: 'Неверный пароль' });
    expect((await deleteAccount(session, {})).statusCode).toBe(400);
    expect(await accountOf(guardian.id)).toMatchObject({ email: guardian.email, disabledAt: null });

    const deleted = await deleteAccount(session);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(deleted.cookies.find((c) => c.name === 'orbita_session')?.value).toBe('');

    expect(await t.handle.db.select().from(children).where(eq(children.guardianUserId, guardian.id))).toEqual([]);
    const [waiting] = await t.handle.db.select().from(enrolments).where(eq(enrolments.childId, neighbour.id));
    expect(waiting.state).toBe('enrolled');
    expect((await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id)))[0].seatsTaken).toBe(1);
    for (const ended of [session, otherDevice]) expect((await t.call('GET', '/api/auth/me', { session: ended })).json().user).toBeNull();
    expect(await t.handle.db.select().from(sessions).where(eq(sessions.userId, guardian.id))).toEqual([]);
    expect(await t.handle.db.select().from(userRoles).where(eq(userRoles.userId, guardian.id))).toEqual([]);
    expect(await t.handle.db.select().from(notifications).where(eq(notifications.userId, guardian.id))).toEqual([]);
    expect(await t.handle.db.select().from(outboxMessages).where(or(eq(outboxMessages.userId, guardian.id), eq(outboxMessages.toAddress, guardian.email)))).toEqual([]);
    expect(await t.handle.db.select().from(invitations).where(eq(invitations.email, guardian.email))).toEqual([]);
    expect(await t.handle.db.select().from(invitations).where(eq(invitations.id, sent.id))).toHaveLength(1);

    const row = await accountOf(guardian.id);
    expect(row).toMatchObject({ fullName: DELETED_ACCOUNT_NAME, passwordHash: null, disabledReason: 'deleted_by_owner' });
    expect(row.email).not.toContain('leaving');
    expect(row.disabledAt).not.toBeNull();
    const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'auth.account_deleted'), eq(auditEntries.entityId, guardian.id)));
    expect(JSON.stringify(entry.after)).not.toMatch(/Уходящ|leaving/);
    expect(entry.after).toEqual({ childIds: [daughter.id, son.id] });

    expect((await fromNewAddress(t)('POST', '/api/auth/sign-in', { body: { email: guardian.email, password: FIXTURE_PASSWORD } })).statusCode).toBe(401);
    expect((await fromNewAddress(t)('POST', '/api/auth/register', { body: { email: guardian.email, fullName: 'Снова Ольга' } })).statusCode).toBe(202);
    const [again] = await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, guardian.email));
    expect(again.kind).toBe('registration');
  });

  it('refuses the last head of an organisation and the only operator, with a Russian reason; a second head may go', async () => {
    const [org] = await t.handle.db.select().from(memberships).where(eq(memberships.userId, t.fixtures.actors.otherOrgAdmin!.userId));
    const head = await t.signIn('otherOrgAdmin');
    const refused = await deleteAccount(head);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ title: 'Учётную запись нельзя удалить', code: 'account_needed' });
    expect(refused.json().detail).toContain('единственный руководитель организации «СОШ № 2»');
    expect((await t.call('GET', '/api/auth/account/deletion', { session: head })).json().blockers).toHaveLength(1);

    const operator = await t.signIn('operator');
    const onlyOperator = await deleteAccount(operator);
    expect(onlyOperator.statusCode).toBe(409);
    expect(onlyOperator.json().detail).toContain('единственный оператор платформы');
    expect((await accountOf(t.fixtures.actors.operator!.userId)).disabledAt).toBeNull();

    const secondHead = await person({ membership: { organizationId: org.organizationId, role: 'org_admin' } });
    const secondSession = await signInAgain(t, secondHead.email, FIXTURE_PASSWORD);
    expect((await deleteAccount(secondSession)).statusCode).toBe(204);
    // Now the fixture head is the only one again.
    expect((await deleteAccount(head)).statusCode).toBe(409);
  });

  it('staff and experts go the same way; an account without a password needs a recent sign-in', async () => {
    const teacher = await person({ membership: { organizationId: t.fixtures.ownOrganizationId, role: 'teacher' } });
    expect((await deleteAccount(await signInAgain(t, teacher.email, FIXTURE_PASSWORD))).statusCode).toBe(204);
    expect(await t.handle.db.select().from(memberships).where(eq(memberships.userId, teacher.id))).toEqual([]);

    const ssoOnly = await person({ role: 'expert', passwordless: true });
    const { openSession } = await import('./sessions');
    const old = await openSession(t.handle.db, ssoOnly.id, { ip: null, userAgent: null, method: 'sso' });
    await t.handle.db.update(sessions).set({ createdAt: new Date(Date.now() - 3600_000) }).where(eq(sessions.userId, ssoOnly.id));
    const stale = await deleteAccount({ cookie: `orbita_session=${old.token}`, csrfToken: old.csrfToken }, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('recent_sign_in_required');
    const fresh = await openSession(t.handle.db, ssoOnly.id, { ip: null, userAgent: null, method: 'sso' });
    const session = { cookie: `orbita_session=${fresh.token}`, csrfToken: fresh.csrfToken };
    expect((await t.call('GET', '/api/auth/account/deletion', { session })).json().confirmWith).toBe('recent_sign_in');
    expect((await deleteAccount(session, {})).statusCode).toBe(204);
  });

  it('needs a session', async () => {
    expect((await t.call('DELETE', '/api/auth/account', { body: { password: FIXTURE_PASSWORD } })).statusCode).toBe(401);
  });
});
