import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { visibleEvents } from '../events/access';
import { type EventAudience, type EventFormat, type EventKind, eventOrganizers, events } from '../events/schema';
import { organizations } from '../organizations/schema';
import { type CalendarDays, checkCalendarDays, overlapsDays } from './calendar-range';

/** A month of a whole region can be dense; past this many the answer says it is cut and asks for a filter. */
export const CALENDAR_MAX_EVENTS = 1000;

export interface CalendarFilter extends CalendarDays {
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

const formatsOf: Record<NonNullable<CalendarFilter['format']>, EventFormat[]> = { online: ['online', 'mixed'], in_person: ['in_person', 'mixed'] };

/** The filter as conditions on `events` (and the lead organiser's row for the municipality). */
export function calendarConditions(filter: CalendarFilter): (SQL | undefined)[] {
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

/**
 * The calendar of the region, a network or an organisation (by the filter) over at most CALENDAR_MAX_DAYS days: one
 * query over the GiST period index, only the events the caller may see (`visibleEvents`), only what a cell of a
 * month grid or a line of the list shows. The web app places them into days in the region's time zone.
 */
export async function listCalendarEvents(context: CommandContext, filter: CalendarFilter) {
  checkCalendarDays(filter);
  const rows = await context.db
    .select({
      id: events.id,
      title: events.title,
      kind: events.kind,
      format: events.format,
      state: events.state,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      networkId: events.networkId,
      organizationId: events.organizationId,
      organizationName: organizations.shortName,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(and(...calendarConditions(filter), visibleEvents(context.actor)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(CALENDAR_MAX_EVENTS + 1);
  return { from: filter.from, to: filter.to, events: rows.slice(0, CALENDAR_MAX_EVENTS), truncated: rows.length > CALENDAR_MAX_EVENTS };
}
