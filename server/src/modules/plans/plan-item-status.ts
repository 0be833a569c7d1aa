import type { PlanItemState } from './plan-fields';

/**
 * What a plan item's state means today. Pure functions, no I/O: "overdue" is derived from the end date
 * and the region's date, never stored, so it appears on its own the morning after the deadline.
 */

export type PlanItemStatus = PlanItemState | 'overdue';


/** Late: the last day has passed and the item is neither done nor cancelled. An item without an end date is never late. */
export function isOverdue(item: { endsOn: string | null; state: PlanItemState }, today: string): boolean {
  if (!item.endsOn || item.state === 'done' || item.state === 'cancelled') return false;
  return item.endsOn < today;
}

/** The status people see: the stored state, or «overdue» in place of planned / in progress once the end date has passed. */
export function itemStatus(item: { endsOn: string | null; state: PlanItemState }, today: string): PlanItemStatus {
  return isOverdue(item, today) ? 'overdue' : item.state;
}

interface Period {
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * Whether an inner period reaches outside an outer one (a sub-item beyond its parent's dates). Allowed,
 * only flagged; an open side (no date) on either part is not judged.
 */
export function isOutsidePeriod(inner: Period, outer: Period): boolean {
  if (inner.startsOn && outer.startsOn && inner.startsOn < outer.startsOn) return true;
  if (inner.endsOn && outer.endsOn && inner.endsOn > outer.endsOn) return true;
  // A sub-item that starts after its parent has ended (or ends before it starts) is outside too.
  if (inner.startsOn && outer.endsOn && inner.startsOn > outer.endsOn) return true;
  if (inner.endsOn && outer.startsOn && inner.endsOn < outer.startsOn) return true;
  return false;
}

/**
 * A parent's progress: the average of its children's (each already rolled up), rounded to a whole
 * percent. Cancelled children do not count; a parent whose children are all cancelled (or that has none)
 * keeps its own progress.
 */
export function rollUpProgress(own: number, children: { state: PlanItemState; progress: number }[]): number {
  const counted = children.filter((child) => child.state !== 'cancelled');
  if (!counted.length) return own;
  return Math.round(counted.reduce((sum, child) => sum + child.progress, 0) / counted.length);
}
