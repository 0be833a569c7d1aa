import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { describeRole } from './invitation-letter';
import { grantableBy, peoplePolicy } from './policy';
import { type Person, presentPerson } from './present-person';
import { addRole, lockPerson } from './role-assignments';
import { type RoleRequest, resolveRoleTarget } from './role-target';

/** Gives a person with an account one more role, where the grant tree lets the caller; why is written in the audit log. */
export async function grantRole(context: CommandContext, personId: string, input: RoleRequest & { reason: string }): Promise<Person> {
  authorize(context.actor, peoplePolicy.manage);
  const actor = context.actor;
  const placed = await resolveRoleTarget(context.db, input, 'grant');
  authorize(actor, (a) => grantableBy(a, placed.target));
  await context.db.transaction(async (tx) => {
    const person = await lockPerson(tx, personId);
    if (person.disabledAt) {
      throw new Problem(409, 'Учётная запись отключена', 'Роли отключённой учётной записи не меняют. Сначала включите её.', { code: 'account_disabled' });
    }
    if (!(await addRole(tx, person, placed.target, actor.userId))) {
      throw new Problem(409, 'Роль уже есть', `У человека уже есть роль «${describeRole(placed)}».`, { code: 'role_held' });
    }
    await recordAudit(tx, context, { action: 'person.role_granted', entityType: 'user', entityId: personId, after: { ...placed.target, reason: input.reason } });
  });
  return presentPerson(context.db, personId);
}
