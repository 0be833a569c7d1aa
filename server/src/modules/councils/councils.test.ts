import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { auditEntries } from '../../platform/audit/schema';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { councilState } from './council-state';
import { councilMembers, meetingAttendance, meetings, votes } from './schema';

let t: TestApp;
let coordinator: Session; // orgAdmin: the managing organisation's head
let teacher: Session;
let otherHead: Session;
let operator: Session;
let outsider: Session; // authorityElsewhere: no part in the fixtures' networks
let serial = 0;

beforeAll(async () => {
  t = await openTestApp();
  coordinator = await t.signIn('orgAdmin');
  teacher = await t.signIn('teacher');
  otherHead = await t.signIn('otherOrgAdmin');
  operator = await t.signIn('operator');
  outsider = await t.signIn('authorityElsewhere');
});
afterAll(() => t.close());

const userId = (role: 'orgAdmin' | 'teacher' | 'otherOrgAdmin') => t.fixtures.actors[role]!.userId;

/** A person with an account in an organisation, signed in. */
async function person(organizationId: string, fullName: string, role: 'org_admin' | 'teacher' = 'teacher') {
  const [user] = await t.handle.db.insert(users).values({ email: `person${++serial}@test.orbita`, passwordHash: 'not-used', fullName }).returning();
  await t.handle.db.insert(memberships).values({ userId: user.id, organizationId, role });
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'councils.test' });
  return { id: user.id, session: { cookie: `orbita_session=${token}`, csrfToken } as Session };
}

/** A third school joined to the network in the given membership state. */
async function school(networkId: string, state: 'active' | 'invited' = 'active') {
  const shortName = `Школа совета ${++serial}`;
  const [org] = await t.handle.db
    .insert(organizations)
    .values({ kind: 'school', fullName: `${shortName} полное`, shortName, sortKey: russianSortKey(shortName), municipalityId: t.fixtures.municipalityId })
    .returning();
  await t.handle.db.insert(networkMembers).values({ networkId, organizationId: org.id, role: 'member', state });
  return org;
}

const add = (networkId: string, body: Record<string, unknown>, session = coordinator) => t.call('POST', `/api/networks/${networkId}/council/members`, { session, body });
const auditOf = (entityId: string) => t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, entityId)).orderBy(auditEntries.id);

/** The standard council through the API: teacher chairs, otherOrgAdmin is secretary, orgAdmin a member. */
async function formCouncil(networkId: string) {
  const chair = await add(networkId, { fullName: 'Иванова Мария Петровна', position: 'Учитель', organizationId: t.fixtures.ownOrganizationId, userId: userId('teacher'), role: 'chair' });
  const secretary = await add(networkId, { fullName: 'Петров Алексей Сергеевич', position: 'Директор', organizationId: t.fixtures.otherOrganizationId, userId: userId('otherOrgAdmin'), role: 'secretary' });
  const member = await add(networkId, { fullName: 'Сидоров Николай Иванович', position: 'Директор', organizationId: t.fixtures.ownOrganizationId, userId: userId('orgAdmin') });
  for (const r of [chair, secretary, member]) expect(r.statusCode, r.body).toBe(201);
  return { chair: chair.json(), secretary: secretary.json(), member: member.json() };
}

async function scheduleAndHold(networkId: string, attendedIds: string[]) {
  const meeting = (await t.call('POST', `/api/networks/${networkId}/meetings`, { session: teacher, body: { title: 'Заседание', startsAt: '2025-03-14T15:00:00+03:00' } })).json();
  await t.call('POST', `/api/meetings/${meeting.id}/attendance`, { session: otherHead, body: { entries: attendedIds.map((id) => ({ councilMemberId: id, attended: true })) } });
  expect((await t.call('POST', `/api/meetings/${meeting.id}/hold`, { session: otherHead })).statusCode).toBe(200);
  return meeting as { id: string };
}

describe('council composition', () => {
  it('is formed once it has a chair, a secretary and people from two member organisations; each step is audited', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ состава' });
    const empty = (await t.call('GET', `/api/networks/${network.id}/council`)).json();
    expect(empty.state).toMatchObject({ formed: false, members: 0, organizations: 0 });
    expect(empty.state.missing).toHaveLength(3);
    expect(empty.rules).toEqual({ quorumPercent: 50, majority: 'simple', quorumBasis: 'seats', voteUnit: 'organization', chairCastingVote: false, admission: 'coordinator' });

    const chair = await add(network.id, { fullName: 'Иванова Мария Петровна', position: 'Учитель', organizationId: t.fixtures.ownOrganizationId, userId: userId('teacher'), role: 'chair' });
    expect(chair.statusCode, chair.body).toBe(201);
    expect(chair.json()).toMatchObject({ role: 'chair', organizationName: 'СОШ № 1', hasAccount: true, isYou: false });
    expect(chair.json()).not.toHaveProperty('userId');
    expect((await councilState(t.handle.db, network.id)).missing).toEqual([
      'Не назначен секретарь совета.',
      'В совете должны быть представители не менее 2 организаций-участников (сейчас: 1).',
    ]);

    await add(network.id, { fullName: 'Петров Алексей Сергеевич', organizationId: t.fixtures.otherOrganizationId, role: 'secretary' });
    const state = await councilState(t.handle.db, network.id);
    expect(state).toMatchObject({ formed: true, members: 2, organizations: 2, missing: [], chair: { fullName: 'Иванова Мария Петровна' }, secretary: { fullName: 'Петров Алексей Сергеевич' } });

    const asTeacher = (await t.call('GET', `/api/networks/${network.id}/council`, { session: teacher })).json();
    expect(asTeacher.members.map((m: { role: string; isYou: boolean }) => [m.role, m.isYou])).toEqual([['chair', true], ['secretary', false]]);
    expect(asTeacher.permissions).toEqual({ canManage: false, canScheduleMeeting: true, canRunElection: false });
    expect((await t.call('GET', `/api/networks/${network.id}/council`, { session: coordinator })).json().permissions.canManage).toBe(true);

    const [entry] = await auditOf(chair.json().id);
    expect(entry).toMatchObject({ action: 'council.member_added', actorId: userId('orgAdmin'), entityType: 'council_member' });
    expect(entry.after).toMatchObject({ role: 'chair', userId: userId('teacher') });
  });

  it('keeps one chair and one secretary: a second gets a Russian 409 naming the holder, nothing is written', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ одного председателя' });
    await formCouncil(network.id);
    const before = await t.handle.db.select().from(councilMembers).where(eq(councilMembers.networkId, network.id));
    const second = await add(network.id, { fullName: 'Козлова Анна', organizationId: t.fixtures.otherOrganizationId, role: 'chair' });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().detail).toContain('Иванова Мария Петровна');
    expect(second.json().errors).toEqual([{ field: 'role', message: 'Председатель уже есть: Иванова Мария Петровна' }]);
    expect((await add(network.id, { fullName: 'Козлова Анна', organizationId: t.fixtures.otherOrganizationId, role: 'secretary' })).statusCode).toBe(409);
    expect(await t.handle.db.select().from(councilMembers).where(eq(councilMembers.networkId, network.id))).toHaveLength(before.length);
  });

  it('appoints exactly one chair when two coordinators appoint one at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const network = await seedNetwork(t.handle.db, t.fixtures, { name: `Округ гонки ${round}` });
      const [a, b] = await Promise.all([
        add(network.id, { fullName: 'Первый Председатель', organizationId: t.fixtures.ownOrganizationId, role: 'chair' }, coordinator),
        add(network.id, { fullName: 'Второй Председатель', organizationId: t.fixtures.otherOrganizationId, role: 'chair' }, operator),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const chairs = await t.handle.db
        .select()
        .from(councilMembers)
        .where(and(eq(councilMembers.networkId, network.id), eq(councilMembers.role, 'chair'), isNull(councilMembers.removedAt)));
      expect(chairs).toHaveLength(1);
    }
  });

  it('checks the organisation and the account, answers field by field in Russian, writes nothing', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ проверок' });
    const invited = await school(network.id, 'invited');
    const count = async () => (await t.handle.db.select().from(councilMembers).where(eq(councilMembers.networkId, network.id))).length;

    const notMember = await add(network.id, { fullName: 'Смирнов Олег', organizationId: invited.id });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().errors).toEqual([{ field: 'organizationId', message: 'Организация не является действующим участником сети' }]);

    const foreignAccount = await add(network.id, { fullName: 'Петров Алексей', organizationId: t.fixtures.ownOrganizationId, userId: userId('otherOrgAdmin') });
    expect(foreignAccount.statusCode).toBe(400);
    expect(foreignAccount.json().errors[0].field).toBe('userId');

    const malformed = await add(network.id, { fullName: ' ', organizationId: 'nope', role: 'king' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['fullName', 'organizationId', 'role']);
    expect(malformed.json().errors.find((e: { field: string }) => e.field === 'role').message).toContain('председатель');

    await add(network.id, { fullName: 'Иванова Мария', organizationId: t.fixtures.ownOrganizationId, userId: userId('teacher') });
    const twice = await add(network.id, { fullName: 'Иванова М. П.', organizationId: t.fixtures.ownOrganizationId, userId: userId('teacher') });
    expect(twice.statusCode).toBe(409);
    expect(await count()).toBe(1);
  });

  it('removes a member: off the council, out of the state, invitations to planned meetings withdrawn; a newcomer is invited', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ перемен' });
    const council = await formCouncil(network.id);
    const meeting = (await t.call('POST', `/api/networks/${network.id}/meetings`, { session: coordinator, body: { title: 'Плановое заседание', startsAt: '2025-05-20T10:00:00Z' } })).json();
    expect(meeting.attendance).toHaveLength(3);

    const removed = await t.call('DELETE', `/api/council-members/${council.secretary.id}`, { session: coordinator });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.call('DELETE', `/api/council-members/${council.secretary.id}`, { session: coordinator })).statusCode).toBe(404);
    const after = (await t.call('GET', `/api/networks/${network.id}/council`)).json();
    expect(after.members.map((m: { id: string }) => m.id)).not.toContain(council.secretary.id);
    expect(after.state).toMatchObject({ formed: false, organizations: 1 });

    const newcomer = (await add(network.id, { fullName: 'Новикова Ольга', organizationId: t.fixtures.otherOrganizationId, role: 'secretary' })).json();
    const invited = (await t.handle.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id))).map((a) => a.councilMemberId);
    expect(invited.sort()).toEqual([council.chair.id, council.member.id, newcomer.id].sort());
    expect((await auditOf(council.secretary.id)).map((e) => e.action).sort()).toEqual(['council.member_added', 'council.member_removed']);
  });

  it('hides the council of a members-only network from outsiders and lists candidates only to the coordinator', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Закрытый округ', visibility: 'members' });
    expect((await t.call('GET', `/api/networks/${network.id}/council`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/networks/${network.id}/council`, { session: outsider })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/networks/${network.id}/council`, { session: otherHead })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/networks/${network.id}/meetings`, { session: outsider })).statusCode).toBe(404);

    const candidates = await t.call('GET', `/api/networks/${network.id}/council/candidates`, { session: coordinator });
    expect(candidates.statusCode).toBe(200);
    const own = candidates.json().items.find((o: { organizationId: string }) => o.organizationId === t.fixtures.ownOrganizationId);
    expect(own.accounts.map((a: { userId: string }) => a.userId).sort()).toEqual([userId('orgAdmin'), userId('teacher')].sort());
    expect((await t.call('GET', `/api/networks/${network.id}/council/candidates`, { session: otherHead })).statusCode).toBe(403);
  });
});

describe('a meeting from scheduling to approved minutes', () => {
  let network: { id: string };
  let council: Awaited<ReturnType<typeof formCouncil>>;
  let third: { id: string; session: Session };
  let thirdSeat: { id: string };
  let meetingId: string;
  const decisionIds: string[] = [];

  beforeAll(async () => {
    network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ «Заседания»' });
    council = await formCouncil(network.id);
    const org = await school(network.id);
    third = await person(org.id, 'Кузнецова Елена Викторовна', 'org_admin');
    thirdSeat = (await add(network.id, { fullName: 'Кузнецова Елена Викторовна', organizationId: org.id, userId: third.id })).json();
  });

  it('the chair schedules it and every council member is invited; bad input changes nothing', async () => {
    const bad = await t.call('POST', `/api/networks/${network.id}/meetings`, { session: teacher, body: { title: '', startsAt: '14.03.2025 15:00', agenda: ['О плане', ''] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['agenda.1', 'startsAt', 'title']);
    expect(await t.handle.db.select().from(meetings).where(eq(meetings.networkId, network.id))).toHaveLength(0);
    const noBody = await t.call('POST', `/api/networks/${network.id}/meetings`, { session: teacher });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().errors[0].message).toBe('Отправьте данные формы в теле запроса (JSON)');

    const response = await t.call('POST', `/api/networks/${network.id}/meetings`, {
      session: teacher,
      body: { title: 'Первое заседание совета округа', startsAt: '2025-03-14T15:00:00+03:00', place: 'СОШ № 1, актовый зал', agenda: ['О плане работы', 'О расписании элективов'] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const meeting = response.json();
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ state: 'planned', startsAt: '2025-03-14T12:00:00.000Z', agenda: ['О плане работы', 'О расписании элективов'], minutesVersion: 0 });
    expect(meeting.attendance.map((a: { role: string }) => a.role)).toEqual(['chair', 'secretary', 'member', 'member']);
    expect(meeting.attendance.every((a: { attended: boolean | null }) => a.attended === null)).toBe(true);
    expect((await t.call('GET', `/api/networks/${network.id}/meetings`)).json().items.map((m: { id: string }) => m.id)).toEqual([meetingId]);
    expect(Object.keys((await t.call('GET', '/api/openapi.json')).json().paths)).toEqual(expect.arrayContaining(['/api/meetings/{id}/minutes', '/api/decisions/{id}/votes']));
  });

  it('the secretary records attendance; unknown people are refused field by field and nothing changes', async () => {
    const stranger = await t.call('POST', `/api/meetings/${meetingId}/attendance`, {
      session: otherHead,
      body: { entries: [{ councilMemberId: council.chair.id, attended: true }, { councilMemberId: '00000000-0000-4000-8000-000000000000', attended: true }] },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors).toEqual([{ field: 'entries.1.councilMemberId', message: 'Этот человек не приглашён на заседание' }]);
    const rows = await t.handle.db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
    expect(rows.every((r) => r.attended === null)).toBe(true);

    const marked = await t.call('POST', `/api/meetings/${meetingId}/attendance`, {
      session: otherHead,
      body: {
        entries: [
          { councilMemberId: council.chair.id, attended: true },
          { councilMemberId: council.secretary.id, attended: true },
          { councilMemberId: council.member.id, attended: false },
          { councilMemberId: thirdSeat.id, attended: true },
        ],
      },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(Object.fromEntries(marked.json().attendance.map((a: { councilMemberId: string; attended: boolean }) => [a.councilMemberId, a.attended]))).toEqual({
      [council.chair.id]: true,
      [council.secretary.id]: true,
      [council.member.id]: false,
      [thirdSeat.id]: true,
    });
  });

  it('votes: one per organisation, changed only by the one who cast it, tallied against the network’s rules', async () => {
    const added = await t.call('POST', `/api/meetings/${meetingId}/decisions`, { session: otherHead, body: { title: 'Об утверждении плана работы', text: 'Утвердить план работы округа на 2025 год' } });
    expect(added.statusCode, added.body).toBe(201);
    const decision = added.json();
    decisionIds.push(decision.id);

    const early = await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: coordinator, body: { choice: 'for' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('ещё не открыл');
    expect((await t.call('POST', `/api/decisions/${decision.id}/open`, { session: otherHead })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/decisions/${decision.id}/open`, { session: teacher })).json().state).toBe('voting');

    expect((await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: coordinator, body: { choice: 'maybe' } })).statusCode).toBe(400);
    const own = await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: coordinator, body: { choice: 'against' } });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ votedOrganizations: 1, yourVotes: [{ organizationId: t.fixtures.ownOrganizationId, choice: 'against', castByYou: true }], votes: null });

    const colleague = await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: teacher, body: { choice: 'for' } });
    expect(colleague.statusCode).toBe(409);
    expect(colleague.json().detail).toContain('одна организация — один голос');
    const notTheirs = await t.call('PUT', `/api/decisions/${decision.id}/votes/${t.fixtures.ownOrganizationId}`, { session: teacher, body: { choice: 'for' } });
    expect(notTheirs.statusCode).toBe(403);
    const changed = await t.call('PUT', `/api/decisions/${decision.id}/votes/${t.fixtures.ownOrganizationId}`, { session: coordinator, body: { choice: 'for' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().yourVotes[0].choice).toBe('for');

    await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: otherHead, body: { choice: 'for' } });
    await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: third.session, body: { choice: 'abstain' } });
    const closed = await t.call('POST', `/api/decisions/${decision.id}/close`, { session: teacher });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      state: 'adopted',
      result: { eligible: 3, voted: 3, for: 2, against: 0, abstain: 1, quorum: true, quorumPercent: 50, majority: 'simple', outcome: 'adopted' },
    });
    expect(closed.json().votes).toHaveLength(3);

    const late = await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: third.session, body: { choice: 'against' } });
    expect(late.statusCode).toBe(409);
    expect((await t.call('POST', `/api/decisions/${decision.id}/close`, { session: teacher })).statusCode).toBe(409);
    expect((await auditOf(decision.id)).map((e) => e.action)).toEqual([
      'council.decision_added',
      'council.voting_opened',
      'council.vote_cast',
      'council.vote_changed',
      'council.vote_cast',
      'council.vote_cast',
      'council.voting_closed',
    ]);
  });

  it('rejects for lack of quorum, and under a two-thirds rule for lack of votes', async () => {
    const quorumless = (await t.call('POST', `/api/meetings/${meetingId}/decisions`, { session: teacher, body: { title: 'О расписании элективов' } })).json();
    decisionIds.push(quorumless.id);
    await t.call('POST', `/api/decisions/${quorumless.id}/open`, { session: teacher });
    await t.call('POST', `/api/decisions/${quorumless.id}/votes`, { session: coordinator, body: { choice: 'for' } });
    const noQuorum = (await t.call('POST', `/api/decisions/${quorumless.id}/close`, { session: teacher })).json();
    expect(noQuorum).toMatchObject({ state: 'rejected', result: { voted: 1, eligible: 3, quorum: false, reason: 'no_quorum' } });

    // The regulation is read when the vote closes: two thirds, everyone present.
    await t.handle.db.update(networks).set({ majority: 'two_thirds', quorumPercent: 100 }).where(eq(networks.id, network.id));
    const budget = (await t.call('POST', `/api/meetings/${meetingId}/decisions`, { session: teacher, body: { title: 'О бюджете проекта' } })).json();
    decisionIds.push(budget.id);
    await t.call('POST', `/api/decisions/${budget.id}/open`, { session: teacher });
    await t.call('POST', `/api/decisions/${budget.id}/votes`, { session: coordinator, body: { choice: 'for' } });
    await t.call('POST', `/api/decisions/${budget.id}/votes`, { session: otherHead, body: { choice: 'against' } });
    await t.call('POST', `/api/decisions/${budget.id}/votes`, { session: third.session, body: { choice: 'abstain' } });
    const twoThirds = (await t.call('POST', `/api/decisions/${budget.id}/close`, { session: teacher })).json();
    expect(twoThirds).toMatchObject({ state: 'rejected', result: { voted: 3, quorum: true, quorumPercent: 100, majority: 'two_thirds', reason: 'no_majority' } });
    await t.handle.db.update(networks).set({ majority: 'simple', quorumPercent: 50 }).where(eq(networks.id, network.id));
  });

  it('minutes: drafted by the secretary once held, amended by attendees, stale edits get 409 with nothing lost', async () => {
    const tooEarly = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: otherHead, body: { minutes: 'Протокол', minutesVersion: 0 } });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().detail).toContain('как состоявшееся');
    expect((await t.call('POST', `/api/meetings/${meetingId}/hold`, { session: otherHead })).json().state).toBe('held');

    const attendeeFirst = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: teacher, body: { minutes: 'Мой протокол', minutesVersion: 0 } });
    expect(attendeeFirst.statusCode).toBe(403);
    expect(attendeeFirst.json().detail).toContain('секретарь');

    const draft = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: otherHead, body: { minutes: 'Протокол № 1\nПрисутствовали: 3 из 4.\nСлушали: о плане работы.', minutesVersion: 0 } });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ minutesVersion: 1, permissions: { canEditMinutes: true, canApprove: false } });

    // Drafts: council members and coordinators only.
    expect((await t.call('GET', `/api/meetings/${meetingId}`)).json()).toMatchObject({ minutes: null, minutesVisible: false, minutesVersion: 1 });
    expect((await t.call('GET', `/api/meetings/${meetingId}`, { session: outsider })).json().minutes).toBeNull();
    expect((await t.call('GET', `/api/meetings/${meetingId}`, { session: operator })).json().minutes).toContain('Протокол № 1');
    const absent = (await t.call('GET', `/api/meetings/${meetingId}`, { session: coordinator })).json();
    expect(absent.minutes).toContain('Протокол № 1');
    expect(absent.permissions.canEditMinutes).toBe(false);

    const byAbsent = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: coordinator, body: { minutes: 'Правка отсутствовавшего', minutesVersion: 1 } });
    expect(byAbsent.statusCode).toBe(403);

    const amended = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: teacher, body: { minutes: 'Протокол № 1\nПрисутствовали: 3 из 4.\nСлушали: о плане работы.\nВыступила Иванова М. П.', minutesVersion: 1 } });
    expect(amended.json().minutesVersion).toBe(2);

    const stale = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: third.session, body: { minutes: 'Протокол № 1 — моя правка', minutesVersion: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ title: 'Протокол изменён другим участником', minutesVersion: 2 });
    expect(stale.json().minutes).toContain('Выступила Иванова М. П.');
    expect(stale.json().detail).toContain('не потерян');
    const [row] = await t.handle.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(row).toMatchObject({ minutesVersion: 2 });
    expect(row.minutes).toContain('Выступила Иванова М. П.');
  });

  it('the chair approves the version they read once voting is closed; results are appended and the minutes locked', async () => {
    const pending = (await t.call('POST', `/api/meetings/${meetingId}/decisions`, { session: teacher, body: { title: 'О разном' } })).json();
    await t.call('POST', `/api/decisions/${pending.id}/open`, { session: teacher });
    const whileVoting = await t.call('POST', `/api/meetings/${meetingId}/approve`, { session: teacher, body: { minutesVersion: 2 } });
    expect(whileVoting.statusCode).toBe(409);
    expect(whileVoting.json().detail).toContain('«О разном»');
    await t.call('POST', `/api/decisions/${pending.id}/close`, { session: teacher });

    expect((await t.call('POST', `/api/meetings/${meetingId}/approve`, { session: otherHead, body: { minutesVersion: 2 } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/meetings/${meetingId}/approve`, { session: teacher, body: { minutesVersion: 1 } })).statusCode).toBe(409);

    const approved = await t.call('POST', `/api/meetings/${meetingId}/approve`, { session: teacher, body: { minutesVersion: 2 } });
    expect(approved.statusCode, approved.body).toBe(200);
    const meeting = approved.json();
    expect(meeting).toMatchObject({ state: 'approved', minutesVersion: 3, minutesApprovedAt: expect.any(String) });
    expect(meeting.minutes).toMatch(/^Протокол № 1\n[\s\S]*Выступила Иванова М\. П\.\n\nРезультаты голосования\n\n1\. «Об утверждении плана работы» — решение принято\./);
    expect(meeting.minutes).toContain('За — 2, против — 0, воздержались — 1; проголосовали 3 из 3 организаций, представленных в совете');
    expect(meeting.minutes).toContain('2. «О расписании элективов» — решение не принято: нет кворума.');
    expect(meeting.minutes).toContain('3. «О бюджете проекта» — решение не принято: недостаточно голосов «за».');
    expect(meeting.minutes).toContain('кворум 100 % — есть; требуется две трети голосов');
    expect(meeting.minutes).toContain('4. «О разном» — решение не принято: нет кворума.');

    // Locked: no edits, no new questions, no attendance changes; now public.
    const locked = await t.call('PUT', `/api/meetings/${meetingId}/minutes`, { session: otherHead, body: { minutes: 'Поздняя правка', minutesVersion: 3 } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().title).toBe('Протокол утверждён');
    expect((await t.call('POST', `/api/meetings/${meetingId}/decisions`, { session: teacher, body: { title: 'Ещё вопрос' } })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/meetings/${meetingId}/attendance`, { session: otherHead, body: { entries: [{ councilMemberId: council.member.id, attended: true }] } })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/meetings/${meetingId}/approve`, { session: teacher, body: { minutesVersion: 3 } })).statusCode).toBe(409);
    const publicView = (await t.call('GET', `/api/meetings/${meetingId}`)).json();
    expect(publicView.minutes).toBe(meeting.minutes);
    expect(publicView.permissions).toEqual({ canRecordAttendance: false, canHold: false, canCancel: false, canEditMinutes: false, canApprove: false, canAddDecision: false, canRunVoting: false, canVote: false });

    const actions = (await auditOf(meetingId)).map((e) => e.action);
    expect(actions).toEqual([
      'council.meeting_scheduled',
      'council.attendance_recorded',
      'council.meeting_held',
      'council.minutes_drafted',
      'council.minutes_amended',
      'council.minutes_approved',
    ]);
    const [approval] = (await auditOf(meetingId)).filter((e) => e.action === 'council.minutes_approved');
    expect(approval.actorId).toBe(userId('teacher'));
    expect((approval.after as { minutes: string }).minutes).toBe(meeting.minutes);
  });

  it('cancels only a planned meeting nothing has been voted on', async () => {
    const meeting = (await t.call('POST', `/api/networks/${network.id}/meetings`, { session: coordinator, body: { title: 'Внеочередное заседание', startsAt: '2025-04-01T09:00:00Z' } })).json();
    const decision = (await t.call('POST', `/api/meetings/${meeting.id}/decisions`, { session: coordinator, body: { title: 'О срочном' } })).json();
    await t.call('POST', `/api/decisions/${decision.id}/open`, { session: teacher });
    const refused = await t.call('POST', `/api/meetings/${meeting.id}/cancel`, { session: coordinator });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('«О срочном»');

    const other = (await t.call('POST', `/api/networks/${network.id}/meetings`, { session: coordinator, body: { title: 'Перенесённое заседание', startsAt: '2025-04-02T09:00:00Z' } })).json();
    expect((await t.call('POST', `/api/meetings/${other.id}/cancel`, { session: teacher })).json().state).toBe('cancelled');
    expect((await t.call('POST', `/api/meetings/${other.id}/hold`, { session: teacher })).statusCode).toBe(409);
  });
});

describe('concurrency', () => {
  it('two people of one organisation voting at the same moment: exactly one vote counts, the other gets 409', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ одновременных голосов' });
    await formCouncil(network.id);
    const colleague = await person(t.fixtures.otherOrganizationId, 'Орлова Дарья Олеговна');
    expect((await add(network.id, { fullName: 'Орлова Дарья Олеговна', organizationId: t.fixtures.otherOrganizationId, userId: colleague.id })).statusCode).toBe(201);
    const meeting = (await t.call('POST', `/api/networks/${network.id}/meetings`, { session: teacher, body: { title: 'Заседание', startsAt: '2025-03-14T15:00:00Z' } })).json();

    for (let round = 0; round < 5; round++) {
      const decision = (await t.call('POST', `/api/meetings/${meeting.id}/decisions`, { session: teacher, body: { title: `Вопрос ${round + 1}` } })).json();
      await t.call('POST', `/api/decisions/${decision.id}/open`, { session: teacher });
      const responses = await Promise.all([
        t.call('POST', `/api/decisions/${decision.id}/votes`, { session: otherHead, body: { choice: 'for' } }),
        t.call('POST', `/api/decisions/${decision.id}/votes`, { session: colleague.session, body: { choice: 'against' } }),
        t.call('POST', `/api/decisions/${decision.id}/votes`, { session: colleague.session, body: { choice: 'against' } }),
      ]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      for (const loser of responses.filter((r) => r.statusCode === 409)) expect(loser.json().title).toBe('Организация уже проголосовала');
      const stored = await t.handle.db.select().from(votes).where(and(eq(votes.decisionId, decision.id), eq(votes.organizationId, t.fixtures.otherOrganizationId)));
      expect(stored).toHaveLength(1);
      const closed = (await t.call('POST', `/api/decisions/${decision.id}/close`, { session: teacher })).json();
      expect(closed.result.voted).toBe(1);
    }
  });

  it('closing the vote while votes arrive: every vote is either in the tally or refused', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ закрытия' });
    await formCouncil(network.id);
    const meeting = (await t.call('POST', `/api/networks/${network.id}/meetings`, { session: teacher, body: { title: 'Заседание', startsAt: '2025-03-14T15:00:00Z' } })).json();
    for (let round = 0; round < 5; round++) {
      const decision = (await t.call('POST', `/api/meetings/${meeting.id}/decisions`, { session: teacher, body: { title: `Вопрос ${round + 1}` } })).json();
      await t.call('POST', `/api/decisions/${decision.id}/open`, { session: teacher });
      const [own, other, close] = await Promise.all([
        t.call('POST', `/api/decisions/${decision.id}/votes`, { session: coordinator, body: { choice: 'for' } }),
        t.call('POST', `/api/decisions/${decision.id}/votes`, { session: otherHead, body: { choice: 'for' } }),
        t.call('POST', `/api/decisions/${decision.id}/close`, { session: teacher }),
      ]);
      expect(close.statusCode, close.body).toBe(200);
      const accepted = [own, other].filter((r) => r.statusCode === 201).length;
      for (const r of [own, other]) expect([201, 409]).toContain(r.statusCode);
      expect(close.json().result.voted).toBe(accepted);
      const stored = await t.handle.db.select().from(votes).where(eq(votes.decisionId, decision.id));
      expect(stored).toHaveLength(accepted);
    }
  });

  it('minutes edits racing on one version: one is saved, the other gets 409 with the saved text', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ правок' });
    const council = await formCouncil(network.id);
    const meeting = await scheduleAndHold(network.id, [council.chair.id, council.secretary.id]);
    await t.call('PUT', `/api/meetings/${meeting.id}/minutes`, { session: otherHead, body: { minutes: 'Черновик', minutesVersion: 0 } });

    let version = 1;
    for (let round = 0; round < 5; round++) {
      const texts = [`Черновик — правка председателя ${round}`, `Черновик — правка секретаря ${round}`];
      const [a, b] = await Promise.all([
        t.call('PUT', `/api/meetings/${meeting.id}/minutes`, { session: teacher, body: { minutes: texts[0], minutesVersion: version } }),
        t.call('PUT', `/api/meetings/${meeting.id}/minutes`, { session: otherHead, body: { minutes: texts[1], minutesVersion: version } }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const winner = a.statusCode === 200 ? 0 : 1;
      const loser = winner === 0 ? b : a;
      expect(loser.json()).toMatchObject({ minutesVersion: version + 1, minutes: texts[winner] });
      const [row] = await t.handle.db.select().from(meetings).where(eq(meetings.id, meeting.id));
      expect(row).toMatchObject({ minutes: texts[winner], minutesVersion: version + 1 });
      version++;
    }
  });

  it('approval racing an amendment: the amendment is either in the approved minutes or refused', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ утверждения' });
    const council = await formCouncil(network.id);
    for (let round = 0; round < 4; round++) {
      const meeting = await scheduleAndHold(network.id, [council.chair.id, council.secretary.id]);
      await t.call('PUT', `/api/meetings/${meeting.id}/minutes`, { session: otherHead, body: { minutes: 'Черновик', minutesVersion: 0 } });
      const [approve, amend] = await Promise.all([
        t.call('POST', `/api/meetings/${meeting.id}/approve`, { session: teacher, body: { minutesVersion: 1 } }),
        t.call('PUT', `/api/meetings/${meeting.id}/minutes`, { session: otherHead, body: { minutes: 'Черновик с поправкой', minutesVersion: 1 } }),
      ]);
      expect([approve.statusCode, amend.statusCode].sort()).toEqual([200, 409]);
      const [row] = await t.handle.db.select().from(meetings).where(eq(meetings.id, meeting.id));
      if (approve.statusCode === 200) {
        expect(row).toMatchObject({ state: 'approved', minutesVersion: 2 });
        expect(row.minutes.startsWith('Черновик\n\nРезультаты голосования')).toBe(true);
      } else {
        expect(row).toMatchObject({ state: 'held', minutes: 'Черновик с поправкой', minutesVersion: 2 });
      }
    }
  });
});
