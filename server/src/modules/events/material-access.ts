import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { isOperator } from '../../platform/policy';
import { children } from '../families/schema';
import { networkMembers } from '../networks/schema';
import { type EventRow, managesEvent } from './access';
import { eventOrganizers, eventRegistrations } from './schema';

export interface MaterialAccess {
  /** Opening the materials: the list and the files. */
  canOpen: boolean;
  /** Adding and removing them: whoever manages the event (managedEvents). */
  canManage: boolean;
}

/**
 * Who opens an event's materials (the resource package is for those the event was for, not the public): those
 * who manage the event (the one rule, managedEvents), the staff of its organisers, people registered for it (and
 * the guardian of a registered child), and the staff of the active members of the event's network. The event
 * itself was reached through loadVisibleEvent first.
 */
export async function materialAccess(db: Database, actor: Actor | null, event: EventRow): Promise<MaterialAccess> {
  if (!actor) return { canOpen: false, canManage: false };
  if (isOperator(actor) || (await managesEvent(db, actor, event.id))) return { canOpen: true, canManage: true };
  const staffOf = actor.memberships.map((m) => m.organizationId);
  const organiser =
    staffOf.includes(event.organizationId) ||
    (staffOf.length > 0 &&
      (await db
        .select({ id: eventOrganizers.organizationId })
        .from(eventOrganizers)
        .where(and(eq(eventOrganizers.eventId, event.id), inArray(eventOrganizers.organizationId, staffOf)))
        .limit(1)).length > 0);
  if (organiser) return { canOpen: true, canManage: false };
  const [registered] = await db
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, event.id),
        eq(eventRegistrations.state, 'registered'),
        sql`(${eventRegistrations.userId} = ${actor.userId} or ${eventRegistrations.childId} in (select ${children.id} from ${children} where ${children.guardianUserId} = ${actor.userId}))`,
      ),
    )
    .limit(1);
  if (registered) return { canOpen: true, canManage: false };
  if (event.networkId && staffOf.length) {
    const [member] = await db
      .select({ id: networkMembers.organizationId })
      .from(networkMembers)
      .where(and(eq(networkMembers.networkId, event.networkId), eq(networkMembers.state, 'active'), inArray(networkMembers.organizationId, staffOf)))
      .limit(1);
    if (member) return { canOpen: true, canManage: false };
  }
  return { canOpen: false, canManage: false };
}

