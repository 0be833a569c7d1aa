import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalid } from '../problem';

export const MAX_SPREADSHEET_ROWS = 50_000;

export interface SpreadsheetRow {
  /** The row number a person sees in Excel (the header is row 1). */
  rowNumber: number;
  /** Trimmed cell text by header. */
  cells: Record<string, string>;
}

export interface Spreadsheet {
  headers: string[];
  rows: SpreadsheetRow[];
}

const fileProblem = (detail: string) => invalid(detail, [{ field: 'file', message: detail }]);

/** Which reader a file needs; old .xls and anything that is not a table are refused with a Russian hint. */
function spreadsheetFormat(fileName: string, data: Buffer): 'xlsx' | 'csv' {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const isZip = data.subarray(0, 2).toString('latin1') === 'PK';
  const isLegacyExcel = data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (extension === 'xls' || (isLegacyExcel && extension !== 'csv')) {
    throw fileProblem('Формат .xls (Excel 97–2003) не поддерживается. Откройте файл в Excel и сохраните его как «Книга Excel (.xlsx)» или как CSV.');
  }
  if (extension === 'xlsx' || (isZip && extension !== 'csv')) return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  throw fileProblem(`Файл «${fileName}» не похож на таблицу. Загрузите файл .xlsx или .csv.`);
}

/**
 * Reads the first worksheet of an .xlsx or a .csv file into text cells by header. Every cell becomes text,
 * so identifiers that Excel stored as numbers come back as their digits.
 */
export async function readSpreadsheet(fileName: string, data: Buffer): Promise<Spreadsheet> {
  if (spreadsheetFormat(fileName, data) === 'csv') return readCsv(data);
  const sheet = (await loadWorkbook(fileName, data)).worksheets[0];
  if (!sheet) throw fileProblem('В книге нет ни одного листа.');
  const read = readWorksheet(sheet);
  if (!read) throw fileProblem('Лист пуст: в нём нет ни заголовков, ни данных.');
  return read;
}

/**
 * Every worksheet with something in it, by name, read as `readSpreadsheet` reads the first; a CSV file is
 * one sheet without a name.
 */
export async function readWorkbook(fileName: string, data: Buffer): Promise<(Spreadsheet & { name: string })[]> {
  if (spreadsheetFormat(fileName, data) === 'csv') return [{ name: '', ...readCsv(data) }];
  const sheets: (Spreadsheet & { name: string })[] = [];
  for (const sheet of (await loadWorkbook(fileName, data)).worksheets) {
    const read = readWorksheet(sheet);
    if (read) sheets.push({ name: sheet.name, ...read });
  }
  return sheets;
}

function tooManyRows(count: number) {
  return fileProblem(
    `Строк в файле: ${count.toLocaleString('ru-RU')}, а за один раз можно загрузить не больше ${MAX_SPREADSHEET_ROWS.toLocaleString('ru-RU')}. Разделите файл на части.`,
  );
}

/** Pairs header texts with row values; drops rows in which every cell is blank. */
function tabulate(headerCells: string[], records: { rowNumber: number; values: string[] }[]): Spreadsheet {
  const headers = headerCells.map((h) => h.trim());
  if (!headers.some(Boolean)) throw fileProblem('В первой строке файла нет заголовков столбцов.');
  const rows: SpreadsheetRow[] = [];
  for (const record of records) {
    if (!record.values.some((value) => value.trim())) continue;
    const cells: Record<string, string> = {};
    headers.forEach((header, index) => {
      if (header) cells[header] = (record.values[index] ?? '').trim();
    });
    rows.push({ rowNumber: record.rowNumber, cells });
  }
  if (rows.length > MAX_SPREADSHEET_ROWS) throw tooManyRows(rows.length);
  return { headers: headers.filter(Boolean), rows };
}

async function loadWorkbook(fileName: string, data: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; Node's Buffer is what it reads.
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw fileProblem(`Не удалось прочитать «${fileName}»: файл повреждён или это не книга Excel (.xlsx). Сохраните его в Excel заново.`);
  }
  return workbook;
}

/** A worksheet as text cells by header; null when it is blank. */
function readWorksheet(sheet: ExcelJS.Worksheet): Spreadsheet | null {
  if (sheet.actualRowCount - 1 > MAX_SPREADSHEET_ROWS) throw tooManyRows(sheet.actualRowCount - 1);

  const width = sheet.columnCount;
  let headerCells: string[] | null = null;
  const records: { rowNumber: number; values: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    for (let column = 1; column <= width; column++) values.push(cellText(row.getCell(column).value));
    if (!headerCells) {
      // The header is the first row with anything in it, wherever the sheet starts.
      if (values.some((v) => v.trim())) headerCells = values;
      return;
    }
    records.push({ rowNumber, values });
  });
  return headerCells ? tabulate(headerCells, records) : null;
}

/** The text of a cell as a person reads it; integers keep every digit, never an exponent. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  return ''; // an error value such as #N/A
}

function decodeText(data: Buffer): string {
  try {
    // The UTF-8 decoder drops a byte-order mark by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Russian Excel saves "CSV (разделители — запятые)" in Windows-1251.
    return new TextDecoder('windows-1251').decode(data);
  }
}

/** Russian Excel separates with «;», most other programs with «,»: whichever the header line has more of. */
function detectDelimiter(text: string): ';' | ',' {
  const headerLine = text.split(/\r?\n/).find((line) => line.trim()) ?? '';
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** Our CSV export writes «'=…», «'+7…» so that Excel does not run them as formulas; the apostrophe is not data. */
const withoutFormulaGuard = (value: string) => value.replace(/^'(?=[=+\-@])/, '');

function readCsv(data: Buffer): Spreadsheet {
  const text = decodeText(data).replace(/^\uFEFF/, '');
  if (!text.trim()) throw fileProblem('Файл пуст.');
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw fileProblem(`Не удалось разобрать CSV${line ? ` около строки ${line}` : ''}: проверьте кавычки. Проще всего — сохранить файл из Excel заново.`);
  }
  const headerIndex = records.findIndex((record) => record.some((value) => value.trim()));
  if (headerIndex < 0) throw fileProblem('Файл пуст.');
  // A record's position is its row number once the file is opened in Excel (multi-line cells stay one row).
  const rows = records.slice(headerIndex + 1).map((values, index) => ({ rowNumber: headerIndex + index + 2, values: values.map(withoutFormulaGuard) }));
  return tabulate(records[headerIndex], rows);
}
