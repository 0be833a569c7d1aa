import type { TestApp } from '../../../test/app';
import type { WeeklySlot } from '../../algorithms/timetable';
import type { programmes } from '../programmes/schema';
import { insertChild, insertGuardian, insertProgramme } from '../enrolments/enrolment.testkit';

/**
 * The learning area's test data on top of the enrolments area's: programmes that run long enough for
 * attendance in any year the tests name, and children of families of their own at a home school.
 */

const TUESDAY_AFTERNOON: WeeklySlot = { weekday: 2, startMinute: 900, endMinute: 990 };

/** A published programme running all of 2024–2030, with a Tuesday class unless told otherwise. */
export function runningProgramme(t: TestApp, organizationId: string, values: Partial<typeof programmes.$inferInsert> = {}, slots: WeeklySlot[] = [TUESDAY_AFTERNOON]) {
  return insertProgramme(t, organizationId, { startsOn: '2024-09-01', endsOn: '2030-05-31', capacity: 25, ...values }, slots);
}

/** A seventh-grader with consent in force, of a family of its own unless told; the home school confirmed unless `confirmed: false`. */
export async function schoolChild(t: TestApp, options: { guardianUserId?: string; homeSchoolId?: string | null; confirmed?: boolean; fullName?: string } = {}) {
  const guardianUserId = options.guardianUserId ?? (await insertGuardian(t)).userId;
  const homeSchoolId = options.homeSchoolId ?? null;
  return insertChild(t, guardianUserId, {
    values: {
      grade: 7,
      homeSchoolId,
      homeSchoolConfirmedAt: homeSchoolId && options.confirmed !== false ? new Date() : null,
      ...(options.fullName ? { fullName: options.fullName } : {}),
    },
  });
}
