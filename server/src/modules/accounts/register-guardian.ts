import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem } from '../../platform/problem';
import { createUser } from './create-user';
import { checkNewPassword } from './passwords';
import { loadActor, openSession } from './sessions';

/**
 * A parent creates their own guardian account and is signed in at once, as after signing in. The
 * address is normalised as sign-in normalises it, so one person cannot hold two accounts by case.
 */
export async function registerGuardian(context: CommandContext, input: { email: string; password: string; fullName: string; userAgent: string | null }) {
  checkNewPassword(input.password, 'password');
  const user = await createUser(context, {
    email: input.email,
    password: input.password,
    fullName: input.fullName,
    platformRoles: ['guardian'],
    municipalityId: null,
    memberships: [],
  }).catch((error: unknown) => {
    if (uniqueViolation(error) !== 'users_email_unique') throw error;
    throw new Problem(409, 'Адрес уже зарегистрирован', 'С этим адресом почты уже есть учётная запись. Войдите или восстановите пароль.', {
      errors: [{ field: 'email', message: 'Адрес уже зарегистрирован — войдите с ним' }],
    });
  });
  const session = await openSession(context.db, user.id, { ip: context.ip, userAgent: input.userAgent });
  const actor = await loadActor(context.db, user);
  await recordAudit(context.db, { actor, ip: context.ip }, { action: 'auth.sign_in', entityType: 'user', entityId: user.id });
  return { actor, ...session };
}
