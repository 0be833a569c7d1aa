import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/context';
import { Problem } from '../../platform/problem';
import type { ChildRow } from '../families/access';
import type { EventRow } from './access';
import { registrationOpen } from './event-access';
import { adultAudiences } from './policy';
import type { eventSessions } from './schema';

type SessionRow = typeof eventSessions.$inferSelect;

/** No 0/O, 1/I/L: a code read aloud or typed from a phone at the door. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 8 characters of 31: about 8.5·10^11 codes, so two registrations of one event share one with negligible odds (the unique index settles it). */
export function newCheckInCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

const closedWindow = (event: EventRow, now: Date) => {
  if (event.state === 'cancelled') return new Problem(409, 'Мероприятие отменено', `Мероприятие «${event.title}» отменено: записаться на него нельзя.`, { code: 'event_cancelled' });
  if (event.state === 'finished') return new Problem(409, 'Мероприятие завершено', `Мероприятие «${event.title}» уже прошло.`, { code: 'event_finished' });
  if (event.state === 'draft') return new Problem(409, 'Мероприятие не опубликовано', 'Записаться можно после публикации мероприятия.', { code: 'event_draft' });
  if (event.registrationOpensAt && now < event.registrationOpensAt) {
    return new Problem(409, 'Регистрация ещё не открыта', 'Регистрация на мероприятие ещё не началась: посмотрите на его странице, когда она откроется.', {
      code: 'registration_not_open',
      opensAt: event.registrationOpensAt.toISOString(),
    });
  }
  return new Problem(409, 'Регистрация закрыта', 'Регистрация на это мероприятие уже закончилась.', { code: 'registration_closed' });
};

/**
 * Why this registration may not be made, or null: the event open for registration now, the person in its audience
 * (an adult by the roles they hold, a child as a student of the grades it is for), the section one of the event's.
 * The same words for self, child and group registrations.
 */
export function registrationRefusal(
  event: EventRow,
  who: { adult: Actor } | { child: Pick<ChildRow, 'grade'> },
  section: SessionRow | null | undefined,
  now: Date,
): Problem | null {
  if (!registrationOpen(event, now)) return closedWindow(event, now);
  const audiences = event.audiences;
  if ('adult' in who) {
    const mine = adultAudiences(who.adult);
    if (audiences.length && !audiences.some((a) => mine.includes(a))) {
      return new Problem(
        409,
        'Мероприятие для другой аудитории',
        audiences.includes('students')
          ? 'Это мероприятие для обучающихся: запишите на него ребёнка или группу своей школы.'
          : 'Это мероприятие не для вашей роли: посмотрите, для кого оно, на его странице.',
        { code: 'audience_mismatch' },
      );
    }
  } else {
    if (audiences.length && !audiences.includes('students') && !audiences.includes('public')) {
      return new Problem(409, 'Мероприятие не для обучающихся', 'На это мероприятие записываются взрослые: обучающихся на него не записывают.', { code: 'audience_mismatch' });
    }
    const grade = who.child.grade;
    if (grade !== null && ((event.gradeFrom !== null && grade < event.gradeFrom) || (event.gradeTo !== null && grade > event.gradeTo))) {
      const [from, to] = [event.gradeFrom ?? 1, event.gradeTo ?? 11];
      return new Problem(409, 'Не тот класс', `Мероприятие для обучающихся ${from}–${to} классов, а ребёнок учится в ${grade} классе.`, { code: 'grade_mismatch' });
    }
  }
  if (section === undefined) return null;
  if (section === null || section.eventId !== event.id || !section.isSection) {
    return new Problem(409, 'Нет такой секции', 'Выбранной секции нет в программе мероприятия: обновите страницу и выберите секцию ещё раз.', { code: 'section_unknown' });
  }
  return null;
}

/** 409 `event_full`: no seat (in the event or the section), with how many wait, so the person can decide to join them. */
export function eventFull(event: Pick<EventRow, 'title'>, waiting: number, section?: Pick<SessionRow, 'title'> | null): Problem {
  const line = waiting ? ` (сейчас в нём ${waiting})` : '';
  const detail = section
    ? `Все места в секции «${section.title}» мероприятия «${event.title}» заняты. Можно встать в лист ожидания${line}: когда место освободится, запись произойдёт автоматически и придёт уведомление.`
    : `Все места на мероприятии «${event.title}» заняты. Можно встать в лист ожидания${line}: когда место освободится, запись произойдёт автоматически и придёт уведомление.`;
  return new Problem(409, 'Мест нет', detail, { code: 'event_full', waitlistLength: waiting });
}

/** Whether the event or the section has no free seat as read (the conditional UPDATE is the only guard; this is the quick answer). */
export const looksFull = (event: Pick<EventRow, 'capacity' | 'seatsTaken'>, section: Pick<SessionRow, 'capacity' | 'seatsTaken'> | null | undefined) =>
  (event.capacity !== null && event.seatsTaken >= event.capacity) || (!!section && section.capacity !== null && section.seatsTaken >= section.capacity);
