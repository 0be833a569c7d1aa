import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { hashToken } from '../../platform/secret-tokens';
import { voidUnusedTokens } from './account-tokens';
import { checkNewPassword, hashPassword, passwordNotSet, verifyPassword } from './passwords';
import { accountPolicy } from './policy';
import { sessions, users } from './schema';

/**
 * Changes the caller's password and ends their other sessions, keeping the one in use. A pending e-mail change
 * is cancelled too: the password may have changed because someone else knew it. An account without a password
 * (SSO only) sets one through a reset link, which proves the address.
 */
export async function changePassword(
  context: CommandContext,
  input: { currentPassword: string; newPassword: string; currentSessionToken: string | null },
) {
  const { actor } = context;
  authorize(actor, accountPolicy.changeOwnPassword);
  const [user] = await context.db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (user && user.passwordHash === null) throw passwordNotSet();
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalid('Текущий пароль введён неверно.', [{ field: 'currentPassword', message: 'Неверный пароль' }]);
  }
  checkNewPassword(input.newPassword, 'newPassword', user);
  const passwordHash = await hashPassword(input.newPassword);
  const keep = input.currentSessionToken ? hashToken(input.currentSessionToken) : '';
  await context.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), ne(sessions.tokenHash, keep)));
    await voidUnusedTokens(tx, actor.userId, ['email_change']);
    await recordAudit(tx, context, { action: 'auth.password_changed', entityType: 'user', entityId: actor.userId });
  });
}
