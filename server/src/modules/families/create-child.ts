import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { throwIfErrors } from '../plans/plan-fields';
import { regionToday } from '../territory/region-clock';
import { homeSchoolErrors } from './child-checks';
import { type ChildFields, childDataErrors } from './child-fields';
import { familyPolicy } from './policy';
import { presentChild } from './present-child';
import { children } from './schema';

/** A guardian registers a child with the minimum: a name, a date of birth or a grade, the home school if they wish. */
export async function createChild(context: CommandContext, input: ChildFields) {
  authorize(context.actor, familyPolicy.register);
  const actor = context.actor;
  const values = { fullName: input.fullName, birthDate: input.birthDate ?? null, grade: input.grade ?? null, homeSchoolId: input.homeSchoolId ?? null };
  throwIfErrors([...childDataErrors(values, await regionToday(context.db)), ...(await homeSchoolErrors(context.db, values.homeSchoolId))], 'Ребёнок не добавлен.');
  const child = await context.db.transaction(async (tx) => {
    const [created] = await tx.insert(children).values({ ...values, guardianUserId: actor.userId }).returning();
    // Ids only: a child's name and birth date never go into the audit log.
    await recordAudit(tx, context, { action: 'child.registered', entityType: 'child', entityId: created.id, after: { guardianUserId: actor.userId, homeSchoolId: created.homeSchoolId } });
    return created;
  });
  return presentChild(context.db, child, 'guardian');
}
