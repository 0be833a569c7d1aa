export type EnrolmentState = 'waitlisted' | 'enrolled' | 'withdrawn' | 'removed' | 'completed';
export type EnrolmentResult = 'credit' | 'certificate' | 'not_completed';

/** What POST /programmes/:id/enrolments and the withdraw/remove steps answer. */
export interface Enrolment {
  id: string;
  state: EnrolmentState;
  waitlistPosition: number | null;
  programmeId: string;
  childId: string;
  version: number;
}

export interface ChildEnrolment {
  id: string;
  state: EnrolmentState;
  waitlistPosition: number | null;
  programme: { id: string; title: string; provider: { id: string; shortName: string } };
  enrolledAt: string | null;
  endedAt: string | null;
  result: EnrolmentResult | null;
  version: number;
  canWithdraw: boolean;
}

/** Extra members of an enrolment refusal (problem+json). */
export interface EnrolmentProblem {
  code?: 'programme_full' | 'consent_required' | 'campaign_only' | 'not_eligible' | 'programme_closed' | 'programme_over' | 'already_enrolled' | 'idempotency_key_reused';
  waitlistLength?: number;
  childId?: string;
}

/** GET /programmes/:id/eligibility: one of the guardian's children and whether the programme fits them. */
export interface ChildFit {
  child: { id: string; fullName: string; grade: number | null; birthDate: string | null };
  consent: boolean;
  /** The place the child already holds in this programme, if any. */
  enrolment: { id: string; state: 'enrolled' | 'waitlisted'; waitlistPosition: number | null } | null;
  /** What stands in the way, in the enrolment's own words (empty when the child may be enrolled). */
  reasons: { code: NonNullable<EnrolmentProblem['code']>; title: string; detail: string }[];
  canEnrol: boolean;
  /** Classes the child attends now that this programme's classes would overlap. */
  clashes: { programme: { id: string; title: string }; weekday: number; startMinute: number; endMinute: number }[];
}
