import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { http } from '../../shared/api/client';
import { EVENT_AUDIENCES, EVENT_KINDS, type EventAudience, type EventKind } from '../events/types';

// The kinds and audiences are the events area's; the calendar filters by them.
export { EVENT_AUDIENCES, EVENT_KINDS, type EventAudience, type EventKind };
export const CALENDAR_FORMATS = ['in_person', 'online'] as const;
export type CalendarFormat = (typeof CALENDAR_FORMATS)[number];
export const CALENDAR_VIEWS = ['month', 'week', 'list'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export interface CalendarEvent {
  id: string;
  title: string;
  kind: EventKind;
  format: 'in_person' | 'online' | 'mixed';
  state: 'draft' | 'published' | 'finished' | 'cancelled';
  startsAt: string;
  endsAt: string;
  organizationName: string;
}

export interface CalendarDay {
  date: string;
  total: number;
  events: CalendarEvent[];
}

/** What the calendar shows: a view around a day, and the filters; kept in the page URL. */
export interface CalendarFilters {
  view: CalendarView;
  /** A day of the period shown (YYYY-MM-DD); today when absent. */
  date: string | null;
  kinds: EventKind[];
  audiences: EventAudience[];
  format: CalendarFormat | null;
  municipalityId: string | null;
  /** The day opened under the month grid. */
  day: string | null;
}

/** Fixed by the page that embeds the calendar: a network's or an organisation's. */
export interface CalendarScope {
  networkId?: string;
  organizationId?: string;
}

const known = <T extends string>(values: readonly T[], text: string | null): T[] => (text ? (text.split(',').filter((v) => (values as readonly string[]).includes(v)) as T[]) : []);
const isDay = (text: string | null) => (text && /^\d{4}-\d{2}-\d{2}$/.test(text) && dayjs(text).isValid() ? text : null);

export function parseCalendarFilters(sp: URLSearchParams): CalendarFilters {
  const view = sp.get('view');
  const format = sp.get('format');
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? '') ? (view as CalendarView) : 'month',
    date: isDay(sp.get('date')),
    kinds: known(EVENT_KINDS, sp.get('kind')),
    audiences: known(EVENT_AUDIENCES, sp.get('audience')),
    format: (CALENDAR_FORMATS as readonly string[]).includes(format ?? '') ? (format as CalendarFormat) : null,
    municipalityId: sp.get('municipalityId') || null,
    day: isDay(sp.get('day')),
  };
}

export function calendarFiltersToSearch(f: CalendarFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.view !== 'month') sp.set('view', f.view);
  if (f.date) sp.set('date', f.date);
  if (f.kinds.length) sp.set('kind', f.kinds.join(','));
  if (f.audiences.length) sp.set('audience', f.audiences.join(','));
  if (f.format) sp.set('format', f.format);
  if (f.municipalityId) sp.set('municipalityId', f.municipalityId);
  if (f.day) sp.set('day', f.day);
  return sp;
}

/** Days of the week start on Monday in Russia. */
export const weekStart = (day: string) => {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
};

/** The period a view shows around a day: the month grid's six weeks, the week from Monday, or the month for the list. */
export function periodOf(view: CalendarView, date: string): { from: string; to: string; perDay: number } {
  if (view === 'week') {
    const from = weekStart(date);
    return { from, to: dayjs(from).add(6, 'day').format('YYYY-MM-DD'), perDay: 20 };
  }
  const first = dayjs(date).startOf('month');
  if (view === 'list') return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD'), perDay: 50 };
  const from = weekStart(first.format('YYYY-MM-DD'));
  return { from, to: dayjs(from).add(41, 'day').format('YYYY-MM-DD'), perDay: 3 };
}

export const calendarKeys = {
  all: ['calendar'] as const,
  period: (params: object) => ['calendar', 'period', params] as const,
  feed: ['calendar', 'feed'] as const,
};

export interface CalendarQuery extends CalendarScope {
  from: string;
  to: string;
  perDay: number;
  kinds?: EventKind[];
  audiences?: EventAudience[];
  format?: CalendarFormat | null;
  municipalityId?: string | null;
}

export function calendarParams(q: CalendarQuery): Record<string, string | number | undefined> {
  return {
    from: q.from,
    to: q.to,
    perDay: q.perDay,
    kind: q.kinds?.length ? q.kinds.join(',') : undefined,
    audience: q.audiences?.length ? q.audiences.join(',') : undefined,
    format: q.format ?? undefined,
    municipalityId: q.municipalityId ?? undefined,
    networkId: q.networkId,
    organizationId: q.organizationId,
  };
}

export function useCalendar(q: CalendarQuery, enabled = true) {
  const params = calendarParams(q);
  return useQuery({
    queryKey: calendarKeys.period(params),
    queryFn: ({ signal }) => http.get<{ from: string; to: string; days: CalendarDay[] }>('/calendar', params, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export interface FeedStatus {
  active: boolean;
  createdAt: string | null;
  lastFetchedAt: string | null;
}

export function useFeedStatus(enabled: boolean) {
  return useQuery({ queryKey: calendarKeys.feed, queryFn: ({ signal }) => http.get<FeedStatus>('/calendar/feed', undefined, signal), enabled });
}

export const feedApi = {
  create: () => http.post<{ url: string; createdAt: string }>('/calendar/feed'),
  revoke: () => http.del<{ revoked: boolean }>('/calendar/feed'),
};

/** The public ICS address of a network's events, for calendar programs. */
export const networkFeedUrl = (networkId: string) => `${window.location.origin}/api/calendar/networks/${networkId}/events.ics`;
