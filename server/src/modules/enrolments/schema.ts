import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { programmes } from '../programmes/schema';

/**
 * waitlisted → enrolled (a seat freed) → completed (the provider recorded a result);
 * withdrawn (by the guardian, or consent withdrawn) and removed (by the provider) end it early.
 */
export const enrolmentStates = ['waitlisted', 'enrolled', 'withdrawn', 'removed', 'completed'] as const;
export type EnrolmentState = (typeof enrolmentStates)[number];
export const liveEnrolmentStates = ['waitlisted', 'enrolled'] as const;

export const enrolmentSources = ['open', 'campaign'] as const;
export type EnrolmentSource = (typeof enrolmentSources)[number];

/** Зачёт, сертификат, не завершил. */
export const enrolmentResults = ['credit', 'certificate', 'not_completed'] as const;
export type EnrolmentResult = (typeof enrolmentResults)[number];

/** A child's place in a programme, or in its waitlist. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Waitlist order: first in line is the smallest. */
    queueNo: bigserial('queue_no', { mode: 'number' }).notNull(),
    childId: uuid('child_id').notNull().references(() => children.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    state: text('state', { enum: enrolmentStates }).notNull(),
    source: text('source', { enum: enrolmentSources }).notNull().default('open'),
    campaignId: uuid('campaign_id'),
    /** Who asked (the guardian) and the key their client sent, so a retried request finds the first answer. */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    result: text('result', { enum: enrolmentResults }),
    resultNote: text('result_note').notNull().default(''),
    resultRecordedAt: timestamp('result_recorded_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live place per child and programme, whatever the concurrency.
    uniqueIndex('enrolments_live_key').on(t.childId, t.programmeId).where(sql`state in ('waitlisted', 'enrolled')`),
    uniqueIndex('enrolments_idempotency_key').on(t.requestedBy, t.idempotencyKey),
    index('enrolments_programme_idx').on(t.programmeId, t.state, t.queueNo),
    index('enrolments_child_idx').on(t.childId),
  ],
);

/** One mark per enrolment and class date, kept by the provider and seen by the home school. */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    enrolmentId: uuid('enrolment_id').notNull().references(() => enrolments.id, { onDelete: 'cascade' }),
    classDate: date('class_date').notNull(),
    present: boolean('present').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attendance_marks_key').on(t.enrolmentId, t.classDate)],
);
