import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { childChanges, childFields, confirmationRequest, consentRequest, studentsQuery } from './child-fields';
import { confirmHomeSchool } from './confirm-home-school';
import { currentConsentText } from './consent-text';
import { createChild } from './create-child';
import { deleteChild } from './delete-child';
import { exportChild } from './export-child';
import { getChild } from './get-child';
import { giveConsent } from './give-consent';
import { listChildren } from './list-children';
import { listStudents } from './list-students';
import { updateChild } from './update-child';
import { withdrawConsent } from './withdraw-consent';

export async function familiesRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['families'];

  app.get('/consent-text', { schema: { tags, summary: 'Текущий текст согласия на обработку данных ребёнка' } }, async () => currentConsentText());

  app.get('/children', { schema: { tags, summary: 'Мои дети' } }, async (request) => listChildren(commandContext(request, handle)));

  app.post(
    '/children',
    { schema: { tags, summary: 'Добавить ребёнка', body: childFields }, config: { policy: 'families.register' } },
    async (request, reply) => reply.status(201).send(await createChild(commandContext(request, handle), request.body)),
  );

  app.get('/children/:id', { schema: { tags, summary: 'Данные ребёнка (семье, школе ребёнка, организациям, где он учится)', params: idParams } }, async (request) =>
    getChild(commandContext(request, handle), request.params.id),
  );

  app.patch(
    '/children/:id',
    { schema: { tags, summary: 'Исправить данные ребёнка', params: idParams, body: childChanges }, config: { policy: 'families.manage' } },
    async (request) => updateChild(commandContext(request, handle), request.params.id, request.body),
  );

  app.delete(
    '/children/:id',
    { schema: { tags, summary: 'Удалить ребёнка и все его данные', params: idParams }, config: { policy: 'families.manage' } },
    async (request, reply) => {
      await deleteChild(commandContext(request, handle), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get('/children/:id/export', { schema: { tags, summary: 'Выгрузить все данные ребёнка (JSON)', params: idParams } }, async (request, reply) => {
    const data = await exportChild(commandContext(request, handle), request.params.id);
    reply.header('content-disposition', `attachment; filename="orbita-child-${request.params.id}.json"`);
    return data;
  });

  app.post(
    '/children/:id/consent',
    { schema: { tags, summary: 'Дать согласие на обработку данных ребёнка', params: idParams, body: consentRequest }, config: { policy: 'families.consent' } },
    async (request, reply) => {
      const outcome = await giveConsent(commandContext(request, handle), request.params.id, request.body);
      return reply.status(outcome.created ? 201 : 200).send(outcome.consent);
    },
  );

  app.post(
    '/children/:id/consent/withdraw',
    { schema: { tags, summary: 'Отозвать согласие (записи на программы прекращаются)', params: idParams }, config: { policy: 'families.consent' } },
    async (request) => withdrawConsent(commandContext(request, handle), request.params.id),
  );

  app.get(
    '/organizations/:id/students',
    { schema: { tags, summary: 'Дети, указавшие школу своей (для сотрудников школы)', params: idParams, querystring: studentsQuery } },
    async (request) => listStudents(commandContext(request, handle), request.params.id, request.query),
  );

  app.post(
    '/children/:id/confirm-home-school',
    { schema: { tags, summary: 'Подтвердить, что ребёнок учится в школе', params: idParams, body: confirmationRequest }, config: { policy: 'families.confirmStudent' } },
    async (request) => confirmHomeSchool(commandContext(request, handle), request.params.id, request.body),
  );
}
