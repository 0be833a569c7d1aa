import { and, asc, eq, inArray } from 'drizzle-orm';
import { type CompositeCriterionInput, reviewComposite, reviewsDisagree } from '../../algorithms/review-composite';
import type { Database } from '../../platform/db/client';
import { users } from '../accounts/schema';
import { type AssignmentRole, reviewAssignments, reviewComposites, reviewScores } from './schema';
import type { CriterionRow } from './rubrics';

export type RoundPracticeState = 'waiting' | 'reviewing' | 'disagreement' | 'ready' | 'published';

export interface LoadedReview {
  id: string;
  practiceId: string;
  expert: { id: string; fullName: string };
  role: AssignmentRole;
  state: 'assigned' | 'submitted';
  submittedAt: Date | null;
  scores: { criterionId: string; score: number | null; comment: string }[];
}

const roleOrder: Record<AssignmentRole, number> = { first: 0, second: 1, third: 2 };

/** The assignments of these practices in a round, with the experts' names and their scores, first reviewer first. */
export async function loadReviews(db: Database, roundId: string, practiceIds: string[]): Promise<LoadedReview[]> {
  if (!practiceIds.length) return [];
  const rows = await db
    .select({ assignment: reviewAssignments, fullName: users.fullName })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.expertId))
    .where(and(eq(reviewAssignments.roundId, roundId), inArray(reviewAssignments.practiceId, practiceIds)));
  const scores = rows.length
    ? await db.select().from(reviewScores).where(inArray(reviewScores.assignmentId, rows.map((r) => r.assignment.id)))
    : [];
  return rows
    .map(({ assignment: a, fullName }) => ({
      id: a.id,
      practiceId: a.practiceId,
      expert: { id: a.expertId, fullName },
      role: a.role,
      state: a.state,
      submittedAt: a.submittedAt,
      scores: scores.filter((s) => s.assignmentId === a.id).map((s) => ({ criterionId: s.criterionId, score: s.score, comment: s.comment })),
    }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role]);
}

export const compositeCriteria = (criteria: CriterionRow[]): CompositeCriterionInput[] =>
  criteria.map((c) => ({ id: c.id, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax }));

const asExpertReview = (review: LoadedReview) => ({ scores: new Map(review.scores.map((s) => [s.criterionId, s.score])) });

/**
 * Where a practice stands in its round, from its assignments: waiting for two experts, reviewing, in disagreement
 * (the first two differ by more than the threshold and no third review is in), ready to publish, or published.
 * The state is derived, never stored, so two experts submitting at once cannot leave it wrong.
 */
export function assessReviews(criteria: CriterionRow[], threshold: number, reviews: LoadedReview[], published: boolean) {
  const inputs = compositeCriteria(criteria);
  const submitted = reviews.filter((r) => r.state === 'submitted');
  const first = submitted.find((r) => r.role === 'first');
  const second = submitted.find((r) => r.role === 'second');
  const third = submitted.find((r) => r.role === 'third');
  const disagreement = !!first && !!second && reviewsDisagree(inputs, asExpertReview(first), asExpertReview(second), threshold);
  const composite = reviewComposite(inputs, submitted.map(asExpertReview));
  const mainAssigned = reviews.filter((r) => r.role !== 'third').length;
  const state: RoundPracticeState = published
    ? 'published'
    : mainAssigned < 2
      ? 'waiting'
      : !first || !second
        ? 'reviewing'
        : disagreement && !third
          ? 'disagreement'
          : 'ready';
  return { state, disagreement, submitted, composite, totals: new Map(submitted.map((r, i) => [r.id, composite.totals[i]])) };
}

export type CompositeRow = typeof reviewComposites.$inferSelect;

/** A published composite as the API shows it. */
export const presentComposite = (row: CompositeRow, versionNumber: number) => ({
  roundId: row.roundId,
  versionId: row.versionId,
  versionNumber,
  score: row.score,
  criteria: row.criteria,
  publishedAt: row.publishedAt,
  expertCount: row.expertCount,
});

export async function compositesOf(db: Database, roundId: string, practiceIds: string[]) {
  if (!practiceIds.length) return [];
  return db.select().from(reviewComposites).where(and(eq(reviewComposites.roundId, roundId), inArray(reviewComposites.practiceId, practiceIds))).orderBy(asc(reviewComposites.publishedAt));
}
