import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { visibleEvents } from '../events/access';
import { type EventAudience, type EventFormat, type EventKind, type EventState, eventOrganizers, events } from '../events/schema';
import { organizations } from '../organizations/schema';
import { regionTimezoneColumn } from '../territory/region-clock';
import { type CalendarDays, checkCalendarDays, overlapsDays } from './calendar-range';

/** Events a day shows unless asked otherwise: a month grid's cell shows three; a week's column or the list, more. */
export const CALENDAR_PER_DAY = 3;
export const CALENDAR_MAX_PER_DAY = 50;

export interface CalendarFilter extends CalendarDays {
  /** At most this many events of each day, the earliest first; the day's `total` counts them all. */
  perDay?: number;
  kinds?: EventKind[];
  audiences?: EventAudience[];
  networkId?: string;
  /** The lead organiser or a co-organiser: the organisation's calendar. */
  organizationId?: string;
  /** The municipality of the lead organiser. */
  municipalityId?: string;
  /** online: online or mixed; in_person: in person or mixed. */
  format?: 'online' | 'in_person';
}

export interface CalendarEvent {
  id: string;
  title: string;
  kind: EventKind;
  format: EventFormat;
  state: EventState;
  startsAt: string;
  endsAt: string;
  organizationName: string;
}

export interface CalendarDay {
  date: string;
  /** Every event of the day the caller may see under the filter; `events` holds the first `perDay` of them. */
  total: number;
  events: CalendarEvent[];
}

const formatsOf: Record<NonNullable<CalendarFilter['format']>, EventFormat[]> = { online: ['online', 'mixed'], in_person: ['in_person', 'mixed'] };

/** The filter as conditions on `events` (and the lead organiser's row, for the municipality). */
function calendarConditions(filter: CalendarFilter): (SQL | undefined)[] {
  return [
    overlapsDays(filter),
    filter.kinds?.length ? inArray(events.kind, filter.kinds) : undefined,
    filter.audiences?.length ? sql`${events.audiences} && ${sql.param(filter.audiences)}::text[]` : undefined,
    filter.networkId ? eq(events.networkId, filter.networkId) : undefined,
    filter.organizationId
      ? sql`(${events.organizationId} = ${filter.organizationId} or exists (select 1 from ${eventOrganizers} where ${eventOrganizers.eventId} = ${events.id} and ${eventOrganizers.organizationId} = ${filter.organizationId}))`
      : undefined,
    filter.municipalityId ? eq(organizations.municipalityId, filter.municipalityId) : undefined,
    filter.format ? inArray(events.format, formatsOf[filter.format]) : undefined,
  ];
}

interface Row {
  day: string;
  total: number | string;
  id: string;
  title: string;
  kind: EventKind;
  format: EventFormat;
  state: EventState;
  starts_at: Date | string;
  ends_at: Date | string;
  organization_name: string;
}

/**
 * The calendar of the region, a network or an organisation (by the filter) over at most CALENDAR_MAX_DAYS days, as
 * the days that have events: each with its count and its first `perDay` events (an event lasting several days is in
 * each of them). One statement: the events overlapping the period come from the GiST period index, filtered by
 * `visibleEvents`, then are spread over the region's days and cut per day, so the answer stays small however busy
 * the region is (a six-week month grid: at most 42 × 3 events).
 */
export async function listCalendarEvents(context: CommandContext, filter: CalendarFilter): Promise<{ from: string; to: string; days: CalendarDay[] }> {
  checkCalendarDays(filter);
  // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
  const result = (await context.db.execute(calendarStatement(context, filter))) as unknown as { rows: Row[] };
  const days: CalendarDay[] = [];
  for (const row of result.rows) {
    if (days.at(-1)?.date !== row.day) days.push({ date: row.day, total: Number(row.total), events: [] });
    days.at(-1)!.events.push({
      id: row.id,
      title: row.title,
      kind: row.kind,
      format: row.format,
      state: row.state,
      startsAt: new Date(row.starts_at).toISOString(),
      endsAt: new Date(row.ends_at).toISOString(),
      organizationName: row.organization_name,
    });
  }
  return { from: filter.from, to: filter.to, days };
}

/** The statement of listCalendarEvents (the bench explains it). */
export function calendarStatement(context: CommandContext, filter: CalendarFilter): SQL {
  const perDay = filter.perDay ?? CALENDAR_PER_DAY;
  return sql`
    with zone as materialized (select ${regionTimezoneColumn} as name),
    hits as (
      select ${events.id} as id, ${events.title} as title, ${events.kind} as kind, ${events.format} as format, ${events.state} as state,
             ${events.startsAt} as starts_at, ${events.endsAt} as ends_at, ${organizations.shortName} as organization_name
      from ${events} inner join ${organizations} on ${organizations.id} = ${events.organizationId}
      where ${and(...calendarConditions(filter), visibleEvents(context.actor))}
    ),
    -- Each event onto the region's days it covers within the period (its end is exclusive): two time-zone
    -- conversions an event, not a comparison of every event with every day.
    placed as (
      select d as day, hits.*,
             count(*) over (by_day rows between unbounded preceding and unbounded following) as total,
             row_number() over by_day as place
      from hits, zone,
           lateral generate_series(
             greatest((hits.starts_at at time zone zone.name)::date, ${filter.from}::date),
             least(((hits.ends_at - interval '1 microsecond') at time zone zone.name)::date, ${filter.to}::date),
             interval '1 day') as d
      window by_day as (partition by d order by hits.starts_at, hits.id)
    )
    select to_char(day, 'YYYY-MM-DD') as day, total, id, title, kind, format, state, starts_at, ends_at, organization_name from placed where place <= ${perDay} order by placed.day, place`;
}
