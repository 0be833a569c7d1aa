import { z } from 'zod';
import { calendarDate, recordVersion } from '../../platform/fields';
import { needPriorities, resourceCategories, resourceConditions, resourceMobilities, type NeedPriority, type ResourceCategory, type ResourceConditions, type ResourceMobility } from './schema';

/** How the codes read in Russian: spreadsheets, explanations, problem texts. */
export const categoryLabels: Record<ResourceCategory, string> = {
  staff: 'Кадровые',
  information: 'Информационные',
  facilities: 'Материально-технические',
  methodical: 'Учебно-методические',
  social: 'Социальные',
};

export const conditionLabels: Record<ResourceConditions, string> = {
  free: 'Бесплатно',
  exchange: 'Обмен',
  paid: 'Платно',
};

export const mobilityLabels: Record<ResourceMobility, string> = {
  on_site: 'У владельца',
  travels: 'Выезжает к партнёру',
  remote: 'Дистанционно',
};

export const priorityLabels: Record<NeedPriority, string> = {
  high: 'Высокий',
  medium: 'Средний',
  low: 'Низкий',
};

/** ISO weekday (1 = Monday) → its short Russian name, as spreadsheets show them. */
export const weekdayLabels = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'] as const;

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 60;

/** A tag as it is stored: trimmed, single spaces, lower case. */
export const normalizeTag = (tag: string) => tag.trim().replace(/\s+/g, ' ').toLowerCase();

/** Subjects and directions: normalised and deduplicated before they are counted, so «Химия» and «химия » are one tag. */
const tags = z
  .array(z.string({ error: 'Направление — текст' }), { error: 'Направления — список' })
  .transform((list) => [...new Set(list.map(normalizeTag).filter(Boolean))])
  .refine((list) => list.length <= MAX_TAGS, { error: `Не больше ${MAX_TAGS} направлений` })
  .refine((list) => list.every((tag) => tag.length <= MAX_TAG_LENGTH), { error: `Каждое направление — не длиннее ${MAX_TAG_LENGTH} символов` });

const weekdays = z
  .array(z.number({ error: 'День недели — число от 1 (пн) до 7 (вс)' }).int({ error: 'День недели — число от 1 (пн) до 7 (вс)' }).min(1, { error: 'День недели — от 1 (пн) до 7 (вс)' }).max(7, { error: 'День недели — от 1 (пн) до 7 (вс)' }), {
    error: 'Дни недели — список чисел от 1 до 7',
  })
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

const optionalDate = (what: string) => calendarDate(what).nullish();
/** null clears a text, as a blank does. */
const description = z
  .string({ error: 'Описание — текст' })
  .trim()
  .max(5000, { error: 'Не длиннее 5000 символов' })
  .nullish()
  .transform((value) => (value === null ? '' : value));
const title = (missing: string) =>
  z.string({ error: missing }).trim().min(3, { error: `${missing} (не короче 3 символов)` }).max(300, { error: 'Не длиннее 300 символов' });
const category = z.enum(resourceCategories, { error: `Выберите категорию: ${Object.values(categoryLabels).join(', ').toLowerCase()}` });

/**
 * A resource as people describe it, with Russian messages; shared by the API and the spreadsheet import.
 * No zod defaults: omitted fields fall back to the column defaults, and a PATCH changes only what it names.
 */
export const offerFields = z.object({
  category,
  title: title('Назовите ресурс'),
  description,
  tags: tags.optional(),
  conditions: z.enum(resourceConditions, { error: 'Условия: бесплатно (free), обмен (exchange) или платно (paid)' }).optional(),
  mobility: z.enum(resourceMobilities, { error: 'Где используется: у владельца (on_site), выезжает (travels) или дистанционно (remote)' }).optional(),
  weekdays: weekdays.optional(),
  availableFrom: optionalDate('Доступно с'),
  availableTo: optionalDate('Доступно по'),
  capacity: z
    .number({ error: 'Вместимость — число' })
    .int({ error: 'Вместимость — целое число' })
    .min(0, { error: 'Вместимость не может быть отрицательной' })
    .max(1_000_000, { error: 'Слишком большая вместимость' })
    .nullish(),
});
export type OfferInput = z.output<typeof offerFields>;
export const offerChanges = offerFields.partial();
export type OfferChanges = z.output<typeof offerChanges>;

export const needFields = z.object({
  category,
  title: title('Опишите потребность'),
  description,
  tags: tags.optional(),
  priority: z.enum(needPriorities, { error: 'Приоритет: высокий (high), средний (medium) или низкий (low)' }).optional(),
  neededFrom: optionalDate('Нужно с'),
  neededTo: optionalDate('Нужно по'),
});
export type NeedInput = z.output<typeof needFields>;
export const needChanges = needFields.partial();
export type NeedChanges = z.output<typeof needChanges>;

export const versionBody = z.object({ version: recordVersion() });

/** Suggestions look this far by default; the person widens or narrows it. */
export const DEFAULT_MAX_DISTANCE_KM = 50;

/** `maxDistanceKm`: blank or absent — the default, «none» — no limit, otherwise kilometres. */
export const maxDistanceQuery = z
  .string()
  .trim()
  .optional()
  .transform((value, context) => {
    if (!value) return DEFAULT_MAX_DISTANCE_KM;
    if (value === 'none') return null;
    const km = Number(value.replace(',', '.'));
    if (!Number.isFinite(km) || km <= 0 || km > 20_000) {
      context.issues.push({ code: 'custom', input: value, message: 'Расстояние — число километров больше 0 или none (без ограничения)' });
      return z.NEVER;
    }
    return km;
  });
