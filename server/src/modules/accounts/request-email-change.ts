import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { type OutgoingMail, enqueueMail } from '../../platform/mail/outbox';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { addressTakenLetter, emailChangeConfirmationLetter, emailChangeNoticeLetter } from './account-letters';
import { issueAccountToken } from './account-tokens';
import { UNIFORM_ANSWER_MS, takingAtLeast } from './even-timing';
import { passwordNotSet, verifyPassword } from './passwords';
import { accountPolicy } from './policy';
import { users } from './schema';

export const EMAIL_CHANGE_TTL_MS = 24 * 3600 * 1000;

/**
 * Starts a change of the caller's address: a confirmation link (valid 24 hours) goes to the new address and a
 * notice to the one in use. When the new address already has an account, its owner is told so instead of
 * getting a link, and the caller sees exactly what they would otherwise (a pending change that nobody can
 * confirm), so the form cannot be used to find out who has an account.
 */
export async function requestEmailChange(context: CommandContext, input: { newEmail: string; currentPassword: string; publicUrl: string }) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const newEmail = input.newEmail.trim().toLowerCase();
  const [user] = await context.db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (user.passwordHash === null) throw passwordNotSet();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid('Текущий пароль введён неверно.', [{ field: 'currentPassword', message: 'Неверный пароль' }]);
  }
  if (newEmail === user.email) throw invalid('Это ваш нынешний адрес.', [{ field: 'newEmail', message: 'Это ваш нынешний адрес — укажите новый' }]);

  const forgotPasswordUrl = `${input.publicUrl}/forgot-password`;
  await takingAtLeast(UNIFORM_ANSWER_MS, () =>
    context.db.transaction(async (tx) => {
      const [owner] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.email, newEmail)).limit(1);
      const token = await issueAccountToken(tx, { userId: user.id, purpose: 'email_change', ttlMs: EMAIL_CHANGE_TTL_MS, newEmail });
      const toNewAddress: OutgoingMail = owner
        ? { to: newEmail, userId: owner.id, kind: 'email_taken', letter: addressTakenLetter({ fullName: owner.fullName, forgotPasswordUrl }) }
        : {
            to: newEmail,
            userId: user.id,
            kind: 'email_change',
            letter: emailChangeConfirmationLetter({ fullName: user.fullName, newEmail, url: `${input.publicUrl}/confirm-email/${token}` }),
          };
      await enqueueMail(tx, [
        toNewAddress,
        { to: user.email, userId: user.id, kind: 'email_change_notice', letter: emailChangeNoticeLetter({ fullName: user.fullName, newEmail, forgotPasswordUrl }) },
      ]);
      await recordAudit(tx, context, { action: 'auth.email_change_requested', entityType: 'user', entityId: user.id, after: { newEmail, addressTaken: !!owner } });
    }),
  );
}
