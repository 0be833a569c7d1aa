import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { classDates } from '../../algorithms/timetable';
import { addDays } from '../../platform/dates';
import { attendanceMarks, enrolments } from '../enrolments/schema';
import { learningPolicy } from '../learning/policy';
import { organizations } from '../organizations/schema';
import { programmeSlots, programmes } from '../programmes/schema';
import type { DeskItem, DeskPart, DeskScope } from './desk-item';

/** How far back the desk looks for classes nobody marked. */
export const UNMARKED_LOOKBACK_DAYS = 28;

/** ISO weekday (1 Monday … 7 Sunday) of an ISO date. */
const isoWeekday = (isoDate: string) => ((new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * A provider's staff (learningPolicy.keepRecords: heads and teachers of the organisation): today's classes
 * of the programmes they keep, and past class days of the last weeks on which nobody was marked although
 * children were enrolled.
 */
export async function teachingWork({ db, actor, today }: DeskScope): Promise<DeskPart> {
  const keeps = [...new Set(actor.memberships.map((m) => m.organizationId))].filter((id) => learningPolicy.keepRecords(actor, id));
  if (!keeps.length) return {};
  const from = addDays(today, -UNMARKED_LOOKBACK_DAYS);
  const running = await db
    .select({
      id: programmes.id,
      title: programmes.title,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
      provider: organizations.shortName,
      enrolled: sql<number>`(select count(*)::int from ${enrolments} where ${enrolments.programmeId} = ${programmes.id} and ${enrolments.state} = 'enrolled')`,
      // Classes before anyone was enrolled have nobody to mark.
      firstEnrolledAt: sql<string | null>`(select min(${enrolments.enrolledAt})::text from ${enrolments} where ${enrolments.programmeId} = ${programmes.id} and ${enrolments.state} = 'enrolled')`,
      slots: sql<{ weekday: number; startMinute: number; endMinute: number }[]>`coalesce((select json_agg(json_build_object('weekday', ${programmeSlots.weekday}, 'startMinute', ${programmeSlots.startMinute}, 'endMinute', ${programmeSlots.endMinute}) order by ${programmeSlots.startMinute}) from ${programmeSlots} where ${programmeSlots.programmeId} = ${programmes.id}), '[]'::json)`,
    })
    .from(programmes)
    .innerJoin(organizations, eq(organizations.id, programmes.organizationId))
    .where(and(inArray(programmes.organizationId, keeps), ne(programmes.state, 'draft'), lte(programmes.startsOn, today), gte(programmes.endsOn, from)))
    .orderBy(asc(programmes.title));
  const withStudents = running.filter((p) => p.enrolled > 0);
  const marked = withStudents.length
    ? await db
        .selectDistinct({ programmeId: enrolments.programmeId, classDate: attendanceMarks.classDate })
        .from(attendanceMarks)
        .innerJoin(enrolments, eq(enrolments.id, attendanceMarks.enrolmentId))
        .where(and(inArray(enrolments.programmeId, withStudents.map((p) => p.id)), gte(attendanceMarks.classDate, from), lte(attendanceMarks.classDate, today)))
    : [];
  const markedDays = new Set(marked.map((m) => `${m.programmeId}:${m.classDate}`));

  const weekday = isoWeekday(today);
  const classesToday: DeskItem[] = withStudents
    .filter((p) => p.endsOn >= today)
    .flatMap((p) =>
      p.slots
        .filter((slot) => slot.weekday === weekday)
        .map((slot) => ({
          id: `${p.id}:${slot.startMinute}`,
          title: p.title,
          object: p.provider,
          due: today,
          link: `/programmes/${p.id}/roster`,
          detail: { startMinute: slot.startMinute, endMinute: slot.endMinute, enrolled: p.enrolled, marked: markedDays.has(`${p.id}:${today}`) },
        })),
    )
    .sort((a, b) => Number(a.detail.startMinute) - Number(b.detail.startMinute));

  const unmarked: DeskItem[] = withStudents.flatMap((p) => {
    const firstClass = [from, p.startsOn, p.firstEnrolledAt?.slice(0, 10) ?? today].reduce((a, b) => (a > b ? a : b));
    const lastClass = [addDays(today, -1), p.endsOn].reduce((a, b) => (a < b ? a : b));
    const missing = firstClass <= lastClass ? classDates(new Set(p.slots.map((s) => s.weekday)), firstClass, lastClass).filter((date) => !markedDays.has(`${p.id}:${date}`)) : [];
    return missing.length ? [{ id: p.id, title: p.title, object: p.provider, due: missing[0], link: `/programmes/${p.id}/roster`, detail: { classes: missing.length, last: missing[missing.length - 1] } }] : [];
  });

  return { classes_today: classesToday, attendance: unmarked };
}
