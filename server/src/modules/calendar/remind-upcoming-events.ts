import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { addDays, momentText } from '../../platform/dates';
import { eventRegistrations, events } from '../events/schema';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { regionTimezone } from '../territory/region-clock';
import { overlapsDays } from './calendar-range';

/** Reminders of tomorrow's events go out from this hour of the region's day, not at midnight. */
export const REMINDER_HOUR = 10;

const localHour = (instant: Date, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(instant));

/**
 * The daily chore: the day before a published event starts (from REMINDER_HOUR in the region), everyone with a seat
 * at it hears of it — the person registered, or the guardian of a child registered — by a notification, and by e-mail
 * as each has chosen (notify: at once, in the daily digest, or not). Once per person, event and start: a reminder
 * already given for that start is not given again, so the chore runs every hour on every server; moving the event
 * to another day gives a new one. Answers how many notifications it left.
 */
export async function remindUpcomingEvents(db: Database, now = new Date()): Promise<number> {
  const timeZone = await regionTimezone(db);
  if (localHour(now, timeZone) < REMINDER_HOUR) return 0;
  const tomorrow = addDays(new Intl.DateTimeFormat('en-CA', { timeZone }).format(now), 1);
  const seats = await db
    .select({
      eventId: events.id,
      title: events.title,
      startsAt: events.startsAt,
      format: events.format,
      address: events.address,
      organizationName: organizations.shortName,
      userId: sql<string>`coalesce(${eventRegistrations.userId}, ${children.guardianUserId})`,
      childName: children.fullName,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .innerJoin(eventRegistrations, and(eq(eventRegistrations.eventId, events.id), eq(eventRegistrations.state, 'registered')))
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    // Starts tomorrow: overlaps tomorrow and does not start before it.
    .where(and(eq(events.state, 'published'), overlapsDays({ from: tomorrow, to: tomorrow }), sql`${events.startsAt} >= (${tomorrow}::date)::timestamp at time zone ${timeZone}`));
  if (!seats.length) return 0;
  return db.transaction(async (tx) => {
    const given = await tx
      .select({ userId: notifications.userId, eventId: sql<string>`${notifications.data}->>'eventId'`, startsAt: sql<string>`${notifications.data}->>'startsAt'` })
      .from(notifications)
      .where(and(eq(notifications.kind, 'event_reminder'), inArray(sql`${notifications.data}->>'eventId'`, [...new Set(seats.map((s) => s.eventId))])));
    const already = new Set(given.map((g) => `${g.userId}:${g.eventId}:${g.startsAt}`));
    const byPerson = new Map<string, { seat: (typeof seats)[number]; childNames: string[] }>();
    for (const seat of seats) {
      const key = `${seat.userId}:${seat.eventId}:${seat.startsAt.toISOString()}`;
      if (already.has(key)) continue;
      const entry = byPerson.get(key) ?? { seat, childNames: [] };
      if (seat.childName) entry.childNames.push(seat.childName);
      byPerson.set(key, entry);
    }
    const drafts = [...byPerson.values()].map(({ seat, childNames }) => ({
      userId: seat.userId,
      kind: 'event_reminder' as const,
      title: `Завтра: «${seat.title}», ${momentText(seat.startsAt, timeZone)}`,
      body: [
        `Организатор — ${seat.organizationName}.`,
        seat.format === 'online' ? 'Онлайн: ссылка — на странице мероприятия.' : seat.address ? `Место: ${seat.address}.` : '',
        childNames.length ? `${childNames.length === 1 ? 'Зарегистрирован(а)' : 'Зарегистрированы'}: ${childNames.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      link: `/events/${seat.eventId}`,
      data: { eventId: seat.eventId, startsAt: seat.startsAt.toISOString() },
    }));
    await notify(tx, drafts);
    return drafts.length;
  });
}
