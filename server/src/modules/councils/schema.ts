import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { type QuorumBasis, type VoteUnit, networks, voteUnits } from '../networks/schema';
import { organizations } from '../organizations/schema';

export const councilRoles = ['chair', 'secretary', 'member'] as const;
export type CouncilRole = (typeof councilRoles)[number];

/**
 * Who a seat is for. A `representative` speaks for a member organisation (organization_id set); the other
 * kinds are people outside the member organisations whom a regulation may seat (seed 003: parents, pupils,
 * partner enterprises, the public) — organization_id null, what they stand for in `affiliation`.
 */
export const seatKinds = ['representative', 'parent', 'pupil', 'enterprise', 'public'] as const;
export type SeatKind = (typeof seatKinds)[number];

/**
 * A named person on the coordinating council — a representative of a member organisation or a person from
 * outside them — with an account to take part online; appointed by the coordinator or seated by an election.
 */
export const councilMembers = pgTable(
  'council_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    /** The member organisation a representative speaks for; null for a seat outside the member organisations. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id),
    fullName: text('full_name').notNull(),
    position: text('position').notNull().default(''),
    role: text('role', { enum: councilRoles }).notNull().default('member'),
    /** Whether the seat carries a vote (the regulation may give a seat an advisory voice only). */
    voting: boolean('voting').notNull().default(true),
    kind: text('kind', { enum: seatKinds }).notNull().default('representative'),
    /** For a seat outside the member organisations: the enterprise, association or the grade it stands for. Nothing more about a pupil. */
    affiliation: text('affiliation').notNull().default(''),
    /** The election that seated this person; null when appointed by the coordinator. */
    electionId: uuid('election_id').references((): AnyPgColumn => councilElections.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('council_members_network_idx').on(t.networkId),
    index('council_members_user_idx').on(t.userId),
    check('council_members_kind_organization', sql`(${t.kind} = 'representative') = (${t.organizationId} is not null)`),
  ],
);

export const electionStates = ['nominating', 'voting', 'closed', 'cancelled'] as const;
export type ElectionState = (typeof electionStates)[number];

/**
 * An election of the council by the member organisations (seed 001: «для управления округом избирается совет»):
 * nominations, then one ballot per member organisation cast by its head, then the result recorded in the
 * election's minutes and the elected seated.
 */
export const councilElections = pgTable(
  'council_elections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** How many seats are filled: each ballot names at most this many candidates. */
    seats: integer('seats').notNull(),
    state: text('state', { enum: electionStates }).notNull().default('nominating'),
    /** The tally when voting closed (ElectionResult). */
    result: jsonb('result'),
    /** The minutes of the election, written when voting closes; never edited afterwards. */
    minutes: text('minutes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('council_elections_network_idx').on(t.networkId), check('council_elections_seats', sql`${t.seats} between 1 and 100`)],
);

/** A candidate put forward by a member organisation's head (or the coordinator): a person of an active member organisation. */
export const councilNominations = pgTable(
  'council_nominations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    electionId: uuid('election_id').notNull().references(() => councilElections.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id),
    fullName: text('full_name').notNull(),
    position: text('position').notNull().default(''),
    nominatedBy: uuid('nominated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('council_nominations_election_idx').on(t.electionId)],
);

/** One ballot per member organisation, cast by its head: the candidates it votes for (none = against all). */
export const councilElectionBallots = pgTable(
  'council_election_ballots',
  {
    electionId: uuid('election_id').notNull().references(() => councilElections.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    nominationIds: uuid('nomination_ids').array().notNull(),
    castBy: uuid('cast_by').references(() => users.id),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'council_election_ballots_one_per_organization', columns: [t.electionId, t.organizationId] })],
);

export const meetingStates = ['planned', 'held', 'approved', 'cancelled'] as const;

export const meetings = pgTable(
  'council_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    agenda: jsonb('agenda').$type<string[]>().notNull().default([]),
    state: text('state', { enum: meetingStates }).notNull().default('planned'),
    /** Minutes drafted by the secretary, amended by attendees, locked once approved. */
    minutes: text('minutes').notNull().default(''),
    minutesVersion: integer('minutes_version').notNull().default(0),
    minutesApprovedAt: timestamp('minutes_approved_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('council_meetings_network_idx').on(t.networkId)],
);

export const meetingAttendance = pgTable(
  'council_meeting_attendance',
  {
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
    councilMemberId: uuid('council_member_id').notNull().references(() => councilMembers.id),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull().defaultNow(),
    attended: boolean('attended'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.councilMemberId] })],
);

export const decisionStates = ['draft', 'voting', 'adopted', 'rejected'] as const;

export const decisions = pgTable('council_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  text: text('text').notNull().default(''),
  state: text('state', { enum: decisionStates }).notNull().default('draft'),
  /** The tally when voting closed: counts, quorum and the rule applied. */
  result: jsonb('result'),
  /** The regulation's rules as they were when voting opened; the tally applies these, not later changes. */
  rules: jsonb('rules').$type<VotingRules>(),
  /** What an adopted decision changes, e.g. admits the organisation of a membership request. */
  subject: jsonb('subject').$type<DecisionSubject>(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const voteChoices = ['for', 'against', 'abstain'] as const;

/**
 * A vote on a decision, cast by a voting seat. Under «one vote per organisation» (unit 'organization') the
 * organisation votes once, through any of its seats; under «one vote per seat» every voting seat votes once.
 */
export const votes = pgTable(
  'council_votes',
  {
    decisionId: uuid('decision_id').notNull().references(() => decisions.id, { onDelete: 'cascade' }),
    /** The seat's organisation; none for a seat held by a person outside the member organisations. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    councilMemberId: uuid('council_member_id').notNull().references(() => councilMembers.id),
    unit: text('unit', { enum: voteUnits }).notNull().default('organization'),
    choice: text('choice', { enum: voteChoices }).notNull(),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('council_votes_one_per_organization').on(t.decisionId, t.organizationId).where(sql`unit = 'organization' and organization_id is not null`),
    uniqueIndex('council_votes_one_per_seat').on(t.decisionId, t.councilMemberId),
  ],
);

/** The rules a vote is counted by, from the network's regulation (networks.*), fixed when voting opens. */
export interface VotingRules {
  quorumPercent: number;
  majority: 'simple' | 'two_thirds';
  quorumBasis: QuorumBasis;
  voteUnit: VoteUnit;
  chairCastingVote: boolean;
}

/** A decision that changes data once adopted: admission of the organisation that asked to join. */
export type DecisionSubject = { kind: 'admission'; networkMemberId: string; organizationId: string };
