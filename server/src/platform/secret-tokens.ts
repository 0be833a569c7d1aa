import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, CSRF tokens, invitation and reset links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** What is stored instead of a token, so that a leaked table grants nothing. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Capitals and digits that cannot be mistaken for one another when read off a screen or paper (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6, Q). */
export const READABLE_ALPHABET = 'ACDEFHJKMNPRTUVWXY34679';

/** A short random code people read and type: check-in codes, certificates' verification codes (23^length codes). */
export function readableCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)];
  return code;
}
