import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, tsvector } from '../../platform/db/column-types';
import { users } from '../accounts/schema';
import type { ResourceCategory } from '../inventory/schema';
import { organizations } from '../organizations/schema';

/**
 * The library of practices (issue 17): what a school does that works, published for others to find and adopt.
 * A practice is the lasting record (its organisations, authors, state); what it says lives in numbered versions.
 */
export const practiceStates = ['draft', 'submitted', 'published', 'archived'] as const;
export type PracticeState = (typeof practiceStates)[number];

/**
 * Where a practice stands with experts: never reviewed («Не оценивалась» — never shown as a low score), in a review
 * round, or reviewed with a published composite (`reviewScore`).
 */
export const reviewStatuses = ['none', 'in_review', 'reviewed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Levels of education a practice serves, and management (of a school or a network). */
export const practiceLevels = ['preschool', 'primary', 'basic', 'secondary', 'supplementary', 'management'] as const;
export type PracticeLevel = (typeof practiceLevels)[number];

/** Whom a practice works with. */
export const practiceAudiences = ['students', 'teachers', 'heads', 'parents'] as const;
export type PracticeAudience = (typeof practiceAudiences)[number];

/**
 * A version's state: drafted, submitted (for review or publication), published (the current one is the practice's
 * `publishedVersionId`) or superseded by a later published one. Versions are never deleted or rewritten once
 * submitted, so a review may score a version by its id.
 */
export const versionStates = ['draft', 'submitted', 'published', 'superseded'] as const;
export type VersionState = (typeof versionStates)[number];

/** What a practice needs, by the inventory's resource categories (кадровые, информационные, …). */
export interface PracticeCondition {
  category: ResourceCategory;
  text: string;
}

export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    state: text('state', { enum: practiceStates }).notNull().default('draft'),
    /** The version everyone reads; null until the first publication. */
    publishedVersionId: uuid('published_version_id').references((): AnyPgColumn => practiceVersions.id),
    /** The version being drafted or submitted; null when the published one has no pending edit. */
    workingVersionId: uuid('working_version_id').references((): AnyPgColumn => practiceVersions.id),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Kept by the review module: the library's review facet and rating sort read it without joining reviews. */
    reviewStatus: text('review_status', { enum: reviewStatuses }).notNull().default('none'),
    /** The published composite on a 0–100 scale; null unless `reviewStatus` is 'reviewed'. */
    reviewScore: numeric('review_score', { precision: 5, scale: 2, mode: 'number' }),
    /** Kept by the adoption module: how many organisations record adopting it (facet and sort). */
    adoptionCount: integer('adoption_count').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('practices_score_when_reviewed', sql`(${t.reviewScore} is null) or ${t.reviewStatus} = 'reviewed'`),
    check('practices_published_has_version', sql`${t.state} <> 'published' or ${t.publishedVersionId} is not null`),
    index('practices_state_idx').on(t.state, t.publishedAt),
    // The library's orders, each read from an index by its key and then the id (keyset pages: list-practices.ts).
    index('practices_date_order_idx').on(sql`coalesce(${t.publishedAt}, ${t.updatedAt})`, t.id).where(sql`${t.state} = 'published'`),
    index('practices_rating_order_idx').on(sql`coalesce(${t.reviewScore}, -1)`, sql`coalesce(${t.publishedAt}, ${t.updatedAt})`, t.id).where(sql`${t.state} = 'published'`),
    index('practices_adoption_order_idx').on(t.adoptionCount, sql`coalesce(${t.publishedAt}, ${t.updatedAt})`, t.id).where(sql`${t.state} = 'published'`),
  ],
);

/** The organisations a practice belongs to (one or several); their heads publish it, their staff see its drafts. */
export const practiceOrganizations = pgTable(
  'practice_organizations',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.organizationId] }), index('practice_organizations_organization_idx').on(t.organizationId)],
);

/**
 * The authors: a person with an account (`userId`, named as their account is) or, for someone without one, only a
 * name as it should appear on the card. Nothing else about a person is kept here.
 */
export const practiceAuthors = pgTable(
  'practice_authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    check('practice_authors_user_or_name', sql`${t.userId} is not null or ${t.name} is not null`),
    index('practice_authors_practice_idx').on(t.practiceId),
    index('practice_authors_user_idx').on(t.userId),
  ],
);

export const practiceVersions = pgTable(
  'practice_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references((): AnyPgColumn => practices.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    state: text('state', { enum: versionStates }).notNull().default('draft'),
    title: text('title').notNull(),
    /** One of the directions networks work in (networks.directions), as written there. */
    direction: text('direction').notNull(),
    levels: text('levels', { enum: practiceLevels }).array().notNull(),
    audiences: text('audiences', { enum: practiceAudiences }).array().notNull(),
    problem: text('problem').notNull().default(''),
    description: text('description').notNull(),
    conditions: jsonb('conditions').$type<PracticeCondition[]>().notNull().default([]),
    results: text('results').notNull().default(''),
    evidence: text('evidence').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`orbita_search_vector(title, 'A') || orbita_search_vector(orbita_words(tags), 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(problem, 'B') || orbita_search_vector(results, 'C') || orbita_search_vector(evidence, 'D')`,
      ),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('practice_versions_number_idx').on(t.practiceId, t.number),
    index('practice_versions_search_idx').using('gin', t.searchVector),
    check('practice_versions_levels', sql`cardinality(${t.levels}) > 0`),
  ],
);

/** Attachment kinds: an uploaded file, a link, a video (a link to it, or a short uploaded recording). */
export const attachmentKinds = ['file', 'link', 'video'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/**
 * A practice's attachments. They belong to the practice, not a version (a presentation stays when the text is
 * edited). An uploaded file keeps its cleaned name, the type recognised in its bytes, size and SHA-256; its bytes
 * are in `practice_attachment_files`, so listing never reads them.
 */
export const practiceAttachments = pgTable(
  'practice_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    title: text('title').notNull(),
    url: text('url'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    byteSize: integer('byte_size'),
    sha256: text('sha256'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('practice_attachments_url_or_file', sql`(${t.url} is null) <> (${t.fileName} is null)`), index('practice_attachments_practice_idx').on(t.practiceId, t.createdAt)],
);

export const practiceAttachmentFiles = pgTable('practice_attachment_files', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => practiceAttachments.id, { onDelete: 'cascade' }),
  content: bytea('content').notNull(),
});
