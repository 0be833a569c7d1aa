import { and, count, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { planItems, plans } from './schema';

/**
 * How far a network is with its plans, for the launch path: the «network plan» step is done once a
 * plan with at least one item exists (`items > 0`); the partnership's «roadmap» step once a roadmap has one.
 */
export async function planState(db: Database, networkId: string): Promise<{ plans: number; items: number; roadmapItems: number }> {
  const [planCount] = await db.select({ value: count() }).from(plans).where(eq(plans.networkId, networkId));
  const [itemCount] = await db.select({ value: count() }).from(planItems).innerJoin(plans, eq(plans.id, planItems.planId)).where(eq(plans.networkId, networkId));
  const [roadmapCount] = await db
    .select({ value: count() })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .where(and(eq(plans.networkId, networkId), eq(plans.kind, 'roadmap')));
  return { plans: Number(planCount?.value ?? 0), items: Number(itemCount?.value ?? 0), roadmapItems: Number(roadmapCount?.value ?? 0) };
}
