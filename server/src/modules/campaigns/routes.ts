import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { addCampaignProgramme } from './add-campaign-programme';
import { allocateCampaign } from './allocate-campaign';
import {
  allocateRequest,
  campaignChanges,
  campaignChildParams,
  campaignDraft,
  campaignProgrammeParams,
  campaignProgrammeRequest,
  campaignStep,
  choicesRequest,
} from './campaign-fields';
import { cancelCampaign } from './cancel-campaign';
import { createCampaign } from './create-campaign';
import { getCampaign } from './get-campaign';
import { getChildResult } from './get-child-result';
import { getChoices } from './get-choices';
import { listCampaigns } from './list-campaigns';
import { openCampaign } from './open-campaign';
import { removeCampaignProgramme } from './remove-campaign-programme';
import { submitChoices } from './submit-choices';
import { updateCampaign } from './update-campaign';

export async function campaignsRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['campaigns'];

  app.get('/campaigns', { schema: { tags, summary: 'Кампании выбора: открытые и распределённые, а организатору и его черновики' } }, async (request) =>
    listCampaigns(commandContext(request, handle)),
  );

  app.post(
    '/campaigns',
    { schema: { tags, summary: 'Подготовить кампанию выбора (черновик)', body: campaignDraft }, config: { policy: 'campaigns.create' } },
    async (request, reply) => reply.status(201).send(await createCampaign(commandContext(request, handle), request.body)),
  );

  app.get('/campaigns/:id', { schema: { tags, summary: 'Кампания: программы и места, сроки, жребий; организатору — статистика', params: idParams } }, async (request) =>
    getCampaign(commandContext(request, handle), request.params.id),
  );

  app.patch(
    '/campaigns/:id',
    { schema: { tags, summary: 'Изменить условия черновика кампании', params: idParams, body: campaignChanges }, config: { policy: 'campaigns.update' } },
    async (request) => updateCampaign(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/campaigns/:id/programmes',
    { schema: { tags, summary: 'Добавить программу и её места в кампанию', params: idParams, body: campaignProgrammeRequest }, config: { policy: 'campaigns.addProgramme' } },
    async (request, reply) => reply.status(201).send(await addCampaignProgramme(commandContext(request, handle), request.params.id, request.body)),
  );

  app.delete(
    '/campaigns/:id/programmes/:programmeId',
    { schema: { tags, summary: 'Убрать программу из черновика кампании', params: campaignProgrammeParams }, config: { policy: 'campaigns.removeProgramme' } },
    async (request) => removeCampaignProgramme(commandContext(request, handle), request.params.id, request.params.programmeId),
  );

  app.post(
    '/campaigns/:id/open',
    { schema: { tags, summary: 'Открыть приём выбора (жребий фиксируется, публикуется его хеш)', params: idParams, body: campaignStep }, config: { policy: 'campaigns.open' } },
    async (request) => openCampaign(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/campaigns/:id/cancel',
    { schema: { tags, summary: 'Отменить кампанию до распределения', params: idParams, body: campaignStep }, config: { policy: 'campaigns.cancel' } },
    async (request) => cancelCampaign(commandContext(request, handle), request.params.id, request.body),
  );

  app.put(
    '/campaigns/:id/choices/:childId',
    { schema: { tags, summary: 'Сохранить выбор ребёнка: программы по порядку предпочтения', params: campaignChildParams, body: choicesRequest }, config: { policy: 'campaigns.choose' } },
    async (request) => submitChoices(commandContext(request, handle), request.params.id, request.params.childId, request.body),
  );

  app.get('/campaigns/:id/choices/:childId', { schema: { tags, summary: 'Выбор ребёнка в кампании (родителю и школе ребёнка)', params: campaignChildParams } }, async (request) =>
    getChoices(commandContext(request, handle), request.params.id, request.params.childId),
  );

  app.post(
    '/campaigns/:id/allocate',
    { schema: { tags, summary: 'Распределить места (после окончания приёма или досрочно)', params: idParams, body: allocateRequest }, config: { policy: 'campaigns.allocate' } },
    async (request) => allocateCampaign(commandContext(request, handle), request.params.id, request.body ?? {}),
  );

  app.get('/campaigns/:id/results/:childId', { schema: { tags, summary: 'Итог распределения для ребёнка и почему так (родителю и школе ребёнка)', params: campaignChildParams } }, async (request) =>
    getChildResult(commandContext(request, handle), request.params.id, request.params.childId),
  );
}
