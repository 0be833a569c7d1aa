import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../platform/config';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { checkAccountLink } from './check-account-link';
import { confirmEmailChange } from './confirm-email-change';
import { confirmPasswordReset } from './confirm-password-reset';
import { confirmRegistration } from './confirm-registration';
import { deleteOwnAccount, describeAccountDeletion } from './delete-own-account';
import { exportOwnData } from './export-own-data';
import { getProfile } from './get-profile';
import { listSessions } from './list-sessions';
import { passwordField } from './passwords';
import { requestEmailChange } from './request-email-change';
import { requestPasswordReset } from './request-password-reset';
import { requestRegistration } from './request-registration';
import { revokeOtherSessions } from './revoke-other-sessions';
import { revokeSession } from './revoke-session';
import { mailPreferences } from './schema';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { describeActor } from './sessions';
import { updatePreferences } from './update-preferences';

const tags = ['accounts'];
const email = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(200, { error: 'Адрес — не длиннее 200 символов' })
    .pipe(z.email({ error: 'Введите адрес почты, например ivanova@mail.ru' }));
const linkToken = z.string({ error: 'Нет ключа ссылки' }).min(16, { error: 'Ссылка неполная: скопируйте её из письма целиком' }).max(200);
const newPassword = passwordField('Придумайте пароль');

/** The same answer whether or not the address has an account. */
const RESET_ACCEPTED = { message: 'Если с этим адресом есть учётная запись, на него отправлена ссылка для смены пароля. Ссылка действует 1 час.' };
const REGISTRATION_ACCEPTED = { message: 'Проверьте почту: на этот адрес отправлено письмо. Чтобы завершить регистрацию, откройте ссылку из него (она действует 24 часа).' };
const EMAIL_CHANGE_ACCEPTED = { message: 'На новый адрес отправлена ссылка для подтверждения (действует 24 часа). Адрес сменится, когда вы её откроете.' };

/**
 * A person's own account: registration, forgotten password, change of address, sessions, mail preference and
 * data export. The links from letters work without signing in, so their routes are public and rate-limited per
 * address.
 */
export async function selfServiceRoutes(app: App, handle: DatabaseHandle, config: Config) {
  const perAddress = { max: config.signInLimitPerMinute, timeWindow: '1 minute' };
  // Behind a session the limit is the person's, so colleagues behind one school address do not share it.
  const perPerson = { ...perAddress, keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip };
  const userAgent = (request: FastifyRequest) => request.headers['user-agent'] ?? null;

  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Регистрация родителя (законного представителя): ссылка на почту (ответ одинаков для любого адреса)',
        body: z.object({
          email: email('Введите адрес почты'),
          fullName: z.string({ error: 'Укажите фамилию, имя и отчество' }).trim().min(2, { error: 'Укажите фамилию, имя и отчество' }).max(200, { error: 'Не длиннее 200 символов' }),
        }),
      },
      config: { policy: 'public', rateLimit: perAddress },
    },
    async (request, reply) => {
      await requestRegistration(commandContext(request, handle), { ...request.body, publicUrl: config.publicUrl });
      return reply.status(202).send(REGISTRATION_ACCEPTED);
    },
  );

  app.get(
    '/auth/register/:token',
    { schema: { tags, summary: 'Действует ли ссылка регистрации, и на какой адрес и имя', params: z.object({ token: linkToken }) }, config: { rateLimit: perAddress } },
    async (request) => checkAccountLink(commandContext(request, handle), 'registration', request.params.token),
  );

  app.post(
    '/auth/register/confirm',
    {
      schema: { tags, summary: 'Завершить регистрацию по ссылке из письма: учётная запись родителя и вход', body: z.object({ token: linkToken, password: newPassword }) },
      config: { policy: 'public', rateLimit: perAddress },
    },
    async (request, reply) => {
      const result = await confirmRegistration(commandContext(request, handle), { ...request.body, userAgent: userAgent(request) });
      setSessionCookie(reply, config, result.token);
      return reply.status(201).send({ user: await describeActor(handle.db, result.actor), csrfToken: result.csrfToken });
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: { tags, summary: 'Забыли пароль: ссылка для смены на почту (ответ одинаков для любого адреса)', body: z.object({ email: email('Введите адрес почты') }) },
      config: { policy: 'public', rateLimit: perAddress },
    },
    async (request, reply) => {
      await requestPasswordReset(commandContext(request, handle), { email: request.body.email, publicUrl: config.publicUrl });
      return reply.status(202).send(RESET_ACCEPTED);
    },
  );

  app.get(
    '/auth/password-reset/:token',
    { schema: { tags, summary: 'Действует ли ссылка для смены пароля', params: z.object({ token: linkToken }) }, config: { rateLimit: perAddress } },
    async (request) => checkAccountLink(commandContext(request, handle), 'password_reset', request.params.token),
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      schema: { tags, summary: 'Новый пароль по ссылке из письма: все сеансы завершаются, открывается новый', body: z.object({ token: linkToken, newPassword }) },
      config: { policy: 'public', rateLimit: perAddress },
    },
    async (request, reply) => {
      const result = await confirmPasswordReset(commandContext(request, handle), { ...request.body, userAgent: userAgent(request) });
      setSessionCookie(reply, config, result.token);
      return { user: await describeActor(handle.db, result.actor), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/email-change',
    {
      schema: {
        tags,
        summary: 'Смена адреса почты: ссылка для подтверждения на новый адрес',
        body: z.object({ newEmail: email('Введите новый адрес'), currentPassword: passwordField('Введите текущий пароль') }),
      },
      config: { policy: 'signed-in', rateLimit: perPerson },
    },
    async (request, reply) => {
      await requestEmailChange(commandContext(request, handle), { ...request.body, publicUrl: config.publicUrl });
      return reply.status(202).send(EMAIL_CHANGE_ACCEPTED);
    },
  );

  app.get(
    '/auth/email-change/:token',
    { schema: { tags, summary: 'Действует ли ссылка подтверждения адреса, и какой адрес она подтверждает', params: z.object({ token: linkToken }) }, config: { rateLimit: perAddress } },
    async (request) => checkAccountLink(commandContext(request, handle), 'email_change', request.params.token),
  );

  app.post(
    '/auth/email-change/confirm',
    { schema: { tags, summary: 'Подтвердить новый адрес по ссылке из письма', body: z.object({ token: linkToken }) }, config: { policy: 'public', rateLimit: perAddress } },
    async (request) => confirmEmailChange(commandContext(request, handle), request.body),
  );

  app.get('/auth/profile', { schema: { tags, summary: 'Мой профиль: учётная запись, роли, ожидающая смена адреса' } }, async (request) =>
    getProfile(commandContext(request, handle)),
  );

  app.patch(
    '/auth/preferences',
    {
      schema: {
        tags,
        summary: 'Уведомления на почту: сразу, дайджест раз в день или не присылать',
        body: z.object({ mailPreference: z.enum(mailPreferences, { error: 'Выберите: сразу, раз в день или не присылать' }) }),
      },
      config: { policy: 'signed-in' },
    },
    async (request) => updatePreferences(commandContext(request, handle), request.body),
  );

  app.get('/auth/sessions', { schema: { tags, summary: 'Мои сеансы: где и когда выполнен вход' } }, async (request) =>
    listSessions(commandContext(request, handle), request.sessionToken),
  );

  app.post(
    '/auth/sessions/:id/revoke',
    {
      schema: { tags, summary: 'Завершить один из своих сеансов', params: z.object({ id: z.string().min(1).max(64) }) },
      config: { policy: 'signed-in' },
    },
    async (request, reply) => {
      const { current } = await revokeSession(commandContext(request, handle), { id: request.params.id, currentSessionToken: request.sessionToken });
      if (current) clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/sessions/revoke-others',
    { schema: { tags, summary: 'Выйти на всех других устройствах' }, config: { policy: 'signed-in' } },
    async (request) => revokeOtherSessions(commandContext(request, handle), request.sessionToken),
  );

  app.get('/auth/account/deletion', { schema: { tags, summary: 'Что удалится вместе с моей учётной записью и что мешает её удалить' } }, async (request) =>
    describeAccountDeletion(commandContext(request, handle)),
  );

  app.delete(
    '/auth/account',
    {
      schema: {
        tags,
        summary: 'Удалить мою учётную запись: с паролем (без пароля — вскоре после входа); дети родителя удаляются вместе с ней',
        body: z.object({ password: passwordField('Введите пароль').optional() }),
      },
      config: { policy: 'signed-in', rateLimit: perPerson },
    },
    async (request, reply) => {
      await deleteOwnAccount(commandContext(request, handle), { password: request.body.password, currentSessionToken: request.sessionToken });
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  app.get('/auth/me/export', { schema: { tags, summary: 'Мои данные: всё, что платформа хранит обо мне (JSON)' } }, async (request, reply) => {
    const data = await exportOwnData(commandContext(request, handle));
    reply.header('content-disposition', `attachment; filename="orbita-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    return data;
  });
}
