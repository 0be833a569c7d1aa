import { Problem, invalid } from '../problem';

/**
 * How much one uploaded spreadsheet may hold. Every import reads through these, so a hostile file is refused
 * while it is being read — before it can take the server's memory or time — and a new import inherits them.
 */
export const spreadsheetLimits = {
  /** The upload itself, counted while it arrives. */
  bytes: 10 * 1024 * 1024,
  /** Rows with anything in them, besides the header. */
  rows: 50_000,
  /** The last filled column of a row. */
  columns: 200,
  /** Characters in one cell. */
  cellLength: 10_000,
  /** Rows × header columns: what the rows occupy once read. */
  cells: 2_000_000,
  /** Characters in all cells together (shared strings of an .xlsx may repeat one long text in every cell). */
  text: 20_000_000,
  /** An .xlsx's parts once inflated, read from the zip's directory before inflating and counted again while inflating. */
  inflatedBytes: 100 * 1024 * 1024,
  /** Inflated ÷ compressed for a part over `ratioFrom` bytes: ordinary sheets stay well under it (Apache POI refuses past 100 too). */
  compressionRatio: 100,
  ratioFrom: 1024 * 1024,
} as const;

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} МБ`;
const count = (value: number) => value.toLocaleString('ru-RU');

export const fileProblem = (detail: string) => invalid(detail, [{ field: 'file', message: detail }]);

/** A spreadsheet the server refuses to read whole; 413 for the bytes, 400 for what they hold. */
export const limitProblems = {
  bytes: () =>
    new Problem(413, 'Файл слишком большой', `Файл больше ${megabytes(spreadsheetLimits.bytes)}. Разделите его на части или удалите лишние листы и картинки.`, {
      errors: [{ field: 'file', message: `Больше ${megabytes(spreadsheetLimits.bytes)}` }],
    }),
  rows: () => fileProblem(`В файле больше ${count(spreadsheetLimits.rows)} строк, а за один раз можно загрузить не больше ${count(spreadsheetLimits.rows)}. Разделите файл на части.`),
  columns: (row: number, columns: number) =>
    fileProblem(`В строке ${row} заполнено столбцов: ${count(columns)}, а можно не больше ${spreadsheetLimits.columns}. Удалите лишние столбцы.`),
  cellLength: (row: number, column: number, length: number) =>
    fileProblem(`В строке ${row}, столбце ${columnName(column)} ${count(length)} символов, а в ячейке может быть не больше ${count(spreadsheetLimits.cellLength)}.`),
  cells: () => fileProblem(`В файле больше ${count(spreadsheetLimits.cells)} ячеек (строк × столбцов). Удалите лишние столбцы или разделите файл на части.`),
  text: () => fileProblem(`Текста в файле больше ${count(spreadsheetLimits.text)} символов — это больше, чем можно загрузить за один раз. Разделите файл на части.`),
  inflated: () =>
    fileProblem(`Листы книги занимают в распакованном виде больше ${megabytes(spreadsheetLimits.inflatedBytes)}. Удалите лишние листы или разделите книгу на части.`),
  ratio: () => fileProblem('Книга сжата необычно сильно: так выглядят файлы, созданные, чтобы вывести сервер из строя. Сохраните таблицу в Excel заново.'),
  tooComplex: () => fileProblem('Файл слишком сложен, чтобы прочитать его за один раз. Разделите его на части или сохраните как CSV.'),
  busy: () => new Problem(429, 'Импорт уже идёт', 'Предыдущий загруженный вами файл ещё читается. Дождитесь его результата и загрузите следующий.'),
};

/** «A», «Z», «AA»: how Excel names the n-th column (from 1). */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
