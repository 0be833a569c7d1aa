import { and, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { enqueueMail } from '../../platform/mail/outbox';
import { users } from '../accounts/schema';
import { notificationLetter } from './notification-letters';
import { type NotificationKind, notifications } from './schema';

export interface NotificationDraft {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  /** Where the web app should take the reader, e.g. /children/<id>. */
  link?: string;
  data?: Record<string, unknown>;
}

/**
 * Leaves messages for people; call it inside the transaction that caused them so both commit or neither.
 * People who want their notifications by e-mail at once also get a letter in the outbox, in the same
 * transaction; the daily digest (send-daily-digests.ts) collects the rest for those who chose it.
 */
export async function notify(db: Database, drafts: NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const recipients = await db
    .select({ id: users.id, email: users.email, fullName: users.fullName, mailPreference: users.mailPreference })
    .from(users)
    .where(and(inArray(users.id, [...new Set(drafts.map((d) => d.userId))]), isNull(users.disabledAt)));
  const mailedAtOnce = new Map(recipients.filter((r) => r.mailPreference === 'immediate').map((r) => [r.id, r]));
  const now = new Date();
  await db.insert(notifications).values(
    drafts.map((d) => ({ ...d, body: d.body ?? '', link: d.link ?? null, data: d.data ?? null, mailedAt: mailedAtOnce.has(d.userId) ? now : null })),
  );
  await enqueueMail(
    db,
    drafts.flatMap((d) => {
      const person = mailedAtOnce.get(d.userId);
      return person ? [{ to: person.email, userId: person.id, kind: 'notification', letter: notificationLetter(person, { title: d.title, body: d.body ?? '', link: d.link ?? null }) }] : [];
    }),
  );
}
