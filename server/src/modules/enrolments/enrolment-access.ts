import { type SQL, and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { Problem, notFound } from '../../platform/problem';
import type { EnrolmentRow } from './seats';
import { enrolments, liveEnrolmentStates } from './schema';

/** What an enrolment command answers: the place (or place in line) the child has now. */
export interface EnrolmentAnswer {
  id: string;
  state: EnrolmentRow['state'];
  /** 1 for the first in line; null unless waitlisted. */
  waitlistPosition: number | null;
  programmeId: string;
  childId: string;
  version: number;
}

/**
 * A waitlisted enrolment's place in its programme's line, as a column for a select over `enrolments`:
 * how many are waiting since no later than it. Null for every other state. The outer row is named in
 * full: Drizzle leaves columns unqualified in a single-table select, where they would mean `ahead`'s own.
 */
export const waitlistPositionColumn = sql<number | null>`case when ${enrolments.state} = 'waitlisted' then (
  select count(*)::int from enrolments ahead
  where ahead.programme_id = enrolments.programme_id and ahead.state = 'waitlisted' and ahead.queue_no <= enrolments.queue_no
) end`;

export async function presentEnrolment(db: Database, row: EnrolmentRow): Promise<EnrolmentAnswer> {
  // A place deleted with its child since `row` was read has no position any more.
  const waitlistPosition = row.state === 'waitlisted' ? ((await db.select({ position: waitlistPositionColumn }).from(enrolments).where(eq(enrolments.id, row.id)))[0]?.position ?? null) : null;
  return { id: row.id, state: row.state, waitlistPosition, programmeId: row.programmeId, childId: row.childId, version: row.version };
}

export async function loadEnrolment(db: Database, id: string): Promise<EnrolmentRow> {
  const [row] = await db.select().from(enrolments).where(eq(enrolments.id, id)).limit(1);
  if (!row) throw notFound('Запись на программу');
  return row;
}

/**
 * Locks a live enrolment for a change and checks the caller saw its current version, so of two
 * presses at once (a withdrawal and a removal, a double click) only the first acts.
 */
export async function lockLiveEnrolment(db: Database, id: string, version: number): Promise<EnrolmentRow> {
  const [row] = await db.select().from(enrolments).where(eq(enrolments.id, id)).for('update');
  if (!row) throw notFound('Запись на программу');
  if (!(liveEnrolmentStates as readonly string[]).includes(row.state)) {
    throw new Problem(409, 'Запись уже завершена', 'Ребёнок уже не записан на эту программу и не стоит в листе ожидания. Обновите страницу.', { state: row.state });
  }
  if (row.version !== version) throw new Problem(409, 'Конфликт изменений', 'Запись изменилась, пока вы её смотрели (например, ребёнка зачислили из листа ожидания). Обновите страницу и повторите.');
  return row;
}

/** How many wait for a seat of the programme (its id, or the column of a joined programme). */
export const waitlistLengthOf = (programmeId: string | SQL) =>
  sql<number>`(select count(*)::int from ${enrolments} where ${enrolments.programmeId} = ${programmeId} and ${enrolments.state} = 'waitlisted')`;

export async function waitlistLength(db: Database, programmeId: string): Promise<number> {
  const [line] = await db.select({ count: waitlistLengthOf(programmeId) }).from(sql`(select) as one`);
  return line.count;
}

/** The child's live enrolment in the programme, if any (there is at most one: the partial unique index). */
export async function liveEnrolmentOf(db: Database, childId: string, programmeId: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.childId, childId), eq(enrolments.programmeId, programmeId), inArray(enrolments.state, [...liveEnrolmentStates])))
    .limit(1);
  return row;
}
