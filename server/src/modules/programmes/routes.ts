import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { archiveProgramme } from './archive-programme';
import { createProgramme } from './create-programme';
import { getProgramme } from './get-programme';
import { listOrganizationProgrammes } from './list-organization-programmes';
import { listProgrammePoints, listProgrammes } from './list-programmes';
import { catalogueQuery, organizationProgrammesQuery, programmeChanges, programmeCreation, versionBody } from './programme-fields';
import { publishProgramme } from './publish-programme';
import { updateProgramme } from './update-programme';

export async function programmesRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['programmes'];

  app.get('/programmes', { schema: { tags, summary: 'Каталог программ: поиск, фильтры, страница (без входа)', querystring: catalogueQuery } }, async (request) =>
    listProgrammes(commandContext(request, handle), request.query),
  );

  // The map's points apart from the page, so the list's answer stays small and the map's is kept a minute by the browser.
  app.get(
    '/programmes/map',
    { schema: { tags, summary: 'Каталог программ: места занятий для карты, с теми же фильтрами (без входа)', querystring: catalogueQuery.omit({ page: true, pageSize: true }) } },
    async (request, reply) => reply.header('Cache-Control', 'private, max-age=60').send(await listProgrammePoints(commandContext(request, handle), request.query)),
  );

  app.get('/programmes/:id', { schema: { tags, summary: 'Программа: описание, расписание, место, сети', params: idParams } }, async (request) =>
    getProgramme(commandContext(request, handle), request.params.id),
  );

  app.get(
    '/organizations/:id/programmes',
    { schema: { tags, summary: 'Программы организации (черновики и архив — только её сотрудникам)', params: idParams, querystring: organizationProgrammesQuery } },
    async (request) => listOrganizationProgrammes(commandContext(request, handle), request.params.id, request.query.state),
  );

  app.post(
    '/programmes',
    { schema: { tags, summary: 'Создать программу (черновик)', body: programmeCreation }, config: { policy: 'programmes.manage' } },
    async (request, reply) => reply.status(201).send(await createProgramme(commandContext(request, handle), request.body)),
  );

  app.patch(
    '/programmes/:id',
    { schema: { tags, summary: 'Изменить программу', params: idParams, body: programmeChanges }, config: { policy: 'programmes.manage' } },
    async (request) => {
      const { version, ...changes } = request.body;
      return updateProgramme(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/programmes/:id/publish',
    { schema: { tags, summary: 'Опубликовать программу в каталоге', params: idParams, body: versionBody }, config: { policy: 'programmes.manage' } },
    async (request) => publishProgramme(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/programmes/:id/archive',
    { schema: { tags, summary: 'Снять программу с каталога (в архив)', params: idParams, body: versionBody }, config: { policy: 'programmes.manage' } },
    async (request) => archiveProgramme(commandContext(request, handle), request.params.id, request.body.version),
  );
}
