import { asc, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { loadVisibleNetwork } from '../networks/access';
import { buildPlanTree } from './plan-tree';
import { regionToday } from '../territory/region-clock';
import { planItems, plans } from './schema';

/** A network's plans, oldest first, each with its item count, overdue count and overall progress. */
export async function listPlans(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const list = await context.db.select().from(plans).where(eq(plans.networkId, network.id)).orderBy(asc(plans.createdAt), asc(plans.id));
  const rows = list.length
    ? await context.db
        .select({ id: planItems.id, planId: planItems.planId, parentId: planItems.parentId, position: planItems.position, startsOn: planItems.startsOn, endsOn: planItems.endsOn, state: planItems.state, progress: planItems.progress })
        .from(planItems)
        .where(inArray(planItems.planId, list.map((p) => p.id)))
    : [];
  const today = await regionToday(context.db);
  return {
    items: list.map((plan) => {
      const { summary } = buildPlanTree(rows.filter((r) => r.planId === plan.id), today);
      return {
        id: plan.id,
        networkId: plan.networkId,
        kind: plan.kind,
        title: plan.title,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        createdAt: plan.createdAt,
        summary,
      };
    }),
  };
}
