import { type ImportColumn, labelTable, normalizeLabel } from '../../platform/imports/columns';
import type { OrganizationInput } from './fields';
import { type OrganizationKind, type OrganizationStatus, organizationKinds, organizationStatuses } from './schema';

/**
 * The registry spreadsheet: one list of columns for both import and export, so that an exported file
 * re-imports unchanged. Cells are read as text (see read-spreadsheet.ts) and turned here into the values
 * `organizationFields` validates; labels are what people see in Russian Excel.
 */

export const kindLabels: Record<OrganizationKind, string> = {
  school: 'Школа',
  lyceum: 'Лицей',
  gymnasium: 'Гимназия',
  preschool: 'Детский сад',
  supplementary: 'Организация доп. образования',
  college: 'Колледж',
  university: 'Вуз',
  ngo: 'НКО',
  library: 'Библиотека',
  museum: 'Музей',
  culture: 'Учреждение культуры',
  sports: 'Спортивная организация',
  enterprise: 'Предприятие',
  authority: 'Орган управления образованием',
  methodical_centre: 'Методический центр',
};

export const statusLabels: Record<OrganizationStatus, string> = {
  base_school: 'Базовая школа',
  innovation_site: 'Инновационная площадка',
  low_results: 'ШНОР',
  adverse_conditions: 'ШНСУ',
  resilient: 'Резильентная школа',
  consultant: 'Школа-консультант',
};

// Other spellings people type, including the labels of the web interface.
const kindAliases: Record<string, OrganizationKind> = {
  'Дополнительное образование': 'supplementary',
  'Организация дополнительного образования': 'supplementary',
  'Колледж, техникум': 'college',
  Техникум: 'college',
};

const kindByLabel = labelTable(organizationKinds, kindLabels, kindAliases);
const statusByLabel = labelTable(organizationStatuses, statusLabels);

/** What a column needs besides the cell itself: municipality names of the region. */
export interface CellLookups {
  /** normalizeLabel(name) → municipality id */
  municipalityIdByName: Map<string, string>;
}

export type CellReading = { value: unknown } | { error: string };

/** The fields of an organisation an exported row shows. */
export type SpreadsheetOrganization = Pick<
  OrganizationInput,
  'kind' | 'fullName' | 'shortName' | 'inn' | 'ogrn' | 'externalId' | 'municipalityId' | 'lat' | 'lon'
> & {
  statuses: string[];
  municipalityName: string;
  address: string;
  headName: string;
  phone: string;
  email: string;
  website: string;
  description: string;
};

export type ImportedField = keyof OrganizationInput;

export interface SpreadsheetColumn extends ImportColumn<ImportedField> {
  /** Width in characters in the exported sheet. */
  width: number;
  /** Written as text so that Excel keeps every digit (and a leading zero). */
  asText?: boolean;
  read(cell: string, lookups: CellLookups): CellReading;
  write(organization: SpreadsheetOrganization): string | number | null;
}

const text = (cell: string): CellReading => ({ value: cell });

// Excel shows long numbers as 1,02770E+12 and saves them so into CSV; the digits are gone by then.
const exponentNotation = /^\d+([.,]\d+)?e\+?\d+$/i;

function identifier(name: string, length: number) {
  return (cell: string): CellReading => {
    const compact = cell.replace(/[\s\u00a0]/g, '');
    if (exponentNotation.test(compact)) {
      return { error: `Excel сократил ${name} до «${cell}». Отформатируйте столбец как текстовый и введите ${name} заново` };
    }
    // A number cell loses the leading zero of INNs of regions 01–09.
    return { value: /^\d+$/.test(compact) && compact.length === length - 1 ? `0${compact}` : compact };
  };
}

function coordinate(name: string) {
  return (cell: string): CellReading => {
    const compact = cell.replace(/[\s\u00a0]/g, '').replace('−', '-').replace(',', '.');
    if (!compact) return { value: null };
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(compact)) return { error: `${name} — число, например 54,71 или 54.71` };
    return { value: Number(compact) };
  };
}

function readKind(cell: string): CellReading {
  if (!cell.trim()) return { value: undefined };
  const kind = kindByLabel.get(normalizeLabel(cell));
  return kind ? { value: kind } : { error: `Неизвестный тип «${cell.trim()}». Допустимые: ${Object.values(kindLabels).join(', ')}` };
}

function readStatuses(cell: string): CellReading {
  const statuses: OrganizationStatus[] = [];
  for (const label of cell.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean)) {
    const status = statusByLabel.get(normalizeLabel(label));
    if (!status) return { error: `Неизвестный статус «${label}». Допустимые: ${Object.values(statusLabels).join(', ')}` };
    statuses.push(status);
  }
  return { value: statuses };
}

function readMunicipality(cell: string, lookups: CellLookups): CellReading {
  if (!cell.trim()) return { value: undefined };
  const id = lookups.municipalityIdByName.get(normalizeLabel(cell));
  return id ? { value: id } : { error: `Муниципалитет «${cell.trim()}» не найден в регионе. Напишите его так, как в справочнике муниципалитетов` };
}

export const spreadsheetColumns: SpreadsheetColumn[] = [
  { header: 'Полное наименование', field: 'fullName', required: true, width: 60, read: text, write: (o) => o.fullName },
  { header: 'Краткое наименование', field: 'shortName', required: true, width: 30, read: text, write: (o) => o.shortName },
  { header: 'Тип', field: 'kind', required: true, aliases: ['Тип организации'], width: 24, read: readKind, write: (o) => kindLabels[o.kind] },
  { header: 'ИНН', field: 'inn', required: false, width: 14, asText: true, read: identifier('ИНН', 10), write: (o) => o.inn },
  { header: 'ОГРН', field: 'ogrn', required: false, width: 17, asText: true, read: identifier('ОГРН', 13), write: (o) => o.ogrn },
  { header: 'Внешний код', field: 'externalId', required: false, width: 16, asText: true, read: text, write: (o) => o.externalId },
  { header: 'Муниципалитет', field: 'municipalityId', required: true, width: 30, read: readMunicipality, write: (o) => o.municipalityName },
  {
    header: 'Статусы',
    field: 'statuses',
    required: false,
    width: 32,
    read: readStatuses,
    write: (o) => o.statuses.map((s) => statusLabels[s as OrganizationStatus] ?? s).join(', '),
  },
  { header: 'Адрес', field: 'address', required: false, width: 45, read: text, write: (o) => o.address },
  { header: 'Широта', field: 'lat', required: false, width: 11, read: coordinate('Широта'), write: (o) => o.lat },
  { header: 'Долгота', field: 'lon', required: false, width: 11, read: coordinate('Долгота'), write: (o) => o.lon },
  { header: 'Руководитель', field: 'headName', required: false, aliases: ['ФИО руководителя'], width: 32, read: text, write: (o) => o.headName },
  { header: 'Телефон', field: 'phone', required: false, width: 20, read: text, write: (o) => o.phone },
  { header: 'Эл. почта', field: 'email', required: false, aliases: ['Электронная почта', 'E-mail', 'Email'], width: 28, read: text, write: (o) => o.email },
  { header: 'Сайт', field: 'website', required: false, width: 30, read: text, write: (o) => o.website },
  { header: 'Описание', field: 'description', required: false, width: 50, read: text, write: (o) => o.description },
];
