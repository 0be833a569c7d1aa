import { sql } from 'drizzle-orm';
import type { PathChange, PathStep } from '../../algorithms/launch-path';
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';

export const networkKinds = ['alliance', 'district', 'partnership', 'association', 'local_alliance'] as const;
export type NetworkKind = (typeof networkKinds)[number];

/** Member roles; which ones a network admits depends on its kind (see member-roles.ts). */
export const memberRoles = ['base', 'leader', 'satellite', 'member', 'partner'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const membershipStates = ['invited', 'requested', 'active', 'declined', 'left'] as const;
export type MembershipState = (typeof membershipStates)[number];

/** A step of a launch path: a catalogue step or a coordinator's custom one (algorithms/launch-path.ts). */
export type LaunchStep = string;

/** Whose presence makes a council vote valid: the voting council seats that voted, or those marked present at the meeting. */
export const quorumBases = ['seats', 'attendance'] as const;
export type QuorumBasis = (typeof quorumBases)[number];
/** One vote per member organisation on the council, or one per voting seat. */
export const voteUnits = ['organization', 'seat'] as const;
export type VoteUnit = (typeof voteUnits)[number];
/** Who admits a new member: the coordinator answers the request, or the council decides by a vote. */
export const admissionModes = ['coordinator', 'council'] as const;
export type AdmissionMode = (typeof admissionModes)[number];

export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind', { enum: networkKinds }).notNull(),
    strategicGoal: text('strategic_goal').notNull().default(''),
    tacticalGoals: jsonb('tactical_goals').$type<string[]>().notNull().default([]),
    directions: jsonb('directions').$type<string[]>().notNull().default([]),
    description: text('description').notNull().default(''),
    /** Municipalities the network covers. */
    municipalityIds: uuid('municipality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The managing organisation or base school: its org admins coordinate the network. */
    managingOrganizationId: uuid('managing_organization_id').notNull().references(() => organizations.id),
    /** A local alliance inside a regional association, for example. */
    parentNetworkId: uuid('parent_network_id').references((): AnyPgColumn => networks.id),
    visibility: text('visibility', { enum: ['public', 'members'] }).notNull().default('public'),
    /** Voting rules set by the regulation: share of member organisations present for a quorum, and the majority needed. */
    quorumPercent: integer('quorum_percent').notNull().default(50),
    majority: text('majority', { enum: ['simple', 'two_thirds'] }).notNull().default('simple'),
    /** The regulation's further rules (see councils/tally-votes.ts): what the quorum counts, what a vote belongs to, the chair's casting vote. */
    quorumBasis: text('quorum_basis', { enum: quorumBases }).notNull().default('seats'),
    voteUnit: text('vote_unit', { enum: voteUnits }).notNull().default('organization'),
    chairCastingVote: boolean('chair_casting_vote').notNull().default(false),
    /** Whether an application to join becomes a decision of the council. */
    admission: text('admission', { enum: admissionModes }).notNull().default('coordinator'),
    /** Whether the coordinator and the council see the exchanges between members (parties, resource, state). */
    exchangesVisibleToCouncil: boolean('exchanges_visible_to_council').notNull().default(false),
    launchedAt: timestamp('launched_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('networks_parent_idx').on(t.parentNetworkId), index('networks_managing_idx').on(t.managingOrganizationId)],
);

export const networkMembers = pgTable(
  'network_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    role: text('role', { enum: memberRoles }).notNull(),
    state: text('state', { enum: membershipStates }).notNull(),
    joinedOn: date('joined_on'),
    leftOn: date('left_on'),
    /** Who sent the invitation or the request, and who answered it. */
    proposedBy: uuid('proposed_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    message: text('message').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    // One live relation (pending or active) per organisation and network; history rows may repeat.
    uniqueIndex('network_members_live_key').on(t.networkId, t.organizationId).where(sql`state in ('invited', 'requested', 'active')`),
    index('network_members_organization_idx').on(t.organizationId),
  ],
);

/** Steps the coordinator marked done where no data proves them (e.g. information work). */
export const networkLaunchMarks = pgTable(
  'network_launch_marks',
  {
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    /** A catalogue step or a custom step's key (`custom-…`); a mark stays when its step leaves the path and counts again if it returns. */
    step: text('step').notNull(),
    note: text('note').notNull().default(''),
    markedBy: uuid('marked_by').references(() => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('network_launch_marks_key').on(t.networkId, t.step)],
);

/**
 * A coordinator's adaptation of the network's launch path: the whole path after the change, what changed and why.
 * The current path is the latest revision; a network without one follows its kind's template (revision 0).
 * `(network_id, revision)` is unique, so two coordinators saving at once cannot both write revision n + 1.
 */
export const networkLaunchPathChanges = pgTable(
  'network_launch_path_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    steps: jsonb('steps').$type<PathStep[]>().notNull(),
    changes: jsonb('changes').$type<PathChange[]>().notNull(),
    reason: text('reason').notNull().default(''),
    /** Null for the revision a migration wrote (the path an existing network had walked). */
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('network_launch_path_changes_key').on(t.networkId, t.revision)],
);
