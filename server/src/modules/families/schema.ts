import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';

/**
 * A child registered by a guardian, with the minimum the seeds' programmes need: a name, a date of
 * birth or a grade, and the home school. Only the guardian, the home school and providers the child is
 * enrolled with ever see it; deleting it deletes its enrolments, consents and choices.
 */
export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    guardianUserId: uuid('guardian_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    fullName: text('full_name').notNull(),
    birthDate: date('birth_date'),
    grade: smallint('grade'),
    homeSchoolId: uuid('home_school_id').references(() => organizations.id),
    /** Set when the home school confirms the child is its student; cleared when the home school changes. */
    homeSchoolConfirmedAt: timestamp('home_school_confirmed_at', { withTimezone: true }),
    homeSchoolConfirmedBy: uuid('home_school_confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('children_birth_date_or_grade', sql`${t.birthDate} is not null or ${t.grade} is not null`),
    check('children_grade_range', sql`${t.grade} is null or ${t.grade} between 0 and 11`),
    index('children_guardian_idx').on(t.guardianUserId),
    index('children_home_school_idx').on(t.homeSchoolId),
  ],
);

/**
 * The guardian's consent to processing the child's data (152-FZ), a separate dated act: which version
 * of the consent text was accepted, when, from where; withdrawal is another date on the same act.
 */
export const childConsents = pgTable(
  'child_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id').notNull().references(() => children.id, { onDelete: 'cascade' }),
    guardianUserId: uuid('guardian_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    textVersion: text('text_version').notNull(),
    /** SHA-256 of the exact consent text shown, so the act proves what was agreed to. */
    textHash: text('text_hash').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    givenFromIp: text('given_from_ip'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('child_consents_child_idx').on(t.childId)],
);
