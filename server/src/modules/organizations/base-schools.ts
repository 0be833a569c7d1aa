import { and, eq, lte, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { baseSchoolRegister, organizations } from './schema';

/** Whether the organisation is in the register of base schools on `onDate` (YYYY-MM-DD): entered on or before that day. */
export async function isBaseSchool(db: Database, organizationId: string, onDate: string): Promise<boolean> {
  const [row] = await db
    .select({ id: baseSchoolRegister.id })
    .from(baseSchoolRegister)
    .where(and(eq(baseSchoolRegister.organizationId, organizationId), lte(baseSchoolRegister.effectiveOn, onDate)))
    .limit(1);
  return !!row;
}

/** The organisation's register entry, if any: since when it is a base school and by which order. */
export async function baseSchoolEntry(db: Database, organizationId: string) {
  const [row] = await db.select().from(baseSchoolRegister).where(eq(baseSchoolRegister.organizationId, organizationId)).limit(1);
  return row ?? null;
}

/**
 * A signed authority order enters the school into the register from the order's date, inside the signing transaction:
 * the entry, the «base school» status on the organisation's card and an audit entry. A school already in the register
 * keeps its earlier entry (returns null).
 */
export async function enterBaseSchool(
  tx: Database,
  context: Pick<CommandContext, 'actor' | 'ip'>,
  entry: { organizationId: string; effectiveOn: string; documentId: string; authorityOrganizationId: string },
) {
  const [row] = await tx.insert(baseSchoolRegister).values(entry).onConflictDoNothing().returning();
  if (!row) return null;
  const [organization] = await tx
    .update(organizations)
    .set({
      statuses: sql`case when 'base_school' = any(${organizations.statuses}) then ${organizations.statuses} else array_append(${organizations.statuses}, 'base_school') end`,
      version: sql`${organizations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, entry.organizationId))
    .returning({ statuses: organizations.statuses });
  await recordAudit(tx, context, {
    action: 'organization.base_school_registered',
    entityType: 'organization',
    entityId: entry.organizationId,
    after: { registerEntryId: row.id, effectiveOn: row.effectiveOn, documentId: entry.documentId, authorityOrganizationId: entry.authorityOrganizationId, statuses: organization?.statuses ?? null },
  });
  return row;
}
