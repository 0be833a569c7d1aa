import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem, invalid, notFound } from '../../platform/problem';
import { loadVisibleNetwork } from '../networks/access';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import type { InvitationOptions } from '../people/invite-person';
import { issueSeatInvitation } from '../people/seat-invitations';
import { seatDescription } from './seats';
import { loadStanding } from './load';
import { councilPolicy, permit } from './policy';
import { memberSnapshot, presentCouncilMember } from './present';
import { type CouncilRole, councilMembers } from './schema';

async function seatContext(context: CommandContext, memberId: string) {
  const [member] = await context.db.select().from(councilMembers).where(eq(councilMembers.id, memberId)).limit(1);
  if (!member || member.removedAt) throw notFound('Член совета');
  const network = await loadVisibleNetwork(context.db, context.actor, member.networkId, 'Член совета');
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.manageComposition(standing), 'Состав совета формирует координатор сети.');
  return { member, network };
}

async function present(context: CommandContext, row: typeof councilMembers.$inferSelect) {
  const [organization] = row.organizationId ? await context.db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, row.organizationId)) : [];
  return presentCouncilMember(row, organization?.shortName ?? null, context.actor, { seesPupils: true });
}

/**
 * Changes a seat's role (an elected council chooses its chair and secretary) or its vote (deciding or advisory,
 * as the regulation says). Under the network's lock, like every change of the composition.
 */
export async function updateCouncilMember(context: CommandContext, memberId: string, input: { role?: CouncilRole; voting?: boolean }) {
  const { member } = await seatContext(context, memberId);
  if (input.role && input.role !== 'member' && member.kind === 'pupil') {
    throw invalid('Председателем и секретарём совета обучающийся не назначается.', [{ field: 'role', message: 'Обучающийся — член совета' }]);
  }
  const row = await context.db.transaction(async (tx) => {
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, member.networkId)).for('no key update');
    const [current] = await tx.select().from(councilMembers).where(eq(councilMembers.id, memberId));
    if (!current || current.removedAt) throw notFound('Член совета');
    if (input.role && input.role !== 'member' && input.role !== current.role) {
      const [holder] = await tx
        .select({ fullName: councilMembers.fullName })
        .from(councilMembers)
        .where(and(eq(councilMembers.networkId, current.networkId), isNull(councilMembers.removedAt), eq(councilMembers.role, input.role), ne(councilMembers.id, memberId)));
      if (holder) {
        const chair = input.role === 'chair';
        throw new Problem(409, chair ? 'Председатель уже назначен' : 'Секретарь уже назначен', `В совете уже есть ${chair ? 'председатель' : 'секретарь'}: ${holder.fullName}. Сначала сделайте его членом совета.`, {
          errors: [{ field: 'role', message: `${chair ? 'Председатель' : 'Секретарь'} уже есть: ${holder.fullName}` }],
        });
      }
    }
    const [updated] = await tx
      .update(councilMembers)
      .set({ role: input.role ?? current.role, voting: input.voting ?? current.voting })
      .where(eq(councilMembers.id, memberId))
      .returning();
    await recordAudit(tx, context, { action: 'council.member_changed', entityType: 'council_member', entityId: memberId, before: memberSnapshot(current), after: memberSnapshot(updated) });
    return updated;
  });
  return present(context, row);
}

/**
 * Sends a person outside the member organisations an invitation to their council seat (a new link revokes the
 * one sent before). Accepting it gives them an account with no role, linked to the seat.
 */
export async function inviteCouncilMember(context: CommandContext, memberId: string, input: { email: string }, options: Omit<InvitationOptions, 'batchId'>) {
  const { member, network } = await seatContext(context, memberId);
  if (member.kind === 'representative') {
    throw new Problem(409, 'Сотрудника приглашает его организация', 'Представителя организации-участника приглашает руководитель его организации («Сотрудники»); затем выберите его учётную запись в совете.');
  }
  if (member.userId) throw new Problem(409, 'Учётная запись уже есть', 'Этот член совета уже принял приглашение и входит в «Орбиту» со своей учётной записью.');
  await context.db.transaction(async (tx) => {
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, member.networkId)).for('no key update');
    const [current] = await tx.select().from(councilMembers).where(eq(councilMembers.id, memberId)).for('update');
    if (!current || current.removedAt) throw notFound('Член совета');
    if (current.userId) throw new Problem(409, 'Учётная запись уже есть', 'Этот член совета уже принял приглашение.');
    await issueSeatInvitation(tx, context, { email: input.email, fullName: current.fullName, councilMemberId: current.id, seatDescription: seatDescription(network, current) }, options);
  });
  return present(context, member);
}
