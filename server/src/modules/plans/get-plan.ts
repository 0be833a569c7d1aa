import { and, asc, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { visibleEvents } from '../events/access';
import { events } from '../events/schema';
import { activeMemberIds } from '../networks/access';
import { organizationNames } from './item-checks';
import { type PlanItemRow, type PlanRow, loadVisiblePlan } from './plan-access';
import { isOutsidePeriod } from './plan-item-status';
import { type PlanSummary, type PlanTreeNode, buildPlanTree } from './plan-tree';
import { regionToday } from '../territory/region-clock';
import { type PlanItemView, presentPlanItem } from './present-plan-item';
import { planPolicy } from './policy';
import { planItems } from './schema';

export interface PlanItemNode extends PlanItemView {
  /** «1», «1.2», «1.2.3» — as in a plan-graph. */
  number: string;
  depth: number;
  /** For a parent, the average of its children's (cancelled ones left out); for a leaf, its own progress. */
  rolledUpProgress: number;
  /** The item's dates reach outside its parent's (allowed; shown as a warning). */
  outsideParentPeriod: boolean;
  /** A top-level item's dates reach outside the plan's period. */
  outsidePlanPeriod: boolean;
  /** Whether the caller may report on this item (state, progress, evidence). */
  canReport: boolean;
  /** The events held to fulfil it (an event names its plan item), those the caller may see, by start. */
  events: PlanItemEvent[];
  children: PlanItemNode[];
}

export interface PlanItemEvent {
  id: string;
  title: string;
  startsAt: Date;
  state: (typeof events.$inferSelect)['state'];
}

/** Every item of the tree, each before its children, in the plan's order. */
export function flattenPlanItems(items: PlanItemNode[]): PlanItemNode[] {
  return items.flatMap((item) => [item, ...flattenPlanItems(item.children)]);
}

export interface PlanView {
  id: string;
  networkId: string;
  networkName: string;
  kind: PlanRow['kind'];
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  createdAt: Date;
  /** The region's date the statuses were derived for. */
  today: string;
  summary: PlanSummary;
  permissions: { canManage: boolean; canReport: boolean };
  items: PlanItemNode[];
}

/** A plan as a tree: derived status and overdue flag of every item, parents' progress rolled up from their children. */
export async function getPlan(context: CommandContext, planId: string): Promise<PlanView> {
  const { plan, network } = await loadVisiblePlan(context, planId);
  const rows = await context.db.select().from(planItems).where(eq(planItems.planId, planId)).orderBy(asc(planItems.position));
  const actor = context.actor;
  const [today, names, members, heldEvents] = await Promise.all([
    regionToday(context.db),
    organizationNames(context.db, rows.flatMap((r) => r.responsibleOrganizationIds)),
    activeMemberIds(context.db, network.id).then((ids) => new Set(ids)),
    rows.length
      ? context.db
          .select({ id: events.id, title: events.title, startsAt: events.startsAt, state: events.state, planItemId: events.planItemId })
          .from(events)
          .where(and(inArray(events.planItemId, rows.map((r) => r.id)), visibleEvents(actor)))
          .orderBy(asc(events.startsAt))
      : [],
  ]);
  const eventsOf = new Map<string, PlanItemEvent[]>();
  for (const { planItemId, ...event } of heldEvents) eventsOf.set(planItemId!, [...(eventsOf.get(planItemId!) ?? []), event]);
  const canManage = !!actor && planPolicy.manage(actor, network);
  const { roots, summary } = buildPlanTree(rows, today);
  const planPeriod = { startsOn: plan.periodStart, endsOn: plan.periodEnd };

  const present = (node: PlanTreeNode<PlanItemRow>): PlanItemNode => ({
    ...presentPlanItem(node.item, today, names, members),
    number: node.number,
    depth: node.depth,
    rolledUpProgress: node.rolledUpProgress,
    outsideParentPeriod: node.outsideParentPeriod,
    outsidePlanPeriod: node.depth === 0 && isOutsidePeriod(node.item, planPeriod),
    canReport: canManage || (!!actor && planPolicy.report(actor, node.item, members)),
    events: eventsOf.get(node.item.id) ?? [],
    children: node.children.map(present),
  });
  const items = roots.map(present);
  const anyReport = (nodes: PlanItemNode[]): boolean => nodes.some((n) => n.canReport || anyReport(n.children));

  return {
    id: plan.id,
    networkId: network.id,
    networkName: network.name,
    kind: plan.kind,
    title: plan.title,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    createdAt: plan.createdAt,
    today,
    summary,
    permissions: { canManage, canReport: anyReport(items) },
    items,
  };
}
