import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { listAuditEntries } from './list-audit-entries';

const auditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorId: z.uuid({ error: 'Неверный идентификатор пользователя' }).optional(),
  from: z.coerce.date({ error: 'Дата «с» в формате ГГГГ-ММ-ДД' }).optional(),
  to: z.coerce.date({ error: 'Дата «по» в формате ГГГГ-ММ-ДД' }).optional(),
  page: z.coerce.number().int().min(1, { error: 'Страницы нумеруются с 1' }).optional(),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Не больше 200 на странице' }).optional(),
});

export async function auditRoutes(app: App, handle: DatabaseHandle) {
  app.get('/audit', { schema: { tags: ['audit'], summary: 'Журнал аудита (оператор)', querystring: auditQuery } }, async (request) =>
    listAuditEntries(commandContext(request, handle), request.query),
  );
}
