import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { mailQueued } from '../../platform/mail/outbox';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize } from '../../platform/policy';
import { conflict, notFound } from '../../platform/problem';
import { outboxSummaryColumns } from './outbox-state';
import { outboxPolicy } from './policy';

/**
 * Puts a letter the worker gave up on back in line with a fresh count of attempts (after the operator fixed the
 * address or the mail server). Only a failed letter: the conditional update settles two presses at once.
 */
export async function retryOutboxMessage(context: CommandContext, id: number) {
  authorize(context.actor, outboxPolicy.retry);
  return context.db.transaction(async (tx) => {
    const [retried] = await tx
      .update(outboxMessages)
      .set({ failedAt: null, attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
      .where(and(eq(outboxMessages.id, id), isNotNull(outboxMessages.failedAt)))
      .returning({ attempts: outboxMessages.attempts });
    if (!retried) {
      const [exists] = await tx.select({ id: outboxMessages.id }).from(outboxMessages).where(eq(outboxMessages.id, id));
      if (!exists) throw notFound('Письмо');
      throw conflict('Письмо не в числе неотправленных: оно ещё ждёт отправки или уже отправлено.');
    }
    await recordAudit(tx, context, { action: 'outbox.retry', entityType: 'outbox_message', entityId: String(id) });
    const [message] = await tx.select(outboxSummaryColumns).from(outboxMessages).where(eq(outboxMessages.id, id));
    mailQueued();
    return message;
  });
}
