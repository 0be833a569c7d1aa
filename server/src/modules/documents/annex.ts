import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { invalid } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { buildPlanTree } from '../plans/plan-tree';
import { planItems, plans } from '../plans/schema';
import { canonicalJson } from './hashing';
import { type PlanAnnex, documentVersions, networkDocuments } from './schema';

/**
 * A plan as an agreement's annex: its title, period and items (outline number, activity, dates, responsible
 * organisations and people, expected result) — what the parties agree to do. The items' state and progress are not
 * part of it: reporting on the plan as it is carried out does not change what was signed. `itemIds` picks top-level
 * items (each with its sub-items); null takes the whole plan. Null when the plan is gone.
 */
export async function planAnnexOf(db: Database, planId: string, itemIds: string[] | null): Promise<PlanAnnex | null> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId)).limit(1);
  if (!plan) return null;
  const rows = await db.select().from(planItems).where(eq(planItems.planId, planId)).orderBy(asc(planItems.position));
  const { ordered } = buildPlanTree(rows, '1970-01-01');
  const chosen = itemIds ? new Set(itemIds) : null;
  // An item is in the annex when its top-level ancestor is chosen.
  const rootOf = new Map<string, string>();
  for (const node of ordered) rootOf.set(node.item.id, node.depth === 0 ? node.item.id : (rootOf.get(node.item.parentId ?? '') ?? node.item.id));
  const kept = ordered.filter((node) => !chosen || chosen.has(rootOf.get(node.item.id)!));
  const orgIds = [...new Set(kept.flatMap((n) => n.item.responsibleOrganizationIds))];
  const names = orgIds.length
    ? new Map((await db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, orgIds))).map((o) => [o.id, o.shortName]))
    : new Map<string, string>();
  return {
    planId: plan.id,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    itemIds: itemIds ? [...itemIds].sort() : null,
    items: kept.map((node) => ({
      number: node.number,
      depth: node.depth,
      activity: node.item.activity,
      startsOn: node.item.startsOn,
      endsOn: node.item.endsOn,
      responsible: node.item.responsibleOrganizationIds.map((id) => names.get(id) ?? '').filter(Boolean),
      responsiblePeople: node.item.responsiblePeople,
      expectedResult: node.item.expectedResult,
    })),
  };
}

/** Whether two annexes say the same (stored jsonb comes back with its keys in another order). */
export const sameAnnex = (a: PlanAnnex | null | undefined, b: PlanAnnex | null | undefined) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Checks the plan and the chosen items for a new annex of a document of `networkId` and returns its content;
 * 422 in Russian when the plan is not this network's, an item is not a top-level item of it, or the annex is empty.
 */
export async function annexFor(db: Database, networkId: string, planId: string, itemIds: string[] | null | undefined): Promise<PlanAnnex> {
  const [plan] = await db.select({ id: plans.id }).from(plans).where(and(eq(plans.id, planId), eq(plans.networkId, networkId))).limit(1);
  if (!plan) throw invalid('Приложением может быть только план этой сети.', [{ field: 'annexPlanId', message: 'Выберите план сети' }]);
  const chosen = itemIds?.length ? [...new Set(itemIds)] : null;
  if (chosen) {
    const roots = await db.select({ id: planItems.id, parentId: planItems.parentId }).from(planItems).where(and(eq(planItems.planId, planId), inArray(planItems.id, chosen)));
    if (roots.length !== chosen.length || roots.some((r) => r.parentId !== null)) {
      throw invalid('В приложение можно взять только разделы (пункты верхнего уровня) выбранного плана.', [{ field: 'annexItemIds', message: 'Выберите пункты верхнего уровня этого плана' }]);
    }
  }
  const annex = await planAnnexOf(db, planId, chosen);
  if (!annex || !annex.items.length) throw invalid('В плане нет пунктов: приложение было бы пустым.', [{ field: 'annexPlanId', message: 'Сначала добавьте в план мероприятия' }]);
  return annex;
}

export interface AnnexStatus {
  planId: string | null;
  /** The annex as the current version carries it (what its signers sign). */
  annex: PlanAnnex;
  /** The plan no longer says what the annex says (or was deleted): the annex is superseded and needs a new version. */
  superseded: boolean;
  planDeleted: boolean;
}

/** The current version's annex compared with the plan as it is now; null when the version has no annex. */
export async function annexStatusOf(db: Database, document: { annexPlanId: string | null }, current: { annex: PlanAnnex | null }): Promise<AnnexStatus | null> {
  if (!current.annex) return null;
  const live = document.annexPlanId ? await planAnnexOf(db, document.annexPlanId, current.annex.itemIds) : null;
  return { planId: document.annexPlanId, annex: current.annex, superseded: !live || !sameAnnex(live, current.annex), planDeleted: !live };
}

/**
 * For the launch paths (networks module): whether a document's current version has a plan annex, and whether the annex
 * still says what the plan says. Null when the document has no annex.
 */
export async function annexState(db: Database, documentId: string): Promise<{ planId: string | null; current: boolean } | null> {
  const [row] = await db
    .select({ annexPlanId: networkDocuments.annexPlanId, annex: documentVersions.annex })
    .from(networkDocuments)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, networkDocuments.id), eq(documentVersions.version, networkDocuments.currentVersion)))
    .where(eq(networkDocuments.id, documentId))
    .limit(1);
  if (!row) return null;
  const status = await annexStatusOf(db, row, row);
  return status ? { planId: status.planId, current: !status.superseded } : null;
}

const day = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');

/** The annex as document text (body format: headings, paragraphs), for the DOCX and PDF exports. */
export function annexText(annex: PlanAnnex): string {
  const period = annex.periodStart || annex.periodEnd ? `Период: ${[day(annex.periodStart), day(annex.periodEnd)].filter(Boolean).join(' — ')}.` : '';
  const items = annex.items.map((item) => {
    const dates = item.startsOn || item.endsOn ? ` Сроки: ${[day(item.startsOn), day(item.endsOn)].filter(Boolean).join(' — ')}.` : '';
    const responsible = [...item.responsible, item.responsiblePeople].filter((x) => x.trim()).join(', ');
    return `${item.number}. ${item.activity.replace(/\s+/g, ' ').trim()}.${dates}${responsible ? ` Ответственные: ${responsible.replace(/\s+/g, ' ')}.` : ''}${item.expectedResult.trim() ? ` Ожидаемый результат: ${item.expectedResult.replace(/\s+/g, ' ').trim()}.` : ''}`;
  });
  return [`# Приложение 1. ${annex.title}`, period, ...items.map((line) => `${line}\n`)].filter(Boolean).join('\n\n');
}
