import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, invalid } from '../../platform/problem';
import { type NetworkRow, activeMemberIds } from '../networks/access';
import type { SpreadsheetFile } from '../../platform/imports/spreadsheet-file';
import { type ImportError, RowErrors } from '../../platform/imports/row-errors';
import { organizations } from '../organizations/schema';
import { getPlan } from './get-plan';
import { itemReferenceErrors } from './item-checks';
import { type PlanRow, loadVisiblePlan, lockPlan } from './plan-access';
import { parsePlanDate, parsePlanPeriod } from './plan-dates';
import { type Evidence, type PlanItemState, evidenceErrors, periodErrors, planItemFields, progressErrors } from './plan-fields';
import { type PlanItemStatus, isOverdue, itemStatus } from './plan-item-status';
import {
  type MemberLookup,
  type PlanColumn,
  type PlanColumnField,
  memberLookup,
  planColumnForHeader,
  planColumns,
  readEvidenceKind,
  readNumber,
  readOrganizations,
  readProgress,
  readState,
} from './plan-spreadsheet-columns';
import { planPolicy } from './policy';
import { regionToday } from '../territory/region-clock';
import { planItems } from './schema';

export const MAX_IMPORTED_ITEMS = 2000;
const BATCH_SIZE = 500;

/** «append» adds the file's items after the plan's own; «replace» deletes the plan's items and writes the file's instead. */
export type ImportMode = 'append' | 'replace';

export interface PlanImportRow {
  row: number;
  /** The item's number in the plan once written: the file's own, or the next free one. */
  number: string;
  /** The file row of the parent item, or null for a top-level item. */
  parentRow: number | null;
  depth: number;
  activity: string;
  startsOn: string | null;
  endsOn: string | null;
  responsibleOrganizations: { id: string; shortName: string }[];
  responsiblePeople: string;
  expectedResult: string;
  state: PlanItemState;
  progress: number;
  evidence: Evidence | null;
  status: PlanItemStatus;
  overdue: boolean;
}

export interface PlanImportPreview {
  planId: string;
  fileName: string;
  mode: ImportMode;
  /** Rows with data in the file. */
  total: number;
  /** Rows that read without errors. */
  rows: PlanImportRow[];
  errors: ImportError[];
  /** Headers the import does not know; their cells are not read. */
  ignoredColumns: string[];
  /** Items the plan has now; «replace» would delete them. */
  existingItems: number;
  canCommit: boolean;
}

/** Reads and checks the file against the plan's network; writes nothing. */
export async function previewPlanImport(context: CommandContext, planId: string, file: SpreadsheetFile, mode: ImportMode = 'append'): Promise<PlanImportPreview> {
  const { plan, network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));
  const reading = await readPlanFile(context, network, file);
  const existing = await context.db.select({ id: planItems.id, parentId: planItems.parentId }).from(planItems).where(eq(planItems.planId, plan.id));
  const topLevel = mode === 'append' ? existing.filter((i) => !i.parentId).length : 0;
  return {
    planId: plan.id,
    fileName: reading.fileName,
    mode,
    total: reading.total,
    rows: reading.rows.map((r) => ({ ...r, number: renumber(r.number, topLevel) })),
    errors: reading.errors,
    ignoredColumns: reading.ignoredColumns,
    existingItems: existing.length,
    canCommit: reading.errors.length === 0,
  };
}

/**
 * Reads the file again and writes all its items in one transaction, or nothing: a file with any error is
 * refused with the same per-row errors the preview shows.
 */
export async function commitPlanImport(context: CommandContext, planId: string, file: SpreadsheetFile, mode: ImportMode = 'append') {
  const { plan, network } = await loadVisiblePlan(context, planId);
  authorize(context.actor, (actor) => planPolicy.manage(actor, network));
  const reading = await readPlanFile(context, network, file);
  if (reading.errors.length) {
    throw new Problem(
      400,
      'Ошибки в файле',
      `В файле ошибок: ${reading.errors.length}. Ничего не записано — исправьте строки и загрузите файл снова.`,
      { errors: reading.errors.map((e) => ({ field: 'file', ...e })) },
    );
  }
  const result = await writeItems(context, plan, reading.rows, mode, reading.fileName);
  return { ...result, plan: await getPlan(context, plan.id) };
}

async function writeItems(context: CommandContext, plan: PlanRow, rows: PlanImportRow[], mode: ImportMode, fileName: string) {
  return context.db.transaction(async (tx) => {
    await lockPlan(tx, plan.id);
    const existing = await tx.select().from(planItems).where(eq(planItems.planId, plan.id)).orderBy(asc(planItems.position));
    const audit = (action: string, entityId: string, before: unknown, after: unknown) => ({
      actorId: context.actor?.userId ?? null,
      actorIp: context.ip,
      action,
      entityType: 'plan_item',
      entityId,
      before,
      after,
    });
    let firstTopPosition = 0;
    if (mode === 'replace') {
      if (existing.length) {
        await tx.delete(planItems).where(eq(planItems.planId, plan.id));
        await tx.insert(auditEntries).values(existing.map((item) => audit('plan_item.deleted', item.id, item, { replacedByImport: fileName })));
      }
    } else {
      const topLevel = existing.filter((i) => !i.parentId);
      firstTopPosition = topLevel.length ? Math.max(...topLevel.map((i) => i.position)) + 1 : 0;
    }

    const ids = new Map(rows.map((r) => [r.row, randomUUID()]));
    const nextPosition = new Map<number | null, number>();
    const now = new Date();
    const values = rows.map((r) => {
      const position = nextPosition.get(r.parentRow) ?? (r.parentRow === null ? firstTopPosition : 0);
      nextPosition.set(r.parentRow, position + 1);
      return {
        id: ids.get(r.row)!,
        planId: plan.id,
        parentId: r.parentRow === null ? null : ids.get(r.parentRow)!,
        position,
        activity: r.activity,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        responsibleOrganizationIds: r.responsibleOrganizations.map((o) => o.id),
        responsiblePeople: r.responsiblePeople,
        expectedResult: r.expectedResult,
        state: r.state,
        progress: r.progress,
        evidenceKind: r.evidence?.kind ?? null,
        evidenceRef: r.evidence?.reference ?? null,
        updatedAt: now,
        depth: r.depth,
      };
    });
    // Parents before their children, so that every parent exists when its child is written.
    values.sort((a, b) => a.depth - b.depth);
    for (let start = 0; start < values.length; start += BATCH_SIZE) {
      const batch = values.slice(start, start + BATCH_SIZE).map(({ depth: _depth, ...item }) => item);
      const inserted = await tx.insert(planItems).values(batch).returning();
      await tx.insert(auditEntries).values(inserted.map((item) => audit('plan_item.imported', item.id, null, item)));
    }
    await recordAudit(tx, context, {
      action: 'plan.items_imported',
      entityType: 'plan',
      entityId: plan.id,
      after: { fileName, mode, created: rows.length, removed: mode === 'replace' ? existing.length : 0 },
    });
    return { created: rows.length, removed: mode === 'replace' ? existing.length : 0 };
  });
}

/** In «append» mode the file's top-level numbers follow the plan's own: «1.2» of the file becomes «4.2». */
function renumber(number: string, offset: number): string {
  if (!offset) return number;
  const [first, ...rest] = number.split('.');
  return [String(Number(first) + offset), ...rest].join('.');
}

// ───────────────────────────── reading the file ─────────────────────────────

interface FileReading {
  fileName: string;
  total: number;
  rows: PlanImportRow[];
  errors: ImportError[];
  ignoredColumns: string[];
}

const fileError = (detail: string, message = detail) => invalid(detail, [{ field: 'file', message }]);

async function readPlanFile(context: CommandContext, network: NetworkRow, file: SpreadsheetFile): Promise<FileReading> {
  const sheet = await file.firstSheet();
  const { columns, ignored } = bindColumns(sheet.headers);
  if (!sheet.rows.length) throw fileError('В файле нет строк с мероприятиями: заполните таблицу под строкой заголовков.', 'Нет данных');
  if (sheet.rows.length > MAX_IMPORTED_ITEMS) {
    throw fileError(`Строк в файле: ${sheet.rows.length}, а за один раз можно загрузить не больше ${MAX_IMPORTED_ITEMS} пунктов плана. Разделите файл на части.`);
  }

  const members = await memberRows(context, network.id);
  const lookup = memberLookup(members);
  const today = await regionToday(context.db);
  const errors = new PlanRowErrors(columns);
  const read: (PlanImportRow & { fileNumber: string | null })[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const row = readRow(rowNumber, cells, columns, lookup, today, errors);
    if (row) read.push(row);
  }
  await checkDocuments(context, network.id, read, errors);
  const rows = arrange(read, errors);
  return { fileName: sheet.fileName, total: sheet.rows.length, rows: rows.filter((r) => !errors.has(r.row)), errors: errors.list(), ignoredColumns: ignored };
}

/** Header in the file → its column; the file's own extra columns are ignored. */
function bindColumns(headers: string[]): { columns: Map<PlanColumnField, string>; ignored: string[] } {
  const columns = new Map<PlanColumnField, string>();
  const ignored: string[] = [];
  for (const header of headers) {
    const column: PlanColumn | undefined = planColumnForHeader(header);
    if (!column) {
      ignored.push(header);
      continue;
    }
    const earlier = columns.get(column.field);
    if (earlier !== undefined) {
      throw fileError(`Столбец «${column.header}» встречается в файле дважды («${earlier}» и «${header}»). Оставьте один.`, `Повторяется столбец «${column.header}»`);
    }
    columns.set(column.field, header);
  }
  if (!columns.has('activity')) {
    throw fileError('В файле нет столбца «Мероприятие». Заголовки ищутся в первой заполненной строке листа: №, Мероприятие, Начало, Окончание, Ответственные организации, Ответственные лица, Ожидаемый результат, Статус, Выполнение, %.', 'Нет столбца «Мероприятие»');
  }
  if (columns.has('period') && (columns.has('startsOn') || columns.has('endsOn'))) {
    throw fileError(`Сроки указаны дважды: и в столбце «${columns.get('period')}», и в «Начало»/«Окончание». Оставьте что-то одно.`, 'Сроки указаны дважды');
  }
  return { columns, ignored };
}

async function memberRows(context: CommandContext, networkId: string) {
  const ids = await activeMemberIds(context.db, networkId);
  if (!ids.length) return [];
  return context.db.select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName }).from(organizations).where(inArray(organizations.id, ids));
}

/** Errors by row and column, named as the file names its columns; dates read from a «Сроки» column are reported on it. */
class PlanRowErrors extends RowErrors<PlanColumnField> {
  constructor(private readonly columns: Map<PlanColumnField, string>) {
    super(planColumns, columns);
  }

  override add(row: number, field: PlanColumnField, message: string) {
    super.add(row, (field === 'startsOn' || field === 'endsOn') && this.columns.has('period') ? 'period' : field, message);
  }
}

const fieldOfIssue: Record<string, PlanColumnField> = {
  activity: 'activity',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  responsibleOrganizationIds: 'organizations',
  responsiblePeople: 'people',
  expectedResult: 'expectedResult',
  state: 'state',
  progress: 'progress',
  evidence: 'evidenceRef',
};

function readRow(
  row: number,
  cells: Record<string, string>,
  columns: Map<PlanColumnField, string>,
  lookup: MemberLookup,
  today: string,
  errors: PlanRowErrors,
): (PlanImportRow & { fileNumber: string | null }) | null {
  const cell = (field: PlanColumnField) => {
    const header = columns.get(field);
    return header === undefined ? '' : (cells[header] ?? '');
  };
  const take = <T>(field: PlanColumnField, reading: { value: T } | { error: string }): T | undefined => {
    if ('error' in reading) {
      errors.add(row, field, reading.error);
      return undefined;
    }
    return reading.value;
  };

  const fileNumber = take('number', readNumber(cell('number')));
  let startsOn: string | null | undefined;
  let endsOn: string | null | undefined;
  if (columns.has('period')) {
    const period = take('period', parsePlanPeriod(cell('period')));
    startsOn = period?.startsOn;
    endsOn = period?.endsOn;
  } else {
    startsOn = take('startsOn', parsePlanDate(cell('startsOn'), 'start'));
    endsOn = take('endsOn', parsePlanDate(cell('endsOn'), 'end'));
  }
  const organizationIds = take('organizations', readOrganizations(cell('organizations'), lookup));
  const state = take('state', readState(cell('state')));
  const progress = take('progress', readProgress(cell('progress')));
  const evidenceKind = take('evidenceKind', readEvidenceKind(cell('evidenceKind')));
  const evidenceRef = cell('evidenceRef').trim();

  let evidence: Evidence | null = null;
  if (evidenceRef && !evidenceKind) {
    // A web address speaks for itself; anything else needs its kind (an unreadable kind is already reported).
    if (/^https?:\/\//i.test(evidenceRef)) evidence = { kind: 'link', reference: evidenceRef };
    else if (!cell('evidenceKind').trim()) errors.add(row, 'evidenceKind', 'Укажите вид подтверждения: Мероприятие, Документ, Файл или Ссылка');
  } else if (evidenceKind && !evidenceRef) {
    errors.add(row, 'evidenceRef', 'Укажите, чем подтверждено выполнение (название, номер документа или ссылку)');
  } else if (evidenceKind) {
    evidence = { kind: evidenceKind, reference: evidenceRef };
  }

  const parsed = planItemFields.safeParse({
    activity: cell('activity'),
    responsiblePeople: cell('people'),
    expectedResult: cell('expectedResult'),
    ...(evidence ? { evidence } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.add(row, fieldOfIssue[String(issue.path[0])] ?? 'activity', issue.message);
  }
  const finalState = state ?? 'planned';
  const finalProgress = progress ?? (finalState === 'done' ? 100 : 0);
  for (const error of [...periodErrors(startsOn, endsOn, 'endsOn'), ...progressErrors({ state: finalState, progress: finalProgress }), ...evidenceErrors(evidence)]) {
    errors.add(row, error.field === 'progress' ? 'progress' : error.field === 'endsOn' ? 'endsOn' : 'evidenceRef', error.message);
  }
  if (!parsed.success || errors.has(row)) {
    // Still needed for numbering: a child of a row with errors is judged on its own.
    return fileNumber === undefined ? null : blankRow(row, fileNumber);
  }
  const item = { endsOn: endsOn ?? null, state: finalState };
  return {
    row,
    fileNumber: fileNumber ?? null,
    number: '',
    parentRow: null,
    depth: 0,
    activity: parsed.data.activity,
    startsOn: startsOn ?? null,
    endsOn: item.endsOn,
    responsibleOrganizations: (organizationIds ?? []).map((id) => ({ id, shortName: lookup.shortNames.get(id) ?? '' })),
    responsiblePeople: parsed.data.responsiblePeople ?? '',
    expectedResult: parsed.data.expectedResult ?? '',
    state: finalState,
    progress: finalProgress,
    evidence,
    status: itemStatus(item, today),
    overdue: isOverdue(item, today),
  };
}

function blankRow(row: number, fileNumber: string | null): PlanImportRow & { fileNumber: string | null } {
  return {
    row,
    fileNumber,
    number: '',
    parentRow: null,
    depth: 0,
    activity: '',
    startsOn: null,
    endsOn: null,
    responsibleOrganizations: [],
    responsiblePeople: '',
    expectedResult: '',
    state: 'planned',
    progress: 0,
    evidence: null,
    status: 'planned',
    overdue: false,
  };
}

/** Evidence of kind «document» given as an id must be one of this network's documents. */
async function checkDocuments(context: CommandContext, networkId: string, rows: { row: number; evidence: Evidence | null }[], errors: PlanRowErrors) {
  for (const row of rows) {
    if (row.evidence?.kind !== 'document' || !z.uuid().safeParse(row.evidence.reference).success) continue;
    for (const error of await itemReferenceErrors(context.db, networkId, { evidence: row.evidence })) errors.add(row.row, 'evidenceRef', error.message);
  }
}

/**
 * Nests the rows by their numbers (1.2 goes under 1) and gives every row its number in the plan.
 * Without a number column every row is a top-level item, in the file's order.
 */
function arrange(rows: (PlanImportRow & { fileNumber: string | null })[], errors: PlanRowErrors): PlanImportRow[] {
  const byNumber = new Map<string, number>();
  const repeated = new Set<number>();
  for (const row of rows) {
    if (!row.fileNumber) continue;
    const earlier = byNumber.get(row.fileNumber);
    if (earlier !== undefined) {
      repeated.add(row.row);
      const hint = /\.\d$/.test(row.fileNumber) ? ` Если в файле было «${row.fileNumber}0», Excel мог превратить его в число «${row.fileNumber}»: отформатируйте столбец как текстовый.` : '';
      errors.add(row.row, 'number', `Номер ${row.fileNumber} уже есть в строке ${earlier}.${hint}`);
      continue;
    }
    byNumber.set(row.fileNumber, row.row);
  }
  for (const row of rows) {
    if (!row.fileNumber || !row.fileNumber.includes('.') || repeated.has(row.row)) continue;
    const parentNumber = row.fileNumber.slice(0, row.fileNumber.lastIndexOf('.'));
    const parentRow = byNumber.get(parentNumber);
    if (parentRow === undefined) errors.add(row.row, 'number', `Нет пункта ${parentNumber}, в который входит пункт ${row.fileNumber}. Добавьте его или исправьте номер`);
    else row.parentRow = parentRow;
  }

  // Number the rows as the plan will: siblings in the file's order.
  const children = new Map<number | null, (PlanImportRow & { fileNumber: string | null })[]>();
  for (const row of rows) children.set(row.parentRow, [...(children.get(row.parentRow) ?? []), row]);
  const visit = (parentRow: number | null, prefix: string, depth: number) => {
    (children.get(parentRow) ?? []).forEach((row, index) => {
      row.number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      row.depth = depth;
      visit(row.row, row.number, depth + 1);
    });
  };
  visit(null, '', 0);
  return rows.map(({ fileNumber: _fileNumber, ...row }) => row);
}
