import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both engines: commands never know which one they run on. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Runs `work` on one dedicated connection (PostgreSQL) — needed for session-level advisory locks. */
  withConnection<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory when `dataDir` is null). */
export async function openDatabase(options: { url: string | null; dataDir: string | null }): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: Number(process.env.ORBITA_DB_POOL ?? 10) });
    // An idle connection the server closes (a restart, an administrator) must not bring the process down:
    // the pool drops it and opens a new one on the next query.
    pool.on('error', (error) => console.warn(`PostgreSQL закрыл соединение из пула: ${error.message}`));
    const db = drizzlePostgres(pool, { schema }) as unknown as Database;
    const withConnection = async <T>(work: (db: Database) => Promise<T>) => {
      const connection = await pool.connect();
      try {
        return await work(drizzlePostgres(connection, { schema }) as unknown as Database);
      } finally {
        connection.release();
      }
    };
    return { db, engine: 'postgres', withConnection, close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm gives search its typo tolerance (platform/search); PostgreSQL ships it as a contrib extension too.
  const client = new PGlite({ dataDir: options.dataDir ?? undefined, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, engine: 'pglite', withConnection: (work) => work(db), close: () => client.close() };
}
