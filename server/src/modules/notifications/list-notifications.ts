import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { notifications } from './schema';

/** How many of the latest messages the bell shows; older ones stay in the table for e-mail delivery and history. */
const LATEST = 50;

export const notificationColumns = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

/** The caller's latest messages, newest first, and how many of all their messages are unread. */
export async function listNotifications(context: CommandContext) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const [items, [unread]] = await Promise.all([
    context.db.select(notificationColumns).from(notifications).where(eq(notifications.userId, actor.userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(LATEST),
    context.db
      .select({ count: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
  ]);
  return { items, unread: unread.count };
}
