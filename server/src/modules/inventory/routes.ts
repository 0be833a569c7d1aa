import { z } from 'zod';
import { pageQuery } from '../../platform/fields';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { spreadsheetUpload, uploadRateLimit } from '../../platform/http/upload';
import { idParams, networkParams } from '../../platform/http/params';
import { archiveNeed, restoreNeed } from './change-need-state';
import { archiveOffer, restoreOffer } from './change-offer-state';
import { createNeed } from './create-need';
import { createOffer } from './create-offer';
import { exportInventory } from './export-inventory';
import { getMunicipalityExchangePicture, getNetworkExchangePicture } from './get-exchange-picture';
import { getInventory } from './get-inventory';
import { commitInventoryImport, previewInventoryImport } from './import-inventory';
import { maxDistanceQuery, needChanges, needFields, offerChanges, offerFields, versionBody } from './inventory-fields';
import { listOffers } from './list-offers';
import { resourceCategories, resourceConditions } from './schema';
import { suggestOffers } from './suggest-offers';
import { updateNeed } from './update-need';
import { updateOffer } from './update-offer';

const inventoryQuery = z.object({ archived: z.stringbool({ error: 'archived: true или false' }).optional() });
const catalogueQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.enum(resourceCategories, { error: 'Неизвестная категория ресурса' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  conditions: z.enum(resourceConditions, { error: 'Условия: free, exchange или paid' }).optional(),
  ...pageQuery(100),
});
const suggestionQuery = z.object({
  maxDistanceKm: maxDistanceQuery,
  sameNetworkOnly: z.stringbool({ error: 'sameNetworkOnly: true или false' }).default(false),
  limit: z.coerce.number({ error: 'Число предложений — число' }).int().min(1, { error: 'Хотя бы одно предложение' }).max(100, { error: 'Не больше 100 предложений' }).default(20),
});
const pictureQuery = z.object({ maxDistanceKm: maxDistanceQuery });
const importQuery = z.object({ commit: z.stringbool({ error: 'commit: true или false' }).optional() });
const offerUpdate = offerChanges.extend(versionBody.shape);
const needUpdate = needChanges.extend(versionBody.shape);

export async function inventoryRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['inventory'];

  app.get(
    '/organizations/:id/inventory',
    { schema: { tags, summary: 'Ресурсы организации (всем) и её потребности (вошедшим)', params: idParams, querystring: inventoryQuery } },
    async (request) => getInventory(commandContext(request, handle), request.params.id, request.query),
  );

  app.post(
    '/organizations/:id/offers',
    { schema: { tags, summary: 'Добавить ресурс организации', params: idParams, body: offerFields }, config: { policy: 'inventory.edit' } },
    async (request, reply) => reply.status(201).send(await createOffer(commandContext(request, handle), request.params.id, request.body)),
  );

  app.patch(
    '/offers/:id',
    { schema: { tags, summary: 'Изменить ресурс', params: idParams, body: offerUpdate }, config: { policy: 'inventory.edit' } },
    async (request) => {
      const { version, ...changes } = request.body;
      return updateOffer(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/offers/:id/archive',
    { schema: { tags, summary: 'Убрать ресурс в архив', params: idParams, body: versionBody }, config: { policy: 'inventory.edit' } },
    async (request) => archiveOffer(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/offers/:id/restore',
    { schema: { tags, summary: 'Вернуть ресурс из архива', params: idParams, body: versionBody }, config: { policy: 'inventory.edit' } },
    async (request) => restoreOffer(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/organizations/:id/needs',
    { schema: { tags, summary: 'Добавить потребность организации', params: idParams, body: needFields }, config: { policy: 'inventory.edit' } },
    async (request, reply) => reply.status(201).send(await createNeed(commandContext(request, handle), request.params.id, request.body)),
  );

  app.patch(
    '/needs/:id',
    { schema: { tags, summary: 'Изменить потребность', params: idParams, body: needUpdate }, config: { policy: 'inventory.edit' } },
    async (request) => {
      const { version, ...changes } = request.body;
      return updateNeed(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/needs/:id/archive',
    { schema: { tags, summary: 'Убрать потребность в архив', params: idParams, body: versionBody }, config: { policy: 'inventory.edit' } },
    async (request) => archiveNeed(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/needs/:id/restore',
    { schema: { tags, summary: 'Вернуть потребность из архива', params: idParams, body: versionBody }, config: { policy: 'inventory.edit' } },
    async (request) => restoreNeed(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.get('/offers', { schema: { tags, summary: 'Каталог ресурсов региона', querystring: catalogueQuery } }, async (request) =>
    listOffers(commandContext(request, handle), request.query),
  );

  app.get(
    '/needs/:id/suggestions',
    { schema: { tags, summary: 'Кто поблизости может закрыть потребность: предложения с объяснением', params: idParams, querystring: suggestionQuery } },
    async (request) => suggestOffers(commandContext(request, handle), request.params.id, request.query),
  );

  app.get(
    '/networks/:networkId/exchange-picture',
    { schema: { tags, summary: 'Картина обмена ресурсами в сети', params: networkParams, querystring: pictureQuery } },
    async (request) => getNetworkExchangePicture(commandContext(request, handle), request.params.networkId, request.query.maxDistanceKm),
  );

  app.get(
    '/municipalities/:id/exchange-picture',
    { schema: { tags, summary: 'Картина обмена ресурсами в муниципалитете', params: idParams, querystring: pictureQuery } },
    async (request) => getMunicipalityExchangePicture(commandContext(request, handle), request.params.id, request.query.maxDistanceKm),
  );

  app.get('/networks/:networkId/inventory.xlsx', { schema: { tags, summary: 'Ресурсы и потребности участников сети в XLSX', params: networkParams } }, async (request, reply) => {
    const file = await exportInventory(commandContext(request, handle), request.params.networkId);
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', `attachment; filename="inventory.xlsx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .send(file.data);
  });

  app.post(
    '/networks/:networkId/inventory/import',
    {
      schema: {
        tags,
        summary: 'Импорт ресурсов и потребностей из XLSX (multipart, поле file): предпросмотр, а с commit=true — запись',
        params: networkParams,
        querystring: importQuery,
        consumes: ['multipart/form-data'],
      },
      config: { policy: 'inventory.import', rateLimit: uploadRateLimit },
    },
    async (request, reply) => {
      const upload = spreadsheetUpload(request, reply, 'Приложите файл .xlsx с листами «Ресурсы» и «Потребности».');
      const context = commandContext(request, handle);
      return request.query.commit ? commitInventoryImport(context, request.params.networkId, upload) : previewInventoryImport(context, request.params.networkId, upload);
    },
  );
}
