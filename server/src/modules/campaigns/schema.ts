import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';

/** draft → open (guardians rank) → allocated (seats given, results published); cancelled before allocation. */
export const campaignStates = ['draft', 'open', 'allocated', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

/** How a programme orders applicants before the lottery: nobody first, its own students, or students of the network's schools. */
export const campaignPriorityRules = ['none', 'own_students', 'network_students'] as const;
export type CampaignPriorityRule = (typeof campaignPriorityRules)[number];

export interface CampaignStats {
  applicants: number;
  assigned: number;
  unassigned: number;
  firstChoiceShare: number;
  /** Share of applicants who got one of their first k choices, index k-1. */
  topChoiceShares: number[];
  programmes: { programmeId: string; capacity: number; assigned: number; applicants: number; fillRate: number }[];
}

/** A preference window (приёмная кампания): guardians rank up to `maxChoices` programmes, seats are allocated at its close. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organising organisation: a provider or a network's managing organisation. */
    organizerOrganizationId: uuid('organizer_organization_id').notNull().references(() => organizations.id),
    networkId: uuid('network_id').references(() => networks.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    maxChoices: smallint('max_choices').notNull().default(3),
    priorityRule: text('priority_rule', { enum: campaignPriorityRules }).notNull().default('none'),
    state: text('state', { enum: campaignStates }).notNull().default('draft'),
    /**
     * The published lottery: SHA-256 of a secret seed is shown when the campaign opens; the seed itself is
     * revealed at allocation, so anyone can recompute every child's lottery number and check no draw was redone.
     */
    lotterySeedHash: text('lottery_seed_hash').notNull(),
    lotterySeed: text('lottery_seed'),
    stats: jsonb('stats').$type<CampaignStats>(),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_organizer_idx').on(t.organizerOrganizationId)],
);

/** The programmes of a campaign and the seats each puts into it. */
export const campaignProgrammes = pgTable(
  'campaign_programmes',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    seats: integer('seats').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.programmeId] })],
);

/** A child's ranked choices in a campaign, replaced as a whole each time the guardian saves them. */
export const campaignChoices = pgTable(
  'campaign_choices',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    childId: uuid('child_id').notNull().references(() => children.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').notNull().references(() => programmes.id),
    rank: smallint('rank').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.childId, t.rank] }),
    uniqueIndex('campaign_choices_programme_key').on(t.campaignId, t.childId, t.programmeId),
  ],
);

/** What the allocation gave each applicant, with the lottery number and the reasons shown to the family. */
export const campaignResults = pgTable(
  'campaign_results',
  {
    campaignId: uuid('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    childId: uuid('child_id').notNull().references(() => children.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id').references(() => programmes.id),
    /** 1-based rank of the assigned programme among the child's choices; null when unassigned. */
    choiceRank: smallint('choice_rank'),
    lottery: doublePrecision('lottery').notNull(),
    /** Per higher-ranked choice: why it was not given (the programme filled with applicants ranked above). */
    explanation: jsonb('explanation').$type<{ programmeId: string; rank: number; reason: 'full_with_higher_priority' | 'not_offered'; cutoff: string | null }[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.childId] })],
);
