import { z } from 'zod';

/**
 * Field types every module's zod schemas share, bounded to what PostgreSQL stores: a value outside them
 * would fail the query (a 500) instead of being refused with a Russian message.
 */

/** The largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;

/** Records of people and schools lie within these years; year 0 does not exist in PostgreSQL and year 9999 is a typo. */
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;
/** A value that is not even in the format passes: the format check has already said what is wrong with it. */
const yearInRange = (value: string) => {
  if (!/^\d{4}-/.test(value)) return true;
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

/** A calendar date YYYY-MM-DD, 1900–2100; `what` names the field in the messages, unless they are given. */
export const calendarDate = (what: string, messages: { format?: string; range?: string } = {}) =>
  z.iso
    .date({ error: messages.format ?? `${what}: дата в формате ГГГГ-ММ-ДД` })
    .refine(yearInRange, { error: messages.range ?? `${what}: год от ${EARLIEST_YEAR} до ${LATEST_YEAR}` });

/** An instant in ISO 8601 with its time zone (e.g. 2026-03-15T18:00:00+03:00), 1900–2100. */
export const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `${what}: дата и время в формате ISO 8601 с часовым поясом, например 2026-03-15T18:00:00+03:00` })
    .refine(yearInRange, { error: `${what}: год от ${EARLIEST_YEAR} до ${LATEST_YEAR}` });

/** Trimmed text of at most `max` characters (and at least `min`, when given); `what` names the field in the messages. */
export const boundedText = (what: string, max: number, min = 0) => {
  const base = z.string({ error: `${what} — текст` }).trim().max(max, { error: `${what} — не длиннее ${max} символов` });
  return min ? base.min(min, { error: `${what} — не короче ${min} символов` }) : base;
};

/** A whole number from `min` that fits an `integer` column; `what` names it in the messages. */
export const wholeNumber = (what: string, min = 0, max = INT4_MAX) =>
  z
    .number({ error: `${what} — число` })
    .int({ error: `${what} — целое число` })
    .min(min, { error: `${what} — не меньше ${min}` })
    .max(max, { error: `${what} — не больше ${max}` });

/** The version of a record the person edited (optimistic locking); `missing` says which record. */
export const recordVersion = (missing = 'Укажите версию записи') =>
  z
    .number({ error: missing })
    .int({ error: 'Версия — целое число' })
    .min(0, { error: 'Версия — не меньше 0' })
    .max(INT4_MAX, { error: 'Неверная версия записи' });

/** Query-string paging: page from 1, at most `maxSize` rows a page. */
export const pageQuery = (maxSize: number) => ({
  page: z.coerce
    .number({ error: 'Номер страницы — число' })
    .int({ error: 'Номер страницы — целое число' })
    .min(1, { error: 'Страницы нумеруются с 1' })
    .max(INT4_MAX, { error: 'Слишком большой номер страницы' })
    .optional(),
  pageSize: z.coerce
    .number({ error: 'Размер страницы — число' })
    .int({ error: 'Размер страницы — целое число' })
    .min(1, { error: 'Размер страницы — не меньше 1' })
    .max(maxSize, { error: `Не больше ${maxSize} на странице` })
    .optional(),
});
