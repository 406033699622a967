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
  /** The values as bytes (a PooledText): `values` is then made only if something asks for all of it. */
  pool?: TextPool;
}

export const BLANK_CODE = -1;

/**
 * A dictionary's values as ASCII bytes: value c is bytes[offsets[c], offsets[c + 1]). Each value
 * is once (as in `values`) and none is empty.
 */
export interface TextPool {
  bytes: Uint8Array;
  /** count + 1 entries. */
  offsets: Int32Array;
}

/**
 * A text column whose values are kept as bytes (the loader makes one for a column of mostly
 * distinct values, such as a million references, from a CSV file: src/io/recon/load.ts): no
 * string per value is made until one is asked for (valueAt: the few shown in breaks), keys are
 * joined on the bytes (join.ts dictionaryMapPools), and the column crosses between threads as
 * three typed arrays. `values` is the whole list, made on first use, for any code that wants it.
 */
export class PooledText implements TextColumn {
  readonly codes: Int32Array;
  readonly pool: TextPool;
  /** Values made one by one (valueAt), by code; the whole list once `values` is read. */
  private made: (string | undefined)[] | undefined;
  private all = false;

  constructor(codes: Int32Array, pool: TextPool) {
    this.codes = codes;
    this.pool = pool;
  }

  get size(): number {
    return this.pool.offsets.length - 1;
  }

  get values(): string[] {
    if (!this.all) {
      const made = (this.made ??= new Array<string | undefined>(this.size));
      for (let c = 0; c < made.length; c++) made[c] ??= this.decode(c);
      this.all = true;
    }
    return this.made as string[];
  }

  valueAt(code: number): string {
    const made = (this.made ??= new Array<string | undefined>(this.size));
    return (made[code] ??= this.decode(code));
  }

  private decode(code: number): string {
    const { bytes, offsets } = this.pool;
    let v = "";
    for (let i = offsets[code]; i < offsets[code + 1]; i++) v += String.fromCharCode(bytes[i]);
    return v;
  }
}

/** A column's dictionary value for a code (>= 0). */
export function valueAt(col: TextColumn, code: number): string {
  return col instanceof PooledText ? col.valueAt(code) : col.values[code];
}

/** How many distinct values a column has. */
export function valueCount(col: TextColumn): number {
  return col.pool ? col.pool.offsets.length - 1 : col.values.length;
}

/** Record i's value in a text column; undefined when blank. */
export function textAt(col: TextColumn, i: number): string | undefined {
  const c = col.codes[i];
  return c < 0 ? undefined : valueAt(col, c);
}

/**
 * A text column as it came across from another thread (structured clone keeps data, not classes):
 * a pooled column is a PooledText again.
 */
export function revivedText(col: TextColumn): TextColumn {
  return col.pool && !(col instanceof PooledText) ? new PooledText(col.codes, col.pool) : col;
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
