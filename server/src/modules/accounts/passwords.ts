import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../algorithms/password-length';
import { assessPassword, personalWords } from '../../algorithms/password-strength';
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

const tooLong = `Пароль — не длиннее ${PASSWORD_MAX_LENGTH} символов`;

/**
 * Every password field of every form: a new one and one typed to prove who you are (sign-in, current password)
 * have one cap, so no request makes argon2 hash more than that.
 */
export const passwordField = (missing: string) => z.string({ error: missing }).min(1, { error: missing }).max(PASSWORD_MAX_LENGTH, { error: tooLong });

/**
 * Refuses a new password that is short, too long or easy to guess — common in any language or Russian, or
 * built from the person's own address or name — with the estimator's reason, naming the form's field.
 */
export function checkNewPassword(password: string, field: string, person: { email: string; fullName: string }) {
  const verdict = assessPassword(password, personalWords(person));
  if (!verdict.acceptable) throw invalid(verdict.problem!, [{ field, message: verdict.hint! }]);
}

/** For an account that signs in only through SSO: a password is set through a reset link, which proves the address. */
export const passwordNotSet = () =>
  new Problem(409, 'Пароль не задан', 'Вы входите через единый вход, и пароля у учётной записи нет. Задать его можно по ссылке из письма: «Задать пароль» в профиле или «Забыли пароль?» на странице входа.', {
    code: 'password_not_set',
  });
