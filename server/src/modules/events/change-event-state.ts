import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import type { EventRow } from './access';
import { lockManagedEvent, presentEvent } from './event-access';
import { eventRegistrations, eventSessions, events, liveRegistrationStates } from './schema';

const unavailable = (title: string, detail: string) => new Problem(409, title, detail);

/** Publishes a draft: it appears in the calendars, and registration opens as its window says. */
export async function publishEvent(context: CommandContext, id: string, version: number) {
  const now = context.now ?? new Date();
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedEvent(tx, context, id, version);
    if (current.state !== 'draft') throw unavailable('Мероприятие уже опубликовано', 'Опубликовать можно только черновик.');
    if (current.endsAt <= now) throw unavailable('Мероприятие уже прошло', 'Мероприятие, которое уже закончилось, не публикуется: проверьте даты.');
    if (current.format !== 'online' && !current.address) throw unavailable('Нет адреса', 'Укажите адрес мероприятия, чтобы участники знали, куда прийти.');
    if (current.format !== 'in_person' && !current.onlineUrl) throw unavailable('Нет ссылки', 'Укажите ссылку на трансляцию: её увидят записавшиеся.');
    return setState(tx, context, current, { state: 'published', publishedAt: now }, 'event.published');
  });
  return presentEvent(context.db, context.actor, row, now);
}

/** Marks a published event held: after its start; registrations stay (attendance and certificates follow). */
export async function finishEvent(context: CommandContext, id: string, version: number) {
  const now = context.now ?? new Date();
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedEvent(tx, context, id, version);
    if (current.state !== 'published') throw unavailable('Мероприятие не идёт', 'Завершить можно только опубликованное мероприятие.');
    if (current.startsAt > now) throw unavailable('Мероприятие ещё не началось', 'Мероприятие можно завершить после его начала.');
    return setState(tx, context, current, { state: 'finished' }, 'event.finished');
  });
  return presentEvent(context.db, context.actor, row, now);
}

/**
 * Cancels a draft or a published event with a reason: every live registration ends (cancelled), the seats are given
 * back, and everyone registered, waiting or awaiting approval is told why — in the same transaction.
 */
export async function cancelEvent(context: CommandContext, id: string, input: { version: number; reason: string }) {
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedEvent(tx, context, id, input.version);
    if (current.state === 'finished' || current.state === 'cancelled') {
      throw unavailable(current.state === 'finished' ? 'Мероприятие завершено' : 'Мероприятие уже отменено', 'Отменить можно только черновик или опубликованное мероприятие.');
    }
    const now = new Date();
    const ended = await tx
      .update(eventRegistrations)
      .set({ state: 'cancelled', endedAt: now, updatedAt: now, version: sql`${eventRegistrations.version} + 1` })
      .where(and(eq(eventRegistrations.eventId, id), inArray(eventRegistrations.state, [...liveRegistrationStates])))
      .returning({ id: eventRegistrations.id, userId: eventRegistrations.userId, childId: eventRegistrations.childId, requestedBy: eventRegistrations.requestedBy });
    await tx.update(eventSessions).set({ seatsTaken: 0 }).where(eq(eventSessions.eventId, id));
    const cancelled = await setState(tx, context, current, { state: 'cancelled', cancelReason: input.reason, seatsTaken: 0 }, 'event.cancelled', { reason: input.reason, registrationsEnded: ended.length });
    const childIds = ended.flatMap((r) => (r.childId ? [r.childId] : []));
    const guardians = childIds.length ? await tx.select({ id: children.id, guardianUserId: children.guardianUserId }).from(children).where(inArray(children.id, childIds)) : [];
    const guardianOf = new Map(guardians.map((g) => [g.id, g.guardianUserId]));
    // The person registered or the child's guardian, and whoever registered them (a school's head), each once.
    const told = new Set<string>();
    for (const r of ended) {
      for (const userId of [r.userId ?? guardianOf.get(r.childId!), r.requestedBy]) if (userId) told.add(userId);
    }
    await notify(
      tx,
      [...told].map((userId) => ({
        userId,
        kind: 'event_cancelled' as const,
        title: `Мероприятие «${current.title}» отменено`,
        body: `Причина, которую указали организаторы: ${input.reason}`,
        link: `/events/${id}`,
        data: { eventId: id },
      })),
    );
    return cancelled;
  });
  return presentEvent(context.db, context.actor, row);
}

async function setState(tx: CommandContext['db'], context: CommandContext, current: EventRow, values: Partial<EventRow>, action: string, extra: Record<string, unknown> = {}) {
  const [updated] = await tx
    .update(events)
    .set({ ...values, version: sql`${events.version} + 1`, updatedAt: new Date() })
    .where(eq(events.id, current.id))
    .returning();
  await recordAudit(tx, context, { action, entityType: 'event', entityId: current.id, before: { state: current.state }, after: { state: updated.state, ...extra } });
  return updated;
}
