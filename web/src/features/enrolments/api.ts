import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, http } from '../../shared/api/client';
import type { ChildEnrolment, Enrolment } from './types';

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

export const enrolmentApi = {
  /** `idempotencyKey` names one intended action: the same key on every retry of it, a new one for the next. */
  enrol: (programmeId: string, body: { childId: string; waitlist: boolean }, idempotencyKey: string) =>
    api<Enrolment>(`/programmes/${enc(programmeId)}/enrolments`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  withdraw: (id: string, version: number) => http.post<Enrolment>(`/enrolments/${enc(id)}/withdraw`, { version }),
};

/**
 * After a place changes hands: the enrolment lists, and whatever shows a programme's free seats or a
 * child's timetable (the programmes and learning areas' queries).
 */
export function invalidateAfterEnrolment(qc: QueryClient) {
  return qc.invalidateQueries({
    predicate: (q) => {
      const head = String(q.queryKey[0]);
      return ['enrolments', 'learning-path', 'roster', 'notifications'].includes(head) || head.startsWith('programme');
    },
  });
}
