import type { DatabaseHandle } from '../db/client';
import { type MigrationState, availableMigrations, readMigrationState } from '../db/migrate';
import type { App } from './route-kit';

/** How long one look at the database answers the health checks that follow it. */
const HEALTH_READ_MS = 1000;
/** Older than this, the last look is not trusted: a check waits for the database, so a stuck one shows. */
const HEALTH_TRUST_MS = 30_000;

/**
 * A balancer asks often and expects an answer at once: the migration journal is read from disk once, at start, and
 * the database is asked at most once a second, by one request. The others answer from the last look meanwhile, so
 * a check does not queue behind heavy queries (on the embedded engine's single connection) unless that look is old.
 */
export async function healthRoutes(app: App, handle: DatabaseHandle) {
  const available = availableMigrations();
  let last: { at: number; state: MigrationState } | null = null;
  let reading: Promise<MigrationState> | null = null;
  const look = () =>
    (reading ??= readMigrationState(handle, available)
      .then((state) => {
        last = { at: Date.now(), state };
        return state;
      })
      .finally(() => (reading = null)));
  app.get('/health', { schema: { tags: ['platform'], summary: 'Состояние сервера и базы данных' } }, async () => {
    const age = last ? Date.now() - last.at : Infinity;
    if (age >= HEALTH_READ_MS && age < HEALTH_TRUST_MS) look().catch(() => {});
    const migrations = age < HEALTH_TRUST_MS ? last!.state : await look();
    return { status: migrations.upToDate ? 'ok' : 'migrations_pending', engine: handle.engine, migrations };
  });
}
