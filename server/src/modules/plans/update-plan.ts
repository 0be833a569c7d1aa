import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { loadVisiblePlan, lockPlan } from './plan-access';
import { type PlanChanges, periodErrors, throwIfErrors } from './plan-fields';
import { planPolicy } from './policy';
import { plans } from './schema';

/** Renames a plan, changes its kind or period; the fields left out stay as they are. */
export async function updatePlan(context: CommandContext, planId: string, changes: PlanChanges) {
  const { plan: current, network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));
  const start = changes.periodStart !== undefined ? changes.periodStart : current.periodStart;
  const end = changes.periodEnd !== undefined ? changes.periodEnd : current.periodEnd;
  throwIfErrors(periodErrors(start, end, 'periodEnd'), 'Проверьте период плана.');

  const values = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<typeof plans.$inferInsert>;
  if (!Object.keys(values).length) return current;

  return context.db.transaction(async (tx) => {
    const before = await lockPlan(tx, planId);
    const [plan] = await tx.update(plans).set(values).where(eq(plans.id, planId)).returning();
    await recordAudit(tx, context, { action: 'plan.updated', entityType: 'plan', entityId: planId, before, after: plan });
    return plan;
  });
}
