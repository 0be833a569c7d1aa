import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { loadVisibleNetwork } from '../networks/access';
import { type PlanInput, periodErrors, throwIfErrors } from './plan-fields';
import { planPolicy } from './policy';
import { plans } from './schema';

/** A new, empty plan of a network; only its coordinator makes one. */
export async function createPlan(context: CommandContext, networkId: string, input: PlanInput) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));
  throwIfErrors(periodErrors(input.periodStart, input.periodEnd, 'periodEnd'), 'Проверьте период плана.');

  return context.db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        networkId,
        title: input.title,
        kind: input.kind ?? 'network_plan',
        periodStart: input.periodStart ?? null,
        periodEnd: input.periodEnd ?? null,
        createdBy: context.actor!.userId,
      })
      .returning();
    await recordAudit(tx, context, { action: 'plan.created', entityType: 'plan', entityId: plan.id, after: plan });
    return plan;
  });
}
