import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { http } from '../../shared/api/client';

export type DeskKind =
  | 'signatures'
  | 'votes'
  | 'minutes'
  | 'meetings'
  | 'exchanges'
  | 'memberships'
  | 'plan_items'
  | 'clashes'
  | 'waitlist'
  | 'campaigns'
  | 'campaign_results'
  | 'classes_today'
  | 'attendance'
  | 'event_requests';

/** One thing awaiting the person: its own name, whose or where, by when, and the page where it is done. */
export interface DeskItem {
  id: string;
  title: string;
  object: string;
  /** An ISO date or instant. */
  due: string | null;
  link: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface Desk {
  today: string;
  total: number;
  groups: { kind: DeskKind; count: number; items: DeskItem[] }[];
}

export const deskKeys = { all: ['desk'] as const, counts: ['desk', 'counts'] as const };

/** Always asked afresh when the page opens: the person may have just done one of the things it lists. */
export function useDesk() {
  return useQuery({ queryKey: deskKeys.all, queryFn: ({ signal }) => http.get<Desk>('/desk', undefined, signal), staleTime: 0, refetchInterval: 60_000 });
}

/**
 * Signing, voting, answering an exchange… any change the person makes may take something off their desk,
 * so every successful change anywhere in the app refreshes the desk and its count.
 */
export function useDeskFollowsChanges() {
  const qc = useQueryClient();
  useEffect(
    () =>
      qc.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') void qc.invalidateQueries({ queryKey: deskKeys.all });
      }),
    [qc],
  );
}

/** The navigation's count: checked once a minute while someone is signed in, like the bell. */
export function useDeskCount(signedIn: boolean) {
  return useQuery({
    queryKey: deskKeys.counts,
    queryFn: ({ signal }) => http.get<{ total: number; counts: Partial<Record<DeskKind, number>> }>('/desk/counts', undefined, signal),
    enabled: signedIn,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}
