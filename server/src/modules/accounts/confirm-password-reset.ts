import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { findAccountToken, linkProblem, voidUnusedTokens } from './account-tokens';
import { checkNewPassword, hashPassword } from './passwords';
import { accountTokens, sessions, users } from './schema';
import { loadActor, openSession } from './sessions';

/**
 * Sets a new password from a reset link. The link's row is locked, so of two confirmations at once one wins and
 * the other finds it used. Opening the letter proved the address; every session of the person ends (whoever
 * knew the old password is signed out), other waiting links stop working, and a new session opens here.
 */
export async function confirmPasswordReset(context: CommandContext, input: { token: string; newPassword: string; userAgent: string | null }) {
  return context.db.transaction(async (tx) => {
    const link = await findAccountToken(tx, input.token, 'password_reset', { lock: true });
    if (link.state !== 'valid') throw linkProblem('password_reset', link.state);
    const row = link.row;
    const [owner] = await tx.select({ email: users.email, fullName: users.fullName }).from(users).where(eq(users.id, row.userId));
    checkNewPassword(input.newPassword, 'newPassword', owner);
    const passwordHash = await hashPassword(input.newPassword);
    const now = new Date();
    await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, row.id));
    await voidUnusedTokens(tx, row.userId, ['password_reset', 'email_change']);
    const [user] = await tx.update(users).set({ passwordHash, emailVerifiedAt: now }).where(eq(users.id, row.userId)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    const session = await openSession(tx, user.id, { ip: context.ip, userAgent: input.userAgent, method: 'reset' });
    const actor = await loadActor(tx, user);
    await recordAudit(tx, { actor, ip: context.ip }, { action: 'auth.password_reset', entityType: 'user', entityId: user.id });
    return { actor, ...session };
  });
}
