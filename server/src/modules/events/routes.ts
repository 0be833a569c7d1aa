import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { idempotencyHeaders } from '../enrolments/enrolment-fields';
import { cancelRegistration } from './cancel-registration';
import { cancelEvent, finishEvent, publishEvent } from './change-event-state';
import { createEvent } from './create-event';
import { approveRegistration, rejectRegistration } from './decide-registration';
import {
  eventCancellation,
  eventChanges,
  eventCreation,
  eventListQuery,
  eventVersion,
  groupCandidatesQuery,
  groupRegistrationRequest,
  registrationRejection,
  registrationRequest,
  registrationStep,
  speakerAssignment,
  speakerCandidatesQuery,
  speakerParams,
} from './event-fields';
import { getEvent } from './get-event';
import { listEventRegistrations } from './list-event-registrations';
import { listEvents } from './list-events';
import { listMyRegistrations } from './list-my-registrations';
import { registerForEvent } from './register-for-event';
import { listGroupCandidates, registerGroup } from './register-group';
import { updateEvent } from './update-event';
import { assignEventSpeaker } from './assign-event-speaker';
import { listSpeakerCandidates } from './list-speaker-candidates';
import { removeEventSpeaker } from './remove-event-speaker';

export async function eventRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['events'];

  app.get('/events', { schema: { tags, summary: 'Мероприятия: фильтры по датам, виду, аудитории, формату, сети, организации, муниципалитету', querystring: eventListQuery } }, async (request) =>
    listEvents(commandContext(request, handle), request.query),
  );

  app.get('/events/:id', { schema: { tags, summary: 'Мероприятие: программа, секции, места, свои записи (ссылка на трансляцию — записавшимся)', params: idParams } }, async (request) =>
    getEvent(commandContext(request, handle), request.params.id),
  );

  app.post('/events', { schema: { tags, summary: 'Создать мероприятие (черновик)', body: eventCreation }, config: { policy: 'events.create' } }, async (request, reply) =>
    reply.status(201).send(await createEvent(commandContext(request, handle), request.body)),
  );

  app.patch('/events/:id', { schema: { tags, summary: 'Изменить мероприятие', params: idParams, body: eventChanges }, config: { policy: 'events.manage' } }, async (request) => {
    const { version, ...changes } = request.body;
    return updateEvent(commandContext(request, handle), request.params.id, version, changes);
  });

  app.post('/events/:id/publish', { schema: { tags, summary: 'Опубликовать мероприятие', params: idParams, body: eventVersion }, config: { policy: 'events.manage' } }, async (request) =>
    publishEvent(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/events/:id/cancel',
    { schema: { tags, summary: 'Отменить мероприятие (все записавшиеся получат уведомление с причиной)', params: idParams, body: eventCancellation }, config: { policy: 'events.manage' } },
    async (request) => cancelEvent(commandContext(request, handle), request.params.id, request.body),
  );

  app.post('/events/:id/finish', { schema: { tags, summary: 'Отметить мероприятие состоявшимся', params: idParams, body: eventVersion }, config: { policy: 'events.manage' } }, async (request) =>
    finishEvent(commandContext(request, handle), request.params.id, request.body.version),
  );

  app.post(
    '/events/:id/registrations',
    {
      schema: { tags, summary: 'Записаться самому или записать ребёнка (место, лист ожидания или заявка на подтверждение)', params: idParams, headers: idempotencyHeaders, body: registrationRequest },
      config: { policy: 'events.register' },
    },
    async (request, reply) => {
      const outcome = await registerForEvent(commandContext(request, handle), request.params.id, request.body, request.headers['idempotency-key']);
      return reply.status(outcome.created ? 201 : 200).send(outcome.registration);
    },
  );

  app.post(
    '/events/:id/group-registrations',
    {
      schema: { tags, summary: 'Записать группу обучающихся школы (подтверждённые школой, с согласием родителей)', params: idParams, headers: idempotencyHeaders, body: groupRegistrationRequest },
      config: { policy: 'events.registerGroup' },
    },
    async (request, reply) => {
      const outcome = await registerGroup(commandContext(request, handle), request.params.id, request.body, request.headers['idempotency-key']);
      return reply.status(outcome.created ? 201 : 200).send({ items: outcome.registrations });
    },
  );

  app.get(
    '/events/:id/group-candidates',
    { schema: { tags, summary: 'Обучающиеся школы, которых можно записать группой', params: idParams, querystring: groupCandidatesQuery } },
    async (request) => listGroupCandidates(commandContext(request, handle), request.params.id, request.query.organizationId),
  );

  app.get('/events/:id/registrations', { schema: { tags, summary: 'Список участников, листа ожидания и заявок (для организаторов)', params: idParams } }, async (request) =>
    listEventRegistrations(commandContext(request, handle), request.params.id),
  );

  app.get('/me/event-registrations', { schema: { tags, summary: 'Мои записи на мероприятия и записи моих детей' } }, async (request) =>
    listMyRegistrations(commandContext(request, handle)),
  );

  app.post(
    '/event-registrations/:id/cancel',
    { schema: { tags, summary: 'Отменить свою запись (или запись ребёнка, группы своей школы)', params: idParams, body: registrationStep }, config: { policy: 'events.cancelRegistration' } },
    async (request) => cancelRegistration(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/event-registrations/:id/approve',
    { schema: { tags, summary: 'Подтвердить заявку (организатор)', params: idParams, body: registrationStep }, config: { policy: 'events.manage' } },
    async (request) => approveRegistration(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/event-registrations/:id/reject',
    { schema: { tags, summary: 'Отклонить заявку или снять участника (организатор, с причиной)', params: idParams, body: registrationRejection }, config: { policy: 'events.manage' } },
    async (request) => rejectRegistration(commandContext(request, handle), request.params.id, request.body),
  );

  app.get(
    '/events/:id/speaker-candidates',
    { schema: { tags, summary: 'Кого организатор может назначить спикером: сотрудники организаторов, поиск по фамилии', params: idParams, querystring: speakerCandidatesQuery } },
    async (request) => listSpeakerCandidates(commandContext(request, handle), request.params.id, request.query.q),
  );

  app.post(
    '/events/:id/speakers',
    { schema: { tags, summary: 'Назначить спикера секции: человека с учётной записью (получит сертификат спикера) или гостя по имени', params: idParams, body: speakerAssignment }, config: { policy: 'events.manage' } },
    async (request, reply) => reply.status(201).send(await assignEventSpeaker(commandContext(request, handle), request.params.id, request.body)),
  );

  app.delete(
    '/events/:id/speakers/:speakerId',
    { schema: { tags, summary: 'Убрать спикера из программы', params: speakerParams }, config: { policy: 'events.manage' } },
    async (request) => removeEventSpeaker(commandContext(request, handle), request.params.id, request.params.speakerId),
  );
}
