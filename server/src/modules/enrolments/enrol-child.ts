import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { preparedQuery } from '../../platform/db/prepared';
import { localDate } from '../../platform/dates';
import { authorize } from '../../platform/policy';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { consentColumn, loadVisibleChild, lockChildForEnrolment, relationToChild } from '../families/access';
import { children } from '../families/schema';
import { programmes } from '../programmes/schema';
import { CONSENT_PURPOSE, enrolmentRefusals } from './eligibility';
import { type EnrolmentAnswer, liveEnrolmentOf, presentEnrolment, waitlistLength, waitlistLengthOf } from './enrolment-access';
import { enrolmentPolicy } from './policy';
import { regionTimezoneColumn } from '../territory/region-clock';
import { type EnrolmentRow, enrolInOneStatement, lockProgramme, takeSeat } from './seats';
import { enrolments } from './schema';

export interface EnrolmentRequest {
  childId: string;
  /** Join the waitlist when the programme is full (otherwise a full programme is a 409 saying how long the line is). */
  waitlist?: boolean;
}

/** Whether the answer is new (201) or the first answer to the same request again (200). */
export interface EnrolmentOutcome {
  created: boolean;
  enrolment: EnrolmentAnswer;
}

async function enrolmentByKey(db: Database, userId: string, idempotencyKey: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.requestedBy, userId), eq(enrolments.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row;
}

/**
 * Everything a press is judged by before its seat, in one round trip: the child and the programme, whether consent
 * is in force, the region's time zone, how many wait when the programme is full, and whether this key was used
 * before. No row when the child or the programme is missing.
 */
const enrolmentFacts = preparedQuery((db) => {
  const p = sql.placeholder;
  return db
    .select({
      child: children,
      programme: programmes,
      consent: consentColumn,
      timezone: regionTimezoneColumn,
      waiting: sql<number | null>`case when ${programmes.seatsTaken} >= ${programmes.capacity} then ${waitlistLengthOf(sql`${programmes.id}`)} end`,
      retried: sql<boolean>`exists (select 1 from ${enrolments} where ${enrolments.requestedBy} = ${p('userId')} and ${enrolments.idempotencyKey} = ${p('idempotencyKey')})`,
    })
    .from(children)
    .innerJoin(programmes, eq(programmes.id, p('programmeId')))
    .where(eq(children.id, p('childId')))
    .prepare('enrolment_facts');
});

/**
 * The first answer to a repeated request. The key names one intended action, so the same key for
 * another child or programme is a client error, not a retry. The waitlist flag is not compared: it only
 * says what to do if the programme is full, and the stored place already is the outcome.
 */
async function replay(db: Database, stored: EnrolmentRow, programmeId: string, input: EnrolmentRequest): Promise<EnrolmentOutcome> {
  if (stored.programmeId !== programmeId || stored.childId !== input.childId) {
    throw new Problem(422, 'Ключ запроса уже использован', 'Этот ключ повторного запроса (Idempotency-Key) уже использован для другой записи. Для новой записи нужен новый ключ.', {
      code: 'idempotency_key_reused',
    });
  }
  return { created: false, enrolment: await presentEnrolment(db, stored) };
}

/**
 * A guardian enrols their child in an open programme, or puts them in its waitlist. The seat is taken by
 * one conditional UPDATE of the programme (`takeSeat`), so however many families press at once, no
 * programme is overbooked; the enrolment row, the seat and the audit entry commit together or not at all.
 * A retried request (double click, a timeout) carries the same Idempotency-Key and gets the first answer,
 * even when both copies arrive at once: the second insert meets the unique key and returns the winner's row.
 */
export async function enrolChild(context: CommandContext, programmeId: string, input: EnrolmentRequest, idempotencyKey: string): Promise<EnrolmentOutcome> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const [facts] = await enrolmentFacts(db).execute({ childId: input.childId, programmeId, userId: actor.userId, idempotencyKey });
  if (!facts || facts.retried) {
    const stored = await enrolmentByKey(db, actor.userId, idempotencyKey);
    if (stored) return replay(db, stored, programmeId, input);
  }
  if (!facts) {
    // The child or the programme is missing: say which, in the order of the checks below.
    const { child } = await loadVisibleChild(db, actor, input.childId);
    authorize(actor, (a) => enrolmentPolicy.enrol(a, child));
    throw notFound('Программа');
  }
  const { child, programme } = facts;
  if (!(await relationToChild(db, actor, child))) throw notFound('Ребёнок');
  authorize(actor, (a) => enrolmentPolicy.enrol(a, child));
  if (programme.state === 'draft') throw notFound('Программа');
  const today = localDate(new Date(), facts.timezone);
  // The quick answer, before the quick «full» below; the one that counts is given again under the child's lock.
  const [refused] = enrolmentRefusals(programme, child, { consent: facts.consent, today });
  if (refused) throw refused;

  /** The refusal of a full programme, with how many wait, so the family can decide to join them. */
  const programmeFull = (waiting: number) =>
    new Problem(
      409,
      'Мест нет',
      `Все места в программе «${programme.title}» заняты. Можно встать в лист ожидания${waiting ? ` (сейчас в нём ${waiting})` : ''}: когда место освободится, ребёнка зачислят автоматически и пришлют уведомление.`,
      { code: 'programme_full', waitlistLength: waiting },
    );
  const full = programme.seatsTaken >= programme.capacity;
  // Most presses after the opening minutes meet a full programme: say so without a transaction. A seat
  // freed since this read is found by the next press; the conditional UPDATE below stays the only guard.
  if (full && !input.waitlist) throw programmeFull(facts.waiting ?? 0);

  try {
    if (!full) {
      // The common case in one round trip; when it takes no seat (the child changed, a race for the last seat)
      // it has written nothing, and the transaction below decides with the child locked, as always.
      const [seated] = await enrolInOneStatement(db).execute({
        childId: child.id,
        grade: child.grade,
        birthDate: child.birthDate,
        programmeId: programme.id,
        userId: actor.userId,
        idempotencyKey,
        ip: context.ip,
        now: new Date(),
      });
      if (seated) return { created: true, enrolment: { ...seated, waitlistPosition: null } };
    }
    const enrolment = await db.transaction(async (tx) => {
      // The child first, then the programme (the lock order of families/access.ts): a withdrawal of consent
      // or a deletion waits for this enrolment to commit, so it ends the place, or this one sees it and stops.
      const [refusedNow] = enrolmentRefusals(programme, await lockChildForEnrolment(tx, child.id, CONSENT_PURPOSE), { consent: true, today });
      if (refusedNow) throw refusedNow;
      let seated = await takeSeat(tx, programme.id);
      if (!seated && !input.waitlist) throw programmeFull(await waitlistLength(tx, programme.id));
      if (!seated) {
        // Join the line under the programme's row lock, which seat changes also take: places in line then
        // follow commit order (each answer's place is exact), and a seat freed meanwhile is taken instead.
        await lockProgramme(tx, programme.id);
        seated = await takeSeat(tx, programme.id);
      }
      const now = new Date();
      const [created] = await tx
        .insert(enrolments)
        .values({
          childId: child.id,
          programmeId: programme.id,
          state: seated ? 'enrolled' : 'waitlisted',
          source: 'open',
          requestedBy: actor.userId,
          idempotencyKey,
          enrolledAt: seated ? now : null,
        })
        .returning();
      await recordAudit(tx, context, {
        action: seated ? 'enrolment.enrolled' : 'enrolment.waitlisted',
        entityType: 'enrolment',
        entityId: created.id,
        // Ids only: nothing that names the child.
        after: { state: created.state, childId: child.id, programmeId: programme.id },
      });
      // Still under the programme's lock, so the place in line is exact, and the child cannot be deleted before it is read.
      return presentEnrolment(tx, created);
    });
    return { created: true, enrolment };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === null) throw error;
    // A copy of this very request committed first; which of the two unique keys the database names is not fixed.
    const winner = await enrolmentByKey(db, actor.userId, idempotencyKey);
    if (winner) return replay(db, winner, programmeId, input);
    if (constraint === 'enrolments_live_key') {
      const live = await liveEnrolmentOf(db, child.id, programme.id);
      throw new Problem(
        409,
        'Ребёнок уже записан',
        live?.state === 'waitlisted' ? 'Ребёнок уже стоит в листе ожидания этой программы.' : 'Ребёнок уже записан на эту программу.',
        { code: 'already_enrolled', enrolmentId: live?.id ?? null },
      );
    }
    throw error;
  }
}
