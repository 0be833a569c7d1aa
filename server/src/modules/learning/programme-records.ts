import { and, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { attendanceMarks } from '../enrolments/schema';
import { type ProgrammeRow, loadVisibleProgramme } from '../programmes/programme-access';
import { learningPolicy } from './policy';

/**
 * A programme whose records (attendance, results) the caller keeps. Others are refused (403) when the
 * programme is in the public catalogue, and told it does not exist (404) when it is a draft or archived.
 */
export async function loadProgrammeForRecords(context: CommandContext, id: string): Promise<ProgrammeRow> {
  if (!context.actor) throw notSignedIn();
  const programme = await loadVisibleProgramme(context.db, context, id);
  authorize(context.actor, (actor) => learningPolicy.keepRecords(actor, programme.organizationId));
  return programme;
}

export interface AttendanceTally {
  present: number;
  total: number;
}

/** Classes attended and classes marked, per enrolment (absent from the map: nothing marked yet). */
export async function attendanceTallies(db: Database, enrolmentIds: string[]): Promise<Map<string, AttendanceTally>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .select({
      enrolmentId: attendanceMarks.enrolmentId,
      present: sql<number>`count(*) filter (where ${attendanceMarks.present})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(attendanceMarks)
    .where(inArray(attendanceMarks.enrolmentId, enrolmentIds))
    .groupBy(attendanceMarks.enrolmentId);
  return new Map(rows.map((r) => [r.enrolmentId, { present: r.present, total: r.total }]));
}

export const tallyOf = (tallies: Map<string, AttendanceTally>, enrolmentId: string): AttendanceTally => tallies.get(enrolmentId) ?? { present: 0, total: 0 };

/** Marks of one programme's enrolments between two dates. */
export async function marksBetween(db: Database, enrolmentIds: string[], from: string, to: string) {
  if (enrolmentIds.length === 0) return [];
  return db
    .select({ enrolmentId: attendanceMarks.enrolmentId, classDate: attendanceMarks.classDate, present: attendanceMarks.present })
    .from(attendanceMarks)
    .where(and(inArray(attendanceMarks.enrolmentId, enrolmentIds), sql`${attendanceMarks.classDate} between ${from} and ${to}`));
}
