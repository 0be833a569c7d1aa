import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, http } from '../../shared/api/client';
import type { ChildEnrolment, ChildFit, Enrolment } from './types';

const enc = encodeURIComponent;

export const enrolmentKeys = {
  all: ['enrolments'] as const,
  child: (childId: string) => ['enrolments', 'child', childId] as const,
};

export function useChildEnrolments(childId: string | null) {
  return useQuery({
    queryKey: enrolmentKeys.child(childId ?? ''),
    queryFn: ({ signal }) => http.get<{ items: ChildEnrolment[] }>(`/children/${enc(childId!)}/enrolments`, undefined, signal),
    select: (d) => d.items,
    enabled: !!childId,
  });
}

/**
 * Whether the programme fits each of the signed-in guardian's children. Kept under the children's key, so
 * whatever changes a child (its card, its consent) makes it stale too.
 */
export function useEligibility(programmeId: string) {
  return useQuery({
    queryKey: ['children', 'eligibility', programmeId] as const,
    queryFn: ({ signal }) => http.get<{ children: ChildFit[] }>(`/programmes/${enc(programmeId)}/eligibility`, undefined, signal),
    select: (d) => d.children,
  });
}

export const enrolmentApi = {
  /** `idempotencyKey` names one intended action: the same key on every retry of it, a new one for the next. */
  enrol: (programmeId: string, body: { childId: string; waitlist: boolean }, idempotencyKey: string) =>
    api<Enrolment>(`/programmes/${enc(programmeId)}/enrolments`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  withdraw: (id: string, version: number) => http.post<Enrolment>(`/enrolments/${enc(id)}/withdraw`, { version }),
};

/**
 * After a place changes hands: the enrolment lists, the children's fit for a programme, and whatever shows
 * a programme's free seats or a child's timetable (the programmes and learning areas' queries).
 */
export function invalidateAfterEnrolment(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => {
      const head = String(q.queryKey[0]);
      return ['enrolments', 'learning-path', 'roster', 'notifications'].includes(head) || head.startsWith('programme') || (head === 'children' && q.queryKey[1] === 'eligibility');
    },
  });
}
