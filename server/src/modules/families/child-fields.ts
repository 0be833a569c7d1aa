import { z } from 'zod';
import { calendarDate, recordVersion } from '../../platform/fields';
import type { FieldError } from '../../platform/problem';
import type { OrganizationKind } from '../organizations/schema';

/** Organisations a child can name as its home school: general-education schools and kindergartens. */
export const homeSchoolKinds: OrganizationKind[] = ['school', 'lyceum', 'gymnasium', 'preschool'];

/** The ages a registered child may have, in full years: from kindergarten to the end of school. */
export const MIN_CHILD_AGE = 3;
export const MAX_CHILD_AGE = 19;

const version = recordVersion();

const fullName = z
  .string({ error: 'Укажите фамилию и имя ребёнка' })
  .trim()
  .min(2, { error: 'Укажите фамилию и имя ребёнка' })
  .max(200, { error: 'Имя — не длиннее 200 символов' });
const birthDate = calendarDate('Дата рождения', {
  format: 'Дата рождения — в формате ГГГГ-ММ-ДД',
  range: 'Дата рождения не может быть в будущем или раньше 1900 года',
}).nullish();
const grade = z
  .number({ error: 'Класс — число от 0 до 11' })
  .int({ error: 'Класс — целое число' })
  .min(0, { error: 'Класс — от 0 (подготовительный) до 11' })
  .max(11, { error: 'Класс — от 0 (подготовительный) до 11' })
  .nullish();
const homeSchoolId = z.uuid({ error: 'Выберите школу из списка' }).nullish();

/** A new child: a name, a date of birth or a grade (or both), and optionally the home school. */
export const childFields = z.object({ fullName, birthDate, grade, homeSchoolId });
export type ChildFields = z.infer<typeof childFields>;

/** Changes to a child: any of the fields, with the version they were based on. */
export const childChanges = z.object({ version, fullName: fullName.optional(), birthDate, grade, homeSchoolId });
export type ChildChanges = z.infer<typeof childChanges>;

export const consentRequest = z.object({
  textVersion: z.string({ error: 'Укажите версию текста согласия, который вы прочитали' }).trim().min(1, { error: 'Укажите версию текста согласия, который вы прочитали' }),
});

export const confirmationRequest = z.object({ version });

export const studentsQuery = z.object({
  confirmed: z.enum(['true', 'false'], { error: 'confirmed: true или false' }).optional(),
});

/** Full years between an ISO birth date and an ISO day, both YYYY-MM-DD. */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** What is wrong with a child's date of birth and grade as they would be stored. */
export function childDataErrors(values: { birthDate: string | null; grade: number | null }, today: string): FieldError[] {
  if (values.birthDate === null && values.grade === null) return [{ field: 'birthDate', message: 'Укажите дату рождения или класс' }];
  if (values.birthDate === null) return [];
  if (values.birthDate > today) return [{ field: 'birthDate', message: 'Дата рождения не может быть в будущем' }];
  const age = ageOn(values.birthDate, today);
  if (age < MIN_CHILD_AGE || age > MAX_CHILD_AGE) {
    return [{ field: 'birthDate', message: `Возраст ребёнка — от ${MIN_CHILD_AGE} до ${MAX_CHILD_AGE} лет, по этой дате — ${age}` }];
  }
  return [];
}
