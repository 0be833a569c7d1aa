import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';

/**
 * What a survey is about. Events ask their participants after the event; the monitoring area adds its own
 * subjects (a partnership's reflective evaluation, a period's survey) with their own rule of who answers.
 */
export const feedbackSubjects = ['event'] as const;
export type FeedbackSubject = (typeof feedbackSubjects)[number];

/**
 * One answer to a short survey: a rating 1–5 and a comment. `respondent_id` is what one answer is per — for an
 * event, the registration — so the unique key makes «one per registration» hold under any concurrency.
 * Who answered is kept for the answer's owner only; organisers see the results without names.
 */
export const feedbackResponses = pgTable(
  'feedback_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectKind: text('subject_kind', { enum: feedbackSubjects }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    respondentId: uuid('respondent_id').notNull(),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    rating: smallint('rating').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('feedback_responses_rating', sql`${t.rating} between 1 and 5`),
    uniqueIndex('feedback_responses_one_per_respondent').on(t.subjectKind, t.subjectId, t.respondentId),
    index('feedback_responses_answered_by_idx').on(t.answeredBy),
  ],
);
