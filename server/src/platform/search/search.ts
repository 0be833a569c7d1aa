import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type HighlightSegment, type SearchTiers, type SearchWeight, type SearchWord, foundWord, highlightText, searchTiers, searchWords } from '../../algorithms/search-text';
import type { Database } from '../db/client';

/**
 * One search for the registry, the resource catalogue and the programme catalogue. A query is read once
 * (`readSearch`): its words become terms on the database, the same way the search vectors are built, and a
 * word that shares a term with no known word gets the terms of up to three similar words (pg_trgm on the
 * `search_words` vocabulary). The lists then filter with `matches`, order by `rank` and mark the page's
 * texts with `highlighter`.
 */
export interface TextSearch {
  words: SearchWord[];
  /** Null when the query has words but none with a term (only stop words): it finds nothing. */
  tiers: SearchTiers | null;
}

/** A typo is looked up only in words of this length or more: shorter ones have too few trigrams to be told apart. */
const MIN_CORRECTED_LENGTH = 4;

export async function readSearch(db: Database, q: string): Promise<TextSearch | null> {
  const words = searchWords(q);
  if (!words.length) return null;
  // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
  const rows = (await db.execute(sql`
    with words as (select w, i from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) with ordinality as t(w, i)),
         terms as (select i, w, orbita_search_term(lexeme) as term from words, unnest(to_tsvector('russian', w)) as l(lexeme))
    select i::int as i, term, known,
      case when length(w) >= ${MIN_CORRECTED_LENGTH} and not known
        then array(select close.term from (select s.term, s.word <-> w as distance from search_words s where s.word % w order by 2 limit 3) as close)
      end as corrections
    from (select *, exists (select 1 from search_words s where s.term = terms.term) as known from terms) as terms order by i`)) as unknown as {
    rows: { i: number; term: string; known: boolean; corrections: string[] | null }[];
  };
  const found = rows.rows;
  const parsed: SearchWord[] = words.map((word, index) => {
    const own = found.filter((row) => Number(row.i) === index + 1);
    const terms = [...new Set(own.map((row) => row.term))];
    const corrections = [...new Set(own.flatMap((row) => row.corrections ?? []))].filter((term) => !terms.includes(term));
    return { word, terms, known: own.length > 0 && own.every((row) => row.known), corrections };
  });
  return { words: parsed, tiers: searchTiers(parsed) };
}

type Vector = AnyPgColumn | SQL;

const tsquery = (text: string) => sql`to_tsquery('simple', ${text})`;

/** Any tier: the words exactly, the last as a prefix in names, or corrected. */
function anyTier(tiers: SearchTiers): SQL {
  return tsquery([tiers.exact, tiers.prefix, tiers.fuzzy].filter(Boolean).map((part) => `(${part})`).join(' | '));
}

export function searchMatches(vector: Vector, search: TextSearch): SQL {
  return search.tiers ? sql`${vector} @@ ${anyTier(search.tiers)}` : sql`false`;
}

/**
 * Exact matches first, then a name that starts with the last word, then corrections (20, 10, 0), each ordered by
 * ts_rank with the weights D 0.1, C 0.2, B 0.4, A 1 — a word in a name outranks it in a description, then an address.
 * With one tier only (known words, no typo: the usual case) every match is exact and the tier is not computed.
 */
export function searchRank(vector: Vector, search: TextSearch): SQL<number> {
  if (!search.tiers) return sql<number>`0::float8`;
  const { exact, prefix, fuzzy } = search.tiers;
  const rank = sql`ts_rank('{0.1, 0.2, 0.4, 1}', ${vector}, ${anyTier(search.tiers)})`;
  if (!prefix && !fuzzy) return sql<number>`${rank}::float8`;
  const tier = prefix ? sql`when ${vector} @@ ${tsquery(prefix)} then 10` : sql``;
  return sql<number>`(case when ${vector} @@ ${tsquery(exact)} then 20 ${tier} else 0 end + ${rank})::float8`;
}

export type Highlight<K extends string> = Partial<Record<K, HighlightSegment[]>>;

/**
 * Marks the found words in the given fields of each item. The words of all the texts are made terms in one
 * query, so a page costs one round trip.
 */
export async function highlightItems<T, K extends string>(
  db: Database,
  search: TextSearch,
  items: T[],
  fields: Record<K, { weight: SearchWeight; text: (item: T) => string | null | undefined }>,
): Promise<Highlight<K>[]> {
  const entries = Object.entries(fields) as [K, { weight: SearchWeight; text: (item: T) => string | null | undefined }][];
  const texts = items.flatMap((item) => entries.map(([, field]) => field.text(item) ?? ''));
  const distinct = [...new Set(texts.flatMap((text) => searchWords(text.slice(0, 2000))))];
  const termsOf = new Map<string, string[]>();
  if (distinct.length && search.tiers) {
    const result = (await db.execute(sql`
      select w, array_agg(orbita_search_term(lexeme)) as terms
      from jsonb_array_elements_text(${JSON.stringify(distinct)}::jsonb) as t(w), unnest(to_tsvector('russian', w)) as l(lexeme)
      group by w`)) as unknown as { rows: { w: string; terms: string[] }[] };
    for (const row of result.rows) termsOf.set(row.w, row.terms);
  }
  return items.map((item) =>
    Object.fromEntries(
      entries.map(([key, field]) => [key, highlightText(field.text(item) ?? '', (word) => foundWord(termsOf.get(word) ?? [], search.words, field.weight))]),
    ) as Highlight<K>,
  );
}
