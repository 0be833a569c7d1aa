import { z } from 'zod';
import { recordVersion } from '../../platform/fields';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { spreadsheetUpload, uploadRateLimit } from '../../platform/http/upload';
import { idParams, networkParams } from '../../platform/http/params';
import { addPlanItem } from './add-plan-item';
import { createPlan } from './create-plan';
import { deletePlan } from './delete-plan';
import { deletePlanItem } from './delete-plan-item';
import { exportPlan } from './export-plan';
import { getPlan } from './get-plan';
import { commitPlanImport, previewPlanImport } from './import-plan-items';
import { listPlans } from './list-plans';
import { movePlanItem } from './move-plan-item';
import { newPlanItem, planChanges, planFields, planItemChanges, planItemMove } from './plan-fields';
import { updatePlan } from './update-plan';
import { updatePlanItem } from './update-plan-item';

const itemUpdate = planItemChanges.extend({ version: recordVersion('Укажите версию пункта') });
const importQuery = z.object({
  commit: z.stringbool({ error: 'commit: true или false' }).optional(),
  mode: z.enum(['append', 'replace'], { error: 'Режим: append (добавить) или replace (заменить пункты плана)' }).optional(),
});
const exportQuery = z.object({ format: z.enum(['xlsx', 'docx'], { error: 'Формат: xlsx или docx' }).default('xlsx') });

export async function planRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['plans'];

  app.get('/networks/:networkId/plans', { schema: { tags, summary: 'Планы и дорожные карты сети', params: networkParams } }, async (request) =>
    listPlans(commandContext(request, handle), request.params.networkId),
  );

  app.post(
    '/networks/:networkId/plans',
    { schema: { tags, summary: 'Создать план сети', params: networkParams, body: planFields }, config: { policy: 'plans.create' } },
    async (request, reply) => reply.status(201).send(await createPlan(commandContext(request, handle), request.params.networkId, request.body)),
  );

  app.get('/plans/:id', { schema: { tags, summary: 'План с пунктами (дерево, статусы, просрочка, выполнение)', params: idParams } }, async (request) =>
    getPlan(commandContext(request, handle), request.params.id),
  );

  app.patch(
    '/plans/:id',
    { schema: { tags, summary: 'Изменить название, вид или период плана', params: idParams, body: planChanges }, config: { policy: 'plans.update' } },
    async (request) => updatePlan(commandContext(request, handle), request.params.id, request.body),
  );

  app.delete(
    '/plans/:id',
    { schema: { tags, summary: 'Удалить план со всеми пунктами', params: idParams }, config: { policy: 'plans.delete' } },
    async (request, reply) => {
      await deletePlan(commandContext(request, handle), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/plans/:id/items',
    { schema: { tags, summary: 'Добавить пункт плана', params: idParams, body: newPlanItem }, config: { policy: 'plans.addItem' } },
    async (request, reply) => reply.status(201).send(await addPlanItem(commandContext(request, handle), request.params.id, request.body)),
  );

  app.patch(
    '/plan-items/:id',
    {
      schema: { tags, summary: 'Изменить пункт плана или отметить ход выполнения', params: idParams, body: itemUpdate },
      config: { policy: 'plans.updateItem' },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return updatePlanItem(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/plan-items/:id/move',
    { schema: { tags, summary: 'Переместить пункт (порядок, вложенность)', params: idParams, body: planItemMove }, config: { policy: 'plans.moveItem' } },
    async (request) => movePlanItem(commandContext(request, handle), request.params.id, request.body),
  );

  app.delete(
    '/plan-items/:id',
    { schema: { tags, summary: 'Удалить пункт плана с подпунктами', params: idParams }, config: { policy: 'plans.deleteItem' } },
    async (request) => deletePlanItem(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/plans/:id/import',
    {
      schema: {
        tags,
        summary: 'Импорт пунктов из XLSX/CSV (multipart, поле file): предпросмотр, а с commit=true — запись',
        params: idParams,
        querystring: importQuery,
        consumes: ['multipart/form-data'],
      },
      config: { policy: 'plans.import', rateLimit: uploadRateLimit },
    },
    async (request, reply) => {
      const upload = spreadsheetUpload(request, reply, 'Приложите файл .xlsx или .csv с пунктами плана.');
      const context = commandContext(request, handle);
      const { commit, mode } = request.query;
      if (!commit) return previewPlanImport(context, request.params.id, upload, mode);
      return reply.status(201).send(await commitPlanImport(context, request.params.id, upload, mode));
    },
  );

  app.get(
    '/plans/:id/export',
    { schema: { tags, summary: 'Выгрузка плана в XLSX или DOCX', params: idParams, querystring: exportQuery } },
    async (request, reply) => {
      const file = await exportPlan(commandContext(request, handle), request.params.id, request.query.format);
      const asciiName = `plan.${request.query.format}`;
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.data);
    },
  );
}
