import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, invalid } from '../../platform/problem';
import { activeMemberIds, loadNetworkUnscreened, loadVisibleNetwork } from './access';
import type { NetworkChanges } from './network-fields';
import { networkPolicy } from './policy';
import { networks } from './schema';

/** Changes the network's description and rules if it is still at `version`; the managing organisation must be a member. */
export async function updateNetwork(context: CommandContext, id: string, version: number, changes: NetworkChanges) {
  const current = await loadVisibleNetwork(context.db, context.actor, id);
  authorize(context.actor, (actor) => networkPolicy.manage(actor, current));
  if (changes.parentNetworkId) await loadVisibleNetwork(context.db, context.actor, changes.parentNetworkId, 'Вышестоящая сеть');
  // Nesting must stay a tree: the new parent may not be this network or one nested in it (whoever may see them).
  for (let ancestor = changes.parentNetworkId; ancestor; ancestor = (await loadNetworkUnscreened(context.db, ancestor)).parentNetworkId) {
    if (ancestor === id) throw invalid('Сеть не может входить сама в себя или в свою вложенную сеть.', [{ field: 'parentNetworkId', message: 'Выберите другую сеть' }]);
  }
  if (changes.managingOrganizationId && changes.managingOrganizationId !== current.managingOrganizationId) {
    if (!(await activeMemberIds(context.db, id)).includes(changes.managingOrganizationId)) {
      throw invalid('Управляющей может быть только организация — участник сети.', [{ field: 'managingOrganizationId', message: 'Сначала примите организацию в сеть' }]);
    }
  }
  return context.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(networks)
      .set({ ...changes, version: sql`${networks.version} + 1`, updatedAt: new Date() })
      .where(and(eq(networks.id, id), eq(networks.version, version)))
      .returning();
    if (!updated) throw conflict('Описание сети уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');
    await recordAudit(tx, context, { action: 'network.updated', entityType: 'network', entityId: id, before: current, after: updated });
    return updated;
  });
}
