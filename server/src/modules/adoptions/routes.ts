import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { adoptionFields, adoptionResultsFields, adoptionStopFields } from './adoption-fields';
import { listNetworkTransfers } from './list-network-transfers';
import { listPracticeAdoptions } from './list-practice-adoptions';
import { recordAdoption } from './record-adoption';
import { recordAdoptionResults } from './record-adoption-results';
import { stopAdoption } from './stop-adoption';

/** Adoption of the library's practices (issue 17): who adopts what, what came of it, what a partnership passed on. */
export async function adoptionRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['practices'];

  app.get('/practices/:id/adoptions', { schema: { tags, summary: 'Кто внедрил практику: школы, даты, что изменили, результаты', params: idParams } }, async (request) =>
    listPracticeAdoptions(commandContext(request, handle), request.params.id),
  );

  app.post('/practices/:id/adoptions', { schema: { tags, summary: 'Записать, что школа внедряет опубликованную практику', params: idParams, body: adoptionFields }, config: { policy: 'adoptions.record' } }, async (request, reply) =>
    reply.status(201).send(await recordAdoption(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post('/practice-adoptions/:id/results', { schema: { tags, summary: 'Записать результаты внедрения', params: idParams, body: adoptionResultsFields }, config: { policy: 'adoptions.record' } }, async (request) =>
    recordAdoptionResults(commandContext(request, handle), request.params.id, request.body),
  );

  app.post('/practice-adoptions/:id/stop', { schema: { tags, summary: 'Записать, что школа прекратила внедрение', params: idParams, body: adoptionStopFields }, config: { policy: 'adoptions.record' } }, async (request) =>
    stopAdoption(commandContext(request, handle), request.params.id, request.body),
  );

  app.get('/networks/:id/practice-transfers', { schema: { tags, summary: 'Практики школы-лидера, которые внедряют другие участники сети', params: idParams } }, async (request) =>
    listNetworkTransfers(commandContext(request, handle), request.params.id),
  );
}
