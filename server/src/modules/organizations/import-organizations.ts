import { and, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit/record-audit';
import { auditEntries } from '../../platform/audit/schema';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize, isOperator } from '../../platform/policy';
import { Problem, forbidden, invalid, notFound } from '../../platform/problem';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { municipalities } from '../territory/schema';
import { type OrganizationInput, coordinateErrors, organizationFields } from './fields';
import { organizationPolicy } from './policy';
import { readSpreadsheet } from './read-spreadsheet';
import { organizationImports, organizations } from './schema';
import { type CellLookups, type ImportedField, type SpreadsheetColumn, columnByField, columnForHeader, normalizeLabel, spreadsheetColumns } from './spreadsheet-columns';

export interface ImportError {
  /** Excel row number. */
  row: number;
  /** Russian header of the column. */
  column: string;
  message: string;
}

export type ImportStatus = (typeof organizationImports.$inferSelect)['status'];

export interface ImportPreview {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  toCreate: number;
  toUpdate: number;
  processed: number;
  errors: ImportError[];
  failure: string | null;
}

/** Only the columns the file has: a column left out of the file leaves that field of existing cards alone. */
type ImportValues = Partial<OrganizationInput> & Pick<OrganizationInput, 'kind' | 'fullName' | 'shortName' | 'municipalityId'>;

/** A validated row as kept between preview and commit, so the commit writes exactly what was previewed. */
interface ImportRow {
  row: number;
  /** The existing organisation the row updates; null creates a new one. */
  matchedId: string | null;
  values: ImportValues;
}

const BATCH_SIZE = 500;
const identifierFields = ['inn', 'ogrn', 'externalId'] as const;
type IdentifierField = (typeof identifierFields)[number];
const identifierNames: Record<IdentifierField, string> = { inn: 'ИНН', ogrn: 'ОГРН', externalId: 'внешний код' };

/**
 * Imports in progress in this process: the commit's transaction hides its writes until it ends
 * (and on PGlite holds the only session), so progress and the author are answered from memory.
 */
const runningImports = new Map<string, { authorId: string; preview: ImportPreview }>();

const mayRead = (actor: Actor, authorId: string) => actor.userId === authorId || isOperator(actor);

// ───────────────────────────── preview ─────────────────────────────

/** Reads and checks the file, matches its rows to the registry and keeps the result; `organizations` is not touched. */
export async function previewOrganizationImport(context: CommandContext, file: { fileName: string; data: Buffer }): Promise<ImportPreview> {
  authorize(context.actor, organizationPolicy.import);
  const actor = context.actor;
  const fileName = (file.fileName.split(/[\\/]/).pop() || 'файл').slice(0, 255);
  const sheet = await readSpreadsheet(fileName, file.data);
  const columns = bindColumns(sheet.headers);
  if (!sheet.rows.length) throw invalid('В файле нет строк с данными: заполните таблицу под строкой заголовков.', [{ field: 'file', message: 'Нет данных' }]);

  const errors = new RowErrors();
  const lookups = await loadLookups(context.db);
  const candidates: ImportRow[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const values = validateRow(rowNumber, cells, columns, lookups, actor, errors);
    if (values) candidates.push({ row: rowNumber, matchedId: null, values });
  }
  markDuplicatesInFile(candidates, errors);
  await matchExisting(context.db, actor, candidates.filter((r) => !errors.has(r.row)), errors);

  const rows = candidates.filter((r) => !errors.has(r.row));
  const [stored] = await context.db
    .insert(organizationImports)
    .values({
      authorId: actor.userId,
      fileName,
      total: sheet.rows.length,
      toCreate: rows.filter((r) => !r.matchedId).length,
      toUpdate: rows.filter((r) => r.matchedId).length,
      rows,
      errors: errors.list(),
    })
    .returning(summaryColumns);
  return presentImport(stored);
}

/** Header text in the file → its column; a file without a required column cannot be read row by row at all. */
function bindColumns(headers: string[]): Map<string, SpreadsheetColumn> {
  const bound = new Map<string, SpreadsheetColumn>();
  const seen = new Map<ImportedField, string>();
  for (const header of headers) {
    const column = columnForHeader(header);
    if (!column) continue; // extra columns of the person's own are welcome and ignored
    const earlier = seen.get(column.field);
    if (earlier !== undefined) {
      throw invalid(`Столбец «${column.header}» встречается в файле дважды («${earlier}» и «${header}»). Оставьте один.`, [{ field: 'file', message: `Повторяется столбец «${column.header}»` }]);
    }
    seen.set(column.field, header);
    bound.set(header, column);
  }
  const missing = spreadsheetColumns.filter((c) => c.required && !seen.has(c.field)).map((c) => `«${c.header}»`);
  if (missing.length) {
    throw invalid(`В файле нет обязательных столбцов: ${missing.join(', ')}. Заголовки ищутся в первой заполненной строке листа.`, [{ field: 'file', message: `Нет столбцов: ${missing.join(', ')}` }]);
  }
  if (seen.has('lat') !== seen.has('lon')) {
    throw invalid('Столбцы «Широта» и «Долгота» нужны вместе: добавьте недостающий или уберите оба.', [{ field: 'file', message: 'Нет пары для координат' }]);
  }
  return bound;
}

async function loadLookups(db: Database): Promise<CellLookups> {
  const list = await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities);
  return { municipalityIdByName: new Map(list.map((m) => [normalizeLabel(m.name), m.id])) };
}

/** Errors by row, reported in row and column order; one message per cell is enough to fix it. */
class RowErrors {
  private readonly byRow = new Map<number, Map<ImportedField, string>>();

  add(row: number, field: ImportedField, message: string) {
    const cells = this.byRow.get(row) ?? new Map<ImportedField, string>();
    if (!cells.has(field)) cells.set(field, message);
    this.byRow.set(row, cells);
  }

  has(row: number) {
    return this.byRow.has(row);
  }

  list(): ImportError[] {
    const order = new Map(spreadsheetColumns.map((c, index) => [c.field, index]));
    return [...this.byRow.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([row, cells]) =>
        [...cells.entries()]
          .sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
          .map(([field, message]) => ({ row, column: columnByField.get(field)?.header ?? field, message })),
      );
  }
}

/** Cells → the card the registry would get, or errors; returns only the fields whose columns the file has. */
function validateRow(
  row: number,
  cells: Record<string, string>,
  columns: Map<string, SpreadsheetColumn>,
  lookups: CellLookups,
  actor: Actor,
  errors: RowErrors,
): ImportValues | null {
  const input: Record<string, unknown> = {};
  const present = new Set<ImportedField>();
  const unreadable = new Set<ImportedField>();
  for (const [header, column] of columns) {
    present.add(column.field);
    const reading = column.read(cells[header] ?? '', lookups);
    if ('error' in reading) {
      errors.add(row, column.field, reading.error);
      unreadable.add(column.field);
    } else input[column.field] = reading.value;
  }

  const parsed = organizationFields.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'fullName') as ImportedField;
      if (!unreadable.has(field)) errors.add(row, field, issue.message);
    }
  }
  if (present.has('lat') && !unreadable.has('lat') && !unreadable.has('lon')) {
    for (const error of coordinateErrors({ lat: (input.lat as number | null) ?? null, lon: (input.lon as number | null) ?? null })) {
      errors.add(row, error.field as ImportedField, error.message);
    }
  }
  const municipalityId = input.municipalityId as string | undefined;
  if (municipalityId && !organizationPolicy.create(actor, { municipalityId })) {
    errors.add(row, 'municipalityId', 'Вы можете загружать организации только своего муниципалитета');
  }
  if (!parsed.success || errors.has(row)) return null;

  const values: Record<string, unknown> = {};
  for (const field of present) {
    const value = parsed.data[field];
    // A blank identifier never erases a known one: identifiers are how later imports find the card.
    if ((identifierFields as readonly string[]).includes(field) && value === null) continue;
    values[field] = value;
  }
  return values as ImportValues;
}

/** The same INN, OGRN or external id twice in one file would create a duplicate or update one card twice. */
function markDuplicatesInFile(rows: ImportRow[], errors: RowErrors) {
  for (const field of identifierFields) {
    const firstRow = new Map<string, number>();
    for (const { row, values } of rows) {
      const value = values[field];
      if (!value) continue;
      const earlier = firstRow.get(value);
      if (earlier === undefined) firstRow.set(value, row);
      else errors.add(row, field, `Такой ${identifierNames[field]} уже указан в строке ${earlier} этого файла`);
    }
  }
}

const matchColumns = {
  id: organizations.id,
  shortName: organizations.shortName,
  fullName: organizations.fullName,
  municipalityId: organizations.municipalityId,
  state: organizations.state,
  inn: organizations.inn,
  ogrn: organizations.ogrn,
  externalId: organizations.externalId,
};
type Existing = { id: string; shortName: string; fullName: string; municipalityId: string; state: string; inn: string | null; ogrn: string | null; externalId: string | null };

/** `column in (…the list…)` with the whole list as one JSON parameter, so 50,000 values stay one query. */
const inList = (column: AnyPgColumn, values: string[]) => inArray(column, sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`);

/**
 * Finds the card each row updates: by INN, then OGRN, then external id — one query per identifier for all
 * rows. A row without any identifier is matched by its full name within its municipality, so that an
 * exported registry re-imports as updates even for cards without identifiers.
 */
async function matchExisting(db: Database, actor: Actor, rows: ImportRow[], errors: RowErrors) {
  const found = {} as Record<IdentifierField, Map<string, Existing>>;
  for (const field of identifierFields) {
    const values = [...new Set(rows.map((r) => r.values[field]).filter((v): v is string => !!v))];
    const existing = values.length ? await db.select(matchColumns).from(organizations).where(inList(organizations[field], values)) : [];
    found[field] = new Map(existing.map((o) => [o[field]!, o]));
  }
  const unidentified = new Set(rows.filter((r) => identifierFields.every((field) => !r.values[field])));
  const names = [...new Set([...unidentified].map((r) => r.values.fullName))];
  const byName = new Map<string, Existing[]>();
  if (names.length) {
    const existing = await db.select(matchColumns).from(organizations).where(and(inList(organizations.fullName, names), ne(organizations.state, 'archived')));
    for (const o of existing) {
      const key = `${o.municipalityId}|${o.fullName}`;
      byName.set(key, [...(byName.get(key) ?? []), o]);
    }
  }

  const rowOfOrganization = new Map<string, number>();
  for (const row of rows) {
    const matches = identifierFields.flatMap((field) => {
      const value = row.values[field];
      const organization = value ? found[field].get(value) : undefined;
      return organization ? [{ field, organization }] : [];
    });
    let match: Existing | undefined = matches[0]?.organization;
    let matchedBy: ImportedField = matches[0]?.field ?? 'fullName';

    const other = matches.find((m) => m.organization.id !== match?.id);
    if (other) {
      errors.add(
        row.row,
        other.field,
        `${capitalize(identifierNames[matches[0].field])} указывает на «${match!.shortName}», а ${identifierNames[other.field]} — на «${other.organization.shortName}». Это разные организации реестра: исправьте реквизиты`,
      );
      continue;
    }
    if (!match && unidentified.has(row)) {
      const namesakes = byName.get(`${row.values.municipalityId}|${row.values.fullName}`) ?? [];
      if (namesakes.length > 1) {
        errors.add(row.row, 'fullName', `В муниципалитете несколько организаций с таким наименованием. Укажите ИНН, ОГРН или внешний код, чтобы выбрать нужную`);
        continue;
      }
      match = namesakes[0];
      matchedBy = 'fullName';
    }
    if (!match) continue;

    if (match.state === 'archived') {
      errors.add(row.row, matchedBy, `Организация «${match.shortName}» в архиве; импорт её не меняет. Уберите строку или верните организацию из архива`);
      continue;
    }
    if (!organizationPolicy.updateRegistryFields(actor, match)) {
      errors.add(row.row, matchedBy, `Организация «${match.shortName}» относится к другому муниципалитету; её карточку меняет оператор или орган управления того муниципалитета`);
      continue;
    }
    const earlier = rowOfOrganization.get(match.id);
    if (earlier !== undefined) {
      errors.add(row.row, matchedBy, `Строка ${earlier} уже обновляет организацию «${match.shortName}»; оставьте одну из двух строк`);
      continue;
    }
    rowOfOrganization.set(match.id, row.row);
    row.matchedId = match.id;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ───────────────────────────── reading ─────────────────────────────

const summaryColumns = {
  id: organizationImports.id,
  authorId: organizationImports.authorId,
  fileName: organizationImports.fileName,
  status: organizationImports.status,
  total: organizationImports.total,
  toCreate: organizationImports.toCreate,
  toUpdate: organizationImports.toUpdate,
  processed: organizationImports.processed,
  errors: organizationImports.errors,
  failure: organizationImports.failure,
};
type ImportSummary = { [K in keyof typeof summaryColumns]: (typeof organizationImports.$inferSelect)[K] };

function presentImport(row: ImportSummary): ImportPreview {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    total: row.total,
    toCreate: row.toCreate,
    toUpdate: row.toUpdate,
    processed: row.processed,
    errors: row.errors as ImportError[],
    failure: row.failure,
  };
}

async function loadImport(db: Database, id: string): Promise<ImportSummary | null> {
  const [row] = await db.select(summaryColumns).from(organizationImports).where(eq(organizationImports.id, id)).limit(1);
  return row ?? null;
}

/** The preview and, while it runs, the progress of an import; someone else's import does not exist for the caller. */
export async function getOrganizationImport(context: CommandContext, id: string): Promise<ImportPreview> {
  authorize(context.actor, () => true);
  const running = runningImports.get(id);
  if (running) {
    if (!mayRead(context.actor, running.authorId)) throw notFound('Импорт');
    return { ...running.preview };
  }
  const found = await loadImport(context.db, id);
  if (!found || !mayRead(context.actor, found.authorId)) throw notFound('Импорт');
  return presentImport(found);
}

// ───────────────────────────── commit ─────────────────────────────

const refusal = (title: string, detail: string) => new Problem(409, title, detail);
const alreadyStarted = () => refusal('Импорт уже запущен', 'Этот файл уже записывается — вероятно, кнопку нажали дважды. Дождитесь результата.');
const notAgain: Record<Exclude<ImportStatus, 'previewed'>, () => Problem> = {
  running: alreadyStarted,
  done: () => refusal('Импорт уже выполнен', 'Этот файл уже записан в реестр. Чтобы загрузить его снова, загрузите файл заново.'),
  failed: () => refusal('Импорт завершился ошибкой', 'Эта попытка импорта не удалась. Загрузите файл заново: предпросмотр покажет текущее состояние реестра.'),
};

/**
 * Claims the previewed import (only one of two simultaneous clicks gets it) and starts writing it.
 * `preview` is the running state to answer with at once; `done` settles when the rows are written — or none of them.
 */
export async function startOrganizationImport(context: CommandContext, id: string): Promise<{ preview: ImportPreview; done: Promise<ImportPreview> }> {
  authorize(context.actor, organizationPolicy.import);
  const actor = context.actor;
  const running = runningImports.get(id);
  if (running && mayRead(actor, running.authorId)) throw alreadyStarted();
  const found = running ? null : await loadImport(context.db, id);
  if (!found || !mayRead(actor, found.authorId)) throw notFound('Импорт');
  if (found.authorId !== actor.userId) throw forbidden('Записать импорт может только тот, кто загрузил файл.');
  const errorCount = (found.errors as ImportError[]).length;
  if (errorCount) throw refusal('В файле есть ошибки', `Ошибок в файле: ${errorCount}. Исправьте их и загрузите файл заново — записать можно только файл без ошибок.`);
  if (found.status !== 'previewed') throw notAgain[found.status]();

  const [claimed] = await context.db
    .update(organizationImports)
    .set({ status: 'running', processed: 0 })
    .where(and(eq(organizationImports.id, id), eq(organizationImports.status, 'previewed')))
    .returning({ ...summaryColumns, rows: organizationImports.rows });
  if (!claimed) throw alreadyStarted();

  const preview = presentImport(claimed);
  runningImports.set(id, { authorId: claimed.authorId, preview: { ...preview } });
  const done = applyImport(context, preview, claimed.rows as ImportRow[]).finally(() => runningImports.delete(id));
  return { preview, done };
}

const { searchVector: _vector, sortKey: _key, ...snapshotColumns } = getTableColumns(organizations);
type Snapshot = { [K in keyof typeof snapshotColumns]: (typeof organizations.$inferSelect)[K] };

const importedFields = spreadsheetColumns.map((c) => c.field);

/** Writes every row in one transaction, in batches; on any failure nothing stays and the import says why. */
async function applyImport(context: CommandContext, preview: ImportPreview, rows: ImportRow[]): Promise<ImportPreview> {
  const progress = runningImports.get(preview.id)!.preview;
  const audit = (action: string, entityId: string, before: Snapshot | null, after: Snapshot) => ({
    actorId: context.actor?.userId ?? null,
    actorIp: context.ip,
    action,
    entityType: 'organization',
    entityId,
    before,
    after,
  });
  try {
    await context.db.transaction(async (tx) => {
      const now = new Date();
      const creates = rows.filter((r) => !r.matchedId);
      const updates = rows.filter((r) => r.matchedId);
      let updated = 0;

      for (const batch of chunks(creates, BATCH_SIZE)) {
        const inserted = await tx
          .insert(organizations)
          .values(batch.map((r) => ({ ...r.values, sortKey: russianSortKey(r.values.shortName), createdAt: now, updatedAt: now })))
          .returning(snapshotColumns)
          .catch((error) => explainImportWriteError(error, batch));
        await tx.insert(auditEntries).values(inserted.map((o) => audit('organization.imported_created', o.id, null, o)));
        progress.processed += batch.length;
        await letOthersRun();
      }

      for (const batch of chunks(updates, BATCH_SIZE)) {
        const ids = batch.map((r) => r.matchedId!);
        // Locked so that a card edited meanwhile is either seen here in full or waits for the import.
        const current = new Map(
          (await tx.select(snapshotColumns).from(organizations).where(inArray(organizations.id, ids)).orderBy(organizations.id).for('update')).map((o) => [o.id, o]),
        );
        const changes: { before: Snapshot; after: Snapshot }[] = [];
        for (const row of batch) {
          const before = current.get(row.matchedId!);
          if (!before || before.state === 'archived') {
            throw refusal('Реестр изменился', `Организацию из строки ${row.row} после предпросмотра удалили, объединили или перенесли в архив. Ничего не записано — загрузите файл заново.`);
          }
          if (!context.actor || !organizationPolicy.updateRegistryFields(context.actor, before)) throw forbidden(`Организацию из строки ${row.row} вам больше нельзя менять.`);
          const after = mergeRow(before, row.values);
          if (after) changes.push({ before, after });
        }
        if (changes.length) {
          const versions = await updateBatch(tx, changes.map((c) => c.after), now).catch((error) => explainImportWriteError(error, batch));
          if (versions.size !== changes.length) throw refusal('Реестр изменился', 'Часть организаций изменилась во время импорта. Ничего не записано — загрузите файл заново.');
          await tx.insert(auditEntries).values(
            changes.map(({ before, after }) => audit('organization.imported_updated', before.id, before, { ...after, version: versions.get(before.id)!, updatedAt: now })),
          );
          updated += changes.length;
        }
        progress.processed += batch.length;
        await letOthersRun();
      }

      await tx.update(organizationImports).set({ status: 'done', processed: rows.length }).where(eq(organizationImports.id, preview.id));
      await recordAudit(tx, context, {
        action: 'organization_import.committed',
        entityType: 'organization_import',
        entityId: preview.id,
        after: { fileName: preview.fileName, total: preview.total, created: creates.length, updated, unchanged: updates.length - updated },
      });
    });
    return { ...preview, status: 'done', processed: rows.length };
  } catch (error) {
    const expected = error instanceof Problem;
    const failure = expected
      ? error.detail
      : 'Импорт прервался из-за внутренней ошибки; ничего не записано. Попробуйте загрузить файл ещё раз, а если ошибка повторится — сообщите администратору.';
    await context.db.update(organizationImports).set({ status: 'failed', processed: 0, failure }).where(eq(organizationImports.id, preview.id));
    if (!expected) throw error;
    return { ...preview, status: 'failed', processed: 0, failure };
  }
}

/** The card after applying a row, or null when the row changes nothing (its version then stays as it is). */
function mergeRow(before: Snapshot, values: ImportValues): Snapshot | null {
  const after = { ...before, ...values } as Snapshot;
  // Statuses are a set: the same ones in another order are no change.
  if (values.statuses && sameSet(values.statuses, before.statuses)) after.statuses = before.statuses;
  const changed = importedFields.some((field) => {
    const a = before[field];
    const b = after[field];
    return Array.isArray(a) && Array.isArray(b) ? a.join(',') !== b.join(',') : a !== b;
  });
  return changed ? after : null;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** One UPDATE for a whole batch, the new values arriving as one JSON parameter; returns the new version of each card. */
async function updateBatch(tx: Database, cards: Snapshot[], now: Date): Promise<Map<string, number>> {
  const records = cards.map((c) => ({
    id: c.id,
    kind: c.kind,
    full_name: c.fullName,
    short_name: c.shortName,
    sort_key: russianSortKey(c.shortName),
    inn: c.inn,
    ogrn: c.ogrn,
    external_id: c.externalId,
    municipality_id: c.municipalityId,
    statuses: c.statuses,
    address: c.address,
    lat: c.lat,
    lon: c.lon,
    head_name: c.headName,
    phone: c.phone,
    email: c.email,
    website: c.website,
    description: c.description,
  }));
  // Both drivers answer with `rows`; the shared Database type does not know which driver it is.
  const result = (await tx.execute(sql`
    update organizations as o set
      kind = v.kind, full_name = v.full_name, short_name = v.short_name, sort_key = v.sort_key,
      inn = v.inn, ogrn = v.ogrn, external_id = v.external_id, municipality_id = v.municipality_id,
      statuses = v.statuses, address = v.address, lat = v.lat, lon = v.lon, head_name = v.head_name,
      phone = v.phone, email = v.email, website = v.website, description = v.description,
      version = o.version + 1, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(
      id uuid, kind text, full_name text, short_name text, sort_key text, inn text, ogrn text, external_id text,
      municipality_id uuid, statuses text[], address text, lat double precision, lon double precision,
      head_name text, phone text, email text, website text, description text)
    where o.id = v.id
    returning o.id, o.version`)) as unknown as { rows: { id: string; version: number }[] };
  return new Map(result.rows.map((r) => [r.id, Number(r.version)]));
}

/**
 * PGlite answers without real I/O, so a whole transaction would run in one turn of the event loop and
 * no request (not even a progress poll) would be served until it ends; this gives them a turn between batches.
 */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

const constraintFields: Record<string, IdentifierField> = {
  organizations_inn_key: 'inn',
  organizations_ogrn_key: 'ogrn',
  organizations_external_id_key: 'externalId',
};

/**
 * A unique-index violation during the commit means someone registered the same identifier after the
 * preview; says which row and which identifier, like `explainWriteError` does for a form.
 */
function explainImportWriteError(error: unknown, batch: ImportRow[]): never {
  const constraint = uniqueViolation(error);
  if (constraint === null) throw error;
  const field = constraintFields[constraint];
  if (!field) throw refusal('Импорт не записан', 'Запись с такими данными уже существует. Ничего не записано — загрузите файл заново.');
  const value = violatingValue(error);
  const row = batch.find((r) => value !== null && r.values[field] === value);
  const where = row ? `Строка ${row.row}: ` : '';
  throw refusal(
    'Импорт не записан',
    `${where}пока файл ждал записи, в реестре появилась организация с ${field === 'externalId' ? 'таким внешним кодом' : `таким ${identifierNames[field]}`}${value ? ` (${value})` : ''}. Ничего не записано — загрузите файл заново, и строка сопоставится с этой организацией.`,
  );
}

/** The duplicated value from PostgreSQL's «Key (inn)=(…) already exists.» detail. */
function violatingValue(error: unknown): string | null {
  let current = error as { detail?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.detail === 'string') return current.detail.match(/\)=\((.*)\)/)?.[1] ?? null;
    current = current.cause as typeof current;
  }
  return null;
}

/**
 * Marks imports left `running` by a process that died as failed; their transaction was rolled back with it.
 * Called at start-up of the embedded engine only, where this process is the database's sole user.
 */
export async function failInterruptedImports(db: Database) {
  const failed = await db
    .update(organizationImports)
    .set({ status: 'failed', failure: 'Импорт прерван перезапуском сервера. Ничего не записано — загрузите файл заново.' })
    .where(eq(organizationImports.status, 'running'))
    .returning({ id: organizationImports.id });
  return failed.length;
}
