import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { acceptConsultation } from './accept-consultation';
import { cancelConsultation, declineConsultation } from './close-consultation';
import { consultationListQuery, consultationRequest, consultationStep, slotChoice, slotProposal } from './consultation-fields';
import { getConsultation, listConsultants, listConsultations } from './list-consultations';
import { listNetworkConsultations } from './list-network-consultations';
import { proposeConsultationSlots } from './propose-consultation-slots';
import { requestConsultation } from './request-consultation';

export async function consultationRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['consultations'];

  app.post(
    '/consultations',
    { schema: { tags, summary: 'Запросить консультацию у школы-лидера или школы-консультанта', body: consultationRequest }, config: { policy: 'consultations.request' } },
    async (request, reply) => reply.status(201).send(await requestConsultation(commandContext(request, handle), request.body)),
  );

  app.get('/consultations', { schema: { tags, summary: 'Консультации школ пользователя: запрошенные и проводимые', querystring: consultationListQuery } }, async (request) =>
    listConsultations(commandContext(request, handle), request.query),
  );

  app.get('/consultations/:id', { schema: { tags, summary: 'Консультация (только для обеих школ)', params: idParams } }, async (request) =>
    getConsultation(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/consultations/:id/slots',
    { schema: { tags, summary: 'Предложить время консультации (школа-консультант)', params: idParams, body: slotProposal }, config: { policy: 'consultations.propose' } },
    async (request) => proposeConsultationSlots(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/consultations/:id/accept',
    { schema: { tags, summary: 'Выбрать время: консультация становится мероприятием обеих школ', params: idParams, body: slotChoice }, config: { policy: 'consultations.accept' } },
    async (request) => acceptConsultation(commandContext(request, handle), request.params.id, request.body.slotId),
  );

  app.post(
    '/consultations/:id/decline',
    { schema: { tags, summary: 'Отклонить запрос консультации (школа-консультант)', params: idParams, body: consultationStep }, config: { policy: 'consultations.decline' } },
    async (request) => declineConsultation(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/consultations/:id/cancel',
    { schema: { tags, summary: 'Отозвать запрос консультации (запросившая школа)', params: idParams, body: consultationStep }, config: { policy: 'consultations.cancel' } },
    async (request) => cancelConsultation(commandContext(request, handle), request.params.id, request.body),
  );

  app.get('/organizations/:id/consultants', { schema: { tags, summary: 'У кого школа может запросить консультацию', params: idParams } }, async (request) =>
    listConsultants(commandContext(request, handle), request.params.id),
  );

  app.get('/networks/:id/consultations', { schema: { tags, summary: 'Консультации партнёрства: проведённые и предстоящие', params: idParams } }, async (request) =>
    listNetworkConsultations(commandContext(request, handle), request.params.id),
  );
}
