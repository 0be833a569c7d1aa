import { type SQL, and, eq, exists, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { notFound } from '../../platform/problem';
import { type NetworkRow, loadVisibleNetwork, managesNetwork } from '../networks/access';
import { networkMembers } from '../networks/schema';
import type { Seat, Standing } from './policy';
import { memberships, users } from '../accounts/schema';
import { type CouncilRole, type VotingRules, councilMembers, decisions, meetings } from './schema';

export type CouncilMemberRow = typeof councilMembers.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

/** The caller's standing on the network's council: coordinator or not, and the seats they hold. */
export async function loadStanding(db: Database, actor: Actor | null, network: NetworkRow): Promise<Standing> {
  if (!actor) return { coordinator: false, seats: [] };
  const seats = (await seatsOf(db, actor, network.id)).map(({ id, organizationId, role, voting, kind }) => ({ id, organizationId, role, voting, kind }));
  return { coordinator: managesNetwork(actor, network), seats };
}

/**
 * A current seat counts (SQL on council_members): a representative while the organisation is an active member
 * of the network and `userId` (the seat's account, or a column holding it) still belongs to that organisation;
 * a seat outside the member organisations while it is not removed. The one rule behind seatsOf and seatHolders.
 */
export const seatCounts = (accountColumn: SQL | typeof councilMembers.userId = councilMembers.userId) =>
  and(
    isNull(councilMembers.removedAt),
    or(
      isNull(councilMembers.organizationId),
      and(
        sql`exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${councilMembers.networkId} and ${networkMembers.organizationId} = ${councilMembers.organizationId} and ${networkMembers.state} = 'active')`,
        sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${accountColumn} and ${memberships.organizationId} = ${councilMembers.organizationId})`,
      ),
    ),
  );

/**
 * The council seats the actor holds, on one network's council or on every one: seats with the actor's account
 * that count (seatCounts). A person outside the member organisations needs no membership anywhere.
 */
export async function seatsOf(db: Database, actor: Actor, networkId?: string): Promise<(Seat & { networkId: string })[]> {
  return db
    .select({ id: councilMembers.id, organizationId: councilMembers.organizationId, role: councilMembers.role, voting: councilMembers.voting, kind: councilMembers.kind, networkId: councilMembers.networkId })
    .from(councilMembers)
    .where(and(networkId ? eq(councilMembers.networkId, networkId) : undefined, eq(councilMembers.userId, actor.userId), seatCounts()));
}

/**
 * The seats whose votes a tally counts: current (not removed) voting seats of organisations that are active
 * members of the network now, and voting seats outside the member organisations (organization_id null). THE rule of who votes on a council; the tally, and the count of voters shown
 * while a vote is open, both come from here.
 */
export async function votingSeats(db: Database, networkId: string) {
  return db
    .select({ id: councilMembers.id, organizationId: councilMembers.organizationId, role: councilMembers.role, fullName: councilMembers.fullName })
    .from(councilMembers)
    .where(
      and(
        eq(councilMembers.networkId, networkId),
        isNull(councilMembers.removedAt),
        eq(councilMembers.voting, true),
        or(
          isNull(councilMembers.organizationId),
          exists(
            db
              .select({ one: sql`1` })
              .from(networkMembers)
              .where(and(eq(networkMembers.networkId, councilMembers.networkId), eq(networkMembers.organizationId, councilMembers.organizationId), eq(networkMembers.state, 'active'))),
          ),
        ),
      ),
    );
}

/** The regulation's voting rules as the network states them now. */
export const votingRulesOf = (network: Pick<NetworkRow, 'quorumPercent' | 'majority' | 'quorumBasis' | 'voteUnit' | 'chairCastingVote'>): VotingRules => ({
  quorumPercent: network.quorumPercent,
  majority: network.majority,
  quorumBasis: network.quorumBasis,
  voteUnit: network.voteUnit,
  chairCastingVote: network.chairCastingVote,
});

export async function loadMeeting(db: Database, id: string): Promise<MeetingRow> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, id)).limit(1);
  if (!meeting) throw notFound('Заседание');
  return meeting;
}

export async function loadDecision(db: Database, id: string): Promise<DecisionRow> {
  const [decision] = await db.select().from(decisions).where(eq(decisions.id, id)).limit(1);
  if (!decision) throw notFound('Решение');
  return decision;
}

/** A meeting with its network and the caller's standing, for every meeting command; a hidden network's meeting is missing (404). */
export async function meetingContext(db: Database, actor: Actor | null, meetingId: string) {
  const meeting = await loadMeeting(db, meetingId);
  const network = await loadVisibleNetwork(db, actor, meeting.networkId, 'Заседание');
  const standing = await loadStanding(db, actor, network);
  return { meeting, network, standing };
}

export async function decisionContext(db: Database, actor: Actor | null, decisionId: string) {
  const decision = await loadDecision(db, decisionId);
  return { decision, ...(await meetingContext(db, actor, decision.meetingId)) };
}

/** Locks a meeting row for the rest of the transaction; `share` lets decision commands run side by side. */
export async function lockMeeting(tx: Database, id: string, strength: 'update' | 'share'): Promise<MeetingRow> {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, id)).for(strength);
  if (!meeting) throw notFound('Заседание');
  return meeting;
}

export async function lockDecision(tx: Database, id: string, strength: 'update' | 'share'): Promise<DecisionRow> {
  const [decision] = await tx.select().from(decisions).where(eq(decisions.id, id)).for(strength);
  if (!decision) throw notFound('Решение');
  return decision;
}

/**
 * The accounts holding seats on a network's council now (the seatsOf rule seen from the council's side),
 * optionally only these seats or these roles: the people a council step tells what awaits them.
 */
export async function seatHolders(db: Database, networkId: string, filter: { seatIds?: string[]; roles?: CouncilRole[] } = {}) {
  return db
    .selectDistinct({ userId: councilMembers.userId, organizationId: councilMembers.organizationId })
    .from(councilMembers)
    .innerJoin(users, and(eq(users.id, councilMembers.userId), isNull(users.disabledAt)))
    .where(
      and(
        eq(councilMembers.networkId, networkId),
        seatCounts(),
        filter.seatIds ? inArray(councilMembers.id, filter.seatIds) : undefined,
        filter.roles ? inArray(councilMembers.role, filter.roles) : undefined,
      ),
    ) as Promise<{ userId: string; organizationId: string | null }[]>;
}
