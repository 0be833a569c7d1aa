import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { visibleEvents } from '../events/access';
import { events } from '../events/schema';
import { loadVisibleNetwork } from '../networks/access';
import { feedEvents } from './feed-events';
import { eventsCalendar } from './ics';

/**
 * The public ICS of a network's events: what anyone without an account sees (`visibleEvents(null)`: no drafts, only a
 * network the public may see). A network hidden from the public answers 404, as a missing one.
 */
export async function renderNetworkFeed(db: Database, networkId: string, now = new Date()): Promise<string> {
  const network = await loadVisibleNetwork(db, null, networkId);
  const rows = await feedEvents(db, and(eq(events.networkId, networkId), visibleEvents(null)), {}, now);
  return eventsCalendar(`Орбита — ${network.name}`, rows);
}
