import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';

export const notificationKinds = [
  'waitlist_promoted',
  'enrolment_removed',
  'campaign_result',
  'home_school_confirmed',
  'signature_requested',
  'voting_opened',
  'meeting_invited',
  'minutes_to_approve',
  'exchange_awaiting',
  'network_invitation',
  'network_request',
  'plan_item_due',
  'certificate_issued',
  'event_promoted',
  'event_cancelled',
  'event_registration_approved',
  'event_registration_rejected',
  'consultation_awaiting',
  'event_reminder',
  'practice_adopted',
  'practice_adoption_results',
  'review_assigned',
  'review_published',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** A message to one person inside the platform (the bell in the header); e-mail delivery can read the same rows. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Where the web app should take the reader, e.g. /children/<id>. */
    link: text('link'),
    data: jsonb('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** When the message went to the outbox by e-mail (at once or in a digest); null while it waits or when mail is off. */
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);
