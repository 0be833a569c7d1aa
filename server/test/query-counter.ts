import pg from 'pg';

/**
 * Counts the statements a piece of work sends to the database, at the driver: every query node-postgres sends on any
 * pooled connection, BEGIN and COMMIT of a transaction included. Both engines are reached through `pg` (PGlite through
 * its wire protocol, platform/db/client.ts), so each is one round trip on either. Counts everything the process sends
 * meanwhile: run the work alone.
 */
export async function countRoundTrips<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number; statements: string[] }> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const query = args[0];
    const text = typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? String(query));
    statements.push(text.replace(/\s+/g, ' ').slice(0, 200));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await work();
    return { result, roundTrips: statements.length, statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}
