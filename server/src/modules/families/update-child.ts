import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, notSignedIn } from '../../platform/problem';
import { throwIfErrors } from '../plans/plan-fields';
import { regionToday } from '../territory/region-clock';
import { loadVisibleChild, lockChild } from './access';
import { homeSchoolErrors } from './child-checks';
import { type ChildChanges, childDataErrors } from './child-fields';
import { familyPolicy } from './policy';
import { presentChild } from './present-child';
import { children } from './schema';

/**
 * The guardian corrects a child's data. A new home school has not confirmed anything yet, so
 * changing it clears the old school's confirmation (and the old school stops seeing the child).
 */
export async function updateChild(context: CommandContext, id: string, input: ChildChanges) {
  if (!context.actor) throw notSignedIn();
  const { child } = await loadVisibleChild(context.db, context.actor, id);
  authorize(context.actor, (actor) => familyPolicy.manage(actor, child));
  const next = {
    fullName: input.fullName ?? child.fullName,
    birthDate: input.birthDate !== undefined ? input.birthDate : child.birthDate,
    grade: input.grade !== undefined ? input.grade : child.grade,
    homeSchoolId: input.homeSchoolId !== undefined ? input.homeSchoolId : child.homeSchoolId,
  };
  const schoolChanged = next.homeSchoolId !== child.homeSchoolId;
  throwIfErrors(
    [...childDataErrors(next, await regionToday(context.db)), ...(schoolChanged ? await homeSchoolErrors(context.db, next.homeSchoolId) : [])],
    'Изменения не сохранены.',
  );
  const updated = await context.db.transaction(async (tx) => {
    // Enrolments judge the child's age and grade under this lock, so they see the data before or after, whole; a deleted child is a 404.
    await lockChild(tx, id, 'update');
    const [row] = await tx
      .update(children)
      .set({
        ...next,
        ...(schoolChanged ? { homeSchoolConfirmedAt: null, homeSchoolConfirmedBy: null } : {}),
        version: sql`${children.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(children.id, id), eq(children.version, input.version)))
      .returning();
    if (!row) throw conflict('Данные ребёнка уже изменили в другой вкладке. Обновите страницу и внесите правки ещё раз.');
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => next[key] !== child[key]);
    // Which fields changed and the school ids — never the name or the birth date themselves.
    await recordAudit(tx, context, {
      action: 'child.updated',
      entityType: 'child',
      entityId: id,
      before: { homeSchoolId: child.homeSchoolId, confirmed: !!child.homeSchoolConfirmedAt },
      after: { changed, homeSchoolId: row.homeSchoolId, confirmed: !!row.homeSchoolConfirmedAt },
    });
    return row;
  });
  return presentChild(context.db, updated, 'guardian');
}
