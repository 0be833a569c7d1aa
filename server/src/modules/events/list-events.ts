import { type SQL, and, arrayContains, asc, count, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { readSearch, searchMatches } from '../../platform/search/search';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { managedEvents, visibleEvents } from './access';
import { eventWaitlistLengthOf, registrationOpen } from './event-access';
import type { EventListQuery } from './event-fields';
import { events } from './schema';

/**
 * Events the caller may see (THE rule, `visibleEvents`), narrowed by the filters: a date range (events that overlap
 * it), kind, audience, format, state, network, organisation (lead or co-organiser), the organiser's municipality,
 * words; `mine` keeps the events the caller manages, drafts included. Soonest first.
 */
export async function listEvents(context: CommandContext, query: EventListQuery) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const search = query.q ? await readSearch(context.db, query.q) : null;
  const where = and(
    visibleEvents(context.actor),
    query.mine ? (context.actor ? managedEvents(context.actor) : sql`false`) : undefined,
    search ? searchMatches(events.searchVector, search) : undefined,
    query.from ? gte(events.endsAt, new Date(query.from)) : undefined,
    query.to ? lt(events.startsAt, new Date(query.to)) : undefined,
    query.kind ? eq(events.kind, query.kind) : undefined,
    query.audience ? arrayContains(events.audiences, [query.audience]) : undefined,
    query.format ? eq(events.format, query.format) : undefined,
    query.state ? eq(events.state, query.state) : undefined,
    query.networkId ? eq(events.networkId, query.networkId) : undefined,
    query.organizationId
      ? (or(eq(events.organizationId, query.organizationId), sql`exists (select 1 from event_organizers eo where eo.event_id = ${events.id} and eo.organization_id = ${query.organizationId})`) as SQL)
      : undefined,
    query.municipalityId ? eq(organizations.municipalityId, query.municipalityId) : undefined,
  );
  const [{ total }] = await context.db.select({ total: count() }).from(events).innerJoin(organizations, eq(organizations.id, events.organizationId)).where(where);
  const rows = await context.db
    .select({
      event: events,
      organization: { id: organizations.id, shortName: organizations.shortName },
      networkName: networks.name,
      waiting: eventWaitlistLengthOf(events.id),
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .leftJoin(networks, eq(networks.id, events.networkId))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const now = new Date();
  return {
    items: rows.map(({ event, organization, networkName, waiting }) => ({
      id: event.id,
      kind: event.kind,
      title: event.title,
      audiences: event.audiences,
      gradeFrom: event.gradeFrom,
      gradeTo: event.gradeTo,
      format: event.format,
      address: event.address,
      lat: event.lat,
      lon: event.lon,
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      capacity: event.capacity,
      seatsTaken: event.seatsTaken,
      seatsFree: event.capacity === null ? null : Math.max(0, event.capacity - event.seatsTaken),
      waitlistLength: waiting,
      approvalRequired: event.approvalRequired,
      registrationOpen: registrationOpen(event, now),
      state: event.state,
      organization,
      network: event.networkId ? { id: event.networkId, name: networkName ?? '' } : null,
    })),
    total,
    page,
    pageSize,
  };
}
