import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { resourceNeeds, resourceOffers } from './schema';

function multipart(fileName: string, data: Buffer) {
  const boundary = 'orbita-inventory-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

type Cell = string | number | Date | null;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function sheetRows(data: Buffer, name: string): Promise<Cell[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  const rows: Cell[][] = [];
  book.getWorksheet(name)!.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows;
}

describe('network inventory: XLSX export and import', () => {
  let t: TestApp;
  let head: Session;
  let otherHead: Session;
  let networkId: string;
  const Y = new Date().getFullYear() + 1;

  beforeAll(async () => {
    t = await openTestApp();
    head = await t.signIn('orgAdmin');
    otherHead = await t.signIn('otherOrgAdmin');
    networkId = (await seedNetwork(t.handle.db, t.fixtures)).id;
    const own = `/api/organizations/${t.fixtures.ownOrganizationId}`;
    const created = await Promise.all([
      t.call('POST', `${own}/offers`, {
        session: head,
        body: { category: 'facilities', title: 'Лаборатория робототехники', description: 'Наборы LEGO и Arduino', tags: ['робототехника', 'программирование'], conditions: 'exchange', mobility: 'on_site', weekdays: [1, 3, 5], availableFrom: `${Y}-09-01`, availableTo: `${Y + 1}-05-31`, capacity: 12 },
      }),
      t.call('POST', `${own}/offers`, { session: head, body: { category: 'staff', title: 'Учитель химии', tags: ['химия'], mobility: 'travels' } }),
      t.call('POST', `${own}/needs`, { session: head, body: { category: 'methodical', title: 'Программа по финансовой грамотности', priority: 'high', neededFrom: `${Y}-09-01`, neededTo: `${Y}-12-31` } }),
    ]);
    for (const response of created) expect(response.statusCode, response.body).toBe(201);
  });
  afterAll(() => t.close());

  const exportFile = async (session: Session | null = head) => t.call('GET', `/api/networks/${networkId}/inventory.xlsx`, { session });
  const upload = (data: Buffer, query = '', session: Session = head, fileName = 'ресурсы.xlsx') => {
    const { payload, headers } = multipart(fileName, data);
    return t.app.inject({ method: 'POST', url: `/api/networks/${networkId}/inventory/import${query}`, payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
  };
  const rowCount = async () =>
    Number((await t.handle.db.select({ n: count() }).from(resourceOffers))[0].n) + Number((await t.handle.db.select({ n: count() }).from(resourceNeeds))[0].n);
  const auditCount = async () => Number((await t.handle.db.select({ n: count() }).from(auditEntries))[0].n);

  it('exports the members’ resources and needs on two sheets, in Russian, with ИНН and the row’s id', async () => {
    const response = await exportFile();
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(response.headers['content-disposition']))).toContain('Ресурсы и потребности Школьный округ «Первый»');
    const offers = await sheetRows(response.rawPayload, 'Ресурсы');
    expect(offers[0]).toEqual(['ИНН', 'Организация', 'Категория', 'Название', 'Описание', 'Направления', 'Условия', 'Где используется', 'Дни недели', 'Доступно с', 'Доступно по', 'Вместимость', 'Идентификатор']);
    expect(offers).toHaveLength(3);
    const robotics = offers.find((row) => row[3] === 'Лаборатория робототехники')!;
    expect(robotics.slice(0, 12)).toEqual([
      '3900000016',
      'СОШ № 1',
      'Материально-технические',
      'Лаборатория робототехники',
      'Наборы LEGO и Arduino',
      'робототехника, программирование',
      'Обмен',
      'У владельца',
      'пн, ср, пт',
      new Date(`${Y}-09-01T00:00:00Z`),
      new Date(`${Y + 1}-05-31T00:00:00Z`),
      12,
    ]);
    expect(robotics[12]).toMatch(/^[0-9a-f-]{36}$/);
    const needs = await sheetRows(response.rawPayload, 'Потребности');
    expect(needs[0]).toEqual(['ИНН', 'Организация', 'Категория', 'Название', 'Описание', 'Направления', 'Приоритет', 'Нужно с', 'Нужно по', 'Идентификатор']);
    expect(needs[1].slice(0, 4)).toEqual(['3900000016', 'СОШ № 1', 'Учебно-методические', 'Программа по финансовой грамотности']);
    expect(needs[1][6]).toBe('Высокий');
    expect((await exportFile(null)).statusCode).toBe(401);
  });

  it('re-imports the exported workbook without changes', async () => {
    const exported = (await exportFile()).rawPayload;
    const audits = await auditCount();
    const preview = await upload(exported);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ total: 3, toCreate: 0, toUpdate: 0, unchanged: 3, errors: [], ignoredColumns: [], canCommit: true });
    const commit = await upload(exported, '?commit=true');
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const versions = await t.handle.db.select({ version: resourceOffers.version }).from(resourceOffers);
    expect(versions.every((v) => v.version === 1)).toBe(true);
    // Only the import itself is recorded.
    expect(await auditCount()).toBe(audits + 1);
  });

  it('updates edited rows by their id and adds new ones, all in one commit, audited', async () => {
    const other = await t.call('POST', `/api/organizations/${t.fixtures.otherOrganizationId}/needs`, { session: otherHead, body: { category: 'social', title: 'Волонтёры для школьного музея' } });
    expect(other.statusCode).toBe(201);
    const exported = (await exportFile()).rawPayload;
    const offers = await sheetRows(exported, 'Ресурсы');
    const needs = await sheetRows(exported, 'Потребности');
    const teacher = offers.find((row) => row[3] === 'Учитель химии')!;
    teacher[5] = 'Химия, олимпиады';
    teacher[8] = 'пн–ср';
    teacher[11] = 2;
    const edited = await workbook({
      Ресурсы: [...offers, [null, 'сош №1', 'Кадровые', 'Педагог-психолог', '', 'психология', 'Бесплатно', 'Дистанционно', '', '', '', '', null]],
      Потребности: needs,
      Инструкция: [['Заполните листы «Ресурсы» и «Потребности»']],
    });
    const preview = (await upload(edited)).json();
    expect(preview).toMatchObject({ total: 5, toCreate: 1, toUpdate: 1, unchanged: 3, errors: [], ignoredSheets: ['Инструкция'], canCommit: true });
    // СОШ № 2's need came back unchanged: no edit, so no refusal for СОШ № 1's head.
    expect(preview.rows).toContainEqual({ sheet: 'Потребности', row: 3, action: 'unchanged', organizationName: 'СОШ № 2', title: 'Волонтёры для школьного музея' });

    const commit = await upload(edited, '?commit=true');
    expect(commit.json()).toEqual({ created: 1, updated: 1, unchanged: 3 });
    const [updated] = await t.handle.db.select().from(resourceOffers).where(eq(resourceOffers.id, String(teacher[12])));
    expect(updated).toMatchObject({ tags: ['химия', 'олимпиады'], weekdays: [1, 2, 3], capacity: 2, version: 2, mobility: 'travels' });
    const [added] = await t.handle.db.select().from(resourceOffers).where(eq(resourceOffers.title, 'Педагог-психолог'));
    expect(added).toMatchObject({ organizationId: t.fixtures.ownOrganizationId, category: 'staff', conditions: 'free', mobility: 'remote', tags: ['психология'] });
    const actions = (await t.handle.db.select({ action: auditEntries.action }).from(auditEntries)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['resource_offer.imported', 'resource_offer.updated', 'inventory.imported']));
    // The edited rows uploaded again change nothing more.
    const again = (await upload(await workbook({ Ресурсы: offers, Потребности: needs }))).json();
    expect(again).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 4 });
  });

  it('refuses bad rows with their sheet, row and column, and a commit of such a file writes nothing', async () => {
    const exported = (await exportFile()).rawPayload;
    const offers = await sheetRows(exported, 'Ресурсы');
    const needs = await sheetRows(exported, 'Потребности');
    const theirs = needs.find((row) => row[1] === 'СОШ № 2')!;
    theirs[3] = 'Волонтёры и экскурсоводы';
    const file = await workbook({
      Ресурсы: [
        offers[0],
        ['3900000016', '', 'Бассейн', 'Плавательный бассейн', '', '', 'Даром', '', 'пн, вчера', '31.02.2026', '', 'много', null],
        ['1234567890', '', 'Кадровые', 'Учитель физики', '', '', '', '', '', '', '', '', null],
        ['', 'СОШ № 1', 'Кадровые', 'Уч', '', '', '', '', '', `01.09.${Y}`, `01.06.${Y}`, '', 'не-id'],
        ['', '', 'Социальные', 'Родительский клуб', '', '', '', '', '', '', '', '', null],
      ],
      Потребности: [needs[0], theirs, ['', 'СОШ № 2', 'Социальные', 'Наставники', '', '', 'Срочно', '', '', null]],
    });
    const rows = await rowCount();
    const audits = await auditCount();
    const preview = (await upload(file)).json();
    expect(preview.canCommit).toBe(false);
    expect(preview.errors.map((e: { sheet: string; row: number; column: string; message: string }) => `${e.sheet} ${e.row} ${e.column}: ${e.message}`)).toEqual([
      expect.stringMatching(/^Ресурсы 2 Категория: Категория «Бассейн» не распознан\(а\)\. Допустимые: Кадровые, Информационные/),
      expect.stringMatching(/^Ресурсы 2 Условия: Условие «Даром» не распознан/),
      expect.stringMatching(/^Ресурсы 2 Дни недели: «вчера» — не день недели/),
      expect.stringMatching(/^Ресурсы 2 Доступно с: Такой даты нет: «31\.02\.2026»/),
      expect.stringMatching(/^Ресурсы 2 Вместимость: Вместимость — целое число не меньше 0, а не «много»/),
      'Ресурсы 3 ИНН: Организации с ИНН 1234567890 нет среди действующих участников сети «Школьный округ «Первый»»',
      'Ресурсы 4 Название: Назовите ресурс (не короче 3 символов)',
      'Ресурсы 4 Доступно по: Окончание не может быть раньше начала',
      expect.stringMatching(/^Ресурсы 4 Идентификатор: «не-id» — не идентификатор записи/),
      'Ресурсы 5 Организация: Укажите ИНН или краткое наименование организации',
      'Потребности 2 Организация: Вы не можете менять ресурсы организации «СОШ № 2»: их ведут администраторы этой организации',
      'Потребности 3 Организация: Вы не можете менять ресурсы организации «СОШ № 2»: их ведут администраторы этой организации',
      expect.stringMatching(/^Потребности 3 Приоритет: Приоритет «Срочно» не распознан/),
    ]);
    const commit = await upload(file, '?commit=true');
    expect(commit.statusCode).toBe(400);
    expect(commit.json().errors[0]).toMatchObject({ field: 'file', sheet: 'Ресурсы', row: 2, column: 'Категория' });
    expect([await rowCount(), await auditCount()]).toEqual([rows, audits]);
  });

  it('never puts back another organisation’s record that its head changed after the export', async () => {
    const exported = (await exportFile()).rawPayload;
    const [theirs] = await t.handle.db.select().from(resourceNeeds).where(eq(resourceNeeds.organizationId, t.fixtures.otherOrganizationId));
    const edited = await t.call('PATCH', `/api/needs/${theirs.id}`, { session: otherHead, body: { version: theirs.version, title: 'Волонтёры и экскурсоводы музея' } });
    expect(edited.statusCode).toBe(200);
    const preview = (await upload(exported)).json();
    expect(preview.errors).toEqual([
      { sheet: 'Потребности', row: 3, column: 'Организация', message: 'Вы не можете менять ресурсы организации «СОШ № 2»: их ведут администраторы этой организации' },
    ]);
    expect((await upload(exported, '?commit=true')).statusCode).toBe(400);
    const [after] = await t.handle.db.select().from(resourceNeeds).where(eq(resourceNeeds.id, theirs.id));
    expect(after.title).toBe('Волонтёры и экскурсоводы музея');
  });

  it('explains a file it cannot read as a whole', async () => {
    const noSheets = (await upload(await workbook({ Лист1: [['Название'], ['Бассейн']] }))).json();
    expect(noSheets.errors).toEqual([{ field: 'file', message: 'Нет листов «Ресурсы» и «Потребности»' }]);
    const noTitle = (await upload(await workbook({ Ресурсы: [['ИНН', 'Категория'], ['3900000016', 'Кадровые']] }))).json();
    expect(noTitle.detail).toContain('На листе «Ресурсы» нет столбцов: «Название»');
    const csv = Buffer.from('Организация;Категория;Название;Приоритет\nСОШ № 1;Социальные;Наставники для молодых учителей;Средний\n', 'utf8');
    expect((await upload(csv, '', head, 'потребности.csv')).json()).toMatchObject({ toCreate: 1, rows: [{ sheet: 'Потребности', row: 2, action: 'create' }] });
  });
});
