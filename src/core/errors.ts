/**
 * The two kinds of error the engine raises.
 *
 * ExcelError: what a worksheet function returns instead of a value (#NUM!, #VALUE!, ...). The
 * custom-function wrappers turn it into CustomFunctions.Error; the CLI prints it as {"error": code}.
 *
 * InputError: a problem with one cell or column of the user's data. It always says where
 * (sheet or file, Excel row number as the user sees it, column header and letter) and what was
 * expected, so that one bad cell is reported and the rest of the run goes on.
 */
export type ExcelErrorCode = "#NUM!" | "#VALUE!" | "#N/A" | "#DIV/0!" | "#REF!" | "#NAME?" | "#NULL!";

export class ExcelError extends Error {
  constructor(
    public readonly code: ExcelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ExcelError";
  }
}

export function numError(message: string): ExcelError {
  return new ExcelError("#NUM!", message);
}

export function valueError(message: string): ExcelError {
  return new ExcelError("#VALUE!", message);
}

export interface CellLocation {
  /** Sheet name, or file name for CSV input. */
  sheet: string;
  /** Row number as the user sees it in Excel (1-based, header rows included) or the CSV line number. */
  row?: number;
  /** Column header as written by the user, if known. */
  column?: string;
  /** Column letter(s) as Excel shows them (A, B, ..., AA), if known. */
  columnLetter?: string;
}

export type InputErrorKind =
  | "not-a-number"
  | "not-a-date"
  | "excel-error"
  | "blank"
  | "missing-column"
  | "ambiguous-column"
  | "duplicate-header"
  | "duplicate-key"
  | "no-header"
  | "empty"
  | "invalid";

export class InputError extends Error {
  constructor(
    public readonly kind: InputErrorKind,
    public readonly where: CellLocation,
    public readonly detail: string,
    public readonly raw?: unknown,
  ) {
    super(`${describeLocation(where)}: ${detail}`);
    this.name = "InputError";
  }
}

export function describeLocation(w: CellLocation): string {
  const parts = [`sheet '${w.sheet}'`];
  if (w.row !== undefined) parts.push(`row ${w.row}`);
  if (w.column !== undefined || w.columnLetter !== undefined) {
    const name = w.column !== undefined ? `'${w.column}'` : "";
    const letter = w.columnLetter !== undefined ? `(${w.columnLetter})` : "";
    parts.push(`column ${[name, letter].filter(Boolean).join(" ")}`);
  }
  return parts.join(", ");
}

/** Excel column letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
