import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { itemReferenceErrors } from './item-checks';
import { loadVisiblePlan, lockPlan } from './plan-access';
import { type NewPlanItem, periodErrors, progressErrors, throwIfErrors } from './plan-fields';
import { presentPlanItems } from './present-plan-item';
import { planPolicy } from './policy';
import { planItems } from './schema';
import { placeAmongSiblings } from './siblings';

/** Adds an item to a plan, at the top level or under `parentId`, last among its siblings or at `position`. */
export async function addPlanItem(context: CommandContext, planId: string, input: NewPlanItem) {
  const { network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));

  const state = input.state ?? 'planned';
  // «Done» is 100 % by definition: a done item without a number gets it.
  const progress = input.progress ?? (state === 'done' ? 100 : 0);
  throwIfErrors([
    ...periodErrors(input.startsOn, input.endsOn, 'endsOn'),
    ...progressErrors({ state, progress }),
    ...(await itemReferenceErrors(context.db, network.id, { responsibleOrganizationIds: input.responsibleOrganizationIds, evidence: input.evidence })),
  ]);

  const row = await context.db.transaction(async (tx) => {
    await lockPlan(tx, planId);
    if (input.parentId) {
      const [parent] = await tx.select({ id: planItems.id }).from(planItems).where(and(eq(planItems.id, input.parentId), eq(planItems.planId, planId)));
      if (!parent) throw invalid('Родительский пункт не найден в этом плане.', [{ field: 'parentId', message: 'Такого пункта в плане нет' }]);
    }
    const [inserted] = await tx
      .insert(planItems)
      .values({
        planId,
        parentId: input.parentId ?? null,
        // Placed below; a position past every sibling keeps the order valid until then.
        position: 2_000_000_000,
        activity: input.activity,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        responsibleOrganizationIds: input.responsibleOrganizationIds ?? [],
        responsiblePeople: input.responsiblePeople ?? '',
        expectedResult: input.expectedResult ?? '',
        state,
        progress,
        evidenceKind: input.evidence?.kind ?? null,
        evidenceRef: input.evidence?.reference ?? null,
      })
      .returning();
    const position = await placeAmongSiblings(tx, planId, inserted.parentId, inserted.id, input.position);
    const item = { ...inserted, position };
    await recordAudit(tx, context, { action: 'plan_item.created', entityType: 'plan_item', entityId: item.id, after: item });
    return item;
  });
  const [view] = await presentPlanItems(context.db, network.id, [row]);
  return view;
}
