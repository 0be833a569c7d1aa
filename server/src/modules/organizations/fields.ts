import { z } from 'zod';
import { isValidInn, isValidOgrn } from '../../algorithms/russian-identifiers';
import { organizationKinds, organizationStatuses } from './schema';

// Blank optional text becomes null so that "no INN" never collides with another "no INN" in a unique index.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Не длиннее ${max} символов` })
    .nullish()
    .transform((v) => (v ? v : null));

// null clears a text field, as a blank does; an absent field is left as it is.
const clearedByNull = (value: string | null | undefined) => (value === null ? '' : value);
const plainText = (max: number) => z.string().trim().max(max, { error: `Не длиннее ${max} символов` }).nullish().transform(clearedByNull).optional();

/**
 * The organisation card as people type it, with Russian messages; shared by the API and the spreadsheet import.
 * No zod defaults: omitted text falls back to the column defaults, and a PATCH changes only what it names.
 */
export const organizationFields = z.object({
  kind: z.enum(organizationKinds, { error: 'Выберите тип организации из списка' }),
  fullName: z.string({ error: 'Укажите полное наименование' }).trim().min(3, { error: 'Укажите полное наименование' }).max(500, { error: 'Не длиннее 500 символов' }),
  shortName: z.string({ error: 'Укажите краткое наименование' }).trim().min(2, { error: 'Укажите краткое наименование' }).max(200, { error: 'Не длиннее 200 символов' }),
  inn: optionalText(10).refine((v) => v === null || isValidInn(v), { error: 'ИНН организации — 10 цифр с верной контрольной цифрой' }),
  ogrn: optionalText(13).refine((v) => v === null || isValidOgrn(v), { error: 'ОГРН — 13 цифр с верной контрольной цифрой' }),
  externalId: optionalText(100),
  municipalityId: z.uuid({ error: 'Выберите муниципалитет' }),
  statuses: z
    .array(z.enum(organizationStatuses, { error: 'Неизвестный статус' }))
    .transform((list) => [...new Set(list)])
    .optional(),
  address: plainText(500),
  lat: z.number({ error: 'Широта — число' }).min(-90, { error: 'Широта от −90 до 90' }).max(90, { error: 'Широта от −90 до 90' }).nullish().transform((v) => v ?? null),
  lon: z.number({ error: 'Долгота — число' }).min(-180, { error: 'Долгота от −180 до 180' }).max(180, { error: 'Долгота от −180 до 180' }).nullish().transform((v) => v ?? null),
  headName: plainText(200),
  phone: plainText(100),
  email: z.union([z.literal(''), z.email({ error: 'Адрес почты в виде name@example.ru' })]).nullish().transform(clearedByNull).optional(),
  website: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Адрес сайта начинается с http:// или https://' })]).nullish().transform(clearedByNull).optional(),
  description: plainText(5000),
});

export type OrganizationInput = z.output<typeof organizationFields>;

export const organizationChanges = organizationFields.partial();
export type OrganizationChanges = z.output<typeof organizationChanges>;

/** Coordinates come in pairs; checked on the merged record so a PATCH of one half is judged with the other. */
export function coordinateErrors(record: { lat: number | null; lon: number | null }) {
  if ((record.lat === null) === (record.lon === null)) return [];
  const field = record.lat === null ? 'lat' : 'lon';
  return [{ field, message: 'Укажите и широту, и долготу — или ни одну' }];
}
