import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { describeRole, roleGrantedLetter } from './invitation-letter';
import { grantableBy, peoplePolicy } from './policy';
import { type Person, presentPerson } from './present-person';
import { addRole, lockPerson } from './role-assignments';
import { type RoleRequest, resolveRoleTarget } from './role-target';

/**
 * Gives a person with an account one more role, where the grant tree lets the caller; why is written in the
 * audit log and in a letter to the person, which leads to `publicUrl`.
 */
export async function grantRole(context: CommandContext, personId: string, input: RoleRequest & { reason: string; publicUrl: string }): Promise<Person> {
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
    await enqueueMail(tx, [
      {
        to: person.email,
        userId: person.id,
        kind: 'role_granted',
        letter: roleGrantedLetter({ fullName: person.fullName, granterName: actor.fullName, placed, reason: input.reason, publicUrl: input.publicUrl }),
      },
    ]);
  });
  return presentPerson(context.db, personId);
}
