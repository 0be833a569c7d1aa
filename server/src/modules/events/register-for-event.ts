import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { Problem, notSignedIn } from '../../platform/problem';
import { type ChildRow, loadVisibleChild, lockChildForEnrolment } from '../families/access';
import { loadVisibleEvent } from './access';
import { type RegistrationAnswer, eventWaitlistLengthOf, presentRegistration } from './event-access';
import type { RegistrationRequest } from './event-fields';
import { type RegistrationRow, lockEventSeats, takeRegistrationSeat } from './event-seats';
import { enqueueTicketLetters } from './check-in-letter';
import { eventFull, looksFull, newCheckInCode, registrationRefusal } from './registration-rules';
import { eventPolicy } from './policy';
import { eventRegistrations, eventSessions, events } from './schema';

/** Whether the answer is new (201) or the first answer to the same request again (200). */
export interface RegistrationOutcome {
  created: boolean;
  registration: RegistrationAnswer;
}

const CONSENT_PURPOSE = 'Чтобы записать ребёнка на мероприятие';

async function registrationByKey(db: Database, userId: string, idempotencyKey: string): Promise<RegistrationRow | undefined> {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.requestedBy, userId), eq(eventRegistrations.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row;
}

/** The first answer to a repeated request; the same key for another event or person is a client error, not a retry. */
async function replay(db: Database, stored: RegistrationRow, eventId: string, input: RegistrationRequest): Promise<RegistrationOutcome> {
  if (stored.eventId !== eventId || (stored.childId ?? undefined) !== input.childId) {
    throw new Problem(422, 'Ключ запроса уже использован', 'Этот ключ повторного запроса (Idempotency-Key) уже использован для другой записи. Для новой записи нужен новый ключ.', {
      code: 'idempotency_key_reused',
    });
  }
  return { created: false, registration: await presentRegistration(db, stored) };
}

export const waitlistLengthOfEvent = async (db: Database, eventId: string) =>
  (await db.select({ n: eventWaitlistLengthOf(eventId) }).from(sql`(select) as one`))[0].n;

/**
 * A teacher or head registers themself, or a guardian their child, for a published event whose registration is
 * open: a seat at once (and the section's, if one is chosen), a place in line when full and the person asked to
 * wait, or a request awaiting the organiser's approval when the event needs it. Never over capacity however many
 * press at once: the seats are taken by the shared conditional UPDATE (platform/seats) under the event's row lock.
 * A retried request carries the same Idempotency-Key and gets the first answer, even when both copies arrive at
 * once (the second insert meets the unique key and returns the winner's row).
 */
export async function registerForEvent(context: CommandContext, eventId: string, input: RegistrationRequest, idempotencyKey: string): Promise<RegistrationOutcome> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const retried = await registrationByKey(db, actor.userId, idempotencyKey);
  if (retried) return replay(db, retried, eventId, input);

  const event = await loadVisibleEvent(db, actor, eventId);
  let child: ChildRow | null = null;
  if (input.childId) {
    child = (await loadVisibleChild(db, actor, input.childId)).child;
    authorize(actor, (a) => eventPolicy.registerChild(a, child!));
  } else {
    authorize(actor, (a) => eventPolicy.registerSelf(a));
  }
  const section = input.sessionId ? ((await db.select().from(eventSessions).where(eq(eventSessions.id, input.sessionId)).limit(1))[0] ?? null) : undefined;
  const now = context.now ?? new Date();
  const refused = registrationRefusal(event, child ? { child } : { adult: actor }, section, now);
  if (refused) throw refused;
  // Most presses after the opening minutes meet a full event: say so without a transaction. The conditional UPDATE stays the only guard.
  if (!event.approvalRequired && !input.waitlist && looksFull(event, section)) throw eventFull(event, await waitlistLengthOfEvent(db, eventId), section);

  for (let attempt = 0; ; attempt++) {
    try {
      const registration = await db.transaction(async (tx) => {
        // Lock order: the child (consent in force, read under the lock), then the event, then its sections.
        if (child) await lockChildForEnrolment(tx, child.id, CONSENT_PURPOSE);
        await lockEventSeats(tx, eventId);
        const [current] = await tx.select().from(events).where(eq(events.id, eventId));
        const refusedNow = registrationRefusal(current, child ? { child } : { adult: actor }, section, now);
        if (refusedNow) throw refusedNow;
        let state: RegistrationRow['state'] = 'pending';
        if (!current.approvalRequired) {
          if (await takeRegistrationSeat(tx, eventId, section?.id ?? null)) state = 'registered';
          else if (input.waitlist) state = 'waitlisted';
          else throw eventFull(current, await waitlistLengthOfEvent(tx, eventId), section);
        }
        const [created] = await tx
          .insert(eventRegistrations)
          .values({
            eventId,
            sessionId: section?.id ?? null,
            userId: child ? null : actor.userId,
            childId: child?.id ?? null,
            state,
            requestedBy: actor.userId,
            idempotencyKey,
            checkInCode: newCheckInCode(),
            registeredAt: state === 'registered' ? now : null,
          })
          .returning();
        // Ids only: nothing that names the person.
        await recordAudit(tx, context, {
          action: `event_registration.${state}`,
          entityType: 'event_registration',
          entityId: created.id,
          after: { state, eventId, sessionId: created.sessionId, ...(child ? { childId: child.id } : { userId: actor.userId }) },
        });
        if (state === 'registered') await enqueueTicketLetters(tx, [created.id]);
        // Still under the event's lock, so the place in line is exact.
        return presentRegistration(tx, created);
      });
      return { created: true, registration };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === null) throw error;
      // Two codes alike in one event (about one in 10^11): draw again.
      if (constraint === 'event_registrations_check_in_code_key' && attempt < 3) continue;
      const winner = await registrationByKey(db, actor.userId, idempotencyKey);
      if (winner) return replay(db, winner, eventId, input);
      if (constraint === 'event_registrations_live_user_key' || constraint === 'event_registrations_live_child_key') throw alreadyRegistered(!!child);
      throw error;
    }
  }
}

export const alreadyRegistered = (isChild: boolean) =>
  new Problem(409, isChild ? 'Ребёнок уже записан' : 'Вы уже записаны', isChild ? 'Ребёнок уже записан на это мероприятие (или ждёт в листе ожидания).' : 'Вы уже записаны на это мероприятие (или ждёте в листе ожидания).', {
    code: 'already_registered',
  });
