import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema';
import { networks } from '../networks/schema';
import { organizations } from '../organizations/schema';

export const documentKinds = ['agreement', 'network_programme_agreement', 'district_regulation', 'council_regulation', 'order', 'network_plan', 'accession', 'resource_exchange'] as const;
export type DocumentKind = (typeof documentKinds)[number];

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
    /** For a resource exchange agreement: the two organisations that sign it, and only they. */
    partyOrganizationIds: uuid('party_organization_ids').array(),
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
    /** SHA-256 of the title and body exactly as signers saw them. */
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
