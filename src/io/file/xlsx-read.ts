/**
 * .xlsx to Grid with exceljs, normalised to what Office.js would hand over: dates as Excel serials
 * (with the workbook's date system), formulas as their cached results, errors as "#N/A" text, rich
 * text and hyperlinks as plain text, and the non-anchor cells of a merged area as "" (Office.js shows
 * the value only in the top-left cell).
 */
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { serialFromDay, type DateSystem } from "../../core/dates/excel-serial";
import type { CellValue, Grid } from "../port";

const MS_PER_DAY = 86400000;

/** exceljs gives dates as JavaScript Dates at UTC; only the UTC epoch milliseconds are used here. */
function serialOf(d: Date, system: DateSystem): number {
  const ms = d.getTime();
  const day = Math.floor(ms / MS_PER_DAY);
  const fraction = (ms - day * MS_PER_DAY) / MS_PER_DAY;
  return serialFromDay(day, system) + fraction;
}

export function cellValueOf(v: ExcelJS.CellValue, system: DateSystem): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return serialOf(v, system);
  if (typeof v === "object") {
    if ("error" in v && v.error !== undefined) return String(v.error);
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as { result?: ExcelJS.CellValue }).result;
      return r === undefined ? null : cellValueOf(r as ExcelJS.CellValue, system);
    }
    if ("text" in v && "hyperlink" in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

export function gridFromWorksheet(ws: ExcelJS.Worksheet, system: DateSystem, fileLabel: string): Grid {
  const values: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  const colCount = ws.columnCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.getRow(r);
    const vals: CellValue[] = new Array(colCount);
    const fmts: string[] = new Array(colCount);
    for (let c = 1; c <= colCount; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master !== cell) {
        vals[c - 1] = "";
        fmts[c - 1] = "General";
        continue;
      }
      const v = cellValueOf(cell.value, system);
      vals[c - 1] = v === null ? "" : v;
      fmts[c - 1] = cell.numFmt || "General";
    }
    values.push(vals);
    numberFormats.push(fmts);
  }
  return {
    sheet: ws.name,
    top: 1,
    left: 0,
    values,
    numberFormats,
    dateSystem: system,
    label: `${fileLabel}#${ws.name}`,
  };
}

export async function readXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new (excel().Workbook)();
  await wb.xlsx.readFile(path);
  return wb;
}

export function dateSystemOf(wb: ExcelJS.Workbook): DateSystem {
  return wb.properties?.date1904 ? "1904" : "1900";
}

/**
 * One sheet of an .xlsx file read through exceljs's streaming reader, as gridFromWorksheet reads it
 * from the whole workbook, or undefined when the file has no such sheet. For the previous run's
 * Breaks sheet (`bo recon --previous`): at 60,000 breaks the workbook model took 3.5 s and about
 * 410 MB more memory than this (1.9 s). The rows are read as they are unzipped; merged areas are not
 * resolved (the streaming reader does not know them until the sheet's end), which a Breaks sheet
 * does not have. Number formats are not given: the streaming reader knows a cell's style only when
 * the styles part comes before the sheets, and this project's writer puts it after them; a date
 * comes as the serial Excel stores either way (as Office.js gives it), and the previous-run reader
 * takes dates by column. `sheet` undefined: the first sheet.
 */
export async function gridFromXlsxSheetStream(
  file: string,
  sheet: string | undefined,
  fileLabel: string,
): Promise<{ grid?: Grid; sheets: string[] }> {
  const reader = new (excel().stream.xlsx.WorkbookReader)(file, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "ignore",
  });
  const sheets: string[] = [];
  let found: { name: string; rows: CellValue[][]; width: number } | undefined;
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
    sheets.push(ws.name);
    const wanted = found === undefined && (sheet === undefined || ws.name === sheet);
    const rows: CellValue[][] = [];
    let width = 0;
    // Every sheet's rows are read (a sheet left unread would stall the unzipping); only the wanted one's are kept.
    for await (const row of ws) {
      if (!wanted) continue;
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        values[c - 1] = cell.value as CellValue;
      });
      while (rows.length < row.number - 1) rows.push([]);
      rows.push(values);
      if (values.length > width) width = values.length;
    }
    if (wanted) found = { name: ws.name, rows, width };
  }
  if (found === undefined) return { sheets };
  const system: DateSystem = (reader as unknown as { properties?: { date1904?: boolean } }).properties?.date1904
    ? "1904"
    : "1900";
  const values: CellValue[][] = [];
  for (const r of found.rows) {
    const vals: CellValue[] = new Array(found.width);
    for (let c = 0; c < found.width; c++) {
      const v = cellValueOf((r[c] ?? null) as ExcelJS.CellValue, system);
      vals[c] = v === null ? "" : v;
    }
    values.push(vals);
  }
  return {
    grid: {
      sheet: found.name,
      top: 1,
      left: 0,
      values,
      dateSystem: system,
      label: `${fileLabel}#${found.name}`,
    },
    sheets,
  };
}
