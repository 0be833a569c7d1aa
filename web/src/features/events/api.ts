import { type QueryClient, keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, http } from '../../shared/api/client';
import type { EventAudience, EventDetail, EventFormat, EventKind, EventList, EventState, GroupCandidate, MyRegistration, Registration, RosterItem, SpeakerCandidate } from './types';

const enc = encodeURIComponent;

export const eventKeys = {
  all: ['events'] as const,
  list: (params: object) => ['events', 'list', params] as const,
  one: (id: string) => ['events', 'one', id] as const,
  roster: (id: string) => ['events', 'roster', id] as const,
  mine: ['events', 'mine'] as const,
  candidates: (id: string, organizationId: string) => ['events', 'candidates', id, organizationId] as const,
  speakerCandidates: (id: string, q: string) => ['events', 'speaker-candidates', id, q] as const,
};

export type EventWhen = 'upcoming' | 'past' | 'all';

/** List filters as they live in the page URL (shareable, the back button works). */
export interface EventFilters {
  q: string;
  kind: EventKind | null;
  audience: EventAudience | null;
  format: EventFormat | null;
  when: EventWhen;
  mine: boolean;
  state: EventState | null;
  page: number;
}

export const EVENTS_PAGE_SIZE = 20;

export function parseEventFilters(sp: URLSearchParams): EventFilters {
  const page = Number.parseInt(sp.get('page') ?? '', 10);
  const when = sp.get('when');
  return {
    q: sp.get('q') ?? '',
    kind: (sp.get('kind') as EventKind | null) || null,
    audience: (sp.get('audience') as EventAudience | null) || null,
    format: (sp.get('format') as EventFormat | null) || null,
    when: when === 'past' || when === 'all' ? when : 'upcoming',
    mine: sp.get('mine') === 'true',
    state: (sp.get('state') as EventState | null) || null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function eventFiltersToSearch(f: EventFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.kind) sp.set('kind', f.kind);
  if (f.audience) sp.set('audience', f.audience);
  if (f.format) sp.set('format', f.format);
  if (f.when !== 'upcoming') sp.set('when', f.when);
  if (f.mine) sp.set('mine', 'true');
  if (f.state) sp.set('state', f.state);
  if (f.page > 1) sp.set('page', String(f.page));
  return sp;
}

/** The list query: upcoming events are those that have not ended yet; past ones ended before now. */
export function eventListParams(f: EventFilters, now = new Date()) {
  const iso = now.toISOString();
  return {
    q: f.q.trim() || undefined,
    kind: f.kind ?? undefined,
    audience: f.audience ?? undefined,
    format: f.format ?? undefined,
    from: f.when === 'upcoming' ? iso : undefined,
    to: f.when === 'past' ? iso : undefined,
    mine: f.mine || undefined,
    state: f.state ?? undefined,
    page: f.page,
    pageSize: EVENTS_PAGE_SIZE,
  };
}

export function useEventList(f: EventFilters) {
  // The minute, not the millisecond: the key stays the same while the page is open.
  const params = eventListParams(f, new Date(Math.floor(Date.now() / 60_000) * 60_000));
  return useQuery({
    queryKey: eventKeys.list(params),
    queryFn: ({ signal }) => http.get<EventList>('/events', params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string) {
  return useQuery({ queryKey: eventKeys.one(id), queryFn: ({ signal }) => http.get<EventDetail>(`/events/${enc(id)}`, undefined, signal) });
}

export function useRoster(id: string, enabled: boolean) {
  return useQuery({ queryKey: eventKeys.roster(id), queryFn: ({ signal }) => http.get<{ items: RosterItem[] }>(`/events/${enc(id)}/registrations`, undefined, signal), enabled });
}

export function useMyRegistrations(enabled = true) {
  return useQuery({ queryKey: eventKeys.mine, queryFn: ({ signal }) => http.get<{ items: MyRegistration[] }>('/me/event-registrations', undefined, signal), enabled });
}

export function useGroupCandidates(eventId: string, organizationId: string | null) {
  return useQuery({
    queryKey: eventKeys.candidates(eventId, organizationId ?? ''),
    queryFn: ({ signal }) => http.get<{ items: GroupCandidate[] }>(`/events/${enc(eventId)}/group-candidates`, { organizationId: organizationId! }, signal),
    enabled: !!organizationId,
  });
}

/** Whom the organisers may make a speaker: the organisers' staff, or (with 2+ letters) anyone they may pick by name. */
export function useSpeakerCandidates(eventId: string, q: string) {
  return useQuery({
    queryKey: eventKeys.speakerCandidates(eventId, q),
    queryFn: ({ signal }) => http.get<{ items: SpeakerCandidate[]; more: boolean }>(`/events/${enc(eventId)}/speaker-candidates`, q ? { q } : undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export const eventApi = {
  create: (body: unknown) => http.post<EventDetail>('/events', body),
  update: (id: string, body: unknown) => http.patch<EventDetail>(`/events/${enc(id)}`, body),
  publish: (id: string, version: number) => http.post<EventDetail>(`/events/${enc(id)}/publish`, { version }),
  finish: (id: string, version: number) => http.post<EventDetail>(`/events/${enc(id)}/finish`, { version }),
  cancel: (id: string, version: number, reason: string) => http.post<EventDetail>(`/events/${enc(id)}/cancel`, { version, reason }),
  /** `idempotencyKey` names one intended action: the same key on every retry of it, a new one for the next. */
  register: (eventId: string, body: { childId?: string; sessionId?: string; waitlist?: boolean }, idempotencyKey: string) =>
    api<Registration>(`/events/${enc(eventId)}/registrations`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  registerGroup: (eventId: string, body: { organizationId: string; childIds: string[]; sessionId?: string; waitlist?: boolean }, idempotencyKey: string) =>
    api<{ items: Registration[] }>(`/events/${enc(eventId)}/group-registrations`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  cancelRegistration: (id: string, version: number) => http.post<Registration>(`/event-registrations/${enc(id)}/cancel`, { version }),
  approve: (id: string, version: number) => http.post<Registration>(`/event-registrations/${enc(id)}/approve`, { version }),
  reject: (id: string, version: number, reason: string) => http.post<Registration>(`/event-registrations/${enc(id)}/reject`, { version, reason }),
  addSpeaker: (eventId: string, body: { sessionId: string; userId?: string; name?: string }) => http.post<EventDetail>(`/events/${enc(eventId)}/speakers`, body),
  removeSpeaker: (eventId: string, speakerId: string) => http.del<EventDetail>(`/events/${enc(eventId)}/speakers/${enc(speakerId)}`),
};

/** After a registration changes: the event, its lists, the person's registrations, the bell and the desk. */
export function invalidateAfterRegistration(qc: QueryClient) {
  return qc.invalidateQueries({ predicate: (q) => ['events', 'notifications', 'desk'].includes(String(q.queryKey[0])) });
}
