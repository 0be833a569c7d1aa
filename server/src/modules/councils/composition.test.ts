import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { auditEntries } from '../../platform/audit/schema';
import { invitations, memberships, userRoles, users } from '../accounts/schema';
import { networkMembers, networks } from '../networks/schema';
import { notifications } from '../notifications/schema';
import { callFrom, lastLetterTo, uniqueEmail } from '../people/people.testkit';
import { tallyElection } from './election-tally';
import { councilMembers } from './schema';

let t: TestApp;
let coordinator: Session; // orgAdmin: head of the managing (own) organisation
let otherHead: Session; // otherOrgAdmin: head of the other member organisation
let teacher: Session;

beforeAll(async () => {
  t = await openTestApp();
  coordinator = await t.signIn('orgAdmin');
  otherHead = await t.signIn('otherOrgAdmin');
  teacher = await t.signIn('teacher');
});
afterAll(() => t.close());

const add = (networkId: string, body: Record<string, unknown>, session = coordinator) => t.call('POST', `/api/networks/${networkId}/council/members`, { session, body });
const council = (networkId: string, session: Session | null = null) => t.call('GET', `/api/networks/${networkId}/council`, { session }).then((r) => r.json());
const auditActions = async (entityId: string) => (await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, entityId)).orderBy(auditEntries.id)).map((e) => e.action);

/** Accepts a seat invitation with a new account; the session it opens. */
async function acceptSeat(email: string) {
  const { token } = await lastLetterTo(t, email);
  const accepted = await callFrom(t, 'POST', '/api/invitations/accept', { body: { token, password: 'council-seat-password-1' } });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const cookie = accepted.cookies.find((c) => c.name === 'orbita_session')!;
  return { session: { cookie: `orbita_session=${cookie.value}`, csrfToken: accepted.json().csrfToken } as Session, token };
}

describe('seats outside the member organisations', () => {
  it('a parent is invited by e-mail, gets an account with no role at all, and takes part in the council of a members-only network', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть с родителем' });
    await t.handle.db.update(networks).set({ visibility: 'members' }).where(eq(networks.id, network.id));
    const email = uniqueEmail('parent');
    const added = await add(network.id, { kind: 'parent', fullName: 'Литвинова Елена Сергеевна', affiliation: 'родительский комитет', email });
    expect(added.statusCode, added.body).toBe(201);
    const seat = added.json();
    expect(seat).toMatchObject({ kind: 'parent', organizationId: null, voting: false, hasAccount: false, role: 'member' });

    // The coordinator sees the pending invitation; the letter says what the seat is and that it makes nobody staff.
    expect((await council(network.id, coordinator)).members.find((m: { id: string }) => m.id === seat.id).invitation).toMatchObject({ state: 'pending', email });
    const { letter, token } = await lastLetterTo(t, email);
    expect(letter.textBody).toContain('представитель родителей');
    expect(letter.textBody).toContain('Сотрудником какой-либо организации она вас не делает');
    const page = (await callFrom(t, 'GET', `/api/invitations/by-token/${token}`)).json();
    expect(page).toMatchObject({ role: 'council_seat', councilSeat: { networkId: network.id, kind: 'parent' }, accountExists: false });
    // The people area's resend and revoke do not reach a council seat's invitation.
    const [row] = await t.handle.db.select().from(invitations).where(eq(invitations.councilMemberId, seat.id));
    expect((await t.call('POST', `/api/invitations/${row.id}/resend`, { session: await t.signIn('operator') })).statusCode).toBe(404);

    const { session: parent } = await acceptSeat(email);
    const [account] = await t.handle.db.select().from(users).where(eq(users.email, email));
    expect(await t.handle.db.select().from(memberships).where(eq(memberships.userId, account.id))).toEqual([]);
    expect(await t.handle.db.select().from(userRoles).where(eq(userRoles.userId, account.id))).toEqual([]);
    expect(await auditActions(seat.id)).toEqual(['council.member_added', 'council.member_account_linked']);

    // The seat makes the members-only network visible to the parent, who is "you" on the council.
    expect((await t.call('GET', `/api/networks/${network.id}`, { session: parent })).statusCode).toBe(200);
    const seen = await council(network.id, parent);
    expect(seen.members.find((m: { id: string }) => m.id === seat.id)).toMatchObject({ isYou: true, hasAccount: true, invitation: null });
    // Invited to meetings like everyone on the council, and told so.
    await add(network.id, { fullName: 'Иванова Мария Петровна', organizationId: t.fixtures.ownOrganizationId, userId: t.fixtures.actors.teacher!.userId, role: 'chair' });
    const meeting = await t.call('POST', `/api/networks/${network.id}/meetings`, { session: coordinator, body: { title: 'Заседание с родителями', startsAt: '2026-03-14T15:00:00+03:00' } });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect(meeting.json().attendance.map((a: { councilMemberId: string }) => a.councilMemberId)).toContain(seat.id);
    const told = await t.handle.db.select().from(notifications).where(and(eq(notifications.userId, account.id), eq(notifications.kind, 'meeting_invited')));
    expect(told).toHaveLength(1);
    // An advisory seat does not vote on decisions.
    const decision = (await t.call('POST', `/api/meetings/${meeting.json().id}/decisions`, { session: coordinator, body: { title: 'О плане работы' } })).json();
    await t.call('POST', `/api/decisions/${decision.id}/open`, { session: teacher });
    const vote = await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: parent, body: { choice: 'for' } });
    expect(vote.statusCode).toBe(403);
    expect(vote.json().detail).toContain('с правом голоса');
  });

  it('refuses what the regulation cannot mean, in Russian, naming the field', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть проверок' });
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'parent', fullName: 'Родитель Первый', organizationId: t.fixtures.ownOrganizationId }, 'organizationId'],
      [{ kind: 'parent', fullName: 'Родитель Второй', userId: t.fixtures.actors.teacher!.userId }, 'userId'],
      [{ kind: 'enterprise', fullName: 'Представитель Завода' }, 'affiliation'],
      [{ kind: 'pupil', fullName: 'Маргарита Ж.', affiliation: 'обучающаяся 10 класса' }, 'consentConfirmed'],
      [{ kind: 'pupil', fullName: 'Маргарита Ж.', affiliation: 'обучающаяся 10 класса', consentConfirmed: true, role: 'chair' }, 'role'],
      [{ kind: 'representative', fullName: 'Сотрудник Школы', organizationId: t.fixtures.ownOrganizationId, email: uniqueEmail() }, 'email'],
      [{ kind: 'representative', fullName: 'Сотрудник Школы' }, 'organizationId'],
    ];
    for (const [body, field] of cases) {
      const response = await add(network.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.handle.db.select().from(councilMembers).where(eq(councilMembers.networkId, network.id))).toEqual([]);
  });

  it("a pupil's name is shown to the council and the coordinators only; the seat keeps nothing but the name and the grade", async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть с учеником' });
    const pupil = await add(network.id, { kind: 'pupil', fullName: 'Маргарита Ж.', position: 'не нужна', affiliation: 'обучающаяся 10 класса', consentConfirmed: true });
    expect(pupil.statusCode, pupil.body).toBe(201);
    expect(pupil.json()).toMatchObject({ fullName: 'Маргарита Ж.', position: '', voting: false });
    const [audit] = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.entityId, pupil.json().id));
    expect(audit.after).toMatchObject({ parentalConsentConfirmed: true });

    const anonymous = (await council(network.id)).members.find((m: { kind: string }) => m.kind === 'pupil');
    expect(anonymous).toMatchObject({ fullName: 'Представитель обучающихся', nameHidden: true, affiliation: '', position: '' });
    const outsider = (await council(network.id, await t.signIn('expert'))).members.find((m: { kind: string }) => m.kind === 'pupil');
    expect(outsider.fullName).toBe('Представитель обучающихся');
    expect((await council(network.id, coordinator)).members.find((m: { kind: string }) => m.kind === 'pupil')).toMatchObject({ fullName: 'Маргарита Ж.', affiliation: 'обучающаяся 10 класса' });
    await add(network.id, { fullName: 'Петров Алексей Сергеевич', organizationId: t.fixtures.otherOrganizationId, userId: t.fixtures.actors.otherOrgAdmin!.userId });
    expect((await council(network.id, otherHead)).members.find((m: { kind: string }) => m.kind === 'pupil').fullName).toBe('Маргарита Ж.');
  });

  it('removing a seat revokes its pending invitation; the coordinator changes a vote and gives an elected council its chair', async () => {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть исключения' });
    const email = uniqueEmail('enterprise');
    const seat = (await add(network.id, { kind: 'enterprise', fullName: 'Гребенников Олег Викторович', affiliation: 'ООО «Завод»', email })).json();
    const { token } = await lastLetterTo(t, email);
    const changed = await t.call('PATCH', `/api/council-members/${seat.id}`, { session: coordinator, body: { voting: true, role: 'chair' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ voting: true, role: 'chair' });
    const second = (await add(network.id, { fullName: 'Сидоров Николай Иванович', organizationId: t.fixtures.ownOrganizationId })).json();
    const clash = await t.call('PATCH', `/api/council-members/${second.id}`, { session: coordinator, body: { role: 'chair' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().title).toBe('Председатель уже назначен');

    expect((await t.call('DELETE', `/api/council-members/${seat.id}`, { session: coordinator })).statusCode).toBe(204);
    const accepted = await callFrom(t, 'POST', '/api/invitations/accept', { body: { token, password: 'council-seat-password-1' } });
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().code).toBe('invitation_revoked');
    expect(await auditActions(seat.id)).toEqual(['council.member_added', 'council.member_changed', 'council.member_removed']);
  });
});

describe('election of the council', () => {
  /** A network with a third member school whose head is signed in. */
  async function electionNetwork() {
    const network = await seedNetwork(t.handle.db, t.fixtures, { name: `Округ выборов ${Math.random().toString(36).slice(2, 7)}` });
    return network;
  }

  it('nomination, one ballot per member organisation by its head, the elected seated and the result in the minutes', async () => {
    const network = await electionNetwork();
    const appointed = (await add(network.id, { kind: 'public', fullName: 'Орлова Анна Викторовна', affiliation: 'Общественная палата' })).json();
    const created = await t.call('POST', `/api/networks/${network.id}/council/elections`, { session: coordinator, body: { title: 'Выборы совета директоров', seats: 2 } });
    expect(created.statusCode, created.body).toBe(201);
    const election = created.json();
    expect((await t.call('POST', `/api/networks/${network.id}/council/elections`, { session: coordinator, body: { title: 'Ещё одни', seats: 2 } })).statusCode).toBe(409);

    const nominate = (session: Session, body: Record<string, unknown>) => t.call('POST', `/api/council-elections/${election.id}/nominations`, { session, body });
    expect((await nominate(teacher, { organizationId: t.fixtures.ownOrganizationId, fullName: 'Учитель Сам' })).statusCode).toBe(403);
    const own = await nominate(coordinator, { organizationId: t.fixtures.ownOrganizationId, userId: t.fixtures.actors.orgAdmin!.userId, fullName: 'Сидоров Николай Иванович', position: 'Директор' });
    const other = await nominate(otherHead, { organizationId: t.fixtures.otherOrganizationId, userId: t.fixtures.actors.otherOrgAdmin!.userId, fullName: 'Петров Алексей Сергеевич', position: 'Директор' });
    const third = await nominate(otherHead, { organizationId: t.fixtures.ownOrganizationId, fullName: 'Иванова Мария Петровна', position: 'Учитель' });
    for (const r of [own, other, third]) expect(r.statusCode, r.body).toBe(201);
    expect((await nominate(otherHead, { organizationId: t.fixtures.ownOrganizationId, fullName: 'иванова мария петровна' })).statusCode).toBe(409);

    const ballot = (session: Session, nominationIds: string[]) => t.call('POST', `/api/council-elections/${election.id}/ballots`, { session, body: { nominationIds } });
    expect((await ballot(coordinator, [own.json().id])).json().title).toBe('Голосование ещё не открыто');
    expect((await t.call('POST', `/api/council-elections/${election.id}/open`, { session: coordinator })).statusCode).toBe(200);
    expect((await nominate(coordinator, { organizationId: t.fixtures.ownOrganizationId, fullName: 'Поздний Кандидат' })).statusCode).toBe(409);
    expect((await ballot(coordinator, [own.json().id, other.json().id, third.json().id])).statusCode).toBe(400);
    expect((await ballot(coordinator, [own.json().id, other.json().id])).statusCode).toBe(201);
    expect((await ballot(coordinator, [own.json().id])).statusCode).toBe(409);
    expect((await ballot(otherHead, [other.json().id, third.json().id])).statusCode).toBe(201);

    const closed = await t.call('POST', `/api/council-elections/${election.id}/close`, { session: coordinator });
    expect(closed.statusCode, closed.body).toBe(200);
    const result = closed.json();
    expect(result.state).toBe('closed');
    expect(result.result).toMatchObject({ eligible: 2, voted: 2, quorum: true, outcome: 'elected', vacant: 1 });
    // Петров has both ballots; Сидоров and Иванова one each of two — not more than half: not elected.
    expect(result.result.elected).toEqual([other.json().id]);
    expect(result.minutes).toContain('Протокол выборов координационного совета сети');
    expect(result.minutes).toContain('Петров Алексей Сергеевич (Директор, СОШ № 2) — 2 голоса; избран(а).');
    expect(result.minutes).toContain('Вакантных мест: 1');
    expect(result.ballots).toHaveLength(2);

    const seated = (await council(network.id, coordinator)).members;
    expect(seated.map((m: { fullName: string }) => m.fullName).sort()).toEqual(['Орлова Анна Викторовна', 'Петров Алексей Сергеевич']);
    expect(seated.find((m: { fullName: string }) => m.fullName === 'Петров Алексей Сергеевич')).toMatchObject({ elected: true, electionId: election.id, voting: true });
    expect(await auditActions(election.id)).toEqual([
      'council.election_created',
      'council.candidate_nominated',
      'council.candidate_nominated',
      'council.candidate_nominated',
      'council.election_opened',
      'council.ballot_cast',
      'council.ballot_cast',
      'council.election_closed',
    ]);

    // A new election replaces the elected part of the council; the appointed public representative stays.
    const next = (await t.call('POST', `/api/networks/${network.id}/council/elections`, { session: coordinator, body: { title: 'Довыборы', seats: 1 } })).json();
    const candidate = (await t.call('POST', `/api/council-elections/${next.id}/nominations`, { session: coordinator, body: { organizationId: t.fixtures.ownOrganizationId, fullName: 'Сидоров Николай Иванович' } })).json();
    await t.call('POST', `/api/council-elections/${next.id}/open`, { session: coordinator });
    await t.call('POST', `/api/council-elections/${next.id}/ballots`, { session: coordinator, body: { nominationIds: [candidate.id] } });
    await t.call('POST', `/api/council-elections/${next.id}/ballots`, { session: otherHead, body: { nominationIds: [candidate.id] } });
    expect((await t.call('POST', `/api/council-elections/${next.id}/close`, { session: coordinator })).json().result.elected).toEqual([candidate.id]);
    const after = (await council(network.id, coordinator)).members.map((m: { fullName: string }) => m.fullName).sort();
    expect(after).toEqual(['Орлова Анна Викторовна', 'Сидоров Николай Иванович']);
    expect(appointed.id).toBeTruthy();
  });

  it('without a quorum nobody is seated and the minutes say so', async () => {
    const network = await electionNetwork();
    await t.handle.db.update(networks).set({ quorumPercent: 100 }).where(eq(networks.id, network.id));
    const election = (await t.call('POST', `/api/networks/${network.id}/council/elections`, { session: coordinator, body: { title: 'Выборы без кворума', seats: 1 } })).json();
    const candidate = (await t.call('POST', `/api/council-elections/${election.id}/nominations`, { session: coordinator, body: { organizationId: t.fixtures.ownOrganizationId, fullName: 'Сидоров Николай Иванович' } })).json();
    await t.call('POST', `/api/council-elections/${election.id}/open`, { session: coordinator });
    await t.call('POST', `/api/council-elections/${election.id}/ballots`, { session: coordinator, body: { nominationIds: [candidate.id] } });
    const closed = (await t.call('POST', `/api/council-elections/${election.id}/close`, { session: coordinator })).json();
    expect(closed.result).toMatchObject({ outcome: 'no_quorum', quorum: false, elected: [] });
    expect(closed.minutes).toContain('выборы не состоялись — нет кворума');
    expect((await council(network.id, coordinator)).members).toEqual([]);
    // A ballot after closing is refused.
    expect((await t.call('POST', `/api/council-elections/${election.id}/ballots`, { session: otherHead, body: { nominationIds: [] } })).json().title).toBe('Выборы завершены');
  });

  it('an organisation that left the network no longer votes, and its candidates do not stand', async () => {
    const network = await electionNetwork();
    const election = (await t.call('POST', `/api/networks/${network.id}/council/elections`, { session: coordinator, body: { title: 'Выборы', seats: 2 } })).json();
    const own = (await t.call('POST', `/api/council-elections/${election.id}/nominations`, { session: coordinator, body: { organizationId: t.fixtures.ownOrganizationId, fullName: 'Сидоров Николай Иванович' } })).json();
    const other = (await t.call('POST', `/api/council-elections/${election.id}/nominations`, { session: otherHead, body: { organizationId: t.fixtures.otherOrganizationId, fullName: 'Петров Алексей Сергеевич' } })).json();
    await t.call('POST', `/api/council-elections/${election.id}/open`, { session: coordinator });
    await t.call('POST', `/api/council-elections/${election.id}/ballots`, { session: coordinator, body: { nominationIds: [own.id] } });
    await t.call('POST', `/api/council-elections/${election.id}/ballots`, { session: otherHead, body: { nominationIds: [other.id] } });
    await t.handle.db.update(networkMembers).set({ state: 'left' }).where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.organizationId, t.fixtures.otherOrganizationId)));
    const closed = (await t.call('POST', `/api/council-elections/${election.id}/close`, { session: coordinator })).json();
    expect(closed.result).toMatchObject({ eligible: 1, voted: 1, elected: [own.id] });
    expect(closed.result.counts.map((c: { candidate: string }) => c.candidate)).toEqual([own.id]);
  });
});

describe('tallyElection', () => {
  /** The rule said differently: a candidate with a majority is elected when no more than `seats` majority candidates have at least as many votes. */
  function reference(input: Parameters<typeof tallyElection>[0]) {
    const voted = input.ballots.length;
    const votes = (c: string) => input.ballots.filter((b) => b.includes(c)).length;
    if (!(voted > 0 && voted * 100 >= input.quorumPercent * input.eligible)) return { elected: [], tied: [] };
    const passing = input.candidates.filter((c) => 2 * votes(c) > voted);
    const elected = passing.filter((c) => passing.filter((d) => votes(d) >= votes(c)).length <= input.seats);
    const tied = passing.filter((c) => !elected.includes(c) && passing.filter((d) => votes(d) > votes(c)).length < input.seats);
    return { elected: elected.sort(), tied: tied.sort() };
  }

  it('agrees with the reference on random elections', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      const candidates = Array.from({ length: 1 + random(6) }, (_, i) => `c${i}`);
      const seats = 1 + random(4);
      const eligible = 1 + random(8);
      const ballots = Array.from({ length: random(eligible + 1) }, () => candidates.filter(() => random(2) === 1).slice(0, seats));
      const input = { eligible, ballots, candidates, seats, quorumPercent: [0, 50, 67, 100][random(4)] };
      const tally = tallyElection(input);
      expect({ elected: [...tally.elected].sort(), tied: [...tally.tied].sort() }, JSON.stringify(input)).toEqual(reference(input));
      expect(tally.elected.length).toBeLessThanOrEqual(seats);
      expect(tally.vacant).toBe(seats - tally.elected.length);
    }
  });

  it('a tie for the last seat seats neither', () => {
    const tally = tallyElection({ eligible: 3, ballots: [['a', 'b'], ['a', 'c'], ['b', 'c']], candidates: ['a', 'b', 'c'], seats: 1, quorumPercent: 50 });
    expect(tally).toMatchObject({ elected: [], tied: ['a', 'b', 'c'], vacant: 1, outcome: 'elected' });
  });
});
