import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invalid, notFound } from '../../platform/problem';
import { loadVisibleItem, lockPlan } from './plan-access';
import type { PlanItemMove } from './plan-fields';
import { subtreeIds } from './plan-tree';
import { planPolicy } from './policy';
import { planItems } from './schema';
import { getPlan } from './get-plan';
import { placeAmongSiblings } from './siblings';

/**
 * Reorders an item among its siblings or moves it under another parent (null: to the top level),
 * with everything under it. An item cannot go under itself or its own descendant. Answers the whole plan.
 */
export async function movePlanItem(context: CommandContext, itemId: string, move: PlanItemMove) {
  const { network, plan } = await loadVisibleItem(context, itemId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));

  await context.db.transaction(async (tx) => {
    await lockPlan(tx, plan.id);
    // Read again under the lock: the plan's shape as it is now, not as it was before waiting.
    const rows = await tx.select({ id: planItems.id, parentId: planItems.parentId, position: planItems.position }).from(planItems).where(eq(planItems.planId, plan.id));
    const item = rows.find((r) => r.id === itemId);
    if (!item) throw notFound('Пункт плана');
    if (move.parentId) {
      if (!rows.some((r) => r.id === move.parentId)) throw invalid('Новый родительский пункт не найден в этом плане.', [{ field: 'parentId', message: 'Такого пункта в плане нет' }]);
      if (subtreeIds(rows, itemId).has(move.parentId)) {
        throw invalid('Пункт нельзя вложить в самого себя или в свой подпункт.', [{ field: 'parentId', message: 'Выберите пункт вне перемещаемой ветки' }]);
      }
    }
    const parentId = move.parentId === undefined ? item.parentId : move.parentId;
    if (parentId !== item.parentId) {
      await tx.update(planItems).set({ parentId }).where(eq(planItems.id, itemId));
      // Close the gap the item leaves among its old siblings.
      const oldSiblings = rows.filter((r) => r.parentId === item.parentId && r.id !== itemId).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
      for (const [position, sibling] of oldSiblings.entries()) {
        if (sibling.position !== position) await tx.update(planItems).set({ position }).where(eq(planItems.id, sibling.id));
      }
    }
    const position = await placeAmongSiblings(tx, plan.id, parentId, itemId, move.position);
    await recordAudit(tx, context, {
      action: 'plan_item.moved',
      entityType: 'plan_item',
      entityId: itemId,
      before: { parentId: item.parentId, position: item.position },
      after: { parentId, position },
    });
  });
  return getPlan(context, plan.id);
}
