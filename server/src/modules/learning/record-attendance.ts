import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { localDate } from '../../platform/dates';
import { regionTimezone } from '../territory/region-clock';
import type { AttendanceMarksRequest } from './learning-fields';
import { loadProgrammeForRecords } from './programme-records';

const unmarkable = (detail: string, extra: Record<string, unknown> = {}) => new Problem(422, 'Отметки не сохранены', detail, extra);

/**
 * Marks who came to one class of a programme (its provider's staff). The date must be a day of the
 * programme that has already come, and every child marked must be enrolled in it now; a mark made
 * again for the same child and date replaces the earlier one.
 */
export async function recordAttendance(context: CommandContext, programmeId: string, request: AttendanceMarksRequest) {
  const programme = await loadProgrammeForRecords(context, programmeId);
  const timeZone = await regionTimezone(context.db);
  const today = localDate(new Date(), timeZone);
  if (request.classDate > today) throw unmarkable('Посещаемость отмечают за прошедшие занятия и за сегодняшнее, а не за будущие.', { field: 'classDate' });
  if (request.classDate < programme.startsOn || request.classDate > programme.endsOn) {
    throw unmarkable('Дата занятия вне сроков программы.', { field: 'classDate', startsOn: programme.startsOn, endsOn: programme.endsOn });
  }
  const enrolmentIds = request.marks.map((m) => m.enrolmentId);

  return context.db.transaction(async (tx) => {
    // Held until commit, so a child removed at this moment is either marked before or refused after.
    const enrolled = await tx
      .select({ id: enrolments.id, enrolledAt: enrolments.enrolledAt })
      .from(enrolments)
      .where(and(inArray(enrolments.id, enrolmentIds), eq(enrolments.programmeId, programme.id), eq(enrolments.state, 'enrolled')))
      .for('share');
    const enrolledIds = new Set(enrolled.map((e) => e.id));
    const strangers = enrolmentIds.filter((id) => !enrolledIds.has(id));
    if (strangers.length > 0) {
      throw unmarkable('Отмечать можно только детей, которые сейчас зачислены на эту программу. Обновите страницу: список мог измениться.', {
        enrolmentIds: strangers,
      });
    }
    // A class before a child was enrolled is not theirs to have attended or missed.
    const later = enrolled.filter((e) => e.enrolledAt && localDate(e.enrolledAt, timeZone) > request.classDate);
    if (later.length > 0) {
      throw unmarkable('Среди отмеченных есть дети, зачисленные после этого занятия: отмечать их можно с дня зачисления.', {
        enrolmentIds: later.map((e) => e.id),
      });
    }
    const before = await tx
      .select({ enrolmentId: attendanceMarks.enrolmentId, present: attendanceMarks.present })
      .from(attendanceMarks)
      .where(and(inArray(attendanceMarks.enrolmentId, enrolmentIds), eq(attendanceMarks.classDate, request.classDate)));
    const recordedBy = context.actor?.userId ?? null;
    await tx
      .insert(attendanceMarks)
      .values(request.marks.map((mark) => ({ enrolmentId: mark.enrolmentId, classDate: request.classDate, present: mark.present, recordedBy })))
      .onConflictDoUpdate({
        target: [attendanceMarks.enrolmentId, attendanceMarks.classDate],
        set: { present: sql`excluded.present`, recordedBy, recordedAt: new Date() },
      });
    await recordAudit(tx, context, {
      action: 'attendance.recorded',
      entityType: 'programme',
      entityId: programme.id,
      before: { classDate: request.classDate, marks: before },
      after: { classDate: request.classDate, marks: request.marks },
    });
    return { classDate: request.classDate, marks: request.marks };
  });
}
