import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { itemReferenceErrors } from './item-checks';
import { type PlanItemRow, loadVisiblePlan, lockPlan } from './plan-access';
import { type NewPlanItem, periodErrors, progressErrors, throwIfErrors } from './plan-fields';
import { presentPlanItems } from './present-plan-item';
import { planPolicy } from './policy';
import { planItems } from './schema';
import { placeAmongSiblings } from './siblings';

/** Adds an item to a plan, at the top level or under `parentId`, last among its siblings or at `position`. */
export async function addPlanItem(context: CommandContext, planId: string, input: NewPlanItem) {
  const { network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));
  await checkNewPlanItem(context.db, network.id, input);
  const row = await context.db.transaction((tx) => insertPlanItem(tx, context, planId, input));
  const [view] = await presentPlanItems(context.db, network.id, [row]);
  return view;
}

/** «Done» is 100 % by definition: a done item without a number gets it. */
function initialProgress(input: NewPlanItem) {
  const state = input.state ?? 'planned';
  return { state, progress: input.progress ?? (state === 'done' ? 100 : 0) };
}

/** 400 unless the new item's period, progress and references (members, evidence) hold; exported for callers that add items on their own authority. */
export async function checkNewPlanItem(db: Database, networkId: string, input: NewPlanItem) {
  throwIfErrors([
    ...periodErrors(input.startsOn, input.endsOn, 'endsOn'),
    ...progressErrors(initialProgress(input)),
    ...(await itemReferenceErrors(db, networkId, { responsibleOrganizationIds: input.responsibleOrganizationIds, evidence: input.evidence })),
  ]);
}

/**
 * Inserts a checked item inside the caller's transaction, under the plan's lock, places it among its
 * siblings and audits it. Exported so that an exchange's party can put its exchange into the plan in the
 * same transaction that records it on the exchange.
 */
export async function insertPlanItem(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, planId: string, input: NewPlanItem): Promise<PlanItemRow> {
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
      ...initialProgress(input),
      evidenceKind: input.evidence?.kind ?? null,
      evidenceRef: input.evidence?.reference ?? null,
    })
    .returning();
  const position = await placeAmongSiblings(tx, planId, inserted.parentId, inserted.id, input.position);
  const item = { ...inserted, position };
  await recordAudit(tx, context, { action: 'plan_item.created', entityType: 'plan_item', entityId: item.id, after: item });
  return item;
}
