/**
 * The CSV layout scan in WebAssembly (csv-scan.wat; the design and the figures: docs/bench.md).
 *
 * scanLayout (csv-columns.ts) walks a 108 MB custodian file byte by byte in about 0.45 s and
 * CsvColumns.read then copies the mapped columns' ranges out of its arrays in about 0.2 s: together
 * a third of the time the 1M-row reconciliation spends loading a side. The module does the same in
 * about 0.15 s, skipping unquoted text 16 bytes at a time. It also finds each text cell's first
 * repeat (so a repeated account or currency is read once) and reads number cells as the loader's
 * scanScaledBytes does, from the bytes where they lie.
 *
 * The file is read straight into the module's memory (no second copy of it: the Buffer the loader
 * decodes cells from is a view of that memory), followed by the layout's arrays, which are also
 * views. The memory is sized once, before the scan, from a count of delimiters and line feeds (a
 * bound on the fields and records), because growing it would detach every view already handed out.
 * Pages reserved but never written (the bound is loose where quoted fields hold delimiters) cost
 * address space, not memory.
 *
 * When WebAssembly is not there, or the file needs more than the 4 GiB a module can address, the
 * caller reads the file itself and scans it with scanLayout; where the bytes are not plain enough
 * for the column path, this scan says so (undefined) exactly where scanLayout does.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { WASM_BASE64 } from "./csv-scan-wasm";

/** Where every record and field of a file is (built by scanLayout or by WasmCsv.layout). */
export interface Layout {
  count: number;
  /** Line number (1-based) each record starts on. */
  lines: Int32Array;
  /** Index into fieldStarts of each record's first field; count + 1 entries. */
  firstField: Int32Array;
  /**
   * Offset of each field's first byte (its opening quote when quoted), stored as ~offset (negative)
   * when the field is quoted, so that reading a column never has to look at the bytes.
   */
  fieldStarts: Int32Array;
  /** Offset just past each record's last field (its line ending not included). */
  recordEnds: Int32Array;
  /** 1 where the record has a non-blank field. */
  nonBlank: Uint8Array;
  /** Fields (fieldStarts indexes) holding doubled quotes: their value is not a plain range. */
  doubled: Set<number>;
  /** Most fields in any record (papaparse's grid is padded to it). */
  width: number;
  /**
   * One column of the records after `afterIndex` that are not blank (CsvColumns.read's loop for
   * one column, done in the module; only from WasmCsv). starts and ends are views of the module's
   * memory, one place per column of the file, so a column can be read once per afterIndex (undefined
   * when asked again with another: the caller reads in JavaScript then); rows is the caller's.
   */
  column?(col: number, afterIndex: number): ColumnRanges | undefined;
}

/** A column's cells as ranges of the file's bytes, as Layout.column gives them. */
export interface ColumnRanges {
  starts: Int32Array;
  ends: Int32Array;
  rows: Int32Array;
  blankRows: number;
  /**
   * For each cell k, a k' <= k whose bytes are the same: the first such cell among the first
   * FIRSTS_LIMIT distinct values remembered, else k itself; with `all`, every value is remembered
   * (a dictionary of the column: k' is always the first cell with those bytes).
   */
  firsts(all?: boolean): Int32Array;
  /** The cells read as numbers by the module (fast-number.ts scanScaledBytes, cell by cell). */
  numbers(decimalComma: boolean): ScannedNumbers;
}

/**
 * Each cell's scanScaledBytes status (OK, FALLBACK, BLANK, TOO_PRECISE) and, where OK, its scaled
 * integer and scale (0 and 0 elsewhere). Fresh arrays the caller owns.
 */
export interface ScannedNumbers {
  status: Uint8Array;
  ints: Float64Array;
  scales: Uint8Array;
}

interface Exports {
  memory: WebAssembly.Memory;
  fields: WebAssembly.Global;
  width: WebAssembly.Global;
  doubled: WebAssembly.Global;
  blankRows: WebAssembly.Global;
  countStops(s: number, e: number, a: number, b: number): number;
  scan(
    i: number,
    n: number,
    delim: number,
    crlf: number,
    F: number,
    L: number,
    FF: number,
    E: number,
    NB: number,
    D: number,
  ): number;
  firsts(S: number, EN: number, n: number, T: number, mask: number, OUT: number, limit: number): number;
  firstsAscending(
    S: number,
    EN: number,
    n: number,
    T: number,
    mask: number,
    OUT: number,
    CH: number,
    limit: number,
  ): number;
  numbers(S: number, EN: number, n: number, comma: number, INTS: number, SCALES: number, ST: number): void;
  number(i: number, n: number, comma: number): number;
  numberInt(): number;
  numberScale(): number;
  column(
    c: number,
    r: number,
    count: number,
    F: number,
    FF: number,
    E: number,
    NB: number,
    L: number,
    S: number,
    EN: number,
    R: number,
  ): number;
}

const PAGE = 65536;
/** A 32-bit module addresses at most 65,536 pages (4 GiB). */
const MAX_PAGES = 65536;
const LF = 10;
/**
 * Distinct values `firsts()` remembers in a column, and its table: over twice as many slots, so
 * probes stay short, and 256 KB, so it stays in cache. For the columns the loader reads as strings
 * (sides, cross-walked ids: they repeat); a column that may be kept as bytes asks for `firsts(true)`,
 * every value remembered, in a table sized for the column.
 */
const FIRSTS_LIMIT = 20_000;
const FIRSTS_TABLE = 1 << 16;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, once per thread; null when this runtime has no WebAssembly (or no SIMD). */
function wasmModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(WASM_BASE64, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const align8 = (x: number) => (x + 7) & ~7;

/** A file's bytes in a module instance's memory, ready to be scanned once. */
export class WasmCsv {
  private scanned = false;

  private view: Buffer | undefined;

  private constructor(
    private readonly x: Exports,
    private readonly n: number,
  ) {}

  /**
   * The file's bytes: a view of the module's memory. Take it again after layout(), which grows the
   * memory (a view taken before is detached by that).
   */
  get bytes(): Buffer {
    if (!this.view || this.view.buffer !== this.x.memory.buffer)
      this.view = Buffer.from(this.x.memory.buffer, 0, this.n);
    return this.view;
  }

  private growTo(pages: number): void {
    const have = this.x.memory.buffer.byteLength / PAGE;
    if (pages > have) this.x.memory.grow(pages - have);
  }

  /** The file read into a new instance's memory; undefined when WebAssembly cannot take it. */
  static fromFile(file: string): WasmCsv | undefined {
    const fd = openSync(file, "r");
    try {
      const n = fstatSync(fd).size;
      const x = WasmCsv.instance(n);
      if (!x) return undefined;
      const into = new Uint8Array(x.memory.buffer, 0, n);
      let off = 0;
      while (off < n) {
        const got = readSync(fd, into, off, n - off, off);
        if (got <= 0) break;
        off += got;
      }
      return WasmCsv.sized(x, off);
    } finally {
      closeSync(fd);
    }
  }

  /** The module's reading of bytes [from, to) as a number (tests: it must be scanScaledBytes's). */
  number(from: number, to: number, decimalComma: boolean): { status: number; int: number; scale: number } {
    const status = this.x.number(from, to, decimalComma ? 1 : 0);
    return { status, int: this.x.numberInt(), scale: this.x.numberScale() };
  }

  /** Bytes already in memory (tests; small inputs), copied into a new instance. */
  static fromBytes(bytes: Uint8Array): WasmCsv | undefined {
    const x = WasmCsv.instance(bytes.length);
    if (!x) return undefined;
    new Uint8Array(x.memory.buffer, 0, bytes.length).set(bytes);
    return WasmCsv.sized(x, bytes.length);
  }

  private static instance(n: number): Exports | undefined {
    const mod = wasmModule();
    if (!mod || n + 16 > (MAX_PAGES - 1) * PAGE) return undefined;
    const x = new WebAssembly.Instance(mod, {}).exports as unknown as Exports;
    const pages = Math.ceil((n + 16) / PAGE) - x.memory.buffer.byteLength / PAGE;
    if (pages > 0) x.memory.grow(pages);
    return x;
  }

  private static sized(x: Exports, n: number): WasmCsv {
    // Readable bytes after the input for the 16-byte loads (their values never matter).
    new Uint8Array(x.memory.buffer, n, 16).fill(0);
    return new WasmCsv(x, n);
  }

  /**
   * The layout of bytes [begin, n) (scanLayout's result: undefined where the bytes are not plain
   * enough), or null when the memory it needs is more than the module can address (the caller
   * scans with scanLayout then). Once per instance: the arrays are views of the module's memory.
   */
  layout(begin: number, delim: number, crlf: boolean): Layout | undefined | null {
    if (this.scanned) throw new Error("WasmCsv.layout: one scan per instance");
    this.scanned = true;
    const x = this.x;
    const n = this.n;
    const records = x.countStops(begin, n, LF, LF) + 1;
    const fields = x.countStops(begin, n, delim, LF) + 1;
    const F = align8(n + 16);
    const L = F + 4 * (fields + 1);
    const FF = L + 4 * (records + 1);
    const E = FF + 4 * (records + 2);
    const D = E + 4 * (records + 1);
    const NB = D + 4 * (fields + 1);
    const need = Math.ceil((NB + records + 1) / PAGE);
    if (need > MAX_PAGES) return null;
    // Grow before the layout's views are taken (the caller takes `bytes` again after this).
    this.growTo(need);
    const count = x.scan(begin, n, delim, crlf ? 1 : 0, F, L, FF, E, NB, D);
    if (count < 0) return undefined;
    const width = x.width.value as number;
    // The columns' places, sized now that the records are counted: starts and ends for each column
    // of the file, the rows once, and the table and output of `firsts`.
    const stride = 4 * (count + 1);
    const COLS = align8(NB + count + 1);
    const R = COLS + 2 * stride * width;
    const cap = FIRSTS_TABLE;
    const T = R + stride;
    const OUT = T + 4 * cap;
    // The table for `firsts(true)`: a power of two at least 1.5 times the cells (8 MB at 1M), only
    // touched for the columns that ask (firstsAscending keeps its chain of rising values there).
    const capAll = 2 ** Math.max(4, Math.ceil(Math.log2(1.5 * (count + 1))));
    const TA = OUT + stride;
    const INTS = align8(TA + 4 * capAll);
    const SCALES = INTS + 8 * (count + 1);
    const ST = SCALES + count + 1;
    const end = ST + count + 1;
    const columnsFit = Math.ceil(end / PAGE) <= MAX_PAGES;
    if (columnsFit) this.growTo(Math.ceil(end / PAGE));
    const buf = x.memory.buffer;
    const total = x.fields.value as number;
    let rowsAfter: number | undefined;
    let rows: Int32Array | undefined;
    const filled = new Map<number, number>();
    const layout: Layout = {
      count,
      lines: new Int32Array(buf, L, count),
      firstField: new Int32Array(buf, FF, count + 1),
      fieldStarts: new Int32Array(buf, F, total),
      recordEnds: new Int32Array(buf, E, count),
      nonBlank: new Uint8Array(buf, NB, count),
      doubled: new Set<number>(new Int32Array(buf, D, x.doubled.value as number)),
      width,
    };
    if (!columnsFit) return layout;
    layout.column = (col, afterIndex) => {
      if (col < 0 || col >= width || (rowsAfter ?? afterIndex) !== afterIndex) return undefined;
      if ((filled.get(col) ?? afterIndex) !== afterIndex) return undefined;
      const S = COLS + 2 * stride * col;
      const EN = S + stride;
      const size = x.column(col, afterIndex + 1, count, F, FF, E, NB, L, S, EN, R);
      // The same rows for every column read after the same record: one copy for the caller.
      if (rowsAfter === undefined) rows = new Int32Array(buf, R, size).slice();
      rowsAfter = afterIndex;
      filled.set(col, afterIndex);
      const firsts: (Int32Array | undefined)[] = [undefined, undefined];
      return {
        starts: new Int32Array(buf, S, size),
        ends: new Int32Array(buf, EN, size),
        rows: rows!,
        blankRows: x.blankRows.value as number,
        firsts: (all = false) => {
          const i = all ? 1 : 0;
          if (!firsts[i]) {
            new Int32Array(buf, T, cap).fill(0);
            // The whole dictionary of a column in order (references usually are) without hashing
            // every value; else (over FIRSTS_LIMIT values out of order) hashed in the large table.
            const ordered = all && x.firstsAscending(S, EN, size, T, cap - 1, OUT, TA, FIRSTS_LIMIT) === 1;
            if (all && !ordered) {
              new Int32Array(buf, TA, capAll).fill(0);
              x.firsts(S, EN, size, TA, capAll - 1, OUT, size + 1);
            } else if (!all) x.firsts(S, EN, size, T, cap - 1, OUT, FIRSTS_LIMIT);
            firsts[i] = new Int32Array(buf, OUT, size).slice();
          }
          return firsts[i]!;
        },
        numbers: (decimalComma) => {
          x.numbers(S, EN, size, decimalComma ? 1 : 0, INTS, SCALES, ST);
          return {
            status: new Uint8Array(buf, ST, size).slice(),
            ints: new Float64Array(buf, INTS, size).slice(),
            scales: new Uint8Array(buf, SCALES, size).slice(),
          };
        },
      };
    };
    return layout;
  }
}
