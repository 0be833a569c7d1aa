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
  code?: 'programme_full' | 'consent_required' | 'campaign_only' | 'not_eligible' | 'programme_closed' | 'already_enrolled' | 'idempotency_key_reused';
  waitlistLength?: number;
  childId?: string;
}
