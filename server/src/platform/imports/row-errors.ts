import type { ImportColumn } from './columns';

/** One problem in an imported file, where a person finds it in Excel. */
export interface ImportError {
  /** Excel row number. */
  row: number;
  /** Russian header of the column. */
  column: string;
  message: string;
}

/** Errors by row, reported in row and column order; one message per cell is enough to fix it. */
export class RowErrors<Field extends string> {
  private readonly byRow = new Map<number, Map<Field, string>>();
  private readonly order: Map<string, number>;
  private readonly headers: Map<string, string>;

  /** `headersInFile` names the columns as the file spells them, where that differs from the columns' own headers. */
  constructor(columns: readonly Pick<ImportColumn<Field>, 'header' | 'field'>[], headersInFile?: Map<Field, string>) {
    this.order = new Map(columns.map((c, index) => [c.field, index]));
    this.headers = new Map(columns.map((c) => [c.field, headersInFile?.get(c.field) ?? c.header]));
  }

  add(row: number, field: Field, message: string) {
    const cells = this.byRow.get(row) ?? new Map<Field, string>();
    if (!cells.has(field)) cells.set(field, message);
    this.byRow.set(row, cells);
  }

  has(row: number) {
    return this.byRow.has(row);
  }

  list(): ImportError[] {
    return [...this.byRow.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([row, cells]) =>
        [...cells.entries()]
          .sort(([a], [b]) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0))
          .map(([field, message]) => ({ row, column: this.headers.get(field) ?? field, message })),
      );
  }
}
