import type { DatabaseHandle } from '../../platform/db/client';
import type { App } from '../../platform/http/app';

export async function familiesRoutes(_app: App, _handle: DatabaseHandle) {}
