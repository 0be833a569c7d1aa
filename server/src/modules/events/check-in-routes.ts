import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { instant } from '../../platform/fields';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { Problem, conflict, notFound } from '../../platform/problem';
import { checkIn } from './check-in';
import { markAttendance } from './check-in-attendance';
import { getCheckInRoster } from './check-in-roster';
import { getCheckInTicket } from './check-in-ticket';

const scan = z.object({
  code: z.string({ error: 'Укажите код' }).trim().min(1, { error: 'Укажите код' }).max(300, { error: 'Код — не длиннее 300 знаков' }),
  scannedAt: instant('Время отметки').optional(),
});
const scanBatch = z.object({ scans: z.array(scan, { error: 'Укажите отметки' }).min(1, { error: 'Укажите хотя бы одну отметку' }).max(500, { error: 'Не больше 500 отметок за раз' }) });
const attendanceMark = z.object({ registrationId: z.uuid({ error: 'Неверный идентификатор регистрации' }), present: z.boolean({ error: 'Укажите, присутствовал ли участник' }) });

/** Check-in at the door (by code, one or a phone's queue), attendance by list, the door's roster, a registration's QR. */
export async function checkInRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['events'];

  app.post(
    '/events/:id/check-in',
    { schema: { tags, summary: 'Отметить участника по коду (с QR или набранному): повтор не отмечает второй раз', params: idParams, body: scan }, config: { policy: 'events.checkIn' } },
    async (request) => {
      const [outcome] = await checkIn(commandContext(request, handle), request.params.id, [request.body]);
      if (outcome.outcome === 'unknown') throw outcome.otherEvent ? new Problem(404, 'Не найдено', 'Это QR-код другого мероприятия.') : notFound('Регистрация с таким кодом');
      if (outcome.outcome === 'not_registered') throw conflict(notLetIn[outcome.state] ?? notLetIn.cancelled);
      if (outcome.outcome === 'already') {
        const detail = outcome.byYou ? 'Участник уже отмечен вами.' : 'Участник уже отмечен на входе.';
        throw new Problem(409, 'Уже отмечен', detail, { checkedInAt: outcome.checkedInAt, registrationId: outcome.registrationId, name: outcome.name });
      }
      return outcome;
    },
  );

  app.post(
    '/events/:id/check-in/batch',
    {
      schema: { tags, summary: 'Отметки, накопленные телефоном без сети: первая дошедшая отметка побеждает, остальные получают время первой', params: idParams, body: scanBatch },
      config: { policy: 'events.checkIn' },
    },
    async (request) => ({ outcomes: await checkIn(commandContext(request, handle), request.params.id, request.body.scans) }),
  );

  app.post(
    '/events/:id/attendance',
    { schema: { tags, summary: 'Отметить присутствие по списку или снять ошибочную отметку', params: idParams, body: attendanceMark }, config: { policy: 'events.markAttendance' } },
    async (request) => markAttendance(commandContext(request, handle), request.params.id, request.body),
  );

  app.get('/events/:id/check-in/roster', { schema: { tags, summary: 'Список для входа: регистрации с кодами (для работы без сети)', params: idParams } }, async (request) =>
    getCheckInRoster(commandContext(request, handle), request.params.id),
  );

  app.get('/event-registrations/:id/ticket', { schema: { tags, summary: 'Билет регистрации: код и QR-код (SVG)', params: idParams } }, async (request) =>
    getCheckInTicket(commandContext(request, handle), request.params.id),
  );
}

/** Why a code of a registration that is not in force does not let its holder in. */
const notLetIn: Record<string, string> = {
  pending: 'Регистрация ещё ждёт подтверждения организатора: отметить нельзя.',
  waitlisted: 'Участник в листе ожидания, места у него нет: отметить нельзя.',
  cancelled: 'Регистрация отменена: отметить нельзя.',
  rejected: 'Регистрация отклонена организатором: отметить нельзя.',
};
