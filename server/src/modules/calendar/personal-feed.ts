import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { isOperator } from '../../platform/policy';
import { Problem, notFound } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { users } from '../accounts/schema';
import { loadActor } from '../accounts/sessions';
import { managedEvents, visibleEvents } from '../events/access';
import { type RegistrationState, eventRegistrations, events, liveRegistrationStates } from '../events/schema';
import { children } from '../families/schema';
import { feedEvents } from './feed-events';
import { eventsCalendar } from './ics';
import { calendarFeeds } from './schema';

const revokedFeed = () =>
  new Problem(410, 'Ссылка на календарь отключена', 'Владелец календаря отключил эту ссылку или создал новую. Новую ссылку можно получить в «Орбите» на странице «Мероприятия» → «Подписка на календарь».');

/** A live registration of the person or of a child in their care, for the event of the row. */
const ownPlace = (userId: string, states: readonly RegistrationState[]) =>
  sql`exists (select 1 from ${eventRegistrations} where ${eventRegistrations.eventId} = ${events.id} and ${inArray(eventRegistrations.state, [...states])} and (${eventRegistrations.userId} = ${userId} or ${eventRegistrations.childId} in (select ${children.id} from ${children} where ${children.guardianUserId} = ${userId})))`;

/**
 * The ICS of a personal feed address: the events the person (or a child in their care) holds a live place at, and the
 * events they manage; never a draft, and only what `visibleEvents` lets that person see today. Unknown address: 404;
 * revoked: 410, so calendar programs stop asking.
 */
export async function renderPersonalFeed(db: Database, token: string, now = new Date()): Promise<string> {
  const [feed] = await db
    .select({ id: calendarFeeds.id, revokedAt: calendarFeeds.revokedAt, lastFetchedAt: calendarFeeds.lastFetchedAt, user: { id: users.id, email: users.email, fullName: users.fullName, municipalityId: users.municipalityId } })
    .from(calendarFeeds)
    .innerJoin(users, and(eq(users.id, calendarFeeds.userId), isNull(users.disabledAt)))
    .where(eq(calendarFeeds.tokenHash, hashToken(token)));
  if (!feed) throw notFound('Календарь');
  if (feed.revokedAt) throw revokedFeed();
  const actor = await loadActor(db, feed.user);
  // The operator manages every event; their feed is their own places only, not the region's whole calendar.
  const manages = isOperator(actor) ? sql`false` : (managedEvents(actor) ?? sql`false`);
  const rows = await feedEvents(
    db,
    and(visibleEvents(actor), or(ownPlace(actor.userId, liveRegistrationStates), manages)),
    { tentative: sql<boolean>`not (${ownPlace(actor.userId, ['registered'])} or ${manages})` },
    now,
  );
  // Written at most once an hour, so that a program polling every minute does not turn reads into writes.
  if (!feed.lastFetchedAt || feed.lastFetchedAt.getTime() < now.getTime() - 3_600_000) {
    await db.update(calendarFeeds).set({ lastFetchedAt: now }).where(and(eq(calendarFeeds.id, feed.id), or(isNull(calendarFeeds.lastFetchedAt), lt(calendarFeeds.lastFetchedAt, now))));
  }
  return eventsCalendar(`Орбита — мои мероприятия`, rows);
}
