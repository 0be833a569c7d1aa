import { type SQL, and, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { type HighlightSegment, type SearchTiers, type SearchWeight, type SearchWord, foundWord, highlightText, searchTiers, searchWords } from '../../algorithms/search-text';
import type { Database } from '../db/client';

/**
 * One search for the registry, the resource catalogue and the programme catalogue. A query is read once
 * (`readSearch`): its words become terms on the database, the same way the search vectors are built, and a
 * word that shares a term with no known word gets the terms of up to three similar words (pg_trgm on the
 * `search_words` vocabulary). The lists then filter with `searchMatches`, order by tier (`searchTier`, or
 * `searchPageIds` where a list is too large to order every found row) and mark the page's texts with `highlightItems`.
 */
export interface TextSearch {
  words: SearchWord[];
  /** Null when the query has words but none with a term (only stop words): it finds nothing. */
  tiers: SearchTiers | null;
}

/** A typo is looked up only in words of this length or more: shorter ones have too few trigrams to be told apart. */
const MIN_CORRECTED_LENGTH = 4;

/**
 * Query words whose reading cannot change, per database: a known word (the vocabulary only grows, so it stays known, and
 * a known word gets no corrections) and a stop word (no terms). A query of such words alone — most queries, once asked —
 * is read without a query; an unknown word is read every time, since a row may bring it into the vocabulary.
 */
const settledWords = new WeakMap<Database, Map<string, SearchWord>>();
const SETTLED_REMEMBERED = 50_000;

export async function readSearch(db: Database, q: string): Promise<TextSearch | null> {
  const words = searchWords(q);
  if (!words.length) return null;
  const settled = settledWords.get(db) ?? new Map<string, SearchWord>();
  settledWords.set(db, settled);
  const remembered = words.map((word) => settled.get(word));
  if (remembered.every((word) => word !== undefined)) return { words: remembered, tiers: searchTiers(remembered) };
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
  if (settled.size > SETTLED_REMEMBERED) settled.clear();
  for (const word of parsed) if (word.known || !word.terms.length) settled.set(word.word, word);
  return { words: parsed, tiers: searchTiers(parsed) };
}

type Vector = AnyPgColumn | SQL;

const tsquery = (text: string) => sql`${text}::tsquery`;

export function searchMatches(vector: Vector, search: TextSearch): SQL {
  return search.tiers ? sql`${vector} @@ ${tsquery(search.tiers.matches)}` : sql`false`;
}

/** The terms of a search vector without the tier marks ('Aлиц', 'Bлиц': upper case, which no term is), for code that compares texts by their terms. */
export function searchTerms(vector: Vector): SQL<string[]> {
  return sql<string[]>`array(select term from unnest(tsvector_to_array(${vector})) as t(term) where term !~ '^[AB]')`;
}

/**
 * The tier of a found row (0 the best: every word in a name; see `SearchTiers`), for lists that order all their found rows;
 * a large list reads the tiers lazily instead (`searchPageIds`).
 */
export function searchTier(vector: Vector, search: TextSearch): SQL<number> {
  if (!search.tiers) return sql<number>`0`;
  const cases = search.tiers.ordered.map((tier, index) => sql`when ${vector} @@ ${tsquery(tier)} then ${sql.raw(String(index))}`);
  return sql<number>`(case ${sql.join(cases, sql` `)} else ${sql.raw(String(search.tiers.ordered.length))} end)`;
}

/**
 * A search that finds this many rows or fewer lists each tier by name (`searchPageIds`). Every tier query then asks for
 * this many rows at least, which also keeps PostgreSQL on the GIN index: asked for only the 20 rows of a page, it
 * preferred a sequential scan that finds them «soon», and a tier with few rows («Школьная» in names) read the whole
 * table — a typo or a street took 120–330 ms instead of 10–30 (bench/README.md «Search»).
 */
export const NAME_ORDER_UP_TO = 1000;

/**
 * The ids of one page of found rows of `table`, best tier first, each with `found`: how many rows the search found, read
 * up to `orderedUpTo + 1` (or to the page's end, if further) — so a find of up to `orderedUpTo` rows is counted by the
 * page itself. Each tier is its own query limited to the rows the page could need, joined by UNION ALL: PostgreSQL
 * reads them in turn and stops when it has enough, so a common word costs the first rows of its first tier and a rare
 * one a GIN lookup. When the search finds no more than `orderedUpTo` rows (the total shown is exact), a tier's rows are
 * in name order (`sortKey`); a larger find is not sorted — its tiers keep the order the table is stored in — so
 * «школа» among 100,000 never sorts 40,000 rows. A find known to be large is paged with `orderedUpTo` 0: only the
 * page's rows are read. `where` holds the list's other conditions (not the search).
 */
export function searchPageIds(
  table: PgTable,
  columns: { id: AnyPgColumn; vector: Vector; sortKey: SQL },
  where: SQL | undefined,
  search: TextSearch,
  page: { offset: number; limit: number; orderedUpTo: number },
): SQL {
  if (!search.tiers) return sql`select ${columns.id} as id, 0 as tier, 0 as found from ${table} where false`;
  const reach = Math.max(page.offset + page.limit, page.orderedUpTo + 1);
  const tiers = search.tiers.ordered.map(
    (tier, index) =>
      sql`(select ${columns.id} as id, ${columns.sortKey} as sort_key, ${sql.raw(String(index))} as tier from ${table} where ${and(where, sql`${columns.vector} @@ ${tsquery(tier)}`)} limit ${reach})`,
  );
  return sql`select id, tier, found from (
      select id, tier, sort_key, row_number() over () as stored, count(*) over () as found
      from (select * from (${sql.join(tiers, sql` union all `)}) as tiers limit ${reach}) as tiers
    ) as found
    order by tier, case when found <= ${page.orderedUpTo} then sort_key end, stored
    limit ${page.limit} offset ${page.offset}`;
}

export type Highlight<K extends string> = Partial<Record<K, HighlightSegment[]>>;

/**
 * The terms of the words of texts already marked (a stop word has none). A word's terms never change (the dictionary
 * and `orbita_search_term` are fixed), so they are kept: a page of the registry repeats «муниципальное», «учреждение»…
 * and usually costs no query at all. Emptied when full.
 */
const termsOfWord = new Map<string, string[]>();
const TERMS_REMEMBERED = 50_000;

/**
 * Marks the found words in the given fields of each item. The words of all the texts not met before are made terms
 * in one query, so a page costs one round trip at most.
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
  const unknown = distinct.filter((word) => !termsOfWord.has(word));
  if (unknown.length && search.tiers) {
    const result = (await db.execute(sql`
      select w, coalesce(array_agg(orbita_search_term(lexeme)) filter (where lexeme is not null), '{}') as terms
      from jsonb_array_elements_text(${JSON.stringify(unknown)}::jsonb) as t(w) left join lateral unnest(to_tsvector('russian', w)) as l(lexeme) on true
      group by w`)) as unknown as { rows: { w: string; terms: string[] }[] };
    if (termsOfWord.size + result.rows.length > TERMS_REMEMBERED) termsOfWord.clear();
    for (const row of result.rows) termsOfWord.set(row.w, row.terms);
  }
  return items.map((item) =>
    Object.fromEntries(
      entries.map(([key, field]) => [key, highlightText(field.text(item) ?? '', (word) => foundWord(termsOfWord.get(word) ?? [], search.words, field.weight))]),
    ) as Highlight<K>,
  );
}
