/**
 * One side of a reconciliation from a Grid (a sheet, table or CSV file) to the engine's columnar
 * RecordSet (src/core/recon/records.ts).
 *
 * Steps: find the header row (title lines above it are normal) by the side's mapped header texts;
 * find each mapped column (a missing or duplicated header stops this side: nothing can be read
 * reliably without it); then read column by column, with one parser chosen per column before the
 * loop: text and ids normalised (trim, case, equivalence tables) and ids cross-walked to ISINs,
 * sides through the side table, numbers as exact scaled integers (./fast-number.ts), dates as day
 * numbers with the column's format given or inferred from all its text. Exclusion rules run last.
 *
 * A bad cell is an InputError (sheet or file, Excel row or CSV line, header text and column letter,
 * the raw value, what was expected) and a ROW_ERROR problem on its record; every other row loads.
 * Blank cells are not errors here (a blank key is the engine's to report).
 *
 * Speed: the 1M-row benchmark reads ten million cells through here, so the loops are per column,
 * write into typed arrays, reuse one scratch object for numbers and create no closure per cell.
 */
import { type Day, dayFromCivil, isValidCivil } from "../../core/dates/civil";
import {
  DateFormat,
  analyseDateTexts,
  formatFromAnalysis,
  isAmbiguousSlashedDate,
  parseDateText,
} from "../../core/dates/parse";
import { InputError, InputErrorKind, columnLetter } from "../../core/errors";
import type { Crosswalk } from "../../core/ids/crosswalk";
import {
  CASH_DIRECTION_EQUIVALENCES,
  CURRENCY_ALIASES,
  foldedAscii,
  Normaliser,
  SIDE_EQUIVALENCES,
} from "../../core/recon/normalise";
import type { FieldDef, FieldType, NormaliseConfig, SideConfig } from "../../core/recon/profile";
import { fnv1aBytes, KeyTable } from "../../core/recon/key-table";
import { pow10 } from "../../core/recon/scaled";
import {
  BLANK_CODE,
  NO_DAY,
  NumColumn,
  PooledText,
  RecordSet,
  RowProblem,
  TextColumn,
  textAt,
} from "../../core/recon/records";
import { isExcelErrorValue, parseDateCell, parseTextCell } from "../cells";
import type { CellValue, ColumnData, Grid } from "../port";
import { FieldSpec, isDateNumberFormat, locateHeader, normaliseHeader } from "../table";
import {
  BLANK,
  FALLBACK,
  INVALID,
  MAX_SCALE,
  OK,
  Scaled,
  TOO_PRECISE,
  lastDetail,
  lastKind,
  readScaled,
  scanScaledBytes,
} from "./fast-number";

export interface LoadOptions {
  /** The profile's normalisation (trim, case, equivalence tables). */
  normalise?: NormaliseConfig;
  /** Ready-made normalisers per field; win over `normalise` (the task pane reuses compiled ones). */
  normalisers?: Record<string, Normaliser>;
  /** Resolves identifiers to ISINs; without it id fields are only trimmed and case-folded. */
  crosswalk?: Crosswalk;
  /** Fields cross-walked (default: every field of type "id"). */
  crosswalkFields?: string[];
  /** Fields this side must map (the passes' keys and compared fields). */
  requiredFields: string[];
  /** Which built-in table reads side fields: trade BUY/SELL, cash DEBIT/CREDIT, or both (default). */
  sideTable?: "trade" | "cash" | "both";
  /** Keep the cells as written in set.raw (for display); off by default to save memory at 1M rows. */
  keepRaw?: boolean;
}

export interface LoadResult {
  set: RecordSet;
  errors: InputError[];
  /** False when the side could not be read at all (no header, a missing or duplicated mapped column, no data). */
  loaded: boolean;
  /** Excel row (CSV line) of the header; 0 when none was found. */
  headerRow: number;
  /** Blank rows between the header and the last row, skipped. */
  blankRows: number;
}

/** Fields whose sign comes from the side under the "by-side" convention, and the side values that make them negative. */
const BY_SIDE_NEGATIVE: Record<string, ReadonlySet<string>> = {
  quantity: new Set(["SELL"]),
  amount: new Set(["BUY", "DEBIT"]),
};

function emptySet(sideName: "left" | "right", label: string, sheet: string): RecordSet {
  return {
    side: sideName,
    label,
    sheet,
    size: 0,
    rows: new Int32Array(0),
    fields: {},
    text: {},
    num: {},
    date: {},
    problems: new Map(),
    excluded: new Map(),
  };
}

function isBlankCell(v: CellValue | undefined): boolean {
  if (v === null || v === undefined || v === "") return true;
  if (typeof v !== "string") return false;
  const c = v.charCodeAt(0);
  // Only text starting with a space can be all spaces.
  return (c === 32 || c === 9 || c === 0xa0 || c === 0x3000) && v.trim() === "";
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

interface Column {
  field: string;
  type: FieldType;
  col: number;
  header: string;
  letter: string;
}

/** Builds the normaliser of one text-like field from the profile's config and the built-in tables. */
export function fieldNormaliser(
  field: string,
  type: FieldType,
  config: NormaliseConfig | undefined,
  sideTable: "trade" | "cash" | "both",
): Normaliser {
  const own = config?.equivalences?.[field];
  let equivalences: Record<string, string[]> | undefined = own;
  if (type === "side") {
    const builtIn =
      sideTable === "trade"
        ? SIDE_EQUIVALENCES
        : sideTable === "cash"
          ? CASH_DIRECTION_EQUIVALENCES
          : { ...SIDE_EQUIVALENCES, ...CASH_DIRECTION_EQUIVALENCES };
    // The profile's table adds to the built-in one: a custodian's "PURCHASE-FX" joins BUY, BUY stays.
    equivalences = { ...builtIn };
    for (const [canonical, synonyms] of Object.entries(own ?? {}))
      equivalences[canonical] = [...(equivalences[canonical] ?? []), ...synonyms];
  } else if (field === "currency" && own === undefined) {
    equivalences = { ...CURRENCY_ALIASES };
  }
  return new Normaliser({
    name: field,
    trim: config?.trim ?? true,
    case: config?.case ?? "upper",
    equivalences,
    closed: type === "side",
  });
}

/**
 * Reads one side; see the module comment. `fields` are the kind's field definitions (types);
 * a mapped field not among them is read as text.
 */
export function loadRecordSet(
  grid: Grid,
  side: SideConfig,
  sideName: "left" | "right",
  fields: readonly FieldDef[],
  opts: LoadOptions,
): LoadResult {
  const errors: InputError[] = [];
  const sheet = grid.sheet;
  const fail = (): LoadResult => ({
    set: emptySet(sideName, side.label, sheet),
    errors,
    loaded: false,
    headerRow: 0,
    blankRows: 0,
  });
  const typeOf = new Map(fields.map((f) => [f.name, f.type]));
  const labelOf = new Map(fields.map((f) => [f.name, f.label]));
  const mapped = Object.entries(side.mapping).filter(([, h]) => typeof h === "string" && h.trim() !== "");

  for (const req of opts.requiredFields) {
    if (side.mapping[req] === undefined || side.mapping[req].trim() === "") {
      errors.push(
        new InputError(
          "missing-column",
          { sheet },
          `${side.label}: no column is mapped to '${labelOf.get(req) ?? req}', which the profile's passes need; choose its column in the mapping`,
        ),
      );
    }
  }
  if (errors.length > 0) return fail();
  if (grid.values.length === 0) {
    errors.push(
      new InputError("empty", { sheet }, `${side.label}: ${grid.label} is empty: expected a header row and data`),
    );
    return fail();
  }

  // 1. Header row, located by the mapped header texts.
  const specs: FieldSpec[] = mapped.map(([field, header]) => ({
    field,
    label: header,
    aliases: [],
    type: "text",
    required: true,
  }));
  const located = locateHeader(grid, specs);
  if (located instanceof InputError) {
    errors.push(new InputError(located.kind, located.where, `${side.label}: ${located.detail}`));
    return fail();
  }
  const headerIndex = located.index;
  // A CSV read by column numbers rows by the line they start on (a quoted line break makes them jump).
  const headerRow = grid.columns ? grid.columns.lineOf(headerIndex) : located.row;
  const headerCells = grid.values[headerIndex];
  const texts = headerCells.map(cellText);
  const keys = texts.map(normaliseHeader);
  const letter = (c: number) => columnLetter(grid.left + c);
  const found = () =>
    texts
      .map((t, c) => (t === "" ? "" : `${letter(c)} '${t}'`))
      .filter(Boolean)
      .join(", ") || "none";

  // 2. Columns: exact text first, then the normalised header.
  const columns: Column[] = [];
  for (const [field, header] of mapped) {
    const want = header.trim();
    let cols = texts.flatMap((t, c) => (t === want ? [c] : []));
    if (cols.length === 0) {
      const k = normaliseHeader(want);
      cols = keys.flatMap((key, c) => (key !== "" && key === k ? [c] : []));
    }
    if (cols.length === 0) {
      errors.push(
        new InputError(
          "missing-column",
          { sheet, row: headerRow, column: want },
          `${side.label}: the column '${want}' mapped to '${labelOf.get(field) ?? field}' is not in header row ${headerRow} of ${grid.label}; headers found: ${found()}`,
        ),
      );
      continue;
    }
    if (cols.length > 1) {
      errors.push(
        new InputError(
          "duplicate-header",
          { sheet, row: headerRow, column: want, columnLetter: letter(cols[1]) },
          `${side.label}: the header '${want}' (mapped to '${labelOf.get(field) ?? field}') appears in columns ${cols.map(letter).join(" and ")} of header row ${headerRow}; rename one so the right column can be read`,
        ),
      );
      continue;
    }
    columns.push({
      field,
      type: typeOf.get(field) ?? "text",
      col: cols[0],
      header: texts[cols[0]],
      letter: letter(cols[0]),
    });
  }
  if (errors.length > 0) return fail();

  // 3. Data rows: every non-blank row below the header. A CSV file read by column gives only the
  // mapped columns, as ranges of its text (src/io/file/csv-columns.ts); any other grid its rows.
  const values = grid.values;
  let size = 0;
  let blankRows = 0;
  let rows: Int32Array;
  let dataIndex = new Int32Array(0);
  const reader = grid.columns;
  // A CSV read by column: every mapped column's ranges in one pass over the records (one pass per
  // column measured 0.3 s more at 1M rows, each walking the whole layout again).
  const data = reader?.read(
    columns.map((c) => c.col),
    headerIndex,
  );
  if (data) {
    size = data.size;
    blankRows = data.blankRows;
    rows = data.rows;
  } else {
    dataIndex = new Int32Array(Math.max(0, values.length - headerIndex - 1));
    for (let r = headerIndex + 1; r < values.length; r++) {
      const row = values[r];
      let blank = true;
      for (let c = 0; c < row.length; c++) {
        if (!isBlankCell(row[c])) {
          blank = false;
          break;
        }
      }
      if (blank) blankRows++;
      else dataIndex[size++] = r;
    }
    rows = new Int32Array(size);
    for (let k = 0; k < size; k++) rows[k] = grid.top + dataIndex[k];
  }
  if (size === 0) {
    errors.push(
      new InputError(
        "empty",
        { sheet, row: headerRow },
        `${side.label}: ${grid.label} has no data rows below header row ${headerRow}; expected at least one row to reconcile`,
      ),
    );
    return { ...fail(), headerRow, blankRows };
  }

  /** The cells of one mapped column, data row k at k. */
  const cellsOf = (c: Column): Cells => {
    if (data) return columnCells(data, columns.indexOf(c));
    const col = c.col;
    const formats = grid.numberFormats;
    return {
      at: (k) => values[dataIndex[k]][col],
      formatAt: formats ? (k) => formats[dataIndex[k]]?.[col] : undefined,
    };
  };
  const set: RecordSet = {
    side: sideName,
    label: side.label,
    sheet,
    size,
    rows,
    fields: {},
    text: {},
    num: {},
    date: {},
    problems: new Map(),
    excluded: new Map(),
  };
  if (opts.keepRaw) set.raw = {};

  const problem = (k: number, code: RowProblem["code"], message: string) => {
    const list = set.problems.get(k);
    if (list) list.push({ code, message });
    else set.problems.set(k, [{ code, message }]);
  };
  const cellError = (
    k: number,
    c: Column,
    kind: InputErrorKind,
    detail: string,
    raw: CellValue,
    code: RowProblem["code"] = "ROW_ERROR",
  ) => {
    const e = new InputError(kind, { sheet, row: rows[k], column: c.header, columnLetter: c.letter }, detail, raw);
    errors.push(e);
    problem(k, code, e.message);
  };

  const sideTable = opts.sideTable ?? "both";
  const crosswalked = new Set(opts.crosswalkFields ?? columns.filter((c) => c.type === "id").map((c) => c.field));
  // Side fields first: the by-side sign convention needs them when numbers are read.
  const ordered = [...columns].sort((a, b) => Number(b.type === "side") - Number(a.type === "side"));
  for (const c of ordered) {
    set.fields[c.field] = c.type;
    const cells = cellsOf(c);
    if (set.raw) {
      const raw: (string | number | boolean | null)[] = [];
      for (let k = 0; k < size; k++) raw.push(cells.at(k) ?? null);
      set.raw[c.field] = raw;
    }
    switch (c.type) {
      case "number":
        set.num[c.field] = readNumberColumn(c, side, set, cells, size, cellError);
        break;
      case "date":
        set.date[c.field] = readDateColumn(c, side, grid, headerRow, cells, size, errors, cellError);
        break;
      default: {
        const norm = opts.normalisers?.[c.field] ?? fieldNormaliser(c.field, c.type, opts.normalise, sideTable);
        set.text[c.field] = readTextColumn(
          c,
          norm,
          crosswalked.has(c.field) ? opts.crosswalk : undefined,
          cells,
          size,
          errors,
          cellError,
        );
      }
    }
  }

  applyExclusions(side, set, cellsOf, columns, opts, sideTable);
  return { set, errors, loaded: true, headerRow, blankRows };
}

type CellErrorFn = (
  k: number,
  c: Column,
  kind: InputErrorKind,
  detail: string,
  raw: CellValue,
  code?: RowProblem["code"],
) => void;

/** The cells of one mapped column, data row k at index k. */
interface Cells {
  at(k: number): CellValue | undefined;
  /** The cell's number format, where the source has them (xlsx, Office.js). */
  formatAt?: (k: number) => string | undefined;
  /** A CSV column: cell k is the UTF-8 bytes [starts[k], ends[k]) (no special values), read in place by the loops below. */
  ranges?: {
    bytes: Uint8Array;
    starts: Int32Array;
    ends: Int32Array;
    firsts?: (all?: boolean) => Int32Array;
    numbers?: (decimalComma: boolean) => { status: Uint8Array; ints: Float64Array; scales: Uint8Array };
  };
}

function columnCells(data: ColumnData, j: number): Cells {
  const { bytes, decode } = data;
  const starts = data.starts[j];
  const ends = data.ends[j];
  const special = data.special[j];
  if (special.size === 0) {
    const firsts = data.firsts ? (all?: boolean) => data.firsts!(j, all) : undefined;
    const numbers = data.numbers ? (comma: boolean) => data.numbers!(j, comma) : undefined;
    return { at: (k) => decode(starts[k], ends[k]), ranges: { bytes, starts, ends, firsts, numbers } };
  }
  return { at: (k) => special.get(k) ?? decode(starts[k], ends[k]) };
}

/** Values of a text column worth remembering by cell text (accounts, ids, sides, currencies repeat; references do not). */
const TEXT_CACHE_LIMIT = 20_000;

function readTextColumn(
  c: Column,
  norm: Normaliser,
  crosswalk: Crosswalk | undefined,
  cells: Cells,
  size: number,
  errors: InputError[],
  cellError: CellErrorFn,
): TextColumn {
  // Each distinct normalised value gets a code (its index in `values`), so equal values share one
  // string and the engine joins on integers (src/core/recon/records.ts TextColumn).
  const ranges = cells.ranges;
  // A column of mostly distinct plain values (references) read from a CSV file keeps its values as
  // bytes, no string per value (records.ts PooledText). A column that may be kept so is given its
  // whole dictionary (every value remembered), any other the first repeats of its first 20,000 values.
  const poolable = c.type !== "side" && crosswalk === undefined && norm.bytesCase() !== undefined;
  const first = ranges?.firsts?.(poolable);
  if (ranges !== undefined && first !== undefined && poolable) {
    let own = 0;
    for (let k = 0; k < size; k++) if (first[k] === k) own++;
    if (own > TEXT_CACHE_LIMIT) {
      const pooled = pooledText(norm, ranges, first, size);
      if (pooled) return pooled;
    }
  }
  const codes = new Int32Array(size);
  const dict = new KeyTable(Math.min(size, 1024));
  const read = (k: number, v: CellValue | undefined): number =>
    codeOf(dict, readTextCell(k, c, norm, crosswalk, v, cellError));
  const t: TextRead = { cells, size, errors, codes, read };
  if (first !== undefined) readTextFirsts(t, first);
  else if (ranges !== undefined) readTextRanges(t, ranges);
  else {
    // The code a cell text normalises (and cross-walks) to, for texts that gave no error: the same
    // text always gives the same value, so a repeated account or ISIN is read once. Given up once
    // the column proves mostly distinct (references).
    let cache: Map<string, number> | undefined = new Map();
    for (let k = 0; k < size; k++) {
      const v = cells.at(k);
      if (cache !== undefined && typeof v === "string") {
        const hit = cache.get(v);
        if (hit !== undefined) {
          codes[k] = hit;
          continue;
        }
        const before = errors.length;
        const code = read(k, v);
        codes[k] = code;
        if (errors.length === before) {
          cache.set(v, code);
          if (cache.size > TEXT_CACHE_LIMIT) cache = undefined;
        }
        continue;
      }
      codes[k] = read(k, v);
    }
  }
  return { codes, values: dict.keyList };
}

function codeOf(dict: KeyTable, value: string | undefined): number {
  return value === undefined ? BLANK_CODE : dict.id(value);
}

/** A text column being read: its cells, where the codes go, and how a cell is read. */
interface TextRead {
  cells: Cells;
  size: number;
  errors: InputError[];
  codes: Int32Array;
  /** The code of cell k, read from its value (normalised, cross-walked; an error reported). */
  read: (k: number, v: CellValue | undefined) => number;
}

/**
 * readTextColumn for a CSV column: the code of a cell text already seen is found by the cell's
 * range of the file text (hashed and compared in place), so a repeated account, id, side or currency
 * costs neither a string nor a normalisation. Open addressing over a power-of-two table.
 */
function readTextRanges(t: TextRead, ranges: NonNullable<Cells["ranges"]>): void {
  const { cells, size, errors, codes, read } = t;
  const { bytes, starts, ends } = ranges;
  const cap = 1 << 16; // > 2 x TEXT_CACHE_LIMIT: probes stay short
  const mask = cap - 1;
  const keyStart = new Int32Array(cap);
  const keyEnd = new Int32Array(cap).fill(-1);
  const vals = new Int32Array(cap);
  let count = 0;
  let caching = true;
  for (let k = 0; k < size; k++) {
    const s = starts[k];
    const e = ends[k];
    let slot = -1;
    if (caching) {
      slot = fnv1aBytes(bytes, s, e) & mask;
      let found = false;
      for (;;) {
        const ke = keyEnd[slot];
        if (ke < 0) break;
        const ks = keyStart[slot];
        if (ke - ks === e - s) {
          let i = 0;
          const n = e - s;
          while (i < n && bytes[ks + i] === bytes[s + i]) i++;
          if (i === n) {
            found = true;
            break;
          }
        }
        slot = (slot + 1) & mask;
      }
      if (found) {
        codes[k] = vals[slot];
        continue;
      }
    }
    const before = errors.length;
    const code = read(k, cells.at(k));
    codes[k] = code;
    if (caching && errors.length === before) {
      keyStart[slot] = s;
      keyEnd[slot] = e;
      vals[slot] = code;
      if (++count > TEXT_CACHE_LIMIT) caching = false;
    }
  }
}

/**
 * A text column kept as bytes (records.ts PooledText), from the column's dictionary (`first`: each
 * cell's first cell with the same bytes), when every value is one the normaliser gives back
 * unchanged (Normaliser.keepsBytes: printable ASCII, no space, already folded) and none starts with
 * "#" (an Excel error is reported as one): then each value is exactly what readTextCell would give,
 * and no cell has an error to report. Undefined otherwise (the column is read as strings). An empty
 * cell is blank.
 */
function pooledText(
  norm: Normaliser,
  ranges: NonNullable<Cells["ranges"]>,
  first: Int32Array,
  size: number,
): PooledText | undefined {
  const { bytes, starts, ends } = ranges;
  const mode = norm.bytesCase();
  if (mode === undefined) return undefined;
  const codes = new Int32Array(size);
  const at = new Int32Array(size);
  let count = 0;
  let total = 0;
  for (let k = 0; k < size; k++) {
    const s = starts[k];
    const e = ends[k];
    if (s === e) {
      codes[k] = BLANK_CODE;
      continue;
    }
    const f = first[k];
    if (f !== k) {
      codes[k] = codes[f];
      continue;
    }
    if (bytes[s] === 35 || !foldedAscii(bytes, s, e, mode)) return undefined;
    codes[k] = count;
    at[count++] = k;
    total += e - s;
  }
  const pool = new Uint8Array(total);
  const offsets = new Int32Array(count + 1);
  let o = 0;
  for (let c = 0; c < count; c++) {
    offsets[c] = o;
    const k = at[c];
    for (let i = starts[k], e = ends[k]; i < e; i++) pool[o++] = bytes[i];
  }
  offsets[count] = o;
  return new PooledText(codes, { bytes: pool, offsets });
}

/**
 * readTextRanges when the reader has found each cell's first occurrence (the same bytes earlier in
 * the column: csv-scan.wat `firsts`): a repeat takes its first's code, unless reading the first gave
 * an error, which each repeat then reports on its own row.
 */
function readTextFirsts(t: TextRead, first: Int32Array): void {
  const { cells, size, errors, codes, read } = t;
  let failed: Uint8Array | undefined;
  for (let k = 0; k < size; k++) {
    const f = first[k];
    if (f !== k && (failed === undefined || failed[f] === 0)) {
      codes[k] = codes[f];
      continue;
    }
    const before = errors.length;
    codes[k] = read(k, cells.at(k));
    if (f === k && errors.length !== before) (failed ??= new Uint8Array(size))[k] = 1;
  }
}

function readTextCell(
  k: number,
  c: Column,
  norm: Normaliser,
  crosswalk: Crosswalk | undefined,
  v: CellValue | undefined,
  cellError: CellErrorFn,
): string | undefined {
  let t: string;
  if (typeof v === "string") {
    if (isBlankCell(v)) return undefined;
    t = v;
  } else {
    if (v === null || v === undefined) return undefined;
    const r = parseTextCell(v);
    if (!r.ok) return undefined;
    t = r.value;
  }
  const isSide = c.type === "side";
  if (t.charCodeAt(0) === 35 && isExcelErrorValue(t.trim())) {
    cellError(
      k,
      c,
      "excel-error",
      `the cell holds the Excel error ${t.trim()}; expected ${isSide ? "a side" : "text"}`,
      v,
    );
    return undefined;
  }
  let value = norm.apply(t);
  if (value === "") return undefined;
  if (isSide && !norm.isKnown(t)) {
    cellError(k, c, "invalid", norm.unknown(t).message, v);
    return value;
  }
  if (crosswalk !== undefined) {
    const res = crosswalk.resolve(value);
    if (res.valid && res.isin !== undefined) value = res.isin;
    else
      cellError(
        k,
        c,
        "invalid",
        `identifier '${value}' cannot be used: ${res.reason ?? "not recognised"}`,
        v,
        "INVALID_ID",
      );
  }
  return value;
}

function readNumberColumn(
  c: Column,
  side: SideConfig,
  set: RecordSet,
  cells: Cells,
  size: number,
  cellError: CellErrorFn,
): NumColumn {
  const scratch: Scaled = { int: 0, scale: 0 };
  const decimalComma = side.decimalComma === true;
  const ranges = cells.ranges;
  // The reader's own pass where it has one (csv-scan.wat: scanScaledBytes for every cell at once).
  const scanned = ranges?.numbers?.(decimalComma);
  const ints = scanned ? scanned.ints : new Float64Array(size);
  const scales = scanned ? scanned.scales : new Uint8Array(size);
  let maxScale = 0;
  for (let k = 0; k < size; k++) {
    let st = FALLBACK;
    // A CSV cell is read in place; a string is made only for what the fast path leaves to parseNumberCell.
    if (scanned !== undefined) {
      st = scanned.status[k];
      if (st === OK) {
        if (scales[k] > maxScale) maxScale = scales[k];
        continue;
      }
    } else if (ranges !== undefined)
      st = scanScaledBytes(ranges.bytes, decimalComma, scratch, ranges.starts[k], ranges.ends[k]);
    const v = st === FALLBACK ? cells.at(k) : undefined;
    if (st === FALLBACK) st = readScaled(v, decimalComma, scratch);
    if (st === OK) {
      ints[k] = scratch.int;
      scales[k] = scratch.scale;
      if (scratch.scale > maxScale) maxScale = scratch.scale;
      continue;
    }
    ints[k] = NaN;
    if (st === BLANK) continue;
    if (st === INVALID) cellError(k, c, lastKind, lastDetail, v as CellValue);
    else if (st === TOO_PRECISE) {
      const raw = cells.at(k) as CellValue;
      cellError(
        k,
        c,
        "not-a-number",
        `${String(raw)} cannot be held exactly: at most 15 significant digits and ${MAX_SCALE} decimals`,
        raw,
      );
    }
  }
  // One scale per column (the most decimals seen): every value becomes an integer count of 10^-scale.
  for (let k = 0; k < size; k++) {
    const s = scales[k];
    if (s === maxScale || Number.isNaN(ints[k])) continue;
    const x = ints[k] * pow10(maxScale - s);
    if (Number.isSafeInteger(x)) ints[k] = x;
    else {
      ints[k] = NaN;
      const v = cells.at(k) as CellValue;
      cellError(
        k,
        c,
        "not-a-number",
        `${String(v)} cannot be held exactly at this column's ${maxScale} decimals (more than 15 significant digits)`,
        v,
      );
    }
  }
  const bySide = side.signConvention === "by-side" ? BY_SIDE_NEGATIVE[c.field] : undefined;
  if (bySide !== undefined) {
    const sides = set.text.side;
    for (let k = 0; k < size; k++) {
      const x = ints[k];
      if (Number.isNaN(x)) continue;
      const s = sides === undefined ? undefined : textAt(sides, k);
      if (s === undefined) {
        cellError(
          k,
          c,
          "invalid",
          `this side gives ${c.field} without a sign (sign convention "by-side") but the row has no side to sign it by`,
          cells.at(k) as CellValue,
        );
        ints[k] = NaN;
        continue;
      }
      const abs = Math.abs(x);
      ints[k] = bySide.has(s) && abs !== 0 ? -abs : abs;
    }
  }
  if (side.negate?.includes(c.field)) for (let k = 0; k < size; k++) if (ints[k] !== 0) ints[k] = -ints[k];
  return { scale: maxScale, ints };
}

function readDateColumn(
  c: Column,
  side: SideConfig,
  grid: Grid,
  headerRow: number,
  cells: Cells,
  size: number,
  errors: InputError[],
  cellError: CellErrorFn,
): Int32Array {
  const out = new Int32Array(size).fill(NO_DAY);
  let format: DateFormat | undefined = side.dateFormats?.[c.field];
  if (format === undefined) {
    const order = inferColumnOrder(cells, size);
    if (order.kind === "order") format = order.format;
    else if (order.kind !== "none") {
      errors.push(
        new InputError(
          "not-a-date",
          { sheet: grid.sheet, row: headerRow, column: c.header, columnLetter: c.letter },
          order.kind === "ambiguous"
            ? `the dates in this column (e.g. '${order.example}') read as day/month and as month/day, and no date in it tells which; they are left blank: set the column's date format (dd/mm/yyyy or mm/dd/yyyy) in the profile`
            : `this column mixes day/month ('${order.ddmm}') and month/day ('${order.mmdd}') dates; dates that could be either are left blank: set the column's date format in the profile`,
        ),
      );
    }
  }
  const slashedFormat = format === "dd/mm/yyyy" || format === "mm/dd/yyyy";
  const formatAt = cells.formatAt;
  const ranges = cells.ranges;
  const dateFormatCache = new Map<string, boolean>();
  const opts = { format, dateSystem: grid.dateSystem, isDateFormatted: undefined as boolean | undefined };
  for (let k = 0; k < size; k++) {
    if (ranges !== undefined) {
      // A CSV cell in one of the common exact shapes is read in place (no string made).
      const day = fastDay(ranges.bytes, ranges.starts[k], ranges.ends[k], format);
      if (day !== NO_DAY) {
        out[k] = day;
        continue;
      }
    }
    const v = cells.at(k);
    if (typeof v === "string") {
      if (isBlankCell(v)) continue;
      let day: Day | undefined = parseDateText(v, format);
      // A column of slashed dates may also hold self-describing ones (2026-10-30, 30-Oct-2026).
      if (day === undefined && slashedFormat) day = parseDateText(v);
      if (day !== undefined) {
        out[k] = day;
        continue;
      }
      // Order unknown: the column error above covers the dates that could be either.
      if (format === undefined && isAmbiguousSlashedDate(v)) continue;
    } else if (v === null || v === undefined) continue;
    else if (typeof v === "number" && formatAt !== undefined) {
      const f = formatAt(k);
      let isDate = f === undefined ? undefined : dateFormatCache.get(f);
      if (f !== undefined && isDate === undefined) {
        isDate = isDateNumberFormat(f);
        dateFormatCache.set(f, isDate);
      }
      opts.isDateFormatted = isDate;
    } else opts.isDateFormatted = undefined;
    const res = parseDateCell(v, opts);
    if (res.ok) out[k] = res.value;
    else if (res.kind !== "blank") cellError(k, c, res.kind, res.detail, v);
  }
  return out;
}

function digit2(b8: Uint8Array, i: number): number {
  const a = b8[i] - 48;
  const b = b8[i + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The day of text[s, e) when it is exactly yyyy-mm-dd (read so whatever the column's format, as
 * parseDateText does: a slashed column may hold ISO dates), or exactly dd/mm/yyyy or mm/dd/yyyy in a
 * column of that format, and a valid date; NO_DAY for anything else, which the caller then reads
 * with parseDateText (so the two cannot disagree: this only answers where parseDateText's answer
 * is the same valid date; test/unit/csv-columns.test.ts checks it against parseDateText).
 */
export function fastDay(text: Uint8Array, s: number, e: number, format: DateFormat | undefined): number {
  if (e - s !== 10) return NO_DAY;
  let y: number;
  let m: number;
  let d: number;
  if (text[s + 4] === 45 && text[s + 7] === 45) {
    if (format !== undefined && format !== "iso" && format !== "dd/mm/yyyy" && format !== "mm/dd/yyyy") return NO_DAY;
    const y1 = digit2(text, s);
    const y2 = digit2(text, s + 2);
    m = digit2(text, s + 5);
    d = digit2(text, s + 8);
    if (y1 < 0 || y2 < 0 || m < 0 || d < 0) return NO_DAY;
    y = y1 * 100 + y2;
  } else if (text[s + 2] === 47 && text[s + 5] === 47) {
    if (format !== "dd/mm/yyyy" && format !== "mm/dd/yyyy") return NO_DAY;
    const a = digit2(text, s);
    const b = digit2(text, s + 3);
    const y1 = digit2(text, s + 6);
    const y2 = digit2(text, s + 8);
    if (a < 0 || b < 0 || y1 < 0 || y2 < 0) return NO_DAY;
    y = y1 * 100 + y2;
    d = format === "dd/mm/yyyy" ? a : b;
    m = format === "dd/mm/yyyy" ? b : a;
  } else return NO_DAY;
  return isValidCivil(y, m, d) ? dayFromCivil(y, m, d) : NO_DAY;
}

/**
 * Only dates starting with a 1- or 2-digit part and a separator (30/10/2026, 10.30.26, 30-Oct-2026)
 * can need an order; a year-first date (2026-10-30) or yyyymmdd never does, so an ISO column is not
 * analysed at all.
 */
function mayBeDayFirst(v: string): boolean {
  let i = 0;
  while (i < v.length && v.charCodeAt(i) === 32) i++;
  const c1 = v.charCodeAt(i + 1);
  const c2 = v.charCodeAt(i + 2);
  const sep = (c: number) => c === 47 || c === 46 || c === 45 || c === 32;
  return sep(c1) || (sep(c2) && c1 >= 48 && c1 <= 57);
}

/** Four digits and '-' at 4 and 7, ten characters: mayBeDayFirst is false for it (its second and third characters are digits). */
function isIsoShape(text: Uint8Array, s: number, e: number): boolean {
  return e - s === 10 && text[s + 4] === 45 && text[s + 7] === 45 && digit2(text, s) >= 0 && digit2(text, s + 2) >= 0;
}

type ColumnOrder =
  | { kind: "none" }
  | { kind: "order"; format: DateFormat }
  | { kind: "ambiguous"; example: string }
  | { kind: "mixed"; ddmm: string; mmdd: string };

/**
 * The slashed-date order of a column from its text cells. Stops at the first block of samples that
 * proves an order (a day above 12), so a million-row column is usually decided in its first rows;
 * a later cell that only reads the other way then fails as a bad cell, it is never guessed.
 */
function inferColumnOrder(cells: Cells, size: number): ColumnOrder {
  const BLOCK = 2048;
  let ddmm: string | undefined;
  let mmdd: string | undefined;
  let slashed = 0;
  let example = "";
  const samples: string[] = [];
  const ranges = cells.ranges;
  for (let start = 0; start < size; start += BLOCK) {
    samples.length = 0;
    const end = Math.min(size, start + BLOCK);
    for (let k = start; k < end; k++) {
      // An exact yyyy-mm-dd CSV cell never needs an order: not made into a string to find that out.
      if (ranges !== undefined && isIsoShape(ranges.bytes, ranges.starts[k], ranges.ends[k])) continue;
      const v = cells.at(k);
      if (typeof v === "string" && mayBeDayFirst(v)) samples.push(v);
    }
    if (samples.length === 0) continue;
    const a = analyseDateTexts(samples);
    slashed += a.slashed;
    if (a.slashed > 0 && example === "") example = samples.find((s) => isAmbiguousSlashedDate(s)) ?? "";
    ddmm ??= a.ddmmEvidence;
    mmdd ??= a.mmddEvidence;
    if (ddmm !== undefined && mmdd !== undefined) return { kind: "mixed", ddmm, mmdd };
    if (ddmm !== undefined || mmdd !== undefined) {
      const f = formatFromAnalysis({ ...a, slashed: 1, ddmmEvidence: ddmm, mmddEvidence: mmdd });
      if (typeof f === "string") return { kind: "order", format: f };
    }
  }
  if (slashed === 0) return { kind: "none" };
  return { kind: "ambiguous", example };
}

function applyExclusions(
  side: SideConfig,
  set: RecordSet,
  cellsOf: (c: Column) => Cells,
  columns: Column[],
  opts: LoadOptions,
  sideTable: "trade" | "cash" | "both",
): void {
  for (const rule of side.exclude ?? []) {
    const c = columns.find((x) => x.field === rule.field);
    if (!c) continue;
    const text = set.text[rule.field];
    if (text !== undefined) {
      const norm = opts.normalisers?.[c.field] ?? fieldNormaliser(c.field, c.type, opts.normalise, sideTable);
      const wanted = new Set(rule.equals.map((e) => norm.apply(e)));
      for (let k = 0; k < set.size; k++) {
        const t = textAt(text, k);
        if (t !== undefined && wanted.has(t) && !set.excluded.has(k)) set.excluded.set(k, rule.reason);
      }
    } else {
      const wanted = new Set(rule.equals.map((e) => e.trim()));
      const cells = cellsOf(c);
      for (let k = 0; k < set.size; k++) {
        if (set.excluded.has(k)) continue;
        if (wanted.has(cellText(cells.at(k)))) set.excluded.set(k, rule.reason);
      }
    }
  }
}
