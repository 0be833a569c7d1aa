import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { alreadyRegisteredLetter, registrationLetter } from './account-letters';
import { issueAccountToken } from './account-tokens';
import { UNIFORM_ANSWER_MS, takingAtLeast } from './even-timing';
import { users } from './schema';

export const REGISTRATION_TTL_MS = 24 * 3600 * 1000;

/**
 * A parent starts a guardian account: the address gets a letter, and the caller learns nothing about it — the
 * answer is the same and takes as long whether or not the address has an account. A free address gets a
 * single-use link (24 hours; an earlier one stops working); an address with an account gets a letter saying so.
 *
 * No account exists until the link is opened: the address and name wait on the link's row, so an address
 * nobody confirms is never taken, and sign-in needs no notion of an unconfirmed account. The password is chosen
 * only on the page behind the link, by whoever reads the letter: a stranger registering someone else's address
 * cannot make that person confirm an account whose password the stranger knows.
 */
export async function requestRegistration(context: CommandContext, input: { email: string; fullName: string; publicUrl: string }) {
  const email = input.email.trim().toLowerCase();
  await takingAtLeast(UNIFORM_ANSWER_MS, () =>
    context.db.transaction(async (tx) => {
      const [owner] = await tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.email, email)).limit(1);
      if (owner) {
        const letter = alreadyRegisteredLetter({ fullName: owner.fullName, signInUrl: `${input.publicUrl}/sign-in`, forgotPasswordUrl: `${input.publicUrl}/forgot-password` });
        await enqueueMail(tx, [{ to: email, userId: owner.id, kind: 'registration_taken', letter }]);
      } else {
        const token = await issueAccountToken(tx, { userId: null, purpose: 'registration', ttlMs: REGISTRATION_TTL_MS, newEmail: email, fullName: input.fullName.trim() });
        await enqueueMail(tx, [{ to: email, kind: 'registration', letter: registrationLetter({ url: `${input.publicUrl}/confirm-registration/${token}` }) }]);
      }
      await recordAudit(tx, context, { action: 'auth.registration_requested', entityType: 'user', entityId: owner?.id ?? null, after: { email, addressTaken: !!owner } });
    }),
  );
}
