import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, forbidden, notFound } from '../../platform/problem';
import { activeMemberIds } from '../networks/access';
import { itemReferenceErrors } from './item-checks';
import { type PlanItemRow, loadVisibleItem } from './plan-access';
import { type PlanItemChanges, periodErrors, progressErrors, throwIfErrors } from './plan-fields';
import { presentPlanItems } from './present-plan-item';
import { planPolicy, reportFields } from './policy';
import { planItems } from './schema';

export const staleItem = () => conflict('Пункт плана уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');

type Field = keyof PlanItemChanges;

/** The fields whose new value differs from the stored one: a form that sends everything back changes only what was edited. */
export function changedFields(current: PlanItemRow, changes: PlanItemChanges): Field[] {
  const stored: Record<Field, unknown> = {
    activity: current.activity,
    startsOn: current.startsOn,
    endsOn: current.endsOn,
    responsibleOrganizationIds: current.responsibleOrganizationIds.join(','),
    responsiblePeople: current.responsiblePeople,
    expectedResult: current.expectedResult,
    state: current.state,
    progress: current.progress,
    evidence: current.evidenceKind ? `${current.evidenceKind}:${current.evidenceRef}` : null,
  };
  const incoming = (field: Field): unknown => {
    const value = changes[field];
    if (field === 'responsibleOrganizationIds') return (value as string[]).join(',');
    if (field === 'evidence') return changes.evidence ? `${changes.evidence.kind}:${changes.evidence.reference}` : null;
    return value ?? null;
  };
  return (Object.keys(changes) as Field[]).filter((field) => changes[field] !== undefined && incoming(field) !== stored[field]);
}

/**
 * Changes an item if it is still at `version` (a concurrent editor gets 409, never a silent overwrite).
 * The coordinator changes anything; the head of a responsible organisation reports: state, progress, evidence.
 */
export async function updatePlanItem(context: CommandContext, itemId: string, version: number, changes: PlanItemChanges) {
  const { item: current, network } = await loadVisibleItem(context, itemId);
  const members = new Set(await activeMemberIds(context.db, network.id));
  authorize(context.actor, (actor) => planPolicy.manage(actor, network) || planPolicy.report(actor, current, members));
  // A form based on an older version is answered as stale before its fields are judged against the newer one.
  if (current.version !== version) throw staleItem();
  if (!planPolicy.manage(context.actor, network)) {
    const planning = changedFields(current, changes).filter((field) => !(reportFields as readonly string[]).includes(field));
    if (planning.length) {
      throw forbidden('Ответственная организация отмечает только статус, процент выполнения и подтверждение; мероприятие, сроки и ответственных меняет координатор сети.');
    }
  }

  const changed = changedFields(current, changes);
  const values: Partial<typeof planItems.$inferInsert> = {};
  for (const field of changed) {
    if (field === 'evidence') {
      values.evidenceKind = changes.evidence?.kind ?? null;
      values.evidenceRef = changes.evidence?.reference ?? null;
    } else {
      Object.assign(values, { [field]: changes[field] ?? null });
    }
  }
  // «Done» is 100 % by definition: marking an item done fills the number in.
  if (values.state === 'done' && changes.progress === undefined) values.progress = 100;
  const next = { ...current, ...values };
  throwIfErrors([
    ...periodErrors(next.startsOn, next.endsOn, 'endsOn'),
    ...progressErrors(next),
    ...(await itemReferenceErrors(context.db, network.id, {
      responsibleOrganizationIds: values.responsibleOrganizationIds,
      previousOrganizationIds: current.responsibleOrganizationIds,
      evidence: changed.includes('evidence') ? changes.evidence : undefined,
    })),
  ]);
  if (!Object.keys(values).length) return (await presentPlanItems(context.db, network.id, [current]))[0];

  const row = await context.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(planItems)
      .set({ ...values, version: sql`${planItems.version} + 1`, updatedAt: new Date() })
      .where(and(eq(planItems.id, itemId), eq(planItems.version, version)))
      .returning();
    if (!updated) {
      const [exists] = await tx.select({ id: planItems.id }).from(planItems).where(eq(planItems.id, itemId));
      throw exists ? staleItem() : notFound('Пункт плана');
    }
    await recordAudit(tx, context, { action: 'plan_item.updated', entityType: 'plan_item', entityId: itemId, before: current, after: updated });
    return updated;
  });
  const [view] = await presentPlanItems(context.db, network.id, [row]);
  return view;
}
