import { headerLookup, labelTable, normalizeLabel } from '../../platform/imports/columns';
import { type EvidenceKind, OVERDUE_LABEL, type PlanItemState, evidenceLabels, stateLabels } from './plan-fields';
import { evidenceKinds, planItemStates } from './schema';

/**
 * The plan spreadsheet: one list of columns for import and export, so that an exported file re-imports
 * unchanged. Cells arrive as text (platform/imports/read-spreadsheet.ts) and are read here.
 */

export type PlanColumnField =
  | 'number'
  | 'activity'
  | 'startsOn'
  | 'endsOn'
  | 'period'
  | 'organizations'
  | 'people'
  | 'expectedResult'
  | 'state'
  | 'progress'
  | 'evidenceKind'
  | 'evidenceRef';

export interface PlanColumn {
  header: string;
  field: PlanColumnField;
  /** Other headers accepted on import. */
  aliases: string[];
  /** Width in characters in the exported sheet; import-only columns have none. */
  width?: number;
}

export const planColumns: PlanColumn[] = [
  { header: '№', field: 'number', aliases: ['Уровень', 'Номер', '№ п/п', 'N', 'No', 'Nº'], width: 8 },
  { header: 'Мероприятие', field: 'activity', aliases: ['Мероприятия', 'Наименование мероприятия', 'Содержание деятельности', 'Содержание работы'], width: 60 },
  { header: 'Начало', field: 'startsOn', aliases: ['Дата начала', 'Срок начала'], width: 12 },
  { header: 'Окончание', field: 'endsOn', aliases: ['Дата окончания', 'Срок окончания', 'Срок исполнения', 'Срок'], width: 12 },
  { header: 'Ответственные организации', field: 'organizations', aliases: ['Ответственные ОО', 'Организации', 'Ответственная организация'], width: 32 },
  { header: 'Ответственные лица', field: 'people', aliases: ['Ответственный', 'Ответственные', 'Ответственное лицо', 'Исполнители'], width: 30 },
  { header: 'Ожидаемый результат', field: 'expectedResult', aliases: ['Ожидаемые результаты', 'Результат', 'Планируемый результат'], width: 50 },
  { header: 'Статус', field: 'state', aliases: ['Состояние'], width: 16 },
  { header: 'Выполнение, %', field: 'progress', aliases: ['Выполнение', 'Выполнение %', 'Процент выполнения', '%', 'Прогресс'], width: 14 },
  { header: 'Вид подтверждения', field: 'evidenceKind', aliases: [], width: 18 },
  { header: 'Подтверждение', field: 'evidenceRef', aliases: ['Ссылка на подтверждение', 'Подтверждающий документ'], width: 40 },
  // Import only: the single «Сроки» column of a plan-graph, instead of «Начало» and «Окончание».
  { header: 'Сроки', field: 'period', aliases: ['Сроки проведения', 'Сроки исполнения', 'Сроки реализации', 'Период'] },
];

export const exportedColumns = planColumns.filter((c) => c.width !== undefined);

/** The column a header names, ignoring case, extra spaces and a trailing «*». */
export const planColumnForHeader = headerLookup(planColumns);

const stateByLabel = labelTable(planItemStates, stateLabels, {
  Запланирован: 'planned',
  Запланирована: 'planned',
  Планируется: 'planned',
  'Не начато': 'planned',
  'В процессе': 'in_progress',
  Выполняется: 'in_progress',
  Начато: 'in_progress',
  'В исполнении': 'in_progress',
  Выполнен: 'done',
  Выполнена: 'done',
  Завершено: 'done',
  Исполнено: 'done',
  Отменён: 'cancelled',
  Отменена: 'cancelled',
});

const evidenceByLabel = labelTable(evidenceKinds, evidenceLabels, { Событие: 'event', Ссылку: 'link', URL: 'link' });

export type CellReading<T> = { value: T } | { error: string };

export function readState(cell: string): CellReading<PlanItemState | undefined> {
  if (!cell.trim()) return { value: undefined };
  const state = stateByLabel.get(normalizeLabel(cell));
  if (state) return { value: state };
  if (normalizeLabel(cell) === normalizeLabel(OVERDUE_LABEL)) {
    return { error: '«Просрочено» ставится само, когда срок прошёл. Укажите «Запланировано» или «В работе»' };
  }
  return { error: `Неизвестный статус «${cell.trim()}». Допустимые: ${Object.values(stateLabels).join(', ')}` };
}

/** «40», «40 %», «40,0»; a fraction below 1 (Excel's percent format stores 40 % as 0,4) is read as a share. */
export function readProgress(cell: string): CellReading<number | undefined> {
  const compact = cell.replace(/[\s\u00a0%]/g, '').replace(',', '.');
  if (!compact) return { value: undefined };
  if (!/^\d+(\.\d+)?$/.test(compact)) return { error: `Выполнение — число от 0 до 100, а не «${cell.trim()}»` };
  let value = Number(compact);
  if (value > 0 && value < 1 && !cell.includes('%')) value *= 100;
  value = Math.round(value);
  return value <= 100 ? { value } : { error: 'Выполнение — от 0 до 100 %' };
}

export function readEvidenceKind(cell: string): CellReading<EvidenceKind | undefined> {
  if (!cell.trim()) return { value: undefined };
  const kind = evidenceByLabel.get(normalizeLabel(cell));
  return kind ? { value: kind } : { error: `Неизвестный вид подтверждения «${cell.trim()}». Допустимые: ${Object.values(evidenceLabels).join(', ')}` };
}

/** «1», «1.2», «1.2.3» (a trailing dot is fine); null for a blank cell. */
export function readNumber(cell: string): CellReading<string | null> {
  const compact = cell.replace(/\s/g, '').replace(/\.$/, '');
  if (!compact) return { value: null };
  if (!/^\d+(\.\d+)*$/.test(compact)) return { error: `«${cell.trim()}» — не номер пункта. Нумеруйте так: 1, 1.1, 1.2, 2` };
  // «01.02» and «1.2» are the same item number.
  return { value: compact.split('.').map((part) => String(Number(part))).join('.') };
}

/** For matching organisation names: case, «ё», quotes and the space after «№» do not matter. */
export function organizationKey(name: string): string {
  return normalizeLabel(name).replace(/[«»"“”„']/g, '').replace(/№\s*/g, '№').replace(/\s+/g, ' ').trim();
}

export interface MemberLookup {
  /** organizationKey(short or full name) → ids of active members with that name */
  byName: Map<string, string[]>;
  shortNames: Map<string, string>;
}

export function memberLookup(members: { id: string; shortName: string; fullName: string }[]): MemberLookup {
  const byName = new Map<string, string[]>();
  const add = (name: string, id: string) => {
    const key = organizationKey(name);
    if (!key) return;
    const ids = byName.get(key) ?? [];
    if (!ids.includes(id)) byName.set(key, [...ids, id]);
  };
  for (const member of members) {
    add(member.shortName, member.id);
    add(member.fullName, member.id);
  }
  return { byName, shortNames: new Map(members.map((m) => [m.id, m.shortName])) };
}

/**
 * Short (or full) names separated by commas, semicolons or line breaks, each matched to an active member
 * of the network. A name that itself contains a comma is recognised by trying the longest run of
 * comma-separated parts first.
 */
export function readOrganizations(cell: string, lookup: MemberLookup): CellReading<string[]> {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const segment of cell.split(/[;\n]/)) {
    const parts = segment.split(',').map((p) => p.trim());
    let start = 0;
    while (start < parts.length) {
      if (!parts[start]) {
        start++;
        continue;
      }
      let matched = false;
      for (let end = parts.length; end > start; end--) {
        const name = parts.slice(start, end).join(', ');
        const found = lookup.byName.get(organizationKey(name));
        if (!found) continue;
        if (found.length > 1) return { error: `Участников с названием «${name}» несколько; укажите полное наименование` };
        if (!ids.includes(found[0])) ids.push(found[0]);
        start = end;
        matched = true;
        break;
      }
      if (!matched) {
        unknown.push(parts[start]);
        start++;
      }
    }
  }
  if (unknown.length) {
    const members = [...lookup.shortNames.values()].sort((a, b) => a.localeCompare(b, 'ru'));
    const shown = members.slice(0, 15).join(', ') + (members.length > 15 ? ' и др.' : '');
    return {
      error: `${unknown.map((n) => `«${n}»`).join(', ')} — нет среди действующих участников сети. Пишите краткие наименования через запятую${members.length ? `: ${shown}` : ''}`,
    };
  }
  return { value: ids };
}
