import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { enrolChild } from './enrol-child';
import { getEligibility } from './get-eligibility';
import { enrolmentRemoval, enrolmentRequest, enrolmentStep, idempotencyHeaders } from './enrolment-fields';
import { listChildEnrolments } from './list-child-enrolments';
import { listProgrammeEnrolments } from './list-programme-enrolments';
import { removeEnrolment } from './remove-enrolment';
import { withdrawEnrolment } from './withdraw-enrolment';

export async function enrolmentsRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['enrolments'];

  app.post(
    '/programmes/:id/enrolments',
    {
      schema: { tags, summary: 'Записать ребёнка на программу или в лист ожидания', params: idParams, headers: idempotencyHeaders, body: enrolmentRequest },
      config: { policy: 'enrolments.enrol' },
    },
    async (request, reply) => {
      const outcome = await enrolChild(commandContext(request, handle), request.params.id, request.body, request.headers['idempotency-key']);
      return reply.status(outcome.created ? 201 : 200).send(outcome.enrolment);
    },
  );

  app.get(
    '/programmes/:id/eligibility',
    { schema: { tags, summary: 'Подходит ли программа каждому ребёнку родителя: причины, текущая запись, пересечения с расписанием', params: idParams } },
    async (request) => getEligibility(commandContext(request, handle), request.params.id),
  );

  app.get('/programmes/:id/enrolments', { schema: { tags, summary: 'Список зачисленных и лист ожидания (для сотрудников организации)', params: idParams } }, async (request) =>
    listProgrammeEnrolments(commandContext(request, handle), request.params.id),
  );

  app.get('/children/:id/enrolments', { schema: { tags, summary: 'Программы ребёнка и места в листах ожидания', params: idParams } }, async (request) =>
    listChildEnrolments(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/enrolments/:id/withdraw',
    { schema: { tags, summary: 'Отказаться от места или от очереди', params: idParams, body: enrolmentStep }, config: { policy: 'enrolments.withdraw' } },
    async (request) => withdrawEnrolment(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/enrolments/:id/remove',
    { schema: { tags, summary: 'Отчислить ребёнка из программы (с причиной для семьи)', params: idParams, body: enrolmentRemoval }, config: { policy: 'enrolments.remove' } },
    async (request) => removeEnrolment(commandContext(request, handle), request.params.id, request.body),
  );
}
