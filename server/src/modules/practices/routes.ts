import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { sendStoredFile } from '../../platform/files/files';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { fileUpload, uploadRateLimit } from '../../platform/http/upload';
import { addPracticeLink, attachmentLimits, attachmentProblems, uploadPracticeFile } from './add-practice-attachment';
import { archivePractice } from './archive-practice';
import { createPractice } from './create-practice';
import { exportLibrary, exportNetworkPractices, exportPractice } from './export-practices';
import { getPractice, getPracticeVersion } from './get-practice';
import { listPractices, practiceListQuery } from './list-practices';
import { networkDirections } from './network-directions';
import { openPracticeAttachment } from './open-practice-attachment';
import { attachmentLink, practiceChanges, practiceFields, practiceVersionBody } from './practice-fields';
import { publishPractice } from './publish-practice';
import { removePracticeAttachment } from './remove-practice-attachment';
import { submitPractice } from './submit-practice';
import { updatePractice } from './update-practice';

const versionParams = idParams.extend({ versionId: z.uuid({ error: 'Неверный идентификатор версии' }) });
const exportQuery = z.object({ format: z.enum(['docx', 'pdf'], { error: 'Формат: docx или pdf' }).default('pdf') });

/** The library of practices (issue 17): publish, find, read. */
export async function practiceRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['practices'];

  app.get('/practices', { schema: { tags, summary: 'Библиотека практик: поиск, фильтры с числами, страницы', querystring: practiceListQuery } }, async (request) =>
    listPractices(commandContext(request, handle), request.query),
  );

  app.get(
    '/practices/export.pdf',
    { schema: { tags, summary: 'Подборка практик в PDF с оглавлением: найденное библиотекой по тем же параметрам, что GET /practices', querystring: practiceListQuery } },
    async (request, reply) => sendStoredFile(reply, await exportLibrary(commandContext(request, handle), request.query)),
  );

  app.get(
    '/networks/:id/practices/export.pdf',
    { schema: { tags, summary: 'Практики сети в PDF с оглавлением: опубликованные практики её организаций-участников', params: idParams } },
    async (request, reply) => sendStoredFile(reply, await exportNetworkPractices(commandContext(request, handle), request.params.id)),
  );

  app.get('/practices/directions', { schema: { tags, summary: 'Направления, в которых работают сети (для выбора направления практики)' } }, async (request) =>
    networkDirections(commandContext(request, handle)),
  );

  app.post('/practices', { schema: { tags, summary: 'Начать практику (черновик)', body: practiceFields }, config: { policy: 'practices.create' } }, async (request, reply) =>
    reply.status(201).send(await createPractice(commandContext(request, handle), request.body)),
  );

  app.get('/practices/:id', { schema: { tags, summary: 'Карточка практики: опубликованная версия; черновик и версии — тем, кто над ней работает', params: idParams } }, async (request) =>
    getPractice(commandContext(request, handle), request.params.id),
  );

  app.get(
    '/practices/:id/versions/:versionId',
    { schema: { tags, summary: 'Версия практики (опубликованная — всем, кто видит практику; остальные — тем, кто над ней работает)', params: versionParams } },
    async (request) => getPracticeVersion(commandContext(request, handle), request.params.id, request.params.versionId),
  );

  app.get('/practices/:id/export', { schema: { tags, summary: 'Карточка практики в DOCX или PDF', params: idParams, querystring: exportQuery } }, async (request, reply) =>
    sendStoredFile(reply, await exportPractice(commandContext(request, handle), request.params.id, request.query.format)),
  );

  app.patch('/practices/:id', { schema: { tags, summary: 'Изменить практику (опубликованная остаётся, пока не опубликована новая версия)', params: idParams, body: practiceChanges }, config: { policy: 'practices.edit' } }, async (request) =>
    updatePractice(commandContext(request, handle), request.params.id, request.body),
  );

  app.post('/practices/:id/submit', { schema: { tags, summary: 'Отправить версию практики на рассмотрение', params: idParams, body: practiceVersionBody }, config: { policy: 'practices.edit' } }, async (request) =>
    submitPractice(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post('/practices/:id/publish', { schema: { tags, summary: 'Опубликовать версию практики без экспертизы', params: idParams, body: practiceVersionBody }, config: { policy: 'practices.publish' } }, async (request) =>
    publishPractice(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post('/practices/:id/archive', { schema: { tags, summary: 'Убрать практику в архив', params: idParams, body: practiceVersionBody }, config: { policy: 'practices.publish' } }, async (request) =>
    archivePractice(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post('/practices/:id/attachments', { schema: { tags, summary: 'Добавить ссылку или видео к практике', params: idParams, body: attachmentLink }, config: { policy: 'practices.edit' } }, async (request, reply) =>
    reply.status(201).send(await addPracticeLink(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post(
    '/practices/:id/attachments/files',
    {
      schema: { tags, summary: 'Загрузить файл к практике (multipart: поле title, затем file)', params: idParams, consumes: ['multipart/form-data'] },
      config: { policy: 'practices.edit', rateLimit: uploadRateLimit },
    },
    async (request, reply) => {
      const receive = fileUpload(request, reply, { bytes: attachmentLimits.bytes, tooLarge: attachmentProblems.tooLarge, missing: 'Выберите файл, который нужно приложить к практике.' });
      return reply.status(201).send(await uploadPracticeFile(commandContext(request, handle), request.params.id, receive));
    },
  );

  app.delete('/practice-attachments/:id', { schema: { tags, summary: 'Удалить вложение практики', params: idParams }, config: { policy: 'practices.edit' } }, async (request, reply) => {
    await removePracticeAttachment(commandContext(request, handle), request.params.id);
    return reply.status(204).send();
  });

  app.get('/practice-attachments/:id/file', { schema: { tags, summary: 'Скачать файл практики (вложением)', params: idParams } }, async (request, reply) =>
    sendStoredFile(reply, await openPracticeAttachment(commandContext(request, handle), request.params.id)),
  );
}
