import { describe, expect, it } from 'vitest';
import type { PlanItemState } from './plan-fields';
import { buildPlanTree, subtreeIds } from './plan-tree';

const item = (id: string, parentId: string | null, position: number, extra: { state?: PlanItemState; progress?: number; startsOn?: string | null; endsOn?: string | null } = {}) => ({
  id,
  parentId,
  position,
  startsOn: extra.startsOn ?? null,
  endsOn: extra.endsOn ?? null,
  state: extra.state ?? ('planned' as PlanItemState),
  progress: extra.progress ?? 0,
});

describe('buildPlanTree', () => {
  const rows = [
    item('b', null, 1, { state: 'in_progress', progress: 20, startsOn: '2025-09-01', endsOn: '2025-10-31' }),
    item('b2', 'b', 1, { state: 'in_progress', progress: 50, startsOn: '2025-10-01', endsOn: '2025-11-30' }),
    item('a', null, 0, { state: 'done', progress: 100 }),
    item('b1', 'b', 0, { state: 'done', progress: 100, startsOn: '2025-09-01', endsOn: '2025-09-30' }),
    item('b21', 'b2', 0, { state: 'planned', progress: 0, endsOn: '2025-01-10' }),
    item('b22', 'b2', 1, { state: 'done', progress: 100 }),
    item('b3', 'b', 2, { state: 'cancelled', progress: 0 }),
  ];
  const today = '2025-03-01';
  const { roots, ordered, summary } = buildPlanTree(rows, today);

  it('orders siblings by position and numbers them as in a plan-graph', () => {
    expect(ordered.map((n) => `${n.number} ${n.item.id}`)).toEqual(['1 a', '2 b', '2.1 b1', '2.2 b2', '2.2.1 b21', '2.2.2 b22', '2.3 b3']);
    expect(roots.map((r) => r.item.id)).toEqual(['a', 'b']);
    expect(ordered.find((n) => n.item.id === 'b21')!.depth).toBe(2);
  });

  it('rolls progress up from the leaves: a parent is the average of its children, cancelled ones left out', () => {
    const node = (id: string) => ordered.find((n) => n.item.id === id)!;
    expect(node('b2').rolledUpProgress).toBe(50); // (0 + 100) / 2
    expect(node('b').rolledUpProgress).toBe(75); // (100 + 50) / 2, b3 cancelled
    expect(node('a').rolledUpProgress).toBe(100);
    expect(summary.progress).toBe(88); // (100 + 75) / 2
  });

  it('derives overdue and counts statuses', () => {
    expect(ordered.find((n) => n.item.id === 'b21')!.overdue).toBe(true);
    expect(summary).toMatchObject({ items: 7, byStatus: { planned: 0, overdue: 1, in_progress: 2, done: 3, cancelled: 1 } });
  });

  it('flags a child whose dates reach outside its parent’s', () => {
    const node = (id: string) => ordered.find((n) => n.item.id === id)!;
    expect(node('b1').outsideParentPeriod).toBe(false);
    expect(node('b2').outsideParentPeriod).toBe(true); // ends 30.11, parent ends 31.10
    expect(node('b21').outsideParentPeriod).toBe(true); // ends before its parent starts
    expect(node('a').outsideParentPeriod).toBe(false);
  });

  it('gives an empty plan zero progress', () => {
    expect(buildPlanTree([], today).summary).toEqual({ items: 0, byStatus: { planned: 0, in_progress: 0, done: 0, overdue: 0, cancelled: 0 }, progress: 0 });
  });
});

describe('subtreeIds', () => {
  it('collects an item and everything under it', () => {
    const rows = [item('a', null, 0), item('a1', 'a', 0), item('a11', 'a1', 0), item('b', null, 1)];
    expect([...subtreeIds(rows, 'a')].sort()).toEqual(['a', 'a1', 'a11']);
    expect([...subtreeIds(rows, 'b')]).toEqual(['b']);
  });
});
