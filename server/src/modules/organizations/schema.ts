import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db/column-types';
import { municipalities } from '../territory/schema';

export const organizationKinds = [
  'school', 'lyceum', 'gymnasium', 'preschool', 'supplementary', 'college', 'university', 'ngo',
  'library', 'museum', 'culture', 'sports', 'enterprise', 'authority', 'methodical_centre',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const organizationStatuses = ['base_school', 'innovation_site', 'low_results', 'adverse_conditions', 'resilient', 'consultant'] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

export const organizationStates = ['unverified', 'verified', 'archived'] as const;
export type OrganizationState = (typeof organizationStates)[number];

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    /** Russian alphabetical order under the byte-wise "C" collation that PGlite and PostgreSQL share. */
    sortKey: text('sort_key').notNull(),
    inn: text('inn'),
    ogrn: text('ogrn'),
    /** Identifier in an external registry, used to match re-imports when INN/OGRN are unknown. */
    externalId: text('external_id'),
    municipalityId: uuid('municipality_id').notNull().references(() => municipalities.id),
    statuses: text('statuses').array().notNull().default(sql`'{}'::text[]`),
    state: text('state', { enum: organizationStates }).notNull().default('unverified'),
    mergedIntoId: uuid('merged_into_id'),
    address: text('address').notNull().default(''),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    headName: text('head_name').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    website: text('website').notNull().default(''),
    description: text('description').notNull().default(''),
    /** Search terms (platform/search): names weigh A, the description B, the head C, the address D. */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`orbita_search_vector(short_name || ' ' || full_name, 'A') || orbita_search_vector(description, 'B') || orbita_search_vector(head_name, 'C') || orbita_search_vector(address, 'D')`,
      ),
    /** Optimistic concurrency: every update must name the version it was based on. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_inn_key').on(t.inn),
    uniqueIndex('organizations_ogrn_key').on(t.ogrn),
    uniqueIndex('organizations_external_id_key').on(t.externalId),
    index('organizations_municipality_idx').on(t.municipalityId),
    // The registry's order (`sort_key collate "C"`, id) for what it lists by default — all but archived — on its own
    // and within a kind or a municipality, so a page is read from an index (page 2000 from the index alone).
    index('organizations_sort_idx').on(sql`${t.sortKey} collate "C"`, t.id).where(sql`${t.state} <> 'archived'`),
    index('organizations_kind_sort_idx').on(t.kind, sql`${t.sortKey} collate "C"`, t.id).where(sql`${t.state} <> 'archived'`),
    index('organizations_municipality_sort_idx').on(t.municipalityId, sql`${t.sortKey} collate "C"`, t.id).where(sql`${t.state} <> 'archived'`),
    index('organizations_search_idx').using('gin', t.searchVector),
  ],
);

/** An uploaded registry file between preview and commit; rows are kept so the commit writes exactly what was previewed. */
export const organizationImports = pgTable('organization_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: ['previewed', 'running', 'done', 'failed'] }).notNull().default('previewed'),
  total: integer('total').notNull(),
  toCreate: integer('to_create').notNull(),
  toUpdate: integer('to_update').notNull(),
  processed: integer('processed').notNull().default(0),
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  failure: text('failure'),
  /** When the commit last showed progress; a running import long silent was left by a process that died (PostgreSQL). */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The register of base schools (реестр базовых школ, seed 001): a school is a base school from `effectiveOn`, the date of
 * the authority's order that entered it (`documentId`); entries from before orders were kept here have no document.
 * Only a base school can manage a school district.
 */
export const baseSchoolRegister = pgTable(
  'base_school_register',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    effectiveOn: date('effective_on').notNull(),
    /** The signed authority act (network_documents.id); null for entries carried over from the registry's statuses. */
    documentId: uuid('document_id'),
    /** The authority organisation that issued the order. */
    authorityOrganizationId: uuid('authority_organization_id').references(() => organizations.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('base_school_register_organization_key').on(t.organizationId)],
);
