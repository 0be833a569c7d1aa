import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { outboxSummaryColumns } from './outbox-state';
import { outboxPolicy } from './policy';

/**
 * One letter with its text and HTML. A letter may carry someone's single-use link (an invitation, a password
 * reset), so each reading is written to the audit log.
 */
export async function getOutboxMessage(context: CommandContext, id: number) {
  authorize(context.actor, outboxPolicy.read);
  return context.db.transaction(async (tx) => {
    const [message] = await tx
      .select({ ...outboxSummaryColumns, userId: outboxMessages.userId, batchId: outboxMessages.batchId, text: outboxMessages.textBody, html: outboxMessages.htmlBody })
      .from(outboxMessages)
      .where(eq(outboxMessages.id, id));
    if (!message) throw notFound('Письмо');
    await recordAudit(tx, context, { action: 'outbox.read', entityType: 'outbox_message', entityId: String(id) });
    return message;
  });
}
