import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { finishSsoSignIn } from './finish-sso-sign-in';
import { setSessionCookie } from './session-cookie';
import { SSO_ATTEMPT_TTL_MS, SsoFailure } from './sso-provider';
import { startSsoSignIn } from './start-sso-sign-in';

/** Holds the state between the start and the callback, so an answer opened in another browser is refused. */
const SSO_STATE_COOKIE = 'orbita_sso_state';
/** Holds an invitation link's token while its SSO sign-in is away at the provider: the server keeps only its hash. */
const SSO_INVITATION_COOKIE = 'orbita_sso_invitation';

/** Single sign-on through the region's OpenID Connect provider; every outcome ends in a redirect the browser follows. */
export async function ssoRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const settings = config.sso;
  const rateLimit = { max: config.signInLimitPerMinute, timeWindow: '1 minute' };
  const stateCookieOptions = { path: '/api/auth/sso', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const refused = (reply: FastifyReply, error: unknown) => {
    if (error instanceof SsoFailure) return reply.redirect(`/sign-in?sso=${error.code}`);
    throw error;
  };

  app.get(
    '/auth/sso',
    { schema: { tags: ['accounts'], summary: 'Включён ли единый вход (SSO) и как он называется' } },
    async () => ({ enabled: settings !== null, name: settings?.name ?? null }),
  );

  app.get(
    '/auth/sso/start',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Начать вход через SSO: перенаправление к поставщику входа',
        querystring: z.object({ next: z.string().max(500).optional(), invitation: z.string().max(200).optional() }),
      },
      config: { policy: 'public', rateLimit },
    },
    async (request, reply) => {
      if (!settings) return reply.redirect('/sign-in?sso=unavailable');
      try {
        const { authorizationUrl, state } = await startSsoSignIn(commandContext(request, handle), {
          settings,
          publicUrl: config.publicUrl,
          next: request.query.next ?? null,
          invitationToken: request.query.invitation ?? null,
        });
        const attemptCookie = { ...stateCookieOptions, maxAge: SSO_ATTEMPT_TTL_MS / 1000 };
        reply.setCookie(SSO_STATE_COOKIE, state, attemptCookie);
        if (request.query.invitation) reply.setCookie(SSO_INVITATION_COOKIE, request.query.invitation, attemptCookie);
        else reply.clearCookie(SSO_INVITATION_COOKIE, stateCookieOptions);
        return reply.redirect(authorizationUrl);
      } catch (error) {
        return refused(reply, error);
      }
    },
  );

  app.get(
    '/auth/sso/callback',
    { schema: { tags: ['accounts'], summary: 'Возврат от поставщика входа: проверка и вход' }, config: { policy: 'public', rateLimit } },
    async (request, reply) => {
      if (!settings) return reply.redirect('/sign-in?sso=unavailable');
      reply.clearCookie(SSO_STATE_COOKIE, stateCookieOptions);
      reply.clearCookie(SSO_INVITATION_COOKIE, stateCookieOptions);
      try {
        const result = await finishSsoSignIn(commandContext(request, handle), {
          settings,
          publicUrl: config.publicUrl,
          query: request.url.split('?')[1] ?? '',
          browserState: request.cookies[SSO_STATE_COOKIE] ?? null,
          invitationToken: request.cookies[SSO_INVITATION_COOKIE] ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          replacedSession: request.sessionToken,
        });
        if (result.session) setSessionCookie(reply, config, result.session.token);
        return reply.redirect(result.returnTo);
      } catch (error) {
        return refused(reply, error);
      }
    },
  );
}
