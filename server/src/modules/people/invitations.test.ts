import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { freshOrganization } from '../../../test/policy-matrix';
import { auditEntries } from '../../platform/audit/schema';
import { outboxMessages } from '../../platform/mail/schema';
import { hashToken } from '../../platform/secret-tokens';
import { invitations, memberships, sessions, ssoIdentities, userRoles, users } from '../accounts/schema';
import { loadActor } from '../accounts/sessions';
import { acceptInvitation } from './accept-invitation';
import { issueInvitations } from './invite-person';
import { callFrom, insertPerson, lastLetterTo, uniqueEmail } from './people.testkit';

// Both drivers answer `execute` with `rows`; the shared Database type does not say so.
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

const options = { publicUrl: 'https://orbita.example', ttlDays: 14 };

describe('invitations', () => {
  let t: TestApp;
  let operator: Session;
  let orgAdmin: Session;

  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
    orgAdmin = await t.signIn('orgAdmin');
  });
  afterAll(() => t.close());

  const invite = (session: Session, body: Record<string, unknown>) => callFrom(t, 'POST', '/api/invitations', { session, body });
  const inviteTeacher = async (email = uniqueEmail('teacher')) => {
    const response = await invite(orgAdmin, { email, fullName: 'Смирнова Анна Петровна', role: 'teacher', organizationId: t.fixtures.ownOrganizationId });
    expect(response.statusCode, response.body).toBe(201);
    return { invitation: response.json(), ...(await lastLetterTo(t, email)) };
  };
  const accept = (token: string, body: Record<string, unknown> = { password: 'new-password-123' }, session?: Session) =>
    callFrom(t, 'POST', '/api/invitations/accept', { body: { token, ...body }, session });

  it('the operator invites an authority: a Russian letter with a working link, and accepting makes the account, the role and a session', async () => {
    const email = uniqueEmail('authority');
    const response = await invite(operator, { email: email.toUpperCase(), fullName: 'Иванова Мария Сергеевна', role: 'authority', municipalityId: t.fixtures.municipalityId });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      email,
      role: 'authority',
      state: 'pending',
      organization: null,
      municipality: { id: t.fixtures.municipalityId, name: 'Городской округ Первый' },
      sendCount: 1,
      invitedBy: { id: t.fixtures.actors.operator!.userId, fullName: 'Пользователь operator' },
      ageDays: 0,
    });

    const { letter, token } = await lastLetterTo(t, email);
    expect(letter).toMatchObject({ kind: 'invitation', subject: 'Приглашение в «Орбиту» — специалист органа управления образованием — Городской округ Первый' });
    expect(letter.textBody).toContain('Здравствуйте, Иванова Мария Сергеевна!');
    expect(letter.textBody).toContain('Пользователь operator приглашает вас');
    expect(letter.textBody).toContain(`Принять приглашение: http://localhost:3000/invitation/${token}`);
    expect(letter.textBody).toMatch(/Ссылка действует до \d{1,2} [а-я]+ \d{4} г\. в \d{2}:\d{2}/);
    expect(letter.textBody).toContain('Если вы не ждали этого письма');
    expect(letter.htmlBody).toContain(`/invitation/${token}`);

    const page = await callFrom(t, 'GET', `/api/invitations/by-token/${token}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ state: 'pending', email, role: 'authority', municipalityId: t.fixtures.municipalityId, municipalityName: 'Городской округ Первый', organizationId: null, organizationName: null, accountExists: false, ssoEnabled: false });

    const accepted = await accept(token);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({ email, fullName: 'Иванова Мария Сергеевна', platformRoles: ['authority'], municipalityId: t.fixtures.municipalityId });
    const cookie = accepted.cookies.find((c) => c.name === 'orbita_session')!;
    expect(cookie.httpOnly).toBe(true);
    const me = await callFrom(t, 'GET', '/api/auth/me', { session: { cookie: `orbita_session=${cookie.value}`, csrfToken: accepted.json().csrfToken } });
    expect(me.json().user.email).toBe(email);

    const [account] = await t.handle.db.select().from(users).where(eq(users.email, email));
    expect(account.emailVerifiedAt).not.toBeNull();
    expect(account.passwordHash).not.toBeNull();
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${token}`)).json().state).toBe('used');
    const [row] = await t.handle.db.select().from(invitations).where(eq(invitations.email, email));
    expect(row).toMatchObject({ acceptedUserId: account.id });
    const audit = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, account.id));
    expect(audit.map((a) => a.action)).toContain('person.role_granted');
  });

  it('the link’s page names an organisation’s invitation by the organisation’s id and its municipality’s', async () => {
    const { token } = await inviteTeacher();
    const page = await callFrom(t, 'GET', `/api/invitations/by-token/${token}`);
    expect(page.json()).toMatchObject({ role: 'teacher', organizationId: t.fixtures.ownOrganizationId, municipalityId: t.fixtures.municipalityId });
  });

  it('stores only the hash of a link: no table but the outgoing letter holds the token', async () => {
    const { token, invitation } = await inviteTeacher();
    const [row] = await t.handle.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(row.tokenHash).toBe(hashToken(token));
    const tables = rowsOf<{ table_name: string }>(await t.handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`));
    const holding: string[] = [];
    for (const { table_name } of tables) {
      const [found] = rowsOf<{ n: number }>(await t.handle.db.execute(sql`select count(*)::int as n from ${sql.identifier(table_name)} t where t::text like ${`%${token}%`}`));
      if (Number(found.n) > 0) holding.push(table_name);
    }
    expect(holding).toEqual(['outbox_messages']);
    // The session cookie opened by accepting is not stored either.
    const accepted = await accept(token);
    const cookie = accepted.cookies.find((c) => c.name === 'orbita_session')!.value;
    const [sessions] = rowsOf<{ n: number }>(await t.handle.db.execute(sql`select count(*)::int as n from sessions s where s::text like ${`%${cookie}%`}`));
    expect(Number(sessions.n)).toBe(0);
  });

  it('answers an unknown token and a malformed one with the same 404', async () => {
    const unknown = await callFrom(t, 'GET', `/api/invitations/by-token/${'A'.repeat(43)}`);
    const malformed = await callFrom(t, 'GET', `/api/invitations/by-token/${encodeURIComponent('../x;drop')}`);
    const long = await callFrom(t, 'GET', `/api/invitations/by-token/${'b'.repeat(90)}`);
    expect([unknown.statusCode, malformed.statusCode, long.statusCode]).toEqual([404, 404, 404]);
    const strip = (body: string) => ({ ...JSON.parse(body), instance: undefined });
    expect(strip(malformed.body)).toEqual(strip(unknown.body));
    expect(strip(long.body)).toEqual(strip(unknown.body));
    const acceptUnknown = await accept('A'.repeat(43));
    const acceptMalformed = await accept('x');
    expect([acceptUnknown.statusCode, acceptMalformed.statusCode]).toEqual([404, 404]);
    expect(strip(acceptMalformed.body)).toEqual(strip(acceptUnknown.body));
  });

  it('limits token endpoints per address, like sign-in', async () => {
    const address = '10.99.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await callFrom(t, 'GET', `/api/invitations/by-token/${'C'.repeat(43)}`, { address })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    const acceptStatuses: number[] = [];
    for (let i = 0; i < 11; i++) acceptStatuses.push((await callFrom(t, 'POST', '/api/invitations/accept', { address: '10.99.0.2', body: { token: 'D'.repeat(43) } })).statusCode);
    expect(acceptStatuses[10]).toBe(429);
  });

  it('two accepts of one link at once make one account', async () => {
    const { token, invitation } = await inviteTeacher();
    const answers = await Promise.all([accept(token), accept(token), accept(token)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'invitation_used')).toBe(true);
    const [{ n }] = await t.handle.db.select({ n: count() }).from(users).where(eq(users.email, invitation.email));
    expect(n).toBe(1);
    const [account] = await t.handle.db.select().from(users).where(eq(users.email, invitation.email));
    const roles = await t.handle.db.select().from(memberships).where(eq(memberships.userId, account.id));
    expect(roles.map((m) => [m.organizationId, m.role])).toEqual([[t.fixtures.ownOrganizationId, 'teacher']]);
  });

  it('refuses a used, a revoked and an expired link, and a new account without a good password', async () => {
    const used = await inviteTeacher();
    expect((await accept(used.token)).statusCode).toBe(200);
    expect((await accept(used.token)).json()).toMatchObject({ status: 409, code: 'invitation_used' });

    const revoked = await inviteTeacher();
    expect((await callFrom(t, 'POST', `/api/invitations/${revoked.invitation.id}/revoke`, { session: orgAdmin })).json().state).toBe('revoked');
    expect((await accept(revoked.token)).json()).toMatchObject({ status: 409, code: 'invitation_revoked' });
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${revoked.token}`)).json().state).toBe('revoked');

    const expired = await inviteTeacher();
    await t.handle.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, expired.invitation.id));
    const late = await accept(expired.token);
    expect(late.json()).toMatchObject({ status: 409, code: 'invitation_expired' });
    expect(late.json().detail).toMatch(/Ссылка действовала до/);
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${expired.token}`)).json().state).toBe('expired');

    const fresh = await inviteTeacher();
    expect((await accept(fresh.token, {})).json()).toMatchObject({ status: 400, errors: [{ field: 'password' }] });
    expect((await accept(fresh.token, { password: 'short' })).json()).toMatchObject({ status: 400, errors: [{ field: 'password' }] });
    for (const email of [used.invitation.email, revoked.invitation.email, expired.invitation.email, fresh.invitation.email].slice(1)) {
      expect(await t.handle.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });

  it('resending gives a new link and term: the old link stops working, the count grows', async () => {
    const first = await inviteTeacher();
    const again = await callFrom(t, 'POST', `/api/invitations/${first.invitation.id}/resend`, { session: orgAdmin });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ sendCount: 2, state: 'pending' });
    const second = await lastLetterTo(t, first.invitation.email);
    expect(second.token).not.toBe(first.token);
    expect(second.letter.subject).toMatch(/^Новая ссылка: приглашение/);
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${first.token}`)).statusCode).toBe(404);
    expect((await accept(second.token)).statusCode).toBe(200);
    expect((await callFrom(t, 'POST', `/api/invitations/${first.invitation.id}/resend`, { session: orgAdmin })).json()).toMatchObject({ status: 409, code: 'invitation_used' });
  });

  it('a second invitation for the same address and place points at the live one', async () => {
    const { invitation } = await inviteTeacher();
    const twice = await invite(orgAdmin, { email: invitation.email, fullName: 'Смирнова Анна Петровна', role: 'teacher', organizationId: t.fixtures.ownOrganizationId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invitation_exists', invitationId: invitation.id, errors: [{ field: 'email' }] });
    // Another role in the same place is another invitation.
    const coordinator = await invite(orgAdmin, { email: invitation.email, fullName: 'Смирнова Анна Петровна', role: 'coordinator', organizationId: t.fixtures.ownOrganizationId });
    expect(coordinator.statusCode, coordinator.body).toBe(201);
  });

  it('an address with an account: accepting needs that account signed in, adds the role and makes no second account', async () => {
    const teacherEmail = t.fixtures.emails.teacher;
    const school = await freshOrganization(t, 'other');
    const response = await invite(operator, { email: teacherEmail, fullName: 'Пользователь teacher', role: 'teacher', organizationId: school.id });
    expect(response.statusCode, response.body).toBe(201);
    const { letter, token } = await lastLetterTo(t, teacherEmail);
    expect(letter.textBody).toContain('У вас уже есть учётная запись');
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${token}`)).json().accountExists).toBe(true);

    const anonymous = await accept(token);
    expect(anonymous.json()).toMatchObject({ status: 409, code: 'sign_in_required', email: teacherEmail });
    expect((await accept(token, {}, orgAdmin)).json()).toMatchObject({ status: 409, code: 'sign_in_required' });

    const teacher = await t.signIn('teacher');
    const accepted = await accept(token, {}, teacher);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.cookies).toEqual([]);
    expect(accepted.json().csrfToken).toBe(teacher.csrfToken);
    expect(accepted.json().user.memberships.map((m: { organizationId: string }) => m.organizationId).sort()).toEqual([t.fixtures.ownOrganizationId, school.id].sort());
    const [{ n }] = await t.handle.db.select({ n: count() }).from(users).where(eq(users.email, teacherEmail));
    expect(n).toBe(1);

    // Inviting someone to a role they hold already is refused at once.
    const held = await invite(operator, { email: teacherEmail, fullName: 'Пользователь teacher', role: 'teacher', organizationId: school.id });
    expect(held.json()).toMatchObject({ status: 409, code: 'role_held' });
  });

  it('accepting for a new address while someone else is signed in ends their session: the device changes hands', async () => {
    const { user: previous, session: previousSession } = await insertPerson(t, {});
    const { token, invitation } = await inviteTeacher();
    const accepted = await accept(token, { password: 'new-password-123' }, previousSession);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user.email).toBe(invitation.email);
    expect(accepted.cookies.find((c) => c.name === 'orbita_session')?.value).toBeTruthy();
    expect((await callFrom(t, 'GET', '/api/auth/me', { session: previousSession })).json().user).toBeNull();
    expect(await t.handle.db.select().from(sessions).where(eq(sessions.userId, previous.id))).toEqual([]);
  });

  it('through SSO, accepting links the identity and sets no password', async () => {
    const { token, invitation } = await inviteTeacher();
    const accepted = await acceptInvitation({ db: t.handle.db, actor: null, ip: '127.0.0.1' }, { token, ssoIdentity: { issuer: 'https://sso.example', subject: 'subject-1' } });
    expect(accepted.accountCreated).toBe(true);
    expect(accepted.session).not.toBeNull();
    const [account] = await t.handle.db.select().from(users).where(eq(users.email, invitation.email));
    expect(account.passwordHash).toBeNull();
    expect(await t.handle.db.select().from(ssoIdentities).where(eq(ssoIdentities.userId, account.id))).toHaveLength(1);

    // The same provider identity cannot be linked to a second person.
    const other = await inviteTeacher();
    await expect(acceptInvitation({ db: t.handle.db, actor: null, ip: null }, { token: other.token, ssoIdentity: { issuer: 'https://sso.example', subject: 'subject-1' } })).rejects.toMatchObject({
      status: 409,
      extra: { code: 'sso_identity_taken' },
    });
    expect(await t.handle.db.select().from(users).where(eq(users.email, other.invitation.email))).toEqual([]);
  });

  it('issues a staff import of 2,000 invitations in one transaction, letters grouped by the batch', async () => {
    const operatorActor = await loadActor(t.handle.db, (await t.handle.db.select().from(users).where(eq(users.id, t.fixtures.actors.operator!.userId)))[0]);
    const batchId = '5f7c1a52-3e59-4a5b-9a57-6f1f0d9c0c01';
    const drafts = Array.from({ length: 2000 }, (_, i) => ({
      email: `bulk-${i}@import.test`,
      fullName: `Педагог ${i}`,
      role: i % 2 ? ('teacher' as const) : ('programme_teacher' as const),
      organizationId: i % 3 ? t.fixtures.ownOrganizationId : t.fixtures.otherOrganizationId,
    }));
    const started = performance.now();
    const rows = await t.handle.db.transaction((tx) => issueInvitations(tx, { db: tx, actor: operatorActor, ip: null }, drafts, { ...options, batchId }));
    const elapsed = performance.now() - started;
    expect(rows).toHaveLength(2000);
    const [{ letters }] = await t.handle.db.select({ letters: count() }).from(outboxMessages).where(eq(outboxMessages.batchId, batchId));
    expect(letters).toBe(2000);
    const [{ imported }] = await t.handle.db.select({ imported: count() }).from(invitations).where(eq(invitations.importId, batchId));
    expect(imported).toBe(2000);
    const [{ audited }] = await t.handle.db
      .select({ audited: count() })
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'invitation.created'), sql`${auditEntries.after}->>'batchId' = ${batchId}`));
    expect(audited).toBe(2000);
    expect(elapsed).toBeLessThan(20_000);

    // One draft outside the caller's branch of the tree refuses the whole batch.
    const orgAdminActor = t.fixtures.actors.orgAdmin!;
    await expect(
      t.handle.db.transaction((tx) =>
        issueInvitations(tx, { db: tx, actor: orgAdminActor, ip: null }, [
          { email: 'ok@import.test', fullName: 'Можно', role: 'teacher', organizationId: t.fixtures.ownOrganizationId },
          { email: 'no@import.test', fullName: 'Нельзя', role: 'teacher', organizationId: t.fixtures.otherOrganizationId },
        ], options),
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(await t.handle.db.select().from(invitations).where(eq(invitations.email, 'ok@import.test'))).toEqual([]);
  });

  it('an authority role accepted by an account that is authority elsewhere is refused, and nothing changes', async () => {
    const elsewhere = await insertPerson(t, { platform: ['authority'], municipalityId: t.fixtures.otherMunicipalityId });
    const response = await invite(operator, { email: elsewhere.user.email, fullName: elsewhere.user.fullName, role: 'authority', municipalityId: t.fixtures.municipalityId });
    expect(response.statusCode, response.body).toBe(201);
    const { token } = await lastLetterTo(t, elsewhere.user.email);
    expect((await accept(token, {}, elsewhere.session)).json()).toMatchObject({ status: 409, code: 'authority_elsewhere' });
    const [account] = await t.handle.db.select().from(users).where(eq(users.id, elsewhere.user.id));
    expect(account.municipalityId).toBe(t.fixtures.otherMunicipalityId);
    expect(await t.handle.db.select().from(userRoles).where(eq(userRoles.userId, elsewhere.user.id))).toHaveLength(1);
    expect((await callFrom(t, 'GET', `/api/invitations/by-token/${token}`)).json().state).toBe('pending');
  });
});
