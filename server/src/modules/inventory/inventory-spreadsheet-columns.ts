import { headerLookup, labelTable, normalizeLabel } from '../../platform/imports/columns';
import { categoryLabels, conditionLabels, mobilityLabels, priorityLabels, weekdayLabels } from './inventory-fields';
import { needPriorities, resourceCategories, resourceConditions, resourceMobilities } from './schema';

/**
 * The network inventory workbook: one list of columns per sheet for import and export, so that an
 * exported file re-imports unchanged. Cells arrive as text (platform/imports/read-spreadsheet.ts) and are read here.
 */

export type InventorySheet = 'offers' | 'needs';
export const sheetNames: Record<InventorySheet, string> = { offers: 'Ресурсы', needs: 'Потребности' };

export type InventoryColumnField =
  | 'inn'
  | 'organization'
  | 'category'
  | 'title'
  | 'description'
  | 'tags'
  | 'conditions'
  | 'mobility'
  | 'weekdays'
  | 'availableFrom'
  | 'availableTo'
  | 'capacity'
  | 'priority'
  | 'neededFrom'
  | 'neededTo'
  | 'id';

export interface InventoryColumn {
  header: string;
  field: InventoryColumnField;
  /** Other headers accepted on import. */
  aliases: string[];
  /** Width in characters in the exported sheet. */
  width: number;
}

const organizationColumns: InventoryColumn[] = [
  { header: 'ИНН', field: 'inn', aliases: ['ИНН организации'], width: 14 },
  { header: 'Организация', field: 'organization', aliases: ['Краткое наименование', 'Краткое наименование организации', 'Образовательная организация'], width: 30 },
  { header: 'Категория', field: 'category', aliases: ['Вид ресурса', 'Вид', 'Тип ресурса'], width: 26 },
];
const descriptionColumns = (titleAliases: string[]): InventoryColumn[] => [
  { header: 'Название', field: 'title', aliases: ['Наименование', ...titleAliases], width: 40 },
  { header: 'Описание', field: 'description', aliases: ['Подробнее', 'Комментарий'], width: 60 },
  { header: 'Направления', field: 'tags', aliases: ['Теги', 'Предметы и направления', 'Предметы', 'Направление'], width: 30 },
];
/** The row's own id, so a re-imported row updates its record instead of adding a copy. */
const idColumn: InventoryColumn = { header: 'Идентификатор', field: 'id', aliases: ['ID', 'Код записи'], width: 38 };

export const inventoryColumns: Record<InventorySheet, InventoryColumn[]> = {
  offers: [
    ...organizationColumns,
    ...descriptionColumns(['Ресурс']),
    { header: 'Условия', field: 'conditions', aliases: ['Условия предоставления'], width: 14 },
    { header: 'Где используется', field: 'mobility', aliases: ['Формат', 'Мобильность', 'Место использования'], width: 22 },
    { header: 'Дни недели', field: 'weekdays', aliases: ['Дни'], width: 16 },
    { header: 'Доступно с', field: 'availableFrom', aliases: ['Доступен с', 'Начало'], width: 12 },
    { header: 'Доступно по', field: 'availableTo', aliases: ['Доступен по', 'Окончание'], width: 12 },
    { header: 'Вместимость', field: 'capacity', aliases: ['Мест', 'Количество мест'], width: 12 },
    idColumn,
  ],
  needs: [
    ...organizationColumns,
    ...descriptionColumns(['Потребность']),
    { header: 'Приоритет', field: 'priority', aliases: ['Важность'], width: 12 },
    { header: 'Нужно с', field: 'neededFrom', aliases: ['Начало'], width: 12 },
    { header: 'Нужно по', field: 'neededTo', aliases: ['Окончание'], width: 12 },
    idColumn,
  ],
};

const columnLookups = { offers: headerLookup(inventoryColumns.offers), needs: headerLookup(inventoryColumns.needs) };

/** The column a header names on a sheet, ignoring case, extra spaces and a trailing «*». */
export function inventoryColumnForHeader(sheet: InventorySheet, header: string): InventoryColumn | undefined {
  return columnLookups[sheet](header);
}

/** Which sheet a worksheet is: by its name in a workbook; a CSV (no name) by whether it has needs' columns. */
export function sheetOf(name: string, headers: string[]): InventorySheet | null {
  if (!name) return headers.some((h) => ['priority', 'neededFrom', 'neededTo'].includes(inventoryColumnForHeader('needs', h)?.field ?? '')) ? 'needs' : 'offers';
  const normalized = normalizeLabel(name);
  if (['ресурсы', 'ресурс'].includes(normalized)) return 'offers';
  if (['потребности', 'потребность', 'дефициты'].includes(normalized)) return 'needs';
  return null;
}

export type CellReading<T> = { value: T } | { error: string };

function choice<T extends string>(codes: readonly T[], labels: Record<T, string>, aliases: Record<string, T>, what: string) {
  const table = labelTable(codes, labels, aliases);
  return (cell: string): CellReading<T | undefined> => {
    if (!cell.trim()) return { value: undefined };
    const code = table.get(normalizeLabel(cell));
    return code ? { value: code } : { error: `${what} «${cell.trim()}» не распознан(а). Допустимые: ${codes.map((c) => labels[c]).join(', ')}` };
  };
}

export const readCategory = choice(
  resourceCategories,
  categoryLabels,
  {
    Кадровый: 'staff',
    Кадры: 'staff',
    Информационный: 'information',
    'Материально-технический': 'facilities',
    'Материально-техническая база': 'facilities',
    Оборудование: 'facilities',
    'Учебно-методический': 'methodical',
    Методические: 'methodical',
    Социальный: 'social',
  },
  'Категория',
);
export const readConditions = choice(
  resourceConditions,
  conditionLabels,
  { Бесплатный: 'free', Безвозмездно: 'free', 'На условиях обмена': 'exchange', Платный: 'paid', Платные: 'paid' },
  'Условие',
);
export const readMobility = choice(
  resourceMobilities,
  mobilityLabels,
  { 'На месте': 'on_site', 'У нас': 'on_site', Выездной: 'travels', Выезжает: 'travels', Дистанционный: 'remote', Онлайн: 'remote' },
  'Способ использования',
);
export const readPriority = choice(needPriorities, priorityLabels, { Высокая: 'high', Средняя: 'medium', Низкая: 'low' }, 'Приоритет');

/** Tags separated by commas, semicolons or line breaks; normalised by the fields' schema. */
export const readTags = (cell: string): string[] => cell.split(/[,;\n]/).filter((tag) => tag.trim());

const weekdayNames = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];
function weekdayOf(word: string): number | null {
  const lower = normalizeLabel(word).replace(/\.$/, '');
  if (/^[1-7]$/.test(lower)) return Number(lower);
  const index = weekdayLabels.findIndex((label, i) => lower === label || (lower.length >= 3 && weekdayNames[i].startsWith(lower)));
  return index < 0 ? null : index + 1;
}

/** «пн, ср, пт», «пн–пт», «1, 3, 5», «понедельник»; blank means any day. */
export function readWeekdays(cell: string): CellReading<number[]> {
  const days: number[] = [];
  const parts = cell
    .replace(/\s*[-–—]\s*/g, '–')
    .split(/[,;\s]+/)
    .filter((part) => part && normalizeLabel(part) !== 'и');
  for (const part of parts) {
    const range = part.split('–');
    const [first, last] = [weekdayOf(range[0]), weekdayOf(range[range.length - 1])];
    if (range.length > 2 || first === null || last === null || last < first) {
      return { error: `«${part}» — не день недели. Пишите так: пн, ср, пт или пн–пт` };
    }
    for (let day = first; day <= last; day++) days.push(day);
  }
  return { value: days };
}

export const writeWeekdays = (days: readonly number[]) => days.map((day) => weekdayLabels[day - 1]).join(', ');

/** A whole number of places; blank when it does not apply. */
export function readCapacity(cell: string): CellReading<number | null> {
  const compact = cell.replace(/[\s\u00a0]/g, '');
  if (!compact) return { value: null };
  return /^\d{1,7}$/.test(compact) ? { value: Number(compact) } : { error: `Вместимость — целое число не меньше 0, а не «${cell.trim()}»` };
}
