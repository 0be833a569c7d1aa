import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { freshOrganization } from '../../../test/policy-matrix';
import { auditEntries } from '../../platform/audit/schema';
import { memberships, sessions, userRoles, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { municipalities } from '../territory/schema';
import { callFrom, insertPerson, lastLetterTo, uniqueEmail } from './people.testkit';

const reason = 'Перевод в другую школу';

describe('people and roles', () => {
  let t: TestApp;
  let operator: Session;
  let authority: Session;
  let orgAdmin: Session;

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
    authority = await t.signIn('authority');
    orgAdmin = await t.signIn('orgAdmin');
  });
  afterAll(() => t.close());

  const invite = (session: Session, body: Record<string, unknown>) =>
    callFrom(t, 'POST', '/api/invitations', { session, body: { email: uniqueEmail(), fullName: 'Приглашённый Человек', ...body } });
  const post = (session: Session | null, url: string, body?: unknown) => callFrom(t, 'POST', url, { session, body });
  const get = (session: Session | null, url: string) => callFrom(t, 'GET', url, { session });

  describe('the invitation tree over HTTP', () => {
    it('operator → authority of any municipality; authority → heads of its own organisations only; head → teacher', async () => {
      expect((await invite(operator, { role: 'authority', municipalityId: t.fixtures.otherMunicipalityId })).statusCode).toBe(201);
      expect((await invite(operator, { role: 'expert' })).statusCode).toBe(201);

      expect((await invite(authority, { role: 'org_admin', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(201);
      expect((await invite(authority, { role: 'org_admin', organizationId: t.fixtures.otherOrganizationId })).statusCode).toBe(403);
      expect((await invite(authority, { role: 'authority', municipalityId: t.fixtures.municipalityId })).statusCode).toBe(201);
      expect((await invite(authority, { role: 'authority', municipalityId: t.fixtures.otherMunicipalityId })).statusCode).toBe(403);
      expect((await invite(authority, { role: 'expert' })).statusCode).toBe(403);
      const elsewhere = await t.signIn('authorityElsewhere');
      expect((await invite(elsewhere, { role: 'org_admin', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(403);

      expect((await invite(orgAdmin, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(201);
      expect((await invite(orgAdmin, { role: 'org_admin', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(201);
      expect((await invite(orgAdmin, { role: 'teacher', organizationId: t.fixtures.otherOrganizationId })).statusCode).toBe(403);
      expect((await invite(orgAdmin, { role: 'authority', municipalityId: t.fixtures.municipalityId })).statusCode).toBe(403);
    });

    it('a staff admin invites the staff below them but cannot make a head; a teacher cannot invite at all', async () => {
      const { session } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'staff_admin' }] });
      expect((await invite(session, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(201);
      expect((await invite(session, { role: 'deputy_head', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(201);
      const head = await invite(session, { role: 'org_admin', organizationId: t.fixtures.ownOrganizationId });
      expect(head.statusCode).toBe(403);
      expect(head.headers['content-type']).toContain('application/problem+json');
      expect((await invite(session, { role: 'staff_admin', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(403);
      const teacher = await t.signIn('teacher');
      expect((await invite(teacher, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId })).statusCode).toBe(403);
      expect((await get(teacher, '/api/invitations')).statusCode).toBe(403);
      expect((await invite(operator, { role: 'guardian' })).json()).toMatchObject({ status: 400, errors: [{ field: 'role' }] });
      expect((await invite(operator, { role: 'teacher' })).json()).toMatchObject({ status: 400, errors: [{ field: 'organizationId' }] });
    });

    it('lists only the invitations the caller may manage, filtered by state and place', async () => {
      const school = await freshOrganization(t, 'own');
      const { session: staffAdmin } = await insertPerson(t, { memberships: [{ organizationId: school.id, role: 'staff_admin' }] });
      const headInvitation = (await invite(operator, { role: 'org_admin', organizationId: school.id })).json();
      const teacherInvitation = (await invite(staffAdmin, { role: 'teacher', organizationId: school.id })).json();
      const mine = (await get(staffAdmin, '/api/invitations')).json();
      expect(mine.items.map((i: { id: string }) => i.id)).toEqual([teacherInvitation.id]);
      const authorityView = (await get(authority, `/api/invitations?organizationId=${school.id}`)).json();
      expect(authorityView.items.map((i: { id: string }) => i.id).sort()).toEqual([headInvitation.id, teacherInvitation.id].sort());
      expect((await get(await t.signIn('authorityElsewhere'), `/api/invitations?organizationId=${school.id}`)).json().total).toBe(0);
      await post(operator, `/api/invitations/${headInvitation.id}/revoke`);
      const revoked = (await get(operator, `/api/invitations?organizationId=${school.id}&state=revoked`)).json();
      expect(revoked.items.map((i: { id: string }) => i.id)).toEqual([headInvitation.id]);
      const pending = (await get(operator, `/api/invitations?municipalityId=${t.fixtures.municipalityId}&state=pending`)).json();
      expect(pending.items.some((i: { id: string }) => i.id === teacherInvitation.id)).toBe(true);
      expect(pending.items.every((i: { state: string }) => i.state === 'pending')).toBe(true);
      // The staff admin may not touch the head's invitation.
      expect((await post(staffAdmin, `/api/invitations/${headInvitation.id}/resend`)).statusCode).toBe(403);
    });

    it('refuses invitations into an archived municipality or organisation', async () => {
      const [region] = await t.handle.db.select({ regionId: municipalities.regionId }).from(municipalities).limit(1);
      const [archived] = await t.handle.db
        .insert(municipalities)
        .values({ regionId: region.regionId, name: 'Упразднённый район', kind: 'district', centerLat: 55, centerLon: 21, archivedAt: new Date() })
        .returning();
      expect((await invite(operator, { role: 'authority', municipalityId: archived.id })).json()).toMatchObject({ status: 400, errors: [{ field: 'municipalityId' }] });
      const school = await freshOrganization(t, 'own');
      await post(operator, `/api/organizations/${school.id}/archive`, { version: school.version });
      expect((await invite(operator, { role: 'teacher', organizationId: school.id })).json()).toMatchObject({ status: 400, errors: [{ field: 'organizationId' }] });
    });
  });

  describe('deactivation', () => {
    it('ends the person’s sessions at once: the next request with the old cookie is anonymous, and signing in is refused', async () => {
      const { user, session } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'teacher' }] });
      expect((await get(session, '/api/auth/me')).json().user.id).toBe(user.id);
      const done = await post(operator, `/api/people/${user.id}/deactivate`, { reason: 'Уволилась по собственному желанию' });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ id: user.id, disabledReason: 'Уволилась по собственному желанию' });
      expect(done.json().disabledAt).not.toBeNull();

      expect((await get(session, '/api/auth/me')).json().user).toBeNull();
      expect((await post(session, '/api/notifications/read-all')).statusCode).toBe(401);
      const { letter } = await lastLetterTo(t, user.email);
      expect(letter).toMatchObject({ kind: 'account_deactivated', subject: 'Учётная запись в «Орбите» отключена' });
      expect(letter.textBody).toContain('Причина: Уволилась по собственному желанию.');
      expect(await t.handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
      // A session that somehow survived is refused too: the account itself is off.
      const opened = await openSession(t.handle.db, user.id, { ip: null, userAgent: null });
      expect((await get({ cookie: `orbita_session=${opened.token}`, csrfToken: opened.csrfToken }, '/api/auth/me')).json().user).toBeNull();

      // The role and history stay; the audit names who and why.
      expect(await t.handle.db.select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(1);
      const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, user.id), eq(auditEntries.action, 'person.deactivated')));
      expect(entry.actorId).toBe(t.fixtures.actors.operator!.userId);
      expect(entry.after).toMatchObject({ reason: 'Уволилась по собственному желанию', sessionsEnded: 1 });

      const back = await post(operator, `/api/people/${user.id}/reactivate`, { reason: 'Вернулась на работу' });
      expect(back.json()).toMatchObject({ disabledAt: null, disabledReason: null });
      const [reactivated] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, user.id), eq(auditEntries.action, 'person.reactivated')));
      expect(reactivated.after).toMatchObject({ reason: 'Вернулась на работу' });
    });

    it('a deactivated fixture account cannot sign in', async () => {
      const { user } = await insertPerson(t, {});
      await t.handle.db.update(users).set({ passwordHash: (await t.handle.db.select().from(users).where(eq(users.id, t.fixtures.actors.expert!.userId)))[0].passwordHash }).where(eq(users.id, user.id));
      expect((await post(null, '/api/auth/sign-in', { email: user.email, password: FIXTURE_PASSWORD })).statusCode).toBe(200);
      await post(operator, `/api/people/${user.id}/deactivate`, { reason: 'Проверка входа' });
      expect((await post(null, '/api/auth/sign-in', { email: user.email, password: FIXTURE_PASSWORD })).statusCode).toBe(401);
    });

    it('keeps the person’s last sign-in after their sessions end', async () => {
      const { user } = await insertPerson(t, {});
      await t.handle.db.update(users).set({ passwordHash: (await t.handle.db.select().from(users).where(eq(users.id, t.fixtures.actors.expert!.userId)))[0].passwordHash }).where(eq(users.id, user.id));
      const before = Date.now();
      expect((await post(null, '/api/auth/sign-in', { email: user.email, password: FIXTURE_PASSWORD })).statusCode).toBe(200);
      const done = await post(operator, `/api/people/${user.id}/deactivate`, { reason: 'Уволился' });
      expect(done.json().lastSeenAt).not.toBeNull();
      expect(new Date(done.json().lastSeenAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      const listed = await get(operator, `/api/people?q=${encodeURIComponent(user.email)}`);
      expect(listed.json().items.map((p: { lastSeenAt: string | null }) => p.lastSeenAt)).toEqual([done.json().lastSeenAt]);
    });

    it('needs a reason, is the operator’s only, never of oneself, and never of the last active operator', async () => {
      const { user } = await insertPerson(t, {});
      expect((await post(operator, `/api/people/${user.id}/deactivate`, { reason: 'а' })).json()).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
      expect((await post(operator, `/api/people/${user.id}/deactivate`, {})).json()).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
      expect((await post(authority, `/api/people/${user.id}/deactivate`, { reason })).statusCode).toBe(403);
      const self = await post(operator, `/api/people/${t.fixtures.actors.operator!.userId}/deactivate`, { reason });
      expect(self.json()).toMatchObject({ status: 409, code: 'self_deactivation' });

      const second = await insertPerson(t, { platform: ['operator'] });
      // The second operator switches the first one off, then cannot give up their own role: nobody would be left.
      expect((await post(second.session, `/api/people/${t.fixtures.actors.operator!.userId}/deactivate`, { reason: 'Проверка последнего оператора' })).statusCode).toBe(200);
      const lastRole = await post(second.session, `/api/people/${second.user.id}/roles/revoke`, { role: 'operator', reason });
      expect(lastRole.json()).toMatchObject({ status: 409, code: 'last_operator' });
      expect(await t.handle.db.select().from(userRoles).where(and(eq(userRoles.userId, second.user.id), eq(userRoles.role, 'operator')))).toHaveLength(1);
      expect((await post(second.session, `/api/people/${t.fixtures.actors.operator!.userId}/reactivate`, { reason: 'Проверка завершена' })).statusCode).toBe(200);
      operator = await freshOperatorSession();
    });

    it('two operators switching each other off at once: one of them stays', async () => {
      const a = await insertPerson(t, { platform: ['operator'] });
      const b = await insertPerson(t, { platform: ['operator'] });
      // Leave only these two active operators.
      const others = (await t.handle.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'operator'))).map((r) => r.id).filter((id) => id !== a.user.id && id !== b.user.id);
      for (const id of others) await t.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, id));
      const answers = await Promise.all([
        post(a.session, `/api/people/${b.user.id}/deactivate`, { reason: 'Гонка операторов' }),
        post(b.session, `/api/people/${a.user.id}/deactivate`, { reason: 'Гонка операторов' }),
      ]);
      const statuses = answers.map((r) => r.statusCode).sort();
      // The loser is refused as the last operator, or (its session ended first) as anonymous.
      expect(statuses[0]).toBe(200);
      expect([401, 409]).toContain(statuses[1]);
      const active = await t.handle.db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, a.user.id));
      const activeB = await t.handle.db.select({ id: users.id, disabledAt: users.disabledAt }).from(users).where(eq(users.id, b.user.id));
      expect([active[0].disabledAt, activeB[0].disabledAt].filter((d) => d === null)).toHaveLength(1);
      for (const id of others) await t.handle.db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
    });
  });

  /** The fixture operator's cached session ended when it was switched off; sign in again. */
  async function freshOperatorSession() {
    const response = await post(null, '/api/auth/sign-in', { email: t.fixtures.emails.operator, password: FIXTURE_PASSWORD });
    return { cookie: `orbita_session=${response.cookies.find((c) => c.name === 'orbita_session')!.value}`, csrfToken: response.json().csrfToken as string };
  }

  describe('roles', () => {
    it('a head gives and takes a role of their school with a reason the audit keeps; the same role twice or a missing one is a 409', async () => {
      const { user } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'teacher' }] });
      const granted = await post(orgAdmin, `/api/people/${user.id}/roles`, { role: 'coordinator', organizationId: t.fixtures.ownOrganizationId, reason });
      expect(granted.statusCode, granted.body).toBe(200);
      expect(granted.json().memberships.map((m: { role: string }) => m.role).sort()).toEqual(['coordinator', 'teacher']);
      expect((await post(orgAdmin, `/api/people/${user.id}/roles`, { role: 'coordinator', organizationId: t.fixtures.ownOrganizationId, reason })).json()).toMatchObject({
        status: 409,
        code: 'role_held',
      });
      const [entry] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, user.id), eq(auditEntries.action, 'person.role_granted')));
      expect(entry.actorId).toBe(t.fixtures.actors.orgAdmin!.userId);
      const { letter } = await lastLetterTo(t, user.email);
      expect(letter).toMatchObject({ kind: 'role_granted', userId: user.id, subject: 'Новая роль в «Орбите» — координатор в «СОШ № 1» (Городской округ Первый)' });
      expect(letter.textBody).toContain(`Пользователь orgAdmin добавил(а) вам роль: координатор в «СОШ № 1» (Городской округ Первый). Причина: ${reason}.`);
      expect(entry.after).toMatchObject({ role: 'coordinator', organizationId: t.fixtures.ownOrganizationId, reason });

      const revoked = await post(orgAdmin, `/api/people/${user.id}/roles/revoke`, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId, reason: 'Больше не ведёт уроки' });
      expect(revoked.json().memberships.map((m: { role: string }) => m.role)).toEqual(['coordinator']);
      expect((await post(orgAdmin, `/api/people/${user.id}/roles/revoke`, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId, reason })).json()).toMatchObject({
        status: 409,
        code: 'role_not_held',
      });
      const [gone] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, user.id), eq(auditEntries.action, 'person.role_revoked')));
      expect(gone.after).toMatchObject({ reason: 'Больше не ведёт уроки' });
      expect((await post(orgAdmin, `/api/people/${user.id}/roles`, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId })).json()).toMatchObject({
        status: 400,
        errors: [{ field: 'reason' }],
      });
    });

    it('a staff admin cannot take the head’s role away; nobody changes the roles of a switched-off account', async () => {
      const { session: staffAdmin } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'staff_admin' }] });
      expect((await post(staffAdmin, `/api/people/${t.fixtures.actors.orgAdmin!.userId}/roles/revoke`, { role: 'org_admin', organizationId: t.fixtures.ownOrganizationId, reason })).statusCode).toBe(403);
      const { user } = await insertPerson(t, {});
      await t.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
      expect((await post(orgAdmin, `/api/people/${user.id}/roles`, { role: 'teacher', organizationId: t.fixtures.ownOrganizationId, reason })).json()).toMatchObject({
        status: 409,
        code: 'account_disabled',
      });
    });

    it('an authority’s role carries its municipality: given, it sets it; taken away, it clears it; another municipality waits for that', async () => {
      const { user } = await insertPerson(t, {});
      const granted = await post(authority, `/api/people/${user.id}/roles`, { role: 'authority', municipalityId: t.fixtures.municipalityId, reason });
      expect(granted.json()).toMatchObject({ platformRoles: ['authority'], municipality: { id: t.fixtures.municipalityId } });
      const elsewhere = await post(operator, `/api/people/${user.id}/roles`, { role: 'authority', municipalityId: t.fixtures.otherMunicipalityId, reason });
      expect(elsewhere.json()).toMatchObject({ status: 409, code: 'authority_elsewhere' });
      expect((await post(authority, `/api/people/${user.id}/roles/revoke`, { role: 'authority', municipalityId: t.fixtures.otherMunicipalityId, reason })).statusCode).toBe(403);
      const revoked = await post(authority, `/api/people/${user.id}/roles/revoke`, { role: 'authority', municipalityId: t.fixtures.municipalityId, reason });
      expect(revoked.json()).toMatchObject({ platformRoles: [], municipality: null });
    });
  });

  describe('lists', () => {
    it('the operator sees every account; an authority its municipality’s people; a head their staff; others nobody', async () => {
      const everyone = (await get(operator, '/api/people?pageSize=100')).json();
      expect(everyone.items.map((p: { email: string }) => p.email)).toEqual(expect.arrayContaining(Object.values(t.fixtures.emails)));
      const person = everyone.items.find((p: { email: string }) => p.email === t.fixtures.emails.orgAdmin);
      expect(person).toMatchObject({
        fullName: 'Пользователь orgAdmin',
        platformRoles: [],
        municipality: null,
        // The matrix helper made them the head of more schools as well.
        memberships: expect.arrayContaining([{ organizationId: t.fixtures.ownOrganizationId, organizationName: 'СОШ № 1', role: 'org_admin' }]),
        disabledAt: null,
      });
      expect(person.lastSeenAt).not.toBeNull();

      const theirs = (await get(authority, '/api/people?pageSize=100')).json().items.map((p: { email: string }) => p.email);
      expect(theirs).toEqual(expect.arrayContaining([t.fixtures.emails.authority, t.fixtures.emails.orgAdmin, t.fixtures.emails.teacher]));
      for (const hidden of ['authorityElsewhere', 'otherOrgAdmin', 'guardian', 'expert', 'operator'] as const) expect(theirs).not.toContain(t.fixtures.emails[hidden]);
      expect((await get(authority, `/api/people/${t.fixtures.actors.otherOrgAdmin!.userId}`)).statusCode).toBe(404);
      expect((await get(authority, `/api/people/${t.fixtures.actors.teacher!.userId}`)).json().email).toBe(t.fixtures.emails.teacher);

      const staff = (await get(orgAdmin, '/api/people?pageSize=100')).json().items.map((p: { email: string }) => p.email);
      expect(staff).toContain(t.fixtures.emails.teacher);
      expect(staff).not.toContain(t.fixtures.emails.authority);
      expect((await get(await t.signIn('guardian'), '/api/people')).statusCode).toBe(403);
      expect((await get(null, '/api/people')).statusCode).toBe(401);
    });

    it('filters by name, role, organisation, municipality and state, sorted by name', async () => {
      const school = await freshOrganization(t, 'own');
      const names = ['Яковлева Ольга', 'Ёлкин Пётр', 'Абрамов Иван'];
      for (const fullName of names) {
        const { user } = await insertPerson(t, { memberships: [{ organizationId: school.id, role: 'coordinator' }] });
        await t.handle.db.update(users).set({ fullName }).where(eq(users.id, user.id));
      }
      const inSchool = (await get(operator, `/api/people?organizationId=${school.id}&role=coordinator`)).json();
      expect(inSchool.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Абрамов Иван', 'Ёлкин Пётр', 'Яковлева Ольга']);
      expect((await get(operator, `/api/people?q=${encodeURIComponent('ёлкин')}`)).json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Ёлкин Пётр']);
      const [abramov] = inSchool.items;
      await post(operator, `/api/people/${abramov.id}/deactivate`, { reason: 'Проверка фильтра' });
      expect((await get(operator, `/api/people?organizationId=${school.id}&state=disabled`)).json().items.map((p: { id: string }) => p.id)).toEqual([abramov.id]);
      expect((await get(operator, `/api/people?organizationId=${school.id}&state=active`)).json().total).toBe(4);
      const away = (await get(operator, `/api/people?municipalityId=${t.fixtures.otherMunicipalityId}&pageSize=100`)).json().items.map((p: { email: string }) => p.email);
      expect(away).toEqual(expect.arrayContaining([t.fixtures.emails.authorityElsewhere, t.fixtures.emails.otherOrgAdmin]));
      expect(away).not.toContain(t.fixtures.emails.orgAdmin);
      expect((await get(operator, '/api/people?role=expert')).json().items.map((p: { email: string }) => p.email)).toEqual([t.fixtures.emails.expert]);
    });

    it('an organisation’s staff page: members with their roles there and the open invitations, for those who see it', async () => {
      const school = await freshOrganization(t, 'own');
      const invited = (await invite(orgAdmin, { role: 'teacher', organizationId: school.id })).json();
      const staff = await get(orgAdmin, `/api/organizations/${school.id}/staff`);
      expect(staff.statusCode, staff.body).toBe(200);
      expect(staff.json().members.map((m: { email: string; roles: string[] }) => [m.email, m.roles])).toEqual(
        expect.arrayContaining([
          [t.fixtures.emails.orgAdmin, ['org_admin']],
          [t.fixtures.emails.teacher, ['teacher']],
        ]),
      );
      expect(staff.json().invitations.map((i: { id: string }) => i.id)).toEqual([invited.id]);
      expect((await get(authority, `/api/organizations/${school.id}/staff`)).statusCode).toBe(200);
      expect((await get(operator, `/api/organizations/${school.id}/staff`)).statusCode).toBe(200);
      expect((await get(await t.signIn('authorityElsewhere'), `/api/organizations/${school.id}/staff`)).statusCode).toBe(403);
      expect((await get(await t.signIn('otherOrgAdmin'), `/api/organizations/${school.id}/staff`)).statusCode).toBe(403);
      expect((await get(await t.signIn('teacher'), `/api/organizations/${school.id}/staff`)).statusCode).toBe(403);
    });
  });

  describe('what the caller may grant', () => {
    it('answers the grant tree’s branches: the operator anywhere, an authority its municipality, a head its school, a staff admin below itself, a teacher nothing', async () => {
      const scopesOf = async (session: Session | null) => {
        const answer = await get(session, '/api/people/grantable');
        expect(answer.statusCode, answer.body).toBe(200);
        return answer.json().scopes;
      };
      expect(await scopesOf(operator)).toEqual([{ place: 'anywhere', roles: ['operator', 'authority', 'expert', 'org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] }]);
      expect(await scopesOf(authority)).toEqual([
        { place: 'authority-of', municipalityId: t.fixtures.municipalityId, roles: ['authority'] },
        { place: 'organizations-of', municipalityId: t.fixtures.municipalityId, roles: ['org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] },
      ]);
      const { session: head } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'org_admin' }] });
      expect(await scopesOf(head)).toEqual([
        { place: 'organization', organizationId: t.fixtures.ownOrganizationId, roles: ['org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] },
      ]);
      const { session: staffAdmin } = await insertPerson(t, { memberships: [{ organizationId: t.fixtures.ownOrganizationId, role: 'staff_admin' }] });
      expect(await scopesOf(staffAdmin)).toEqual([
        { place: 'organization', organizationId: t.fixtures.ownOrganizationId, roles: ['deputy_head', 'coordinator', 'teacher', 'programme_teacher'] },
      ]);
      expect(await scopesOf(await t.signIn('teacher'))).toEqual([]);
      expect((await get(null, '/api/people/grantable')).statusCode).toBe(401);
    });
  });

  describe('one person, several places', () => {
    it('a teacher of two schools: one account, invited by the second school, each head manages only their own school’s role', async () => {
      const first = await freshOrganization(t, 'other');
      const second = await freshOrganization(t, 'own');
      const email = uniqueEmail('two-schools');
      const otherHead = await t.signIn('otherOrgAdmin');
      await callFrom(t, 'POST', '/api/invitations', { session: otherHead, body: { email, fullName: 'Козлова Вера', role: 'teacher', organizationId: first.id } });
      const joined = await callFrom(t, 'POST', '/api/invitations/accept', { body: { token: (await lastLetterTo(t, email)).token, password: 'chalk-and-blackboard-7' } });
      const session = { cookie: `orbita_session=${joined.cookies.find((c) => c.name === 'orbita_session')!.value}`, csrfToken: joined.json().csrfToken };
      expect((await invite(orgAdmin, { email, role: 'teacher', organizationId: second.id })).statusCode).toBe(201);
      const added = await callFrom(t, 'POST', '/api/invitations/accept', { session, body: { token: (await lastLetterTo(t, email)).token } });
      expect(added.statusCode, added.body).toBe(200);
      const person = joined.json().user.id as string;
      expect((await t.handle.db.select().from(users).where(eq(users.email, email))).length).toBe(1);
      const places = await t.handle.db.select().from(memberships).where(eq(memberships.userId, person));
      expect(places.map((m) => m.organizationId).sort()).toEqual([first.id, second.id].sort());

      // She is on both staff lists; each head sees her, and may take away only their own school's role.
      for (const [head, school] of [[orgAdmin, second], [otherHead, first]] as const) {
        const members = (await get(head, `/api/organizations/${school.id}/staff`)).json().members;
        expect(members.find((m: { id: string }) => m.id === person).roles).toEqual(['teacher']);
      }
      expect((await post(orgAdmin, `/api/people/${person}/roles/revoke`, { role: 'teacher', organizationId: first.id, reason })).statusCode).toBe(403);
      expect((await post(orgAdmin, `/api/people/${person}/roles/revoke`, { role: 'teacher', organizationId: second.id, reason })).statusCode).toBe(200);
      // Signed in once, she still acts as a teacher of the first school (her session reads her roles afresh).
      expect((await get(session, '/api/auth/me')).json().user.memberships.map((m: { organizationId: string }) => m.organizationId)).toEqual([first.id]);
    });

    it('a head who is also an expert: still the head of their school (invites its staff), and being an expert grants nothing', async () => {
      const school = await freshOrganization(t, 'own');
      const { user, session } = await insertPerson(t, { memberships: [{ organizationId: school.id, role: 'org_admin' }] });
      expect((await post(operator, `/api/people/${user.id}/roles`, { role: 'expert', reason: 'Эксперт конкурса проектов' })).json().platformRoles).toEqual(['expert']);
      expect((await invite(session, { role: 'deputy_head', organizationId: school.id })).statusCode).toBe(201);
      expect((await invite(session, { role: 'expert' })).statusCode).toBe(403);
      expect((await invite(session, { role: 'teacher', organizationId: t.fixtures.otherOrganizationId })).statusCode).toBe(403);
      expect((await get(session, `/api/organizations/${school.id}/staff`)).statusCode).toBe(200);
      expect((await get(session, `/api/organizations/${t.fixtures.ownOrganizationId}/staff`)).statusCode).toBe(403);
    });
  });
});
