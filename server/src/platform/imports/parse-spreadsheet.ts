import { Problem } from '../problem';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import type { NamedSpreadsheet } from './sheet-table';
import { spreadsheetFormat } from './spreadsheet-format';
import { fileProblem } from './spreadsheet-limits';

/**
 * Reads the first worksheet, or every worksheet with something in it, of an .xlsx or a .csv file into
 * text cells by header, within `spreadsheetLimits`. Every cell becomes text, so identifiers that Excel
 * stored as numbers come back as their digits. Runs inside the spreadsheet worker.
 */
export async function parseSpreadsheet(fileName: string, data: Uint8Array, which: 'first' | 'all'): Promise<NamedSpreadsheet[]> {
  if (spreadsheetFormat(fileName, data) === 'csv') return [{ name: '', ...(await readCsv(data)) }];
  try {
    return await readXlsx(data, which);
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw fileProblem(`Не удалось прочитать «${fileName}»: файл повреждён или это не книга Excel (.xlsx). Сохраните его в Excel заново.`);
  }
}
