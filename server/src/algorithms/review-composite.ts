/**
 * The composite of an expert review (issue 17): each expert's score on a criterion is put on 0–100 by the criterion's
 * scale; a criterion's composite is the mean of the experts who scored it (N/A ignored; null when all said N/A); the
 * overall score is the weighted mean over the criteria that have a score. Two experts disagree when their totals, or
 * their scores on any criterion both scored, differ by more than the round's threshold.
 */
export interface CompositeCriterionInput {
  id: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
}

export interface ExpertReview {
  /** criterionId → the score given, or null for N/A (a criterion absent is treated as N/A). */
  scores: ReadonlyMap<string, number | null>;
}

export interface CompositeResult {
  /** Weighted mean over criteria with a score, on 0–100; null when no criterion has one. */
  score: number | null;
  criteria: { criterionId: string; score: number | null }[];
  /** Each review's own weighted total on 0–100, in the order given. */
  totals: (number | null)[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export const normalisedScore = (score: number, criterion: CompositeCriterionInput) => ((score - criterion.scaleMin) / (criterion.scaleMax - criterion.scaleMin)) * 100;

function weightedMean(criteria: readonly CompositeCriterionInput[], scoreOf: (criterion: CompositeCriterionInput) => number | null): number | null {
  let sum = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = scoreOf(criterion);
    if (score === null) continue;
    sum += score * criterion.weight;
    weights += criterion.weight;
  }
  return weights ? round2(sum / weights) : null;
}

function scoreOn(review: ExpertReview, criterion: CompositeCriterionInput): number | null {
  const score = review.scores.get(criterion.id);
  return score === null || score === undefined ? null : normalisedScore(score, criterion);
}

export function reviewComposite(criteria: readonly CompositeCriterionInput[], reviews: readonly ExpertReview[]): CompositeResult {
  const perCriterion = criteria.map((criterion) => {
    const scored = reviews.map((r) => scoreOn(r, criterion)).filter((s): s is number => s !== null);
    return { criterionId: criterion.id, score: scored.length ? round2(scored.reduce((a, b) => a + b, 0) / scored.length) : null };
  });
  const byId = new Map(perCriterion.map((c) => [c.criterionId, c.score]));
  return {
    score: weightedMean(criteria, (c) => byId.get(c.id) ?? null),
    criteria: perCriterion,
    totals: reviews.map((review) => weightedMean(criteria, (c) => scoreOn(review, c))),
  };
}

/** Whether two reviews differ by more than `threshold` points on 0–100, overall or on a criterion both scored. */
export function reviewsDisagree(criteria: readonly CompositeCriterionInput[], first: ExpertReview, second: ExpertReview, threshold: number): boolean {
  const [a, b] = reviewComposite(criteria, [first, second]).totals;
  if (a !== null && b !== null && Math.abs(a - b) > threshold) return true;
  return criteria.some((criterion) => {
    const x = scoreOn(first, criterion);
    const y = scoreOn(second, criterion);
    return x !== null && y !== null && Math.abs(x - y) > threshold;
  });
}
