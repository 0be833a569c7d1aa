import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import { auditEntriesFrom, recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { preparedQuery } from '../../platform/db/prepared';
import { type SeatHolder, lockHolder, placeInOneStatement, promoteFromWaitlist as promoteFromSharedWaitlist, releaseSeat, takeSeat as takeSharedSeat } from '../../platform/seats/seats';
import { childLockedForEnrolment } from '../families/access';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import { programmes } from '../programmes/schema';
import { enrolments } from './schema';

type Context = Pick<CommandContext, 'actor' | 'ip'>;
export type EnrolmentRow = typeof enrolments.$inferSelect;

/** A programme's group as a seat holder of the shared mechanism (platform/seats): seats only while published. */
export const programmeSeats: SeatHolder = {
  table: programmes,
  id: programmes.id,
  capacity: programmes.capacity,
  seatsTaken: programmes.seatsTaken,
  open: eq(programmes.state, 'published'),
};

/**
 * Takes one seat of a published programme in a single conditional UPDATE (platform/seats), so two people racing for
 * the last seat cannot both get it. Returns false when the programme is full (or not open).
 */
export const takeSeat = (db: Database, programmeId: string): Promise<boolean> => takeSharedSeat(db, programmeSeats, programmeId);

/** The columns of the enrolment a single-statement enrolment answers with. */
const enrolledColumns = { id: enrolments.id, state: enrolments.state, programmeId: enrolments.programmeId, childId: enrolments.childId, version: enrolments.version };

/**
 * The whole of a successful enrolment as one statement, so one round trip and its own transaction: under
 * `childLockedForEnrolment` (the child's shared lock and its consent in force, then the programme, the usual lock
 * order) the seat is taken by takeSeat's conditional UPDATE, and the enrolment row and its audit entry are written
 * with it. It answers the new enrolment, or nothing, having written nothing, when the child changed, the consent is
 * not in force or no seat is free: the caller then takes the long way, which says why. A unique key met (a copy of
 * the request, a live place) fails the statement as it would the transaction.
 */
export const enrolInOneStatement = preparedQuery((db) => {
  const p = sql.placeholder;
  // What the caller judged the child by (enrolmentRefusals): unchanged, the judgement still holds under the lock.
  const locked = childLockedForEnrolment(db, p('childId'), sql`${children.grade} is not distinct from ${p('grade')}::smallint and ${children.birthDate} is not distinct from ${p('birthDate')}::date`);
  return placeInOneStatement(db, 'enrol_in_one_statement', {
    holder: programmeSeats,
    holderId: p('programmeId'),
    first: [locked],
    alsoWhen: sql`exists (select 1 from ${locked})`,
    table: enrolments,
    values: {
      childId: sql`${p('childId')}::uuid`,
      programmeId: sql`seat.id`,
      state: sql`'enrolled'`,
      source: sql`'open'`,
      requestedBy: sql`${p('userId')}::uuid`,
      idempotencyKey: sql`${p('idempotencyKey')}::text`,
      enrolledAt: sql`${p('now')}::timestamptz`,
    },
    answer: enrolledColumns,
    // recordAudit's entry for 'enrolment.enrolled', ids only: nothing that names the child.
    alongside: (created) => [
      auditEntriesFrom(created, {
        actorId: sql`${p('userId')}::uuid`,
        ip: sql`${p('ip')}::text`,
        action: 'enrolment.enrolled',
        entityType: 'enrolment',
        entityId: sql`created.id::text`,
        after: sql`jsonb_build_object('state', created.state, 'childId', created.child_id, 'programmeId', created.programme_id)`,
      }),
    ],
  });
});

/** Holds the programme's row until the transaction ends; every change of its seats waits for it. */
export const lockProgramme = (db: Database, programmeId: string): Promise<void> => lockHolder(db, programmeSeats, programmeId);

/**
 * Moves the first in line into every free seat of the programme (the shared promotion loop), notifying their
 * guardians. Call inside a transaction; returns the promoted enrolments' ids.
 */
export async function promoteFromWaitlist(db: Database, context: Context, programmeId: string): Promise<string[]> {
  const promoted = await promoteFromSharedWaitlist<{ id: string; childId: string }>(db, {
    table: enrolments,
    id: enrolments.id,
    queueNo: enrolments.queueNo,
    waiting: and(eq(enrolments.programmeId, programmeId), eq(enrolments.state, 'waitlisted')) as SQL,
    columns: { id: enrolments.id, childId: enrolments.childId },
    seat: (tx) => takeSeat(tx, programmeId),
    promote: async (tx, next) => {
      await tx
        .update(enrolments)
        .set({ state: 'enrolled', enrolledAt: new Date(), updatedAt: new Date(), version: sql`${enrolments.version} + 1` })
        .where(eq(enrolments.id, next.id));
      await recordAudit(tx, context, { action: 'enrolment.promoted', entityType: 'enrolment', entityId: next.id, before: { state: 'waitlisted' }, after: { state: 'enrolled' } });
      const [about] = await tx
        .select({ guardianUserId: children.guardianUserId, title: programmes.title })
        .from(children)
        .innerJoin(programmes, eq(programmes.id, programmeId))
        .where(eq(children.id, next.childId));
      await notify(tx, [
        {
          userId: about.guardianUserId,
          kind: 'waitlist_promoted',
          title: `Место в программе «${about.title}»`,
          body: 'Освободилось место, и ребёнок зачислен из листа ожидания. Если место не нужно, откажитесь от него, чтобы его получил следующий.',
          link: `/children/${next.childId}`,
          data: { enrolmentId: next.id, programmeId, childId: next.childId },
        },
      ]);
    },
  });
  return promoted.map((entry) => entry.id);
}

/**
 * Ends a live enrolment (withdrawn by the family, removed by the provider, with the provider's reason
 * kept in the audit). A freed seat goes at once to the first in line. Call inside a transaction with the
 * enrolment row locked.
 */
export async function endEnrolment(db: Database, context: Context, enrolment: EnrolmentRow, state: 'withdrawn' | 'removed', reason?: string): Promise<EnrolmentRow> {
  const [ended] = await db
    .update(enrolments)
    .set({ state, endedAt: new Date(), updatedAt: new Date(), version: sql`${enrolments.version} + 1` })
    .where(eq(enrolments.id, enrolment.id))
    .returning();
  await recordAudit(db, context, { action: `enrolment.${state}`, entityType: 'enrolment', entityId: enrolment.id, before: { state: enrolment.state }, after: reason ? { state, reason } : { state } });
  if (enrolment.state === 'enrolled') {
    await releaseSeat(db, programmeSeats, enrolment.programmeId);
    await promoteFromWaitlist(db, context, enrolment.programmeId);
  }
  return ended;
}

/**
 * Ends every live enrolment of a child, e.g. when the guardian withdraws consent. Call with the child's
 * row locked (families/access.ts lockChild). The programmes' seats are given back in programme id order,
 * the order every step that holds several programmes takes them in, so two such steps never deadlock.
 */
export async function endEnrolmentsOfChild(db: Database, context: Context, childId: string): Promise<number> {
  const live = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.childId, childId), inArray(enrolments.state, ['waitlisted', 'enrolled'])))
    .orderBy(asc(enrolments.programmeId))
    .for('update');
  for (const enrolment of live) await endEnrolment(db, context, enrolment, 'withdrawn');
  return live.length;
}
