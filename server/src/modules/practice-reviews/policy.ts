import type { Actor } from '../../platform/context';
import { isOperator } from '../../platform/policy';
import { isExpert } from './access';

/**
 * Who may do what in expert review. Rubrics and rounds are kept by their editors — the operator (region-wide and all)
 * and a network's coordinators (their network's): `editedBy`/`editsFor` in access.ts, asked in SQL. Who may not review
 * a practice is THE conflict-of-interest rule, `conflictOf` (practice_review_conflict in the database). This is the rest.
 */
export const reviewPolicy = {
  /** The directions experts review in are kept by the operator. */
  setExpertDirections: (actor: Actor) => isOperator(actor),
  /** Scores are given by the expert the assignment names, while they hold the expert role. */
  score: (actor: Actor, assignment: { expertId: string }) => isExpert(actor) && assignment.expertId === actor.userId,
};
