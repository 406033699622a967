/**
 * One side of a reconciliation, columnar, as the loader (src/io/recon) hands it to the engine.
 *
 * Columnar because the engine runs on 1M x 1M rows against DuckDB: typed arrays for numbers and
 * dates, one array per field, no object per row.
 *
 * Numbers are exact scaled integers: value = ints[i] / 10^scale, with |ints[i]| < 2^53 so every sum
 * and difference of up to ~1000 values is exact in a float64. The loader picks the scale per column
 * (the most decimals seen, at most 10) and reports a value that cannot be held exactly (more than 15
 * significant digits, as Excel itself keeps) as a row problem. Blank or unreadable numbers are NaN.
 */
import type { FieldType } from "./profile";

/** Blank or unreadable date. */
export const NO_DAY = -2147483648;

export interface NumColumn {
  scale: number;
  ints: Float64Array;
}

/**
 * A text, id or side column, dictionary-encoded: record i's normalised value is values[codes[i]],
 * blank when codes[i] is -1. `values` holds each distinct value once (equal values have equal codes
 * within a column), so keys are joined on integers (join.ts, which relies on it) and a million
 * references cost one Int32Array and one string per distinct value rather than an array slot per row.
 */
export interface TextColumn {
  codes: Int32Array;
  values: string[];
}

export const BLANK_CODE = -1;

/** Record i's value in a text column; undefined when blank. */
export function textAt(col: TextColumn, i: number): string | undefined {
  const c = col.codes[i];
  return c < 0 ? undefined : col.values[c];
}

export interface RowProblem {
  code: "ROW_ERROR" | "INVALID_ID";
  /** Names sheet/file, row and column, and what was expected. */
  message: string;
}

export interface RecordSet {
  side: "left" | "right";
  label: string;
  /** Sheet name or file name, for messages. */
  sheet: string;
  size: number;
  /** Row number as the user sees it (Excel row, CSV line) of each record. */
  rows: Int32Array;
  /** The type each mapped field was read as. */
  fields: Record<string, FieldType>;
  /** text, id and side fields, normalised (trimmed, case-folded, equivalences applied, ids cross-walked), dictionary-encoded. */
  text: Record<string, TextColumn>;
  num: Record<string, NumColumn>;
  /** Day numbers; NO_DAY when blank or unreadable. */
  date: Record<string, Int32Array>;
  /** The value as the user wrote it, for display in breaks (only for fields shown; may be absent). */
  raw?: Record<string, (string | number | boolean | null)[]>;
  /** Problems by record index. A record with a ROW_ERROR is not matched; it becomes a ROW_ERROR break. */
  problems: Map<number, RowProblem[]>;
  /** Records excluded by the profile's exclude rules, by record index, with the reason. */
  excluded: Map<number, string>;
}

export function numValue(col: NumColumn, i: number): number {
  return col.ints[i] / 10 ** col.scale;
}
