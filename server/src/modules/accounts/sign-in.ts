import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { enqueueMail } from '../../platform/mail/outbox';
import { Problem } from '../../platform/problem';
import { signInLockedLetter } from './account-letters';
import { hashPassword, verifyPassword } from './passwords';
import { users } from './schema';
import { loadActor, openSession } from './sessions';
import { type SignInThrottle, SIGN_IN_THROTTLE } from './sign-in-throttle';

const wrongCredentials = () => new Problem(401, 'Не удалось войти', 'Неверная почта или пароль.');
const LOCK_MINUTES = SIGN_IN_THROTTLE.lockMs / 60_000;
const signInLocked = (until: Date) => {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new Problem(
    429,
    'Вход временно закрыт',
    `С этим адресом слишком много раз подряд ввели неверный пароль, и вход закрыт ещё на ${minutes} мин. Если не помните пароль, восстановите его («Забыли пароль?»): по ссылке из письма вы сразу войдёте.`,
    { code: 'sign_in_locked', retryAfterSeconds: Math.ceil((until.getTime() - Date.now()) / 1000) },
  );
};

// Verifying against a real hash when there is no password to check (an unknown address, an account that signs
// in only through SSO) keeps response times equal, so addresses cannot be probed. The decoy's result is thrown
// away: whoever typed the decoy's password must not get into a passwordless account.
const decoyHash = hashPassword('decoy-password-for-timing');

/**
 * Opens a session for the right address and password. Every refusal — unknown address, wrong password, no
 * password, deactivated account — takes one password verification and gives one message. After too many
 * failures at one address (whatever the caller's network address) it is locked for a while, known or not, and
 * the owner of an account there is told by letter.
 */
export async function signIn(
  context: CommandContext,
  throttle: SignInThrottle,
  input: { email: string; password: string; userAgent: string | null; publicUrl: string },
) {
  const email = input.email.trim().toLowerCase();
  const lockedUntil = throttle.lockedUntil(email);
  if (lockedUntil) throw signInLocked(lockedUntil);
  const [user] = await context.db.select().from(users).where(eq(users.email, email)).limit(1);
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await decoyHash, input.password);
  if (!user || !valid || user.disabledAt) {
    const { locked, tellOwner } = throttle.recordFailure(email);
    await context.db.transaction(async (tx) => {
      await recordAudit(tx, context, { action: 'auth.sign_in_failed', entityType: 'user', entityId: user?.id ?? null, after: { email } });
      if (locked) await recordAudit(tx, context, { action: 'auth.sign_in_locked', entityType: 'user', entityId: user?.id ?? null });
      if (tellOwner && user && !user.disabledAt) {
        const letter = signInLockedLetter({ fullName: user.fullName, minutes: LOCK_MINUTES, forgotPasswordUrl: `${input.publicUrl}/forgot-password` });
        await enqueueMail(tx, [{ to: user.email, userId: user.id, kind: 'sign_in_locked', letter }]);
      }
    });
    throw wrongCredentials();
  }
  throttle.recordSuccess(email);
  const session = await openSession(context.db, user.id, { ip: context.ip, userAgent: input.userAgent });
  const actor = await loadActor(context.db, user);
  await recordAudit(context.db, { actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  return { actor, ...session };
}
