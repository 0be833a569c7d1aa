import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { users } from '../accounts/schema';
import { peoplePolicy } from './policy';
import { type Person, presentPerson } from './present-person';
import { lockPerson } from './role-assignments';

/** Switches an account on again with the roles it had; the person signs in anew. */
export async function reactivatePerson(context: CommandContext, id: string, input: { reason: string }): Promise<Person> {
  authorize(context.actor, peoplePolicy.reactivate);
  await context.db.transaction(async (tx) => {
    const person = await lockPerson(tx, id);
    if (!person.disabledAt) return;
    await tx.update(users).set({ disabledAt: null, disabledReason: null }).where(eq(users.id, id));
    await recordAudit(tx, context, {
      action: 'person.reactivated',
      entityType: 'user',
      entityId: id,
      before: { disabledAt: person.disabledAt, disabledReason: person.disabledReason },
      after: { disabledAt: null, reason: input.reason },
    });
  });
  return presentPerson(context.db, id);
}
