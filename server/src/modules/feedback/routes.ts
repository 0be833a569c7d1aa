import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { eventFeedbackAnswer } from './feedback-fields';
import { getEventFeedback } from './get-event-feedback';
import { submitEventFeedback } from './submit-event-feedback';

export async function feedbackRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['feedback'];

  app.get('/events/:id/feedback', { schema: { tags, summary: 'Опрос после мероприятия: свои ответы, а организаторам — итоги', params: idParams } }, async (request) =>
    getEventFeedback(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/events/:id/feedback',
    { schema: { tags, summary: 'Ответить на опрос после мероприятия (оценка 1–5 и комментарий)', params: idParams, body: eventFeedbackAnswer }, config: { policy: 'feedback.submit' } },
    async (request, reply) => reply.status(201).send(await submitEventFeedback(commandContext(request, handle), request.params.id, request.body)),
  );
}
