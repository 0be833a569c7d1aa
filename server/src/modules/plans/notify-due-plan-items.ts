import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { addDays } from '../../platform/dates';
import { organizationHeads } from '../networks/access';
import { networks } from '../networks/schema';
import { notify } from '../notifications/notify';
import { notifications } from '../notifications/schema';
import { regionToday } from '../territory/region-clock';
import { isOverdue } from './plan-item-status';
import { planItems, plans } from './schema';

/** Responsible organisations' heads hear of a plan item this many days before its last day (the desk shows it from then too). */
export const PLAN_ITEM_NOTICE_DAYS = 14;

/** Items neither done nor cancelled whose last day is at most PLAN_ITEM_NOTICE_DAYS after `today` (overdue ones included). */
export const dueSoon = (today: string) =>
  and(inArray(planItems.state, ['planned', 'in_progress']), isNotNull(planItems.endsOn), lte(planItems.endsOn, addDays(today, PLAN_ITEM_NOTICE_DAYS)));

/**
 * The daily chore: tells the heads of the organisations responsible for plan items that are due within
 * PLAN_ITEM_NOTICE_DAYS, or overdue, and neither done nor cancelled. Once per item, person and last day: a
 * notification already given for that end date (its `data`) is not given again, so the chore can run every
 * hour on every server; moving the end date gives a new one. Answers how many notifications it left.
 */
export async function notifyDuePlanItems(db: Database, now = new Date()): Promise<number> {
  const today = await regionToday(db, now);
  const due = await db
    .select({ item: planItems, planTitle: plans.title, network: { id: networks.id, name: networks.name } })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .innerJoin(networks, eq(networks.id, plans.networkId))
    .where(
      and(dueSoon(today), sql`cardinality(${planItems.responsibleOrganizationIds}) > 0`),
    );
  if (!due.length) return 0;
  return db.transaction(async (tx) => {
    const heads = await organizationHeads(tx, [...new Set(due.flatMap((d) => d.item.responsibleOrganizationIds))]);
    const given = await tx
      .select({ userId: notifications.userId, itemId: sql<string>`${notifications.data}->>'planItemId'`, endsOn: sql<string>`${notifications.data}->>'endsOn'` })
      .from(notifications)
      .where(and(eq(notifications.kind, 'plan_item_due'), inArray(sql`${notifications.data}->>'planItemId'`, due.map((d) => d.item.id))));
    const already = new Set(given.map((g) => `${g.userId}:${g.itemId}:${g.endsOn}`));
    const drafts = due.flatMap(({ item, planTitle, network }) => {
      const people = new Set(heads.filter((h) => item.responsibleOrganizationIds.includes(h.organizationId)).map((h) => h.userId));
      const late = isOverdue(item, today);
      return [...people]
        .filter((userId) => !already.has(`${userId}:${item.id}:${item.endsOn}`))
        .map((userId) => ({
          userId,
          kind: 'plan_item_due' as const,
          title: late ? `Просрочен пункт плана «${item.activity}»` : `Срок пункта плана «${item.activity}» — ${item.endsOn!.split('-').reverse().join('.')}`,
          body: `Сеть «${network.name}», план «${planTitle}». Ваша организация — ответственная.`,
          link: `/networks/${network.id}/plan/${item.planId}`,
          data: { planItemId: item.id, endsOn: item.endsOn },
        }));
    });
    await notify(tx, drafts);
    return drafts.length;
  });
}
