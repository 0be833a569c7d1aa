import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { managedEvents } from '../events/access';
import { eventRegistrations, events } from '../events/schema';
import { organizations } from '../organizations/schema';
import type { DeskPart, DeskScope } from './desk-item';

/**
 * Those who manage an event (THE rule, `managedEvents`): published events that are still to come with registrations
 * awaiting their approval, one item per event with how many wait, soonest first.
 */
export async function eventWork({ db, actor }: DeskScope): Promise<DeskPart> {
  const waiting = sql<number>`count(*)::int`;
  const rows = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, organizer: organizations.shortName, pending: waiting })
    .from(events)
    .innerJoin(eventRegistrations, and(eq(eventRegistrations.eventId, events.id), eq(eventRegistrations.state, 'pending')))
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(and(managedEvents(actor), eq(events.state, 'published'), gt(events.endsAt, new Date())))
    .groupBy(events.id, organizations.shortName)
    .orderBy(asc(events.startsAt));
  if (!rows.length) return {};
  return {
    event_requests: rows.map((r) => ({ id: r.id, title: r.title, object: r.organizer, due: r.startsAt.toISOString(), link: `/events/${r.id}#event-roster`, detail: { pending: r.pending } })),
  };
}
