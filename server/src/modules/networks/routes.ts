import { z } from 'zod';
import { MAX_PATH_STEPS } from '../../algorithms/launch-path';
import { recordVersion, wholeNumber } from '../../platform/fields';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { languageOf, translateText } from '../../platform/i18n/language';
import { idParams } from '../../platform/http/params';
import { answerMembership, leaveNetwork } from './answer-membership';
import { createNetwork } from './create-network';
import { getNetwork } from './get-network';
import { listNetworks } from './list-networks';
import { memberProposal, networkChanges, networkFields } from './network-fields';
import { proposeMembership } from './propose-membership';
import { getLaunchPath } from './get-launch-path';
import { adaptLaunchPath, launchNetwork, markLaunchStep } from './mark-launch-step';
import { networkKinds } from './schema';
import { updateNetwork } from './update-network';


/** A step's key: a catalogue step or a custom one (`custom-…`). */
const launchStepKey = z.string({ error: 'Неизвестный шаг' }).regex(/^(?:[a-z_]{1,40}|custom-[0-9a-f]{8})$/, { error: 'Неизвестный шаг' });

export async function networkRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['networks'];

  app.get(
    '/networks',
    {
      schema: {
        tags,
        summary: 'Сети, видимые пользователю',
        querystring: z.object({
          kind: z.enum(networkKinds, { error: 'Неизвестный вид сети' }).optional(),
          municipalityId: z.uuid({ error: 'Неверный муниципалитет' }).optional(),
          organizationId: z.uuid({ error: 'Неверная организация' }).optional(),
          q: z.string().trim().max(200).optional(),
        }),
      },
    },
    async (request) => listNetworks(commandContext(request, handle), request.query),
  );

  app.post('/networks', { schema: { tags, summary: 'Создать сеть', body: networkFields }, config: { policy: 'networks.create' } }, async (request, reply) =>
    reply.status(201).send(await createNetwork(commandContext(request, handle), request.body)),
  );

  app.get('/networks/:id', { schema: { tags, summary: 'Страница сети', params: idParams } }, async (request) => getNetwork(commandContext(request, handle), request.params.id));

  app.patch(
    '/networks/:id',
    { schema: { tags, summary: 'Изменить описание сети', params: idParams, body: networkChanges.extend({ version: recordVersion('Укажите версию') }) }, config: { policy: 'networks.manage' } },
    async (request) => {
      const { version, ...changes } = request.body;
      return updateNetwork(commandContext(request, handle), request.params.id, version, changes);
    },
  );

  app.post(
    '/networks/:id/invitations',
    { schema: { tags, summary: 'Пригласить организацию в сеть', params: idParams, body: memberProposal }, config: { policy: 'networks.manage' } },
    async (request, reply) => reply.status(201).send(await proposeMembership(commandContext(request, handle), request.params.id, request.body, 'invitation')),
  );

  app.post(
    '/networks/:id/requests',
    { schema: { tags, summary: 'Подать заявку на вступление', params: idParams, body: memberProposal }, config: { policy: 'networks.actForOrganization' } },
    async (request, reply) => reply.status(201).send(await proposeMembership(commandContext(request, handle), request.params.id, request.body, 'request')),
  );

  app.post(
    '/network-members/:id/accept',
    { schema: { tags, summary: 'Принять приглашение или одобрить заявку', params: idParams }, config: { policy: 'networks.answer' } },
    async (request) => answerMembership(commandContext(request, handle), request.params.id, 'accept'),
  );

  app.post(
    '/network-members/:id/decline',
    { schema: { tags, summary: 'Отклонить приглашение или заявку', params: idParams }, config: { policy: 'networks.answer' } },
    async (request) => answerMembership(commandContext(request, handle), request.params.id, 'decline'),
  );

  app.post(
    '/network-members/:id/leave',
    { schema: { tags, summary: 'Выйти из сети или исключить участника', params: idParams }, config: { policy: 'networks.leave' } },
    async (request) => leaveNetwork(commandContext(request, handle), request.params.id),
  );

  /** The launch path's status lines in the request's language; a coordinator's own note has no entry and stays as written. */
  const launchPathIn = <T extends { steps: { detail: string }[] }>(request: { headers: { 'accept-language'?: string } }, path: T): T =>
    languageOf(request) === 'en' ? { ...path, steps: path.steps.map((s) => ({ ...s, detail: translateText(s.detail) })) } : path;

  app.get('/networks/:id/launch-path', { schema: { tags, summary: 'Путь запуска сети', params: idParams } }, async (request) =>
    launchPathIn(request, await getLaunchPath(commandContext(request, handle), request.params.id)),
  );

  app.put(
    '/networks/:id/launch-path/:step',
    {
      schema: {
        tags,
        summary: 'Отметить шаг пути запуска, который не подтверждается данными',
        params: idParams.extend({ step: launchStepKey }),
        body: z.object({ done: z.boolean({ error: 'Укажите, выполнен ли шаг' }), note: z.string().trim().max(1000, { error: 'Не длиннее 1000 символов' }).optional() }),
      },
      config: { policy: 'networks.manage' },
    },
    async (request) => launchPathIn(request, await markLaunchStep(commandContext(request, handle), request.params.id, request.params.step, request.body)),
  );

  app.put(
    '/networks/:id/launch-path',
    {
      schema: {
        tags,
        summary: 'Изменить путь запуска сети: добавить, убрать, переставить шаги',
        params: idParams,
        body: z.object({
          revision: wholeNumber('Версия пути'),
          steps: z
            .array(
              z.object({
                key: launchStepKey.optional(),
                title: z.string().trim().min(1, { error: 'Назовите шаг' }).max(200, { error: 'Не длиннее 200 символов' }).optional(),
              }),
              { error: 'Перечислите шаги пути' },
            )
            .min(1, { error: 'Оставьте в пути хотя бы один шаг' })
            .max(MAX_PATH_STEPS, { error: `Не больше ${MAX_PATH_STEPS} шагов` }),
          reason: z.string().trim().max(1000, { error: 'Не длиннее 1000 символов' }).optional(),
        }),
      },
      config: { policy: 'networks.manage' },
    },
    async (request) => launchPathIn(request, await adaptLaunchPath(commandContext(request, handle), request.params.id, request.body)),
  );

  app.post('/networks/:id/launch', { schema: { tags, summary: 'Запустить сеть', params: idParams }, config: { policy: 'networks.manage' } }, async (request) =>
    launchPathIn(request, await launchNetwork(commandContext(request, handle), request.params.id)),
  );
}
