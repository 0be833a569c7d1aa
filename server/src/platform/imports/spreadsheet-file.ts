import { type NamedSpreadsheet, type Spreadsheet, readSpreadsheet, readWorkbook } from './read-spreadsheet';

/**
 * A spreadsheet handed to an import, not yet read. Reading is what receives an upload's bytes, so an import
 * authorises its caller first and reads after: a refused caller's file is never received.
 */
export interface SpreadsheetFile {
  /** The first worksheet (or the CSV file). */
  firstSheet(): Promise<Spreadsheet & { fileName: string }>;
  /** Every worksheet with something in it; a CSV file is one sheet without a name. */
  allSheets(): Promise<{ fileName: string; sheets: NamedSpreadsheet[] }>;
}

/** The bytes of a file and the name it came with. */
export interface ReceivedFile {
  fileName: string;
  data: Uint8Array;
}

/** The name to keep and show: without the folders a browser may send, within a column's length. */
const displayName = (fileName: string) => (fileName.split(/[\\/]/).pop() || 'файл').slice(0, 255);

/**
 * A spreadsheet whose bytes `receive` fetches when it is read; `guard` wraps the whole reading (the HTTP
 * upload lets one person read one file at a time).
 */
export function spreadsheetFile(receive: () => Promise<ReceivedFile>, guard: <T>(read: () => Promise<T>) => Promise<T> = (read) => read()): SpreadsheetFile {
  const received = async () => {
    const file = await receive();
    return { fileName: displayName(file.fileName), data: file.data };
  };
  return {
    firstSheet: () =>
      guard(async () => {
        const { fileName, data } = await received();
        return { fileName, ...(await readSpreadsheet(fileName, data)) };
      }),
    allSheets: () =>
      guard(async () => {
        const { fileName, data } = await received();
        return { fileName, sheets: await readWorkbook(fileName, data) };
      }),
  };
}

/** A file already at hand (the command line, tests). */
export const spreadsheetOf = (fileName: string, data: Uint8Array): SpreadsheetFile => spreadsheetFile(async () => ({ fileName, data }));
