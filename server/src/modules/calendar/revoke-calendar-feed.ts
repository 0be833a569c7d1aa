import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { calendarPolicy } from './policy';
import { calendarFeeds } from './schema';

/** Turns off the person's live feed address, if any, with its audit entry; inside the caller's transaction. */
export async function revokeLiveFeed(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, userId: string, reason: 'revoked' | 'replaced') {
  const revoked = await tx
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  for (const feed of revoked) await recordAudit(tx, context, { action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: feed.id, after: { reason } });
  return revoked.length > 0;
}

/** Turns the caller's feed address off: calendar programs get 410 from it from now on. Without one, nothing changes. */
export async function revokeCalendarFeed(context: CommandContext) {
  authorize(context.actor, calendarPolicy.manageOwnFeed);
  const actor = context.actor;
  return { revoked: await context.db.transaction((tx) => revokeLiveFeed(tx, context, actor.userId, 'revoked')) };
}
