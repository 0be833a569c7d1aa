import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Session, TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { memberships, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { newCheckInCode } from './registration-rules';
import { type RegistrationState, eventRegistrations, eventSessions, events } from './schema';

/**
 * Test data of the events area, shared by its tests, its policy scenarios and other areas' tests (check-in,
 * certificates, calendar, materials): rows are inserted directly, so those tests need no commands of this area.
 */

const DAY = 24 * 60 * 60 * 1000;

/** A published event of the organisation a week from now, open for registration, for teachers and the public, 10 seats. */
export async function insertEvent(t: TestApp, organizationId: string, values: Partial<typeof events.$inferInsert> = {}) {
  const startsAt = new Date(Date.now() + 7 * DAY);
  const [row] = await t.handle.db
    .insert(events)
    .values({
      organizationId,
      kind: 'seminar',
      title: `Семинар ${nextSerial()}`,
      audiences: ['teachers', 'public'],
      format: 'in_person',
      address: 'г. Калининград, ул. Тестовая, 1',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 60 * 60 * 1000),
      capacity: 10,
      state: 'published',
      publishedAt: new Date(),
      ...values,
    })
    .returning();
  return row;
}

/** A section of the event with its own capacity. */
export async function insertSection(t: TestApp, eventId: string, values: Partial<typeof eventSessions.$inferInsert> = {}) {
  const [row] = await t.handle.db
    .insert(eventSessions)
    .values({ eventId, isSection: true, title: `Секция ${nextSerial()}`, capacity: 5, ...values })
    .returning();
  return row;
}

/** A registration as the commands would leave it; a registered one holds its seat (and its section's). */
export async function insertRegistration(
  t: TestApp,
  eventId: string,
  person: { userId: string } | { childId: string },
  state: RegistrationState = 'registered',
  values: Partial<typeof eventRegistrations.$inferInsert> = {},
) {
  const [row] = await t.handle.db
    .insert(eventRegistrations)
    .values({ eventId, ...person, state, checkInCode: newCheckInCode(), registeredAt: state === 'registered' ? new Date() : null, ...values })
    .returning();
  if (state === 'registered') {
    await t.handle.db.update(events).set({ seatsTaken: sql`${events.seatsTaken} + 1` }).where(eq(events.id, eventId));
    if (row.sessionId) await t.handle.db.update(eventSessions).set({ seatsTaken: sql`${eventSessions.seatsTaken} + 1` }).where(eq(eventSessions.id, row.sessionId));
  }
  return row;
}

/** A teacher of the organisation with an account of their own, signed in. */
export async function insertTeacher(t: TestApp, organizationId: string, role: 'teacher' | 'org_admin' = 'teacher'): Promise<{ userId: string; session: Session }> {
  const serial = nextSerial();
  const [user] = await t.handle.db
    .insert(users)
    .values({ email: `teacher-${serial}-${randomUUID().slice(0, 8)}@test.orbita`, fullName: `Педагог ${serial}` })
    .returning();
  await t.handle.db.insert(memberships).values({ userId: user.id, organizationId, role });
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'event tests' });
  return { userId: user.id, session: { cookie: `orbita_session=${token}`, csrfToken } };
}

/** POST /events/:id/registrations with a key of its own unless one is given. */
export function register(t: TestApp, session: Session | null, eventId: string, body: { childId?: string; sessionId?: string; waitlist?: boolean } = {}, idempotencyKey: string | null = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}),
    },
    payload: body,
  });
}
