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
}

export interface OutputColumn {
  header: string;
  /** Excel number format, e.g. "#,##0.00", "yyyy-mm-dd", "@". */
  numberFormat?: string;
  /** Column width in characters. */
  width?: number;
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
}
