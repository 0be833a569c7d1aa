import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { z } from 'zod';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { archiveMunicipality, restoreMunicipality } from './change-municipality-state';
import { createMunicipality } from './create-municipality';
import { getRegion, listMunicipalities } from './list-municipalities';
import { municipalityChanges, municipalityFields, presentMunicipality } from './municipality-fields';
import { updateMunicipality } from './update-municipality';

export async function territoryRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const tags = ['territory'];

  app.get('/region', { schema: { tags, summary: 'Регион и настройки карты' } }, async () => {
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

  app.get(
    '/municipalities',
    {
      schema: {
        tags,
        summary: 'Муниципалитеты региона (архивные — только с includeArchived=true)',
        querystring: z.object({ includeArchived: z.enum(['true', 'false'], { error: 'includeArchived: true или false' }).optional() }),
      },
    },
    async (request) => ({ items: (await listMunicipalities(handle.db, { includeArchived: request.query.includeArchived === 'true' })).map(presentMunicipality) }),
  );

  app.post(
    '/municipalities',
    { schema: { tags, summary: 'Создать муниципалитет', body: municipalityFields }, config: { policy: 'territory.manage' } },
    async (request, reply) => reply.status(201).send(await createMunicipality(commandContext(request, handle), request.body)),
  );

  app.patch(
    '/municipalities/:id',
    { schema: { tags, summary: 'Изменить муниципалитет', params: idParams, body: municipalityChanges }, config: { policy: 'territory.manage' } },
    async (request) => updateMunicipality(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/municipalities/:id/archive',
    { schema: { tags, summary: 'Перенести муниципалитет в архив', params: idParams }, config: { policy: 'territory.manage' } },
    async (request) => archiveMunicipality(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/municipalities/:id/restore',
    { schema: { tags, summary: 'Вернуть муниципалитет из архива', params: idParams }, config: { policy: 'territory.manage' } },
    async (request) => restoreMunicipality(commandContext(request, handle), request.params.id),
  );
}
