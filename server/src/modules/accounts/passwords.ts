import { hash, verify } from '@node-rs/argon2';
import { Problem, invalid } from '../../platform/problem';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, options);

/** False for an account without a password (invited, not yet accepted, or SSO only). */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const MIN_PASSWORD_LENGTH = 10;

/** Refuses a new password shorter than the rule, naming the form's field. */
export function checkNewPassword(password: string, field: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(`Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов.`, [{ field, message: `Не короче ${MIN_PASSWORD_LENGTH} символов` }]);
  }
}

/** For an account that signs in only through SSO: a password is set through a reset link, which proves the address. */
export const passwordNotSet = () =>
  new Problem(409, 'Пароль не задан', 'Вы входите через единый вход, и пароля у учётной записи нет. Задать его можно по ссылке из письма: «Задать пароль» в профиле или «Забыли пароль?» на странице входа.', {
    code: 'password_not_set',
  });
