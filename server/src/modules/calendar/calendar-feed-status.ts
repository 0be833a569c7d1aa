import { and, eq, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { calendarPolicy } from './policy';
import { calendarFeeds } from './schema';

/** Whether the caller has a live feed address (the address itself was shown once, when created). */
export async function getCalendarFeedStatus(context: CommandContext) {
  authorize(context.actor, calendarPolicy.manageOwnFeed);
  const [feed] = await context.db
    .select({ createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, context.actor.userId), isNull(calendarFeeds.revokedAt)));
  return { active: !!feed, createdAt: feed?.createdAt ?? null, lastFetchedAt: feed?.lastFetchedAt ?? null };
}
