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

/** Writes one audit entry; call it inside the transaction that makes the change so both commit or neither. */
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
