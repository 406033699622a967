/**
 * Large CSV files read by column (the 1M-row reconciliation: docs/bench.md).
 *
 * `gridFromCsvText` (papaparse) builds an array of row arrays of strings for every cell of the
 * file: at 1M rows x 11 columns that is 12M small objects (about 600 MB) that the loader reads once
 * and the collector then marks over and over. Here the file text is scanned once for where each
 * record starts (and its line number), and the loader then asks for only the columns it maps
 * (`Grid.columns.read`), as one array of strings per column, skipping blank records on the way.
 *
 * The grid returned is a normal Grid to everything else: `values` is an array whose first rows
 * (where headers are looked for) are parsed on demand, and which is parsed in full by papaparse,
 * exactly as `gridFromCsvText` does, the first time a row beyond those is read (a consumer that does
 * not know about columns, e.g. a security master or an accruals source, gets the same cells as before).
 *
 * Only plain RFC 4180 files take this path: a quote opens a field only at its start and closes it
 * only before a delimiter or the end of the line, and every line ends the same way (LF, or CRLF).
 * Anything else (a stray quote, text after a closing quote, mixed line endings, an unterminated
 * quote) gives the papaparse grid instead, so that odd files read exactly as they always have.
 *
 * Row numbers: `columns.read` numbers each record by the line it starts on, as an editor shows it,
 * so a quoted field spanning lines makes the next record's number jump by the lines it spans.
 * (`values` indexes records, as papaparse does; `columns.lineOf(i)` is record i's line.)
 */
import type { CellValue, ColumnData, ColumnReader, Grid } from "../port";
import { detectDelimiter, gridFromCsvText } from "./csv-read";

/** Records parsed on their own before the whole file is (header search looks at the first 30 rows). */
export const HEAD_RECORDS = 64;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where every record and field of the file is: built in one pass, then read by column without rescanning. */
interface Layout {
  count: number;
  /** Line number (1-based) each record starts on. */
  lines: Int32Array;
  /** Index into fieldStarts of each record's first field; count + 1 entries. */
  firstField: Int32Array;
  /** Offset of each field's first character (its opening quote when quoted). */
  fieldStarts: Int32Array;
  /** Offset just past each record's last field (its line ending not included). */
  recordEnds: Int32Array;
  /** 1 where the record has a non-blank field. */
  nonBlank: Uint8Array;
  /** Fields (fieldStarts indexes) holding doubled quotes: their value is not a plain range. */
  doubled: Set<number>;
  /** Most fields in any record (papaparse's grid is padded to it). */
  width: number;
}

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/**
 * The layout of the text, or undefined when it is not plain enough for this path (see the module
 * comment). One pass over the text; quoted fields are skipped with indexOf.
 */
function scanLayout(text: string, begin: number, delim: number, crlf: boolean): Layout | undefined {
  const n = text.length;
  // Starting sizes from the text's length (about 100 bytes a record, 10 a field in trade files).
  let lines: Int32Array = new Int32Array(1024 + (n >> 7));
  let firstField: Int32Array = new Int32Array(lines.length + 1);
  let recordEnds: Int32Array = new Int32Array(lines.length);
  let nonBlank = new Uint8Array(lines.length);
  let fieldStarts: Int32Array = new Int32Array(1024 + (n >> 3));
  const doubled = new Set<number>();
  let count = 0;
  let fields = 0;
  let line = 1;
  let width = 0;
  let i = begin;
  while (i < n) {
    if (count + 1 >= lines.length) {
      lines = grow(lines, count + 2);
      firstField = grow(firstField, lines.length + 1);
      recordEnds = grow(recordEnds, lines.length);
      const nb = new Uint8Array(lines.length);
      nb.set(nonBlank);
      nonBlank = nb;
    }
    lines[count] = line;
    firstField[count] = fields;
    let blank = true;
    const first = fields;
    for (;;) {
      if (fields === fieldStarts.length) fieldStarts = grow(fieldStarts, fields + 1);
      fieldStarts[fields++] = i;
      let c = text.charCodeAt(i);
      if (c === QUOTE) {
        const s = i + 1;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return undefined;
          for (let j = text.indexOf("\n", i); j >= 0 && j < q; j = text.indexOf("\n", j + 1)) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            doubled.add(fields - 1);
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // A field with a doubled quote holds '"', so it is not blank.
        if (blank && (doubled.has(fields - 1) || !blankText(text, s, i - 1))) blank = false;
        c = i < n ? text.charCodeAt(i) : -1;
      } else {
        const s = i;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR || c === QUOTE) break;
          i++;
        }
        if (i >= n) c = -1;
        if (blank && !blankText(text, s, i)) blank = false;
      }
      if (c === delim) {
        i++;
        continue;
      }
      recordEnds[count] = i;
      if (c === -1) break;
      if (crlf) {
        if (c === CR && text.charCodeAt(i + 1) === LF) {
          i += 2;
          break;
        }
      } else if (c === LF) {
        i++;
        break;
      }
      // A quote inside a field, text after a closing quote, or a line ending unlike the first.
      return undefined;
    }
    nonBlank[count] = blank ? 0 : 1;
    count++;
    line++;
    if (fields - first > width) width = fields - first;
  }
  firstField[count] = fields;
  return {
    count,
    lines: lines.subarray(0, count),
    firstField: firstField.subarray(0, count + 1),
    fieldStarts: fieldStarts.subarray(0, fields),
    recordEnds: recordEnds.subarray(0, count),
    nonBlank: nonBlank.subarray(0, count),
    doubled,
    width,
  };
}

/**
 * A copy of a string cut from a file's text that no longer refers to that text. V8 makes a slice of
 * 13 or more characters a view into its parent, so one such header or cell kept for the whole run
 * (the CLI keeps the first rows of each side) would keep the whole file's text (100 MB at 1M rows)
 * alive. Concatenating and cutting again copies it into a string of its own.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (s + " ").slice(0, -1);
}

/** The same test as the loader's blank cell: "" or whitespace that starts with a space, tab or no-break space. */
function blankText(text: string, s: number, e: number): boolean {
  if (s >= e) return true;
  const c = text.charCodeAt(s);
  if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0x3000) return false;
  return text.slice(s, e).trim() === "";
}

class CsvColumns implements ColumnReader {
  constructor(
    private readonly text: string,
    private readonly layout: Layout,
  ) {}

  lineOf(index: number): number {
    return this.layout.lines[index];
  }

  /** The value of field f (a fieldStarts index) of record r. */
  private field(r: number, f: number): string {
    const [s, e] = this.range(r, f);
    return detach(this.layout.doubled.has(f) ? this.text.slice(s, e).replace(/""/g, '"') : this.text.slice(s, e));
  }

  /** [start, end) of field f of record r, without its quotes. */
  private range(r: number, f: number): [number, number] {
    const { fieldStarts, firstField, recordEnds } = this.layout;
    const s = fieldStarts[f];
    const e = f + 1 < firstField[r + 1] ? fieldStarts[f + 1] - 1 : recordEnds[r];
    return this.text.charCodeAt(s) === QUOTE ? [s + 1, e - 1] : [s, e];
  }

  /** All fields of one record (papaparse's values for it, padded to the file's width). */
  record(index: number): string[] {
    const { firstField, width } = this.layout;
    const out: string[] = [];
    for (let f = firstField[index]; f < firstField[index + 1]; f++) out.push(this.field(index, f));
    while (out.length < width) out.push("");
    return out;
  }

  read(cols: readonly number[], afterIndex: number): ColumnData {
    const { lines, count, firstField, fieldStarts, recordEnds, nonBlank, doubled } = this.layout;
    const text = this.text;
    const n = Math.max(0, count - afterIndex - 1);
    const starts = cols.map(() => new Int32Array(n));
    const ends = cols.map(() => new Int32Array(n));
    const special = cols.map(() => new Map<number, string>());
    const rows = new Int32Array(n);
    let size = 0;
    let blankRows = 0;
    for (let r = afterIndex + 1; r < count; r++) {
      if (nonBlank[r] === 0) {
        blankRows++;
        continue;
      }
      const f0 = firstField[r];
      const nf = firstField[r + 1] - f0;
      for (let j = 0; j < cols.length; j++) {
        const c = cols[j];
        // A cell past the end of its record is an empty range (papaparse pads with "").
        if (c >= nf) continue;
        const f = f0 + c;
        let s = fieldStarts[f];
        let e = c + 1 < nf ? fieldStarts[f + 1] - 1 : recordEnds[r];
        if (text.charCodeAt(s) === QUOTE) {
          s++;
          e--;
          if (doubled.size > 0 && doubled.has(f)) special[j].set(size, text.slice(s, e).replace(/""/g, '"'));
        }
        starts[j][size] = s;
        ends[j][size] = e;
      }
      rows[size++] = lines[r];
    }
    return {
      rows: rows.subarray(0, size),
      size,
      blankRows,
      text,
      starts: starts.map((a) => a.subarray(0, size)),
      ends: ends.map((a) => a.subarray(0, size)),
      special,
    };
  }
}

/**
 * A CSV file as a Grid readable by column (see the module comment), or the papaparse grid when the
 * text is not plain enough. Same sheet, label, top and cells as gridFromCsvText.
 */
export function columnarGridFromCsvText(text: string, label: string): Grid {
  const begin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.length <= begin) return gridFromCsvText(text, label);
  const firstLf = text.indexOf("\n", begin);
  const crlf = firstLf > 0 && text.charCodeAt(firstLf - 1) === CR;
  const delim = detectDelimiter(
    begin
      ? text.slice(begin, firstLf < 0 ? undefined : firstLf + 1)
      : text.slice(0, firstLf < 0 ? undefined : firstLf + 1),
  );
  const layout = scanLayout(text, begin, delim.charCodeAt(0), crlf);
  if (layout === undefined) return gridFromCsvText(text, label);
  const columns = new CsvColumns(text, layout);
  const head: string[][] = [];
  let full: CellValue[][] | undefined;
  const materialise = (): CellValue[][] => (full ??= gridFromCsvText(text, label).values);
  const rowAt = (i: number): CellValue[] | undefined => {
    if (i < 0 || i >= layout.count) return undefined;
    if (full) return full[i];
    if (i < HEAD_RECORDS) {
      while (head.length <= i) head.push(columns.record(head.length));
      return head[i];
    }
    return materialise()[i];
  };
  const indexOf = (prop: string | symbol): number => {
    if (typeof prop !== "string" || prop === "" || prop.length > 10) return -1;
    const c = prop.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const n = Number(prop);
    return Number.isInteger(n) && String(n) === prop ? n : -1;
  };
  const values = new Proxy([] as CellValue[][], {
    get(target, prop, receiver) {
      if (full) return Reflect.get(full, prop);
      if (prop === "length") return layout.count;
      const i = indexOf(prop);
      if (i >= 0) return rowAt(i);
      return Reflect.get(target, prop, receiver);
    },
    has(target, prop) {
      if (full) return Reflect.has(full, prop);
      const i = indexOf(prop);
      if (i >= 0) return i < layout.count;
      return Reflect.has(target, prop);
    },
    set(_target, prop, value) {
      return Reflect.set(materialise(), prop, value);
    },
    ownKeys() {
      return Reflect.ownKeys(materialise());
    },
    getOwnPropertyDescriptor(_target, prop) {
      if (prop === "length")
        return { value: full ? full.length : layout.count, writable: true, enumerable: false, configurable: false };
      return Reflect.getOwnPropertyDescriptor(materialise(), prop);
    },
  });
  return { sheet: label, top: 1, left: 0, values, dateSystem: "1900", label, columns };
}
