import { READABLE_ALPHABET, readableCode } from '../../platform/secret-tokens';

const LENGTH = 12;

/** A new verification code: 12 readable characters (about 2^54), stored bare, printed in groups of four. */
export const newVerificationCode = () => readableCode(LENGTH);

/** «K7M2-QX4R-9TWA» as printed; the stored form has no dashes. */
export const printedCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

/** What a person typed (any case, dashes and spaces), as stored; null when it cannot be a code. */
export function storedCode(typed: string): string | null {
  const bare = typed.replace(/[\s-]+/g, '').toUpperCase();
  return bare.length === LENGTH && [...bare].every((c) => READABLE_ALPHABET.includes(c)) ? bare : null;
}
