import { and, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation, violatingKey } from '../../platform/db/errors';
import { inList } from '../../platform/db/in-list';
import { bindColumns, normalizeLabel } from '../../platform/imports/columns';
import type { SpreadsheetFile } from '../../platform/imports/spreadsheet-file';
import { RowErrors } from '../../platform/imports/row-errors';
import { type ImportProgress, type ImportState, chunks, storedImports } from '../../platform/imports/stored-import';
import { authorize } from '../../platform/policy';
import { Problem, forbidden, invalid } from '../../platform/problem';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { municipalities } from '../territory/schema';
import { type OrganizationInput, coordinateErrors, organizationFields } from './fields';
import { organizationPolicy } from './policy';
import { organizationImports, organizations } from './schema';
import { type CellLookups, type ImportedField, type SpreadsheetColumn, spreadsheetColumns } from './spreadsheet-columns';

export type ImportPreview = ImportState & { toCreate: number; toUpdate: number };

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

type OrganizationRowErrors = RowErrors<ImportedField>;

const refusal = (title: string, detail: string) => new Problem(409, title, detail);

const registryImports = storedImports<{ toCreate: number; toUpdate: number }, ImportRow>({
  table: organizationImports,
  counts: { toCreate: organizationImports.toCreate, toUpdate: organizationImports.toUpdate },
  alreadyDone: 'Этот файл уже записан в реестр. Чтобы загрузить его снова, загрузите файл заново.',
  write: writeImport,
});

// ───────────────────────────── preview ─────────────────────────────

/** Reads and checks the file, matches its rows to the registry and keeps the result; `organizations` is not touched. */
export async function previewOrganizationImport(context: CommandContext, file: SpreadsheetFile): Promise<ImportPreview> {
  authorize(context.actor, organizationPolicy.import);
  const actor = context.actor;
  const sheet = await file.firstSheet();
  const columns = bindColumns(sheet.headers, spreadsheetColumns);
  checkCoordinatePair(columns);
  if (!sheet.rows.length) throw invalid('В файле нет строк с данными: заполните таблицу под строкой заголовков.', [{ field: 'file', message: 'Нет данных' }]);

  const errors: OrganizationRowErrors = new RowErrors(spreadsheetColumns);
  const lookups = await loadLookups(context.db);
  const candidates: ImportRow[] = [];
  for (const { rowNumber, cells } of sheet.rows) {
    const values = validateRow(rowNumber, cells, columns, lookups, actor, errors);
    if (values) candidates.push({ row: rowNumber, matchedId: null, values });
  }
  markDuplicatesInFile(candidates, errors);
  await matchExisting(context.db, actor, candidates.filter((r) => !errors.has(r.row)), lookups.archivedMunicipalities, errors);

  const rows = candidates.filter((r) => !errors.has(r.row));
  return registryImports.save(context.db, actor, {
    fileName: sheet.fileName,
    total: sheet.rows.length,
    counts: { toCreate: rows.filter((r) => !r.matchedId).length, toUpdate: rows.filter((r) => r.matchedId).length },
    rows,
    errors: errors.list(),
  });
}

/** Latitude without longitude (or the other way round) cannot place an organisation. */
function checkCoordinatePair(columns: Map<string, SpreadsheetColumn>) {
  const fields = new Set([...columns.values()].map((c) => c.field));
  if (fields.has('lat') !== fields.has('lon')) {
    throw invalid('Столбцы «Широта» и «Долгота» нужны вместе: добавьте недостающий или уберите оба.', [{ field: 'file', message: 'Нет пары для координат' }]);
  }
}

/** Municipality names for the cells, and which municipalities are archived (id → name) for the rows. */
async function loadLookups(db: Database): Promise<CellLookups & { archivedMunicipalities: Map<string, string> }> {
  const list = await db.select({ id: municipalities.id, name: municipalities.name, archivedAt: municipalities.archivedAt }).from(municipalities);
  return {
    municipalityIdByName: new Map(list.map((m) => [normalizeLabel(m.name), m.id])),
    archivedMunicipalities: new Map(list.filter((m) => m.archivedAt).map((m) => [m.id, m.name])),
  };
}

/** Cells → the card the registry would get, or errors; returns only the fields whose columns the file has. */
function validateRow(
  row: number,
  cells: Record<string, string>,
  columns: Map<string, SpreadsheetColumn>,
  lookups: CellLookups,
  actor: Actor,
  errors: OrganizationRowErrors,
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
function markDuplicatesInFile(rows: ImportRow[], errors: OrganizationRowErrors) {
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

/**
 * Finds the card each row updates: by INN, then OGRN, then external id — one query per identifier for all
 * rows. A row without any identifier is matched by its full name within its municipality, so that an
 * exported registry re-imports as updates even for cards without identifiers.
 */
async function matchExisting(db: Database, actor: Actor, rows: ImportRow[], archivedMunicipalities: Map<string, string>, errors: OrganizationRowErrors) {
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
    // As in the form (require-municipality.ts): no new organisation in an archived municipality, and none moved into
    // one; a card already there may still be updated.
    const archivedName = row.values.municipalityId ? archivedMunicipalities.get(row.values.municipalityId) : undefined;
    if (archivedName && match?.municipalityId !== row.values.municipalityId) {
      errors.add(row.row, 'municipalityId', `Муниципалитет «${archivedName}» в архиве: в нём не создают новых организаций и не переносят в него существующие. Укажите другой`);
      continue;
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

/** The preview and, while it runs, the progress of an import; someone else's import does not exist for the caller. */
export async function getOrganizationImport(context: CommandContext, id: string): Promise<ImportPreview> {
  authorize(context.actor, () => true);
  return registryImports.get(context, id);
}

// ───────────────────────────── commit ─────────────────────────────

/** Starts writing a previewed import: the running state at once, and `done` when every row is written — or none. */
export async function startOrganizationImport(context: CommandContext, id: string): Promise<{ preview: ImportPreview; done: Promise<ImportPreview> }> {
  authorize(context.actor, organizationPolicy.import);
  return registryImports.start({ ...context, actor: context.actor }, id);
}

const { searchVector: _vector, sortKey: _key, ...snapshotColumns } = getTableColumns(organizations);
type Snapshot = { [K in keyof typeof snapshotColumns]: (typeof organizations.$inferSelect)[K] };

const importedFields = spreadsheetColumns.map((c) => c.field);

/** Writes every row inside the commit's transaction, in batches, each change with its audit entry. */
async function writeImport(tx: Database, context: CommandContext & { actor: Actor }, preview: ImportPreview, rows: ImportRow[], progress: ImportProgress) {
  const audit = (action: string, entityId: string, before: Snapshot | null, after: Snapshot) => ({
    actorId: context.actor.userId,
    actorIp: context.ip,
    action,
    entityType: 'organization',
    entityId,
    before,
    after,
  });
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
    await progress.advance(batch.length);
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
      if (!organizationPolicy.updateRegistryFields(context.actor, before)) throw forbidden(`Организацию из строки ${row.row} вам больше нельзя менять.`);
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
    await progress.advance(batch.length);
  }

  await recordAudit(tx, context, {
    action: 'organization_import.committed',
    entityType: 'organization_import',
    entityId: preview.id,
    after: { fileName: preview.fileName, total: preview.total, created: creates.length, updated, unchanged: updates.length - updated },
  });
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
  const value = violatingKey(error);
  const row = batch.find((r) => value !== null && r.values[field] === value);
  const where = row ? `Строка ${row.row}: ` : '';
  throw refusal(
    'Импорт не записан',
    `${where}пока файл ждал записи, в реестре появилась организация с ${field === 'externalId' ? 'таким внешним кодом' : `таким ${identifierNames[field]}`}${value ? ` (${value})` : ''}. Ничего не записано — загрузите файл заново, и строка сопоставится с этой организацией.`,
  );
}

/** Marks registry imports left running by a process that died as failed (embedded engine, at start-up). */
export const failInterruptedImports = (db: Database, silentForMs?: number) => registryImports.failInterrupted(db, silentForMs);
