import type { DatabaseHandle } from '../../platform/db/client';
import type { App } from '../../platform/http/app';

export async function planRoutes(app: App, handle: DatabaseHandle) {
  void app;
  void handle;
}
