import type { DatabaseHandle } from '../../platform/db/client';
import type { App } from '../../platform/http/app';

export async function networkRoutes(app: App, handle: DatabaseHandle) {
  void app;
  void handle;
}
