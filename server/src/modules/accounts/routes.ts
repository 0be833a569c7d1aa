import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { notSignedIn } from '../../platform/problem';
import { changePassword } from './change-password';
import { passwordField } from './passwords';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { describeActor } from './sessions';
import { signIn } from './sign-in';
import { SignInThrottle } from './sign-in-throttle';
import { signOut } from './sign-out';
import { ssoRoutes } from './sso-routes';

export async function accountRoutes(app: App, handle: DatabaseHandle, config: Config) {
  await ssoRoutes(app, handle, config);
  const throttle = new SignInThrottle();

  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Вход по почте и паролю',
        body: z.object({ email: z.string().trim().min(3, { error: 'Введите адрес почты' }).max(200, { error: 'Адрес — не длиннее 200 символов' }), password: passwordField('Введите пароль') }),
      },
      config: { policy: 'public', rateLimit: { max: config.signInLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await signIn(commandContext(request, handle), throttle, { ...request.body, userAgent: request.headers['user-agent'] ?? null, publicUrl: config.publicUrl });
      setSessionCookie(reply, config, result.token);
      return { user: await describeActor(handle.db, result.actor), csrfToken: result.csrfToken };
    },
  );

  app.post('/auth/sign-out', { schema: { tags: ['accounts'], summary: 'Выход' }, config: { policy: 'signed-in' } }, async (request, reply) => {
    if (!request.sessionToken) throw notSignedIn();
    await signOut(commandContext(request, handle), request.sessionToken);
    clearSessionCookie(reply, config);
    return reply.status(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['accounts'], summary: 'Текущий пользователь' } }, async (request) => ({
    user: request.actor ? await describeActor(handle.db, request.actor) : null,
    csrfToken: request.csrfToken,
  }));

  app.post(
    '/auth/change-password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Смена пароля',
        body: z.object({ currentPassword: passwordField('Введите текущий пароль'), newPassword: passwordField('Введите новый пароль') }),
      },
      // The current password is checked here too: guesses are limited per person, as on the e-mail change.
      config: { policy: 'signed-in', rateLimit: { max: config.signInLimitPerMinute, timeWindow: '1 minute', keyGenerator: (request) => request.actor?.userId ?? request.ip } },
    },
    async (request, reply) => {
      await changePassword(commandContext(request, handle), { ...request.body, currentSessionToken: request.sessionToken });
      return reply.status(204).send();
    },
  );
}
