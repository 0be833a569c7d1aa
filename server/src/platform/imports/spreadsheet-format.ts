import { fileProblem } from './spreadsheet-limits';

/** Which reader a file needs; old .xls and anything that is not a table are refused with a Russian hint. */
export function spreadsheetFormat(fileName: string, data: Uint8Array): 'xlsx' | 'csv' {
  const extension = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  const isLegacyExcel = data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0;
  if (extension === 'xls' || (isLegacyExcel && extension !== 'csv')) {
    throw fileProblem('Формат .xls (Excel 97–2003) не поддерживается. Откройте файл в Excel и сохраните его как «Книга Excel (.xlsx)» или как CSV.');
  }
  if (extension === 'xlsx' || (isZip && extension !== 'csv')) return 'xlsx';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  throw fileProblem(`Файл «${fileName}» не похож на таблицу. Загрузите файл .xlsx или .csv.`);
}
