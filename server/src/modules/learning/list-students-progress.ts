import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { compareRussian } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { enrolments } from '../enrolments/schema';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import { learningPolicy } from './policy';
import { attendanceTallies, tallyOf } from './programme-records';

/**
 * The home school's view (its heads and teachers): the students it has confirmed as its own, each
 * with the programmes they take or took at other organisations, attendance there and results. A
 * child the school has not confirmed, or whose home school is another, never appears.
 */
export async function listStudentsProgress(context: CommandContext, schoolId: string) {
  authorize(context.actor, (actor) => learningPolicy.viewStudentsProgress(actor, schoolId));
  const confirmed = and(eq(children.homeSchoolId, schoolId), isNotNull(children.homeSchoolConfirmedAt));
  const rows = await context.db
    .select({
      childId: children.id,
      fullName: children.fullName,
      grade: children.grade,
      enrolmentId: enrolments.id,
      state: enrolments.state,
      result: enrolments.result,
      resultNote: enrolments.resultNote,
      programme: { id: programmes.id, title: programmes.title, startsOn: programmes.startsOn, endsOn: programmes.endsOn },
      provider: { id: organizations.id, shortName: organizations.shortName },
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .innerJoin(organizations, eq(organizations.id, programmes.organizationId))
    .where(and(confirmed, ne(programmes.organizationId, schoolId), inArray(enrolments.state, ['enrolled', 'completed'])))
    .orderBy(asc(programmes.startsOn), asc(programmes.title));
  const [{ count: confirmedStudents }] = await context.db.select({ count: sql<number>`count(*)::int` }).from(children).where(confirmed);

  const tallies = await attendanceTallies(context.db, rows.map((row) => row.enrolmentId));
  const progressOf = (row: (typeof rows)[number]) => ({
    enrolmentId: row.enrolmentId,
    state: row.state,
    programme: row.programme,
    provider: row.provider,
    attendance: tallyOf(tallies, row.enrolmentId),
    result: row.result,
    resultNote: row.resultNote,
  });
  const students = new Map<string, { child: { id: string; fullName: string; grade: number | null }; programmes: ReturnType<typeof progressOf>[] }>();
  for (const row of rows) {
    const student = students.get(row.childId) ?? { child: { id: row.childId, fullName: row.fullName, grade: row.grade }, programmes: [] };
    student.programmes.push(progressOf(row));
    students.set(row.childId, student);
  }
  return {
    confirmedStudents,
    items: [...students.values()].sort((a, b) => compareRussian(a.child.fullName, b.child.fullName)),
  };
}
