import type { Database } from './client';

/**
 * A hot query built once per database instead of on every call: `build` returns Drizzle's `.prepare(name)` with
 * `sql.placeholder`s, so the SQL text is assembled once, and on PostgreSQL each pooled connection parses it once under
 * its name. Prepare on the handle's database only: a prepared query runs on the database it was built on, so one
 * built on a transaction would run outside the next one.
 */
export function preparedQuery<Q>(build: (db: Database) => Q): (db: Database) => Q {
  const built = new WeakMap<Database, Q>();
  return (db) => {
    let query = built.get(db);
    if (!query) built.set(db, (query = build(db)));
    return query;
  };
}
