import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tsvector } from '../../platform/db/column-types';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';

/** The five kinds of resources of seed 002: кадровые, информационные, материально-технические, учебно-методические, социальные. */
export const resourceCategories = ['staff', 'information', 'facilities', 'methodical', 'social'] as const;
export type ResourceCategory = (typeof resourceCategories)[number];

/** On what terms an organisation shares a resource. */
export const resourceConditions = ['free', 'exchange', 'paid'] as const;
export type ResourceConditions = (typeof resourceConditions)[number];

/** Where a resource is used: at the owner's (partners come), it travels to the partner, or it works at a distance. */
export const resourceMobilities = ['on_site', 'travels', 'remote'] as const;
export type ResourceMobility = (typeof resourceMobilities)[number];

export const needPriorities = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof needPriorities)[number];

export const inventoryStates = ['active', 'archived'] as const;

/** A resource an organisation offers to partners (ресурс). */
export const resourceOffers = pgTable(
  'resource_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    category: text('category', { enum: resourceCategories }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Subjects and directions, lower case: «химия», «робототехника», «одарённые дети». */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    conditions: text('conditions', { enum: resourceConditions }).notNull().default('free'),
    mobility: text('mobility', { enum: resourceMobilities }).notNull().default('on_site'),
    /** ISO weekdays 1–7 when it can be used; empty means any day. */
    weekdays: smallint('weekdays').array().notNull().default(sql`'{}'::smallint[]`),
    availableFrom: date('available_from'),
    availableTo: date('available_to'),
    /** How many people (or units) at a time; null when it does not apply. */
    capacity: integer('capacity'),
    state: text('state', { enum: inventoryStates }).notNull().default('active'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B')`),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resource_offers_organization_idx').on(t.organizationId), index('resource_offers_search_idx').using('gin', t.searchVector)],
);

/** What an organisation lacks and looks for (потребность, дефицит). */
export const resourceNeeds = pgTable(
  'resource_needs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    category: text('category', { enum: resourceCategories }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    priority: text('priority', { enum: needPriorities }).notNull().default('medium'),
    neededFrom: date('needed_from'),
    neededTo: date('needed_to'),
    state: text('state', { enum: inventoryStates }).notNull().default('active'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(sql`orbita_search_vector(title, 'A') || orbita_search_vector(description, 'B')`),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resource_needs_organization_idx').on(t.organizationId), index('resource_needs_search_idx').using('gin', t.searchVector)],
);
