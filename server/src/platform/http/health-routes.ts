import type { DatabaseHandle } from '../db/client';
import { readMigrationState } from '../db/migrate';
import type { App } from './route-kit';

export async function healthRoutes(app: App, handle: DatabaseHandle) {
  app.get('/health', { schema: { tags: ['platform'], summary: 'Состояние сервера и базы данных' } }, async () => {
    const migrations = await readMigrationState(handle);
    return { status: migrations.upToDate ? 'ok' : 'migrations_pending', engine: handle.engine, migrations };
  });
}
