import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { calendarPolicy } from './policy';
import { calendarFeeds } from './schema';

/** Turns the caller's feed address off: calendar programs get 410 from it from now on. Without one, nothing changes. */
export async function revokeCalendarFeed(context: CommandContext) {
  authorize(context.actor, calendarPolicy.manageOwnFeed);
  const actor = context.actor;
  return context.db.transaction(async (tx) => {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.userId, actor.userId), isNull(calendarFeeds.revokedAt)))
      .returning({ id: calendarFeeds.id });
    for (const feed of revoked) await recordAudit(tx, context, { action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: feed.id });
    return { revoked: revoked.length > 0 };
  });
}
