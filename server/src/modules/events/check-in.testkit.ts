import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Session, TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { newCheckInCode } from './check-in-code';
import { type RegistrationRole, type RegistrationState, eventRegistrations, eventSessions, events } from './schema';

/**
 * Test data of the door (check-in, attendance, certificates): events and registrations inserted directly, as the
 * registration commands would leave them, so these tests do not wait on the events area's own commands.
 */

const HOUR = 3_600_000;

/** A published seminar of the organisation that began an hour ago and ends in two, with 30 seats. */
export async function insertEvent(t: TestApp, organizationId: string, values: Partial<typeof events.$inferInsert> = {}) {
  const now = Date.now();
  const [row] = await t.handle.db
    .insert(events)
    .values({
      kind: 'seminar',
      title: `Семинар руководителей ${nextSerial()}`,
      organizationId,
      startsAt: new Date(now - HOUR),
      endsAt: new Date(now + 2 * HOUR),
      capacity: 30,
      state: 'published',
      publishedAt: new Date(now - 10 * 24 * HOUR),
      ...values,
    })
    .returning();
  return row;
}

/** A new adult with an account (a teacher of some school), signed in. */
export async function insertPerson(t: TestApp, fullName = `Педагог ${nextSerial()}`): Promise<{ userId: string; fullName: string; session: Session }> {
  const [user] = await t.handle.db.insert(users).values({ email: `person-${randomUUID().slice(0, 12)}@test.orbita`, fullName }).returning();
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'check-in tests' });
  return { userId: user.id, fullName, session: { cookie: `orbita_session=${token}`, csrfToken } };
}

/** A registration of an adult or a child; a registered one holds a seat, as the registration commands leave it. */
export async function insertRegistration(
  t: TestApp,
  eventId: string,
  person: { userId: string } | { childId: string; onBehalfOfOrganizationId?: string },
  options: { state?: RegistrationState; role?: RegistrationRole; checkedInAt?: Date } = {},
) {
  const state = options.state ?? 'registered';
  const [row] = await t.handle.db
    .insert(eventRegistrations)
    .values({ eventId, ...person, state, role: options.role ?? 'participant', checkInCode: newCheckInCode(), registeredAt: state === 'registered' ? new Date() : null, checkedInAt: options.checkedInAt ?? null })
    .returning();
  if (state === 'registered') await t.handle.db.update(events).set({ seatsTaken: sql`${events.seatsTaken} + 1` }).where(eq(events.id, eventId));
  return row;
}

/** A session of the programme with speakers who have accounts. */
export async function insertSession(t: TestApp, eventId: string, speakerUserIds: string[]) {
  const [row] = await t.handle.db.insert(eventSessions).values({ eventId, title: `Доклад ${nextSerial()}`, speakerUserIds }).returning();
  return row;
}
