import { randomUUID } from 'node:crypto';
import type { Session, TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { insertEvent, insertRegistration as insertEventRegistration } from './event.testkit';
import { type RegistrationRole, type RegistrationState, eventSessions, eventSpeakers, type events } from './schema';

/**
 * Test data of the door (check-in, attendance, certificates), on top of the events area's testkit: an event under
 * way, people without a school, registrations with a role and a check-in already made.
 */

const HOUR = 3_600_000;

/** A published seminar of the organisation that began an hour ago and ends in two, with 30 seats. */
export const insertEventUnderWay = (t: TestApp, organizationId: string, values: Partial<typeof events.$inferInsert> = {}) =>
  insertEvent(t, organizationId, { title: `Семинар руководителей ${nextSerial()}`, startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + 2 * HOUR), capacity: 30, ...values });

/** A new adult with an account (and no school in the fixtures), signed in. */
export async function insertPerson(t: TestApp, fullName = `Педагог ${nextSerial()}`): Promise<{ userId: string; fullName: string; session: Session }> {
  const [user] = await t.handle.db.insert(users).values({ email: `person-${randomUUID().slice(0, 12)}@test.orbita`, fullName }).returning();
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'check-in tests' });
  return { userId: user.id, fullName, session: { cookie: `orbita_session=${token}`, csrfToken } };
}

/** A registration of an adult or a child (of a school's group), with its role and, when given, its check-in. */
export const insertRegistration = (
  t: TestApp,
  eventId: string,
  person: { userId: string } | { childId: string; onBehalfOfOrganizationId?: string },
  options: { state?: RegistrationState; role?: RegistrationRole; checkedInAt?: Date } = {},
) => {
  const { onBehalfOfOrganizationId, ...who } = person as { userId?: string; childId?: string; onBehalfOfOrganizationId?: string };
  return insertEventRegistration(t, eventId, who as { userId: string }, options.state, { role: options.role ?? 'participant', checkedInAt: options.checkedInAt ?? null, onBehalfOfOrganizationId: onBehalfOfOrganizationId ?? null });
};

/** A session of the programme with speakers who have accounts (and guests named only). */
export async function insertSession(t: TestApp, eventId: string, speakerUserIds: string[], guests: string[] = []) {
  const [row] = await t.handle.db.insert(eventSessions).values({ eventId, title: `Доклад ${nextSerial()}` }).returning();
  const speakers = [...speakerUserIds.map((userId) => ({ userId })), ...guests.map((name) => ({ name }))];
  if (speakers.length) await t.handle.db.insert(eventSpeakers).values(speakers.map((s) => ({ eventId, sessionId: row.id, ...s })));
  return row;
}
