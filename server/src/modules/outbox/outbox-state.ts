import { type SQL, and, isNotNull, isNull, sql } from 'drizzle-orm';
import { outboxMessages } from '../../platform/mail/schema';

export const outboxStates = ['waiting', 'sent', 'failed'] as const;
export type OutboxState = (typeof outboxStates)[number];

/** Where a letter is: waiting (queued or between attempts), sent, or failed (given up). */
export const stateCondition: Record<OutboxState, SQL> = {
  waiting: and(isNull(outboxMessages.sentAt), isNull(outboxMessages.failedAt))!,
  sent: isNotNull(outboxMessages.sentAt),
  failed: isNotNull(outboxMessages.failedAt),
};

export const stateColumn = sql<OutboxState>`case when ${outboxMessages.sentAt} is not null then 'sent' when ${outboxMessages.failedAt} is not null then 'failed' else 'waiting' end`;

/** What the operator's list shows of a letter: everything but its text. */
export const outboxSummaryColumns = {
  id: outboxMessages.id,
  to: outboxMessages.toAddress,
  kind: outboxMessages.kind,
  subject: outboxMessages.subject,
  state: stateColumn,
  createdAt: outboxMessages.createdAt,
  attempts: outboxMessages.attempts,
  nextAttemptAt: outboxMessages.nextAttemptAt,
  sentAt: outboxMessages.sentAt,
  failedAt: outboxMessages.failedAt,
  lastError: outboxMessages.lastError,
};
