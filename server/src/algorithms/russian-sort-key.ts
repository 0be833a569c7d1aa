/**
 * A key whose byte-wise ("C" collation) order is Russian alphabetical order, so that both PGlite
 * (which has only the C collation) and PostgreSQL sort names the same way in SQL.
 * Case and quotes are ignored, «ё» sorts with «е», and numbers compare by value (№ 9 before № 39).
 */
export function russianSortKey(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"'„“”()]/g, '')
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(6, '0'))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Russian alphabetical order of two names, as the database orders them by their sort keys; for sorting in memory. */
export function compareRussian(a: string, b: string): number {
  const [x, y] = [russianSortKey(a), russianSortKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
