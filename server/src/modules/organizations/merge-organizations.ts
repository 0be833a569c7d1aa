import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, invalid, notFound } from '../../platform/problem';
import { memberships } from '../accounts/schema';
import { organizationPolicy } from './policy';
import { auditSnapshot, presentOrganizations } from './present-organization';
import { organizations } from './schema';

/**
 * Folds a duplicate into the surviving organisation: people's memberships move over, identifiers the
 * survivor lacks are taken from the duplicate, and the duplicate is archived with a pointer to the survivor.
 */
export async function mergeOrganizations(context: CommandContext, input: { survivorId: string; duplicateId: string }) {
  authorize(context.actor, organizationPolicy.merge);
  if (input.survivorId === input.duplicateId) throw invalid('Нельзя объединить организацию саму с собой.', [{ field: 'duplicateId', message: 'Выберите другую организацию' }]);

  const row = await context.db.transaction(async (tx) => {
    // Lock both rows in a fixed order so that two merges of the same pair cannot interleave or deadlock.
    const locked = await tx
      .select()
      .from(organizations)
      .where(inArray(organizations.id, [input.survivorId, input.duplicateId]))
      .orderBy(organizations.id)
      .for('update');
    const survivor = locked.find((o) => o.id === input.survivorId);
    const duplicate = locked.find((o) => o.id === input.duplicateId);
    if (!survivor) throw notFound('Организация');
    if (!duplicate) throw notFound('Дубликат');
    if (survivor.state === 'archived' || duplicate.state === 'archived') {
      throw new Problem(409, 'Объединение невозможно', 'Одна из организаций уже в архиве (возможно, её только что объединили).');
    }

    const survivorMembers = tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.organizationId, survivor.id));
    await tx
      .update(memberships)
      .set({ organizationId: survivor.id })
      .where(and(eq(memberships.organizationId, duplicate.id), notInArray(memberships.userId, survivorMembers)));
    await tx.delete(memberships).where(eq(memberships.organizationId, duplicate.id));

    const inherited = {
      inn: survivor.inn ?? duplicate.inn,
      ogrn: survivor.ogrn ?? duplicate.ogrn,
      externalId: survivor.externalId ?? duplicate.externalId,
    };
    const [archived] = await tx
      .update(organizations)
      .set({ state: 'archived', mergedIntoId: survivor.id, inn: null, ogrn: null, externalId: null, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(eq(organizations.id, duplicate.id))
      .returning();
    const [merged] = await tx
      .update(organizations)
      .set({ ...inherited, statuses: [...new Set([...survivor.statuses, ...duplicate.statuses])], version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(eq(organizations.id, survivor.id))
      .returning();
    await recordAudit(tx, context, { action: 'organization.merged_away', entityType: 'organization', entityId: duplicate.id, before: auditSnapshot(duplicate), after: auditSnapshot(archived) });
    await recordAudit(tx, context, { action: 'organization.merged', entityType: 'organization', entityId: survivor.id, before: auditSnapshot(survivor), after: auditSnapshot(merged) });
    return merged;
  });
  const [view] = await presentOrganizations(context.db, [row]);
  return view;
}
