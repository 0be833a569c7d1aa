import { useQuery } from '@tanstack/react-query';
import { http } from '../../shared/api/client';

export interface Notification {
  id: string;
  kind: 'waitlist_promoted' | 'enrolment_removed' | 'campaign_result' | 'home_school_confirmed';
  title: string;
  body: string;
  /** A page of the web app, e.g. /children/<id>. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export const notificationKeys = { all: ['notifications'] as const };

/** The bell's messages: checked once a minute while someone is signed in, never for guests. */
export function useNotifications(signedIn: boolean) {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => http.get<{ items: Notification[]; unread: number }>('/notifications', undefined, signal),
    enabled: signedIn,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

export const notificationApi = {
  read: (id: string) => http.post<Notification>(`/notifications/${encodeURIComponent(id)}/read`),
  readAll: () => http.post<{ marked: number }>('/notifications/read-all'),
};
