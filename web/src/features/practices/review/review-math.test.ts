import { describe, expect, it } from 'vitest';
import { compareReviews, formatPoints, toPercent } from './review-math';
import type { RubricCriterion } from './types';

const criterion = (id: string, scaleMin: number, scaleMax: number): RubricCriterion => ({ id, title: id, description: '', scaleMin, scaleMax, descriptors: [], allowsNotApplicable: true, weight: 1 });

describe('comparing two reviews', () => {
  const criteria = [criterion('a', 0, 4), criterion('b', 1, 5), criterion('c', 0, 2)];

  it('measures scores on 0–100 whatever the criterion’s scale', () => {
    expect(toPercent(2, criteria[0])).toBe(50);
    expect(toPercent(1, criteria[1])).toBe(0);
    expect(toPercent(5, criteria[1])).toBe(100);
  });

  it('highlights a criterion where the experts differ by more than the threshold, not one at it', () => {
    const first = { scores: [{ criterionId: 'a', score: 0, comment: '' }, { criterionId: 'b', score: 2, comment: '' }, { criterionId: 'c', score: null, comment: 'н/п' }] };
    const second = { scores: [{ criterionId: 'a', score: 4, comment: '' }, { criterionId: 'b', score: 3, comment: '' }, { criterionId: 'c', score: 2, comment: '' }] };
    const rows = compareReviews(criteria, [first, second], 25);
    expect(rows.map((r) => [r.criterion.id, r.spread, r.disagrees])).toEqual([
      ['a', 100, true],
      ['b', 25, false],
      ['c', null, false],
    ]);
    expect(rows[2].scores[0]?.comment).toBe('н/п');
  });

  it('leaves a criterion an expert has not scored yet empty in that column', () => {
    const rows = compareReviews(criteria, [{ scores: [] }, { scores: [{ criterionId: 'a', score: 1, comment: '' }] }], 25);
    expect(rows[0].scores[0]).toBeUndefined();
    expect(rows[0].spread).toBeNull();
  });

  it('writes points the language’s way', () => {
    expect(formatPoints(72.46, 'ru')).toBe('72,5');
    expect(formatPoints(80, 'en')).toBe('80');
  });
});
