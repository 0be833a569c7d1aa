import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { planItems } from './schema';

/**
 * Puts an item at `index` among the children of `parentId` (the end when omitted or beyond it) and
 * numbers the siblings 0, 1, 2… again, writing only the positions that change. Runs inside a
 * transaction that holds the plan's lock (see lockPlan). Returns the item's new position.
 */
export async function placeAmongSiblings(tx: Database, planId: string, parentId: string | null, itemId: string, index?: number): Promise<number> {
  const siblings = await tx
    .select({ id: planItems.id, position: planItems.position })
    .from(planItems)
    .where(and(eq(planItems.planId, planId), parentId ? eq(planItems.parentId, parentId) : isNull(planItems.parentId)))
    .orderBy(asc(planItems.position), asc(planItems.id));
  const order = siblings.filter((s) => s.id !== itemId).map((s) => s.id);
  const at = index === undefined ? order.length : Math.min(index, order.length);
  order.splice(at, 0, itemId);
  const current = new Map(siblings.map((s) => [s.id, s.position]));
  for (const [position, id] of order.entries()) {
    if (current.get(id) !== position) await tx.update(planItems).set({ position }).where(eq(planItems.id, id));
  }
  return at;
}
