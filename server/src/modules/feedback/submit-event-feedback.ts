import type { CommandContext } from '../../platform/context';
import { Problem, forbidden, invalid, notSignedIn } from '../../platform/problem';
import { loadVisibleEvent } from '../events/access';
import { eventHasEnded, respondentRegistrations } from './event-respondents';
import type { EventFeedbackAnswer } from './feedback-fields';
import { recordFeedback } from './record-feedback';

/**
 * A participant answers the event's short survey once the event is over: once per registration (their own, or
 * their child's when they are its guardian). Before the end, for a cancelled event, or a second time it is a
 * Russian problem and nothing is stored.
 */
export async function submitEventFeedback(context: CommandContext, eventId: string, input: EventFeedbackAnswer) {
  if (!context.actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const mine = await respondentRegistrations(context.db, context.actor, event.id);
  if (!mine.length) throw forbidden('Опрос проходят участники мероприятия: записи на него у вас нет.');
  if (event.state === 'cancelled') throw new Problem(409, 'Мероприятие отменено', 'Мероприятие отменено — отзыв о нём не собирается.');
  if (!eventHasEnded(event, context.now)) {
    throw new Problem(409, 'Мероприятие ещё не закончилось', 'Отзыв можно оставить после окончания мероприятия.');
  }
  const registration = input.registrationId ? mine.find((r) => r.id === input.registrationId) : (mine.find((r) => r.userId === context.actor!.userId) ?? (mine.length === 1 ? mine[0] : undefined));
  if (!registration) {
    throw invalid(input.registrationId ? 'Это не ваша запись на мероприятие.' : 'Выберите, за чью запись вы отвечаете.', [{ field: 'registrationId', message: 'Укажите запись' }]);
  }
  const row = await recordFeedback(context, { kind: 'event', id: event.id }, registration.id, input);
  return { registrationId: registration.id, rating: row.rating, comment: row.comment, createdAt: row.createdAt };
}
