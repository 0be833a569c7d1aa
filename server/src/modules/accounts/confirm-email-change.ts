import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/problem';
import { findAccountToken, linkProblem, voidUnusedTokens } from './account-tokens';
import { accountTokens, users } from './schema';
import { loadActor } from './sessions';

const addressTaken = (email: string) =>
  new Problem(409, 'Адрес уже занят', `С адресом ${email} уже есть другая учётная запись, поэтому сменить на него адрес нельзя. Укажите в профиле другой адрес.`, {
    code: 'email_taken',
  });

/**
 * Moves the account to the address the link was sent to; opening it proved the address, so no sign-in is
 * needed. The check that nobody has the address runs inside the transaction, and the unique index settles a
 * race with another account taking it meanwhile: either way a clear 409. The change is the account owner's in
 * the audit log, whoever is signed in where the link is opened; reset links sent to the old address stop working.
 */
export async function confirmEmailChange(context: CommandContext, input: { token: string }) {
  let newEmail = '';
  try {
    return await context.db.transaction(async (tx) => {
      const link = await findAccountToken(tx, input.token, 'email_change', { lock: true });
      if (link.state !== 'valid') throw linkProblem('email_change', link.state);
      newEmail = link.row.newEmail!;
      const [user] = await tx.select().from(users).where(eq(users.id, link.row.userId)).for('update');
      const [owner] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, newEmail), ne(users.id, user.id))).limit(1);
      if (owner) throw addressTaken(newEmail);
      const now = new Date();
      await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, link.row.id));
      await voidUnusedTokens(tx, user.id, ['password_reset']);
      const [changed] = await tx.update(users).set({ email: newEmail, emailVerifiedAt: now }).where(eq(users.id, user.id)).returning();
      await recordAudit(tx, { actor: await loadActor(tx, changed), ip: context.ip }, {
        action: 'auth.email_changed',
        entityType: 'user',
        entityId: user.id,
        before: { email: user.email },
        after: { email: newEmail },
      });
      return { email: newEmail };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_unique') throw addressTaken(newEmail);
    throw error;
  }
}
