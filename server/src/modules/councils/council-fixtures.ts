import { and, eq, isNull } from 'drizzle-orm';
import type { TestApp } from '../../../test/app';
import type { Fixtures } from '../../../test/fixtures';
import { seedNetwork } from '../../../test/network-fixtures';
import { type Target, nextSerial } from '../../../test/policy-matrix';
import type { Database } from '../../platform/db/client';
import { networks } from '../networks/schema';
import { councilElections, councilMembers, councilNominations, decisions, decisionStates, electionStates, meetingAttendance, meetings, meetingStates } from './schema';

/**
 * Test data for the council (the policy matrix and councils.test.ts). A fresh network has both fixture
 * organisations as active members; "own" is coordinated by the fixtures' own organisation (orgAdmin,
 * authority), "other" by the other one (otherOrgAdmin, authorityElsewhere).
 */
export async function freshNetwork(t: Pick<TestApp, 'handle' | 'fixtures'>, target: Target = 'own') {
  const network = await seedNetwork(t.handle.db, t.fixtures, { name: `Округ совета ${nextSerial()}` });
  if (target === 'own') return network;
  const [other] = await t.handle.db
    .update(networks)
    .set({ managingOrganizationId: t.fixtures.otherOrganizationId, municipalityIds: [t.fixtures.otherMunicipalityId] })
    .where(eq(networks.id, network.id))
    .returning();
  return other;
}

/**
 * The standard council: the teacher of the own organisation chairs it (a chair who is no coordinator),
 * otherOrgAdmin is the secretary, orgAdmin an ordinary member — three people, two organisations.
 */
export async function seedCouncil(db: Database, fixtures: Fixtures, networkId: string) {
  const seat = async (role: 'chair' | 'secretary' | 'member', userKey: 'teacher' | 'otherOrgAdmin' | 'orgAdmin', organizationId: string, fullName: string) => {
    const [row] = await db.insert(councilMembers).values({ networkId, organizationId, userId: fixtures.actors[userKey]!.userId, role, fullName, position: 'Директор' }).returning();
    return row;
  };
  return {
    chair: await seat('chair', 'teacher', fixtures.ownOrganizationId, 'Иванова Мария Петровна'),
    secretary: await seat('secretary', 'otherOrgAdmin', fixtures.otherOrganizationId, 'Петров Алексей Сергеевич'),
    member: await seat('member', 'orgAdmin', fixtures.ownOrganizationId, 'Сидоров Николай Иванович'),
  };
}

/** A meeting with every current council member invited; `attended` lists the members marked present. */
export async function seedMeeting(
  db: Database,
  networkId: string,
  options: { state?: (typeof meetingStates)[number]; minutes?: string; minutesVersion?: number; attended?: string[] } = {},
) {
  const [meeting] = await db
    .insert(meetings)
    .values({
      networkId,
      title: `Заседание ${nextSerial()}`,
      startsAt: new Date('2025-03-14T12:00:00Z'),
      place: 'Актовый зал СОШ № 1',
      agenda: ['О плане работы округа'],
      state: options.state ?? 'planned',
      minutes: options.minutes ?? '',
      minutesVersion: options.minutesVersion ?? 0,
    })
    .returning();
  const invited = await db.select({ id: councilMembers.id }).from(councilMembers).where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)));
  if (invited.length) {
    await db.insert(meetingAttendance).values(invited.map((m) => ({ meetingId: meeting.id, councilMemberId: m.id, attended: options.attended ? options.attended.includes(m.id) : null })));
  }
  return meeting;
}

export async function seedDecision(db: Database, meetingId: string, state: (typeof decisionStates)[number] = 'draft') {
  const [decision] = await db
    .insert(decisions)
    .values({ meetingId, title: `Вопрос ${nextSerial()}`, text: 'Утвердить план', state, openedAt: state === 'draft' ? null : new Date() })
    .returning();
  return decision;
}

/** A seat outside the member organisations (a parent by default), without an account. */
export async function seedOutsideSeat(db: Database, networkId: string, kind: 'parent' | 'pupil' | 'enterprise' | 'public' = 'parent') {
  const [row] = await db.insert(councilMembers).values({ networkId, organizationId: null, kind, fullName: `Родитель ${nextSerial()}`, affiliation: 'родительский комитет', voting: false }).returning();
  return row;
}

/** An election of the network's council in the given state, with one candidate from the fixtures' own organisation. */
export async function seedElection(db: Database, fixtures: Fixtures, networkId: string, state: (typeof electionStates)[number] = 'nominating') {
  const [election] = await db
    .insert(councilElections)
    .values({ networkId, title: `Выборы ${nextSerial()}`, seats: 3, state, openedAt: state === 'nominating' ? null : new Date() })
    .returning();
  const [nomination] = await db
    .insert(councilNominations)
    .values({ electionId: election.id, organizationId: fixtures.ownOrganizationId, fullName: `Кандидат ${nextSerial()}`, position: 'Директор' })
    .returning();
  return { election, nomination };
}
