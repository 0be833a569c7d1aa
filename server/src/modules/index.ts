import type { Config } from '../platform/config';
import type { DatabaseHandle } from '../platform/db/client';
import type { App } from '../platform/http/route-kit';
import { accountRoutes } from './accounts/routes';
import { selfServiceRoutes } from './accounts/self-service-routes';
import { territoryRoutes } from './territory/routes';
import { organizationRoutes } from './organizations/routes';
import { auditRoutes } from './audit/routes';
import { networkRoutes } from './networks/routes';
import { councilRoutes } from './councils/routes';
import { documentRoutes } from './documents/routes';
import { planRoutes } from './plans/routes';
import { inventoryRoutes } from './inventory/routes';
import { exchangeRoutes } from './exchanges/routes';
import { programmesRoutes } from './programmes/routes';
import { familiesRoutes } from './families/routes';
import { enrolmentsRoutes } from './enrolments/routes';
import { learningRoutes } from './learning/routes';
import { campaignsRoutes } from './campaigns/routes';
import { notificationsRoutes } from './notifications/routes';
import { outboxRoutes } from './outbox/routes';
import { peopleRoutes } from './people/routes';
import { staffImportRoutes } from './staff-imports/routes';
import { deskRoutes } from './desk/routes';

/** Every module's HTTP routes, registered under /api; a new module adds its line here. */
export async function moduleRoutes(api: App, handle: DatabaseHandle, config: Config) {
  await accountRoutes(api, handle, config);
  await selfServiceRoutes(api, handle, config);
  await territoryRoutes(api, handle, config);
  await organizationRoutes(api, handle);
  await auditRoutes(api, handle, config);
  await networkRoutes(api, handle);
  await councilRoutes(api, handle, config);
  await documentRoutes(api, handle);
  await planRoutes(api, handle);
  await inventoryRoutes(api, handle);
  await exchangeRoutes(api, handle);
  await programmesRoutes(api, handle);
  await familiesRoutes(api, handle);
  await enrolmentsRoutes(api, handle);
  await learningRoutes(api, handle);
  await campaignsRoutes(api, handle);
  await notificationsRoutes(api, handle);
  await outboxRoutes(api, handle, config);
  await peopleRoutes(api, handle, config);
  await staffImportRoutes(api, handle, config);
  await deskRoutes(api, handle);
}
