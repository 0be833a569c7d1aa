import type { TestApp } from '../../../test/app';
import { type Expectation, type Scenario, type Target, nextSerial, only } from '../../../test/policy-matrix';
import { freshNetwork, seedCouncil, seedDecision, seedElection, seedMeeting, seedOutsideSeat } from './council-fixtures';
import { votes } from './schema';

/**
 * Every scenario builds a fresh network with both fixture organisations as members, coordinated by the
 * caller's own organisation ("own": operator, authority, orgAdmin) or the other one ("other": operator,
 * authorityElsewhere, otherOrgAdmin), and, where needed, the standard council: teacher — chair,
 * otherOrgAdmin — secretary, orgAdmin — member (council-fixtures.ts).
 */
const coordinators: Partial<Expectation> = { operator: [true, true], authority: [true, false], authorityElsewhere: [false, true], orgAdmin: [true, false], otherOrgAdmin: [false, true] };
const chair: Partial<Expectation> = { teacher: [true, true] };
const secretary: Partial<Expectation> = { otherOrgAdmin: [true, true] };
/** Heads of the network's member organisations: both fixture organisations are members of every fresh network. */
const heads: Partial<Expectation> = { orgAdmin: [true, true], otherOrgAdmin: [true, true] };

async function withCouncil(t: TestApp, target: Target) {
  const network = await freshNetwork(t, target);
  const council = await seedCouncil(t.handle.db, t.fixtures, network.id);
  return { network, council };
}

export const councilScenarios: Record<string, Scenario> = {
  'POST /api/networks/:networkId/council/members': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      return { url: `/api/networks/${network.id}/council/members`, body: { fullName: `Член совета ${nextSerial()}`, position: 'Заместитель директора', organizationId: t.fixtures.ownOrganizationId } };
    },
    allowed: only(coordinators),
  },
  'DELETE /api/council-members/:id': {
    request: async (t, target) => {
      const { council } = await withCouncil(t, target);
      return { url: `/api/council-members/${council.member.id}` };
    },
    allowed: only(coordinators),
  },
  'PATCH /api/council-members/:id': {
    request: async (t, target) => {
      const { council } = await withCouncil(t, target);
      return { url: `/api/council-members/${council.member.id}`, body: { voting: false } };
    },
    allowed: only(coordinators),
  },
  'POST /api/council-members/:id/invitation': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const seat = await seedOutsideSeat(t.handle.db, network.id);
      return { url: `/api/council-members/${seat.id}/invitation`, body: { email: `seat-${nextSerial()}@council.test` } };
    },
    allowed: only(coordinators),
  },
  'POST /api/networks/:networkId/council/elections': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      return { url: `/api/networks/${network.id}/council/elections`, body: { title: 'Выборы совета директоров', seats: 3 } };
    },
    allowed: only(coordinators),
  },
  'POST /api/council-elections/:id/nominations': {
    // The coordinators and the head of any member organisation put candidates forward.
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { election } = await seedElection(t.handle.db, t.fixtures, network.id);
      return { url: `/api/council-elections/${election.id}/nominations`, body: { organizationId: t.fixtures.otherOrganizationId, fullName: `Кандидат ${nextSerial()}`, position: 'Директор' } };
    },
    allowed: only({ ...coordinators, ...heads }),
  },
  'DELETE /api/council-nominations/:id': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { nomination } = await seedElection(t.handle.db, t.fixtures, network.id);
      return { url: `/api/council-nominations/${nomination.id}` };
    },
    allowed: only(coordinators),
  },
  'POST /api/council-elections/:id/open': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { election } = await seedElection(t.handle.db, t.fixtures, network.id);
      return { url: `/api/council-elections/${election.id}/open` };
    },
    allowed: only(coordinators),
  },
  'POST /api/council-elections/:id/ballots': {
    // One ballot per member organisation, cast by its head.
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { election, nomination } = await seedElection(t.handle.db, t.fixtures, network.id, 'voting');
      return { url: `/api/council-elections/${election.id}/ballots`, body: { nominationIds: [nomination.id] } };
    },
    allowed: only(heads),
  },
  'POST /api/council-elections/:id/close': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { election } = await seedElection(t.handle.db, t.fixtures, network.id, 'voting');
      return { url: `/api/council-elections/${election.id}/close` };
    },
    allowed: only(coordinators),
  },
  'POST /api/council-elections/:id/cancel': {
    request: async (t, target) => {
      const network = await freshNetwork(t, target);
      const { election } = await seedElection(t.handle.db, t.fixtures, network.id);
      return { url: `/api/council-elections/${election.id}/cancel` };
    },
    allowed: only(coordinators),
  },
  'POST /api/networks/:networkId/meetings': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      return { url: `/api/networks/${network.id}/meetings`, body: { title: 'Заседание совета округа', startsAt: '2025-03-14T15:00:00+03:00', place: 'СОШ № 1', agenda: ['О плане'] } };
    },
    allowed: only({ ...coordinators, ...chair }),
  },
  'POST /api/meetings/:id/attendance': {
    request: async (t, target) => {
      const { network, council } = await withCouncil(t, target);
      const meeting = await seedMeeting(t.handle.db, network.id);
      return { url: `/api/meetings/${meeting.id}/attendance`, body: { entries: [{ councilMemberId: council.member.id, attended: true }] } };
    },
    allowed: only(secretary),
  },
  'POST /api/meetings/:id/hold': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      return { url: `/api/meetings/${(await seedMeeting(t.handle.db, network.id)).id}/hold` };
    },
    allowed: only({ ...coordinators, ...chair, otherOrgAdmin: [true, true] }),
  },
  'POST /api/meetings/:id/cancel': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      return { url: `/api/meetings/${(await seedMeeting(t.handle.db, network.id)).id}/cancel` };
    },
    allowed: only({ ...coordinators, ...chair }),
  },
  'PUT /api/meetings/:id/minutes': {
    // The secretary's draft exists; the chair and the secretary attended, orgAdmin (a member, and the coordinator of "own") did not.
    request: async (t, target) => {
      const { network, council } = await withCouncil(t, target);
      const meeting = await seedMeeting(t.handle.db, network.id, { state: 'held', minutes: 'Проект протокола', minutesVersion: 1, attended: [council.chair.id, council.secretary.id] });
      return { url: `/api/meetings/${meeting.id}/minutes`, body: { minutes: 'Проект протокола с правкой', minutesVersion: 1 } };
    },
    allowed: only({ ...chair, ...secretary }),
  },
  'POST /api/meetings/:id/approve': {
    request: async (t, target) => {
      const { network, council } = await withCouncil(t, target);
      const meeting = await seedMeeting(t.handle.db, network.id, { state: 'held', minutes: 'Протокол', minutesVersion: 2, attended: [council.chair.id] });
      return { url: `/api/meetings/${meeting.id}/approve`, body: { minutesVersion: 2 } };
    },
    allowed: only(chair),
  },
  'POST /api/meetings/:id/decisions': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      const meeting = await seedMeeting(t.handle.db, network.id, { state: 'held' });
      return { url: `/api/meetings/${meeting.id}/decisions`, body: { title: 'Об утверждении плана', text: 'Утвердить план работы округа' } };
    },
    allowed: only({ ...coordinators, ...chair, otherOrgAdmin: [true, true] }),
  },
  'POST /api/decisions/:id/open': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      const decision = await seedDecision(t.handle.db, (await seedMeeting(t.handle.db, network.id)).id);
      return { url: `/api/decisions/${decision.id}/open` };
    },
    allowed: only(chair),
  },
  'POST /api/decisions/:id/votes': {
    // Every council member with an account votes for their organisation: teacher and orgAdmin for the own one, otherOrgAdmin for the other.
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      const decision = await seedDecision(t.handle.db, (await seedMeeting(t.handle.db, network.id)).id, 'voting');
      return { url: `/api/decisions/${decision.id}/votes`, body: { choice: 'for' } };
    },
    allowed: only({ teacher: [true, true], orgAdmin: [true, true], otherOrgAdmin: [true, true] }),
  },
  'PUT /api/decisions/:id/votes/:organizationId': {
    // The teacher cast the own organisation's vote: only they may change it, not orgAdmin of the same organisation.
    request: async (t, target) => {
      const { network, council } = await withCouncil(t, target);
      const decision = await seedDecision(t.handle.db, (await seedMeeting(t.handle.db, network.id)).id, 'voting');
      await t.handle.db.insert(votes).values({ decisionId: decision.id, organizationId: t.fixtures.ownOrganizationId, councilMemberId: council.chair.id, choice: 'for' });
      return { url: `/api/decisions/${decision.id}/votes/${t.fixtures.ownOrganizationId}`, body: { choice: 'against' } };
    },
    allowed: only(chair),
  },
  'PUT /api/decisions/:id/my-vote': {
    // The teacher (chair) cast a vote through their seat: they change it; orgAdmin, of the same organisation, has no vote of their own to change.
    request: async (t, target) => {
      const { network, council } = await withCouncil(t, target);
      const decision = await seedDecision(t.handle.db, (await seedMeeting(t.handle.db, network.id)).id, 'voting');
      await t.handle.db.insert(votes).values({ decisionId: decision.id, organizationId: t.fixtures.ownOrganizationId, councilMemberId: council.chair.id, choice: 'for' });
      return { url: `/api/decisions/${decision.id}/my-vote`, body: { choice: 'against' } };
    },
    allowed: only(chair),
  },
  'POST /api/decisions/:id/close': {
    request: async (t, target) => {
      const { network } = await withCouncil(t, target);
      const decision = await seedDecision(t.handle.db, (await seedMeeting(t.handle.db, network.id)).id, 'voting');
      return { url: `/api/decisions/${decision.id}/close` };
    },
    allowed: only(chair),
  },
};
