import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { fileUpload, uploadRateLimit } from '../../platform/http/upload';
import { addEventMaterialLink, uploadEventMaterial } from './add-event-material';
import { listEventMaterials } from './list-event-materials';
import { sendStoredFile } from '../../platform/files/files';
import { materialLimits, materialProblems } from './material-files';
import { materialLink } from './material-fields';
import { openEventMaterial } from './open-event-material';
import { removeEventMaterial } from './remove-event-material';

/** The event's materials (seed 002's resource package): files, links and recordings. */
export async function eventMaterialRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['events'];

  app.get('/events/:id/materials', { schema: { tags, summary: 'Материалы мероприятия (участникам, организаторам и участникам сети)', params: idParams } }, async (request) =>
    listEventMaterials(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/events/:id/materials',
    { schema: { tags, summary: 'Добавить ссылку или запись к материалам мероприятия', params: idParams, body: materialLink }, config: { policy: 'events.addMaterial' } },
    async (request, reply) => reply.status(201).send(await addEventMaterialLink(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post(
    '/events/:id/materials/files',
    {
      schema: { tags, summary: 'Загрузить файл к материалам мероприятия (multipart: поле title, затем file)', params: idParams, consumes: ['multipart/form-data'] },
      config: { policy: 'events.uploadMaterial', rateLimit: uploadRateLimit },
    },
    async (request, reply) => {
      const receive = fileUpload(request, reply, { bytes: materialLimits.bytes, tooLarge: materialProblems.tooLarge, missing: 'Выберите файл, который нужно добавить к материалам.' });
      return reply.status(201).send(await uploadEventMaterial(commandContext(request, handle), request.params.id, receive));
    },
  );

  app.delete(
    '/event-materials/:id',
    { schema: { tags, summary: 'Удалить материал мероприятия', params: idParams }, config: { policy: 'events.removeMaterial' } },
    async (request, reply) => {
      await removeEventMaterial(commandContext(request, handle), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/event-materials/:id/file', { schema: { tags, summary: 'Скачать файл материала (вложением)', params: idParams } }, async (request, reply) => {
    const file = await openEventMaterial(commandContext(request, handle), request.params.id);
    return sendStoredFile(reply, file);
  });
}
