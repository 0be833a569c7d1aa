import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { getTableColumns, getTableName, is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type { DatabaseHandle } from './client';
import * as schema from './schema';

/** Transient tables that a restore does not need: sessions force a fresh sign-in, previews are re-uploaded. */
const transientTables = new Set(['sessions', 'organization_imports']);

/** Every persistent table, parents before children, derived from the foreign keys so new modules are included. */
function tablesInDependencyOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable) && !transientTables.has(getTableName(value)));
  const ordered: PgTable[] = [];
  const visit = (table: PgTable, path: Set<PgTable>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const fk of getTableConfig(table).foreignKeys) {
      const parent = fk.reference().foreignTable;
      if (parent !== table && tables.includes(parent)) visit(parent, path);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

/**
 * Writes a gzip'd JSON-lines logical backup. It is engine-neutral: a backup of the embedded database
 * restores into PostgreSQL and back, which is also how a region moves from PGlite to a server.
 */
export async function backupDatabase(handle: DatabaseHandle, file: string) {
  const tables = tablesInDependencyOrder();
  const counts: Record<string, number> = {};
  async function* lines() {
    yield JSON.stringify({ format: 'orbita-backup', version: 1, createdAt: new Date().toISOString(), tables: tables.map(getTableName) }) + '\n';
    for (const table of tables) {
      const name = getTableName(table);
      const rows = (await handle.db.select().from(table)) as Record<string, unknown>[];
      counts[name] = rows.length;
      for (const row of rows) yield JSON.stringify({ table: name, row: withBytesAsText(row) }) + '\n';
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return counts;
}

/** Replaces the whole content of a migrated database with a backup, in one transaction. */
export async function restoreDatabase(handle: DatabaseHandle, file: string) {
  const tables = tablesInDependencyOrder();
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const rowsByTable = new Map<string, Record<string, unknown>[]>();
  let header = false;
  for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()) })) {
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    if (!header) {
      if (record.format !== 'orbita-backup') throw new Error('Это не файл резервной копии Орбиты.');
      header = true;
      continue;
    }
    if (!byName.has(record.table)) throw new Error(`В резервной копии неизвестная таблица ${record.table}.`);
    (rowsByTable.get(record.table) ?? rowsByTable.set(record.table, []).get(record.table)!).push(record.row);
  }
  if (!header) throw new Error('Файл резервной копии пуст.');
  const counts: Record<string, number> = {};
  await handle.db.transaction(async (tx) => {
    const everyTable = [...tables.map(getTableName), ...transientTables];
    await tx.execute(sql.raw(`truncate ${everyTable.map((name) => `"${name}"`).join(', ')} cascade`));
    for (const table of tables) {
      const name = getTableName(table);
      const columns = getTableColumns(table);
      const rows = (rowsByTable.get(name) ?? []).map((row) => reviveDates(row, columns));
      counts[name] = rows.length;
      for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
      for (const column of Object.values(columns)) {
        if (column.columnType.includes('Serial')) {
          await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('"${name}"', '${column.name}'), coalesce((select max("${column.name}") from "${name}"), 0) + 1, false)`));
        }
      }
    }
  });
  return counts;
}

/** Bytes (bytea columns: uploaded files) as base64, not as JSON's array of numbers. */
function withBytesAsText(row: Record<string, unknown>) {
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) written[key] = Buffer.isBuffer(value) ? { base64: value.toString('base64') } : value;
  return written;
}

/** JSON has no dates or bytes; generated columns are recomputed by the database. */
function reviveDates(row: Record<string, unknown>, columns: Record<string, { columnType: string; generated?: unknown; getSQLType(): string }>) {
  const revived: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column || column.generated) continue;
    if (column.getSQLType() === 'bytea' && value && typeof value === 'object' && 'base64' in value) revived[key] = Buffer.from(String(value.base64), 'base64');
    else revived[key] = column.columnType === 'PgTimestamp' && typeof value === 'string' ? new Date(value) : value;
  }
  return revived;
}
