import { type SQL, and, eq, getTableColumns, sql } from 'drizzle-orm';
import { auditEntriesFrom, recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { type SeatHolder, placeInOneStatement, promoteFromWaitlist, releaseSeat, takeSeat } from '../../platform/seats/seats';
import { preparedQuery } from '../../platform/db/prepared';
import { outboxInsertFrom } from '../../platform/mail/outbox';
import { childLockedForEnrolment } from '../families/access';
import { children } from '../families/schema';
import type { EventRow } from './access';
import { notify } from '../notifications/notify';
import { enqueueTicketLetters } from './check-in-letter';
import { eventRegistrations, eventSessions, events } from './schema';

type Context = Pick<CommandContext, 'actor' | 'ip'>;
export type RegistrationRow = typeof eventRegistrations.$inferSelect;

/**
 * An event and a section of a conference as seat holders of the shared mechanism (platform/seats): the same
 * conditional UPDATE as a programme's group, the same promotion loop. An event gives seats only while published; a
 * section only through its event. A registration naming a section holds two seats, the event's and the section's,
 * taken in that order under the event's row lock, and given back together.
 */
export const eventSeats: SeatHolder = { table: events, id: events.id, capacity: events.capacity, seatsTaken: events.seatsTaken, open: eq(events.state, 'published') };
export const sectionSeats: SeatHolder = { table: eventSessions, id: eventSessions.id, capacity: eventSessions.capacity, seatsTaken: eventSessions.seatsTaken };

/**
 * Holds the event's row until the transaction ends, and answers it as it is now (undefined once deleted). Every step
 * that changes the event's seats or its line takes it first (then sections, then registrations), so places in line
 * follow commit order and the two seats of a section's registration are never taken half; a seat taken in one
 * statement (`registerInOneStatement`) updates the row, so it waits for this lock too.
 */
export async function lockEventSeats(db: Database, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, eventId)).for('update');
  return row;
}

/** Takes the seats a registration needs (the event's, and its section's if it names one); false, having taken none, when either is full. */
export async function takeRegistrationSeat(db: Database, eventId: string, sessionId: string | null): Promise<boolean> {
  if (!(await takeSeat(db, eventSeats, eventId))) return false;
  if (sessionId && !(await takeSeat(db, sectionSeats, sessionId))) {
    await releaseSeat(db, eventSeats, eventId);
    return false;
  }
  return true;
}

/**
 * A registration with its event seat as one statement (platform/seats `placeInOneStatement`), so one round trip and
 * its own transaction: for a child, first `childLockedForEnrolment` (the child's shared lock, consent in force, the
 * grade unchanged since it was judged); then the event's seat by the shared conditional UPDATE, only while the event is
 * still at the version the caller judged (its window, audience, grades and approval unchanged: every edit of an
 * event raises it); then the registration, its audit entry and its ticket letter (when there is one to send). It
 * answers the registration, or nothing, having written nothing, when no seat was taken: the caller's transaction then
 * says why or puts the person in line. No section: a section's second seat is taken in the transaction.
 */
export const registerInOneStatement = preparedQuery((db) => {
  const p = sql.placeholder;
  const locked = childLockedForEnrolment(db, p('childId'), sql`${children.grade} is not distinct from ${p('grade')}::smallint`);
  return placeInOneStatement(db, 'register_in_one_statement', {
    holder: eventSeats,
    holderId: p('eventId'),
    first: [locked],
    alsoWhen: sql`${events.version} = ${p('version')}::int and (${p('childId')}::uuid is null or exists (select 1 from ${locked}))`,
    table: eventRegistrations,
    values: {
      eventId: sql`seat.id`,
      userId: sql`case when ${p('childId')}::uuid is null then ${p('userId')}::uuid end`,
      childId: sql`${p('childId')}::uuid`,
      state: sql`'registered'`,
      requestedBy: sql`${p('userId')}::uuid`,
      idempotencyKey: sql`${p('idempotencyKey')}::text`,
      checkInCode: sql`${p('checkInCode')}::text`,
      registeredAt: sql`${p('now')}::timestamptz`,
    },
    answer: getTableColumns(eventRegistrations),
    alongside: (created) => [
      // recordAudit's entry for 'event_registration.registered', ids only: nothing that names the person.
      auditEntriesFrom(created, {
        actorId: sql`${p('userId')}::uuid`,
        ip: sql`${p('ip')}::text`,
        action: 'event_registration.registered',
        entityType: 'event_registration',
        entityId: sql`created.id::text`,
        after: sql`jsonb_build_object('state', created.state, 'eventId', created.event_id, 'sessionId', created.session_id)
          || case when created.child_id is null then jsonb_build_object('userId', created.user_id) else jsonb_build_object('childId', created.child_id) end`,
      }),
      // enqueueTicketLetters' letter, composed by the caller (ticketLetter) with the code it drew.
      outboxInsertFrom(
        created,
        { to: sql`${p('mailTo')}::text`, userId: sql`${p('mailUserId')}::uuid`, kind: 'event_ticket', subject: sql`${p('mailSubject')}::text`, text: sql`${p('mailText')}::text`, html: sql`${p('mailHtml')}::text` },
        sql`${p('mailTo')}::text is not null`,
      ),
    ],
  });
});

/** Gives back the seats of a registration that held one. */
export async function releaseRegistrationSeat(db: Database, registration: Pick<RegistrationRow, 'eventId' | 'sessionId'>): Promise<void> {
  await releaseSeat(db, eventSeats, registration.eventId);
  if (registration.sessionId) await releaseSeat(db, sectionSeats, registration.sessionId);
}

/** Who is told about a registration: the adult registered, or the child's guardian. */
export async function registrantUserId(db: Database, registration: Pick<RegistrationRow, 'userId' | 'childId'>): Promise<string | null> {
  if (registration.userId) return registration.userId;
  const [child] = await db.select({ guardianUserId: children.guardianUserId }).from(children).where(eq(children.id, registration.childId!));
  return child?.guardianUserId ?? null;
}

/** A waiting registration whose section (if it names one) has a free seat, as a condition on `event_registrations`. */
const sectionHasRoom = sql`(${eventRegistrations.sessionId} is null or exists (select 1 from ${eventSessions} where ${eventSessions.id} = ${eventRegistrations.sessionId} and (${eventSessions.capacity} is null or ${eventSessions.seatsTaken} < ${eventSessions.capacity})))`;

/**
 * Moves the first in line into every free seat of the event (the shared promotion loop): someone waiting for a
 * full section is passed over for the next who fits. Each promoted person (a child's guardian) is notified. Call
 * inside a transaction holding the event's lock; returns the promoted registrations.
 */
export async function promoteEventWaitlist(db: Database, context: Context, eventId: string) {
  return promoteFromWaitlist<{ id: string; sessionId: string | null; userId: string | null; childId: string | null }>(db, {
    table: eventRegistrations,
    id: eventRegistrations.id,
    queueNo: eventRegistrations.queueNo,
    waiting: and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.state, 'waitlisted'), sectionHasRoom) as SQL,
    columns: { id: eventRegistrations.id, sessionId: eventRegistrations.sessionId, userId: eventRegistrations.userId, childId: eventRegistrations.childId },
    seat: (tx, next) => takeRegistrationSeat(tx, eventId, next.sessionId),
    promote: async (tx, next) => {
      const now = new Date();
      await tx
        .update(eventRegistrations)
        .set({ state: 'registered', registeredAt: now, updatedAt: now, version: sql`${eventRegistrations.version} + 1` })
        .where(eq(eventRegistrations.id, next.id));
      await recordAudit(tx, context, { action: 'event_registration.promoted', entityType: 'event_registration', entityId: next.id, before: { state: 'waitlisted' }, after: { state: 'registered' } });
      await enqueueTicketLetters(tx, [next.id]);
      const [event] = await tx.select({ title: events.title }).from(events).where(eq(events.id, eventId));
      const userId = await registrantUserId(tx, next);
      if (userId) {
        await notify(tx, [
          {
            userId,
            kind: 'event_promoted',
            title: `Место на мероприятии «${event.title}»`,
            body: next.childId
              ? 'Освободилось место, и ребёнок записан из листа ожидания. Если место не нужно, отмените запись, чтобы его получил следующий.'
              : 'Освободилось место, и вы записаны из листа ожидания. Если место не нужно, отмените запись, чтобы его получил следующий.',
            link: `/events/${eventId}`,
            data: { registrationId: next.id, eventId },
          },
        ]);
      }
    },
  });
}

/**
 * Ends a live registration (cancelled by the person, rejected by the organiser): a seat it held goes at once to the
 * first in line. Call inside a transaction holding the event's lock and the registration's row lock.
 */
export async function endRegistration(db: Database, context: Context, registration: RegistrationRow, state: 'cancelled' | 'rejected', reason?: string): Promise<RegistrationRow> {
  const now = new Date();
  const [ended] = await db
    .update(eventRegistrations)
    .set({ state, endedAt: now, updatedAt: now, version: sql`${eventRegistrations.version} + 1` })
    .where(eq(eventRegistrations.id, registration.id))
    .returning();
  await recordAudit(db, context, {
    action: `event_registration.${state}`,
    entityType: 'event_registration',
    entityId: registration.id,
    before: { state: registration.state },
    after: reason ? { state, reason } : { state },
  });
  if (registration.state === 'registered') {
    await releaseRegistrationSeat(db, registration);
    await promoteEventWaitlist(db, context, registration.eventId);
  }
  return ended;
}
