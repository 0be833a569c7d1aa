import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { FileBudget, type Spreadsheet, SheetTable } from './sheet-table';
import { fileProblem, spreadsheetLimits } from './spreadsheet-limits';

function decodeText(data: Uint8Array): string {
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
  const headerLine = text.slice(0, 64 * 1024).split(/\r?\n/).find((line) => line.trim()) ?? '';
  const count = (character: string) => headerLine.split(character).length - 1;
  return count(';') >= count(',') && count(';') > 0 ? ';' : ',';
}

/** Our CSV export writes «'=…», «'+7…» so that Excel does not run them as formulas; the apostrophe is not data. */
const withoutFormulaGuard = (value: string) => value.replace(/^'(?=[=+\-@])/, '');

/** Small pieces, so that a row past a limit stops the parser before it reads the rest. */
function* pieces(text: string, size = 64 * 1024) {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

/**
 * Reads a CSV file record by record: a record's position is its row number once the file is opened in Excel
 * (multi-line cells stay one row), and the file is refused at the first record past a limit.
 */
export async function readCsv(data: Uint8Array): Promise<Spreadsheet> {
  const text = decodeText(data).replace(/^\uFEFF/, '');
  if (!/\S/.test(text)) throw fileProblem('Файл пуст.');
  const table = new SheetTable(new FileBudget());
  const parser = Readable.from(pieces(text)).pipe(
    parse({
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // A record this long cannot be a row within the limits (an unclosed quote would otherwise take the whole file).
      max_record_size: spreadsheetLimits.columns * (spreadsheetLimits.cellLength + 1),
    }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      table.add(rowNumber, record.map(withoutFormulaGuard));
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_MAX_RECORD_SIZE') throw fileProblem(`Строка ${rowNumber + 1} слишком длинная: проверьте, закрыты ли кавычки, и нет ли в ней лишних столбцов.`);
    const line = (error as { lines?: number }).lines;
    throw fileProblem(`Не удалось разобрать CSV${line ? ` около строки ${line}` : ''}: проверьте кавычки. Проще всего — сохранить файл из Excel заново.`);
  } finally {
    parser.destroy();
  }
  const sheet = table.result();
  if (!sheet) throw fileProblem('Файл пуст.');
  return sheet;
}
