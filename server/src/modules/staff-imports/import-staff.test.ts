import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import type { Actor, CommandContext } from '../../platform/context';
import type { DatabaseHandle } from '../../platform/db/client';
import { createMailWorker } from '../../platform/mail/mail-worker';
import { outboxMessages } from '../../platform/mail/schema';
import { createSmtpTransport } from '../../platform/mail/smtp-transport';
import { Problem } from '../../platform/problem';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { type SmtpCapture, startSmtpCapture } from '../../../test/smtp-capture';
import { type MembershipRole, invitations, memberships, staffImports, users } from '../accounts/schema';
import { loadActor } from '../accounts/sessions';
import { invitePerson } from '../people/invite-person';
import { failInterruptedStaffImports, getStaffImport, previewStaffImport, startStaffImport } from './import-staff';
import { spreadsheetOf } from '../../platform/imports/spreadsheet-file';

let handle: DatabaseHandle;
let fixtures: Fixtures;
let smtp: SmtpCapture;

const OPTIONS = { publicUrl: 'http://orbita.test', ttlDays: 14 };
/** INNs of «СОШ № 1» (the authority's municipality, orgAdmin's) and «СОШ № 2» (the other one) from the fixtures. */
const OWN_INN = '3900000016';
const OTHER_INN = '3900000023';

beforeAll(async () => {
  handle = await openTestDatabase();
  fixtures = await seedFixtures(handle.db);
  smtp = await startSmtpCapture({ rejectRecipient: (address) => address.startsWith('bounce') });
});
afterAll(async () => {
  await smtp?.stop();
  await handle?.close();
});

const as = (actor: Actor | null): CommandContext => ({ db: handle.db, actor, ip: '203.0.113.9' });
const operator = () => as(fixtures.actors.operator);

type Cell = string | number | null;
const HEADERS = ['ФИО', 'Эл. почта', 'Организация', 'Роль'];

async function xlsx(rows: Cell[][], headers: string[] = HEADERS) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Сотрудники');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return spreadsheetOf('сотрудники.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
}

let serial = 0;
/** A person no other test uses. */
const person = (organization: Cell = OWN_INN, role = 'педагог'): Cell[] => {
  serial += 1;
  return [`Иванова Мария ${serial}`, `staff${serial}@school.test`, organization, role];
};

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

async function invitationCount() {
  const [{ total }] = await handle.db.select({ total: count() }).from(invitations);
  return Number(total);
}

/** An extra account: a staff admin of an organisation, a disabled person… */
async function account(email: string, membership?: { organizationId: string; role: MembershipRole }, disabled = false) {
  const [user] = await handle.db
    .insert(users)
    .values({ email, fullName: `Пользователь ${email}`, disabledAt: disabled ? new Date() : null })
    .returning();
  if (membership) await handle.db.insert(memberships).values({ userId: user.id, ...membership });
  return loadActor(handle.db, user);
}

describe('staff import preview', () => {
  it('names every bad cell by row and column, counts invitations to new and existing accounts, and writes nothing', async () => {
    await invitePerson(operator(), { email: 'invited@school.test', fullName: 'Уже Приглашённая', role: 'teacher', organizationId: fixtures.ownOrganizationId }, OPTIONS);
    await account('disabled@school.test', undefined, true);
    const before = await invitationCount();
    const good = person();
    const file = await xlsx([
      good, // 2
      ['Петров Пётр', 'petrov@', OWN_INN, 'педагог'], // 3
      ['Сидорова Анна', 'sidorova@school.test', 'Школа № 999', 'педагог'], // 4
      ['Кузнецов Иван', 'kuznetsov@school.test', OWN_INN, 'эксперт'], // 5
      ['Смирнова Ольга', 'smirnova@school.test', 'СОШ № 1', 'вахтёр'], // 6
      [String(good[0]), String(good[1]).toUpperCase(), 'сош № 1', 'teacher'], // 7: row 2 again
      ['Учитель Фикстуры', fixtures.emails.teacher, OWN_INN, 'Педагог'], // 8: already a teacher there
      ['Уже Приглашённая', 'invited@school.test', OWN_INN, 'педагог'], // 9: a live invitation
      ['Отключённая', 'disabled@school.test', OWN_INN, 'педагог'], // 10
      ['', 'noname@school.test', '', ''], // 11
      ['Эксперт Фикстуры', fixtures.emails.expert, OTHER_INN, 'Координатор сетевого взаимодействия'], // 12: an existing account, a new role (the interface's label)
    ]);
    const preview = await previewStaffImport(operator(), { organizationId: null }, file);
    expect(preview).toMatchObject({ fileName: 'сотрудники.xlsx', status: 'previewed', total: 11, toInvite: 1, toAddRole: 1, processed: 0, failure: null });
    expect(preview.errors).toEqual([
      { row: 3, column: 'Эл. почта', message: 'Введите адрес почты, например ivanova@mail.ru' },
      { row: 4, column: 'Организация', message: expect.stringContaining('«Школа № 999» не найдена в реестре') },
      { row: 5, column: 'Роль', message: expect.stringContaining('«эксперт» — роль не в организации') },
      { row: 6, column: 'Роль', message: expect.stringMatching(/^Неизвестная роль «вахтёр». Допустимые: руководитель, администратор сотрудников, заместитель руководителя, координатор, педагог, педагог программы$/) },
      { row: 7, column: 'Эл. почта', message: 'Это приглашение уже есть в строке 2 этого файла: тот же адрес, роль и организация' },
      { row: 8, column: 'Роль', message: `У ${fixtures.emails.teacher} уже есть роль «педагог» в «СОШ № 1». Уберите строку` },
      { row: 9, column: 'Эл. почта', message: expect.stringContaining('invited@school.test уже приглашён(а) на роль «педагог» в «СОШ № 1»') },
      { row: 10, column: 'Эл. почта', message: expect.stringContaining('отключена') },
      { row: 11, column: 'ФИО', message: 'Укажите фамилию, имя и отчество' },
      { row: 11, column: 'Организация', message: expect.stringContaining('не найдена') },
      { row: 11, column: 'Роль', message: 'Укажите роль' },
    ]);
    expect(await invitationCount()).toBe(before);

    const refused = await problemOf(startStaffImport(operator(), preview.id, OPTIONS));
    expect(refused.status).toBe(409);
    expect(refused.detail).toMatch(/Ошибок в файле: 11/);
    expect(await invitationCount()).toBe(before);
  });

  it('refuses a file without a required column as a whole, but lets an organisation’s own list leave the organisation out', async () => {
    const missing = await problemOf(previewStaffImport(operator(), { organizationId: null }, await xlsx([['Иванова', 'a@school.test', 'педагог']], ['ФИО', 'E-mail', 'Роль'])));
    expect(missing.status).toBe(400);
    expect(missing.detail).toBe('В файле нет обязательных столбцов: «Организация». Заголовки ищутся в первой заполненной строке листа.');

    const own = await previewStaffImport(as(fixtures.actors.orgAdmin), { organizationId: fixtures.ownOrganizationId }, await xlsx([['Иванова Анна', 'ivanova.own@school.test', 'учитель']], ['Ф.И.О. *', 'e-mail *', 'Должность']));
    expect(own).toMatchObject({ errors: [], toInvite: 1 });
  });

  it('reads a «;»-separated CSV from Russian Excel', async () => {
    const csv = `ФИО;Эл. почта;Организация;Роль\r\nЁлкина Алёна;elkina@school.test;${OWN_INN};координатор\r\n`;
    const preview = await previewStaffImport(operator(), { organizationId: null }, spreadsheetOf('staff.csv', Buffer.from(csv, 'utf8')));
    expect(preview).toMatchObject({ errors: [], total: 1, toInvite: 1 });
  });
});

describe('who may import whom', () => {
  it('lets an authority place people only in its municipality’s organisations', async () => {
    const preview = await previewStaffImport(as(fixtures.actors.authority), { organizationId: null }, await xlsx([person(OWN_INN, 'руководитель'), person(OTHER_INN)]));
    expect(preview.errors).toEqual([{ row: 3, column: 'Организация', message: '«СОШ № 2» вне ваших полномочий: вы приглашаете сотрудников только в организации своего муниципалитета' }]);
    expect(preview.toInvite).toBe(1);
  });

  it('keeps a head’s list to their own organisation and a staff admin’s to the roles below theirs', async () => {
    const head = as(fixtures.actors.orgAdmin);
    const headPreview = await previewStaffImport(head, { organizationId: fixtures.ownOrganizationId }, await xlsx([person(OWN_INN, 'руководитель'), person(OTHER_INN), person('')]));
    expect(headPreview.errors).toEqual([{ row: 3, column: 'Организация', message: expect.stringContaining('Файл загружается для «СОШ № 1», а строка — для «СОШ № 2»') }]);
    expect(headPreview.toInvite).toBe(2);

    const staffAdmin = await account('staffadmin@school.test', { organizationId: fixtures.ownOrganizationId, role: 'staff_admin' });
    const adminPreview = await previewStaffImport(
      as(staffAdmin),
      { organizationId: fixtures.ownOrganizationId },
      await xlsx([person(OWN_INN, 'заместитель руководителя'), person(OWN_INN, 'руководитель'), person(OWN_INN, 'администратор сотрудников')]),
    );
    expect(adminPreview.errors).toEqual([
      { row: 3, column: 'Роль', message: 'Вы не можете назначать роль «руководитель» в «СОШ № 1»: её назначает руководитель организации или орган управления' },
      { row: 4, column: 'Роль', message: 'Вы не можете назначать роль «администратор сотрудников» в «СОШ № 1»: её назначает руководитель организации или орган управления' },
    ]);

    for (const role of ['teacher', 'otherOrgAdmin', 'expert', 'guardian', 'authorityElsewhere'] as const) {
      const refused = await problemOf(previewStaffImport(as(fixtures.actors[role]), { organizationId: fixtures.ownOrganizationId }, await xlsx([person()])));
      expect(refused.status, role).toBe(403);
    }
    for (const role of ['orgAdmin', 'teacher', 'expert'] as const) {
      expect((await problemOf(previewStaffImport(as(fixtures.actors[role]), { organizationId: null }, await xlsx([person()])))).status, role).toBe(403);
    }
    expect((await problemOf(previewStaffImport(as(null), { organizationId: null }, await xlsx([person()])))).status).toBe(401);
  });

  it('shows an import to its author and operators only, and lets only the author commit it', async () => {
    const preview = await previewStaffImport(as(fixtures.actors.orgAdmin), { organizationId: fixtures.ownOrganizationId }, await xlsx([person()]));
    expect((await problemOf(getStaffImport(as(fixtures.actors.authority), preview.id))).status).toBe(404);
    expect((await getStaffImport(operator(), preview.id)).id).toBe(preview.id);
    expect((await problemOf(startStaffImport(as(fixtures.actors.authority), preview.id, OPTIONS))).status).toBe(404);
    expect((await problemOf(startStaffImport(operator(), preview.id, OPTIONS))).status).toBe(403);
    expect((await problemOf(startStaffImport(as(fixtures.actors.teacher), preview.id, OPTIONS))).status).toBe(403);
    expect((await getStaffImport(as(fixtures.actors.orgAdmin), preview.id)).status).toBe('previewed');
  });
});

describe('staff import commit', () => {
  it('issues every invitation in one go, queues the letters as the import’s batch, and shows their delivery', async () => {
    const rows = [person(), person(OTHER_INN, 'координатор'), ['Отказник Пётр', 'bounce@school.test', OWN_INN, 'педагог'], ['Эксперт Фикстуры', fixtures.emails.expert, OWN_INN, 'педагог программы']];
    const preview = await previewStaffImport(operator(), { organizationId: null }, await xlsx(rows));
    expect(preview).toMatchObject({ errors: [], toInvite: 3, toAddRole: 1 });
    const { preview: running, done } = await startStaffImport(operator(), preview.id, OPTIONS);
    expect(running.status).toBe('running');
    expect(await done).toMatchObject({ status: 'done', processed: 4 });

    const issued = await handle.db.select().from(invitations).where(eq(invitations.importId, preview.id));
    expect(issued.map((i) => `${i.email} ${i.role}`).sort()).toEqual(
      [`${rows[0][1]} teacher`, `${rows[1][1]} coordinator`, 'bounce@school.test teacher', `${fixtures.emails.expert} programme_teacher`].sort(),
    );
    expect(issued.every((i) => i.invitedBy === fixtures.actors.operator!.userId)).toBe(true);
    const audit = await handle.db.select({ action: auditEntries.action }).from(auditEntries).where(inArray(auditEntries.entityId, [preview.id, ...issued.map((i) => i.id)]));
    expect(audit.filter((a) => a.action === 'invitation.created')).toHaveLength(4);
    expect(audit.filter((a) => a.action === 'staff_import.committed')).toHaveLength(1);

    expect(await getStaffImport(operator(), preview.id)).toMatchObject({ status: 'done', delivery: { sent: 0, waiting: 4, failed: 0 } });

    const worker = createMailWorker(handle.db, { transport: createSmtpTransport(smtp.url, 'Орбита <no-reply@orbita.test>'), log: () => {} });
    try {
      for (let round = 0; round < 5 && (await getStaffImport(operator(), preview.id)).delivery.waiting > 0; round++) await worker.deliverDue();
    } finally {
      await worker.stop();
    }
    expect((await getStaffImport(operator(), preview.id)).delivery).toEqual({ sent: 3, waiting: 0, failed: 1 });
    const letter = smtp.messages.find((m) => m.to.includes(String(rows[0][1])))!;
    expect(letter.subject).toMatch(/приглаш/i);
    expect(letter.links.some((link) => link.startsWith('http://orbita.test/invitation/'))).toBe(true);

    expect((await problemOf(startStaffImport(operator(), preview.id, OPTIONS))).detail).toMatch(/уже созданы/);
  });

  it('writes nothing when one row has meanwhile become impossible, and says which row', async () => {
    const before = await invitationCount();
    const rows = [person(), person(), person()];
    const preview = await previewStaffImport(operator(), { organizationId: null }, await xlsx(rows));
    expect(preview.errors).toEqual([]);
    // Someone invites the third person by hand while the preview waits.
    await invitePerson(as(fixtures.actors.orgAdmin), { email: String(rows[2][1]), fullName: String(rows[2][0]), role: 'teacher', organizationId: fixtures.ownOrganizationId }, OPTIONS);

    const result = await (await startStaffImport(operator(), preview.id, OPTIONS)).done;
    expect(result.status).toBe('failed');
    expect(result.failure).toBe(`Строка 4: пока файл ждал записи, ${rows[2][1]} уже пригласили на эту роль. Ничего не записано — загрузите файл заново, предпросмотр покажет такие строки.`);
    expect(await getStaffImport(operator(), preview.id)).toMatchObject({ status: 'failed', processed: 0, failure: result.failure });
    expect(await invitationCount()).toBe(before + 1);
    expect(await handle.db.select().from(invitations).where(eq(invitations.importId, preview.id))).toEqual([]);
    expect(await handle.db.select().from(outboxMessages).where(eq(outboxMessages.batchId, preview.id))).toEqual([]);
  });

  it('fails the commit when the importer lost the right meanwhile', async () => {
    const head = await account('head.leaving@school.test', { organizationId: fixtures.ownOrganizationId, role: 'org_admin' });
    const preview = await previewStaffImport(as(head), { organizationId: fixtures.ownOrganizationId }, await xlsx([person(), person()]));
    await handle.db.delete(memberships).where(and(eq(memberships.userId, head.userId), eq(memberships.role, 'org_admin')));
    const headNow = { ...head, memberships: [{ organizationId: fixtures.ownOrganizationId, role: 'teacher' as const }] };
    // A teacher may not import at all any more.
    expect((await problemOf(startStaffImport(as(headNow), preview.id, OPTIONS))).status).toBe(403);
    // A staff admin may, but not the head role the file has.
    const staffAdminNow = { ...head, memberships: [{ organizationId: fixtures.ownOrganizationId, role: 'staff_admin' as const }] };
    const headRow = await previewStaffImport(as(head), { organizationId: fixtures.ownOrganizationId }, await xlsx([person(), person(OWN_INN, 'руководитель')]));
    const result = await (await startStaffImport(as(staffAdminNow), headRow.id, OPTIONS)).done;
    expect(result).toMatchObject({ status: 'failed', failure: 'Строка 3: вы больше не можете приглашать на роль «руководитель» в эту организацию. Ничего не записано.' });
    expect(await handle.db.select().from(invitations).where(eq(invitations.importId, headRow.id))).toEqual([]);
  });

  it('reports progress while a long list is written', async () => {
    const rows = Array.from({ length: 2_500 }, () => person());
    const preview = await previewStaffImport(operator(), { organizationId: null }, await xlsx(rows));
    expect(preview).toMatchObject({ errors: [], toInvite: 2_500 });
    const { done } = await startStaffImport(operator(), preview.id, OPTIONS);
    let finished = false;
    void done.finally(() => (finished = true));
    const seen: number[] = [];
    while (!finished) {
      const state = await getStaffImport(operator(), preview.id);
      if (state.status === 'running') seen.push(state.processed);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await done).toMatchObject({ status: 'done', processed: 2_500 });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((processed) => processed > 0 && processed < 2_500)).toBe(true);
    const [{ letters }] = await handle.db.select({ letters: count() }).from(outboxMessages).where(and(eq(outboxMessages.batchId, preview.id), isNotNull(outboxMessages.toAddress)));
    expect(Number(letters)).toBe(2_500);
  });

  it('marks imports left running by a dead process as failed', async () => {
    await handle.db.insert(staffImports).values({ authorId: fixtures.actors.operator!.userId, fileName: 'a.xlsx', status: 'running', total: 1, toInvite: 1, toAddRole: 0, rows: [], errors: [] });
    expect(await failInterruptedStaffImports(handle.db)).toBe(1);
    expect((await handle.db.select().from(staffImports).where(eq(staffImports.fileName, 'a.xlsx')))[0]).toMatchObject({ status: 'failed', failure: expect.stringContaining('прерван') });
  });
});
