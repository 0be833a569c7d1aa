import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { notifications } from './schema';

/** Marks every unread message of the caller read; answers how many it marked. */
export async function readAllNotifications(context: CommandContext) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  return context.db.transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    if (marked.length) await recordAudit(tx, context, { action: 'notification.read_all', entityType: 'user', entityId: actor.userId, after: { marked: marked.length } });
    return { marked: marked.length };
  });
}
