// Check digits of Russian legal-entity identifiers (Federal Tax Service rules). Pure: the web form uses them too.

const INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** The check digit that completes the first 9 digits of a legal entity's ИНН. */
export function innCheckDigit(first9: string): number {
  return (INN_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(first9[i]), 0) % 11) % 10;
}

/** The check digit of an ОГРН: its first 12 digits as a number, mod 11, mod 10. */
export function ogrnCheckDigit(first12: string): number {
  return Number((BigInt(first12) % 11n) % 10n);
}

/** ИНН of a legal entity: 10 digits, the last a weighted checksum. */
export const isValidInn = (inn: string) => /^\d{10}$/.test(inn) && innCheckDigit(inn) === Number(inn[9]);

/** ОГРН: 13 digits, the last a checksum. */
export const isValidOgrn = (ogrn: string) => /^\d{13}$/.test(ogrn) && ogrnCheckDigit(ogrn.slice(0, 12)) === Number(ogrn[12]);
