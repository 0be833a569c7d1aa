import { bigint, bigserial, check, index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Append-only record of every change: who, what, before/after, when (UTC), from where. The database seals
 * each entry when its transaction commits (migration 0008, trigger `audit_entries_chain`): `chainSeq` is its
 * place in one global chain, `hash` the SHA-256 of its content and of `previousHash`, the hash before it.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Milliseconds, as JavaScript reads them: a backup restores the very instant the entry's hash covers. */
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorIp: text('actor_ip'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    previousHash: text('previous_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_entries_entity_idx').on(t.entityType, t.entityId),
    index('audit_entries_at_idx').on(t.at),
    uniqueIndex('audit_entries_chain_seq_key').on(t.chainSeq),
  ],
);

/** The last sealed entry of the audit chain, one row: the trigger locks it at commit, so the chain never forks. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    entryId: bigint('entry_id', { mode: 'number' }),
    hash: text('hash').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('audit_chain_head_single_row', sql`${t.id} = 1`)],
);
