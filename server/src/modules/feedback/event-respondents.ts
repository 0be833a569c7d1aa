import { and, eq, or } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { children } from '../families/schema';
import { eventRegistrations } from '../events/schema';
import { feedbackPolicy } from './policy';

/**
 * The registrations of an event the actor answers the survey for: their own and their children's, among those
 * who took part (registered; a cancelled, waitlisted or rejected place was not at the event).
 */
export async function respondentRegistrations(db: Database, actor: Actor, eventId: string) {
  const rows = await db
    .select({ id: eventRegistrations.id, userId: eventRegistrations.userId, childId: eventRegistrations.childId, childGuardianId: children.guardianUserId, childName: children.fullName })
    .from(eventRegistrations)
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.state, 'registered'), or(eq(eventRegistrations.userId, actor.userId), eq(children.guardianUserId, actor.userId))));
  return rows.filter((r) => feedbackPolicy.answersFor(actor, r));
}

/** Whether the event is over for its survey: finished, or past its end. */
export const eventHasEnded = (event: { state: string; endsAt: Date }, now = new Date()) => event.state === 'finished' || (event.state === 'published' && event.endsAt <= now);
