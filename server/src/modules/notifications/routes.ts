import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { listNotifications } from './list-notifications';
import { readAllNotifications } from './read-all-notifications';
import { readNotification } from './read-notification';

export async function notificationsRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['notifications'];

  app.get('/notifications', { schema: { tags, summary: 'Последние уведомления пользователя и число непрочитанных' } }, async (request) =>
    listNotifications(commandContext(request, handle)),
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Отметить уведомление прочитанным', params: idParams }, config: { policy: 'notifications.read' } },
    async (request) => readNotification(commandContext(request, handle), request.params.id),
  );

  app.post('/notifications/read-all', { schema: { tags, summary: 'Отметить все уведомления прочитанными' }, config: { policy: 'notifications.readAll' } }, async (request) =>
    readAllNotifications(commandContext(request, handle)),
  );
}
