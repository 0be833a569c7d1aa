import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem, notSignedIn } from '../../platform/problem';
import { lockManagedEvent, presentEvent } from './event-access';
import { eventSpeakers } from './schema';

/**
 * The organisers take a speaker off the programme. A certificate already issued to them stays until revoked on the
 * certificates page (it is a document of its own); the next issuing gives none for this session.
 */
export async function removeEventSpeaker(context: CommandContext, eventId: string, speakerId: string) {
  if (!context.actor) throw notSignedIn();
  const row = await context.db.transaction(async (tx) => {
    const event = await lockManagedEvent(tx, context, eventId);
    if (event.state === 'cancelled') throw new Problem(409, 'Мероприятие отменено', 'У отменённого мероприятия программа не меняется.');
    const [removed] = await tx.delete(eventSpeakers).where(and(eq(eventSpeakers.id, speakerId), eq(eventSpeakers.eventId, eventId))).returning();
    if (!removed) throw new Problem(404, 'Не найдено', 'Этого спикера уже нет в программе мероприятия. Обновите страницу.');
    await recordAudit(tx, context, {
      action: 'event.speaker_removed',
      entityType: 'event',
      entityId: eventId,
      before: { speakerId: removed.id, sessionId: removed.sessionId, userId: removed.userId, guestName: removed.userId ? null : removed.name },
    });
    return event;
  });
  return presentEvent(context.db, context.actor, row);
}
