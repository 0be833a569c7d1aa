import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { hasConsent, loadVisibleChild, lockChildForEnrolment } from '../families/access';
import { programmes } from '../programmes/schema';
import { CONSENT_PURPOSE, enrolmentRefusals } from './eligibility';
import { type EnrolmentAnswer, liveEnrolmentOf, presentEnrolment, waitlistLength } from './enrolment-access';
import { enrolmentPolicy } from './policy';
import { regionToday } from '../territory/region-clock';
import { type EnrolmentRow, lockProgramme, takeSeat } from './seats';
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
  const stored = await enrolmentByKey(db, actor.userId, idempotencyKey);
  if (stored) return replay(db, stored, programmeId, input);

  const { child } = await loadVisibleChild(db, actor, input.childId);
  authorize(actor, (a) => enrolmentPolicy.enrol(a, child));
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, programmeId)).limit(1);
  if (!programme || programme.state === 'draft') throw notFound('Программа');
  const today = await regionToday(db);
  // The quick answer, before the quick «full» below; the one that counts is given again under the child's lock.
  const [refused] = enrolmentRefusals(programme, child, { consent: await hasConsent(db, child.id), today });
  if (refused) throw refused;

  /** The refusal of a full programme, with how many wait, so the family can decide to join them. */
  const programmeFull = async (reader: Database) => {
    const waiting = await waitlistLength(reader, programme.id);
    return new Problem(
      409,
      'Мест нет',
      `Все места в программе «${programme.title}» заняты. Можно встать в лист ожидания${waiting ? ` (сейчас в нём ${waiting})` : ''}: когда место освободится, ребёнка зачислят автоматически и пришлют уведомление.`,
      { code: 'programme_full', waitlistLength: waiting },
    );
  };
  // Most presses after the opening minutes meet a full programme: say so without a transaction. A seat
  // freed since this read is found by the next press; the conditional UPDATE below stays the only guard.
  if (programme.seatsTaken >= programme.capacity && !input.waitlist) throw await programmeFull(db);

  try {
    const enrolment = await db.transaction(async (tx) => {
      // The child first, then the programme (the lock order of families/access.ts): a withdrawal of consent
      // or a deletion waits for this enrolment to commit, so it ends the place, or this one sees it and stops.
      const [refusedNow] = enrolmentRefusals(programme, await lockChildForEnrolment(tx, child.id, CONSENT_PURPOSE), { consent: true, today });
      if (refusedNow) throw refusedNow;
      let seated = await takeSeat(tx, programme.id);
      if (!seated && !input.waitlist) throw await programmeFull(tx);
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
