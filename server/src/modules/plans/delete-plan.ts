import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { loadVisiblePlan, lockPlan } from './plan-access';
import { planPolicy } from './policy';
import { planItems, plans } from './schema';

/** Deletes a plan with all its items; the audit entry keeps them, so nothing is lost without a trace. */
export async function deletePlan(context: CommandContext, planId: string) {
  const { network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));

  await context.db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    const items = await tx.select().from(planItems).where(eq(planItems.planId, planId));
    await tx.delete(plans).where(eq(plans.id, planId));
    await recordAudit(tx, context, { action: 'plan.deleted', entityType: 'plan', entityId: planId, before: { ...plan, items } });
  });
}
