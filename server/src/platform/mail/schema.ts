import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * E-mail waiting to be sent. A request only inserts a row (in its own transaction), and the mail worker
 * sends it: a slow or absent SMTP server never blocks a request, and a crash loses nothing.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    toAddress: text('to_address').notNull(),
    /** Recipient account, when there is one (for the person's own data export); no foreign key, platform/ knows no modules. */
    userId: uuid('user_id'),
    /** The template: invitation, password_reset, email_change, notification, digest… */
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Groups the messages of one bulk action (a staff import) for its progress bar. */
    batchId: uuid('batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker that claimed the message holds it until then; after a crash another worker takes it again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Given up after too many attempts. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_messages_due_idx').on(t.nextAttemptAt).where(sql`sent_at is null and failed_at is null`),
    index('outbox_messages_batch_idx').on(t.batchId),
    index('outbox_messages_created_idx').on(t.createdAt),
  ],
);
