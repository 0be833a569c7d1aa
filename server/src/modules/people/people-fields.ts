import { z } from 'zod';
import { pageQuery } from '../../platform/fields';
import { passwordField } from '../accounts/passwords';
import { invitationStates } from './present-invitation';
import { roles } from './roles';

const optionalId = (message: string) => z.uuid({ error: message }).nullish();

/** A role and its place, as the invitation form and the role forms send them. */
const roleFields = {
  role: z.enum(roles, { error: 'Выберите роль' }),
  organizationId: optionalId('Выберите организацию из списка'),
  municipalityId: optionalId('Выберите муниципалитет из списка'),
};

/** Why an account or a role changed: the audit log keeps it. */
const reason = z.string({ error: 'Укажите причину' }).trim().min(3, { error: 'Укажите причину — хотя бы несколько слов' }).max(500, { error: 'Не длиннее 500 символов' });

export const invitationBody = z.object({
  email: z
    .string({ error: 'Введите адрес почты' })
    .trim()
    .max(200, { error: 'Адрес — не длиннее 200 символов' })
    .pipe(z.email({ error: 'Введите адрес почты, например ivanova@mail.ru' })),
  fullName: z.string({ error: 'Укажите фамилию, имя и отчество' }).trim().min(2, { error: 'Укажите фамилию, имя и отчество' }).max(200, { error: 'Не длиннее 200 символов' }),
  ...roleFields,
});

export const roleChangeBody = z.object({ ...roleFields, reason });
export const reasonBody = z.object({ reason });

export const acceptBody = z.object({
  token: z.string({ error: 'Нет ссылки приглашения' }),
  password: passwordField('Придумайте пароль').optional(),
});

export const invitationQuery = z.object({
  organizationId: optionalId('Неверный идентификатор организации'),
  municipalityId: optionalId('Неверный идентификатор муниципалитета'),
  state: z.enum(invitationStates, { error: 'Состояние: pending, expired, accepted или revoked' }).optional(),
  ...pageQuery(100),
});

export const peopleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  organizationId: optionalId('Неверный идентификатор организации'),
  municipalityId: optionalId('Неверный идентификатор муниципалитета'),
  role: z.enum(roles, { error: 'Неизвестная роль' }).optional(),
  state: z.enum(['active', 'disabled'], { error: 'Состояние: active или disabled' }).optional(),
  ...pageQuery(100),
});

/** Any string: a malformed token is the same 404 as an unknown one. */
export const tokenParams = z.object({ token: z.string() });
