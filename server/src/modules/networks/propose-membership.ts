import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { conflict, invalid } from '../../platform/problem';
import { placeAdmissionsOnAgenda } from '../councils/admission';
import { organizations } from '../organizations/schema';
import { loadVisibleNetwork } from './access';
import { roleFitsKind, rolesByKind } from './member-roles';
import type { MemberProposal } from './network-fields';
import { notifyMembershipProposed } from './notify-membership';
import { networkPolicy } from './policy';
import { networkMembers } from './schema';

/**
 * Opens a membership: the coordinator invites an organisation (it must accept), or an organisation's
 * head requests to join (the coordinator must approve). One pending or active relation per organisation.
 */
export async function proposeMembership(context: CommandContext, networkId: string, proposal: MemberProposal, direction: 'invitation' | 'request') {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => (direction === 'invitation' ? networkPolicy.manage(actor, network) : networkPolicy.actForOrganization(actor, proposal.organizationId)));
  if (!roleFitsKind(network.kind, proposal.role)) {
    throw invalid('Эта роль не подходит для сети такого вида.', [{ field: 'role', message: `Допустимые роли: ${rolesByKind[network.kind].join(', ')}` }]);
  }
  const [organization] = await context.db.select().from(organizations).where(eq(organizations.id, proposal.organizationId)).limit(1);
  if (!organization || organization.state === 'archived') throw invalid('Организация не найдена в реестре.', [{ field: 'organizationId', message: 'Выберите действующую организацию' }]);

  return context.db
    .transaction(async (tx) => {
      const [member] = await tx
        .insert(networkMembers)
        .values({
          networkId,
          organizationId: proposal.organizationId,
          role: proposal.role,
          state: direction === 'invitation' ? 'invited' : 'requested',
          message: proposal.message ?? '',
          proposedBy: context.actor!.userId,
        })
        .returning();
      await recordAudit(tx, context, { action: direction === 'invitation' ? 'network.member_invited' : 'network.member_requested', entityType: 'network_member', entityId: member.id, after: member });
      await notifyMembershipProposed(tx, network, member, organization.shortName);
      // A regulation that has the council admit members puts the request before the council's next meeting.
      if (direction === 'request') await placeAdmissionsOnAgenda(tx, context, network);
      return member;
    })
    .catch((error: unknown) => {
      if (uniqueViolation(error) !== null) throw conflict(`«${organization.shortName}» уже участвует в сети или приглашение (заявка) ещё не рассмотрены.`);
      throw error;
    });
}
