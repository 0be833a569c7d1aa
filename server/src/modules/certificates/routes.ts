import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { recordVersion } from '../../platform/fields';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { exportCertificate } from './export-certificate';
import { issueEventCertificates } from './issue-event-certificates';
import { listEventCertificates, listMyCertificates } from './list-certificates';
import { revokeCertificate } from './revoke-certificate';
import { verifyCertificate } from './verify-certificate';

const revocation = z.object({
  reason: z.string({ error: 'Укажите причину отзыва' }).trim().min(3, { error: 'Причина отзыва — не короче 3 знаков' }).max(1000, { error: 'Причина отзыва — не длиннее 1000 знаков' }),
  version: recordVersion('Укажите версию сертификата'),
});
const codeParams = z.object({ code: z.string().max(64, { error: 'Код проверки — не длиннее 64 знаков' }) });

/** Certificates: issued for an event, listed, downloaded as PDF, revoked; verified publicly by their code. */
export async function certificateRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['certificates'];

  app.post(
    '/events/:id/certificates',
    { schema: { tags, summary: 'Выдать сертификаты пришедшим участникам и спикерам (повторно — только тем, у кого ещё нет)', params: idParams }, config: { policy: 'certificates.issue' } },
    async (request) => issueEventCertificates(commandContext(request, handle), request.params.id),
  );

  app.get('/events/:id/certificates', { schema: { tags, summary: 'Сертификаты мероприятия (для организаторов)', params: idParams } }, async (request) =>
    listEventCertificates(commandContext(request, handle), request.params.id),
  );

  app.get('/certificates/mine', { schema: { tags, summary: 'Мои сертификаты и сертификаты моих детей' } }, async (request) => listMyCertificates(commandContext(request, handle)));

  app.get('/certificates/verify/:code', { schema: { tags, summary: 'Проверка сертификата по коду: имя, мероприятие, даты, роль, действителен или отозван', params: codeParams } }, async (request) =>
    verifyCertificate(handle.db, request.params.code),
  );

  app.get('/certificates/:id/pdf', { schema: { tags, summary: 'Сертификат в PDF', params: idParams } }, async (request, reply) => {
    const file = await exportCertificate(commandContext(request, handle), request.params.id);
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`)
      .send(file.data);
  });

  app.post(
    '/certificates/:id/revoke',
    { schema: { tags, summary: 'Отозвать сертификат с указанием причины', params: idParams, body: revocation }, config: { policy: 'certificates.revoke' } },
    async (request) => revokeCertificate(commandContext(request, handle), request.params.id, request.body),
  );
}
