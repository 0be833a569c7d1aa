import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem, invalid, notSignedIn } from '../../platform/problem';
import { users } from '../accounts/schema';
import { lockManagedEvent, presentEvent } from './event-access';
import type { SpeakerAssignment } from './event-fields';
import { speakerCandidates } from './event-speakers';
import { eventSessions, eventSpeakers } from './schema';

const refusal = 'Спикер не добавлен.';

/**
 * The organisers make someone a speaker of a session or section: a person with an account among those they may
 * pick (`speakerCandidates`), who then receives a certificate of a speaker when certificates are issued, or a guest
 * by name only. Under the event's row lock, so two organisers adding the same speaker at once add one (409 to the
 * second; the unique indexes stand behind it). A cancelled event's programme no longer changes.
 */
export async function assignEventSpeaker(context: CommandContext, eventId: string, input: SpeakerAssignment) {
  if (!context.actor) throw notSignedIn();
  const actor = context.actor;
  const row = await context.db.transaction(async (tx) => {
    const event = await lockManagedEvent(tx, context, eventId);
    if (event.state === 'cancelled') throw new Problem(409, 'Мероприятие отменено', 'У отменённого мероприятия спикеров не назначают.');
    const [session] = await tx
      .select({ id: eventSessions.id, title: eventSessions.title })
      .from(eventSessions)
      .where(and(eq(eventSessions.id, input.sessionId), eq(eventSessions.eventId, eventId)));
    if (!session) throw invalid(refusal, [{ field: 'sessionId', message: 'Такой секции в программе мероприятия нет: обновите страницу' }]);
    let speaker: { userId: string | null; name: string };
    if (input.userId) {
      const [person] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.userId), isNull(users.disabledAt), speakerCandidates(actor, eventId)));
      if (!person) {
        throw invalid(refusal, [
          { field: 'userId', message: 'Этого человека нельзя назначить спикером: выберите сотрудника организации-организатора или найдите человека по фамилии среди доступных вам' },
        ]);
      }
      speaker = { userId: person.id, name: '' };
    } else {
      speaker = { userId: null, name: input.name! };
    }
    const [taken] = await tx
      .select({ id: eventSpeakers.id })
      .from(eventSpeakers)
      .where(and(eq(eventSpeakers.sessionId, session.id), speaker.userId ? eq(eventSpeakers.userId, speaker.userId) : and(isNull(eventSpeakers.userId), eq(eventSpeakers.name, speaker.name))))
      .limit(1);
    // Names stay out of the problem's text: a problem is translated whole, and names are not.
    if (taken) throw new Problem(409, 'Спикер уже назначен', 'Этот спикер уже в списке спикеров этой секции. Обновите страницу.');
    const [created] = await tx
      .insert(eventSpeakers)
      .values({ eventId, sessionId: session.id, userId: speaker.userId, name: speaker.name, createdBy: actor.userId })
      .returning();
    await recordAudit(tx, context, {
      action: 'event.speaker_assigned',
      entityType: 'event',
      entityId: eventId,
      after: { speakerId: created.id, sessionId: session.id, userId: speaker.userId, guestName: speaker.userId ? null : speaker.name },
    });
    return event;
  });
  return presentEvent(context.db, actor, row);
}
