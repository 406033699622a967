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
