import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../accounts/schema';

/**
 * A person's secret calendar feed (ICS): the address carries a random token, only its SHA-256 is kept (like sessions),
 * so a leaked table opens no one's calendar. A new address revokes the previous one; a revoked address answers 410.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** When a calendar program last fetched it (at most once an hour is written), so the person sees it is in use. */
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_key').on(t.tokenHash),
    // One live address per person.
    uniqueIndex('calendar_feeds_live_user_key').on(t.userId).where(sql`revoked_at is null`),
    index('calendar_feeds_user_idx').on(t.userId),
  ],
);
