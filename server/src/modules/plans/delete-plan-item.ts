import { asc, eq, inArray } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { loadVisibleItem, lockPlan } from './plan-access';
import { subtreeIds } from './plan-tree';
import { planPolicy } from './policy';
import { planItems } from './schema';

/** Deletes an item with everything under it; each removed item gets its own audit entry with its last state. */
export async function deletePlanItem(context: CommandContext, itemId: string) {
  const { network, plan } = await loadVisibleItem(context, itemId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));

  return context.db.transaction(async (tx) => {
    await lockPlan(tx, plan.id);
    const rows = await tx.select().from(planItems).where(eq(planItems.planId, plan.id)).orderBy(asc(planItems.position));
    const item = rows.find((r) => r.id === itemId);
    if (!item) throw notFound('Пункт плана');
    const removed = subtreeIds(rows, itemId);
    await tx.delete(planItems).where(inArray(planItems.id, [...removed]));
    // Close the gap among the siblings left behind.
    const siblings = rows.filter((r) => r.parentId === item.parentId && r.id !== itemId);
    for (const [position, sibling] of siblings.entries()) {
      if (sibling.position !== position) await tx.update(planItems).set({ position }).where(eq(planItems.id, sibling.id));
    }
    await tx.insert(auditEntries).values(
      rows
        .filter((r) => removed.has(r.id))
        .map((r) => ({
          actorId: context.actor?.userId ?? null,
          actorIp: context.ip,
          action: 'plan_item.deleted',
          entityType: 'plan_item',
          entityId: r.id,
          before: r,
          after: r.id === itemId ? null : { deletedWith: itemId },
        })),
    );
    return { deleted: removed.size };
  });
}
