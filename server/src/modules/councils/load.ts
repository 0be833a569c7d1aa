import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isStaffOf } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork, managesNetwork } from '../networks/access';
import type { Standing } from './policy';
import { councilMembers, decisions, meetings } from './schema';

export type CouncilMemberRow = typeof councilMembers.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

/** The caller's standing on the network's council: coordinator or not, and the seats they hold. */
export async function loadStanding(db: Database, actor: Actor | null, network: NetworkRow): Promise<Standing> {
  if (!actor) return { coordinator: false, seats: [] };
  const rows = await db
    .select({ id: councilMembers.id, organizationId: councilMembers.organizationId, role: councilMembers.role })
    .from(councilMembers)
    .where(and(eq(councilMembers.networkId, network.id), eq(councilMembers.userId, actor.userId), isNull(councilMembers.removedAt)));
  const active = rows.length ? new Set(await activeMemberIds(db, network.id)) : new Set<string>();
  // A seat counts while its organisation is an active member and the account still belongs to it.
  const seats = rows.filter((r) => active.has(r.organizationId) && isStaffOf(actor, r.organizationId));
  return { coordinator: managesNetwork(actor, network), seats };
}


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
