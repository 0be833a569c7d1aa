import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../shared/api/client';

export const OUTBOX_STATES = ['waiting', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxItem {
  id: number;
  to: string;
  /** The template: invitation, password_reset, notification, digest… */
  kind: string;
  subject: string;
  state: OutboxState;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  failedAt: string | null;
  lastError: string | null;
}

export interface OutboxMessage extends OutboxItem {
  text: string;
  html: string;
}

export interface OutboxList {
  items: OutboxItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OutboxState, number>;
  smtpConfigured: boolean;
}

export interface OutboxFilters {
  state: OutboxState | null;
  q: string;
  page: number;
}

export const OUTBOX_PAGE_SIZE = 25;

export function parseOutboxFilters(params: URLSearchParams): OutboxFilters {
  const state = params.get('state');
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    state: (OUTBOX_STATES as readonly string[]).includes(state ?? '') ? (state as OutboxState) : null,
    q: params.get('q') ?? '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export function outboxFiltersToSearch(filters: OutboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.state) params.set('state', filters.state);
  if (filters.q) params.set('q', filters.q);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

const outboxKeys = {
  all: ['outbox'] as const,
  list: (filters: OutboxFilters) => ['outbox', 'list', filters] as const,
  message: (id: string) => ['outbox', 'message', id] as const,
};

/** The list refreshes itself every few seconds: letters leave the queue while the operator watches. */
export function useOutbox(filters: OutboxFilters) {
  return useQuery({
    queryKey: outboxKeys.list(filters),
    queryFn: ({ signal }) =>
      http.get<OutboxList>('/outbox', { state: filters.state, q: filters.q.trim() || undefined, page: filters.page, pageSize: OUTBOX_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

/** Each reading of a letter is audited, so the page reads it once rather than again on every return to the tab. */
export function useOutboxMessage(id: string) {
  return useQuery({
    queryKey: outboxKeys.message(id),
    queryFn: ({ signal }) => http.get<OutboxMessage>(`/outbox/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function useRetryOutboxMessage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<OutboxItem>(`/outbox/${encodeURIComponent(id)}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKeys.all }),
  });
}
