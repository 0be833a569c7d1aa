import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { answerExchange } from './answer-exchange';
import { completeExchange } from './complete-exchange';
import { createExchangeAgreement } from './create-exchange-agreement';
import { agreementRequest, exchangeAnswer, exchangeListQuery, exchangeRequest, exchangeStep, planRequest } from './exchange-fields';
import { getExchange } from './get-exchange';
import { exchangeSummary, listExchanges } from './list-exchanges';
import { planExchange } from './plan-exchange';
import { requestExchange } from './request-exchange';
import { withdrawExchange } from './withdraw-exchange';

export async function exchangeRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['exchanges'];

  app.post(
    '/exchanges',
    { schema: { tags, summary: 'Запросить ресурс другой организации', body: exchangeRequest }, config: { policy: 'exchanges.request' } },
    async (request, reply) => reply.status(201).send(await requestExchange(commandContext(request, handle), request.body)),
  );

  app.get('/exchanges', { schema: { tags, summary: 'Обмены организаций, которыми руководит пользователь', querystring: exchangeListQuery } }, async (request) =>
    listExchanges(commandContext(request, handle), request.query),
  );

  app.get('/exchanges/:id', { schema: { tags, summary: 'Обмен с историей (только для сторон)', params: idParams } }, async (request) =>
    getExchange(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/exchanges/:id/answer',
    { schema: { tags, summary: 'Принять, отклонить или предложить другие условия', params: idParams, body: exchangeAnswer }, config: { policy: 'exchanges.answer' } },
    async (request) => answerExchange(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/exchanges/:id/withdraw',
    { schema: { tags, summary: 'Отозвать запрос или отменить принятый обмен', params: idParams, body: exchangeStep }, config: { policy: 'exchanges.withdraw' } },
    async (request) => withdrawExchange(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/exchanges/:id/complete',
    { schema: { tags, summary: 'Отметить обмен состоявшимся', params: idParams, body: exchangeStep }, config: { policy: 'exchanges.complete' } },
    async (request) => completeExchange(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/exchanges/:id/agreement',
    { schema: { tags, summary: 'Оформить соглашение об обмене ресурсами', params: idParams, body: agreementRequest }, config: { policy: 'exchanges.agreement' } },
    async (request, reply) => reply.status(201).send(await createExchangeAgreement(commandContext(request, handle), request.params.id, { networkId: request.body?.networkId })),
  );

  app.post(
    '/exchanges/:id/plan',
    { schema: { tags, summary: 'Внести обмен в план сети', params: idParams, body: planRequest }, config: { policy: 'exchanges.plan' } },
    async (request, reply) => reply.status(201).send(await planExchange(commandContext(request, handle), request.params.id, request.body)),
  );

  app.get(
    '/organizations/:id/exchanges/summary',
    { schema: { tags, summary: 'Сколько обменов ждут ответа организации', params: idParams } },
    async (request) => exchangeSummary(commandContext(request, handle), request.params.id),
  );
}
