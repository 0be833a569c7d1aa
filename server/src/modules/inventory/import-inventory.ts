import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, invalid } from '../../platform/problem';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork } from '../networks/access';
import type { SpreadsheetFile } from '../../platform/imports/spreadsheet-file';
import { type OrganizationState, organizations } from '../organizations/schema';
import { parsePlanDate } from '../plans/plan-dates';
import { periodErrors } from '../plans/plan-fields';
import { organizationKey } from '../plans/plan-spreadsheet-columns';
import { needFields, offerFields } from './inventory-fields';
import { type ItemKind, changedValues, insertItemsIn, needKind, offerKind, writeItemIn } from './inventory-items';
import {
  type CellReading,
  type InventoryColumnField,
  type InventorySheet,
  inventoryColumnForHeader,
  inventoryColumns,
  readCapacity,
  readCategory,
  readConditions,
  readMobility,
  readPriority,
  readTags,
  readWeekdays,
  sheetNames,
  sheetOf,
} from './inventory-spreadsheet-columns';
import { inventoryPolicy } from './policy';
import type { NeedRow, OfferRow } from './present-inventory';

export const MAX_IMPORTED_ROWS = 5000;
const BATCH_SIZE = 500;

export interface InventoryImportError {
  /** The sheet's name as the person sees it: «Ресурсы» or «Потребности». */
  sheet: string;
  /** Excel row number (the header is row 1). */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  message: string;
}

type Row = OfferRow | NeedRow;
type RowAction = 'create' | 'update' | 'unchanged';

/** A row that read without errors, and what the commit will do with it. */
interface PlannedRow {
  sheet: InventorySheet;
  row: number;
  organizationId: string;
  organizationName: string;
  title: string;
  /** The record the row updates; null for a new one. */
  existing: Row | null;
  values: Partial<Row>;
  action: RowAction;
}

const kinds: Record<InventorySheet, ItemKind<OfferRow, unknown> | ItemKind<NeedRow, unknown>> = { offers: offerKind, needs: needKind };

/** Reads and checks the workbook against the network's members and the caller's rights; writes nothing. */
export async function previewInventoryImport(context: CommandContext, networkId: string, file: SpreadsheetFile) {
  const reading = await readInventoryFile(context, networkId, file);
  const count = (action: RowAction) => reading.rows.filter((r) => r.action === action).length;
  return {
    networkId,
    fileName: reading.fileName,
    total: reading.total,
    toCreate: count('create'),
    toUpdate: count('update'),
    unchanged: count('unchanged'),
    rows: reading.rows.map((r) => ({ sheet: sheetNames[r.sheet], row: r.row, action: r.action, organizationName: r.organizationName, title: r.title })),
    errors: reading.errors,
    ignoredColumns: reading.ignoredColumns,
    ignoredSheets: reading.ignoredSheets,
    canCommit: reading.errors.length === 0,
  };
}

/**
 * Reads the workbook again and writes every row in one transaction, or nothing: a file with any error is
 * refused with the same per-row errors the preview shows.
 */
export async function commitInventoryImport(context: CommandContext, networkId: string, file: SpreadsheetFile) {
  const reading = await readInventoryFile(context, networkId, file);
  if (reading.errors.length) {
    throw new Problem(400, 'Ошибки в файле', `В файле ошибок: ${reading.errors.length}. Ничего не записано — исправьте строки и загрузите файл снова.`, {
      errors: reading.errors.map((e) => ({ field: 'file', ...e })),
    });
  }
  return context.db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const sheet of ['offers', 'needs'] as const) {
      const kind = kinds[sheet] as ItemKind<Row, unknown>;
      const rows = reading.rows.filter((r) => r.sheet === sheet);
      const fresh = rows.filter((r) => r.action === 'create');
      for (let start = 0; start < fresh.length; start += BATCH_SIZE) {
        created += (await insertItemsIn(tx, context, kind, fresh.slice(start, start + BATCH_SIZE), 'imported')).length;
      }
      // Only rows the file changes are written (rows left as exported may be other organisations'), compared
      // again under a row lock so that only real changes bump the version.
      const changed = rows.filter((r) => r.action === 'update');
      if (!changed.length) continue;
      const locked = new Map(
        ((await tx
          .select()
          .from(kind.table)
          .where(inArray(kind.table.id, changed.map((r) => r.existing!.id)))
          .for('update')) as Row[]).map((row) => [row.id, row]),
      );
      for (const planned of changed) {
        const current = locked.get(planned.existing!.id)!;
        const values = changedValues(current, planned.values);
        if (!Object.keys(values).length) continue;
        await writeItemIn(tx, context, kind, current, current.version, values, 'updated');
        updated++;
      }
    }
    const unchanged = reading.rows.length - created - updated;
    await recordAudit(tx, context, { action: 'inventory.imported', entityType: 'network', entityId: networkId, after: { fileName: reading.fileName, created, updated, unchanged } });
    return { created, updated, unchanged };
  });
}

// ───────────────────────────── reading the file ─────────────────────────────

const fileError = (detail: string, message = detail) => invalid(detail, [{ field: 'file', message }]);

interface Member {
  id: string;
  inn: string | null;
  shortName: string;
  state: OrganizationState;
}

interface SheetContext {
  sheet: InventorySheet;
  columns: Map<InventoryColumnField, string>;
  existing: Map<string, Row>;
  /** Record id → the row it already appeared on. */
  seen: Map<string, number>;
}

async function readInventoryFile(context: CommandContext, networkId: string, file: SpreadsheetFile) {
  authorize(context.actor, inventoryPolicy.read);
  const actor = context.actor;
  const network = await loadVisibleNetwork(context.db, actor, networkId);
  // Only then is the file received: someone who heads none of the members has nothing to import here.
  const memberIds = await activeMemberIds(context.db, network.id);
  authorize(actor, (a) => inventoryPolicy.import(a, memberIds));
  const { fileName, sheets: workbook } = await file.allSheets();

  const sheets: { sheet: InventorySheet; rows: { rowNumber: number; cells: Record<string, string> }[]; columns: Map<InventoryColumnField, string> }[] = [];
  const ignoredSheets: string[] = [];
  const ignoredColumns: string[] = [];
  for (const read of workbook) {
    const sheet = sheetOf(read.name, read.headers);
    if (!sheet) {
      ignoredSheets.push(read.name);
      continue;
    }
    if (sheets.some((s) => s.sheet === sheet)) throw fileError(`В книге два листа «${sheetNames[sheet]}». Оставьте один.`);
    const { columns, ignored } = bindColumns(sheet, read.headers);
    ignoredColumns.push(...ignored.map((header) => `${sheetNames[sheet]}: ${header}`));
    sheets.push({ sheet, rows: read.rows, columns });
  }
  if (!sheets.length) {
    throw fileError('В книге нет листов «Ресурсы» и «Потребности». Выгрузите ресурсы сети в Excel и заполните этот файл.', 'Нет листов «Ресурсы» и «Потребности»');
  }
  const total = sheets.reduce((sum, s) => sum + s.rows.length, 0);
  if (!total) throw fileError('В файле нет строк с ресурсами или потребностями: заполните таблицу под строкой заголовков.', 'Нет данных');
  if (total > MAX_IMPORTED_ROWS) throw fileError(`Строк в файле: ${total}, а за один раз можно загрузить не больше ${MAX_IMPORTED_ROWS}. Разделите файл на части.`);

  const members = await memberRows(context, memberIds);
  const errors = new ImportErrors();
  const rows: PlannedRow[] = [];
  for (const { sheet, rows: sheetRows, columns } of sheets) {
    const existing = await existingRows(context, sheet, sheetRows, columns);
    const sheetContext: SheetContext = { sheet, columns, existing, seen: new Map() };
    for (const { rowNumber, cells } of sheetRows) {
      const planned = readRow(sheetContext, rowNumber, cells, { actor, network, members, errors });
      if (planned) rows.push(planned);
    }
  }
  return { fileName, total, rows, errors: errors.list(), ignoredColumns, ignoredSheets };
}

/** Header in the file → its column on the sheet; the file's own extra columns are ignored. */
function bindColumns(sheet: InventorySheet, headers: string[]) {
  const columns = new Map<InventoryColumnField, string>();
  const ignored: string[] = [];
  for (const header of headers) {
    const column = inventoryColumnForHeader(sheet, header);
    if (!column) {
      ignored.push(header);
      continue;
    }
    const earlier = columns.get(column.field);
    if (earlier !== undefined) {
      throw fileError(`На листе «${sheetNames[sheet]}» столбец «${column.header}» встречается дважды («${earlier}» и «${header}»). Оставьте один.`, `Повторяется столбец «${column.header}»`);
    }
    columns.set(column.field, header);
  }
  const missing = [
    ...(columns.has('inn') || columns.has('organization') ? [] : ['ИНН или Организация']),
    ...(['category', 'title'] as const).filter((field) => !columns.has(field)).map((field) => inventoryColumns[sheet].find((c) => c.field === field)!.header),
  ];
  if (missing.length) {
    throw fileError(
      `На листе «${sheetNames[sheet]}» нет столбцов: ${missing.map((m) => `«${m}»`).join(', ')}. Заголовки ищутся в первой заполненной строке листа: ${inventoryColumns[sheet].map((c) => c.header).join(', ')}.`,
      `Нет столбцов: ${missing.join(', ')}`,
    );
  }
  return { columns, ignored };
}

async function memberRows(context: CommandContext, ids: string[]) {
  const rows: Member[] = ids.length
    ? await context.db.select({ id: organizations.id, inn: organizations.inn, shortName: organizations.shortName, state: organizations.state }).from(organizations).where(inArray(organizations.id, ids))
    : [];
  const byName = new Map<string, Member[]>();
  for (const member of rows) {
    const key = organizationKey(member.shortName);
    byName.set(key, [...(byName.get(key) ?? []), member]);
  }
  return { byInn: new Map(rows.filter((m) => m.inn).map((m) => [m.inn!, m])), byName };
}

const isUuid = (text: string) => z.uuid().safeParse(text).success;

/** The records the sheet's rows name by id, whoever they belong to (a row may not move a record between organisations). */
async function existingRows(context: CommandContext, sheet: InventorySheet, rows: { cells: Record<string, string> }[], columns: Map<InventoryColumnField, string>) {
  const header = columns.get('id');
  const ids = header ? [...new Set(rows.map((r) => (r.cells[header] ?? '').trim().toLowerCase()).filter(isUuid))] : [];
  if (!ids.length) return new Map<string, Row>();
  const table = kinds[sheet].table;
  const found = (await context.db.select().from(table).where(inArray(table.id, ids))) as Row[];
  return new Map(found.map((row) => [row.id, row]));
}

/** Errors by sheet, row and column, one per cell, listed in sheet, row and column order. */
class ImportErrors {
  private readonly cells = new Map<string, InventoryImportError>();

  add(sheet: InventorySheet, row: number, columnIndex: number, column: string, message: string) {
    const key = `${sheet === 'offers' ? 0 : 1}|${String(row).padStart(7, '0')}|${String(columnIndex).padStart(2, '0')}`;
    if (!this.cells.has(key)) this.cells.set(key, { sheet: sheetNames[sheet], row, column, message });
  }

  list(): InventoryImportError[] {
    return [...this.cells.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, error]) => error);
  }
}

const fieldsOf = { offers: offerFields, needs: needFields };

function readRow(
  { sheet, columns, existing, seen }: SheetContext,
  row: number,
  cells: Record<string, string>,
  { actor, network, members, errors }: { actor: Actor; network: NetworkRow; members: Awaited<ReturnType<typeof memberRows>>; errors: ImportErrors },
): PlannedRow | null {
  const sheetColumns = inventoryColumns[sheet];
  const cell = (field: InventoryColumnField) => {
    const header = columns.get(field);
    return header === undefined ? '' : (cells[header] ?? '');
  };
  let failed = false;
  const fail = (field: InventoryColumnField, message: string) => {
    failed = true;
    const index = sheetColumns.findIndex((c) => c.field === field);
    errors.add(sheet, row, index, columns.get(field) ?? sheetColumns[index].header, message);
  };
  const take = <T>(field: InventoryColumnField, reading: CellReading<T>): T | undefined => {
    if ('error' in reading) {
      fail(field, reading.error);
      return undefined;
    }
    return reading.value;
  };

  // Whose row it is: the INN, else the exact short name, among the network's active members.
  const inn = cell('inn').replace(/[\s\u00a0]/g, '');
  const name = cell('organization').trim();
  // Whose-row errors go to the organisation's name when the file has it.
  const organizationField: InventoryColumnField = columns.has('organization') ? 'organization' : 'inn';
  let organization: Member | undefined;
  if (inn) {
    // A number cell loses the leading zero of INNs of regions 01–09.
    organization = members.byInn.get(inn) ?? members.byInn.get(`0${inn}`);
    if (!organization) fail('inn', `Организации с ИНН ${inn} нет среди действующих участников сети «${network.name}»`);
  } else if (name) {
    const found = members.byName.get(organizationKey(name)) ?? [];
    if (found.length > 1) fail('organization', `Участников с названием «${name}» несколько; укажите ИНН`);
    else if (!found.length) fail('organization', `«${name}» — нет среди действующих участников сети «${network.name}». Укажите ИНН или краткое наименование участника`);
    organization = found.length === 1 ? found[0] : undefined;
  } else {
    fail(organizationField, 'Укажите ИНН или краткое наименование организации');
  }
  // The record a row updates, by the id the export wrote.
  const id = cell('id').trim().toLowerCase();
  let current: Row | null = null;
  if (id) {
    current = existing.get(id) ?? null;
    if (!isUuid(id)) fail('id', `«${cell('id').trim()}» — не идентификатор записи. Оставьте ячейку пустой, чтобы добавить новую запись`);
    else if (!current) fail('id', 'Записи с таким идентификатором нет. Оставьте ячейку пустой, чтобы добавить новую запись');
    else if (organization && current.organizationId !== organization.id) fail('id', 'Эта запись принадлежит другой организации: строку нельзя перенести, добавьте новую без идентификатора');
    else if (seen.has(id)) fail('id', `Эта запись уже есть в строке ${seen.get(id)}`);
    seen.set(id, row);
  }

  const { from: fromField, to: toField } = kinds[sheet].period as { from: InventoryColumnField; to: InventoryColumnField };
  const input: Record<string, unknown> = {
    category: take('category', readCategory(cell('category'))),
    title: cell('title'),
    description: cell('description'),
    tags: readTags(cell('tags')),
    [fromField]: take(fromField, parsePlanDate(cell(fromField), 'start')),
    [toField]: take(toField, parsePlanDate(cell(toField), 'end')),
    ...(sheet === 'offers'
      ? {
          conditions: take('conditions', readConditions(cell('conditions'))),
          mobility: take('mobility', readMobility(cell('mobility'))),
          weekdays: take('weekdays', readWeekdays(cell('weekdays'))),
          capacity: take('capacity', readCapacity(cell('capacity'))),
        }
      : { priority: take('priority', readPriority(cell('priority'))) }),
  };
  const parsed = fieldsOf[sheet].safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fail(String(issue.path[0]) as InventoryColumnField, issue.message);
  }
  for (const error of periodErrors(input[fromField] as string | null | undefined, input[toField] as string | null | undefined, toField)) fail(toField, error.message);
  const editable = !!organization && inventoryPolicy.edit(actor, organization.id);
  const refuse = (who: Member) => fail(organizationField, `Вы не можете менять ресурсы организации «${who.shortName}»: их ведут администраторы этой организации`);
  if (failed || !parsed.success || !organization) {
    if (organization && !editable) refuse(organization);
    return null;
  }

  const values = parsed.data as Partial<Row>;
  const action: RowAction = !current ? 'create' : Object.keys(changedValues(current, values)).length ? 'update' : 'unchanged';
  // Another organisation's row left as it was exported is no edit: a head can upload the whole network's file back.
  if (action !== 'unchanged' && !editable) {
    refuse(organization);
    return null;
  }
  if (action !== 'unchanged' && organization.state === 'archived') {
    fail(organizationField, `Организация «${organization.shortName}» в архиве: её ресурсы и потребности не меняются`);
    return null;
  }
  return { sheet, row, organizationId: organization.id, organizationName: organization.shortName, title: parsed.data.title, existing: current, values, action };
}
