import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';

/**
 * Inserts rows with the whole batch as one JSON parameter (`jsonb_to_recordset`): thousands of rows cost one
 * short statement instead of one with tens of thousands of bind parameters, which both engines parse and bind
 * slowly (PGlite most). Every row must give the same columns; ids and defaults the caller leaves out are the table's.
 */
export async function insertMany<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]).filter((key) => columns[key]);
  const records = rows.map((row) =>
    Object.fromEntries(
      keys.map((key) => {
        const column = columns[key];
        const value = (row as Record<string, unknown>)[key];
        // JSON columns travel as they are; everything else as the driver would send it (dates as ISO text).
        return [column.name, value === null || value === undefined || column.dataType === 'json' ? (value ?? null) : column.mapToDriverValue(value)];
      }),
    ),
  );
  const names = keys.map((key) => sql.identifier(columns[key].name));
  const types = keys.map((key) => sql`${sql.identifier(columns[key].name)} ${sql.raw(recordType(columns[key]))}`);
  await db.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(names, sql`, `)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${sql.join(types, sql`, `)})`,
  );
}

/** A column's type as a record field: serial columns are their integer type there. */
const recordType = (column: PgColumn) => column.getSQLType().replace(/^(big|small)?serial$/, (_, size: string | undefined) => (size ? `${size}int` : 'integer'));
