/**
 * The one interface between the engine's workflows and a workbook, whoever hosts it.
 *
 * Two adapters implement it: src/excel (Office.js, inside Excel) and src/io/file (exceljs for .xlsx,
 * a CSV parser for .csv, for the CLI). Workflows (recon, accruals, NAV) only ever see this.
 *
 * Cell values follow Office.js `Range.values`: numbers, strings, booleans; a blank cell is "" (or
 * null from files); an Excel error value is its text ("#N/A", "#VALUE!", ...); a date cell is its
 * Excel serial number, with `numberFormats` telling that it is a date. Adapters that read typed files
 * (exceljs gives JavaScript Dates) convert to serials so that both doors look the same.
 */
import type { DateSystem } from "../core/dates/excel-serial";

export type CellValue = string | number | boolean | null;

/** Where to read from. One of table, or sheet (+ optional A1 address; none = the used range). */
export interface SourceRef {
  table?: string;
  sheet?: string;
  address?: string;
}

/** A rectangular block of cells and where it sits in its sheet. */
export interface Grid {
  /** Sheet name (for CSV input: the file name). */
  sheet: string;
  /** Excel row number (1-based) of values[0]. */
  top: number;
  /** 0-based column index of values[r][0] (0 = column A). */
  left: number;
  values: CellValue[][];
  /** Same shape as values where the source knows formats (xlsx, Office.js); absent for CSV. */
  numberFormats?: string[][];
  dateSystem: DateSystem;
  /** What the user would call this source in a message, e.g. "Books!A1:H500" or "custodian.csv". */
  label: string;
  /**
   * Optional: the same cells read by column, without building a row array per record (the file
   * adapter's large CSV files, src/io/file/csv-columns.ts). The reconciliation loader uses it when
   * present; everything else reads `values`.
   */
  columns?: ColumnReader;
}

/** Cells read by column (see Grid.columns). */
export interface ColumnReader {
  /** The line (Excel row) number record `index` of `values` starts on. */
  lineOf(index: number): number;
  /**
   * The listed 0-based columns of every record after record `afterIndex` that has a non-blank
   * cell (in any column), as text ("" for a cell past the end of its record).
   */
  read(cols: readonly number[], afterIndex: number): ColumnData;
}

export interface ColumnData {
  /** Line number of each record read (ascending). */
  rows: Int32Array;
  size: number;
  /** Blank records skipped. */
  blankRows: number;
  /**
   * The cells, as ranges of the file's bytes (no string per cell is made until one is asked for):
   * cell k of requested column j is decode(starts[j][k], ends[j][k]), unless special[j] has an entry
   * for k (a quoted field with doubled quotes, whose value is not a plain range). A cell past the end
   * of its record is an empty range. The bytes are UTF-8: numbers, dates and repeated texts can be
   * read from them in place (src/io/recon/load.ts).
   */
  bytes: Uint8Array;
  decode(start: number, end: number): string;
  starts: Int32Array[];
  ends: Int32Array[];
  special: Map<number, string>[];
  /**
   * For cell k of requested column j, a k' <= k whose bytes are the same (so a repeated account, id
   * or currency is read once), or k itself past the first 20,000 distinct values; with `all`, the
   * first such cell always (the column's dictionary). Where the reader finds them cheaply (csv-scan.ts).
   */
  firsts?(j: number, all?: boolean): Int32Array;
  /**
   * Column j read as numbers where the reader can do it in place (csv-scan.ts): for each cell the
   * status of src/io/recon/fast-number.ts scanScaledBytes and, where OK, its scaled integer.
   */
  numbers?(j: number, decimalComma: boolean): { status: Uint8Array; ints: Float64Array; scales: Uint8Array };
}

export interface OutputColumn {
  header: string;
  /** Excel number format, e.g. "#,##0.00", "yyyy-mm-dd", "@". */
  numberFormat?: string;
  /** Column width in characters. */
  width?: number;
  /**
   * Hyperlink of each body cell, aligned with rows (null: none). "#'Books'!A12" is a place in the
   * same workbook; "books.xlsx#'Trades'!A12" (or "custodian.csv") a file, relative to the output.
   * The cell's value is the text shown. Office.js: Range.hyperlink (ExcelApi 1.7); exceljs: {text, hyperlink}.
   */
  links?: (string | null)[];
  /**
   * A drop-down of suggested values in each body cell (data validation, list). Other text stays
   * allowed: the list helps typing, it does not reject (Office.js dataValidation, ExcelApi 1.8).
   */
  choices?: string[];
}

/** A fill by rule on one column of the table's body (conditional formatting: it follows sorting and filtering). */
export interface OutputConditional {
  /** 0-based index into columns. */
  column: number;
  rule:
    | { kind: "text-contains"; text: string }
    | { kind: "text-equals"; text: string }
    | { kind: "number-greater"; value: number };
  /** Fill colour, "#RRGGBB". */
  fill: string;
}

/**
 * A clustered column chart over the table: categories from one column, one series per listed
 * column, series names from their headers. Office.js draws it (worksheet.charts.add); exceljs cannot
 * write charts, so the file adapter shows the series columns as data bars instead (docs/recon-output.md).
 */
export interface OutputChart {
  type: "column";
  title: string;
  categoriesColumn: number;
  /** Contiguous, right after categoriesColumn. */
  seriesColumns: number[];
}

/** A small plain block (title line, header row, rows) written below the table, one blank row apart. */
export interface OutputBlock {
  title: string;
  columns: string[];
  rows: CellValue[][];
  /** Number format per column (e.g. "0.0%" for rates); applies to that column's number cells. */
  columnFormats?: (string | undefined)[];
  /** Number format per row (e.g. "#,##0.00" for a totals row); wins over columnFormats. */
  rowFormats?: (string | undefined)[];
}

/** The number format of block cell (i, j), if any. */
export function blockCellFormat(block: OutputBlock, i: number, j: number): string | undefined {
  return block.rowFormats?.[i] ?? block.columnFormats?.[j];
}

export interface OutputSheet {
  /** Desired sheet name. An existing sheet the add-in did not write is never replaced (see writeSheet). */
  name: string;
  columns: OutputColumn[];
  rows: CellValue[][];
  /** Write the block as an Excel table with this name (made unique if taken). */
  tableName?: string;
  /** Lines written above the table (title, run stamp). The table starts below them. */
  preamble?: string[];
  conditional?: OutputConditional[];
  chart?: OutputChart;
  /** Blocks written below the table, in order. */
  blocks?: OutputBlock[];
}

export interface SourceList {
  sheets: string[];
  tables: { name: string; sheet: string }[];
}

export type Progress = (fraction: number, message: string) => void;

export interface WorkbookPort {
  listSources(): Promise<SourceList>;
  read(ref: SourceRef): Promise<Grid>;
  /**
   * Write (or rewrite) an output sheet. If a sheet of that name exists and was written by this
   * add-in, it is replaced; if the user made it, nothing of theirs is touched and a free name is
   * used instead ("Breaks (2)"). Returns the sheet name actually written.
   */
  writeSheet(sheet: OutputSheet, progress?: Progress): Promise<string>;
  /**
   * A setting saved in the workbook itself (the add-in's reconciliation profile travels with the
   * file). Optional: the file adapter has none (the CLI uses profile files). Values are JSON text;
   * undefined when the key is not set.
   */
  readSetting?(key: string): Promise<string | undefined>;
  writeSetting?(key: string, json: string): Promise<void>;
}
