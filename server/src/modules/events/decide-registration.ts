import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { notify } from '../notifications/notify';
import { enqueueTicketLetters } from './check-in-letter';
import { lockLiveRegistration, lockManagedEvent, presentRegistration } from './event-access';
import { endRegistration, registrantUserId, takeRegistrationSeat } from './event-seats';
import { loadOwnRegistration } from './cancel-registration';
import { eventRegistrations } from './schema';

/**
 * An organiser approves a request of an event that needs approval: it takes a seat (and its section's), or, when
 * none is free, waits in line in the order it was made — and the person is told which.
 */
export async function approveRegistration(context: CommandContext, id: string, input: { version: number }) {
  const { registration } = await loadOwnRegistration(context, id);
  const answered = await context.db.transaction(async (tx) => {
    const event = await lockManagedEvent(tx, context, registration.eventId);
    const current = await lockLiveRegistration(tx, id, input.version);
    if (current.state !== 'pending') throw new Problem(409, 'Запись уже подтверждена', 'Эта запись не ждёт подтверждения. Обновите страницу.', { state: current.state });
    if (event.state !== 'published') throw new Problem(409, 'Мероприятие не идёт', 'Подтверждать записи можно, пока мероприятие опубликовано.');
    const seated = await takeRegistrationSeat(tx, event.id, current.sessionId);
    const now = new Date();
    const [updated] = await tx
      .update(eventRegistrations)
      .set({ state: seated ? 'registered' : 'waitlisted', registeredAt: seated ? now : null, updatedAt: now, version: sql`${eventRegistrations.version} + 1` })
      .where(eq(eventRegistrations.id, id))
      .returning();
    await recordAudit(tx, context, { action: 'event_registration.approved', entityType: 'event_registration', entityId: id, before: { state: 'pending' }, after: { state: updated.state } });
    if (seated) await enqueueTicketLetters(tx, [id]);
    const userId = await registrantUserId(tx, current);
    if (userId) {
      await notify(tx, [
        {
          userId,
          kind: 'event_registration_approved',
          title: `Запись на мероприятие «${event.title}» подтверждена`,
          body: seated ? 'Организаторы подтвердили запись: место за вами.' : 'Организаторы подтвердили запись, но все места уже заняты: вы в листе ожидания, и когда место освободится, запись произойдёт автоматически.',
          link: `/events/${event.id}`,
          data: { registrationId: id, eventId: event.id },
        },
      ]);
    }
    return presentRegistration(tx, updated);
  });
  return answered;
}

/** An organiser turns down a request or takes someone off the list, with a reason the person is told; a freed seat goes to the first in line. */
export async function rejectRegistration(context: CommandContext, id: string, input: { version: number; reason: string }) {
  const { registration } = await loadOwnRegistration(context, id);
  const ended = await context.db.transaction(async (tx) => {
    const event = await lockManagedEvent(tx, context, registration.eventId);
    if (event.state === 'finished') throw new Problem(409, 'Мероприятие завершено', 'Мероприятие уже прошло: список участников не меняется.');
    const current = await lockLiveRegistration(tx, id, input.version);
    const rejected = await endRegistration(tx, context, current, 'rejected', input.reason);
    const userId = await registrantUserId(tx, current);
    if (userId) {
      await notify(tx, [
        {
          userId,
          kind: 'event_registration_rejected',
          title: current.state === 'pending' ? `Запись на мероприятие «${event.title}» не подтверждена` : `Запись на мероприятие «${event.title}» отменена организаторами`,
          body: `Причина, которую указали организаторы: ${input.reason}`,
          link: `/events/${event.id}`,
          data: { registrationId: id, eventId: event.id },
        },
      ]);
    }
    return rejected;
  });
  return presentRegistration(context.db, ended);
}
