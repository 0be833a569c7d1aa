import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { idParams } from '../../platform/http/params';
import { type App, commandContext } from '../../platform/http/route-kit';
import { setSessionCookie } from '../accounts/session-cookie';
import { describeActor } from '../accounts/sessions';
import { acceptInvitation } from './accept-invitation';
import { getInvitationByToken } from './get-invitation-by-token';
import { invitePerson } from './invite-person';
import { listGrantable } from './list-grantable';
import { listInvitations } from './list-invitations';
import { deactivatePerson } from './deactivate-person';
import { getPerson } from './get-person';
import { grantRole } from './grant-role';
import { listPeople } from './list-people';
import { listStaff } from './list-staff';
import { acceptBody, invitationBody, invitationQuery, peopleQuery, reasonBody, roleChangeBody, tokenParams } from './people-fields';
import { reactivatePerson } from './reactivate-person';
import { resendInvitation } from './resend-invitation';
import { revokeInvitation } from './revoke-invitation';
import { revokeRole } from './revoke-role';

export async function peopleRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const tags = ['people'];
  const invitationOptions = { publicUrl: config.publicUrl, ttlDays: config.invitationTtlDays };
  // Token endpoints are limited like sign-in: a link cannot be guessed, and trying costs the same.
  const tokenRateLimit = { max: config.signInLimitPerMinute, timeWindow: '1 minute' };

  app.post(
    '/invitations',
    { schema: { tags, summary: 'Пригласить человека на роль', body: invitationBody }, config: { policy: 'people.grant' } },
    async (request, reply) => reply.status(201).send(await invitePerson(commandContext(request, handle), request.body, invitationOptions)),
  );

  app.get('/invitations', { schema: { tags, summary: 'Приглашения, которыми вы управляете', querystring: invitationQuery } }, async (request) =>
    listInvitations(commandContext(request, handle), request.query),
  );

  app.post(
    '/invitations/:id/resend',
    { schema: { tags, summary: 'Отправить приглашение повторно (новая ссылка и срок)', params: idParams }, config: { policy: 'people.grant' } },
    async (request) => resendInvitation(commandContext(request, handle), request.params.id, invitationOptions),
  );

  app.post(
    '/invitations/:id/revoke',
    { schema: { tags, summary: 'Отозвать приглашение', params: idParams }, config: { policy: 'people.grant' } },
    async (request) => revokeInvitation(commandContext(request, handle), request.params.id),
  );

  app.get(
    '/invitations/by-token/:token',
    { schema: { tags, summary: 'Приглашение по ссылке из письма', params: tokenParams }, config: { rateLimit: tokenRateLimit } },
    async (request) => ({ ...(await getInvitationByToken(commandContext(request, handle), request.params.token)), ssoEnabled: config.sso !== null }),
  );

  app.post(
    '/invitations/accept',
    { schema: { tags, summary: 'Принять приглашение', body: acceptBody }, config: { policy: 'public', rateLimit: tokenRateLimit } },
    async (request, reply) => {
      const accepted = await acceptInvitation(commandContext(request, handle), {
        ...request.body,
        userAgent: request.headers['user-agent'] ?? null,
        replacedSession: request.sessionToken,
      });
      if (accepted.session) setSessionCookie(reply, config, accepted.session.token);
      return { user: await describeActor(handle.db, accepted.actor), csrfToken: accepted.session?.csrfToken ?? request.csrfToken };
    },
  );

  app.get('/people', { schema: { tags, summary: 'Люди, которых вы видите: сотрудники ваших организаций и муниципалитета', querystring: peopleQuery } }, async (request) =>
    listPeople(commandContext(request, handle), request.query),
  );

  app.get('/people/grantable', { schema: { tags, summary: 'Какие роли и где вы можете давать' } }, async (request) => listGrantable(commandContext(request, handle)));

  app.get('/people/:id', { schema: { tags, summary: 'Карточка человека', params: idParams } }, async (request) => getPerson(commandContext(request, handle), request.params.id));

  app.post(
    '/people/:id/deactivate',
    { schema: { tags, summary: 'Отключить учётную запись (сеансы завершаются сразу)', params: idParams, body: reasonBody }, config: { policy: 'people.deactivate' } },
    async (request) => deactivatePerson(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/people/:id/reactivate',
    { schema: { tags, summary: 'Включить учётную запись снова', params: idParams, body: reasonBody }, config: { policy: 'people.reactivate' } },
    async (request) => reactivatePerson(commandContext(request, handle), request.params.id, request.body),
  );

  app.post(
    '/people/:id/roles',
    { schema: { tags, summary: 'Дать роль', params: idParams, body: roleChangeBody }, config: { policy: 'people.grant' } },
    async (request) => grantRole(commandContext(request, handle), request.params.id, { ...request.body, publicUrl: config.publicUrl }),
  );

  app.post(
    '/people/:id/roles/revoke',
    { schema: { tags, summary: 'Снять роль', params: idParams, body: roleChangeBody }, config: { policy: 'people.grant' } },
    async (request) => revokeRole(commandContext(request, handle), request.params.id, request.body),
  );

  app.get('/organizations/:id/staff', { schema: { tags, summary: 'Сотрудники организации и приглашения в неё', params: idParams } }, async (request) =>
    listStaff(commandContext(request, handle), request.params.id),
  );
}
