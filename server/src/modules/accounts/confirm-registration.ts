import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/problem';
import { findAccountToken, linkProblem } from './account-tokens';
import { createUser } from './create-user';
import { accountTokens, users } from './schema';
import { loadActor, openSession } from './sessions';

// Opening the link proved the address, so saying it has an account tells nothing its owner does not know.
const alreadyRegistered = () =>
  new Problem(409, 'Адрес уже зарегистрирован', 'С этим адресом уже есть учётная запись. Войдите с ним или восстановите пароль.', { code: 'account_exists' });

/**
 * Finishes a registration from the link in its letter: the guardian account is made with the password chosen
 * here (a weak one is refused and the link stays usable), its address counted as proven, and the parent signed in. The link's row is locked, so of two
 * confirmations at once one makes the account and the other finds the link used; an account that took the
 * address meanwhile (an invitation accepted) is a clear 409, settled by the unique index if it races.
 */
export async function confirmRegistration(context: CommandContext, input: { token: string; password: string; userAgent: string | null }) {
  try {
    return await context.db.transaction(async (tx) => {
      const link = await findAccountToken(tx, input.token, 'registration', { lock: true });
      if (link.state !== 'valid') throw linkProblem('registration', link.state);
      const email = link.row.newEmail!;
      const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
      if (owner) throw alreadyRegistered();
      const now = new Date();
      await tx.update(accountTokens).set({ usedAt: now }).where(eq(accountTokens.id, link.row.id));
      const user = await createUser(
        { ...context, db: tx },
        { email, password: input.password, fullName: link.row.fullName!, platformRoles: ['guardian'], municipalityId: null, memberships: [], emailVerifiedAt: now },
      );
      const session = await openSession(tx, user.id, { ip: context.ip, userAgent: input.userAgent });
      const actor = await loadActor(tx, user);
      await recordAudit(tx, { actor, ip: context.ip }, { action: 'auth.registered', entityType: 'user', entityId: user.id });
      return { actor, ...session };
    });
  } catch (error) {
    if (uniqueViolation(error) === 'users_email_unique') throw alreadyRegistered();
    throw error;
  }
}
