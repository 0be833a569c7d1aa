import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { instant, pageQuery } from '../../platform/fields';
import { type App, commandContext } from '../../platform/http/route-kit';
import { auditChainStatus, checkIntegrity } from './check-integrity';
import { listAuditActors, listAuditEntries } from './list-audit-entries';

const auditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorId: z.uuid({ error: 'Неверный идентификатор пользователя' }).optional(),
  from: instant('Начало периода').transform((at) => new Date(at)).optional(),
  to: instant('Конец периода').transform((at) => new Date(at)).optional(),
  ...pageQuery(200),
});

export async function auditRoutes(app: App, handle: DatabaseHandle, config: Pick<Config, 'dataDir'>) {
  app.get('/audit', { schema: { tags: ['audit'], summary: 'Журнал аудита (оператор)', querystring: auditQuery } }, async (request) =>
    listAuditEntries(commandContext(request, handle), request.query),
  );
  app.get('/audit/actors', { schema: { tags: ['audit'], summary: 'Кто встречается в журнале аудита: варианты фильтра (оператор)' } }, async (request) =>
    listAuditActors(commandContext(request, handle)),
  );
  app.get('/audit/chain', { schema: { tags: ['audit'], summary: 'Вершина цепочки журнала аудита и последняя опубликованная (оператор)' } }, async (request) =>
    auditChainStatus(commandContext(request, handle), config.dataDir),
  );
  app.post('/audit/verify', { schema: { tags: ['audit'], summary: 'Проверить журнал аудита и подписи документов (оператор)' }, config: { policy: 'audit.verify' } }, async (request) =>
    checkIntegrity(commandContext(request, handle), config.dataDir),
  );
}
