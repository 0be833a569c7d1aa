import { type Placeholder, type SQL, type WithSubquery, and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';

/**
 * The seat mechanism shared by everything that gives places of a limited number — a programme's group, an event,
 * a section of a conference. A holder is a row with a `capacity` (null: no limit) and a count `seats_taken` that
 * only these functions move:
 *
 * - a seat is taken by ONE conditional UPDATE (`seats_taken = seats_taken + 1 … where seats_taken < capacity`), so
 *   the database's row lock serialises two people racing for the last seat and re-checks the condition for the
 *   second; a CHECK on the holder keeps `seats_taken` within 0..capacity whatever the code does;
 * - a seat is given back by the mirror UPDATE, never below zero;
 * - the holder's row lock (`lockHolder`) is what every change of its line takes, so places in line follow
 *   commit order and a seat freed meanwhile is seen;
 * - a freed seat goes at once to the first in line (`promoteFromWaitlist`): candidates are locked with
 *   `FOR UPDATE SKIP LOCKED`, so two releases at once promote two different people and nobody twice.
 *
 * What a place is (an enrolment, a registration), its audit entry and whom to tell stay in the module; this file
 * knows only tables and columns, so `platform/` imports no module.
 */
export interface SeatHolder {
  table: PgTable;
  id: PgColumn;
  capacity: PgColumn;
  seatsTaken: PgColumn;
  /** When the holder gives seats at all (a published programme); none: always. */
  open?: SQL;
}

type Id = string | Placeholder | SQL;

/** The holder `id` with a seat free, as a condition on the holder's table. */
export const seatFree = (holder: SeatHolder, id: Id): SQL =>
  and(eq(holder.id, id), holder.open, sql`(${holder.capacity} is null or ${holder.seatsTaken} < ${holder.capacity})`) as SQL;

const seatsColumn = (holder: SeatHolder) => sql.identifier(holder.seatsTaken.name);

/**
 * The conditional UPDATE that takes one seat, answering the holder's id when it took one — a statement of its own,
 * or a CTE of a larger one (`db.$with('seat', { id: … }).as(takeSeatStatement(…))`), as programme enrolment's
 * one-statement fast path does. `alsoWhen` adds a condition of the caller (the person's consent locked, say).
 */
export const takeSeatStatement = (holder: SeatHolder, id: Id, alsoWhen?: SQL): SQL =>
  sql`update ${holder.table} set ${seatsColumn(holder)} = ${holder.seatsTaken} + 1 where ${and(seatFree(holder, id), alsoWhen)} returning ${holder.id}`;

/** What a place given with its seat in one statement is made of (`placeInOneStatement`). */
export interface OneStatementPlace<Answer extends Record<string, PgColumn>> {
  holder: SeatHolder;
  /** The holder's id (a placeholder of the prepared statement). */
  holderId: Id;
  /** CTEs that run before the seat is taken, such as the person's lock (`childLockedForEnrolment`), and what the seat also needs. */
  first?: WithSubquery[];
  alsoWhen?: SQL;
  /** The place: its table, its values by column key as SQL (the CTE `seat` is the holder taken: `seat.id`), the columns answered. */
  table: PgTable;
  values: Record<string, SQL>;
  answer: Answer;
  /** What is written with the place, each an INSERT … SELECT from `created` (the place's row): its audit entry, a letter. */
  alongside: (created: WithSubquery) => SQL[];
}

/**
 * A place and its seat as ONE statement, prepared under `name`: its own transaction, so one round trip. The seat is
 * taken by `takeSeatStatement` (the same conditional UPDATE, its row lock the same serialisation); the place's row is
 * inserted only from the seat taken, and what goes with it only from that row. It answers the place, or nothing,
 * having written nothing, when no seat was taken (full, closed, a condition of `alsoWhen` false): the caller then
 * takes its transaction, which says why or joins the line. A unique key met fails the whole statement, seat included,
 * as it would the transaction. Programme enrolment and event registration are both given this way.
 */
export function placeInOneStatement<Answer extends Record<string, PgColumn>>(db: Database, name: string, place: OneStatementPlace<Answer>) {
  const seat = db.$with('seat', { id: place.holder.id }).as(takeSeatStatement(place.holder, place.holderId, place.alsoWhen));
  const columns = getTableColumns(place.table);
  const keys = Object.keys(place.values);
  const created = db.$with('created', place.answer).as(sql`insert into ${place.table} (${sql.join(keys.map((key) => sql.identifier(columns[key].name)), sql`, `)})
    select ${sql.join(keys.map((key) => place.values[key]), sql`, `)} from ${seat}
    returning ${sql.join(Object.values(place.answer).map((column) => sql.identifier(column.name)), sql`, `)}`);
  const alongside = place.alongside(created).map((statement, i) => db.$with(`alongside_${i}`, {}).as(statement));
  // The generic selection is past what Drizzle's types follow through `from`; the answer is the columns given.
  return db
    .with(...(place.first ?? []), seat, created, ...alongside)
    .select()
    .from(created as never)
    .prepare(name) as unknown as { execute: (values: Record<string, unknown>) => Promise<RowOf<Answer>[]> };
}

/** The row a selection of columns answers. */
type RowOf<Columns extends Record<string, PgColumn>> = {
  [K in keyof Columns]: Columns[K]['_']['notNull'] extends true ? Columns[K]['_']['data'] : Columns[K]['_']['data'] | null;
};

/** Takes one seat of the holder; false when it is full (or not open). */
export async function takeSeat(db: Database, holder: SeatHolder, id: string): Promise<boolean> {
  // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
  const taken = (await db.execute(takeSeatStatement(holder, id))) as unknown as { rows: unknown[] };
  return taken.rows.length === 1;
}

/** Gives a seat back; never below zero (the holder's CHECK would refuse it anyway). */
export async function releaseSeat(db: Database, holder: SeatHolder, id: string): Promise<void> {
  await db.execute(sql`update ${holder.table} set ${seatsColumn(holder)} = ${holder.seatsTaken} - 1 where ${and(eq(holder.id, id), gt(holder.seatsTaken, 0))}`);
}

/** Holds the holder's row until the transaction ends; every change of its seats and of its line waits for it. */
export async function lockHolder(db: Database, holder: SeatHolder, id: string): Promise<void> {
  await db.execute(sql`select 1 from ${holder.table} where ${eq(holder.id, id)} for update`);
}

/** A line of people waiting for seats: rows of `table` in `queueNo` order, those matching `waiting`. */
export interface Waitlist<Entry> {
  /** The entries' table, its id and its queue number (first in line is the smallest). */
  table: PgTable;
  id: PgColumn;
  queueNo: PgColumn;
  /** Which rows wait for this holder now (its id, state waitlisted, and whatever else a seat needs: a section with room). */
  waiting: SQL;
  /** What a promotion reads of the candidate. */
  columns: Record<string, PgColumn>;
  /** Takes the seat (or seats) the candidate needs; false when none is free, which ends the promotions. */
  seat: (db: Database, entry: Entry) => Promise<boolean>;
  /** Moves the candidate into its seat: its state, its audit entry, whom to tell. */
  promote: (db: Database, entry: Entry) => Promise<void>;
}

/**
 * Moves the first in line into every free seat, one by one, and answers who moved. Each candidate is locked with
 * SKIP LOCKED, so two releases at once promote two different people; `waiting` is read again for every candidate,
 * so a seat one of them needs that is full now is passed over for the next who fits. Call inside a transaction,
 * after the holder's seat was given back (or its capacity raised).
 */
export async function promoteFromWaitlist<Entry extends Record<string, unknown>>(db: Database, line: Waitlist<Entry>): Promise<Entry[]> {
  const promoted: Entry[] = [];
  for (;;) {
    const [next] = (await db
      .select(line.columns)
      .from(line.table)
      .where(line.waiting)
      .orderBy(asc(line.queueNo))
      .limit(1)
      .for('update', { skipLocked: true })) as Entry[];
    if (!next || !(await line.seat(db, next))) break;
    await line.promote(db, next);
    promoted.push(next);
  }
  return promoted;
}
