/**
 * exceljs, loaded the first time a workbook is read or written rather than when the CLI starts:
 * loading its modules takes about 0.2 s, which a reconciliation of CSV files (and the worker thread
 * that loads one of its sides) would otherwise pay before reading a byte. `import type` elsewhere
 * keeps the types; this is the one place the module itself is required.
 */
import type ExcelJSModule from "exceljs";

export type ExcelJS = typeof ExcelJSModule;

let loaded: ExcelJS | undefined;

export function excel(): ExcelJS {
  loaded ??= require("exceljs") as ExcelJS;
  return loaded;
}
