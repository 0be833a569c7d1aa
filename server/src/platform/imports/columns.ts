import { invalid } from '../problem';

/**
 * The columns of an imported spreadsheet: each module lists its own (a header people see in Russian Excel,
 * the field it fills, whether the file needs it); finding them among the file's headers is the same everywhere.
 */
export interface ImportColumn<Field extends string = string> {
  header: string;
  field: Field;
  /** Without this column a file cannot be imported at all. */
  required: boolean;
  /** Other headers accepted on import. */
  aliases?: string[];
}

/** For comparing what people typed: case, repeated spaces and «ё» do not matter. */
export function normalizeLabel(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('ё', 'е');
}

/** Codes and their Russian labels (and other spellings people type) → the code, compared by `normalizeLabel`. */
export function labelTable<T extends string>(codes: readonly T[], labels: Record<T, string>, aliases: Record<string, T> = {}): Map<string, T> {
  const table = new Map<string, T>();
  for (const code of codes) {
    table.set(normalizeLabel(code), code);
    table.set(normalizeLabel(labels[code]), code);
  }
  for (const [alias, code] of Object.entries(aliases)) table.set(normalizeLabel(alias), code);
  return table;
}

/** The column a header names, ignoring case, extra spaces and a trailing «*» that templates put on required columns. */
export function headerLookup<C extends Pick<ImportColumn, 'header' | 'aliases'>>(columns: readonly C[]): (header: string) => C | undefined {
  const byHeader = new Map(columns.flatMap((column) => [column.header, ...(column.aliases ?? [])].map((header) => [normalizeLabel(header), column] as const)));
  return (header) => byHeader.get(normalizeLabel(header.replace(/\*+\s*$/, '')));
}

/**
 * Header text in the file → its column. A column given twice, or a required one missing, makes the file
 * unreadable row by row, so it is refused as a whole; extra columns of the person's own are ignored.
 */
export function bindColumns<C extends ImportColumn>(headers: string[], columns: readonly C[], columnForHeader = headerLookup(columns)): Map<string, C> {
  const bound = new Map<string, C>();
  const seen = new Map<string, string>();
  for (const header of headers) {
    const column = columnForHeader(header);
    if (!column) continue;
    const earlier = seen.get(column.field);
    if (earlier !== undefined) {
      throw invalid(`Столбец «${column.header}» встречается в файле дважды («${earlier}» и «${header}»). Оставьте один.`, [{ field: 'file', message: `Повторяется столбец «${column.header}»` }]);
    }
    seen.set(column.field, header);
    bound.set(header, column);
  }
  const missing = columns.filter((c) => c.required && !seen.has(c.field)).map((c) => `«${c.header}»`);
  if (missing.length) {
    throw invalid(`В файле нет обязательных столбцов: ${missing.join(', ')}. Заголовки ищутся в первой заполненной строке листа.`, [{ field: 'file', message: `Нет столбцов: ${missing.join(', ')}` }]);
  }
  return bound;
}
