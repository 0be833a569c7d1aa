import { describe, expect, it } from 'vitest';
import { reviewComposite, reviewsDisagree } from './review-composite';

const criteria = [
  { id: 'relevance', weight: 2, scaleMin: 0, scaleMax: 4 },
  { id: 'novelty', weight: 1, scaleMin: 1, scaleMax: 3 },
];
const review = (relevance: number | null, novelty: number | null) => ({ scores: new Map([['relevance', relevance], ['novelty', novelty]]) });

describe('review composite', () => {
  it('puts each score on 0–100 by its scale, averages the experts per criterion and weighs the criteria', () => {
    const result = reviewComposite(criteria, [review(3, 3), review(4, 2)]);
    expect(result.criteria).toEqual([
      { criterionId: 'relevance', score: 87.5 },
      { criterionId: 'novelty', score: 75 },
    ]);
    expect(result.score).toBe(83.33);
    expect(result.totals).toEqual([83.33, 83.33]);
  });

  it('ignores N/A: a criterion all experts left N/A has no score and no weight', () => {
    expect(reviewComposite(criteria, [review(2, null), review(4, 3)]).criteria[1].score).toBe(100);
    const allNa = reviewComposite(criteria, [review(2, null), review(4, null)]);
    expect(allNa.criteria[1].score).toBeNull();
    expect(allNa.score).toBe(75);
    expect(reviewComposite(criteria, [review(null, null)]).score).toBeNull();
  });

  it('a zero is a score, not a missing one', () => {
    expect(reviewComposite(criteria, [review(0, 1)]).score).toBe(0);
  });

  it('finds a disagreement in the totals or in any criterion both scored, beyond the threshold only', () => {
    expect(reviewsDisagree(criteria, review(4, 3), review(0, 1), 25)).toBe(true);
    // Totals 83.33 and 66.67 are within 25, but relevance differs by exactly 25: not beyond.
    expect(reviewsDisagree(criteria, review(4, 2), review(3, 2), 25)).toBe(false);
    // Totals close (both 50), yet novelty differs by 100 → disagreement on a criterion.
    expect(reviewsDisagree([criteria[1]], review(null, 3), review(null, 1), 25)).toBe(true);
    // N/A on one side is not compared.
    expect(reviewsDisagree(criteria, review(4, null), review(4, 3), 25)).toBe(false);
  });
});
