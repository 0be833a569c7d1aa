import { type AnyPgColumn, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../accounts/schema';
import { networks } from '../networks/schema';

export const planKinds = ['network_plan', 'roadmap', 'joint_actions'] as const;

export const plans = pgTable(
  'network_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: planKinds }).notNull().default('network_plan'),
    title: text('title').notNull(),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_plans_network_idx').on(t.networkId)],
);

/** Stored states; "overdue" is derived from the end date, never stored. */
export const planItemStates = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const evidenceKinds = ['event', 'document', 'file', 'link'] as const;

export const planItems = pgTable(
  'network_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id').notNull().references(() => plans.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => planItems.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    activity: text('activity').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    responsibleOrganizationIds: uuid('responsible_organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    responsiblePeople: text('responsible_people').notNull().default(''),
    expectedResult: text('expected_result').notNull().default(''),
    state: text('state', { enum: planItemStates }).notNull().default('planned'),
    progress: integer('progress').notNull().default(0),
    evidenceKind: text('evidence_kind', { enum: evidenceKinds }),
    evidenceRef: text('evidence_ref'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_plan_items_plan_idx').on(t.planId), index('network_plan_items_parent_idx').on(t.parentId)],
);
