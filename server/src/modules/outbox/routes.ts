import { z } from 'zod';
import { INT4_MAX, pageQuery } from '../../platform/fields';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { getOutboxMessage } from './get-outbox-message';
import { listOutboxMessages } from './list-outbox-messages';
import { outboxStates } from './outbox-state';
import { retryOutboxMessage } from './retry-outbox-message';

const outboxQuery = z.object({
  state: z.enum(outboxStates, { error: 'Состояние: waiting, sent или failed' }).optional(),
  q: z.string().trim().max(200, { error: 'Не больше 200 знаков' }).optional(),
  ...pageQuery(100),
});
const messageParams = z.object({
  id: z.coerce.number({ error: 'Неверный номер письма' }).int({ error: 'Неверный номер письма' }).positive({ error: 'Неверный номер письма' }).max(INT4_MAX, { error: 'Неверный номер письма' }),
});

export async function outboxRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const tags = ['outbox'];
  app.get('/outbox', { schema: { tags, summary: 'Исходящие письма (оператор): по состоянию и поиску по адресу или теме', querystring: outboxQuery } }, async (request) => ({
    ...(await listOutboxMessages(commandContext(request, handle), request.query)),
    smtpConfigured: config.smtpUrl !== null,
  }));

  app.get('/outbox/:id', { schema: { tags, summary: 'Исходящее письмо целиком: текст и HTML (оператор; чтение записывается в журнал)', params: messageParams } }, async (request) =>
    getOutboxMessage(commandContext(request, handle), request.params.id),
  );

  app.post(
    '/outbox/:id/retry',
    { schema: { tags, summary: 'Отправить неотправленное письмо ещё раз (оператор)', params: messageParams }, config: { policy: 'outbox.retry' } },
    async (request) => retryOutboxMessage(commandContext(request, handle), request.params.id),
  );
}
