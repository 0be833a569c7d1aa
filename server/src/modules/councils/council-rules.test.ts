import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { auditEntries } from '../../platform/audit/schema';
import { councilMembers, meetings } from './schema';

/**
 * The regulation's voting rules end to end, through the API, in an association of 24 member organisations
 * whose council seats 5 of them (the Tyumen association of the demo): quorum of the council, not of the network;
 * quorum by attendance; the chair's casting vote; one vote per seat; rules fixed when the vote opens; advisory seats.
 */
let t: TestApp;
let coordinator: Session;
let networkId: string;
let version: number;
/** The five council organisations' heads: chair, secretary, three members. */
const heads: { org: { id: string }; user: { id: string; fullName: string }; session: Session; seatId?: string }[] = [];
let serial = 0;

beforeAll(async () => {
  t = await openTestApp();
  coordinator = await t.signIn('orgAdmin');
  const network = await seedNetwork(t.handle.db, t.fixtures, { kind: 'association', name: 'Ассоциация инновационных школ' });
  networkId = network.id;
  for (let i = 0; i < 22; i++) {
    const head = await organizationWithHead(t, `Школа ассоциации № ${i + 1}`, network);
    if (i < 5) heads.push(head);
  }
  const roles = ['chair', 'secretary', 'member', 'member', 'member'] as const;
  for (const [i, head] of heads.entries()) {
    const added = await t.call('POST', `/api/networks/${networkId}/council/members`, {
      session: coordinator,
      body: { fullName: `Директор ${i + 1}`, position: 'Директор', organizationId: head.org.id, userId: head.user.id, role: roles[i] },
    });
    expect(added.statusCode, added.body).toBe(201);
    head.seatId = added.json().id;
  }
  version = (await t.call('GET', `/api/networks/${networkId}`)).json().version;
});
afterAll(() => t.close());

const [chair, secretary, m1, m2, m3] = [0, 1, 2, 3, 4].map((i) => () => heads[i]);

async function setRules(changes: Record<string, unknown>) {
  const patched = await t.call('PATCH', `/api/networks/${networkId}`, { session: coordinator, body: { ...changes, version } });
  expect(patched.statusCode, patched.body).toBe(200);
  version = patched.json().version;
}

async function meetingWithDecision(title: string, present?: number[]) {
  const meeting = (await t.call('POST', `/api/networks/${networkId}/meetings`, { session: chair().session, body: { title: `Заседание ${++serial}`, startsAt: '2026-12-10T15:00:00+05:00' } })).json();
  if (present) {
    const marked = await t.call('POST', `/api/meetings/${meeting.id}/attendance`, {
      session: secretary().session,
      body: { entries: heads.map((h, i) => ({ councilMemberId: h.seatId, attended: present.includes(i) })) },
    });
    expect(marked.statusCode, marked.body).toBe(200);
  }
  const decision = (await t.call('POST', `/api/meetings/${meeting.id}/decisions`, { session: chair().session, body: { title } })).json();
  expect((await t.call('POST', `/api/decisions/${decision.id}/open`, { session: chair().session })).statusCode).toBe(200);
  return { meetingId: meeting.id as string, decisionId: decision.id as string };
}

const vote = (decisionId: string, session: Session, choice: 'for' | 'against' | 'abstain') => t.call('POST', `/api/decisions/${decisionId}/votes`, { session, body: { choice } });
const close = (decisionId: string) => t.call('POST', `/api/decisions/${decisionId}/close`, { session: chair().session });

describe('a council of 5 organisations in a network of 24', () => {
  it('counts the quorum against the council: three of five voting for pass the decision', async () => {
    expect((await t.call('GET', `/api/networks/${networkId}`)).json().members.filter((m: { state: string }) => m.state === 'active')).toHaveLength(24);
    const { decisionId } = await meetingWithDecision('Об утверждении дорожной карты');
    for (const head of [chair(), m1(), m2()]) expect((await vote(decisionId, head.session, 'for')).statusCode).toBe(201);
    const closed = await close(decisionId);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'adopted', result: { eligible: 5, voted: 3, for: 3, quorum: true, quorumBasis: 'seats', voteUnit: 'organization' } });
  });

  it('under the attendance quorum counts who is present, leaves out absent votes, and the chair breaks a tie', async () => {
    await setRules({ quorumBasis: 'attendance', chairCastingVote: true, quorumPercent: 60 });
    // Present: chair, secretary, m1 (3 of 5 = 60 %). m3 is absent: their vote is not counted.
    const { decisionId } = await meetingWithDecision('О сетевом центре', [0, 1, 2]);
    await vote(decisionId, chair().session, 'for');
    await vote(decisionId, m1().session, 'against');
    await vote(decisionId, secretary().session, 'abstain');
    await vote(decisionId, m3().session, 'against');
    const closed = (await close(decisionId)).json();
    expect(closed).toMatchObject({ state: 'adopted', result: { present: 3, voted: 3, for: 1, against: 1, abstain: 1, notCounted: 1, quorum: true, castingVote: 'for' } });

    // Two present of five is below 60 %: no quorum whatever the votes.
    const second = await meetingWithDecision('О конкурсе', [0, 2]);
    await vote(second.decisionId, chair().session, 'for');
    await vote(second.decisionId, m1().session, 'for');
    expect((await close(second.decisionId)).json()).toMatchObject({ state: 'rejected', result: { present: 2, quorum: false, reason: 'no_quorum' } });
    await setRules({ quorumBasis: 'seats', chairCastingVote: false, quorumPercent: 50 });
  });

  it('fixes the rules when the vote opens: a regulation changed meanwhile does not change the count', async () => {
    const { decisionId } = await meetingWithDecision('О положении');
    await setRules({ majority: 'two_thirds' });
    await vote(decisionId, chair().session, 'for');
    await vote(decisionId, m1().session, 'for');
    await vote(decisionId, m2().session, 'against');
    expect((await close(decisionId)).json()).toMatchObject({ state: 'adopted', rules: { majority: 'simple' }, result: { majority: 'simple' } });
    await setRules({ majority: 'simple' });
  });

  it('gives each seat its vote when the regulation says so; one organisation, one vote otherwise', async () => {
    // A deputy of m1's organisation joins the council.
    const [deputy] = await t.handle.db.insert(users).values({ email: `deputy${++serial}@test.orbita`, passwordHash: 'not-used', fullName: 'Заместитель' }).returning();
    await t.handle.db.insert(memberships).values({ userId: deputy.id, organizationId: m1().org.id, role: 'teacher' });
    const { token, csrfToken } = await openSession(t.handle.db, deputy.id, { ip: '127.0.0.1', userAgent: 'council-rules.test' });
    const deputySession = { cookie: `orbita_session=${token}`, csrfToken } as Session;
    const added = await t.call('POST', `/api/networks/${networkId}/council/members`, { session: coordinator, body: { fullName: 'Заместитель', organizationId: m1().org.id, userId: deputy.id } });
    expect(added.statusCode, added.body).toBe(201);

    const perOrganisation = await meetingWithDecision('Об одном голосе');
    expect((await vote(perOrganisation.decisionId, m1().session, 'for')).statusCode).toBe(201);
    const second = await vote(perOrganisation.decisionId, deputySession, 'against');
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().title).toBe('Организация уже проголосовала');
    expect((await close(perOrganisation.decisionId)).json().result).toMatchObject({ eligible: 5, voted: 1 });

    await setRules({ voteUnit: 'seat' });
    const perSeat = await meetingWithDecision('О голосах членов совета');
    expect((await vote(perSeat.decisionId, m1().session, 'for')).statusCode).toBe(201);
    expect((await vote(perSeat.decisionId, deputySession, 'for')).statusCode).toBe(201);
    const again = await vote(perSeat.decisionId, deputySession, 'against');
    expect(again.json().title).toBe('Вы уже проголосовали');
    const changed = await t.call('PUT', `/api/decisions/${perSeat.decisionId}/my-vote`, { session: deputySession, body: { choice: 'against' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().yourVotes).toEqual([{ organizationId: m1().org.id, choice: 'against', castByYou: true }]);
    await vote(perSeat.decisionId, chair().session, 'for');
    const closed = (await close(perSeat.decisionId)).json();
    expect(closed).toMatchObject({ state: 'adopted', result: { eligible: 6, voted: 3, for: 2, against: 1, voteUnit: 'seat' } });
    expect(closed.votes.map((v: { seatName: string }) => v.seatName).sort()).toEqual(['Директор 1', 'Директор 3', 'Заместитель']);
    await setRules({ voteUnit: 'organization' });
    await t.call('DELETE', `/api/council-members/${added.json().id}`, { session: coordinator });
  });

  it('an advisory seat takes part without a vote and is not counted', async () => {
    await t.handle.db.update(councilMembers).set({ voting: false }).where(eq(councilMembers.id, m3().seatId!));
    const { decisionId } = await meetingWithDecision('О совещательном голосе');
    const refused = await vote(decisionId, m3().session, 'for');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('с правом голоса');
    await vote(decisionId, chair().session, 'for');
    await vote(decisionId, m1().session, 'for');
    expect((await close(decisionId)).json()).toMatchObject({ state: 'adopted', result: { eligible: 4, voted: 2, quorum: true } });
    await t.handle.db.update(councilMembers).set({ voting: true }).where(eq(councilMembers.id, m3().seatId!));
  });

  it('admits a member by the council\'s decision when the regulation says so: the request goes onto the next meeting and the membership follows the vote', async () => {
    await setRules({ admission: 'council' });
    await t.handle.db.update(meetings).set({ state: 'cancelled' }).where(eq(meetings.networkId, networkId));
    const applicant = await organizationWithHead(t, 'Гимназия-заявитель', null);
    const request = await t.call('POST', `/api/networks/${networkId}/requests`, { session: applicant.session, body: { organizationId: applicant.org.id, role: 'member', message: 'Просим принять' } });
    expect(request.statusCode, request.body).toBe(201);
    // No meeting is planned: the request waits; the coordinator may not answer it instead of the council.
    const approve = await t.call('POST', `/api/network-members/${request.json().id}/accept`, { session: coordinator });
    expect(approve.statusCode).toBe(409);
    expect(approve.json()).toMatchObject({ title: 'Заявку рассматривает совет' });

    const meeting = await t.call('POST', `/api/networks/${networkId}/meetings`, { session: chair().session, body: { title: 'Заседание о приёме', startsAt: '2026-12-20T15:00:00+05:00' } });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect(meeting.json().agenda).toEqual(['О приёме в сеть: «Гимназия-заявитель»']);
    const [decision] = meeting.json().decisions;
    expect(decision).toMatchObject({ state: 'draft', subject: { kind: 'admission', networkMemberId: request.json().id } });
    expect(decision.text).toContain('Просим принять');

    // A second applicant while the meeting is planned goes straight onto it.
    const second = await organizationWithHead(t, 'Лицей-заявитель', null);
    await t.call('POST', `/api/networks/${networkId}/requests`, { session: second.session, body: { organizationId: second.org.id, role: 'member' } });
    const agenda = (await t.call('GET', `/api/meetings/${meeting.json().id}`, { session: chair().session })).json();
    expect(agenda.decisions.map((d: { title: string }) => d.title).sort()).toEqual(['О приёме в сеть: «Гимназия-заявитель»', 'О приёме в сеть: «Лицей-заявитель»']);
    const secondDecision = agenda.decisions.find((d: { title: string }) => d.title.includes('Лицей'));

    await t.call('POST', `/api/decisions/${decision.id}/open`, { session: chair().session });
    for (const head of [chair(), m1(), m2()]) await vote(decision.id, head.session, 'for');
    expect((await close(decision.id)).json().state).toBe('adopted');
    await t.call('POST', `/api/decisions/${secondDecision.id}/open`, { session: chair().session });
    for (const head of [chair(), m1(), m2()]) await vote(secondDecision.id, head.session, 'against');
    expect((await close(secondDecision.id)).json().state).toBe('rejected');

    const members = (await t.call('GET', `/api/networks/${networkId}`)).json().members as { organizationId: string; state: string }[];
    expect(members.find((m) => m.organizationId === applicant.org.id)?.state).toBe('active');
    expect(members.find((m) => m.organizationId === second.org.id)?.state).toBe('declined');
    const trail = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, request.json().id)).orderBy(auditEntries.id);
    expect(trail.map((e) => e.action)).toEqual(['network.member_requested', 'network.member_accepted']);
    expect(trail[1].after).toMatchObject({ state: 'active', byCouncilDecision: decision.id });
    await setRules({ admission: 'coordinator' });
  });

  it('refuses unknown settings field by field in Russian, and only the coordinator changes them', async () => {
    const bad = await t.call('PATCH', `/api/networks/${networkId}`, { session: coordinator, body: { quorumBasis: 'everyone', voteUnit: 'person', version } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json().errors)).toContain('присутствующих на заседании');
    const byChair = await t.call('PATCH', `/api/networks/${networkId}`, { session: chair().session, body: { chairCastingVote: true, version } });
    expect(byChair.statusCode).toBe(403);
  });
});
