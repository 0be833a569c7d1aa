import type { DatabaseHandle } from '../../platform/db/client';
import type { App } from '../../platform/http/app';

export async function enrolmentsRoutes(_app: App, _handle: DatabaseHandle) {}
