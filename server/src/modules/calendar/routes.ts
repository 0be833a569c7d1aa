import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { calendarDate } from '../../platform/fields';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams } from '../../platform/http/params';
import { eventAudiences, eventKinds } from '../events/schema';
import { getCalendarFeedStatus } from './calendar-feed-status';
import { createCalendarFeed } from './create-calendar-feed';
import { CALENDAR_MAX_PER_DAY, listCalendarEvents } from './list-calendar-events';
import { renderNetworkFeed } from './network-feed';
import { renderPersonalFeed } from './personal-feed';
import { revokeCalendarFeed } from './revoke-calendar-feed';

/** `kind=seminar,master_class`: a comma-separated list of known values, each checked. */
const commaList = <T extends readonly [string, ...string[]]>(values: T, error: string) =>
  z
    .string()
    .max(500)
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error })).max(values.length));

/** Unknown parameters are refused, not ignored: a misspelt filter must not quietly show the whole region. */
const calendarQuery = z.strictObject({
  from: calendarDate('Начало периода'),
  to: calendarDate('Конец периода'),
  kind: commaList(eventKinds, 'Неизвестный вид мероприятия').optional(),
  audience: commaList(eventAudiences, 'Неизвестная аудитория').optional(),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).optional(),
  organizationId: z.uuid({ error: 'Неверный идентификатор организации' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  format: z.enum(['online', 'in_person'], { error: 'Формат: online или in_person' }).optional(),
  perDay: z.coerce
    .number({ error: 'Событий в день — число' })
    .int({ error: 'Событий в день — целое число' })
    .min(1, { error: 'Событий в день — не меньше 1' })
    .max(CALENDAR_MAX_PER_DAY, { error: `Событий в день — не больше ${CALENDAR_MAX_PER_DAY}` })
    .optional(),
});

/** 256 bits in base64url (platform/secret-tokens), then `.ics`. */
const feedParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, { error: 'Неверная ссылка на календарь' }) });

const ICS = 'text/calendar; charset=utf-8';

export async function calendarRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['calendar'];

  app.get('/calendar', { schema: { tags, summary: 'Календарь мероприятий региона, сети или организации за период до 62 дней: дни с числом мероприятий и первыми perDay из них', querystring: calendarQuery } }, async (request) => {
    const { kind, audience, ...filter } = request.query;
    return listCalendarEvents(commandContext(request, handle), { ...filter, kinds: kind, audiences: audience });
  });

  app.get('/calendar/feed', { schema: { tags, summary: 'Есть ли у пользователя действующая ссылка на личный календарь (ICS)' } }, async (request) =>
    getCalendarFeedStatus(commandContext(request, handle)),
  );

  app.post('/calendar/feed', { schema: { tags, summary: 'Новая секретная ссылка на личный календарь (прежняя перестаёт работать); показывается один раз' }, config: { policy: 'calendar.manageOwnFeed' } }, async (request, reply) =>
    reply.status(201).send(await createCalendarFeed(commandContext(request, handle))),
  );

  app.delete('/calendar/feed', { schema: { tags, summary: 'Отключить ссылку на личный календарь' }, config: { policy: 'calendar.manageOwnFeed' } }, async (request) =>
    revokeCalendarFeed(commandContext(request, handle)),
  );

  app.get('/calendar/feeds/:file', { schema: { tags, summary: 'Личный календарь по секретной ссылке (ICS); 410 — ссылка отключена', params: feedParams } }, async (request, reply) => {
    const body = await renderPersonalFeed(handle.db, request.params.file.slice(0, -'.ics'.length));
    return reply.type(ICS).header('cache-control', 'private, max-age=300').header('x-robots-tag', 'noindex').send(body);
  });

  app.get('/calendar/networks/:id/events.ics', { schema: { tags, summary: 'Открытый календарь мероприятий сети (ICS)', params: idParams } }, async (request, reply) => {
    const body = await renderNetworkFeed(handle.db, request.params.id);
    return reply.type(ICS).header('cache-control', 'public, max-age=900').send(body);
  });
}
