import { z } from 'zod';
import { calendarDate, wholeNumber } from '../../platform/fields';
import { type FieldError, invalid } from '../../platform/problem';
import { evidenceKinds, planItemStates, planKinds } from './schema';

export type PlanKind = (typeof planKinds)[number];
export type PlanItemState = (typeof planItemStates)[number];
export type EvidenceKind = (typeof evidenceKinds)[number];

/** How the plan kinds, item states and evidence kinds read in Russian (UI, spreadsheets, DOCX). */
export const planKindLabels: Record<PlanKind, string> = {
  network_plan: 'План сетевого взаимодействия',
  roadmap: 'Дорожная карта',
  joint_actions: 'План совместных действий',
};

export const stateLabels: Record<PlanItemState, string> = {
  planned: 'Запланировано',
  in_progress: 'В работе',
  done: 'Выполнено',
  cancelled: 'Отменено',
};

/** Shown instead of the stored state of a late item; never stored. */
export const OVERDUE_LABEL = 'Просрочено';

export const evidenceLabels: Record<EvidenceKind, string> = {
  event: 'Мероприятие',
  document: 'Документ',
  file: 'Файл',
  link: 'Ссылка',
};

const optionalDate = (what: string) => calendarDate(what).nullish();
const text = (max: number) => z.string({ error: 'Ожидается текст' }).trim().max(max, { error: `Не длиннее ${max} символов` });
/** Free text of an item; null clears it, as a blank does. */
const plainText = (max: number) =>
  text(max)
    .nullish()
    .transform((value) => (value === null ? '' : value));

export const planFields = z.object({
  title: z.string({ error: 'Укажите название плана' }).trim().min(3, { error: 'Название плана — не короче 3 символов' }).max(300, { error: 'Не длиннее 300 символов' }),
  kind: z.enum(planKinds, { error: 'Вид плана: network_plan, roadmap или joint_actions' }).optional(),
  periodStart: optionalDate('Начало периода'),
  periodEnd: optionalDate('Окончание периода'),
});
export type PlanInput = z.output<typeof planFields>;

export const planChanges = planFields.partial();
export type PlanChanges = z.output<typeof planChanges>;

export const evidenceFields = z.object({
  kind: z.enum(evidenceKinds, { error: 'Вид подтверждения: event, document, file или link' }),
  reference: text(1000).min(1, { error: 'Укажите, чем подтверждено выполнение' }),
});
export type Evidence = z.output<typeof evidenceFields>;

export const planItemFields = z.object({
  activity: z.string({ error: 'Опишите мероприятие' }).trim().min(3, { error: 'Опишите мероприятие (не короче 3 символов)' }).max(2000, { error: 'Не длиннее 2000 символов' }),
  startsOn: optionalDate('Начало'),
  endsOn: optionalDate('Окончание'),
  responsibleOrganizationIds: z
    .array(z.uuid({ error: 'Неверный идентификатор организации' }), { error: 'Список ответственных организаций' })
    .max(50, { error: 'Не больше 50 ответственных организаций' })
    .transform((ids) => [...new Set(ids)])
    .optional(),
  responsiblePeople: plainText(1000),
  expectedResult: plainText(5000),
  state: z.enum(planItemStates, { error: 'Статус: planned, in_progress, done или cancelled' }).optional(),
  progress: z
    .number({ error: 'Выполнение — число процентов' })
    .int({ error: 'Выполнение — целое число процентов' })
    .min(0, { error: 'Выполнение от 0 до 100 %' })
    .max(100, { error: 'Выполнение от 0 до 100 %' })
    .optional(),
  evidence: evidenceFields.nullish(),
});
export type PlanItemInput = z.output<typeof planItemFields>;

export const newPlanItem = planItemFields.extend({
  parentId: z.uuid({ error: 'Неверный родительский пункт' }).nullish(),
  /** Index among the siblings (0 = first); the item goes last when omitted. */
  position: wholeNumber('Позиция').optional(),
});
export type NewPlanItem = z.output<typeof newPlanItem>;

export const planItemChanges = planItemFields.partial();
export type PlanItemChanges = z.output<typeof planItemChanges>;

/** `parentId`: the new parent, null for the top level, left out to stay under the same parent (a reorder). */
export const planItemMove = z.object({
  parentId: z.uuid({ error: 'Неверный родительский пункт' }).nullish(),
  position: wholeNumber('Позиция').optional(),
});
export type PlanItemMove = z.output<typeof planItemMove>;

/** The end of a period is not before its start; checked on the record as it will be stored. */
export function periodErrors(start: string | null | undefined, end: string | null | undefined, endField: string): FieldError[] {
  return start && end && end < start ? [{ field: endField, message: 'Окончание не может быть раньше начала' }] : [];
}

/** Dates a person names for what is still to come (a request's period, a campaign's start): none before today, the region's date. */
export function pastDateErrors(today: string, dates: Record<string, string | null | undefined>): FieldError[] {
  return Object.entries(dates).flatMap(([field, date]) => (date && date < today ? [{ field, message: 'Дата уже прошла — укажите сегодняшнюю или более позднюю' }] : []));
}

/** «done» means 100 %: a done item with a smaller number is a contradiction the person has to resolve. */
export function progressErrors(record: { state: PlanItemState; progress: number }): FieldError[] {
  if (record.state === 'done' && record.progress !== 100) {
    return [{ field: 'progress', message: 'У выполненного пункта выполнение — 100 %. Смените статус или укажите 100' }];
  }
  return [];
}

/** A link is a web address; other evidence (an event, a document, a file) is referred to by text or id. */
export function evidenceErrors(evidence: Evidence | null | undefined): FieldError[] {
  if (evidence?.kind === 'link' && !z.url({ protocol: /^https?$/ }).safeParse(evidence.reference).success) {
    return [{ field: 'evidence.reference', message: 'Ссылка начинается с http:// или https://' }];
  }
  return [];
}

export function throwIfErrors(errors: FieldError[], detail = 'Проверьте выделенные поля.') {
  if (errors.length) throw invalid(`${detail} ${errors.map((e) => e.message).join('; ')}.`, errors);
}
