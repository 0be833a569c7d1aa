// Types of the expert review API (/work/notes/review-api.md; server module practice-reviews).

export interface RubricDescriptor {
  score: number;
  text: string;
}

export interface RubricCriterionInput {
  title: string;
  description: string;
  scaleMin: number;
  scaleMax: number;
  descriptors: RubricDescriptor[];
  allowsNotApplicable: boolean;
  weight: number;
}

export interface RubricInput {
  title: string;
  networkId: string | null;
  criteria: RubricCriterionInput[];
}

export interface RubricCriterion extends RubricCriterionInput {
  id: string;
}

export interface Rubric extends Omit<RubricInput, 'criteria'> {
  id: string;
  version: number;
  criteria: RubricCriterion[];
  createdAt: string;
  usedByRounds: number;
}

export type RoundState = 'open' | 'closed';

export interface RoundSummary {
  id: string;
  title: string;
  rubricId: string;
  rubricTitle: string;
  networkId: string | null;
  deadline: string;
  state: RoundState;
  practiceCount: number;
  reviewedCount: number;
}

export interface Round extends RoundSummary {
  disagreementThreshold: number;
}

export type AssignmentRole = 'first' | 'second' | 'third';
export type AssignmentState = 'assigned' | 'submitted';

export interface Assignment {
  id: string;
  expert: { id: string; fullName: string };
  role: AssignmentRole;
  state: AssignmentState;
  submittedAt: string | null;
}

export interface CompositeCriterion {
  criterionId: string;
  title: string;
  weight: number;
  /** 0–100, the mean of the experts' scores; null when every expert marked it «не применимо». */
  score: number | null;
  comments: string[];
}

export interface Composite {
  roundId: string;
  versionId: string;
  versionNumber: number;
  /** 0–100, weighted. */
  score: number;
  criteria: CompositeCriterion[];
  publishedAt: string;
  expertCount: number;
}

export type RoundPracticeState = 'waiting' | 'reviewing' | 'disagreement' | 'ready' | 'published';

export interface RoundPractice {
  practiceId: string;
  title: string;
  versionId: string;
  versionNumber: number;
  direction: string;
  organizations: { id: string; name: string }[];
  state: RoundPracticeState;
  assignments: Assignment[];
  composite: Composite | null;
}

export interface RoundDetail {
  round: Round;
  rubric: Rubric;
  practices: RoundPractice[];
}

export interface EligibleExpert {
  id: string;
  fullName: string;
  directions: string[];
  load: number;
  eligible: boolean;
  /** Why the expert may not review this practice (Russian), or null. */
  conflict: string | null;
}

export interface AutoAssignResult {
  assigned: Assignment[];
  unassigned: { practiceId: string; reason: string }[];
}

export interface CriterionScore {
  criterionId: string;
  /** null = «не применимо» (only where the criterion allows it). */
  score: number | null;
  comment: string;
}

/** The text of the practice version under review. */
export interface ReviewedVersion {
  id: string;
  number: number;
  title: string;
  direction: string;
  problem: string;
  description: string;
  conditions: { category: string; text: string }[];
  results: string;
  evidence: string;
  tags: string[];
}

export interface ExpertReview {
  assignmentId: string;
  expert: { id: string; fullName: string };
  role: AssignmentRole;
  scores: CriterionScore[];
  total: number | null;
}

export interface PracticeReviews {
  version: ReviewedVersion;
  rubric: Rubric;
  reviews: ExpertReview[];
  composite: Composite | null;
  disagreement: boolean;
}

export interface MyAssignment {
  id: string;
  roundTitle: string;
  deadline: string;
  practiceTitle: string;
  state: AssignmentState;
  role: AssignmentRole;
}

export interface AssignmentDetail {
  assignment: MyAssignment & { submittedAt?: string | null };
  version: ReviewedVersion;
  rubric: Rubric;
  scores: CriterionScore[];
}

export type PracticeReviewStatus = 'none' | 'in_review' | 'reviewed';

export interface PracticeReview {
  status: PracticeReviewStatus;
  composite: Composite | null;
  authorAnswer: { text: string; answeredAt: string } | null;
}
