import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import type { App } from '../../platform/http/route-kit';
import { getRegion, listMunicipalities } from './list-municipalities';

export async function territoryRoutes(app: App, handle: DatabaseHandle, config: Config) {
  app.get('/region', { schema: { tags: ['territory'], summary: 'Регион и настройки карты' } }, async () => {
    const region = await getRegion(handle.db);
    return {
      name: region?.name ?? 'Регион не настроен',
      timezone: region?.timezone ?? 'Europe/Moscow',
      centerLat: region?.centerLat ?? 55.75,
      centerLon: region?.centerLon ?? 37.62,
      zoom: region?.zoom ?? 4,
      tileUrl: config.tileUrl,
      tileAttribution: config.tileAttribution,
    };
  });

  app.get('/municipalities', { schema: { tags: ['territory'], summary: 'Муниципалитеты региона' } }, async () => ({
    items: (await listMunicipalities(handle.db)).map(({ regionId: _region, ...m }) => m),
  }));
}
