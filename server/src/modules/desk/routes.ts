import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { countDeskItems, listDeskItems } from './list-desk-items';

export async function deskRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['desk'];

  app.get('/desk', { schema: { tags, summary: 'Мой кабинет: что ждёт ответа пользователя, по видам, с числом и ссылками' } }, async (request) =>
    listDeskItems(commandContext(request, handle)),
  );

  app.get('/desk/counts', { schema: { tags, summary: 'Сколько дел ждёт пользователя, всего и по видам (для меню)' } }, async (request) =>
    countDeskItems(commandContext(request, handle)),
  );
}
