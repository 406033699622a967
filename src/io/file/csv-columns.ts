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

interface Layout {
  /** Offset in the text of each record's first character. */
  starts: Int32Array;
  /** Line number (1-based) each record starts on. */
  lines: Int32Array;
  count: number;
  /** Most fields in any record (papaparse's grid is padded to it). */
  width: number;
}

/**
 * Where each record starts, or undefined when the text is not plain enough for this path (see the
 * module comment). One pass over the text; quoted fields are skipped with indexOf.
 */
function scanLayout(text: string, begin: number, delim: number, crlf: boolean): Layout | undefined {
  const n = text.length;
  let cap = 1024;
  let starts = new Int32Array(cap);
  let lines = new Int32Array(cap);
  let count = 0;
  let line = 1;
  let width = 0;
  let i = begin;
  while (i < n) {
    if (count === cap) {
      cap *= 2;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const l = new Int32Array(cap);
      l.set(lines);
      lines = l;
    }
    starts[count] = i;
    lines[count] = line;
    count++;
    let fields = 1;
    for (;;) {
      let c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return undefined;
          for (let j = text.indexOf("\n", i); j >= 0 && j < q; j = text.indexOf("\n", j + 1)) line++;
          if (text.charCodeAt(q + 1) === QUOTE) {
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        c = i < n ? text.charCodeAt(i) : -1;
      } else {
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR || c === QUOTE) break;
          i++;
        }
        if (i >= n) c = -1;
      }
      if (c === delim) {
        i++;
        fields++;
        continue;
      }
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
    line++;
    if (fields > width) width = fields;
  }
  return { starts: starts.subarray(0, count), lines: lines.subarray(0, count), count, width };
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
    private readonly delim: number,
  ) {}

  lineOf(index: number): number {
    return this.layout.lines[index];
  }

  /** All fields of one record (papaparse's values for it, padded to the file's width). */
  record(index: number): string[] {
    const width = this.layout.width;
    const slots = new Int32Array(width).map((_, i) => i);
    const starts = Array.from({ length: width }, () => new Int32Array(1));
    const ends = Array.from({ length: width }, () => new Int32Array(1));
    const special = Array.from({ length: width }, () => new Map<number, string>());
    this.parseRecord(index, 0, slots, width, starts, ends, special, true);
    return starts.map((s, j) => special[j].get(0) ?? this.text.slice(s[0], ends[j][0]));
  }

  read(cols: readonly number[], afterIndex: number): ColumnData {
    const { lines, count } = this.layout;
    let maxCol = -1;
    for (const c of cols) if (c > maxCol) maxCol = c;
    const slots = new Int32Array(maxCol + 1).fill(-1);
    cols.forEach((c, j) => (slots[c] = j));
    const n = Math.max(0, count - afterIndex - 1);
    const starts = cols.map(() => new Int32Array(n));
    const ends = cols.map(() => new Int32Array(n));
    const special = cols.map(() => new Map<number, string>());
    const rows = new Int32Array(n);
    let size = 0;
    let blankRows = 0;
    for (let r = afterIndex + 1; r < count; r++) {
      // A blank record's ranges are written at `size` and overwritten by the next record.
      if (this.parseRecord(r, size, slots, maxCol + 1, starts, ends, special, false)) rows[size++] = lines[r];
      else {
        blankRows++;
        for (const m of special) m.delete(size);
      }
    }
    return {
      rows: rows.subarray(0, size),
      size,
      blankRows,
      text: this.text,
      starts: starts.map((a) => a.subarray(0, size)),
      ends: ends.map((a) => a.subarray(0, size)),
      special,
    };
  }

  /**
   * Writes the ranges of the wanted fields of record r at position k (an empty range past the
   * record's end) and says whether the record has any non-blank field (fields are looked at until
   * one is found, even past the last wanted one).
   */
  private parseRecord(
    r: number,
    k: number,
    slots: Int32Array,
    wanted: number,
    starts: Int32Array[],
    ends: Int32Array[],
    special: Map<number, string>[],
    all: boolean,
  ): boolean {
    const text = this.text;
    const delim = this.delim;
    const end = r + 1 < this.layout.count ? this.layout.starts[r + 1] : text.length;
    let i = this.layout.starts[r];
    let f = 0;
    let nonBlank = false;
    for (;;) {
      // Past the last wanted field and already known not blank: the rest of the record is not needed.
      if (!all && f >= wanted && nonBlank) break;
      const slot = f < wanted ? slots[f] : -1;
      let s: number;
      let e: number;
      let value: string | undefined;
      if (i < end && text.charCodeAt(i) === QUOTE) {
        s = i + 1;
        let q = text.indexOf('"', s);
        if (text.charCodeAt(q + 1) === QUOTE) {
          // Doubled quotes: the value is rebuilt.
          let v = "";
          let from = s;
          while (text.charCodeAt(q + 1) === QUOTE) {
            v += text.slice(from, q + 1);
            from = q + 2;
            q = text.indexOf('"', from);
          }
          value = v + text.slice(from, q);
        }
        e = q;
        i = q + 1;
      } else {
        s = i;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          i++;
        }
        e = i;
      }
      if (!nonBlank) nonBlank = value !== undefined ? !blankText(value, 0, value.length) : !blankText(text, s, e);
      if (slot >= 0) {
        starts[slot][k] = s;
        ends[slot][k] = e;
        if (value !== undefined) special[slot].set(k, value);
      }
      f++;
      // i is at a delimiter, a line end or the record's end.
      if (i < end && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break;
    }
    for (; f < wanted; f++) {
      const slot = slots[f];
      if (slot >= 0) {
        starts[slot][k] = 0;
        ends[slot][k] = 0;
      }
    }
    return nonBlank;
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
  const columns = new CsvColumns(text, layout, delim.charCodeAt(0));
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
