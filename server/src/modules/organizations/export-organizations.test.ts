import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../platform/context';
import type { DatabaseHandle } from '../../platform/db/client';
import { openTestDatabase } from '../../../test/database';
import { type Fixtures, seedFixtures } from '../../../test/fixtures';
import { archiveOrganization } from './change-organization-state';
import { createOrganization } from './create-organization';
import { exportOrganizations } from './export-organizations';
import { previewOrganizationImport, startOrganizationImport } from './import-organizations';
import { organizations } from './schema';
import { spreadsheetColumns } from './spreadsheet-columns';
import { type SpreadsheetFile, spreadsheetOf } from '../../platform/imports/spreadsheet-file';

let handle: DatabaseHandle;
let fixtures: Fixtures;
let operator: CommandContext;

/** INNs of the Republic of Adygea start with 0, which a number cell in Excel would drop. */
const ADYGEA_INN = withCheckDigit('010501234');
function withCheckDigit(body: string) {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return body + ((weights.reduce((sum, w, i) => sum + w * Number(body[i]), 0) % 11) % 10);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  fixtures = await seedFixtures(handle.db);
  operator = { db: handle.db, actor: fixtures.actors.operator, ip: null };
  const card = { ogrn: null, externalId: null, lat: null, lon: null };
  // One card per tricky case: no identifiers at all, statuses, a formula-like description, a leading-zero INN.
  await createOrganization(operator, {
    ...card, kind: 'gymnasium', fullName: 'Гимназия № 10 без реквизитов', shortName: 'Гимназия № 10', inn: null, municipalityId: fixtures.municipalityId,
    statuses: ['innovation_site', 'base_school'], description: '=СУММ(1;2) — не формула', phone: '+7 (4012) 55-55-55',
  });
  await createOrganization(operator, {
    ...card, kind: 'methodical_centre', fullName: 'Адыгейский методический центр', shortName: 'Методический центр', inn: ADYGEA_INN,
    ogrn: '1020100000007', municipalityId: fixtures.otherMunicipalityId, lat: 44.61, lon: 40.1, website: 'https://mc.example.ru', email: 'mc@example.ru',
  });
  const archived = await createOrganization(operator, { ...card, kind: 'museum', fullName: 'Музей в архиве', shortName: 'Архивный музей', inn: null, municipalityId: fixtures.municipalityId });
  await archiveOrganization(operator, { id: archived.id, version: archived.version });
});
afterAll(async () => handle?.close());


async function readWorkbook(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

async function reimport(file: SpreadsheetFile) {
  const preview = await previewOrganizationImport(operator, file);
  expect(preview.errors).toEqual([]);
  const { done } = await startOrganizationImport(operator, preview.id);
  return { preview, result: await done };
}

describe('organization export', () => {
  it('writes an xlsx with the import columns, a bold frozen header, labels, and identifiers as text', async () => {
    const file = await exportOrganizations({ ...operator, actor: null }, {}, 'xlsx');
    expect(file.fileName).toMatch(/^organizations-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const sheet = await readWorkbook(file.data);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(spreadsheetColumns.map((c) => c.header));
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(40);
    // Sorted by short name the Russian way; the archived card is left out by default.
    const rows = [2, 3, 4, 5].map((n) => sheet.getRow(n));
    expect(rows.map((r) => r.getCell(2).value)).toEqual(['Гимназия № 10', 'Методический центр', 'СОШ № 1', 'СОШ № 2']);
    expect(sheet.actualRowCount).toBe(5);

    const [gymnasium, centre] = rows;
    expect(gymnasium.getCell(3).value).toBe('Гимназия');
    expect(gymnasium.getCell(8).value).toBe('Инновационная площадка, Базовая школа');
    expect(gymnasium.getCell(4).value).toBeNull();
    expect(centre.getCell(3).value).toBe('Методический центр');
    expect(centre.getCell(4).value).toBe(ADYGEA_INN);
    expect(centre.getCell(4).numFmt).toBe('@');
    expect(centre.getCell(7).value).toBe('Второй район');
    expect(centre.getCell(10).value).toBe(44.61);
  });

  it('filters like the list and writes a UTF-8 CSV with a byte-order mark, «;» and decimal commas', async () => {
    const file = await exportOrganizations(operator, { municipalityId: fixtures.otherMunicipalityId, sort: '-name' }, 'csv');
    expect(file.fileName).toMatch(/^organizations-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.data.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(spreadsheetColumns.map((c) => c.header).join(';'));
    expect(lines[1]).toContain(';СОШ № 2;Школа;3900000023;;;Второй район;;;54,7;20,5;');
    expect(lines[2]).toMatch(/^Адыгейский методический центр;/);
    expect(lines).toHaveLength(4); // header, two rows, the final line break

    const all = (await exportOrganizations(operator, { q: 'гимназия' }, 'csv')).data.toString('utf8');
    // A cell Excel would run as a formula is guarded with an apostrophe.
    expect(all).toContain(";'+7 (4012) 55-55-55;");
    expect(all).toContain(';"\'=СУММ(1;2) — не формула"');
  });

  it('re-imports its own file as pure updates, in both formats, changing nothing', async () => {
    const [{ total }] = await handle.db.select({ total: count() }).from(organizations);
    const versions = new Map((await handle.db.select({ id: organizations.id, version: organizations.version }).from(organizations)).map((o) => [o.id, o.version]));

    for (const format of ['xlsx', 'csv'] as const) {
      const file = await exportOrganizations(operator, {}, format);
      const { preview, result } = await reimport(spreadsheetOf(file.fileName, file.data));
      expect(preview).toMatchObject({ total: 4, toCreate: 0, toUpdate: 4 });
      expect(result.status).toBe('done');
    }
    const [{ total: after }] = await handle.db.select({ total: count() }).from(organizations);
    expect(after).toBe(total);
    const now = await handle.db.select({ id: organizations.id, version: organizations.version }).from(organizations);
    expect(now.every((o) => versions.get(o.id) === o.version)).toBe(true);

    // An edited export updates exactly the edited card.
    const file = await exportOrganizations(operator, {}, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ExcelJS.Buffer);
    workbook.worksheets[0].getRow(2).getCell(13).value = '+7 (4012) 77-77-77';
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    await reimport(spreadsheetOf('edited.xlsx', edited));
    const [gymnasium] = await handle.db.select().from(organizations).where(eq(organizations.shortName, 'Гимназия № 10'));
    expect(gymnasium).toMatchObject({ phone: '+7 (4012) 77-77-77', version: 2, statuses: ['innovation_site', 'base_school'], description: '=СУММ(1;2) — не формула' });
  });
});
