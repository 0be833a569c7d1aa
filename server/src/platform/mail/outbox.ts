import { type SQL, type WithSubquery, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Letter } from './letter';
import { insertMany } from '../db/insert-many';
import { outboxMessages } from './schema';

export interface OutgoingMail {
  to: string;
  letter: Letter;
  /** The template's name, for the operator's view and for tests: invitation, password_reset, … */
  kind: string;
  userId?: string | null;
  /** Groups the letters of one bulk action, for its progress bar. */
  batchId?: string | null;
}

const enqueueListeners = new Set<() => void>();

/** Lets a mail worker of this process wake up when letters are queued, instead of waiting for its next poll. */
export function onMailEnqueued(listener: () => void): () => void {
  enqueueListeners.add(listener);
  return () => enqueueListeners.delete(listener);
}

/** A letter as the outbox keeps it. */
export const outboxRow = (m: OutgoingMail) => ({
  toAddress: m.to,
  userId: m.userId ?? null,
  kind: m.kind,
  subject: m.letter.subject,
  textBody: m.letter.text,
  htmlBody: m.letter.html,
  batchId: m.batchId ?? null,
});

/**
 * enqueueMail as an INSERT … SELECT for a single statement: the letter (its fields SQL, placeholders of a prepared
 * statement, bound from `outboxRow`) once for each row of `source` (a CTE of it, such as the row the statement just
 * inserted) when `when` holds. Call mailQueued() once the statement has run.
 */
export const outboxInsertFrom = (source: WithSubquery, mail: { to: SQL; userId: SQL; kind: string; subject: SQL; text: SQL; html: SQL }, when: SQL): SQL =>
  sql`insert into ${outboxMessages} (to_address, user_id, kind, subject, text_body, html_body)
    select ${mail.to}, ${mail.userId}, ${mail.kind}::text, ${mail.subject}, ${mail.text}, ${mail.html} from ${source} where ${when}`;

/**
 * Puts letters in the outbox. Call it inside the transaction that makes them necessary: the letter and the
 * change commit together, and the mail worker sends it later, so a slow mail server never holds a request.
 */
export async function enqueueMail(db: Database, mails: OutgoingMail[]): Promise<void> {
  if (mails.length === 0) return;
  for (let i = 0; i < mails.length; i += 1000) {
    await insertMany(
      db,
      outboxMessages,
      mails.slice(i, i + 1000).map(outboxRow),
    );
  }
  mailQueued();
}

/**
 * Wakes the mail workers of this process: letters were queued or put back in line. The transaction may not have
 * committed yet; a worker that finds nothing now picks the letters up on its next poll.
 */
export function mailQueued() {
  for (const listener of enqueueListeners) listener();
}
