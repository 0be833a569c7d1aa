import { type SQL, and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { users } from '../accounts/schema';
import { entityNames } from './entity-names';
import { auditPolicy } from './policy';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** Inclusive start and exclusive end, as instants. */
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

export async function listAuditEntries(context: CommandContext, filter: AuditFilter) {
  authorize(context.actor, auditPolicy.browse);
  const page = Math.max(1, filter.page ?? 1);
  const pageSize = Math.min(200, Math.max(1, filter.pageSize ?? 50));
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditEntries.action, filter.action) : undefined,
    filter.entityType ? eq(auditEntries.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEntries.entityId, filter.entityId) : undefined,
    filter.actorId ? eq(auditEntries.actorId, filter.actorId) : undefined,
    filter.from ? gte(auditEntries.at, filter.from) : undefined,
    filter.to ? lt(auditEntries.at, filter.to) : undefined,
  ];
  const where = and(...conditions.filter(Boolean));
  const [items, [{ total }]] = await Promise.all([
    context.db
      .select({
        id: auditEntries.id,
        at: auditEntries.at,
        actorId: auditEntries.actorId,
        actorName: users.fullName,
        actorIp: auditEntries.actorIp,
        action: auditEntries.action,
        entityType: auditEntries.entityType,
        entityId: auditEntries.entityId,
        before: auditEntries.before,
        after: auditEntries.after,
      })
      .from(auditEntries)
      .leftJoin(users, eq(users.id, auditEntries.actorId))
      .where(where)
      .orderBy(desc(auditEntries.at), desc(auditEntries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db.select({ total: sql<number>`count(*)::int` }).from(auditEntries).where(where),
  ]);
  const names = await entityNames(context.db, items);
  return { items: items.map((entry) => ({ ...entry, entityName: names.get(`${entry.entityType}:${entry.entityId}`) ?? null })), total: Number(total), page, pageSize };
}

/** Everyone who has an entry in the log, by name: the choices of the log's «who» filter. */
export async function listAuditActors(context: CommandContext) {
  authorize(context.actor, auditPolicy.browse);
  const actors = await context.db
    .selectDistinct({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(sql`exists (select 1 from ${auditEntries} where ${auditEntries.actorId} = ${users.id})`)
    .orderBy(users.fullName, users.id);
  return { items: actors };
}
