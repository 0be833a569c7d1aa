import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { revokeSeatInvitations } from '../people/seat-invitations';
import { loadVisibleNetwork } from '../networks/access';
import { networks } from '../networks/schema';
import { loadStanding } from './load';
import { councilPolicy, permit } from './policy';
import { memberSnapshot } from './present';
import { councilMembers, meetingAttendance, meetings } from './schema';

/**
 * Takes a person off the council (the row stays, with `removedAt`, for past meetings and votes) and
 * withdraws their invitations to meetings still ahead and a pending invitation to the seat.
 */
export async function removeCouncilMember(context: CommandContext, memberId: string) {
  const [member] = await context.db.select().from(councilMembers).where(eq(councilMembers.id, memberId)).limit(1);
  if (!member || member.removedAt) throw notFound('Член совета');
  const network = await loadVisibleNetwork(context.db, context.actor, member.networkId, 'Член совета');
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.manageComposition(standing), 'Состав совета формирует координатор сети.');

  await context.db.transaction(async (tx) => {
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, member.networkId)).for('no key update');
    const [removed] = await tx
      .update(councilMembers)
      .set({ removedAt: new Date() })
      .where(and(eq(councilMembers.id, memberId), isNull(councilMembers.removedAt)))
      .returning();
    if (!removed) throw notFound('Член совета');
    const planned = tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.networkId, member.networkId), eq(meetings.state, 'planned')));
    await tx
      .delete(meetingAttendance)
      .where(and(eq(meetingAttendance.councilMemberId, memberId), isNull(meetingAttendance.attended), inArray(meetingAttendance.meetingId, planned)));
    await revokeSeatInvitations(tx, context, memberId);
    await recordAudit(tx, context, { action: 'council.member_removed', entityType: 'council_member', entityId: memberId, before: memberSnapshot(member), after: memberSnapshot(removed) });
  });
}
