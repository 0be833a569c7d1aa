import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { conflict } from '../../platform/problem';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { type EventRow, loadVisibleEvent, managesEvent } from './access';
import { checkInPolicy } from './check-in-policy';
import { eventRegistrations, eventSessions } from './schema';

/**
 * The event for a step at the door: seen by the caller (else 404, as a missing one), managed by them (else 403),
 * and published or finished (check-in and attendance are corrected after the event too; a draft or a cancelled
 * event has nobody to let in: 409).
 */
export async function loadEventAtTheDoor(db: Database, actor: Actor | null, eventId: string, rule: 'checkIn' | 'markAttendance' | 'viewRoster'): Promise<EventRow> {
  const event = await loadVisibleEvent(db, actor, eventId);
  const manages = actor ? await managesEvent(db, actor, eventId) : false;
  authorize(actor, (a) => checkInPolicy[rule](a, manages));
  if (rule !== 'viewRoster' && event.state !== 'published' && event.state !== 'finished') {
    throw conflict(event.state === 'cancelled' ? 'Мероприятие отменено: отмечать участников нельзя.' : 'Мероприятие ещё не опубликовано: отмечать участников нельзя.');
  }
  return event;
}

/** The name a registration goes by at the door: the adult's or the child's. */
export const personName = sql<string>`coalesce(${users.fullName}, ${children.fullName}, '')`;

/** Registrations of the event with the person's name, the school that registered a group, and the section. */
export const registrationsWithNames = (db: Database) =>
  db
    .select({
      id: eventRegistrations.id,
      code: eventRegistrations.checkInCode,
      state: eventRegistrations.state,
      role: eventRegistrations.role,
      name: personName,
      child: sql<boolean>`${eventRegistrations.childId} is not null`,
      school: organizations.shortName,
      section: eventSessions.title,
      checkedInAt: eventRegistrations.checkedInAt,
      checkedInBy: eventRegistrations.checkedInBy,
      version: eventRegistrations.version,
    })
    .from(eventRegistrations)
    .leftJoin(users, eq(users.id, eventRegistrations.userId))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .leftJoin(organizations, eq(organizations.id, eventRegistrations.onBehalfOfOrganizationId))
    .leftJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId));

export const ofEvent = (eventId: string) => eq(eventRegistrations.eventId, eventId);
export const withCode = (eventId: string, code: string) => and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.checkInCode, code));
