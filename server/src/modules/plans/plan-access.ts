import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, notFound } from '../../platform/problem';
import { type NetworkRow, loadVisibleNetwork } from '../networks/access';
import { planItems, plans } from './schema';

export type PlanRow = typeof plans.$inferSelect;
export type PlanItemRow = typeof planItems.$inferSelect;


/** A plan with its network, if the caller may see the network. */
export async function loadVisiblePlan(context: CommandContext, planId: string): Promise<{ plan: PlanRow; network: NetworkRow }> {
  const [plan] = await context.db.select().from(plans).where(eq(plans.id, planId)).limit(1);
  if (!plan) throw notFound('План');
  const network = await loadVisibleNetwork(context.db, context.actor, plan.networkId, 'План');
  return { plan, network };
}

/** An item with its plan and network, if the caller may see the network. */
export async function loadVisibleItem(context: CommandContext, itemId: string): Promise<{ item: PlanItemRow; plan: PlanRow; network: NetworkRow }> {
  const [item] = await context.db.select().from(planItems).where(eq(planItems.id, itemId)).limit(1);
  if (!item) throw notFound('Пункт плана');
  const { plan, network } = await loadVisiblePlan(context, item.planId).catch((error) => {
    throw error instanceof Problem && error.status === 404 ? notFound('Пункт плана') : error;
  });
  return { item, plan, network };
}

/**
 * Locks the plan row for the rest of the transaction: changes to a plan's structure (adding, moving,
 * deleting, importing items) take turns, so two moves can never make a cycle between them.
 */
export async function lockPlan(tx: Database, planId: string): Promise<PlanRow> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
  if (!plan) throw notFound('План');
  return plan;
}
