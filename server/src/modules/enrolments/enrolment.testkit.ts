import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Session, TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { userRoles, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';
import { childConsents, children } from '../families/schema';
import type { WeeklySlot } from '../../algorithms/timetable';
import { programmeSlots, programmes } from '../programmes/schema';
import { type EnrolmentState, enrolments } from './schema';

/**
 * Test data of the enrolments area, shared by its tests and its policy scenarios: programmes, guardians
 * and children are inserted directly, so these tests do not depend on the other areas' commands.
 */

/** A published open programme of the organisation (grades 5–9, this school year), with the given weekly classes. */
export async function insertProgramme(t: TestApp, organizationId: string, values: Partial<typeof programmes.$inferInsert> = {}, slots: WeeklySlot[] = []) {
  const [row] = await t.handle.db
    .insert(programmes)
    .values({
      organizationId,
      kind: 'supplementary',
      direction: 'technical',
      title: `Робототехника ${nextSerial()}`,
      gradeFrom: 5,
      gradeTo: 9,
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      capacity: 10,
      state: 'published',
      enrolmentMode: 'open',
      ...values,
    })
    .returning();
  if (slots.length) await t.handle.db.insert(programmeSlots).values(slots.map((slot) => ({ ...slot, programmeId: row.id })));
  return row;
}

/** A guardian account of its own, signed in. It has no password: these guardians never sign in by form. */
export async function insertGuardian(t: TestApp): Promise<{ userId: string; session: Session }> {
  const serial = nextSerial();
  const [user] = await t.handle.db
    .insert(users)
    .values({ email: `parent-${serial}-${randomUUID().slice(0, 8)}@test.orbita`, fullName: `Родитель ${serial}` })
    .returning();
  await t.handle.db.insert(userRoles).values({ userId: user.id, role: 'guardian' });
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'enrolment tests' });
  return { userId: user.id, session: { cookie: `orbita_session=${token}`, csrfToken } };
}

/** A child of the guardian in grade 6, with consent in force unless told otherwise. */
export async function insertChild(t: TestApp, guardianUserId: string, options: { consent?: boolean; values?: Partial<typeof children.$inferInsert> } = {}) {
  const [child] = await t.handle.db
    .insert(children)
    .values({ guardianUserId, fullName: `Ученик ${nextSerial()}`, grade: 6, ...options.values })
    .returning();
  if (options.consent ?? true) {
    await t.handle.db.insert(childConsents).values({ childId: child.id, guardianUserId, textVersion: 'test-1', textHash: 'test-hash' });
  }
  return child;
}

/** Long before any test programme starts, so every class of it is after the child's enrolment. */
const LONG_AGO = new Date('2020-09-01T06:00:00Z');

/** The child's place in the programme; an enrolled one holds a seat, as the enrolment commands would leave it. */
export async function insertEnrolment(t: TestApp, childId: string, programmeId: string, state: EnrolmentState = 'enrolled', enrolledAt = LONG_AGO) {
  const [enrolment] = await t.handle.db
    .insert(enrolments)
    .values({ childId, programmeId, state, enrolledAt: state === 'waitlisted' ? null : enrolledAt, endedAt: ['withdrawn', 'removed'].includes(state) ? new Date() : null })
    .returning();
  if (state === 'enrolled' || state === 'completed') {
    await t.handle.db.update(programmes).set({ seatsTaken: sql`${programmes.seatsTaken} + 1` }).where(eq(programmes.id, programmeId));
  }
  return enrolment;
}

/** POST /programmes/:id/enrolments with a key of its own unless one is given. */
export function enrol(t: TestApp, session: Session | null, programmeId: string, body: { childId: string; waitlist?: boolean }, idempotencyKey: string | null = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: `/api/programmes/${programmeId}/enrolments`,
    headers: {
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
      ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}),
    },
    payload: body,
  });
}
