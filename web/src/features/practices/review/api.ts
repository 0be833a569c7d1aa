import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../shared/api/client';
import type {
  Assignment,
  AssignmentDetail,
  AutoAssignResult,
  Composite,
  CriterionScore,
  EligibleExpert,
  MyAssignment,
  PracticeReview,
  PracticeReviews,
  Round,
  RoundDetail,
  RoundSummary,
  Rubric,
  RubricInput,
} from './types';

const enc = encodeURIComponent;

export const reviewKeys = {
  all: ['practice-reviews'] as const,
  rubrics: ['practice-reviews', 'rubrics'] as const,
  rubric: (id: string) => ['practice-reviews', 'rubrics', id] as const,
  rounds: ['practice-reviews', 'rounds'] as const,
  round: (id: string) => ['practice-reviews', 'rounds', id] as const,
  experts: (roundId: string, practiceId: string) => ['practice-reviews', 'rounds', roundId, 'experts', practiceId] as const,
  reviews: (roundId: string, practiceId: string) => ['practice-reviews', 'rounds', roundId, 'reviews', practiceId] as const,
  mine: ['practice-reviews', 'mine'] as const,
  assignment: (id: string) => ['practice-reviews', 'assignments', id] as const,
  ofPractice: (practiceId: string) => ['practice-reviews', 'practice', practiceId] as const,
};

export const reviewApi = {
  createRubric: (body: RubricInput) => http.post<Rubric>('/practice-rubrics', body),
  updateRubric: (id: string, body: RubricInput & { version: number }) => http.patch<Rubric>(`/practice-rubrics/${enc(id)}`, body),
  createRound: (body: { title: string; rubricId: string; networkId: string | null; deadline: string; disagreementThreshold: number }) => http.post<Round>('/review-rounds', body),
  addPractice: (roundId: string, practiceId: string) => http.post<unknown>(`/review-rounds/${enc(roundId)}/practices`, { practiceId }),
  assign: (roundId: string, practiceId: string, expertId: string) => http.post<Assignment>(`/review-rounds/${enc(roundId)}/assignments`, { practiceId, expertId }),
  autoAssign: (roundId: string, practiceId?: string) => http.post<AutoAssignResult>(`/review-rounds/${enc(roundId)}/auto-assign`, practiceId ? { practiceId } : {}),
  unassign: (assignmentId: string) => http.del<void>(`/review-assignments/${enc(assignmentId)}`),
  publish: (roundId: string, practiceId: string) => http.post<Composite>(`/review-rounds/${enc(roundId)}/practices/${enc(practiceId)}/publish`, {}),
  saveScores: (assignmentId: string, scores: CriterionScore[], submit: boolean) => http.put<MyAssignment>(`/review-assignments/${enc(assignmentId)}/scores`, { scores, submit }),
  answer: (practiceId: string, text: string) => http.post<unknown>(`/practices/${enc(practiceId)}/review/answer`, { text }),
};

export function useRubrics() {
  return useQuery({ queryKey: reviewKeys.rubrics, queryFn: ({ signal }) => http.get<{ items: Rubric[] }>('/practice-rubrics', undefined, signal) });
}

export function useRubric(id: string | null) {
  return useQuery({ queryKey: reviewKeys.rubric(id ?? ''), queryFn: ({ signal }) => http.get<Rubric>(`/practice-rubrics/${enc(id!)}`, undefined, signal), enabled: !!id });
}

export function useRounds(enabled = true) {
  return useQuery({ queryKey: reviewKeys.rounds, queryFn: ({ signal }) => http.get<{ items: RoundSummary[] }>('/review-rounds', undefined, signal), enabled });
}

export function useRound(id: string) {
  return useQuery({ queryKey: reviewKeys.round(id), queryFn: ({ signal }) => http.get<RoundDetail>(`/review-rounds/${enc(id)}`, undefined, signal) });
}

export function useRoundExperts(roundId: string, practiceId: string | null) {
  return useQuery({
    queryKey: reviewKeys.experts(roundId, practiceId ?? ''),
    queryFn: ({ signal }) => http.get<{ items: EligibleExpert[] }>(`/review-rounds/${enc(roundId)}/experts`, { practiceId }, signal),
    enabled: !!practiceId,
  });
}

export function usePracticeReviews(roundId: string, practiceId: string | null) {
  return useQuery({
    queryKey: reviewKeys.reviews(roundId, practiceId ?? ''),
    queryFn: ({ signal }) => http.get<PracticeReviews>(`/review-rounds/${enc(roundId)}/practices/${enc(practiceId!)}/reviews`, undefined, signal),
    enabled: !!practiceId,
  });
}

export function useMyAssignments(enabled = true) {
  return useQuery({ queryKey: reviewKeys.mine, queryFn: ({ signal }) => http.get<{ items: MyAssignment[] }>('/review-assignments/mine', undefined, signal), enabled });
}

export function useAssignment(id: string) {
  return useQuery({ queryKey: reviewKeys.assignment(id), queryFn: ({ signal }) => http.get<AssignmentDetail>(`/review-assignments/${enc(id)}`, undefined, signal) });
}

export function usePracticeReview(practiceId: string) {
  return useQuery({ queryKey: reviewKeys.ofPractice(practiceId), queryFn: ({ signal }) => http.get<PracticeReview>(`/practices/${enc(practiceId)}/review`, undefined, signal) });
}

/** A write of the review area; on success everything the area shows is asked afresh (lists, rounds, the card's section). */
export function useReviewMutation<A extends unknown[], R>(write: (...args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => write(...args),
    onSuccess: () => qc.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}
