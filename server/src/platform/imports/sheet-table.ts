import { limitProblems, spreadsheetLimits } from './spreadsheet-limits';

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

/** A worksheet by its name; a CSV file is one sheet without a name. */
export type NamedSpreadsheet = Spreadsheet & { name: string };

/** What one file may still hold, shared by all its sheets. */
export class FileBudget {
  private rows = 0;
  private cells = 0;
  private text = 0;

  spend(headers: number, characters: number) {
    if (++this.rows > spreadsheetLimits.rows) throw limitProblems.rows();
    this.cells += headers;
    if (this.cells > spreadsheetLimits.cells) throw limitProblems.cells();
    this.text += characters;
    if (this.text > spreadsheetLimits.text) throw limitProblems.text();
  }
}

/**
 * Builds one sheet row by row as a reader streams it, refusing the file at the first row past a limit: the
 * header is the first row with anything in it, wherever the sheet starts; blank rows are dropped.
 */
export class SheetTable {
  private headers: string[] | null = null;
  private readonly rows: SpreadsheetRow[] = [];

  constructor(private readonly budget: FileBudget) {}

  /** `values` by column from the first; missing entries are empty cells. */
  add(rowNumber: number, values: (string | undefined)[]) {
    let width = values.length;
    while (width > 0 && !values[width - 1]?.trim()) width--;
    if (width === 0) return;
    if (width > spreadsheetLimits.columns) throw limitProblems.columns(rowNumber, width);
    const trimmed: string[] = [];
    for (let column = 0; column < width; column++) {
      const text = values[column]?.trim() ?? '';
      if (text.length > spreadsheetLimits.cellLength) throw limitProblems.cellLength(rowNumber, column + 1, text.length);
      trimmed.push(text);
    }
    if (!this.headers) {
      this.headers = trimmed;
      return;
    }
    const cells: Record<string, string> = {};
    let characters = 0;
    this.headers.forEach((header, index) => {
      if (!header) return;
      cells[header] = trimmed[index] ?? '';
      characters += cells[header].length;
    });
    this.budget.spend(this.headers.length, characters);
    this.rows.push({ rowNumber, cells });
  }

  /** The sheet read; null when nothing was in it. */
  result(): Spreadsheet | null {
    return this.headers && { headers: this.headers.filter(Boolean), rows: this.rows };
  }
}
