import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, notSignedIn } from '../../platform/problem';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import { loadVisibleChild, lockChild } from './access';
import { familyPolicy } from './policy';
import { presentChild } from './present-child';
import { children } from './schema';

/**
 * A head of the school the guardian named confirms the child is its student; the guardian is told.
 * Confirming again changes nothing.
 */
export async function confirmHomeSchool(context: CommandContext, childId: string, input: { version: number }) {
  if (!context.actor) throw notSignedIn();
  const { child, relation } = await loadVisibleChild(context.db, context.actor, childId);
  authorize(context.actor, (actor) => !!child.homeSchoolId && familyPolicy.confirmStudent(actor, child.homeSchoolId));
  if (child.homeSchoolConfirmedAt) return presentChild(context.db, child, relation);
  const schoolId = child.homeSchoolId!;
  const confirmed = await context.db.transaction(async (tx) => {
    // A child deleted meanwhile is a 404, not a stale version.
    await lockChild(tx, childId, 'update');
    const [row] = await tx
      .update(children)
      .set({ homeSchoolConfirmedAt: new Date(), homeSchoolConfirmedBy: context.actor!.userId, version: sql`${children.version} + 1`, updatedAt: new Date() })
      .where(and(eq(children.id, childId), eq(children.version, input.version), eq(children.homeSchoolId, schoolId)))
      .returning();
    if (!row) throw conflict('Семья изменила данные ребёнка с тех пор, как вы открыли список. Обновите страницу.');
    const [school] = await tx.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, schoolId));
    await recordAudit(tx, context, { action: 'child.home_school_confirmed', entityType: 'child', entityId: childId, after: { homeSchoolId: schoolId } });
    await notify(tx, [
      {
        userId: row.guardianUserId,
        kind: 'home_school_confirmed',
        title: `Школа «${school.shortName}» подтвердила, что ${row.fullName} у неё учится`,
        body: 'Теперь школа видит программы ребёнка в других организациях, посещаемость и результаты.',
        link: `/children/${childId}`,
        data: { childId, organizationId: schoolId },
      },
    ]);
    return row;
  });
  return presentChild(context.db, confirmed, relation);
}
