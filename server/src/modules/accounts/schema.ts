import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../territory/schema';
import { organizations } from '../organizations/schema';

/** Roles a person holds across the region, not in one organisation; one account may hold several. */
export const platformRoles = ['operator', 'authority', 'expert', 'guardian'] as const;
export type PlatformRole = (typeof platformRoles)[number];

/**
 * Roles inside one organisation, highest first. `org_admin` is the head (руководитель): acts and signs for
 * the organisation. `staff_admin` is the person the head names to keep the staff list. The rest are staff.
 */
export const membershipRoles = ['org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** How a person wants their notifications by e-mail. */
export const mailPreferences = ['immediate', 'digest', 'off'] as const;
export type MailPreference = (typeof mailPreferences)[number];

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stored lower-cased so that sign-in is case-insensitive. */
  email: text('email').notNull().unique(),
  /** Null until an invited person sets a password, and for accounts that only sign in through SSO. */
  passwordHash: text('password_hash'),
  fullName: text('full_name').notNull(),
  /** Set for authorities: the municipality they manage. */
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the address was proven: by accepting an invitation, a reset link, an e-mail change or a verified SSO claim. */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  disabledReason: text('disabled_reason'),
  mailPreference: text('mail_preference', { enum: mailPreferences }).notNull().default('immediate'),
  /** When the last daily digest of notifications was sent to this person. */
  lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
});

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: platformRoles }).notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    role: text('role', { enum: membershipRoles }).notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organizationId, t.role] }), index('memberships_organization_idx').on(t.organizationId)],
);

/** Opaque session tokens: only their SHA-256 is stored, so a leaked table grants nothing. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Updated at most once an hour, so a person can tell their sessions apart. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** How the session was opened: password, invitation, reset or sso. */
    method: text('method').notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** What an invitation to a council seat asks for in `role`: no role, only the seat named by `councilMemberId`. */
export const COUNCIL_SEAT = 'council_seat' as const;

/**
 * An invitation to take one role: a platform role (authority of a municipality, expert, operator) or a role in
 * one organisation — or, with role `council_seat`, a seat on a network's council for a person outside its member
 * organisations (an account with no role at all). Only the SHA-256 of its link's token is stored; the link works
 * once and expires.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    /** A PlatformRole or a MembershipRole, as `organizationId` says. */
    role: text('role', { enum: [...platformRoles, ...membershipRoles, COUNCIL_SEAT] }).notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').notNull(),
    /** The council seat (council_members.id) an invitation with role `council_seat` is for. */
    councilMemberId: uuid('council_member_id'),
    /** Set when the invitation came from a staff import. */
    importId: uuid('import_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull().defaultNow(),
    sendCount: integer('send_count').notNull().default(1),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('invitations_organization_idx').on(t.organizationId),
    index('invitations_email_idx').on(t.email),
    index('invitations_council_member_idx').on(t.councilMemberId),
    // One live invitation per address and place: inviting again resends it instead.
    uniqueIndex('invitations_pending_unique')
      .on(t.email, t.role, sql`coalesce(${t.organizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`coalesce(${t.municipalityId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`accepted_at is null and revoked_at is null`),
  ],
);

/**
 * Single-use links sent to a person: a password reset, the confirmation of a new address, or of the address a
 * parent registers with. Only hashes are kept.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The account the link acts on; null for a registration, whose account is made only when the link is opened. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password_reset', 'email_change', 'registration'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For an e-mail change: the address to confirm; for a registration: the address registered. */
    newEmail: text('new_email'),
    /** For a registration: the name the parent gave, kept until the link is opened. */
    fullName: text('full_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId), index('account_tokens_new_email_idx').on(t.newEmail)],
);

/** An account linked to an OpenID Connect identity: the provider's issuer and its stable subject. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('sso_identities_user_idx').on(t.userId)],
);

/** A sign-in through SSO in flight: state, nonce and PKCE verifier, kept server-side for ten minutes. */
export const ssoAttempts = pgTable('sso_attempts', {
  stateHash: text('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  /** The invitation being accepted through SSO, if any. */
  invitationId: uuid('invitation_id'),
  returnTo: text('return_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** A staff spreadsheet upload: previewed rows and errors, then committed all at once; invitations go out in the background. */
export const staffImports = pgTable('staff_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorId: uuid('author_id').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status', { enum: ['previewed', 'running', 'done', 'failed'] }).notNull().default('previewed'),
  total: integer('total').notNull(),
  toInvite: integer('to_invite').notNull(),
  toAddRole: integer('to_add_role').notNull(),
  processed: integer('processed').notNull().default(0),
  rows: jsonb('rows').notNull(),
  errors: jsonb('errors').notNull(),
  failure: text('failure'),
  /** When the commit last showed progress; a running import long silent was left by a process that died (PostgreSQL). */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
