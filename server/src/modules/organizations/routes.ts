import { z } from 'zod';
import { pageQuery, recordVersion } from '../../platform/fields';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { spreadsheetUpload, uploadRateLimit } from '../../platform/http/upload';
import { idParams } from '../../platform/http/params';
import { archiveOrganization, verifyOrganization } from './change-organization-state';
import { createOrganization } from './create-organization';
import { exportOrganizations } from './export-organizations';
import { organizationChanges, organizationFields } from './fields';
import { getOrganization } from './get-organization';
import { getOrganizationImport, previewOrganizationImport, startOrganizationImport } from './import-organizations';
import { listOrganizations, listOrganizationsForMap } from './list-organizations';
import { mergeOrganizations } from './merge-organizations';
import { organizationKinds, organizationStates, organizationStatuses } from './schema';
import { updateOrganization } from './update-organization';

const filterQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(organizationKinds, { error: 'Неизвестный тип организации' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  status: z.enum(organizationStatuses, { error: 'Неизвестный статус' }).optional(),
  state: z.enum([...organizationStates, 'all'], { error: 'Неизвестное состояние' }).optional(),
});
const listQuery = filterQuery.extend({
  sort: z.enum(['relevance', 'name', '-name', 'updated'], { error: 'Сортировка: relevance, name, -name или updated' }).optional(),
  ...pageQuery(100),
});
/** The list alone also takes a cursor its answer gave (`next`, `previous`), instead of a page number. */
const listPageQuery = listQuery.extend({ cursor: z.string().max(2000, { error: 'Ссылка на страницу списка слишком длинная' }).optional() });
const versionBody = z.object({ version: recordVersion('Укажите версию карточки') });

export async function organizationRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['organizations'];

  app.get('/organizations', { schema: { tags, summary: 'Реестр организаций (страница по cursor из next/previous или по номеру)', querystring: listPageQuery } }, async (request) =>
    listOrganizations(commandContext(request, handle), request.query),
  );

  app.get('/organizations/map', { schema: { tags, summary: 'Организации на карте', querystring: filterQuery } }, async (request) =>
    listOrganizationsForMap(commandContext(request, handle), request.query),
  );

  app.get(
    '/organizations/export',
    { schema: { tags, summary: 'Выгрузка реестра в XLSX или CSV', querystring: listQuery.extend({ format: z.enum(['xlsx', 'csv'], { error: 'Формат: xlsx или csv' }).default('xlsx') }) } },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const file = await exportOrganizations(commandContext(request, handle), filter, format);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.data);
    },
  );

  app.get('/organizations/:id', { schema: { tags, summary: 'Карточка организации', params: idParams } }, async (request) =>
    getOrganization(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/organizations',
    { schema: { tags, summary: 'Создать организацию', body: organizationFields }, config: { policy: 'organizations.create' } },
    async (request, reply) => reply.status(201).send(await createOrganization(commandContext(request, handle), request.body)),
  );

  app.patch(
    '/organizations/:id',
    { schema: { tags, summary: 'Изменить карточку', params: idParams, body: organizationChanges.extend(versionBody.shape) }, config: { policy: 'organizations.update' } },
    async (request) => {
      const { version, ...changes } = request.body;
      return updateOrganization(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/organizations/:id/verify',
    { schema: { tags, summary: 'Подтвердить организацию', params: idParams, body: versionBody }, config: { policy: 'organizations.verify' } },
    async (request) => verifyOrganization(commandContext(request, handle), { id: request.params.id, version: request.body.version }),
  );

  app.post(
    '/organizations/:id/archive',
    { schema: { tags, summary: 'Перенести в архив', params: idParams, body: versionBody }, config: { policy: 'organizations.archive' } },
    async (request) => archiveOrganization(commandContext(request, handle), { id: request.params.id, version: request.body.version }),
  );

  app.post(
    '/organizations/:id/merge',
    {
      schema: { tags, summary: 'Объединить с дубликатом', params: idParams, body: z.object({ duplicateId: z.uuid({ error: 'Выберите дубликат' }) }) },
      config: { policy: 'organizations.merge' },
    },
    async (request) => mergeOrganizations(commandContext(request, handle), { survivorId: request.params.id, duplicateId: request.body.duplicateId }),
  );

  app.post(
    '/organizations/imports',
    {
      schema: { tags, summary: 'Загрузить файл и получить предпросмотр импорта (multipart, поле file)', consumes: ['multipart/form-data'] },
      config: { policy: 'organizations.import', rateLimit: uploadRateLimit },
    },
    async (request, reply) => previewOrganizationImport(commandContext(request, handle), spreadsheetUpload(request, reply, 'Приложите файл .xlsx или .csv.')),
  );

  app.get('/organizations/imports/:id', { schema: { tags, summary: 'Состояние импорта', params: idParams } }, async (request) =>
    getOrganizationImport(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/organizations/imports/:id/commit',
    { schema: { tags, summary: 'Записать предпросмотренный импорт', params: idParams }, config: { policy: 'organizations.import' } },
    async (request, reply) => {
      const { preview, done } = await startOrganizationImport(commandContext(request, handle), request.params.id);
      done.catch((error: unknown) => request.log.error(error));
      return reply.status(202).send(preview);
    },
  );
}
