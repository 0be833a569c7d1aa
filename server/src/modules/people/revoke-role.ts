import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, notFound } from '../../platform/problem';
import { users } from '../accounts/schema';
import { describeRole } from './invitation-letter';
import { grantableBy, peoplePolicy } from './policy';
import { type Person, presentPerson } from './present-person';
import { removeRole } from './role-assignments';
import { type RoleRequest, resolveRoleTarget } from './role-target';

/**
 * Takes one role away where the grant tree lets the caller give it (also in an archived place); why is
 * written in the audit log. The last active operator keeps the operator's role.
 */
export async function revokeRole(context: CommandContext, personId: string, input: RoleRequest & { reason: string }): Promise<Person> {
  authorize(context.actor, peoplePolicy.manage);
  const placed = await resolveRoleTarget(context.db, input, 'revoke');
  authorize(context.actor, (a) => grantableBy(a, placed.target));
  await context.db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id, municipalityId: users.municipalityId }).from(users).where(eq(users.id, personId));
    if (!person) throw notFound('Сотрудник');
    if (!(await removeRole(tx, person, placed.target))) {
      throw new Problem(409, 'Роли нет', `У человека нет роли «${describeRole(placed)}».`, { code: 'role_not_held' });
    }
    await recordAudit(tx, context, { action: 'person.role_revoked', entityType: 'user', entityId: personId, before: { ...placed.target }, after: { reason: input.reason } });
  });
  return presentPerson(context.db, personId);
}
