import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { preparedQuery } from '../../platform/db/prepared';
import { mailQueued, outboxRow } from '../../platform/mail/outbox';
import { users } from '../accounts/schema';
import { type ChildRow, consentColumn, lockChildForEnrolment, relationToChild } from '../families/access';
import { children } from '../families/schema';
import { regionTimezoneColumn } from '../territory/region-clock';
import { loadVisibleEvent, visibleEvents } from './access';
import { type RegistrationAnswer, eventWaitlistLengthOf, presentRegistration } from './event-access';
import type { RegistrationRequest } from './event-fields';
import { type RegistrationRow, lockEventSeats, registerInOneStatement, takeRegistrationSeat } from './event-seats';
import { enqueueTicketLetters, ticketLetter } from './check-in-letter';
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
 * Everything a registration is judged by before its seat, in one round trip: the event, whether everyone may see it
 * (THE visibility rule asked for nobody in particular: what anyone sees, every signed-in person sees; for the rest the
 * rule is asked for the caller), how many wait when it is full, whether this key was used before, the section and the
 * child named, the child's consent, and what the ticket letter needs (the region's time zone, the recipient: the
 * person, or the child's guardian). No row when the event is missing.
 */
const registrationFacts = preparedQuery((db) => {
  const p = sql.placeholder;
  return db
    .select({
      event: events,
      seenByAll: sql<boolean>`coalesce(${visibleEvents(null)}, true)`,
      waiting: sql<number | null>`case when ${events.seatsTaken} >= ${events.capacity} or ${eventSessions.id} is not null then ${eventWaitlistLengthOf(events.id)} end`,
      retried: sql<boolean>`exists (select 1 from ${eventRegistrations} where ${eventRegistrations.requestedBy} = ${p('userId')} and ${eventRegistrations.idempotencyKey} = ${p('idempotencyKey')})`,
      section: eventSessions,
      child: children,
      consent: consentColumn,
      timezone: regionTimezoneColumn,
      recipient: { id: users.id, email: users.email, fullName: users.fullName, disabledAt: users.disabledAt },
    })
    .from(events)
    .leftJoin(eventSessions, eq(eventSessions.id, p('sessionId')))
    .leftJoin(children, eq(children.id, p('childId')))
    .leftJoin(users, eq(users.id, sql`coalesce(${children.guardianUserId}, ${p('userId')}::uuid)`))
    .where(eq(events.id, p('eventId')))
    .prepare('registration_facts');
});

/**
 * A teacher or head registers themself, or a guardian their child, for a published event whose registration is
 * open: a seat at once (and the section's, if one is chosen), a place in line when full and the person asked to
 * wait, or a request awaiting the organiser's approval when the event needs it. Never over capacity however many
 * press at once: the seats are taken by the shared conditional UPDATE (platform/seats), in one statement when it
 * is the common case (a seat free, no approval, no section), else under the event's row lock. A retried request
 * carries the same Idempotency-Key and gets the first answer, even when both copies arrive at once (the second
 * insert meets the unique key and returns the winner's row).
 */
export async function registerForEvent(context: CommandContext, eventId: string, input: RegistrationRequest, idempotencyKey: string): Promise<RegistrationOutcome> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const [facts] = await registrationFacts(db).execute({ eventId, userId: actor.userId, idempotencyKey, childId: input.childId ?? null, sessionId: input.sessionId ?? null });
  if (!facts || facts.retried) {
    const retried = await registrationByKey(db, actor.userId, idempotencyKey);
    if (retried) return replay(db, retried, eventId, input);
  }
  const event = facts?.seenByAll ? facts.event : await loadVisibleEvent(db, actor, eventId);
  let child: ChildRow | null = null;
  if (input.childId) {
    child = facts.child;
    if (!child || !(await relationToChild(db, actor, child))) throw notFound('Ребёнок');
    authorize(actor, (a) => eventPolicy.registerChild(a, child!));
  } else {
    authorize(actor, (a) => eventPolicy.registerSelf(a));
  }
  const section = input.sessionId ? facts.section : undefined;
  const now = context.now ?? new Date();
  const refused = registrationRefusal(event, child ? { child } : { adult: actor }, section, now);
  if (refused) throw refused;
  const full = looksFull(event, section);
  // Most presses after the opening minutes meet a full event: say so without a transaction. The conditional UPDATE stays the only guard.
  if (!event.approvalRequired && !input.waitlist && full) throw eventFull(event, facts.waiting ?? 0, section);
  // The common case in one statement; when it takes no seat (a race for the last one, the event or the child changed)
  // it has written nothing, and the transaction below decides with the locks held, as always.
  const oneStatement = !event.approvalRequired && !section && !full && (!child || facts.consent);

  for (let attempt = 0; ; attempt++) {
    try {
      const checkInCode = newCheckInCode();
      if (oneStatement) {
        const { recipient } = facts;
        const ticket =
          recipient?.id && !recipient.disabledAt
            ? outboxRow(
                await ticketLetter({ code: checkInCode, eventId, title: event.title, startsAt: event.startsAt, address: event.address, timezone: facts.timezone, childName: child?.fullName ?? null, to: recipient.email, userId: recipient.id, fullName: recipient.fullName }),
              )
            : null;
        const [seated] = await registerInOneStatement(db).execute({
          eventId,
          version: event.version,
          childId: child?.id ?? null,
          grade: child?.grade ?? null,
          userId: actor.userId,
          idempotencyKey,
          checkInCode,
          now,
          ip: context.ip,
          mailTo: ticket?.toAddress ?? null,
          mailUserId: ticket?.userId ?? null,
          mailSubject: ticket?.subject ?? null,
          mailText: ticket?.textBody ?? null,
          mailHtml: ticket?.htmlBody ?? null,
        });
        if (seated) {
          if (ticket) mailQueued();
          return { created: true, registration: await presentRegistration(db, seated) };
        }
      }
      const registration = await db.transaction(async (tx) => {
        // Lock order: the child (consent in force, read under the lock), then the event, then its sections.
        if (child) await lockChildForEnrolment(tx, child.id, CONSENT_PURPOSE);
        const current = await lockEventSeats(tx, eventId);
        if (!current) throw notFound('Мероприятие');
        const refusedNow = registrationRefusal(current, child ? { child } : { adult: actor }, section, now);
        if (refusedNow) throw refusedNow;
        let state: RegistrationRow['state'] = 'pending';
        if (!current.approvalRequired) {
          // Under the event's lock its seats are as read: a full event takes no seat, without asking.
          if (!looksFull(current, undefined) && (await takeRegistrationSeat(tx, eventId, section?.id ?? null))) state = 'registered';
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
            checkInCode,
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
