import path from 'node:path';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FileBudget, type NamedSpreadsheet, SheetTable } from './sheet-table';
import { fileProblem, limitProblems, spreadsheetLimits } from './spreadsheet-limits';

/**
 * Reads an .xlsx as a stream of XML: the zip's directory is checked before anything is inflated, every
 * part is inflated piece by piece and parsed as it comes, and rows go straight into a `SheetTable` that
 * refuses the file at the first row past a limit. Nothing holds a whole sheet.
 */

/** More parts than any workbook has: the directory itself would take time to walk. */
const MAX_ENTRIES = 10_000;
/** Built-in number formats that are dates or times (ECMA-376 18.8.30), as exceljs reads them. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

type Relationships = Map<string, { type: string; target: string }>;

export async function readXlsx(data: Uint8Array, which: 'first' | 'all'): Promise<NamedSpreadsheet[]> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { validateEntrySizes: true, strictFileNames: false });
  if (zip.entryCount > MAX_ENTRIES) throw limitProblems.tooComplex();
  const entries = new Map<string, Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  checkDirectory(entries.values());

  const parts = new Parts(zip, entries);
  const workbookPath = [...(await parts.relationships('')).values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const links = await parts.relationships(workbookPath);
  const linked = (type: string) => [...links.values()].find((r) => r.type.endsWith(type))?.target;
  const workbook = await readWorkbookPart(parts, workbookPath, links);
  const dateStyles = await readDateStyles(parts, linked('/styles'));
  const sharedStrings = await readSharedStrings(parts, linked('/sharedStrings'));

  const budget = new FileBudget();
  const sheets: NamedSpreadsheet[] = [];
  for (const sheet of which === 'first' ? workbook.sheets.slice(0, 1) : workbook.sheets) {
    const table = new SheetTable(budget);
    await readSheet(parts, sheet.path, { sharedStrings, dateStyles, date1904: workbook.date1904 }, table);
    const read = table.result();
    if (read) sheets.push({ name: sheet.name, ...read });
  }
  return sheets;
}

/** The sizes the zip declares, before inflating anything; yauzl then holds every part to its declared size. */
function checkDirectory(entries: Iterable<Entry>) {
  let inflated = 0;
  for (const entry of entries) {
    inflated += entry.uncompressedSize;
    if (inflated > spreadsheetLimits.inflatedBytes) throw limitProblems.inflated();
    if (entry.uncompressedSize > spreadsheetLimits.ratioFrom && entry.uncompressedSize > entry.compressedSize * spreadsheetLimits.compressionRatio) {
      throw limitProblems.ratio();
    }
  }
}

/** The workbook's parts by path, each inflated at most once and counted against the limit while it inflates. */
class Parts {
  private inflated = 0;

  constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  has(partPath: string | undefined): partPath is string {
    return partPath !== undefined && this.entries.has(partPath);
  }

  /** Streams a part's XML to `listener` as it inflates; a missing part is an empty one. */
  async parse(partPath: string, listener: XmlListener) {
    const entry = this.entries.get(partPath);
    if (!entry) return;
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => listener.open?.(localName(tag), tag.attributes as Record<string, string>));
    parser.on('closetag', (tag) => listener.close?.(localName(tag)));
    if (listener.text) {
      parser.on('text', listener.text);
      parser.on('cdata', listener.text);
    }
    const decoder = new TextDecoder('utf-8');
    const stream = await this.zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.inflated += chunk.length;
        if (this.inflated > spreadsheetLimits.inflatedBytes) throw limitProblems.inflated();
        parser.write(decoder.decode(chunk, { stream: true }));
      }
      parser.write(decoder.decode());
      parser.close();
    } finally {
      stream.destroy();
    }
  }

  /** A part's relationships: id → type and the target's path inside the zip. */
  async relationships(partPath: string): Promise<Relationships> {
    const folder = path.posix.dirname(partPath);
    const relsPath = path.posix.join(folder, '_rels', `${path.posix.basename(partPath)}.rels`);
    const found: Relationships = new Map();
    await this.parse(relsPath, {
      open(name, { Id, Type, Target, TargetMode }) {
        if (name !== 'Relationship' || !Id || !Type || !Target || TargetMode === 'External') return;
        found.set(Id, { type: Type, target: Target.startsWith('/') ? Target.slice(1) : path.posix.join(folder, Target) });
      },
    });
    return found;
  }
}

/** What a part's XML says, element by element; names without their prefix (`x:row` and `row` alike). */
interface XmlListener {
  open?(name: string, attributes: Record<string, string | undefined>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const localName = (tag: { name: string }) => tag.name.slice(tag.name.indexOf(':') + 1);

async function readWorkbookPart(parts: Parts, workbookPath: string, links: Relationships) {
  if (!parts.has(workbookPath)) throw fileProblem('В книге нет ни одного листа.');
  const sheets: { name: string; path: string }[] = [];
  let date1904 = false;
  await parts.parse(workbookPath, {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attributes.date1904 ?? '');
      if (name !== 'sheet') return;
      const id = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1];
      const link = id === undefined ? undefined : links.get(id);
      // Chart sheets and dialog sheets hold no cells.
      if (link?.type.endsWith('/worksheet') && parts.has(link.target)) sheets.push({ name: attributes.name ?? '', path: link.target });
    },
  });
  if (!sheets.length) throw fileProblem('В книге нет ни одного листа.');
  return { sheets, date1904 };
}

/** Which cell styles show a number as a date, so that such cells read as dates, as Excel shows them. */
async function readDateStyles(parts: Parts, stylesPath: string | undefined): Promise<Set<number>> {
  const customFormats = new Map<number, string>();
  const cellFormats: number[] = [];
  let inCellFormats = false;
  if (parts.has(stylesPath)) {
    await parts.parse(stylesPath, {
      open(name, attributes) {
        if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellFormats = true;
        else if (name === 'xf' && inCellFormats) cellFormats.push(Number(attributes.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellFormats = false;
      },
    });
  }
  const isDate = (id: number) => {
    const code = customFormats.get(id);
    if (code === undefined) return BUILT_IN_DATE_FORMATS.has(id);
    // Colours and conditions in [], literal text in "": what is left decides, as exceljs decides.
    return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
  };
  return new Set(cellFormats.flatMap((format, style) => (isDate(format) ? [style] : [])));
}

/**
 * Collects the text of `<t>` elements inside `container` (a shared string or an inline one), leaving out
 * phonetic runs (`<rPh>`), which Excel does not show in the cell.
 */
function richText(container: string, done: (text: string) => void): Required<XmlListener> {
  let text: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  return {
    open(name) {
      if (name === container) text = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && text && !phonetic) inText = true;
    },
    text(piece) {
      if (inText) text!.push(piece);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === container && text) {
        done(text.join(''));
        text = null;
      }
    },
  };
}

async function readSharedStrings(parts: Parts, sharedStringsPath: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  let characters = 0;
  if (parts.has(sharedStringsPath)) {
    await parts.parse(
      sharedStringsPath,
      richText('si', (text) => {
        characters += text.length;
        if (characters > spreadsheetLimits.text) throw limitProblems.text();
        strings.push(text);
      }),
    );
  }
  return strings;
}

interface SheetContext {
  sharedStrings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

/** «C12» → 3. */
function columnOf(reference: string): number {
  let column = 0;
  for (const character of reference.toUpperCase()) {
    const code = character.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column;
}

/** The text of a number as a person reads it; integers keep every digit, never an exponent. */
function numberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
}

/** A date-formatted serial number as the day it shows (time of day dropped). */
function serialDate(serial: number, date1904: boolean): string {
  const time = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  return Math.abs(time) <= 8.64e15 ? new Date(time).toISOString().slice(0, 10) : numberText(serial);
}

/** A cell as text, by its type (`t`): shared and inline strings, formula results, booleans, numbers and dates. */
function cellText(type: string | undefined, value: string, inline: string, style: number, context: SheetContext): string {
  switch (type) {
    case 's':
      return context.sharedStrings[Number(value)] ?? '';
    case 'inlineStr':
      return inline;
    case 'str':
      return value;
    case 'b':
      return value === '1' || value === 'true' ? 'да' : value ? 'нет' : '';
    case 'e':
      return ''; // an error value such as #N/A
    case 'd': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date.toISOString().slice(0, 10);
    }
    default: {
      if (!value.trim()) return '';
      const number = Number(value);
      if (Number.isNaN(number)) return value;
      return context.dateStyles.has(style) ? serialDate(number, context.date1904) : numberText(number);
    }
  }
}

/** A positive whole number from an attribute, or undefined. */
function position(value: string | undefined): number | undefined {
  const number = Number(value);
  return value && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

async function readSheet(parts: Parts, sheetPath: string, context: SheetContext, table: SheetTable) {
  let rowNumber = 0;
  let values: string[] | null = null;
  let nextColumn = 1;
  let cell: { column: number; type: string | undefined; style: number; value: string[]; inline: string } | null = null;
  let inValue = false;
  const inline = richText('is', (text) => {
    if (cell) cell.inline = text;
  });
  await parts.parse(sheetPath, {
    open(name, attributes) {
      inline.open(name, attributes);
      if (name === 'row') {
        rowNumber = position(attributes.r) ?? rowNumber + 1;
        values = [];
        nextColumn = 1;
      } else if (name === 'c' && values) {
        const column = (attributes.r && columnOf(attributes.r)) || nextColumn;
        cell = { column, type: attributes.t, style: Number(attributes.s ?? 0), value: [], inline: '' };
        nextColumn = column + 1;
      } else if (name === 'v' && cell) inValue = true;
    },
    text(piece) {
      inline.text(piece);
      if (inValue) cell!.value.push(piece);
    },
    close(name) {
      inline.close(name);
      if (name === 'v') inValue = false;
      else if (name === 'c' && cell && values) {
        const text = cellText(cell.type, cell.value.join(''), cell.inline, cell.style, context);
        if (text.trim()) {
          // Only filled cells count: Excel writes styled empty ones far to the right.
          if (cell.column > spreadsheetLimits.columns) throw limitProblems.columns(rowNumber, cell.column);
          values[cell.column - 1] = text;
        }
        cell = null;
      } else if (name === 'row' && values) {
        table.add(rowNumber, values);
        values = null;
      }
    },
  });
}
