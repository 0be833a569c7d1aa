import { type SQL, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/** How many rows a list counts exactly; above it the list says «около N» (`totalIsEstimate`). */
export const EXACT_COUNT_UP_TO = 1000;

/** About how many of the table's pages an estimate reads: some 2,000 registry rows, 1–2 ms. */
const SAMPLED_PAGES = 200;

export interface ListTotal {
  total: number;
  /** The total is estimated from a sample, rounded to two significant digits: counting every row of a large list costs more than its page. */
  totalIsEstimate: boolean;
}

/**
 * How many rows of `table` (with `joins`) meet `where`: counted exactly up to `exactUpTo` — the count stops at the first
 * row past it — and above that estimated from a fixed sample of the table's pages (TABLESAMPLE SYSTEM … REPEATABLE, so
 * the same list gets the same estimate while the table is unchanged), never below what was counted. The planner's own
 * estimate was tried first: it takes words as independent, and «детский сад» came out at a third of its rows.
 */
export async function countOrEstimate(
  db: Database,
  table: PgTable,
  where: SQL | undefined,
  { joins = sql``, exactUpTo = EXACT_COUNT_UP_TO }: { joins?: SQL; exactUpTo?: number } = {},
): Promise<ListTotal> {
  const condition = where ?? sql`true`;
  // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
  const counted = (await db.execute(sql`
    select (select count(*)::int from (select 1 from ${table} ${joins} where ${condition} limit ${exactUpTo + 1}) as counted) as n,
      c.relpages as pages, c.reltuples::float8 as rows from pg_class c where c.oid = to_regclass(${getTableName(table)})`)) as unknown as {
    rows: { n: number; pages: number; rows: number }[];
  };
  const { n: exact, pages, rows } = counted.rows[0];
  if (exact <= exactUpTo) return { total: exact, totalIsEstimate: false };
  // A table never analysed has no statistics yet (-1 rows): the sample is then the whole table.
  const analysed = rows >= 0 && pages > SAMPLED_PAGES;
  const percent = analysed ? (100 * SAMPLED_PAGES) / pages : 100;
  const sampled = (await db.execute(sql`
    select count(*) filter (where ${condition})::int as found, count(*)::int as seen
    from ${table} tablesample system (${sql.raw(percent.toFixed(4))}) repeatable (1) ${joins}`)) as unknown as { rows: { found: number; seen: number }[] };
  const { found, seen } = sampled.rows[0];
  // The share of sampled rows that match, times the table's rows: the number of pages the sample happened to take cancels out.
  const estimate = seen ? (found / seen) * (analysed ? rows : seen) : 0;
  return { total: Math.max(exact, roundTo2Digits(estimate)), totalIsEstimate: true };
}

function roundTo2Digits(n: number): number {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1);
  return Math.round(n / scale) * scale;
}
