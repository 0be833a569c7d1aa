import type { CriterionScore, ExpertReview, RubricCriterion } from './types';

/** A score on a criterion's own scale as points of 0–100, the scale composites and the disagreement threshold use. */
export function toPercent(score: number, criterion: Pick<RubricCriterion, 'scaleMin' | 'scaleMax'>): number {
  return ((score - criterion.scaleMin) / (criterion.scaleMax - criterion.scaleMin)) * 100;
}

export interface CriterionComparison {
  criterion: RubricCriterion;
  /** One per review, in the reviews' order; undefined when that expert has not scored it yet. */
  scores: (CriterionScore | undefined)[];
  /** The largest difference between two experts' scores, in points of 0–100; null with fewer than two scores. */
  spread: number | null;
  /** The spread is above the round's threshold: an editor should look, and may ask for a third review. */
  disagrees: boolean;
}

/** The reviews side by side, criterion by criterion, with where the experts disagree by more than the threshold. */
export function compareReviews(criteria: RubricCriterion[], reviews: Pick<ExpertReview, 'scores'>[], threshold: number): CriterionComparison[] {
  return criteria.map((criterion) => {
    const scores = reviews.map((r) => r.scores.find((s) => s.criterionId === criterion.id));
    const points = scores.flatMap((s) => (s && s.score !== null ? [toPercent(s.score, criterion)] : []));
    const spread = points.length >= 2 ? Math.max(...points) - Math.min(...points) : null;
    return { criterion, scores, spread, disagrees: spread !== null && spread > threshold };
  });
}

/** A 0–100 score as people read it: at most one decimal, written the interface language's way («72,5»). */
export function formatPoints(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}
