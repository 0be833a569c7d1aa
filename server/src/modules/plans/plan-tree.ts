import type { PlanItemState } from './plan-fields';
import { type PlanItemStatus, isOutsidePeriod, isOverdue, itemStatus, rollUpProgress } from './plan-item-status';

/** The fields of a stored item the tree needs. */
export interface PlanTreeInput {
  id: string;
  parentId: string | null;
  position: number;
  startsOn: string | null;
  endsOn: string | null;
  state: PlanItemState;
  progress: number;
}

export interface PlanTreeNode<T extends PlanTreeInput> {
  item: T;
  /** Outline number as in a plan-graph: «1», «1.2», «1.2.3». */
  number: string;
  depth: number;
  status: PlanItemStatus;
  overdue: boolean;
  /** Own progress for a leaf; the average of the children's for a parent (see rollUpProgress). */
  rolledUpProgress: number;
  /** The item's dates reach outside its parent's: allowed, but worth a look. */
  outsideParentPeriod: boolean;
  children: PlanTreeNode<T>[];
}

export interface PlanSummary {
  items: number;
  byStatus: Record<PlanItemStatus, number>;
  /** The plan as a whole: the average over top-level items (cancelled ones do not count). */
  progress: number;
}

const bySiblingOrder = (a: PlanTreeInput, b: PlanTreeInput) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Arranges a plan's items into their tree in sibling order, numbers them and derives what each shows
 * today. Pure: `today` is the region's date (see regionToday).
 */
export function buildPlanTree<T extends PlanTreeInput>(rows: T[], today: string): { roots: PlanTreeNode<T>[]; ordered: PlanTreeNode<T>[]; summary: PlanSummary } {
  const ids = new Set(rows.map((r) => r.id));
  const childrenOf = new Map<string | null, T[]>();
  for (const row of rows) {
    // A parent outside the given rows cannot happen in the database; such a row is shown at the top.
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), row]);
  }
  for (const list of childrenOf.values()) list.sort(bySiblingOrder);

  const ordered: PlanTreeNode<T>[] = [];
  const visited = new Set<string>();
  const build = (item: T, number: string, depth: number, parent: T | null): PlanTreeNode<T> => {
    visited.add(item.id);
    const node: PlanTreeNode<T> = {
      item,
      number,
      depth,
      status: itemStatus(item, today),
      overdue: isOverdue(item, today),
      rolledUpProgress: item.progress,
      outsideParentPeriod: parent ? isOutsidePeriod(item, parent) : false,
      children: [],
    };
    ordered.push(node);
    const children = (childrenOf.get(item.id) ?? []).filter((child) => !visited.has(child.id));
    node.children = children.map((child, index) => build(child, `${number}.${index + 1}`, depth + 1, item));
    node.rolledUpProgress = rollUpProgress(item.progress, node.children.map((c) => ({ state: c.item.state, progress: c.rolledUpProgress })));
    return node;
  };
  const roots = (childrenOf.get(null) ?? []).map((row, index) => build(row, String(index + 1), 0, null));

  const byStatus: Record<PlanItemStatus, number> = { planned: 0, in_progress: 0, done: 0, overdue: 0, cancelled: 0 };
  for (const node of ordered) byStatus[node.status] += 1;
  const progress = rollUpProgress(0, roots.map((r) => ({ state: r.item.state, progress: r.rolledUpProgress })));
  return { roots, ordered, summary: { items: ordered.length, byStatus, progress } };
}

/** The ids of an item and everything under it, from the plan's parent links. */
export function subtreeIds(rows: { id: string; parentId: string | null }[], rootId: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const row of rows) if (row.parentId) childrenOf.set(row.parentId, [...(childrenOf.get(row.parentId) ?? []), row.id]);
  const result = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(childrenOf.get(id) ?? []));
  }
  return result;
}
