import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { networks } from '../networks/schema';
import { practiceVersions, practices } from '../practices/schema';

/**
 * Expert review of practices (issue 17): a rubric's criteria are scored by two experts (a third when they disagree),
 * and the editor publishes their composite. Scores belong to the version that was submitted, by its id, forever.
 */

/** A rubric: region-wide (`networkId` null, kept by the operator) or a network's (kept by its coordinators). */
export const practiceRubrics = pgTable(
  'practice_rubrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    networkId: uuid('network_id').references(() => networks.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('practice_rubrics_network_idx').on(t.networkId)],
);

/** What a score on a criterion means: the descriptor of one point of its scale. */
export interface ScoreDescriptor {
  score: number;
  text: string;
}

export const rubricCriteria = pgTable(
  'practice_rubric_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => practiceRubrics.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    scaleMin: integer('scale_min').notNull(),
    scaleMax: integer('scale_max').notNull(),
    descriptors: jsonb('descriptors').$type<ScoreDescriptor[]>().notNull().default([]),
    allowsNotApplicable: boolean('allows_not_applicable').notNull().default(false),
    weight: numeric('weight', { precision: 6, scale: 2, mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('practice_rubric_criteria_position_idx').on(t.rubricId, t.position),
    check('practice_rubric_criteria_scale', sql`${t.scaleMax} > ${t.scaleMin}`),
    check('practice_rubric_criteria_weight', sql`${t.weight} > 0`),
  ],
);

/** A review round: a rubric applied to the practices added to it, by a deadline, region-wide or in one network. */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => practiceRubrics.id),
    networkId: uuid('network_id').references(() => networks.id),
    deadline: date('deadline').notNull(),
    /** Points on the 0–100 scale by which two experts' totals (or any criterion) may differ before a third review is needed. */
    disagreementThreshold: numeric('disagreement_threshold', { precision: 5, scale: 2, mode: 'number' }).notNull().default(25),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('review_rounds_threshold', sql`${t.disagreementThreshold} > 0 and ${t.disagreementThreshold} <= 100`),
    index('review_rounds_network_idx').on(t.networkId),
  ],
);

/** A practice in a round, with the submitted version that is reviewed (scores stay with it when the practice is edited). */
export const reviewRoundPractices = pgTable(
  'review_round_practices',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => reviewRounds.id, { onDelete: 'cascade' }),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => practiceVersions.id),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.practiceId] }), index('review_round_practices_practice_idx').on(t.practiceId)],
);

export const assignmentRoles = ['first', 'second', 'third'] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];
export const assignmentStates = ['assigned', 'submitted'] as const;
export type AssignmentState = (typeof assignmentStates)[number];

/** An expert asked to review one practice in a round; a submitted review is locked. */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    practiceId: uuid('practice_id').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => practiceVersions.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: assignmentRoles }).notNull(),
    state: text('state', { enum: assignmentStates }).notNull().default('assigned'),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({ columns: [t.roundId, t.practiceId], foreignColumns: [reviewRoundPractices.roundId, reviewRoundPractices.practiceId] }).onDelete('cascade'),
    // One expert reviews a practice once per round, and each role (first, second, third) is held once.
    uniqueIndex('review_assignments_expert_idx').on(t.roundId, t.practiceId, t.expertId),
    uniqueIndex('review_assignments_role_idx').on(t.roundId, t.practiceId, t.role),
    index('review_assignments_expert_load_idx').on(t.expertId, t.state),
    check('review_assignments_submitted_at', sql`(${t.state} = 'submitted') = (${t.submittedAt} is not null)`),
  ],
);

/** An expert's score on one criterion: a point of its scale, or null for «не применимо» where the criterion allows it. */
export const reviewScores = pgTable(
  'review_scores',
  {
    assignmentId: uuid('assignment_id')
      .notNull()
      .references(() => reviewAssignments.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => rubricCriteria.id),
    score: integer('score'),
    comment: text('comment').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterionId] })],
);

/** One criterion of a published composite: the experts' mean on 0–100 (null when all said N/A) and their comments. */
export interface CompositeCriterion {
  criterionId: string;
  title: string;
  weight: number;
  score: number | null;
  comments: string[];
}

/** The published result of a practice's review in a round, as it was at publication (later edits of the rubric do not move it). */
export const reviewComposites = pgTable(
  'review_composites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id').notNull(),
    practiceId: uuid('practice_id').notNull(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => practiceVersions.id),
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    criteria: jsonb('criteria').$type<CompositeCriterion[]>().notNull(),
    expertCount: integer('expert_count').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.roundId, t.practiceId], foreignColumns: [reviewRoundPractices.roundId, reviewRoundPractices.practiceId] }).onDelete('cascade'),
    uniqueIndex('review_composites_round_practice_idx').on(t.roundId, t.practiceId),
    index('review_composites_practice_idx').on(t.practiceId, t.publishedAt),
    check('review_composites_score', sql`${t.score} >= 0 and ${t.score} <= 100`),
    check('review_composites_experts', sql`${t.expertCount} >= 2`),
  ],
);

/** The authors' one answer to a published composite (its primary key makes it one). */
export const reviewAnswers = pgTable('review_answers', {
  compositeId: uuid('composite_id')
    .primaryKey()
    .references(() => reviewComposites.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The directions an expert reviews in (as networks name them), kept by the operator for automatic assignment. */
export const expertProfiles = pgTable('expert_profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  directions: text('directions').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
