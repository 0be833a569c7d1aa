import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import { programmes } from '../programmes/schema';
import { enrolments } from './schema';

type Context = Pick<CommandContext, 'actor' | 'ip'>;
export type EnrolmentRow = typeof enrolments.$inferSelect;

/**
 * Takes one seat of a published programme in a single conditional UPDATE, so two people racing for
 * the last seat cannot both get it: the database serialises the row update and re-checks the
 * condition for the second one. Returns false when the programme is full (or not open).
 */
export async function takeSeat(db: Database, programmeId: string): Promise<boolean> {
  const taken = await db
    .update(programmes)
    .set({ seatsTaken: sql`${programmes.seatsTaken} + 1` })
    .where(and(eq(programmes.id, programmeId), eq(programmes.state, 'published'), lt(programmes.seatsTaken, programmes.capacity)))
    .returning({ id: programmes.id });
  return taken.length === 1;
}

/** Holds the programme's row until the transaction ends; every change of its seats waits for it. */
export async function lockProgramme(db: Database, programmeId: string): Promise<void> {
  await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId)).for('update');
}

/** Gives a seat back; the CHECK on seats_taken keeps it from going below zero. */
async function releaseSeat(db: Database, programmeId: string): Promise<void> {
  await db
    .update(programmes)
    .set({ seatsTaken: sql`${programmes.seatsTaken} - 1` })
    .where(and(eq(programmes.id, programmeId), gt(programmes.seatsTaken, 0)));
}

/**
 * Moves the first in line into every free seat of the programme, notifying their guardians. Each
 * candidate is locked with SKIP LOCKED so two releases at once promote two different children.
 * Call inside a transaction; returns the promoted enrolments' ids.
 */
export async function promoteFromWaitlist(db: Database, context: Context, programmeId: string): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const [next] = await db
      .select({ id: enrolments.id, childId: enrolments.childId })
      .from(enrolments)
      .where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.state, 'waitlisted')))
      .orderBy(asc(enrolments.queueNo))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next || !(await takeSeat(db, programmeId))) break;
    await db
      .update(enrolments)
      .set({ state: 'enrolled', enrolledAt: new Date(), updatedAt: new Date(), version: sql`${enrolments.version} + 1` })
      .where(eq(enrolments.id, next.id));
    await recordAudit(db, context, { action: 'enrolment.promoted', entityType: 'enrolment', entityId: next.id, before: { state: 'waitlisted' }, after: { state: 'enrolled' } });
    const [about] = await db
      .select({ guardianUserId: children.guardianUserId, title: programmes.title })
      .from(children)
      .innerJoin(programmes, eq(programmes.id, programmeId))
      .where(eq(children.id, next.childId));
    await notify(db, [
      {
        userId: about.guardianUserId,
        kind: 'waitlist_promoted',
        title: `Место в программе «${about.title}»`,
        body: 'Освободилось место, и ребёнок зачислен из листа ожидания. Если место не нужно, откажитесь от него, чтобы его получил следующий.',
        link: `/children/${next.childId}`,
        data: { enrolmentId: next.id, programmeId, childId: next.childId },
      },
    ]);
    promoted.push(next.id);
  }
  return promoted;
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
    await releaseSeat(db, enrolment.programmeId);
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
