import { type SQL, and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { enqueueMail } from '../../platform/mail/outbox';
import { users } from '../accounts/schema';
import { digestLetter } from './notification-letters';
import { notifications } from './schema';

/**
 * Someone who chose the daily digest and has had none for a day. 23 hours rather than 24: the job looks once
 * an hour, and a full day would push each digest an hour later than the one before.
 */
const dueForDigest: SQL = and(
  eq(users.mailPreference, 'digest'),
  isNull(users.disabledAt),
  or(isNull(users.lastDigestAt), lte(users.lastDigestAt, sql`now() - interval '23 hours'`)),
)!;
const unmailedOfTheDay = and(isNull(notifications.mailedAt), gt(notifications.createdAt, sql`now() - interval '1 day'`));

/**
 * Puts one letter in the outbox for each person on the daily digest with notifications of the last day not yet
 * mailed, marks those notifications mailed and the person's last digest. The mail worker runs it every hour on
 * every app server: the person's row lock and the re-checked condition let only one of them write each digest.
 * Answers how many digests it queued.
 */
export async function sendDailyDigests(db: Database): Promise<number> {
  const due = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(notifications, eq(notifications.userId, users.id))
    .where(and(dueForDigest, unmailedOfTheDay));
  let queued = 0;
  for (const { id } of due) {
    const sent = await db.transaction(async (tx) => {
      const [person] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(and(eq(users.id, id), dueForDigest)).for('update');
      if (!person) return false;
      const items = await tx
        .update(notifications)
        .set({ mailedAt: sql`now()` })
        .where(and(eq(notifications.userId, id), unmailedOfTheDay))
        .returning({ title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt });
      if (items.length === 0) return false;
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      await enqueueMail(tx, [{ to: person.email, userId: id, kind: 'digest', letter: digestLetter(person, items) }]);
      await tx.update(users).set({ lastDigestAt: sql`now()` }).where(eq(users.id, id));
      return true;
    });
    if (sent) queued += 1;
  }
  return queued;
}
