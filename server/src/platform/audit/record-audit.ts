import { type SQL, type WithSubquery, sql } from 'drizzle-orm';
import type { CommandContext } from '../context';
import type { Database } from '../db/client';
import { auditEntries } from './schema';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit entry; call it inside the transaction that makes the change so both commit or neither. The database
 * replaces personal values (names, e-mails, birth dates, phones; not on an organisation's public card) on the way in and seals the entry into the audit chain
 * when the transaction commits (migration 0008), for this and every other way an entry is written.
 */
export async function recordAudit(db: Database, context: Pick<CommandContext, 'actor' | 'ip'>, record: AuditRecord) {
  await db.insert(auditEntries).values({
    actorId: context.actor?.userId ?? null,
    actorIp: context.ip,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before ?? null,
    after: record.after ?? null,
  });
}

/**
 * recordAudit as an INSERT … SELECT for a single statement: one entry for each row of `source` (a CTE of it, such as
 * the row a statement just inserted), the values SQL over that row's columns or placeholders. The database treats the
 * entry exactly as one recordAudit writes.
 */
export const auditEntriesFrom = (source: WithSubquery, entry: { actorId: SQL; ip: SQL; action: string; entityType: string; entityId: SQL; after: SQL }): SQL =>
  sql`insert into ${auditEntries} (actor_id, actor_ip, action, entity_type, entity_id, "after")
    select ${entry.actorId}, ${entry.ip}, ${entry.action}::text, ${entry.entityType}::text, ${entry.entityId}, ${entry.after} from ${source}`;
