import { sql } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { users } from '../accounts/schema';
import { type EnrolmentState, enrolments } from '../enrolments/schema';
import { childConsents, children } from '../families/schema';
import { programmeSlots, programmes } from '../programmes/schema';

/** Test data for the learning area, inserted straight into the tables: programmes, families, enrolments. */

let serial = 0;
const next = () => ++serial;

type Slot = { weekday: number; startMinute: number; endMinute: number };

/** A published programme of the organisation, running all of 2024–2030 unless told otherwise, with weekly slots. */
export async function insertProgramme(db: Database, organizationId: string, values: Partial<typeof programmes.$inferInsert> = {}, slots: Slot[] = [{ weekday: 2, startMinute: 900, endMinute: 990 }]) {
  const [programme] = await db
    .insert(programmes)
    .values({
      organizationId,
      kind: 'supplementary',
      direction: 'technical',
      title: `Робототехника ${next()}`,
      startsOn: '2024-09-01',
      endsOn: '2030-05-31',
      capacity: 25,
      state: 'published',
      ...values,
    })
    .returning();
  if (slots.length) await db.insert(programmeSlots).values(slots.map((slot) => ({ ...slot, programmeId: programme.id })));
  return programme;
}

/** A guardian account of its own, so nobody in the fixtures guards the child unless told. */
export async function insertGuardian(db: Database) {
  const n = next();
  const [user] = await db.insert(users).values({ email: `learning-guardian-${n}-${Date.now()}@test.orbita`, passwordHash: 'x', fullName: `Родитель ${n}`, platformRole: 'guardian' }).returning();
  return user;
}

/** A child with the guardian's consent in force; the home school confirmed unless `confirmed: false`. */
export async function insertChild(db: Database, options: { guardianUserId?: string; homeSchoolId?: string | null; confirmed?: boolean; fullName?: string } = {}) {
  const guardianUserId = options.guardianUserId ?? (await insertGuardian(db)).id;
  const homeSchoolId = options.homeSchoolId ?? null;
  const [child] = await db
    .insert(children)
    .values({
      guardianUserId,
      fullName: options.fullName ?? `Ученик ${next()}`,
      grade: 7,
      homeSchoolId,
      homeSchoolConfirmedAt: homeSchoolId && options.confirmed !== false ? new Date() : null,
    })
    .returning();
  await db.insert(childConsents).values({ childId: child.id, guardianUserId, textVersion: 'test', textHash: 'test' });
  return child;
}

/** Long before any test programme starts, so every class of it is after the child's enrolment. */
const LONG_AGO = new Date('2020-09-01T06:00:00Z');

/** The child's place in the programme; an enrolled one holds a seat, as the enrolment commands would leave it. */
export async function insertEnrolment(db: Database, childId: string, programmeId: string, state: EnrolmentState = 'enrolled', enrolledAt = LONG_AGO) {
  const [enrolment] = await db
    .insert(enrolments)
    .values({ childId, programmeId, state, enrolledAt: state === 'waitlisted' ? null : enrolledAt, endedAt: ['withdrawn', 'removed'].includes(state) ? new Date() : null })
    .returning();
  if (state === 'enrolled' || state === 'completed') await db.update(programmes).set({ seatsTaken: sql`${programmes.seatsTaken} + 1` }).where(eq(programmes.id, programmeId));
  return enrolment;
}
