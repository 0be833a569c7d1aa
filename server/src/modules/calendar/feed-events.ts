import { type SQL, and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { events } from '../events/schema';
import { organizations } from '../organizations/schema';
import type { FeedEvent } from './ics';

/** Feeds carry events that ended at most this long ago and every later one, up to FEED_MAX_EVENTS. */
export const FEED_PAST_DAYS = 90;
export const FEED_MAX_EVENTS = 1000;

/** The events of a feed: never a draft, whatever the caller's rights; `where` narrows them (visibility, whose feed). */
export async function feedEvents(db: Database, where: SQL | undefined, extra: { tentative?: SQL<boolean> } = {}, now = new Date()): Promise<FeedEvent[]> {
  const since = new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
  return db
    .select({
      id: events.id,
      title: events.title,
      description: events.description,
      format: events.format,
      address: events.address,
      lat: events.lat,
      lon: events.lon,
      state: events.state,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      updatedAt: events.updatedAt,
      organizationName: organizations.shortName,
      tentative: extra.tentative ?? sql<boolean>`false`,
    })
    .from(events)
    .innerJoin(organizations, eq(organizations.id, events.organizationId))
    .where(and(ne(events.state, 'draft'), gt(events.endsAt, since), where))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(FEED_MAX_EVENTS);
}
