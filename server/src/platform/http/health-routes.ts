import type { DatabaseHandle } from '../db/client';
import { type MigrationState, availableMigrations, readMigrationState } from '../db/migrate';
import type { App } from './route-kit';

/** How long one look at the database answers the health checks that follow it. */
const HEALTH_READ_MS = 1000;

/**
 * A balancer asks often and expects an answer at once: the migration journal is read from disk once, at start, and
 * the database is asked at most once a second, by one request while the others wait for the same answer.
 */
export async function healthRoutes(app: App, handle: DatabaseHandle) {
  const available = availableMigrations();
  let last: { at: number; state: Promise<MigrationState> } | null = null;
  app.get('/health', { schema: { tags: ['platform'], summary: 'Состояние сервера и базы данных' } }, async () => {
    const now = Date.now();
    if (!last || now - last.at >= HEALTH_READ_MS) last = { at: now, state: readMigrationState(handle, available) };
    const migrations = await last.state;
    return { status: migrations.upToDate ? 'ok' : 'migrations_pending', engine: handle.engine, migrations };
  });
}
