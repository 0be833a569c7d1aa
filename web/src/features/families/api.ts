import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http, setCsrfToken } from '../../shared/api/client';
import { queryKeys } from '../../shared/api/queries';
import type { Me, MeResponse } from '../../shared/api/types';
import { learningKeys } from '../learning/api';

const enc = encodeURIComponent;

export type ChildRelation = 'guardian' | 'home_school' | 'provider';

export interface Child {
  id: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string | null;
  grade: number | null;
  homeSchool: { id: string; shortName: string } | null;
  homeSchoolConfirmedAt: string | null;
  consent: { id: string; textVersion: string; givenAt: string } | null;
  version: number;
  relation: ChildRelation;
}

export interface ConsentText {
  version: string;
  text: string;
  hash: string;
}

export interface Student {
  id: string;
  fullName: string;
  grade: number | null;
  confirmed: boolean;
  confirmedAt: string | null;
  version: number;
}

/** What the add/edit form sends: null clears a field. */
export interface ChildInput {
  fullName: string;
  birthDate: string | null;
  grade: number | null;
  homeSchoolId: string | null;
}

export const familyKeys = {
  children: ['children'] as const,
  child: (id: string) => ['children', 'one', id] as const,
  consentText: ['consent-text'] as const,
  students: (organizationId: string) => ['organization-students', organizationId] as const,
};

/** Starts a parent's registration: the answer is the same whether or not the address has an account. */
export const requestRegistration = (input: { fullName: string; email: string }) => http.post<{ message: string }>('/auth/register', input);

/**
 * Finishes a registration from the link in its letter. The answer opens a session as sign-in does, so the app
 * takes it up: the new CSRF token, the user, and every other query fetched again as that user.
 */
export function useConfirmRegistration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) => http.post<{ user: Me; csrfToken: string }>('/auth/register/confirm', input),
    onSuccess: async (res) => {
      setCsrfToken(res.csrfToken);
      qc.setQueryData<MeResponse>(queryKeys.me, { user: res.user, csrfToken: res.csrfToken });
      // The link's own check is left alone: fetched again it would say «used» while the page moves on.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] && q.queryKey[0] !== 'account-link' });
    },
  });
}

export function useMyChildren() {
  return useQuery({
    queryKey: familyKeys.children,
    queryFn: ({ signal }) => http.get<{ items: Child[] }>('/children', undefined, signal),
    select: (d) => d.items,
  });
}

export function useChild(id: string) {
  return useQuery({ queryKey: familyKeys.child(id), queryFn: ({ signal }) => http.get<Child>(`/children/${enc(id)}`, undefined, signal) });
}

export function useConsentText() {
  return useQuery({
    queryKey: familyKeys.consentText,
    queryFn: ({ signal }) => http.get<ConsentText>('/consent-text', undefined, signal),
    staleTime: 10 * 60 * 1000,
  });
}

export function useStudents(organizationId: string) {
  return useQuery({
    queryKey: familyKeys.students(organizationId),
    queryFn: ({ signal }) => http.get<{ items: Student[]; total: number; unconfirmed: number }>(`/organizations/${enc(organizationId)}/students`, undefined, signal),
  });
}

/** After any change to a child: its page, the list, and what other areas show about it. */
function useRefreshChildren() {
  const qc = useQueryClient();
  return (child?: Child) => {
    if (child) qc.setQueryData(familyKeys.child(child.id), child);
    return qc.invalidateQueries({ queryKey: familyKeys.children });
  };
}

export function useSaveChild(existing: Child | null) {
  const refresh = useRefreshChildren();
  return useMutation({
    mutationFn: (input: ChildInput) =>
      existing ? http.patch<Child>(`/children/${enc(existing.id)}`, { ...input, version: existing.version }) : http.post<Child>('/children', input),
    onSuccess: (child) => refresh(child),
  });
}

export function useGiveConsent(childId: string) {
  const refresh = useRefreshChildren();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (textVersion: string) => http.post(`/children/${enc(childId)}/consent`, { textVersion }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: familyKeys.child(childId) });
      await refresh();
    },
  });
}

export function useWithdrawConsent(childId: string) {
  const refresh = useRefreshChildren();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<{ endedEnrolments: number; campaignsLeft: number }>(`/children/${enc(childId)}/consent/withdraw`),
    // Enrolments ended: every area's view of the child is stale.
    onSuccess: async () => {
      await qc.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(childId) });
      await refresh();
    },
  });
}

export function useDeleteChild(childId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => http.del<void>(`/children/${enc(childId)}`),
    onSuccess: async () => {
      qc.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(childId) });
      await qc.invalidateQueries({ queryKey: familyKeys.children });
    },
  });
}

export function useConfirmStudent(organizationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (student: Student) => http.post<Child>(`/children/${enc(student.id)}/confirm-home-school`, { version: student.version }),
    // The list, the school's view of its students' programmes (the learning area's query, shown below the list on the same
    // page), and whatever is cached about the child: a confirmed child's records now reach the school.
    onSuccess: (_child, student) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: familyKeys.students(organizationId) }),
        qc.invalidateQueries({ queryKey: learningKeys.progress(organizationId) }),
        qc.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(student.id) }),
      ]),
  });
}

/** The export as a file download: the browser saves the JSON the API answers. */
export async function downloadChildExport(child: Pick<Child, 'id' | 'fullName'>) {
  const data = await http.get<unknown>(`/children/${enc(child.id)}/export`);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${child.fullName.replace(/[^\p{L}\p{N}]+/gu, '-')}.json`;
  link.click();
  URL.revokeObjectURL(url);
}
