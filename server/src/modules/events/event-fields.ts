import { z } from 'zod';
import { instant, pageQuery, recordVersion } from '../../platform/fields';
import type { FieldError } from '../../platform/problem';
import { eventAudiences, eventFormats, eventKinds, eventStates } from './schema';

export const MAX_CAPACITY = 100_000;
export const MAX_SESSIONS = 50;
export const MAX_CO_ORGANIZERS = 20;
export const MAX_GROUP = 200;

const whole = (what: string) => z.number({ error: `${what} — число` }).int({ error: `${what} — целое число` });
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} — текст` })
    .trim()
    .max(max, { error: `${what} — не длиннее ${max} символов` })
    .nullish()
    // null clears a text, as a blank does.
    .transform((value) => (value === null ? '' : value));
const grade = (what: string) => whole(what).min(1, { error: `${what}: от 1 до 11` }).max(11, { error: `${what}: от 1 до 11` }).nullish();
const capacity = (what: string) => whole(what).min(1, { error: `${what} — хотя бы одно место` }).max(MAX_CAPACITY, { error: `${what} — не больше ${MAX_CAPACITY}` }).nullish();
const latitude = z.number({ error: 'Широта — число' }).min(-90, { error: 'Широта — от −90 до 90' }).max(90, { error: 'Широта — от −90 до 90' }).nullish();
const longitude = z.number({ error: 'Долгота — число' }).min(-180, { error: 'Долгота — от −180 до 180' }).max(180, { error: 'Долгота — от −180 до 180' }).nullish();
const onlineUrl = z
  .string({ error: 'Ссылка — текст' })
  .trim()
  .max(2000, { error: 'Ссылка — не длиннее 2000 символов' })
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), { error: 'Ссылка на трансляцию начинается с https:// или http://' })
  .nullish()
  .transform((value) => (value === null ? '' : value));

/** A session of the event's programme, or a section of a conference (a section is chosen at registration). */
export const sessionFields = z.object({
  /** An existing session being kept or changed; none for a new one. */
  id: z.uuid({ error: 'Неверный идентификатор секции' }).optional(),
  isSection: z.boolean({ error: 'Секция — да или нет' }).optional(),
  title: z.string({ error: 'Назовите секцию или часть программы' }).trim().min(2, { error: 'Назовите секцию или часть программы' }).max(300, { error: 'Название секции — не длиннее 300 символов' }),
  description: text('Описание секции', 5000),
  startsAt: instant('Начало секции').nullish(),
  endsAt: instant('Окончание секции').nullish(),
  place: text('Место секции', 300),
  capacity: capacity('Мест в секции'),
});
export type SessionInput = z.output<typeof sessionFields>;

/**
 * A speaker the organisers assign to a session or section: a person with an account (userId, for a certificate of a
 * speaker) or a guest by name only (shown in the programme; no account, so no certificate through the platform).
 */
export const speakerAssignment = z
  .object({
    sessionId: z.uuid({ error: 'Выберите секцию или часть программы' }),
    userId: z.uuid({ error: 'Неверный человек' }).optional(),
    name: z
      .string({ error: 'Имя гостя — текст' })
      .trim()
      .min(3, { error: 'Впишите фамилию и имя гостя (не короче 3 символов)' })
      .max(200, { error: 'Имя гостя — не длиннее 200 символов' })
      .optional(),
  })
  .refine((value) => (value.userId === undefined) !== (value.name === undefined), {
    error: 'Выберите человека с учётной записью или впишите имя гостя — одно из двух',
    path: ['userId'],
  });
export type SpeakerAssignment = z.output<typeof speakerAssignment>;

export const speakerParams = z.object({ id: z.uuid({ error: 'Неверный идентификатор' }), speakerId: z.uuid({ error: 'Неверный спикер' }) });

export const speakerCandidatesQuery = z.object({
  /** Part of a surname or name; without it, the staff of the organisers. */
  q: z.string().trim().max(100, { error: 'Запрос — не длиннее 100 символов' }).optional(),
});

/**
 * An event as its organiser describes it. No zod defaults: omitted fields fall back to the column defaults, and a
 * PATCH changes only what it names. Rules across fields (times in order, the registration window inside the event,
 * grades in order) are judged by `eventErrors` on the record as it will be stored.
 */
export const eventFields = z.object({
  kind: z.enum(eventKinds, { error: 'Вид мероприятия: семинар, мастер-класс, стажировка, консультация, практикум, конференция, олимпиада, фестиваль или другое' }),
  title: z.string({ error: 'Назовите мероприятие' }).trim().min(3, { error: 'Назовите мероприятие (не короче 3 символов)' }).max(300, { error: 'Название — не длиннее 300 символов' }),
  description: text('Описание', 20_000),
  audiences: z
    .array(z.enum(eventAudiences, { error: 'Для кого: руководители, педагоги, обучающиеся, родители или все желающие' }), { error: 'Для кого — список' })
    .max(eventAudiences.length, { error: 'Для кого — не больше пяти' })
    .transform((list) => [...new Set(list)])
    .optional(),
  gradeFrom: grade('Класс «с»'),
  gradeTo: grade('Класс «по»'),
  format: z.enum(eventFormats, { error: 'Формат: очно, онлайн или смешанный' }).optional(),
  address: text('Адрес', 500),
  lat: latitude,
  lon: longitude,
  onlineUrl,
  startsAt: instant('Начало'),
  endsAt: instant('Окончание'),
  capacity: capacity('Мест'),
  registrationOpensAt: instant('Начало регистрации').nullish(),
  registrationClosesAt: instant('Окончание регистрации').nullish(),
  approvalRequired: z.boolean({ error: 'Подтверждение организатором — да или нет' }).optional(),
  networkId: z.uuid({ error: 'Неверная сеть' }).nullish(),
  planItemId: z.uuid({ error: 'Неверный пункт плана' }).nullish(),
  coOrganizerIds: z
    .array(z.uuid({ error: 'Неверная организация-соорганизатор' }), { error: 'Соорганизаторы — список' })
    .max(MAX_CO_ORGANIZERS, { error: `Не больше ${MAX_CO_ORGANIZERS} соорганизаторов` })
    .transform((ids) => [...new Set(ids)])
    .optional(),
  sessions: z.array(sessionFields, { error: 'Программа — список секций' }).max(MAX_SESSIONS, { error: `Не больше ${MAX_SESSIONS} секций и частей программы` }).optional(),
});
export type EventInput = z.output<typeof eventFields>;

export const eventCreation = eventFields.extend({ organizationId: z.uuid({ error: 'Выберите организацию, которая проводит мероприятие' }) });
export type EventCreation = z.output<typeof eventCreation>;

export const eventChanges = eventFields.partial().extend({ version: recordVersion('Укажите версию мероприятия') });
export type EventChanges = Omit<z.output<typeof eventChanges>, 'version'>;

export const eventVersion = z.object({ version: recordVersion('Укажите версию мероприятия') });

const reason = (missing: string) =>
  z.string({ error: missing }).trim().min(1, { error: missing }).max(1000, { error: 'Причина — не длиннее 1000 символов' });

export const eventCancellation = z.object({ version: recordVersion('Укажите версию мероприятия'), reason: reason('Укажите причину отмены — её получат все записавшиеся') });

export const registrationRequest = z.object({
  /** A guardian registers their child; without it the person registers themself. */
  childId: z.uuid({ error: 'Неверный ребёнок' }).optional(),
  sessionId: z.uuid({ error: 'Неверная секция' }).optional(),
  /** Join the waitlist when no seat is free (otherwise a full event is a 409 saying how long the line is). */
  waitlist: z.boolean({ error: 'waitlist — да или нет' }).optional(),
});
export type RegistrationRequest = z.output<typeof registrationRequest>;

export const groupRegistrationRequest = z.object({
  organizationId: z.uuid({ error: 'Выберите школу, от имени которой записывается группа' }),
  childIds: z
    .array(z.uuid({ error: 'Неверный обучающийся' }), { error: 'Группа — список обучающихся' })
    .min(1, { error: 'Выберите хотя бы одного обучающегося' })
    .max(MAX_GROUP, { error: `В группе — не больше ${MAX_GROUP} обучающихся` })
    .transform((ids) => [...new Set(ids)]),
  sessionId: z.uuid({ error: 'Неверная секция' }).optional(),
  waitlist: z.boolean({ error: 'waitlist — да или нет' }).optional(),
});
export type GroupRegistrationRequest = z.output<typeof groupRegistrationRequest>;

export const registrationStep = z.object({ version: recordVersion('Укажите версию записи') });
export const registrationRejection = z.object({ version: recordVersion('Укажите версию записи'), reason: reason('Укажите причину — её увидит записавшийся') });

export const eventListQuery = z.object({
  q: z.string().trim().max(200, { error: 'Запрос — не длиннее 200 символов' }).optional(),
  from: instant('Начало периода').optional(),
  to: instant('Конец периода').optional(),
  kind: z.enum(eventKinds, { error: 'Неизвестный вид мероприятия' }).optional(),
  audience: z.enum(eventAudiences, { error: 'Неизвестная аудитория' }).optional(),
  format: z.enum(eventFormats, { error: 'Неизвестный формат' }).optional(),
  state: z.enum(eventStates, { error: 'Состояние: draft, published, finished или cancelled' }).optional(),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).optional(),
  organizationId: z.uuid({ error: 'Неверный идентификатор организации' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  /** Only events the caller manages (their organisations', their networks'), drafts included. */
  mine: z.stringbool({ error: 'mine: true или false' }).optional(),
  ...pageQuery(200),
});
export type EventListQuery = z.output<typeof eventListQuery>;

export const groupCandidatesQuery = z.object({ organizationId: z.uuid({ error: 'Выберите школу' }) });

/** The fields `eventErrors` judges, as the stored record will have them. */
export interface EventShape {
  format: string;
  startsAt: Date;
  endsAt: Date;
  gradeFrom: number | null;
  gradeTo: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  lat: number | null;
  lon: number | null;
}

/** Rules across fields: the event ends after it starts, registration opens before it closes and closes by the end, grades in order, a point has both coordinates, sections inside the event. */
export function eventErrors(record: EventShape, sessions: SessionInput[] | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (record.endsAt <= record.startsAt) errors.push({ field: 'endsAt', message: 'Окончание должно быть позже начала' });
  const opens = record.registrationOpensAt;
  const closes = record.registrationClosesAt;
  if (opens && closes && closes <= opens) errors.push({ field: 'registrationClosesAt', message: 'Регистрация должна закрываться позже, чем открывается' });
  if (opens && opens >= record.startsAt) errors.push({ field: 'registrationOpensAt', message: 'Регистрация должна открываться до начала мероприятия' });
  if (closes && closes > record.endsAt) errors.push({ field: 'registrationClosesAt', message: 'Регистрация не может закрываться после окончания мероприятия' });
  if (record.gradeFrom !== null && record.gradeTo !== null && record.gradeFrom > record.gradeTo) errors.push({ field: 'gradeTo', message: 'Класс «по» не может быть меньше класса «с»' });
  if ((record.lat === null) !== (record.lon === null)) errors.push({ field: 'lat', message: 'Укажите точку на карте полностью: широту и долготу' });
  (sessions ?? []).forEach((session, index) => {
    const starts = session.startsAt ? new Date(session.startsAt) : null;
    const ends = session.endsAt ? new Date(session.endsAt) : null;
    if (starts && ends && ends <= starts) errors.push({ field: `sessions.${index}.endsAt`, message: `«${session.title}»: окончание должно быть позже начала` });
    if ((starts && (starts < record.startsAt || starts >= record.endsAt)) || (ends && (ends > record.endsAt || ends <= record.startsAt))) {
      errors.push({ field: `sessions.${index}.startsAt`, message: `«${session.title}» должна проходить во время мероприятия` });
    }
  });
  return errors;
}
