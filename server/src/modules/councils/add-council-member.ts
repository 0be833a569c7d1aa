import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem, invalid } from '../../platform/problem';
import { memberships, users } from '../accounts/schema';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { loadStanding } from './load';
import { councilPolicy, permit } from './policy';
import { memberSnapshot, presentCouncilMember } from './present';
import { type CouncilRole, councilMembers, meetingAttendance, meetings } from './schema';

export interface NewCouncilMember {
  fullName: string;
  position: string;
  organizationId: string;
  userId?: string | null;
  role: CouncilRole;
}

const occupied = (role: 'chair' | 'secretary', holder: string) =>
  new Problem(409, role === 'chair' ? 'Председатель уже назначен' : 'Секретарь уже назначен', `В совете уже есть ${role === 'chair' ? 'председатель' : 'секретарь'}: ${holder}. Сначала исключите его из совета, затем назначьте нового.`, {
    errors: [{ field: 'role', message: `${role === 'chair' ? 'Председатель' : 'Секретарь'} уже есть: ${holder}` }],
  });

/**
 * Adds a named person from an active member organisation to the network's council. The network row is
 * locked for the transaction, so two coordinators appointing a chair at the same moment get one chair and one 409.
 */
export async function addCouncilMember(context: CommandContext, networkId: string, input: NewCouncilMember) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.manageComposition(standing), 'Состав совета формирует координатор сети.');

  const row = await context.db.transaction(async (tx) => {
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, networkId)).for('no key update');

    if (!(await activeMemberIds(tx, networkId)).includes(input.organizationId)) {
      throw invalid('В совет входят представители организаций — действующих участников сети.', [
        { field: 'organizationId', message: 'Организация не является действующим участником сети' },
      ]);
    }
    if (input.userId) {
      const [account] = await tx
        .select({ disabledAt: users.disabledAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.userId, input.userId), eq(memberships.organizationId, input.organizationId)))
        .limit(1);
      if (!account) throw invalid('Учётная запись должна принадлежать выбранной организации.', [{ field: 'userId', message: 'Эта учётная запись не относится к выбранной организации' }]);
      if (account.disabledAt) throw invalid('Учётная запись отключена.', [{ field: 'userId', message: 'Учётная запись отключена' }]);
    }

    const current = await tx.select().from(councilMembers).where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)));
    if (input.userId && current.some((m) => m.userId === input.userId)) {
      throw new Problem(409, 'Уже в совете', 'Этот человек уже состоит в совете сети.', { errors: [{ field: 'userId', message: 'Уже состоит в совете' }] });
    }
    if (input.role !== 'member') {
      const holder = current.find((m) => m.role === input.role);
      if (holder) throw occupied(input.role, holder.fullName);
    }

    const [member] = await tx
      .insert(councilMembers)
      .values({ networkId, organizationId: input.organizationId, userId: input.userId ?? null, fullName: input.fullName, position: input.position, role: input.role })
      .returning();
    // Every current council member is invited to the meetings still ahead.
    const planned = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.networkId, networkId), eq(meetings.state, 'planned')));
    if (planned.length) {
      await tx
        .insert(meetingAttendance)
        .values(planned.map((m) => ({ meetingId: m.id, councilMemberId: member.id })))
        .onConflictDoNothing();
    }
    await recordAudit(tx, context, { action: 'council.member_added', entityType: 'council_member', entityId: member.id, after: memberSnapshot(member) });
    return member;
  });
  const [organization] = await context.db.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, row.organizationId));
  return presentCouncilMember(row, organization?.shortName ?? '', context.actor);
}
