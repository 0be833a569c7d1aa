import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { notFound, notSignedIn } from '../../platform/problem';
import { notificationColumns } from './list-notifications';
import { notificationPolicy } from './policy';
import { notifications } from './schema';

/** Marks one of the caller's messages read; reading it again changes nothing. */
export async function readNotification(context: CommandContext, id: string) {
  if (!context.actor) throw notSignedIn();
  const [message] = await context.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.id, id));
  if (!message || !notificationPolicy.readOwn(context.actor, message.userId)) throw notFound('Уведомление');
  return context.db.transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (marked.length) await recordAudit(tx, context, { action: 'notification.read', entityType: 'notification', entityId: id });
    const [row] = await tx.select(notificationColumns).from(notifications).where(eq(notifications.id, id));
    return row;
  });
}
