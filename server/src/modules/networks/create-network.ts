import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { localDate } from '../../platform/dates';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { loadVisibleNetwork } from './access';
import { leadingRole } from './member-roles';
import type { NetworkInput } from './network-fields';
import { networkPolicy } from './policy';
import { networkMembers, networks } from './schema';

export async function createNetwork(context: CommandContext, input: NetworkInput) {
  const [managing] = await context.db.select().from(organizations).where(eq(organizations.id, input.managingOrganizationId)).limit(1);
  if (!managing || managing.state === 'archived') {
    throw invalid('Управляющая организация не найдена в реестре.', [{ field: 'managingOrganizationId', message: 'Выберите действующую организацию' }]);
  }
  authorize(context.actor, (actor) => networkPolicy.create(actor, managing));
  if (input.parentNetworkId) await loadVisibleNetwork(context.db, context.actor, input.parentNetworkId, 'Вышестоящая сеть');
  const municipalityIds = [...new Set([managing.municipalityId, ...(input.municipalityIds ?? [])])];

  return context.db.transaction(async (tx) => {
    const [network] = await tx
      .insert(networks)
      .values({ ...input, municipalityIds, parentNetworkId: input.parentNetworkId ?? null, createdBy: context.actor!.userId })
      .returning();
    await tx.insert(networkMembers).values({
      networkId: network.id,
      organizationId: managing.id,
      role: leadingRole(network.kind),
      state: 'active',
      joinedOn: localDate(new Date()),
      proposedBy: context.actor!.userId,
      decidedBy: context.actor!.userId,
      decidedAt: new Date(),
    });
    await recordAudit(tx, context, { action: 'network.created', entityType: 'network', entityId: network.id, after: network });
    return network;
  });
}
