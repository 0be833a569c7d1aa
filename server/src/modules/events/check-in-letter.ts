import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { composeLetter } from '../../platform/mail/letter';
import { absoluteUrl } from '../../platform/mail/links';
import { type OutgoingMail, enqueueMail } from '../../platform/mail/outbox';
import { momentText } from '../../platform/dates';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { regionTimezoneColumn } from '../territory/region-clock';
import { ticketModules, ticketPayload } from './check-in-ticket';
import { eventRegistrations, events } from './schema';

/** What a ticket letter says: the registration's code, the event, and whom it goes to (a child's guardian, for a child). */
export interface TicketFacts {
  code: string;
  eventId: string;
  title: string;
  startsAt: Date;
  address: string;
  timezone: string;
  childName: string | null;
  to: string;
  userId: string;
  fullName: string;
}

/** The ticket letter: the QR code drawn in it and the code under it. */
export async function ticketLetter(r: TicketFacts): Promise<OutgoingMail> {
  const payload = ticketPayload(r.eventId, r.code);
  const who = r.childName ? `${r.childName} ` : '';
  return {
    to: r.to,
    userId: r.userId,
    kind: 'event_ticket',
    letter: composeLetter({
      subject: `Билет: ${r.title}`,
      greeting: `Здравствуйте, ${r.fullName}!`,
      paragraphs: [
        `${r.childName ? `${who}записан(а)` : 'Вы записаны'} на мероприятие «${r.title}», ${momentText(r.startsAt, r.timezone)}${r.address ? `, ${r.address}` : ''}.`,
        'На входе покажите этот QR-код с телефона или назовите код под ним.',
      ],
      qr: { modules: await ticketModules(payload), caption: `Код: ${r.code.replace(/^(.{4})/, '$1-')}` },
      action: { label: 'Открыть мероприятие', url: absoluteUrl(`/events/${r.eventId}`) },
    }),
  };
}

/**
 * The ticket by e-mail: to the person registered, or to a child's guardian, once a registration holds its place —
 * the QR code drawn in the letter and the code under it. Call it in the transaction that made the registrations
 * `registered` (registration, approval, promotion); a school's group gets no letters (its head prints the list).
 */
export async function enqueueTicketLetters(db: Database, registrationIds: readonly string[]): Promise<void> {
  if (registrationIds.length === 0) return;
  const rows = await db
    .select({
      id: eventRegistrations.id,
      code: eventRegistrations.checkInCode,
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      address: events.address,
      timezone: regionTimezoneColumn,
      childName: children.fullName,
      to: users.email,
      userId: users.id,
      fullName: users.fullName,
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .innerJoin(users, eq(users.id, sql`coalesce(${eventRegistrations.userId}, ${children.guardianUserId})`))
    .where(and(inArray(eventRegistrations.id, [...registrationIds]), eq(eventRegistrations.state, 'registered'), sql`${eventRegistrations.onBehalfOfOrganizationId} is null`, sql`${users.disabledAt} is null`));
  const mails = await Promise.all(rows.map(ticketLetter));
  await enqueueMail(db, mails);
}
