import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { localDate } from '../../platform/dates';
import { regions } from './schema';

/**
 * The region's time zone (data, not code); Moscow until the region says otherwise. As a column, a hot query reads it
 * with its own data instead of a round trip of its own or a copy in memory that another worker could make stale.
 */
export const regionTimezoneColumn = sql<string>`coalesce((select ${regions.timezone} from ${regions} limit 1), 'Europe/Moscow')`;

export async function regionTimezone(db: Database): Promise<string> {
  const [region] = await db.select({ timezone: regionTimezoneColumn }).from(sql`(select) as one`);
  return region.timezone;
}

/** Today's date in the region, for deadlines and file names. */
export async function regionToday(db: Database, now = new Date()): Promise<string> {
  return localDate(now, await regionTimezone(db));
}
