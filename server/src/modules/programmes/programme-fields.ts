import { z } from 'zod';
import { calendarDate, pageQuery, recordVersion } from '../../platform/fields';
import type { FieldError } from '../../platform/problem';
import { enrolmentModes, programmeDirections, programmeFormats, programmeKinds, programmeStates } from './schema';

export const MAX_CAPACITY = 1000;
export const MAX_SLOTS = 21;
export const MAX_NETWORKS = 20;
/** Ages of supplementary education (5–18) with a margin. */
export const MIN_AGE = 3;
export const MAX_AGE = 21;

const whole = (what: string) => z.number({ error: `${what} — число` }).int({ error: `${what} — целое число` });
const grade = (what: string) => whole(what).min(0, { error: `${what}: от 0 до 11` }).max(11, { error: `${what}: от 0 до 11` }).nullish();
const age = (what: string) => whole(what).min(MIN_AGE, { error: `${what}: от ${MIN_AGE} до ${MAX_AGE} лет` }).max(MAX_AGE, { error: `${what}: от ${MIN_AGE} до ${MAX_AGE} лет` }).nullish();
const text = (what: string, max: number) =>
  z
    .string({ error: `${what} — текст` })
    .trim()
    .max(max, { error: `${what} — не длиннее ${max} символов` })
    .nullish()
    // null clears a text, as a blank does.
    .transform((value) => (value === null ? '' : value));

/** A weekly class: ISO weekday 1 (пн) … 7 (вс), minutes from midnight. */
export const slotFields = z.object({
  weekday: whole('День недели').min(1, { error: 'День недели — от 1 (пн) до 7 (вс)' }).max(7, { error: 'День недели — от 1 (пн) до 7 (вс)' }),
  startMinute: whole('Начало занятия').min(0, { error: 'Начало занятия — от 00:00' }).max(1439, { error: 'Начало занятия — до 23:59' }),
  endMinute: whole('Конец занятия').min(1, { error: 'Конец занятия — после 00:00' }).max(1440, { error: 'Конец занятия — не позже 24:00' }),
});
export type SlotInput = z.output<typeof slotFields>;

/**
 * A programme as its provider describes it. No zod defaults: omitted fields fall back to the column
 * defaults, and a PATCH changes only what it names. Rules across fields (grades or ages, the order of
 * dates, classes that do not overlap) are judged by `programmeErrors` on the record as it will be stored.
 */
export const programmeFields = z.object({
  kind: z.enum(programmeKinds, { error: 'Вид программы: элективный курс, профильный курс, внеурочная деятельность или дополнительное образование' }),
  direction: z.enum(programmeDirections, {
    error: 'Направленность: техническая, естественнонаучная, социально-гуманитарная, художественная, физкультурно-спортивная или туристско-краеведческая',
  }),
  title: z.string({ error: 'Назовите программу' }).trim().min(3, { error: 'Назовите программу (не короче 3 символов)' }).max(300, { error: 'Название — не длиннее 300 символов' }),
  description: text('Описание', 10_000),
  requirements: text('Требования к ученикам', 5000),
  teacherName: text('Педагог', 300),
  gradeFrom: grade('Класс «с»'),
  gradeTo: grade('Класс «по»'),
  ageFrom: age('Возраст «с»'),
  ageTo: age('Возраст «по»'),
  format: z.enum(programmeFormats, { error: 'Формат: очно, дистанционно или смешанно' }).optional(),
  venueOrganizationId: z.uuid({ error: 'Неверное место проведения' }).nullish(),
  startsOn: calendarDate('Начало'),
  endsOn: calendarDate('Окончание'),
  capacity: whole('Число мест').min(1, { error: 'Мест — хотя бы одно' }).max(MAX_CAPACITY, { error: `Мест — не больше ${MAX_CAPACITY}` }),
  enrolmentMode: z.enum(enrolmentModes, { error: 'Запись: свободная (open) или по заявлениям с приоритетами (campaign)' }).optional(),
  networkIds: z
    .array(z.uuid({ error: 'Неверная сеть' }), { error: 'Сети — список' })
    .max(MAX_NETWORKS, { error: `Не больше ${MAX_NETWORKS} сетей` })
    .transform((ids) => [...new Set(ids)])
    .optional(),
  slots: z.array(slotFields, { error: 'Расписание — список занятий' }).max(MAX_SLOTS, { error: `Не больше ${MAX_SLOTS} занятий в неделю` }).optional(),
});
export type ProgrammeInput = z.output<typeof programmeFields>;

export const programmeCreation = programmeFields.extend({ organizationId: z.uuid({ error: 'Выберите организацию, которая проводит программу' }) });
export type ProgrammeCreation = z.output<typeof programmeCreation>;

export const programmeChanges = programmeFields.partial().extend({ version: recordVersion('Укажите версию программы') });
export type ProgrammeChanges = Omit<z.output<typeof programmeChanges>, 'version'>;

export const versionBody = z.object({ version: recordVersion('Укажите версию программы') });

export const catalogueQuery = z.object({
  q: z.string().trim().max(200, { error: 'Запрос — не длиннее 200 символов' }).optional(),
  kind: z.enum(programmeKinds, { error: 'Неизвестный вид программы' }).optional(),
  direction: z.enum(programmeDirections, { error: 'Неизвестная направленность' }).optional(),
  grade: z.coerce.number({ error: 'Класс — число' }).int({ error: 'Класс — целое число' }).min(0, { error: 'Класс — от 0 до 11' }).max(11, { error: 'Класс — от 0 до 11' }).optional(),
  municipalityId: z.uuid({ error: 'Неверный идентификатор муниципалитета' }).optional(),
  nearOrganizationId: z.uuid({ error: 'Неверная школа для расчёта расстояния' }).optional(),
  maxKm: z.coerce.number({ error: 'Расстояние — число километров' }).positive({ error: 'Расстояние — больше 0 км' }).max(2000, { error: 'Расстояние — не больше 2000 км' }).optional(),
  freeOnly: z.stringbool({ error: 'freeOnly: true или false' }).optional(),
  weekday: z.coerce.number({ error: 'День недели — число' }).int().min(1, { error: 'День недели — от 1 (пн) до 7 (вс)' }).max(7, { error: 'День недели — от 1 (пн) до 7 (вс)' }).optional(),
  networkId: z.uuid({ error: 'Неверный идентификатор сети' }).optional(),
  organizationId: z.uuid({ error: 'Неверный идентификатор организации' }).optional(),
  ...pageQuery(100),
});
export type CatalogueQuery = z.output<typeof catalogueQuery>;

export const organizationProgrammesQuery = z.object({ state: z.enum(programmeStates, { error: 'Состояние: draft, published или archived' }).optional() });

/** The fields `programmeErrors` judges, as the stored record will have them. */
export interface ProgrammeShape {
  gradeFrom: number | null;
  gradeTo: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  startsOn: string;
  endsOn: string;
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const weekdayNames = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];

/** Rules across fields: who it is for (grades or ages, in order), dates in order, classes that end after they start and do not overlap. */
export function programmeErrors(record: ProgrammeShape, slots: SlotInput[] | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const hasGrades = record.gradeFrom !== null || record.gradeTo !== null;
  const hasAges = record.ageFrom !== null || record.ageTo !== null;
  if (!hasGrades && !hasAges) errors.push({ field: 'gradeFrom', message: 'Укажите, для каких классов или возрастов программа' });
  if (record.gradeFrom !== null && record.gradeTo !== null && record.gradeFrom > record.gradeTo) errors.push({ field: 'gradeTo', message: 'Класс «по» не может быть меньше класса «с»' });
  if (record.ageFrom !== null && record.ageTo !== null && record.ageFrom > record.ageTo) errors.push({ field: 'ageTo', message: 'Возраст «по» не может быть меньше возраста «с»' });
  if (record.endsOn < record.startsOn) errors.push({ field: 'endsOn', message: 'Окончание не может быть раньше начала' });
  // Sorted by day and time to find overlaps, keeping each class's place in the list the person sent.
  const ordered = (slots ?? []).map((slot, index) => ({ slot, index })).sort((a, b) => a.slot.weekday - b.slot.weekday || a.slot.startMinute - b.slot.startMinute);
  ordered.forEach(({ slot, index }, position) => {
    const day = weekdayNames[slot.weekday - 1];
    if (slot.startMinute >= slot.endMinute) {
      errors.push({ field: `slots.${index}.endMinute`, message: `Занятие (${day}, ${clock(slot.startMinute)}) должно заканчиваться позже, чем начинается` });
    }
    const previous = ordered[position - 1]?.slot;
    if (previous && previous.weekday === slot.weekday && slot.startMinute < previous.endMinute) {
      errors.push({
        field: `slots.${index}.startMinute`,
        message: `Занятия пересекаются (${day}): ${clock(previous.startMinute)}–${clock(previous.endMinute)} и ${clock(slot.startMinute)}–${clock(slot.endMinute)}`,
      });
    }
  });
  return errors;
}
