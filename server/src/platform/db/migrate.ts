import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './client';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** Serialises migrations of several app servers starting at once against one database. */
const MIGRATION_LOCK_KEY = 7_021_977;

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePostgres(db as unknown as NodePgDatabase, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

export interface MigrationState {
  applied: number;
  available: number;
  upToDate: boolean;
}

/** How many migrations this release brings (its journal on disk). */
export function availableMigrations(): number {
  return (JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
}

export async function readMigrationState(handle: DatabaseHandle, available = availableMigrations()): Promise<MigrationState> {
  let applied = 0;
  try {
    const result = (await handle.db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`)) as unknown as { rows: { count: number }[] };
    applied = Number(result.rows[0]?.count ?? 0);
  } catch {
    applied = 0;
  }
  return { applied, available, upToDate: applied === available };
}
