import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { hashPassword, verifyPassword } from './passwords';
import { users } from './schema';
import { loadActor, openSession } from './sessions';

const wrongCredentials = () => new Problem(401, 'Не удалось войти', 'Неверная почта или пароль.');

// Verifying against a real hash when the account is unknown keeps response times equal, so emails cannot be probed.
const decoyHash = hashPassword('decoy-password-for-timing');

export async function signIn(context: CommandContext, input: { email: string; password: string; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase();
  const [user] = await context.db.select().from(users).where(eq(users.email, email)).limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
  if (!user || !valid || user.disabledAt) {
    await recordAudit(context.db, context, { action: 'auth.sign_in_failed', entityType: 'user', entityId: user?.id ?? null, after: { email } });
    throw wrongCredentials();
  }
  const session = await openSession(context.db, user.id, { ip: context.ip, userAgent: input.userAgent });
  const actor = await loadActor(context.db, user);
  await recordAudit(context.db, { actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  return { actor, ...session };
}
