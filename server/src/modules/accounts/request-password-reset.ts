import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { passwordResetLetter } from './account-letters';
import { issueAccountToken } from './account-tokens';
import { UNIFORM_ANSWER_MS, takingAtLeast } from './even-timing';
import { users } from './schema';

export const PASSWORD_RESET_TTL_MS = 3600 * 1000;

/**
 * Sends a single-use reset link to an address with an active account. The caller learns nothing either way:
 * the answer is the same and takes as long for an unknown or deactivated address. The link (valid an hour)
 * and its letter commit together; an earlier unused link stops working.
 */
export async function requestPasswordReset(context: CommandContext, input: { email: string; publicUrl: string }) {
  const email = input.email.trim().toLowerCase();
  await takingAtLeast(UNIFORM_ANSWER_MS, async () => {
    const [user] = await context.db.select().from(users).where(eq(users.email, email)).limit(1);
    if (!user || user.disabledAt) return;
    await context.db.transaction(async (tx) => {
      const token = await issueAccountToken(tx, { userId: user.id, purpose: 'password_reset', ttlMs: PASSWORD_RESET_TTL_MS });
      const letter = passwordResetLetter({ fullName: user.fullName, url: `${input.publicUrl}/reset-password/${token}` });
      await enqueueMail(tx, [{ to: user.email, userId: user.id, kind: 'password_reset', letter }]);
      await recordAudit(tx, context, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id });
    });
  });
}
