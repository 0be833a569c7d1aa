import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Problem } from '../problem';
import { MAX_SPREADSHEET_ROWS, readSpreadsheet, readWorkbook } from './read-spreadsheet';

async function workbookWith(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Лист1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('readSpreadsheet', () => {
  it('reads the first sheet of an xlsx as text, keeping every digit of numeric identifiers', async () => {
    const data = await workbookWith((sheet) => {
      sheet.addRow(['ИНН', 'ОГРН', 'Название', 'Широта']);
      sheet.addRow([3900000016, 1027700132195, 'СОШ № 1', 54.71]);
      sheet.addRow([]);
      sheet.addRow(['', null, '   ']);
      sheet.addRow(['3900000023', { formula: '1027700132195', result: 1027700132195 }, { richText: [{ text: 'Гимназия ' }, { text: '№ 2', font: { bold: true } }] }, '54,9']);
      sheet.addRow([null, null, { text: 'школа@example.ru', hyperlink: 'mailto:школа@example.ru' }]);
    });
    const sheet = await readSpreadsheet('реестр.xlsx', data);
    expect(sheet.headers).toEqual(['ИНН', 'ОГРН', 'Название', 'Широта']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: { ИНН: '3900000016', ОГРН: '1027700132195', Название: 'СОШ № 1', Широта: '54.71' } },
      { rowNumber: 5, cells: { ИНН: '3900000023', ОГРН: '1027700132195', Название: 'Гимназия № 2', Широта: '54,9' } },
      { rowNumber: 6, cells: { ИНН: '', ОГРН: '', Название: 'школа@example.ru', Широта: '' } },
    ]);
  });

  it('reads dates as the day Excel shows, booleans as «да»/«нет», and every sheet of a workbook by name', async () => {
    const workbook = new ExcelJS.Workbook();
    const plan = workbook.addWorksheet('План');
    plan.addRow(['Мероприятие', 'Начало', 'Готово']);
    plan.addRow(['Совет', new Date(Date.UTC(2027, 0, 15)), true]);
    plan.getCell('B2').numFmt = 'dd.mm.yyyy';
    workbook.addWorksheet('Пустой');
    workbook.addWorksheet('Потребности').addRow(['Название']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const sheets = await readWorkbook('план.xlsx', data);
    expect(sheets.map((s) => s.name)).toEqual(['План', 'Потребности']);
    expect(sheets[0].rows).toEqual([{ rowNumber: 2, cells: { Мероприятие: 'Совет', Начало: '2027-01-15', Готово: 'да' } }]);
  });

  it('reads a UTF-8 CSV with a byte-order mark and «,» between cells, quotes and line breaks inside cells', async () => {
    const text = '\uFEFFИНН,Название,Адрес\r\n3900000016,"СОШ № 1, корпус 2","ул. Ленина, 1\r\nвход со двора"\r\n,,\r\n3900000023,Гимназия,\r\n';
    const sheet = await readSpreadsheet('registry.CSV', Buffer.from(text, 'utf8'));
    expect(sheet.headers).toEqual(['ИНН', 'Название', 'Адрес']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: { ИНН: '3900000016', Название: 'СОШ № 1, корпус 2', Адрес: 'ул. Ленина, 1\r\nвход со двора' } },
      { rowNumber: 4, cells: { ИНН: '3900000023', Название: 'Гимназия', Адрес: '' } },
    ]);
  });

  it('takes «;» as the delimiter when the header line has it', async () => {
    const sheet = await readSpreadsheet('a.csv', Buffer.from('Название;Широта\nСОШ № 1;54,71\n', 'utf8'));
    expect(sheet.rows[0].cells).toEqual({ Название: 'СОШ № 1', Широта: '54,71' });
  });

  it('refuses .xls, damaged and unknown files with a Russian explanation', async () => {
    expect((await problemOf(readSpreadsheet('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])))).detail).toMatch(/\.xls.*не поддерживается/);
    const damaged = await problemOf(readSpreadsheet('broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip')));
    expect(damaged.status).toBe(400);
    expect(damaged.detail).toMatch(/повреждён/);
    expect((await problemOf(readSpreadsheet('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47])))).detail).toMatch(/\.xlsx или \.csv/);
    expect((await problemOf(readSpreadsheet('empty.csv', Buffer.alloc(0)))).detail).toMatch(/пуст/);
  });

  it(`refuses more than ${MAX_SPREADSHEET_ROWS} rows`, async () => {
    const text = `Название\n${'Школа\n'.repeat(MAX_SPREADSHEET_ROWS + 1)}`;
    expect((await problemOf(readSpreadsheet('big.csv', Buffer.from(text)))).detail).toMatch(/не больше 50\s000/);
    const fits = await readSpreadsheet('fits.csv', Buffer.from(`Название\n${'Школа\n'.repeat(MAX_SPREADSHEET_ROWS)}`));
    expect(fits.rows).toHaveLength(MAX_SPREADSHEET_ROWS);
  });
});
