import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { endEnrolmentsOfChild } from '../enrolments/seats';
import { notifications } from '../notifications/schema';
import { loadVisibleChild, lockChild } from './access';
import { familyPolicy } from './policy';
import { children } from './schema';

/**
 * The guardian deletes the child and everything held about it. Live places are ended first through
 * the usual path, so their seats go to the next in line; then the row goes, and with it (ON DELETE
 * CASCADE) consents, enrolments, attendance, campaign choices and results. The audit keeps the id only.
 */
export async function deleteChild(context: CommandContext, id: string) {
  if (!context.actor) throw notSignedIn();
  const { child: visible } = await loadVisibleChild(context.db, context.actor, id);
  authorize(context.actor, (actor) => familyPolicy.manage(actor, visible));
  await context.db.transaction(async (tx) => {
    // Waits for enrolments and choices in progress, so their places are ended below; a second press finds the child gone (404).
    const child = await lockChild(tx, id, 'update');
    const endedEnrolments = await endEnrolmentsOfChild(tx, context, id);
    // Messages about the child (a seat given, a school's confirmation) lead nowhere once it is gone.
    await tx.delete(notifications).where(and(eq(notifications.userId, child.guardianUserId), eq(notifications.link, `/children/${id}`)));
    await tx.delete(children).where(eq(children.id, id));
    await recordAudit(tx, context, { action: 'child.deleted', entityType: 'child', entityId: id, before: { guardianUserId: child.guardianUserId, homeSchoolId: child.homeSchoolId }, after: { endedEnrolments } });
  });
}
