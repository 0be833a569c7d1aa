import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { resourceNeeds } from '../inventory/schema';
import { organizations } from '../organizations/schema';
import { practices } from '../practices/schema';

/**
 * Where an adoption stands: the school is adopting the practice, has recorded what came of it (results may be
 * recorded again as they grow), or stopped. Only a stopped adoption leaves the practice's adoption count.
 */
export const adoptionStates = ['adopting', 'results_recorded', 'stopped'] as const;
export type AdoptionState = (typeof adoptionStates)[number];

/** A measured result: what was measured, before (when known) and after, in what unit. */
export interface AdoptionFigure {
  indicator: string;
  before: number | null;
  after: number;
  unit: string;
}

/**
 * A school adopting a practice of the library (issue 17): its own statement — when it started, what it changes, and
 * later what came of it. One per organisation and practice; `practices.adoption_count` counts the ones not stopped.
 */
export const practiceAdoptions = pgTable(
  'practice_adoptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    state: text('state', { enum: adoptionStates }).notNull().default('adopting'),
    startedOn: date('started_on').notNull(),
    /** What the school changes in its work by adopting it. */
    changes: text('changes').notNull(),
    results: text('results'),
    resultsOn: date('results_on'),
    figures: jsonb('figures').$type<AdoptionFigure[]>().notNull().default([]),
    stoppedOn: date('stopped_on'),
    stopReason: text('stop_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('practice_adoptions_one_per_organization').on(t.practiceId, t.organizationId),
    index('practice_adoptions_organization_idx').on(t.organizationId),
    check('practice_adoptions_results_dated', sql`(${t.results} is null) = (${t.resultsOn} is null)`),
    check('practice_adoptions_results_after_start', sql`${t.resultsOn} is null or ${t.resultsOn} >= ${t.startedOn}`),
    check('practice_adoptions_stopped_dated', sql`(${t.state} = 'stopped') = (${t.stoppedOn} is not null)`),
  ],
);

/** Which of the adopting organisation's own resource needs the adoption answers. */
export const practiceAdoptionNeeds = pgTable(
  'practice_adoption_needs',
  {
    adoptionId: uuid('adoption_id')
      .notNull()
      .references(() => practiceAdoptions.id, { onDelete: 'cascade' }),
    needId: uuid('need_id')
      .notNull()
      .references(() => resourceNeeds.id),
  },
  (t) => [primaryKey({ columns: [t.adoptionId, t.needId] }), index('practice_adoption_needs_need_idx').on(t.needId)],
);
