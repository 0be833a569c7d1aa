import { type SQL, and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isOperator } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { headedOrganizations, managedNetworks, visibleNetworks } from '../networks/access';
import { networks } from '../networks/schema';
import { eventOrganizers, events } from './schema';

export type EventRow = typeof events.$inferSelect;

/** The organisations that hold the event: the lead organiser and the co-organisers, as a condition on `events`. */
const organisedBy = (organizationIds: string[]): SQL =>
  organizationIds.length
    ? (or(
        inArray(events.organizationId, organizationIds),
        sql`exists (select 1 from ${eventOrganizers} where ${eventOrganizers.eventId} = ${events.id} and ${inArray(eventOrganizers.organizationId, organizationIds)})`,
      ) as SQL)
    : sql`false`;

/**
 * THE rule of who manages an event, as a condition on `events`: the heads (org admins) of the lead organiser and of
 * the co-organisers, the coordinators of the network whose event it is, and the operator. `undefined` means every
 * event (the operator). Every write to an event, its registrations, check-in, certificates and materials filters
 * through it.
 */
export function managedEvents(actor: Actor): SQL | undefined {
  if (isOperator(actor)) return undefined;
  const coordinated = managedNetworks(actor);
  return or(
    organisedBy(headedOrganizations(actor)),
    sql`${events.networkId} is not null and exists (select 1 from ${networks} where ${networks.id} = ${events.networkId} and ${coordinated ?? sql`true`})`,
  );
}

/**
 * THE visibility rule of events, as a condition on `events` for the WHERE of every query that shows one: a
 * published, finished or cancelled event is seen by whoever may see its network (everyone, when it has none);
 * drafts only by the staff of the organisers and by those who manage it. `undefined` means no restriction.
 */
export function visibleEvents(actor: Actor | null): SQL | undefined {
  const networkSeen = visibleNetworks(actor);
  const announced = and(
    ne(events.state, 'draft'),
    networkSeen ? sql`(${events.networkId} is null or exists (select 1 from ${networks} where ${networks.id} = ${events.networkId} and ${networkSeen}))` : undefined,
  );
  if (!actor) return announced;
  if (isOperator(actor)) return undefined;
  return or(announced, organisedBy(actor.memberships.map((m) => m.organizationId)), managedEvents(actor));
}

/** An event the caller may see, or 404 exactly as a missing one, so a hidden draft's existence is not disclosed. */
export async function loadVisibleEvent(db: Database, actor: Actor | null, eventId: string): Promise<EventRow> {
  const [row] = await db.select().from(events).where(and(eq(events.id, eventId), visibleEvents(actor))).limit(1);
  if (!row) throw notFound('Мероприятие');
  return row;
}

/** Whether the actor manages the event: the same rule, asked of one row. */
export async function managesEvent(db: Database, actor: Actor, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: events.id }).from(events).where(and(eq(events.id, eventId), managedEvents(actor))).limit(1);
  return !!row;
}
