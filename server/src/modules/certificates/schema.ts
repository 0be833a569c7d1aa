import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { children } from '../families/schema';
import { organizations } from '../organizations/schema';

/**
 * What a certificate was issued for. Each kind names a module that decides who manages its source (the event's
 * organisers); practices and competitions add their kinds here and their rule in `certificates/sources.ts`.
 */
export const certificateSourceKinds = ['event'] as const;
export type CertificateSourceKind = (typeof certificateSourceKinds)[number];

/** The role the certificate states: participation, or speaking at the event. */
export const certificateRoles = ['participant', 'speaker'] as const;
export type CertificateRole = (typeof certificateRoles)[number];

/**
 * A certificate of participation or of a speaker. What it says (recipient's name, title, dates, issuer) is copied
 * when it is issued, so the PDF and the public verification page keep saying what was issued even if the event is
 * renamed or the person leaves. `number` is shown on the paper; `verification_code` is the public key of the
 * verification page (random, 60 bits). A revoked certificate stays, marked, with the reason for the organisers;
 * the public page says only that it is revoked. One live certificate per source, person and role.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serialNo: bigserial('serial_no', { mode: 'number' }).notNull(),
    number: text('number')
      .notNull()
      .generatedAlwaysAs(sql`lpad(serial_no::text, 7, '0')`),
    verificationCode: text('verification_code').notNull(),
    sourceKind: text('source_kind', { enum: certificateSourceKinds }).notNull(),
    /** The event (or, later, the practice or competition). */
    sourceId: uuid('source_id').notNull(),
    /** The registration it was issued on, when there is one (a speaker named in the programme may have none). */
    sourceItemId: uuid('source_item_id'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    childId: uuid('child_id').references(() => children.id, { onDelete: 'set null' }),
    recipientName: text('recipient_name').notNull(),
    role: text('role', { enum: certificateRoles }).notNull(),
    title: text('title').notNull(),
    /** The days it was held, in the region's calendar. */
    heldFrom: date('held_from', { mode: 'string' }).notNull(),
    heldTo: date('held_to', { mode: 'string' }).notNull(),
    issuerOrganizationId: uuid('issuer_organization_id')
      .notNull()
      .references(() => organizations.id),
    issuerName: text('issuer_name').notNull(),
    issuedBy: uuid('issued_by').references(() => users.id, { onDelete: 'set null' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokeReason: text('revoke_reason').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('certificates_held_ordered', sql`${t.heldFrom} <= ${t.heldTo}`),
    check('certificates_revoked_with_reason', sql`${t.revokedAt} is null or length(${t.revokeReason}) > 0`),
    uniqueIndex('certificates_number_key').on(t.serialNo),
    uniqueIndex('certificates_verification_code_key').on(t.verificationCode),
    // One live certificate per source, person and role, whatever the concurrency (a revoked one may be issued again).
    uniqueIndex('certificates_live_key')
      .on(t.sourceKind, t.sourceId, t.role, sql`coalesce(${t.userId}, ${t.childId}, ${t.sourceItemId})`)
      .where(sql`revoked_at is null`),
    index('certificates_source_idx').on(t.sourceKind, t.sourceId),
    index('certificates_user_idx').on(t.userId),
    index('certificates_child_idx').on(t.childId),
  ],
);
