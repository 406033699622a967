/**
 * Large CSV files read by column (the 1M-row reconciliation: docs/bench.md).
 *
 * `gridFromCsvText` (papaparse) builds an array of row arrays of strings for every cell of the
 * file: at 1M rows x 11 columns that is 12M small objects (about 600 MB) that the loader reads once
 * and the collector then marks over and over. Here the file's bytes are scanned once for where each
 * record and field starts (and its line number), and the loader then asks for only the columns it
 * maps (`Grid.columns.read`) as ranges of those bytes, skipping blank records on the way; numbers,
 * dates and repeated texts are read from the bytes in place, and a string is made only for a cell
 * that needs one (src/io/recon/load.ts). A file is scanned in WebAssembly (csv-scan.ts: read
 * straight into the module's memory) where it can be; scanLayout below is the same scan in
 * JavaScript, the module's reference in the tests and its fallback.
 *
 * Bytes, not a decoded string: indexing a Buffer is about twice as fast as `charCodeAt` over the
 * same text, and no 100 MB string is made. The file is UTF-8 (a BOM is skipped); every byte that
 * delimits (quote, delimiter, CR, LF) is ASCII, and no byte of a multi-byte UTF-8 character is
 * below 0x80, so the scan over bytes finds exactly the fields a scan over the decoded text finds. A
 * cell's text is its bytes decoded as UTF-8 (as latin1 when the file is all ASCII: the same text,
 * faster).
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
import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import type { CellValue, ColumnData, ColumnReader, Grid } from "../port";
import { detectDelimiter, gridFromCsvText } from "./csv-read";
import { type Layout, WasmCsv } from "./csv-scan";

/** Records parsed on their own before the whole file is (header search looks at the first 30 rows). */
export const HEAD_RECORDS = 64;

const QUOTE = 34;
const LF = 10;
const CR = 13;

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** 1 for the bytes that end an unquoted field (the delimiter, CR, LF, a quote). */
function stopTable(delim: number): Uint8Array {
  const t = new Uint8Array(256);
  t[delim] = t[LF] = t[CR] = t[QUOTE] = 1;
  return t;
}

/**
 * The layout of the bytes, or undefined when they are not plain enough for this path (see the
 * module comment). One pass; quoted fields are skipped with indexOf. The reference for the
 * WebAssembly scan (csv-scan.wat), which large files take; this one is for when that cannot run.
 */
export function scanLayout(b: Buffer, begin: number, delim: number, crlf: boolean): Layout | undefined {
  const n = b.length;
  const stop = stopTable(delim);
  // Starting sizes from the length (about 100 bytes a record, 10 a field in trade files).
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
      let c = i < n ? b[i] : -1;
      if (c === QUOTE) {
        fieldStarts[fields - 1] = ~i;
        const s = i + 1;
        i++;
        for (;;) {
          const q = b.indexOf(QUOTE, i);
          if (q < 0) return undefined;
          for (let j = b.indexOf(LF, i); j >= 0 && j < q; j = b.indexOf(LF, j + 1)) line++;
          if (q + 1 < n && b[q + 1] === QUOTE) {
            doubled.add(fields - 1);
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // A field with a doubled quote holds '"', so it is not blank.
        if (blank && (doubled.has(fields - 1) || !blankBytes(b, s, i - 1))) blank = false;
        c = i < n ? b[i] : -1;
      } else {
        const s = i;
        while (i < n && stop[b[i]] === 0) i++;
        c = i < n ? b[i] : -1;
        if (blank && i > s && !blankBytes(b, s, i)) blank = false;
      }
      if (c === delim) {
        i++;
        continue;
      }
      recordEnds[count] = i;
      if (c === -1) break;
      if (crlf) {
        if (c === CR && i + 1 < n && b[i + 1] === LF) {
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
 * The same test as the loader's blank cell: "" or whitespace that starts with a space, tab or
 * no-break space (U+00A0 is C2 A0 in UTF-8, U+3000 is E3 80 80).
 */
function blankBytes(b: Buffer, s: number, e: number): boolean {
  if (s >= e) return true;
  const c = b[s];
  if (c !== 32 && c !== 9 && c !== 0xc2 && c !== 0xe3) return false;
  return b.toString("utf8", s, e).trim() === "";
}

/**
 * The WebAssembly scan marks a record 2 when a field starts with a byte that may begin Unicode
 * whitespace: blankBytes decides those here, as scanLayout does as it goes.
 */
function settleBlanks(b: Buffer, layout: Layout): void {
  const { count, nonBlank, firstField, doubled } = layout;
  for (let r = 0; r < count; r++) {
    if (nonBlank[r] !== 2) continue;
    let blank = true;
    for (let f = firstField[r]; blank && f < firstField[r + 1]; f++) {
      const [s, e] = fieldRange(layout, r, f);
      blank = !doubled.has(f) && blankBytes(b, s, e);
    }
    nonBlank[r] = blank ? 0 : 1;
  }
}

/** [start, end) of field f (a fieldStarts index) of record r, without its quotes. */
function fieldRange(layout: Layout, r: number, f: number): [number, number] {
  const { fieldStarts, firstField, recordEnds } = layout;
  const s = fieldStarts[f];
  const e = f + 1 < firstField[r + 1] ? start(fieldStarts[f + 1]) - 1 : recordEnds[r];
  return s < 0 ? [~s + 1, e - 1] : [s, e];
}

/** The offset of a field from its fieldStarts entry (negative for a quoted field: ~offset). */
function start(entry: number): number {
  return entry < 0 ? ~entry : entry;
}

class CsvColumns implements ColumnReader {
  /** Text of bytes [s, e): latin1 when the file is all ASCII (the same text, faster), else UTF-8. */
  readonly decode: (s: number, e: number) => string;

  constructor(
    private readonly bytes: Buffer,
    private readonly layout: Layout,
    ascii: boolean,
  ) {
    this.decode = decoder(bytes, ascii);
  }

  lineOf(index: number): number {
    return this.layout.lines[index];
  }

  /** The value of field f (a fieldStarts index) of record r. */
  private field(r: number, f: number): string {
    const [s, e] = fieldRange(this.layout, r, f);
    const v = this.decode(s, e);
    return this.layout.doubled.has(f) ? v.replace(/""/g, '"') : v;
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
    const { lines, count, firstField, fieldStarts, recordEnds, nonBlank, doubled, column } = this.layout;
    const bytes = this.bytes;
    // The module's loop when there is no doubled quote to undo (a cell that is not a plain range).
    const got = column && doubled.size === 0 && cols.length > 0 ? cols.map((c) => column(c, afterIndex)) : [];
    if (got.length > 0 && got.every((g) => g !== undefined)) {
      const first = got[0]!;
      return {
        rows: first.rows,
        size: first.rows.length,
        blankRows: first.blankRows,
        bytes,
        decode: this.decode,
        starts: got.map((g) => g!.starts),
        ends: got.map((g) => g!.ends),
        special: cols.map(() => new Map<number, string>()),
        firsts: (j, all) => got[j]!.firsts(all),
        numbers: (j, decimalComma) => got[j]!.numbers(decimalComma),
      };
    }
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
        let e = c + 1 < nf ? start(fieldStarts[f + 1]) - 1 : recordEnds[r];
        if (s < 0) {
          s = ~s + 1;
          e--;
          if (doubled.size > 0 && doubled.has(f)) special[j].set(size, this.decode(s, e).replace(/""/g, '"'));
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
      bytes,
      decode: this.decode,
      starts: starts.map((a) => a.subarray(0, size)),
      ends: ends.map((a) => a.subarray(0, size)),
      special,
    };
  }
}

/**
 * Text of bytes [s, e): latin1 when the file is all ASCII (the same text, faster), else UTF-8.
 * Buffer's own latin1Slice/utf8Slice (what toString calls after checking its arguments) when
 * present: a million references are decoded one by one.
 */
function decoder(bytes: Buffer, ascii: boolean): (s: number, e: number) => string {
  const b = bytes as Buffer & { latin1Slice?(s: number, e: number): string; utf8Slice?(s: number, e: number): string };
  if (ascii) return b.latin1Slice ? (s, e) => b.latin1Slice!(s, e) : (s, e) => b.toString("latin1", s, e);
  return b.utf8Slice ? (s, e) => b.utf8Slice!(s, e) : (s, e) => b.toString("utf8", s, e);
}

/** The file's text (UTF-8 without its BOM), for the papaparse grid. */
function textOf(bytes: Buffer): string {
  return decoder(bytes, isAscii(bytes))(0, bytes.length).replace(/^\ufeff/, "");
}

/** columnarGridFromCsv for text already decoded (tests, small inputs). */
export function columnarGridFromCsvText(text: string, label: string, scan: Scan = "wasm"): Grid {
  return columnarGridFromCsv(Buffer.from(text, "utf8"), label, scan);
}

/** Which scan finds the layout: the WebAssembly module (csv-scan.ts) where it can run, or scanLayout. */
export type Scan = "wasm" | "js";

/**
 * A CSV file as a Grid readable by column (see the module comment), its bytes read straight into
 * the WebAssembly scanner's memory; read and scanned in JavaScript where that cannot run.
 */
export function columnarGridFromCsvFile(file: string, label: string): Grid {
  const w = WasmCsv.fromFile(file);
  return w ? gridOf(w, w.bytes, label) : columnarGridFromCsv(readFileSync(file), label, "js");
}

/**
 * A CSV file's bytes as a Grid readable by column (see the module comment), or the papaparse grid
 * when they are not plain enough. Same sheet, label, top and cells as gridFromCsvText on the text.
 * With "wasm" the bytes are copied into the module's memory first.
 */
export function columnarGridFromCsv(bytes: Buffer, label: string, scan: Scan = "wasm"): Grid {
  const w = scan === "wasm" ? WasmCsv.fromBytes(bytes) : undefined;
  return w ? gridOf(w, w.bytes, label) : gridOf(undefined, bytes, label);
}

function gridOf(w: WasmCsv | undefined, bytes: Buffer, label: string): Grid {
  const begin = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length <= begin) return gridFromCsvText(textOf(bytes), label);
  const firstLf = bytes.indexOf(LF, begin);
  const crlf = firstLf > 0 && bytes[firstLf - 1] === CR;
  const delim = detectDelimiter(bytes.toString("utf8", begin, firstLf < 0 ? bytes.length : firstLf + 1)).charCodeAt(0);
  let layout: Layout | undefined | null = null;
  if (w) {
    layout = w.layout(begin, delim, crlf);
    // The module's memory grew for the layout: the view taken before is detached.
    bytes = w.bytes;
    if (layout) settleBlanks(bytes, layout);
  }
  if (layout === null) layout = scanLayout(bytes, begin, delim, crlf);
  if (layout === undefined) return gridFromCsvText(textOf(bytes), label);
  const columns = new CsvColumns(bytes, layout, isAscii(bytes));
  const head: string[][] = [];
  let full: CellValue[][] | undefined;
  const materialise = (): CellValue[][] => (full ??= gridFromCsvText(textOf(bytes), label).values);
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
