import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { sessions, users } from '../accounts/schema';
import { deactivatedLetter } from './invitation-letter';
import { peoplePolicy } from './policy';
import { type Person, presentPerson } from './present-person';
import { lockPerson } from './role-assignments';

/**
 * Switches an account off: it cannot sign in, and its sessions end in the same transaction, so the next
 * request with an old cookie is anonymous. Its past signatures, votes and audit entries stay as they were.
 * The person gets a letter saying why. Nobody switches themselves off, and the last active operator stays.
 */
export async function deactivatePerson(context: CommandContext, id: string, input: { reason: string }): Promise<Person> {
  authorize(context.actor, peoplePolicy.deactivate);
  if (id === context.actor.userId) {
    throw new Problem(409, 'Нельзя отключить себя', 'Свою учётную запись отключить нельзя: это может сделать другой оператор.', { code: 'self_deactivation' });
  }
  await context.db.transaction(async (tx) => {
    const person = await lockPerson(tx, id, { leavingOperator: true });
    if (person.disabledAt) return;
    const disabledAt = new Date();
    await tx.update(users).set({ disabledAt, disabledReason: input.reason }).where(eq(users.id, id));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ userId: sessions.userId });
    await enqueueMail(tx, [{ to: person.email, userId: person.id, kind: 'account_deactivated', letter: deactivatedLetter({ fullName: person.fullName, reason: input.reason }) }]);
    await recordAudit(tx, context, {
      action: 'person.deactivated',
      entityType: 'user',
      entityId: id,
      before: { disabledAt: null },
      after: { disabledAt, reason: input.reason, sessionsEnded: ended.length },
    });
  });
  return presentPerson(context.db, id);
}
