import { and, asc, eq, exists, inArray, or } from 'drizzle-orm';
import { classDates } from '../../algorithms/timetable';
import { compareRussian } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { children } from '../families/schema';
import { programmeSlots } from '../programmes/schema';
import { localDate } from '../../platform/dates';
import { regionTimezone } from '../territory/region-clock';
import type { AttendanceQuery } from './learning-fields';
import { loadProgrammeForRecords, marksBetween } from './programme-records';

const latest = (...dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));
const earliest = (...dates: string[]) => dates.reduce((a, b) => (a < b ? a : b));

/**
 * A programme's attendance sheet for its provider's staff: the class dates (the weekdays of its slots
 * from its start to today, and any other day someone was marked on) and, for each child enrolled now
 * or who has marks, the marks of those dates, and which scheduled classes still lack a mark for someone
 * enrolled by then. Only the currently enrolled can be marked.
 */
export async function getAttendance(context: CommandContext, programmeId: string, query: AttendanceQuery) {
  const programme = await loadProgrammeForRecords(context, programmeId);
  const timeZone = await regionTimezone(context.db);
  const today = localDate(new Date(), timeZone);
  const from = query.from ?? programme.startsOn;
  const to = query.to ?? earliest(programme.endsOn, today);

  const rows = await context.db
    .select({
      enrolmentId: enrolments.id,
      state: enrolments.state,
      enrolledAt: enrolments.enrolledAt,
      result: enrolments.result,
      resultNote: enrolments.resultNote,
      childId: children.id,
      fullName: children.fullName,
      grade: children.grade,
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(
      and(
        eq(enrolments.programmeId, programme.id),
        or(
          inArray(enrolments.state, ['enrolled', 'completed']),
          exists(context.db.select({ one: attendanceMarks.enrolmentId }).from(attendanceMarks).where(eq(attendanceMarks.enrolmentId, enrolments.id))),
        ),
      ),
    )
    .orderBy(asc(enrolments.queueNo));
  rows.sort((a, b) => compareRussian(a.fullName, b.fullName));

  const marks = await marksBetween(context.db, rows.map((r) => r.enrolmentId), from, to);
  const slots = await context.db.select({ weekday: programmeSlots.weekday }).from(programmeSlots).where(eq(programmeSlots.programmeId, programme.id));
  const scheduled = classDates(
    slots.map((s) => s.weekday),
    latest(from, programme.startsOn),
    earliest(to, programme.endsOn, today),
  );
  const dates = [...new Set([...scheduled, ...marks.map((m) => m.classDate)])].sort();

  const marksOf = new Map<string, Record<string, boolean>>();
  for (const mark of marks) marksOf.set(mark.enrolmentId, { ...marksOf.get(mark.enrolmentId), [mark.classDate]: mark.present });

  const enrolledOn = (row: (typeof rows)[number]) => (row.enrolledAt ? localDate(row.enrolledAt, timeZone) : null);
  // A class someone enrolled by then has no mark for: taken place (up to today) and not yet recorded.
  const unmarkedDates = scheduled.filter((date) =>
    rows.some((row) => row.state === 'enrolled' && (enrolledOn(row) ?? date) <= date && marksOf.get(row.enrolmentId)?.[date] === undefined),
  );

  return {
    programme: { id: programme.id, title: programme.title, organizationId: programme.organizationId, startsOn: programme.startsOn, endsOn: programme.endsOn },
    today,
    from,
    to,
    dates,
    unmarkedDates,
    rows: rows.map((row) => {
      const own = marksOf.get(row.enrolmentId) ?? {};
      const values = Object.values(own);
      return {
        enrolmentId: row.enrolmentId,
        state: row.state,
        child: { id: row.childId, fullName: row.fullName, grade: row.grade },
        marks: own,
        attendance: { present: values.filter(Boolean).length, total: values.length },
        canMark: row.state === 'enrolled',
        /** Marks are for classes from this day on (the region's date of enrolment). */
        enrolledOn: enrolledOn(row),
        result: row.result,
        resultNote: row.resultNote,
      };
    }),
  };
}
