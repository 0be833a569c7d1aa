import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { absoluteUrl } from '../../platform/mail/links';
import type { EventFormat, EventState } from '../events/schema';

/** What a feed says of one event: no online link (a feed address travels to calendar services), the event's page instead. */
export interface FeedEvent {
  id: string;
  title: string;
  description: string;
  format: EventFormat;
  address: string;
  lat: number | null;
  lon: number | null;
  state: EventState;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  organizationName: string;
  /** The person's own place, in a personal feed: a waitlisted or pending one is tentative. */
  tentative?: boolean;
}

/** How often calendar programs should fetch a feed again. */
const REFRESH_SECONDS = 3600;
const DESCRIPTION_LIMIT = 1000;

/** An ICS calendar (RFC 5545) of the events, times in UTC; a cancelled event stays, marked so, for programs to remove it. */
export function eventsCalendar(name: string, rows: FeedEvent[]): string {
  const calendar = ical({ name, prodId: { company: 'Orbita', product: 'calendar', language: 'RU' }, method: ICalCalendarMethod.PUBLISH, ttl: REFRESH_SECONDS });
  for (const row of rows) {
    const url = absoluteUrl(`/events/${row.id}`);
    const text = row.description.length > DESCRIPTION_LIMIT ? `${row.description.slice(0, DESCRIPTION_LIMIT)}…` : row.description;
    calendar.createEvent({
      id: `${row.id}@orbita`,
      start: row.startsAt,
      end: row.endsAt,
      stamp: row.updatedAt,
      lastModified: row.updatedAt,
      summary: row.state === 'cancelled' ? `Отменено: ${row.title}` : row.title,
      description: [`Организатор: ${row.organizationName}`, text, `Страница мероприятия: ${url}`].filter(Boolean).join('\n\n'),
      location:
        row.format === 'online'
          ? 'Онлайн (ссылка — на странице мероприятия)'
          : row.lat !== null && row.lon !== null
            ? { title: row.address, geo: { lat: row.lat, lon: row.lon } }
            : row.address || null,
      url,
      status: row.state === 'cancelled' ? ICalEventStatus.CANCELLED : row.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
