import { type AnyPgColumn, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { plans } from '../plans/schema';

export const documentKinds = [
  'agreement',
  'network_programme_agreement',
  'district_regulation',
  'council_regulation',
  'order',
  'network_plan',
  'accession',
  'resource_exchange',
  /** One-sided acts of an education authority, signed by the authority alone (seed 001). */
  'district_creation_order',
  'base_school_order',
  /** The committee–base school contract: the authority and the base school (seed 001). */
  'base_school_contract',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/**
 * Who the parties of a document are, and so who signs it: every active member of the network (and members that join
 * later accede), the organisations named in `partyOrganizationIds`, or one education authority alone.
 */
export const partyScopes = ['members', 'named', 'authority'] as const;
export type PartyScope = (typeof partyScopes)[number];

/** A plan (or some of its top-level items with their sub-items) as the exact annex a version carries and its signers sign. */
export interface PlanAnnex {
  planId: string;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** Only the chosen top-level items with their sub-items; null means the whole plan. */
  itemIds: string[] | null;
  items: { number: string; depth: number; activity: string; startsOn: string | null; endsOn: string | null; responsible: string[]; responsiblePeople: string; expectedResult: string }[];
}

/** What a signed authority act changes in the data the authority governs. */
export type AuthorityAct = { kind: 'base_school_register'; organizationId: string; organizationName: string };

export const documentStates = ['draft', 'signing', 'signed'] as const;

export const networkDocuments = pgTable(
  'network_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    title: text('title').notNull(),
    state: text('state', { enum: documentStates }).notNull().default('draft'),
    /** The version now in force; edits after the first signature create a new one. */
    currentVersion: integer('current_version').notNull().default(1),
    /** An accession joins a later member to this document. */
    parentDocumentId: uuid('parent_document_id').references((): AnyPgColumn => networkDocuments.id),
    /** For an accession: the one organisation that signs it (with the coordinator). */
    accedingOrganizationId: uuid('acceding_organization_id').references(() => organizations.id),
    /** Who signs: every active member, the named organisations, or one authority alone (see partyScopes). */
    partyScope: text('party_scope', { enum: partyScopes }).notNull().default('members'),
    /** The organisations that sign it, and only they: for a resource exchange agreement, a named-party document, an authority act. */
    partyOrganizationIds: uuid('party_organization_ids').array(),
    /** The plan an agreement takes as its annex; its content as signed is in each version's `annex`. */
    annexPlanId: uuid('annex_plan_id').references(() => plans.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('network_documents_network_idx').on(t.networkId)],
);

export const documentVersions = pgTable(
  'network_document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => networkDocuments.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The title as it stood in this version: it is part of what the signers saw and of `sha256`. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The plan annex exactly as signers saw it (part of `sha256`); null when the document has none. */
    annex: jsonb('annex').$type<PlanAnnex>(),
    /** For an authority act: what it changes once signed (part of `sha256`). */
    act: jsonb('act').$type<AuthorityAct>(),
    /** SHA-256 of the title and body (and annex and act, when present) exactly as signers saw them. */
    sha256: text('sha256').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('network_document_versions_key').on(t.documentId, t.version)],
);

/**
 * A simple electronic signature: who signed which version (by its hash), for which organisation, when.
 * Each record hashes everything the signature sheet shows, the state it produced and the previous record of the
 * same document, so that editing a stored record breaks the chain.
 */
export const documentSignatures = pgTable(
  'network_document_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => networkDocuments.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id').notNull().references(() => documentVersions.id),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    signerId: uuid('signer_id').notNull().references(() => users.id),
    signerName: text('signer_name').notNull(),
    /** The organisation's full name as it stood when signed: the signature sheet prints this one. */
    organizationName: text('organization_name').notNull(),
    /** The document's state this signature produced (`signing`, or `signed` by the last party). */
    documentState: text('document_state', { enum: documentStates }).notNull(),
    versionSha256: text('version_sha256').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
    /** Set when a later version voided this signature; the record stays for the chain and the history. */
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('network_document_signatures_once').on(t.versionId, t.organizationId),
    index('network_document_signatures_document_idx').on(t.documentId),
  ],
);
