import type { Database } from '../../platform/db/client';
import { localDate } from '../../platform/dates';
import { regions } from './schema';

/** The region's time zone (data, not code); Moscow until the region says otherwise. */
export async function regionTimezone(db: Database): Promise<string> {
  const [region] = await db.select({ timezone: regions.timezone }).from(regions).limit(1);
  return region?.timezone ?? 'Europe/Moscow';
}

/** Today's date in the region, for deadlines and file names. */
export async function regionToday(db: Database, now = new Date()): Promise<string> {
  return localDate(now, await regionTimezone(db));
}
