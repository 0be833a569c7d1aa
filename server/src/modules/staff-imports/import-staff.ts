import { and, count, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation, violatingKey } from '../../platform/db/errors';
import { inList } from '../../platform/db/in-list';
import { bindColumns, normalizeLabel } from '../../platform/imports/columns';
import type { SpreadsheetFile } from '../../platform/imports/spreadsheet-file';
import { RowErrors } from '../../platform/imports/row-errors';
import { type ImportProgress, type ImportState, chunks, storedImports } from '../../platform/imports/stored-import';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize, hasPlatformRole } from '../../platform/policy';
import { Problem, forbidden, invalid, notFound } from '../../platform/problem';
import { type MembershipRole, invitations, memberships, staffImports, users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { type InvitationOptions, issueInvitations, normalizeEmail } from '../people/invite-person';
import { invitationBody } from '../people/people-fields';
import { grantableBy, seesStaffOf } from '../people/policy';
import { checkRoleTarget, loadPlaces } from '../people/role-target';
import { roleLabels } from '../people/roles';
import { staffImportPolicy } from './policy';
import { type StaffField, innOf, readRole, staffColumnsFor } from './staff-columns';

export type StaffImportState = ImportState & {
  /** Invitations to addresses without an account: accepting creates one. */
  toInvite: number;
  /** Invitations to people who already have an account: accepting adds the role to it. */
  toAddRole: number;
};

/** The letters of a committed import as the mail worker has them: sent, still waiting (or being retried), given up. */
export interface StaffImportDelivery {
  sent: number;
  waiting: number;
  failed: number;
}

export type StaffImport = StaffImportState & { delivery: StaffImportDelivery };

/** A checked row as kept between preview and commit: exactly the invitation the commit issues. */
interface StaffImportRow {
  row: number;
  email: string;
  fullName: string;
  role: MembershipRole;
  organizationId: string;
  municipalityId: string;
  accountExists: boolean;
}

/** Where a staff list may place people: any organisation the importer reaches, or one organisation's page. */
export type StaffImportScope = { organizationId: string } | { organizationId: null };

/** Drafts per call of `issueInvitations`: the progress bar moves between them, and a batch's letters (a few MB) stay small in memory. */
const BATCH_SIZE = 250;

const staffImportStore = storedImports<Pick<StaffImportState, 'toInvite' | 'toAddRole'>, StaffImportRow, Omit<InvitationOptions, 'batchId'>>({
  table: staffImports,
  counts: { toInvite: staffImports.toInvite, toAddRole: staffImports.toAddRole },
  alreadyDone: 'Приглашения по этому файлу уже созданы. Чтобы пригласить ещё кого-то, загрузите новый файл.',
  write: writeInvitations,
});

// ───────────────────────────── preview ─────────────────────────────

interface OrganizationEntry {
  id: string;
  shortName: string;
  municipalityId: string;
}

/** The registry as a staff list names it: by INN, or by external code, short or full name (case and «ё» aside). */
interface OrganizationDirectory {
  byInn: Map<string, OrganizationEntry>;
  byName: Map<string, OrganizationEntry[]>;
}

async function loadDirectory(db: Database): Promise<OrganizationDirectory> {
  const list = await db
    .select({ id: organizations.id, shortName: organizations.shortName, fullName: organizations.fullName, inn: organizations.inn, externalId: organizations.externalId, municipalityId: organizations.municipalityId })
    .from(organizations);
  const directory: OrganizationDirectory = { byInn: new Map(), byName: new Map() };
  for (const organization of list) {
    const entry = { id: organization.id, shortName: organization.shortName, municipalityId: organization.municipalityId };
    if (organization.inn) directory.byInn.set(organization.inn, entry);
    for (const name of new Set([organization.externalId, organization.shortName, organization.fullName].filter((n): n is string => !!n).map(normalizeLabel))) {
      directory.byName.set(name, [...(directory.byName.get(name) ?? []), entry]);
    }
  }
  return directory;
}

function findOrganization(cell: string, directory: OrganizationDirectory): { organization: OrganizationEntry } | { error: string } {
  const inn = innOf(cell);
  const byInn = inn ? directory.byInn.get(inn) : undefined;
  if (byInn) return { organization: byInn };
  const named = directory.byName.get(normalizeLabel(cell)) ?? [];
  if (named.length === 1) return { organization: named[0] };
  if (named.length > 1) return { error: `Организаций с названием «${cell.trim()}» несколько. Укажите ИНН организации` };
  return { error: `Организация «${cell.trim()}» не найдена в реестре. Укажите её ИНН, внешний код или краткое наименование, как в реестре` };
}

/** A row whose cells read well: who, which role, which organisation. */
interface ReadRow {
  row: number;
  email: string;
  fullName: string;
  role: MembershipRole;
  organization: OrganizationEntry;
}

/** The invitation a row asks for, before it is compared with existing accounts and invitations. */
type Candidate = Omit<StaffImportRow, 'accountExists'> & { organizationName: string };

/**
 * Reads and checks a staff list and keeps it as a preview; nothing else is written. Every problem is named
 * by row and column: a malformed address, an unknown organisation or role, an organisation or a role outside
 * the importer's grant tree, the same invitation twice in the file, a live invitation or the role already held.
 */
export async function previewStaffImport(context: CommandContext, scope: StaffImportScope, file: SpreadsheetFile): Promise<StaffImportState> {
  const home = scope.organizationId ? await loadOrganization(context.db, scope.organizationId) : null;
  authorize(context.actor, (actor) => (home ? staffImportPolicy.importForOrganization(actor, home) : staffImportPolicy.importRegionWide(actor)));
  const actor = context.actor;
  const sheet = await file.firstSheet();
  const columns = staffColumnsFor(home ? 'organization' : 'region');
  const bound = bindColumns(sheet.headers, columns);
  if (!sheet.rows.length) throw invalid('В файле нет строк с данными: заполните таблицу под строкой заголовков.', [{ field: 'file', message: 'Нет данных' }]);
  const headerOf = new Map([...bound].map(([header, column]) => [column.field, header]));
  const cell = (cells: Record<string, string>, field: StaffField) => {
    const header = headerOf.get(field);
    return header === undefined ? '' : (cells[header] ?? '');
  };

  const errors = new RowErrors<StaffField>(columns);
  const directory = await loadDirectory(context.db);
  const found: ReadRow[] = [];
  for (const { rowNumber: row, cells } of sheet.rows) {
    const fullName = invitationBody.shape.fullName.safeParse(cell(cells, 'fullName').replace(/\s+/g, ' '));
    if (!fullName.success) errors.add(row, 'fullName', fullName.error.issues[0].message);
    const email = invitationBody.shape.email.safeParse(cell(cells, 'email'));
    if (!email.success) errors.add(row, 'email', email.error.issues[0].message);
    const organizationCell = cell(cells, 'organization');
    const place = home && !organizationCell.trim() ? { organization: home } : findOrganization(organizationCell, directory);
    if ('error' in place) errors.add(row, 'organization', place.error);
    else if (home && place.organization.id !== home.id) {
      errors.add(row, 'organization', `Файл загружается для «${home.shortName}», а строка — для «${place.organization.shortName}». Загрузите её на странице той организации или оставьте ячейку пустой`);
    }
    const role = readRole(cell(cells, 'role'));
    if ('error' in role) errors.add(row, 'role', role.error);
    if (fullName.success && email.success && !('error' in place) && !('error' in role) && !errors.has(row)) {
      found.push({ row, email: normalizeEmail(email.data), fullName: fullName.data, role: role.value, organization: place.organization });
    }
  }

  const candidates = await checkGrants(context.db, actor, found, errors);
  markRepeatedRows(candidates, errors);
  const rows = await compareWithExisting(context.db, candidates.filter((c) => !errors.has(c.row)), errors);
  return staffImportStore.save(context.db, actor, {
    fileName: sheet.fileName,
    total: sheet.rows.length,
    counts: { toInvite: rows.filter((r) => !r.accountExists).length, toAddRole: rows.filter((r) => r.accountExists).length },
    rows,
    errors: errors.list(),
  });
}

async function loadOrganization(db: Database, id: string): Promise<OrganizationEntry> {
  const [organization] = await db
    .select({ id: organizations.id, shortName: organizations.shortName, municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  if (!organization) throw notFound('Организация');
  return organization;
}

/** The place must be open (not archived), within the importer's reach, and the role one the importer may give there. */
async function checkGrants(db: Database, actor: Actor, found: ReadRow[], errors: RowErrors<StaffField>): Promise<Candidate[]> {
  const places = await loadPlaces(db, found.map((f) => f.organization.id));
  const candidates: Candidate[] = [];
  for (const { organization, ...row } of found) {
    const checked = checkRoleTarget({ role: row.role, organizationId: organization.id }, places, 'grant');
    if ('errors' in checked) {
      for (const error of checked.errors) errors.add(row.row, error.field === 'role' ? 'role' : 'organization', error.message);
      continue;
    }
    if (!seesStaffOf(actor, organization)) {
      errors.add(row.row, 'organization', `«${organization.shortName}» вне ваших полномочий: вы приглашаете сотрудников только в ${reachText(actor)}`);
      continue;
    }
    if (!grantableBy(actor, checked.target)) {
      errors.add(row.row, 'role', `Вы не можете назначать роль «${roleLabels[row.role]}» в «${organization.shortName}»: её назначает руководитель организации или орган управления`);
      continue;
    }
    candidates.push({ ...row, organizationId: organization.id, municipalityId: checked.target.municipalityId!, organizationName: organization.shortName });
  }
  return candidates;
}

const reachText = (actor: Actor) =>
  hasPlatformRole(actor, 'authority') ? 'организации своего муниципалитета' : 'организации, где вы руководитель или администратор сотрудников';

/** One invitation per address, role and organisation: a second row asking for the same is an error on it. */
function markRepeatedRows(candidates: Candidate[], errors: RowErrors<StaffField>) {
  const firstRow = new Map<string, number>();
  for (const c of candidates) {
    const key = `${c.email}|${c.role}|${c.organizationId}`;
    const earlier = firstRow.get(key);
    if (earlier === undefined) firstRow.set(key, c.row);
    else errors.add(c.row, 'email', `Это приглашение уже есть в строке ${earlier} этого файла: тот же адрес, роль и организация`);
  }
}

/**
 * Compares the rows with the database, one query each for all rows: a disabled account is not invited, a role
 * already held or a live invitation (pending or expired, not yet revoked) is an error; the rest are invitations,
 * to new people or to existing accounts (accepting adds the role).
 */
async function compareWithExisting(db: Database, candidates: Candidate[], errors: RowErrors<StaffField>): Promise<StaffImportRow[]> {
  const emails = [...new Set(candidates.map((c) => c.email))];
  if (!emails.length) return [];
  const accounts = new Map(
    (await db.select({ id: users.id, email: users.email, disabledAt: users.disabledAt }).from(users).where(inList(users.email, emails))).map((u) => [u.email, u]),
  );
  const held = new Set(
    (
      await db
        .select({ email: users.email, organizationId: memberships.organizationId, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(inList(users.email, emails))
    ).map((m) => `${m.email}|${m.role}|${m.organizationId}`),
  );
  const live = new Map(
    (
      await db
        .select({ email: invitations.email, role: invitations.role, organizationId: invitations.organizationId, expiresAt: invitations.expiresAt })
        .from(invitations)
        .where(and(inList(invitations.email, emails), isNotNull(invitations.organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    ).map((i) => [`${i.email}|${i.role}|${i.organizationId}`, i.expiresAt]),
  );

  const now = new Date();
  const rows: StaffImportRow[] = [];
  for (const { organizationName, ...c } of candidates) {
    const key = `${c.email}|${c.role}|${c.organizationId}`;
    const account = accounts.get(c.email);
    const role = `«${roleLabels[c.role]}» в «${organizationName}»`;
    if (account?.disabledAt) errors.add(c.row, 'email', `Учётная запись ${c.email} отключена. Пригласить её можно, когда оператор её включит`);
    else if (held.has(key)) errors.add(c.row, 'role', `У ${c.email} уже есть роль ${role}. Уберите строку`);
    else if (live.has(key)) {
      errors.add(
        c.row,
        'email',
        live.get(key)! > now
          ? `${c.email} уже приглашён(а) на роль ${role}. Если письмо потерялось, отправьте приглашение повторно на странице приглашений`
          : `Приглашение ${c.email} на роль ${role} истекло. Отправьте его повторно на странице приглашений или отзовите, а затем загрузите строку снова`,
      );
    } else rows.push({ ...c, accountExists: !!account });
  }
  return rows;
}

// ───────────────────────────── reading ─────────────────────────────

/** The preview, the commit's progress and, once committed, how its letters are getting on. */
export async function getStaffImport(context: CommandContext, id: string): Promise<StaffImport> {
  authorize(context.actor, () => true);
  const state = await staffImportStore.get(context, id);
  // Letters exist only once the commit is in; asking earlier would also wait for the commit's transaction.
  return { ...state, delivery: state.status === 'done' ? await deliveryOf(context.db, id) : { sent: 0, waiting: 0, failed: 0 } };
}

async function deliveryOf(db: Database, batchId: string): Promise<StaffImportDelivery> {
  const [counts] = await db
    .select({
      total: count(),
      sent: sql<number>`count(${outboxMessages.sentAt})`.mapWith(Number),
      failed: sql<number>`count(${outboxMessages.failedAt})`.mapWith(Number),
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.batchId, batchId));
  return { sent: counts.sent, failed: counts.failed, waiting: Number(counts.total) - counts.sent - counts.failed };
}

// ───────────────────────────── commit ─────────────────────────────

/** Starts issuing the previewed invitations: the running state at once, and `done` when all of them exist — or none. */
export async function startStaffImport(context: CommandContext, id: string, options: Omit<InvitationOptions, 'batchId'>) {
  authorize(context.actor, staffImportPolicy.commit);
  return staffImportStore.start({ ...context, actor: context.actor }, id, options);
}

/**
 * Issues the invitations in batches inside the commit's transaction; their letters go to the outbox with the
 * import's id as the batch, for the delivery bar. Rights are checked again: the importer's roles may have changed.
 */
async function writeInvitations(
  tx: Database,
  context: CommandContext & { actor: Actor },
  state: StaffImportState,
  rows: StaffImportRow[],
  progress: ImportProgress,
  options: Omit<InvitationOptions, 'batchId'>,
) {
  for (const batch of chunks(rows, BATCH_SIZE)) {
    const refused = batch.find((r) => !grantableBy(context.actor, { role: r.role, organizationId: r.organizationId, municipalityId: r.municipalityId }));
    if (refused) throw forbidden(`Строка ${refused.row}: вы больше не можете приглашать на роль «${roleLabels[refused.role]}» в эту организацию. Ничего не записано.`);
    const drafts = batch.map((r) => ({ email: r.email, fullName: r.fullName, role: r.role, organizationId: r.organizationId }));
    await issueInvitations(tx, context, drafts, { ...options, batchId: state.id }).catch((error: unknown) => explainWriteError(error, batch));
    await progress.advance(batch.length);
  }
  await recordAudit(tx, context, {
    action: 'staff_import.committed',
    entityType: 'staff_import',
    entityId: state.id,
    after: { fileName: state.fileName, total: state.total, invitations: rows.length, toExistingAccounts: state.toAddRole },
  });
}

/** Someone invited a person of the file to the same role after the preview: says which row, and nothing is written. */
function explainWriteError(error: unknown, batch: StaffImportRow[]): never {
  if (uniqueViolation(error) !== 'invitations_pending_unique') throw error;
  const [email, role] = violatingKey(error)?.split(', ') ?? [];
  const row = batch.find((r) => r.email === email && r.role === role);
  const where = row ? `Строка ${row.row}: ` : '';
  throw new Problem(
    409,
    'Приглашения не созданы',
    `${where}пока файл ждал записи, ${email ?? 'этого человека'} уже пригласили на эту роль. Ничего не записано — загрузите файл заново, предпросмотр покажет такие строки.`,
  );
}

/** Marks staff imports left running by a process that died as failed (embedded engine, at start-up). */
export const failInterruptedStaffImports = (db: Database, silentForMs?: number) => staffImportStore.failInterrupted(db, silentForMs);
