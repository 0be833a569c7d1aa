import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { hashPassword, verifyPassword } from './passwords';
import { users } from './schema';
import { loadActor, openSession } from './sessions';

const wrongCredentials = () => new Problem(401, 'Не удалось войти', 'Неверная почта или пароль.');

// Verifying against a real hash when there is no password to check (an unknown address, an account that signs
// in only through SSO) keeps response times equal, so addresses cannot be probed. The decoy's result is thrown
// away: whoever typed the decoy's password must not get into a passwordless account.
const decoyHash = hashPassword('decoy-password-for-timing');

/**
 * Opens a session for the right address and password. Every refusal — unknown address, wrong password, no
 * password, deactivated account — takes one password verification and gives one message.
 */
export async function signIn(context: CommandContext, input: { email: string; password: string; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase();
  const [user] = await context.db.select().from(users).where(eq(users.email, email)).limit(1);
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await decoyHash, input.password);
  if (!user || !valid || user.disabledAt) {
    await recordAudit(context.db, context, { action: 'auth.sign_in_failed', entityType: 'user', entityId: user?.id ?? null, after: { email } });
    throw wrongCredentials();
  }
  const session = await openSession(context.db, user.id, { ip: context.ip, userAgent: input.userAgent });
  const actor = await loadActor(context.db, user);
  await recordAudit(context.db, { actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  return { actor, ...session };
}
