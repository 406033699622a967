/**
 * A1 addresses <-> 0-based rectangles, as Excel spells them ("Sheet1!A1:C3", "'Breaks (2)'!A1").
 * Shared by the adapter (table addresses, labels) and the memory host (to parse what it is asked for).
 */
import { columnLetter } from "../core/errors";

/** Excel's grid: 1,048,576 rows x 16,384 columns (XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

export interface Rect {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits "Sheet!A1:B2" into sheet (unquoted, or undefined) and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

/** Parses the local part of an A1 address: "B2", "A1:H500", "A:C" (whole columns), "1:3" (whole rows). */
export function parseA1(local: string): Rect | null {
  const parts = local.split(":");
  if (parts.length > 2) return null;
  const a = parts[0];
  const b = parts[1] ?? parts[0];
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    const r0 = Number(ca[2]) - 1;
    const r1 = Number(cb[2]) - 1;
    const c0 = columnIndex(ca[1]);
    const c1 = columnIndex(cb[1]);
    return normalise(r0, c0, r1, c1);
  }
  if (parts.length === 2) {
    const la = COLS.exec(a);
    const lb = COLS.exec(b);
    if (la && lb) return normalise(0, columnIndex(la[1]), MAX_ROWS - 1, columnIndex(lb[1]));
    const ra = ROWS.exec(a);
    const rb = ROWS.exec(b);
    if (ra && rb) return normalise(Number(ra[1]) - 1, 0, Number(rb[1]) - 1, MAX_COLUMNS - 1);
  }
  return null;
}

function normalise(r0: number, c0: number, r1: number, c1: number): Rect | null {
  const top = Math.min(r0, r1);
  const bottom = Math.max(r0, r1);
  const left = Math.min(c0, c1);
  const right = Math.max(c0, c1);
  if (top < 0 || left < 0 || bottom >= MAX_ROWS || right >= MAX_COLUMNS) return null;
  return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
}

/** Sheet names that are not plain identifiers are quoted, as Excel does in Range.address. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatA1(rect: Rect): string {
  const first = `${columnLetter(rect.column)}${rect.row + 1}`;
  if (rect.rowCount === 1 && rect.columnCount === 1) return first;
  return `${first}:${columnLetter(rect.column + rect.columnCount - 1)}${rect.row + rect.rowCount}`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatA1(rect)}`;
}
