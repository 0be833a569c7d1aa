// Check digits of Russian legal-entity identifiers (Federal Tax Service rules).

const digitsOf = (value: string) => [...value].map(Number);

/** ИНН of a legal entity: 10 digits, the last a weighted checksum. */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const d = digitsOf(inn);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((acc, w, i) => acc + w * d[i], 0);
  return (sum % 11) % 10 === d[9];
}

/** ОГРН: 13 digits, the last is (first 12 as a number mod 11) mod 10. */
export function isValidOgrn(ogrn: string): boolean {
  if (!/^\d{13}$/.test(ogrn)) return false;
  return Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
}
