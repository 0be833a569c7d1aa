import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { spreadsheetUpload, uploadRateLimit } from '../../platform/http/upload';
import { getStaffImport, previewStaffImport, startStaffImport } from './import-staff';

const missingFile = 'Приложите файл .xlsx или .csv со столбцами «ФИО», «Эл. почта», «Организация» и «Роль».';

export async function staffImportRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const tags = ['staff-imports'];
  const invitationOptions = { publicUrl: config.publicUrl, ttlDays: config.invitationTtlDays };

  app.post(
    '/organizations/:id/staff/imports',
    {
      schema: { tags, summary: 'Загрузить список сотрудников организации и получить предпросмотр (multipart, поле file)', params: idParams, consumes: ['multipart/form-data'] },
      config: { policy: 'staffImports.importForOrganization', rateLimit: uploadRateLimit },
    },
    async (request, reply) => previewStaffImport(commandContext(request, handle), { organizationId: request.params.id }, spreadsheetUpload(request, reply, missingFile)),
  );

  app.post(
    '/staff-imports',
    {
      schema: { tags, summary: 'Загрузить список сотрудников разных организаций и получить предпросмотр (multipart, поле file)', consumes: ['multipart/form-data'] },
      config: { policy: 'staffImports.importRegionWide', rateLimit: uploadRateLimit },
    },
    async (request, reply) => previewStaffImport(commandContext(request, handle), { organizationId: null }, spreadsheetUpload(request, reply, missingFile)),
  );

  app.get('/staff-imports/:id', { schema: { tags, summary: 'Предпросмотр, ход записи и доставка писем импорта сотрудников', params: idParams } }, async (request) =>
    getStaffImport(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/staff-imports/:id/commit',
    { schema: { tags, summary: 'Создать приглашения по предпросмотренному файлу', params: idParams }, config: { policy: 'staffImports.commit' } },
    async (request, reply) => {
      const { preview, done } = await startStaffImport(commandContext(request, handle), request.params.id, invitationOptions);
      done.catch((error: unknown) => request.log.error(error));
      return reply.status(202).send({ ...preview, delivery: { sent: 0, waiting: 0, failed: 0 } });
    },
  );
}
