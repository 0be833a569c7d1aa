import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { Problem, conflict, notFound } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { periodErrors, throwIfErrors } from '../plans/plan-fields';
import { inventoryPolicy } from './policy';
import { type NeedRow, type OfferRow, presentNeed, presentOffer } from './present-inventory';
import { resourceNeeds, resourceOffers } from './schema';

/**
 * What resources and needs share: the organisation's heads edit them, every change is audited and
 * made under optimistic concurrency. The two kinds differ only in their table, names and period fields.
 */
export interface ItemKind<Row extends OfferRow | NeedRow, View> {
  table: typeof resourceOffers | typeof resourceNeeds;
  entityType: 'resource_offer' | 'resource_need';
  /** The subject of «… не найден(а)». */
  what: string;
  stale: string;
  period: { from: keyof Row & string; to: keyof Row & string };
  present(row: Row): View;
}

export const offerKind: ItemKind<OfferRow, ReturnType<typeof presentOffer>> = {
  table: resourceOffers,
  entityType: 'resource_offer',
  what: 'Ресурс',
  stale: 'Ресурс уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.',
  period: { from: 'availableFrom', to: 'availableTo' },
  present: presentOffer,
};

export const needKind: ItemKind<NeedRow, ReturnType<typeof presentNeed>> = {
  table: resourceNeeds,
  entityType: 'resource_need',
  what: 'Потребность',
  stale: 'Потребность уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.',
  period: { from: 'neededFrom', to: 'neededTo' },
  present: presentNeed,
};

type OrganizationRow = typeof organizations.$inferSelect;

/** The organisation whose inventory the caller is about to change: its own head, and not archived. */
export async function loadEditableOrganization(context: CommandContext, organizationId: string): Promise<OrganizationRow> {
  const [organization] = await context.db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!organization) throw notFound('Организация');
  authorize(context.actor, (actor) => inventoryPolicy.edit(actor, organizationId));
  if (organization.state === 'archived') throw new Problem(409, 'Организация в архиве', `Ресурсы и потребности организации «${organization.shortName}» в архиве не меняются.`);
  return organization;
}

export async function loadItem<Row extends OfferRow | NeedRow, View>(db: Database, kind: ItemKind<Row, View>, id: string): Promise<Row> {
  const [row] = await db.select().from(kind.table).where(eq(kind.table.id, id)).limit(1);
  if (!row) throw notFound(kind.what);
  return row as Row;
}

/** The fields whose new value differs from the stored one: a form that sends everything back changes only what was edited. */
export function changedValues<Row extends OfferRow | NeedRow>(current: Row, changes: Partial<Row>): Partial<Row> {
  const stored = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(changes).filter(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(stored[field] ?? null)),
  ) as Partial<Row>;
}

/** The period's end is not before its start, judged on the record as it will be stored. */
export function checkPeriod<Row extends OfferRow | NeedRow>(kind: ItemKind<Row, unknown>, record: Partial<Row>) {
  throwIfErrors(periodErrors(record[kind.period.from] as string | null | undefined, record[kind.period.to] as string | null | undefined, kind.period.to));
}

/** Adds records of one kind inside the caller's transaction, each audited as `action`. */
export async function insertItemsIn<Row extends OfferRow | NeedRow, View>(
  tx: Database,
  context: CommandContext,
  kind: ItemKind<Row, View>,
  records: { organizationId: string; values: Partial<Row> }[],
  action: string,
): Promise<Row[]> {
  if (!records.length) return [];
  const created = (await tx
    .insert(kind.table)
    .values(
      records.map(({ organizationId, values }) => ({ ...(values as object), organizationId, createdBy: context.actor!.userId })) as (typeof resourceOffers.$inferInsert &
        typeof resourceNeeds.$inferInsert)[],
    )
    .returning()) as Row[];
  for (const row of created) await recordAudit(tx, context, { action: `${kind.entityType}.${action}`, entityType: kind.entityType, entityId: row.id, after: kind.present(row) });
  return created;
}

export async function createItem<Row extends OfferRow | NeedRow, View>(
  context: CommandContext,
  kind: ItemKind<Row, View>,
  organizationId: string,
  input: Partial<Row>,
): Promise<View> {
  await loadEditableOrganization(context, organizationId);
  checkPeriod(kind, input);
  const [row] = await context.db.transaction((tx) => insertItemsIn(tx, context, kind, [{ organizationId, values: input }], 'created'));
  return kind.present(row);
}

/**
 * Writes `values` if the row is still at `version` — of two simultaneous edits one wins and the other
 * gets 409 — and audits the change, inside the caller's transaction.
 */
export async function writeItemIn<Row extends OfferRow | NeedRow, View>(
  tx: Database,
  context: CommandContext,
  kind: ItemKind<Row, View>,
  current: Row,
  version: number,
  values: Partial<Row>,
  action: string,
): Promise<Row> {
  const [updated] = (await tx
    .update(kind.table)
    .set({ ...(values as object), version: sql`${kind.table.version} + 1`, updatedAt: new Date() })
    .where(and(eq(kind.table.id, current.id), eq(kind.table.version, version)))
    .returning()) as Row[];
  if (!updated) throw conflict(kind.stale);
  await recordAudit(tx, context, { action: `${kind.entityType}.${action}`, entityType: kind.entityType, entityId: current.id, before: kind.present(current), after: kind.present(updated) });
  return updated;
}

async function writeItem<Row extends OfferRow | NeedRow, View>(
  context: CommandContext,
  kind: ItemKind<Row, View>,
  current: Row,
  version: number,
  values: Partial<Row>,
  action: string,
): Promise<View> {
  return kind.present(await context.db.transaction((tx) => writeItemIn(tx, context, kind, current, version, values, action)));
}

/** Changes the named fields of a resource or a need; a stale `version` is a 409 before anything is judged. */
export async function updateItem<Row extends OfferRow | NeedRow, View>(
  context: CommandContext,
  kind: ItemKind<Row, View>,
  id: string,
  version: number,
  changes: Partial<Row>,
): Promise<View> {
  const current = await loadItem(context.db, kind, id);
  await loadEditableOrganization(context, current.organizationId);
  if (current.version !== version) throw conflict(kind.stale);
  const values = changedValues(current, changes);
  checkPeriod(kind, { ...current, ...values });
  if (!Object.keys(values).length) return kind.present(current);
  return writeItem(context, kind, current, version, values, 'updated');
}

/** Archives (the organisation no longer offers or needs it) or restores a resource or a need. */
export async function changeItemState<Row extends OfferRow | NeedRow, View>(
  context: CommandContext,
  kind: ItemKind<Row, View>,
  id: string,
  version: number,
  to: 'active' | 'archived',
): Promise<View> {
  const current = await loadItem(context.db, kind, id);
  await loadEditableOrganization(context, current.organizationId);
  if (current.version !== version) throw conflict(kind.stale);
  if (current.state === to) {
    throw new Problem(409, 'Действие недоступно', to === 'archived' ? 'Запись уже в архиве.' : 'Запись не в архиве: восстанавливать нечего.');
  }
  return writeItem(context, kind, current, version, { state: to } as Partial<Row>, to === 'archived' ? 'archived' : 'restored');
}
