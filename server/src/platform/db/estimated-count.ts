import { type SQL, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/** How many rows a list counts exactly; above it the list says «около N» (`totalIsEstimate`). */
export const EXACT_COUNT_UP_TO = 1000;

/** About how many of the table's pages a sampled estimate reads: some 2,000 registry rows, 1–2 ms. */
const SAMPLED_PAGES = 200;

/**
 * A list estimated at this many times `exactUpTo` or more is surely longer and is not counted at all. The planner's
 * figure for one value or one word comes from the column's statistics, the sampled one from some 2,000 rows: neither
 * is three times off at these sizes, and counting a find of 3,000–30,000 rows up to `exactUpTo + 1` costs more than its page.
 */
const SURELY_LONG = 3;

export interface ListTotal {
  total: number;
  /** The total is an estimate, rounded to two significant digits: counting every row of a large list costs more than its page. */
  totalIsEstimate: boolean;
}

/**
 * How many rows of `table` (with `joins`) meet `where`. First an estimate (`estimateRows`); a list estimated below ten
 * times `exactUpTo` is then counted exactly up to `exactUpTo` — the count stops at the first row past it; a longer one
 * is not counted at all. An estimate is never below what was counted, give or take its rounding.
 */
export async function countOrEstimate(
  db: Database,
  table: PgTable,
  where: SQL | undefined,
  { joins = sql``, exactUpTo = EXACT_COUNT_UP_TO, sample = false }: { joins?: SQL; exactUpTo?: number; sample?: boolean } = {},
): Promise<ListTotal> {
  const condition = where ?? sql`true`;
  const estimate = await estimateRows(db, table, condition, { joins, sample });
  let counted = 0;
  if (!isSurelyLonger(estimate, exactUpTo)) {
    // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
    const result = (await db.execute(sql`select count(*)::int as n from (select 1 from ${table} ${joins} where ${condition} limit ${exactUpTo + 1}) as counted`)) as unknown as {
      rows: { n: number }[];
    };
    counted = Number(result.rows[0].n);
    if (counted <= exactUpTo) return { total: counted, totalIsEstimate: false };
  }
  return estimatedTotal(counted, estimate, exactUpTo);
}

/**
 * About how many rows of `table` (with `joins`) meet `where`: the planner's figure (EXPLAIN: planned, nothing read) where
 * its statistics hold (one column value, one word), or, with `sample` (several words, which the planner takes as
 * independent: «детский сад» came out at a third of its rows), one from a fixed sample of the table's pages
 * (TABLESAMPLE SYSTEM … REPEATABLE: the same list, the same estimate).
 */
export function estimateRows(db: Database, table: PgTable, where: SQL | undefined, { joins = sql``, sample = false }: { joins?: SQL; sample?: boolean } = {}): Promise<number> {
  const condition = where ?? sql`true`;
  return sample ? sampledEstimate(db, table, condition, joins) : plannedEstimate(db, table, condition, joins);
}

/** Whether a list estimated at `estimate` rows is surely longer than `exactUpTo`, so that counting it would be wasted. */
export function isSurelyLonger(estimate: number, exactUpTo = EXACT_COUNT_UP_TO): boolean {
  return estimate >= SURELY_LONG * exactUpTo;
}

/** The total shown for a list longer than `exactUpTo`: the estimate, never below the rows known to be there (`atLeast`). */
export function estimatedTotal(atLeast: number, estimate: number, exactUpTo = EXACT_COUNT_UP_TO): ListTotal {
  return { total: roundTo2Digits(Math.max(atLeast, exactUpTo + 1, estimate)), totalIsEstimate: true };
}

async function plannedEstimate(db: Database, table: PgTable, condition: SQL, joins: SQL): Promise<number> {
  const explained = (await db.execute(sql`explain (format json) select 1 from ${table} ${joins} where ${condition}`)) as unknown as { rows: Record<string, unknown>[] };
  const plan = Object.values(explained.rows[0])[0];
  return Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']);
}

/**
 * The share of a sample of the table's rows that meet `condition`, times the table's rows, so the number of pages the
 * sample happened to take cancels out. A table never analysed (-1 rows) or small is sampled whole.
 */
async function sampledEstimate(db: Database, table: PgTable, condition: SQL, joins: SQL): Promise<number> {
  const stats = sql`(select relpages as pages, reltuples as rows from pg_class where oid = to_regclass(${getTableName(table)}))`;
  const sampled = (await db.execute(sql`
    select count(*) filter (where ${condition})::int as found, count(*)::int as seen, (select greatest(rows, 0)::float8 from ${stats} as s) as rows
    from ${table} tablesample system ((select case when rows >= 0 and pages > ${SAMPLED_PAGES} then 100.0 * ${SAMPLED_PAGES} / pages else 100 end from ${stats} as s))
      repeatable (1) ${joins}`)) as unknown as { rows: { found: number; seen: number; rows: number }[] };
  const { found, seen, rows } = sampled.rows[0];
  return seen ? (found / seen) * Math.max(rows, seen) : 0;
}

function roundTo2Digits(n: number): number {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, n))) - 1);
  return Math.round(n / scale) * scale;
}
