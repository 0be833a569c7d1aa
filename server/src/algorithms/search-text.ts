/**
 * The text side of search (platform/search runs it on the database): a query's words, the tsquery texts
 * of its tiers, and a text cut into highlighted fragments. A term is a Russian stem with its final
 * vowels, й and ь trimmed (SQL `orbita_search_term`, migration 0009), so «лицей», «лицея», «лицеев» meet on 'лиц'.
 */

/** What may be searched in: A names and titles, B descriptions, C the rest, D addresses (as the search vectors weigh them). */
export type SearchWeight = 'A' | 'B' | 'C' | 'D';

/**
 * One query word with its terms (none for a stop word such as «на»), whether some known word shares a term with it,
 * and, for a word none does, the terms of the most similar known words.
 */
export interface SearchWord {
  word: string;
  terms: string[];
  known: boolean;
  corrections: string[];
}

/** A piece of a text, marked when it is a word the query found; the web app draws the marks, so no HTML is ever built here. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The query's words, lower case, at most 12 (a pasted paragraph must not become a huge query). */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(WORD) ?? []).slice(0, 12);
}

const quote = (term: string) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
const all = (parts: string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`);
const any = (parts: string[]) => (parts.length === 1 ? parts[0] : `(${parts.join(' | ')})`);
/** A term as the search vectors mark it in a text of weight A (names, titles) or B (descriptions): 'Aлиц' (migration 0010). */
const marked = (weight: 'A' | 'B', term: string) => quote(`${weight}${term}`);

export interface SearchTiers {
  /** What the search finds: every word by its term anywhere, or the last word as the start of a name's word, or corrected. */
  matches: string;
  /**
   * The same rows in tiers, best first, each without the rows of the tiers before it: every word in a name; in a name or
   * description; anywhere (an address); then, while the last word is not a known word yet, a name with a word that starts
   * with it (so the list narrows while a person types «библ», and a whole word «школа» never reaches «Школьная»); then a
   * word found only through a similar known word, in names and descriptions («библиатека» finds «Библиотека»). Each tier is
   * one tsquery the search vector's GIN index answers without rechecking rows, so a list can read the tiers lazily.
   */
  ordered: string[];
}

/** The tsquery texts of the tiers, or null when no word has a term (only stop words). */
export function searchTiers(words: SearchWord[]): SearchTiers | null {
  const withTerms = words.filter((w) => w.terms.length > 0);
  if (!withTerms.length) return null;
  const last = withTerms[withTerms.length - 1];
  const inNames = withTerms.map((w) => all(w.terms.map((t) => marked('A', t)))).join(' & ');
  const inNamesOrDescriptions = withTerms.flatMap((w) => w.terms.map((t) => `(${marked('A', t)} | ${marked('B', t)})`)).join(' & ');
  const exactParts = withTerms.map((w) => all(w.terms.map(quote)));
  const exact = exactParts.join(' & ');
  const prefix = last.known ? null : [...exactParts.slice(0, -1), all(last.terms.map((t) => `${marked('A', t)}:*`))].join(' & ');
  const fuzzy = withTerms.some((w) => w.corrections.length > 0)
    ? withTerms.map((w) => (w.corrections.length ? any([all(w.terms.map(quote)), ...w.corrections.flatMap((t) => [marked('A', t), marked('B', t)])]) : all(w.terms.map(quote)))).join(' & ')
    : null;
  const levels = [inNames, inNamesOrDescriptions, exact, prefix, fuzzy].filter((level): level is string => level !== null);
  return {
    matches: any([exact, prefix, fuzzy].filter((level): level is string => level !== null).map((level) => `(${level})`)),
    ordered: levels.map((level, index) => (index === 0 ? level : `(${level}) & !(${levels.slice(0, index).map((before) => `(${before})`).join(' | ')})`)),
  };
}

/**
 * Whether a word of a text, given its terms, is one the query found in a field of this weight: by a term,
 * by the start of a term for the last word in names, by a correction in names and descriptions.
 */
export function foundWord(wordTerms: readonly string[], query: SearchWord[], weight: SearchWeight): boolean {
  const withTerms = query.filter((w) => w.terms.length > 0);
  const last = withTerms[withTerms.length - 1];
  return wordTerms.some(
    (term) =>
      withTerms.some((w) => w.terms.includes(term) || (weight <= 'B' && w.corrections.includes(term))) ||
      (weight === 'A' && last !== undefined && !last.known && last.terms.some((t) => term.startsWith(t))),
  );
}

/** The text cut into words and what lies between them; neighbouring pieces of the same kind are joined. */
export function highlightText(text: string, isFound: (word: string) => boolean): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const previous = segments[segments.length - 1];
    if (previous && previous.match === match && !match) previous.text += piece;
    else segments.push({ text: piece, match });
  };
  let at = 0;
  for (const found of text.matchAll(WORD)) {
    push(text.slice(at, found.index), false);
    push(found[0], isFound(found[0].toLowerCase()));
    at = found.index + found[0].length;
  }
  push(text.slice(at), false);
  return segments;
}
