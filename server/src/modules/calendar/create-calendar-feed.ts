import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { absoluteUrl } from '../../platform/mail/links';
import { authorize } from '../../platform/policy';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { calendarPolicy } from './policy';
import { revokeLiveFeed } from './revoke-calendar-feed';
import { calendarFeeds } from './schema';

/** The path of a personal feed; calendar programs subscribe to it without signing in. */
export const personalFeedPath = (token: string) => `/api/calendar/feeds/${token}.ics`;

/**
 * A new secret address of the caller's calendar feed, shown this once (only its hash is kept). A previous address
 * stops working in the same transaction: "new link" is also how a person shuts out someone they gave the old one to.
 */
export async function createCalendarFeed(context: CommandContext) {
  authorize(context.actor, calendarPolicy.manageOwnFeed);
  const actor = context.actor;
  const token = randomToken();
  return context.db.transaction(async (tx) => {
    await revokeLiveFeed(tx, context, actor.userId, 'replaced');
    const [feed] = await tx.insert(calendarFeeds).values({ userId: actor.userId, tokenHash: hashToken(token) }).returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
    await recordAudit(tx, context, { action: 'calendar_feed.created', entityType: 'calendar_feed', entityId: feed.id, after: { userId: actor.userId } });
    return { url: absoluteUrl(personalFeedPath(token)), createdAt: feed.createdAt };
  });
}
