/**
 * From a Grid (a block of cells as Excel or a file gives it) to typed records.
 *
 * Three steps, each usable on its own so that the task pane can show and correct what was found:
 * 1. `locateHeader`: which row is the header (title lines and blank rows above it are normal).
 * 2. `mapColumns`:   which column holds each field, by header text and aliases, with user
 *                    overrides; missing, ambiguous, duplicate and blank headers are reported.
 * 3. `readRecords`:  one record per non-blank data row, each cell parsed by its field's type.
 *                    A bad cell is an InputError on its record (sheet, Excel row, header, column
 *                    letter, raw value, what was expected) and leaves that field undefined;
 *                    the record is kept so the caller can report it, and the run goes on.
 *
 * Rows are always reported as the Excel row number the user sees (grid.top + index), columns as
 * the header text and the Excel column letter (grid.left + index).
 */
import type { Day } from "../core/dates/civil";
import { DateFormat, analyseDateTexts, formatFromAnalysis, parseDateText } from "../core/dates/parse";
import { CellLocation, InputError, columnLetter } from "../core/errors";
import type { Decimal } from "../core/money/decimal";
import {
  CellError,
  CellResult,
  DateCellOptions,
  NumberOptions,
  TextOptions,
  parseBoolCell,
  parseDateCell,
  parseNumberCell,
  parseTextCell,
} from "./cells";
import type { CellValue, Grid } from "./port";

export type FieldType = "text" | "number" | "date" | "bool";

export interface FieldSpec {
  /** Key of the value in each record, e.g. "settleDate". */
  field: string;
  /** What the user calls it, e.g. "Settlement Date" (used in messages and as a header match). */
  label: string;
  /** Other header texts that mean this field ("Settle Dt", "Value Date"). Compared after normaliseHeader. */
  aliases: string[];
  type: FieldType;
  required: boolean;
  /** Date text format for this column; without it numbers are serials and text is inferred per column. */
  dateFormat?: DateFormat;
  /** Number text uses a decimal comma (1.234,50). */
  decimalComma?: boolean;
  /** Number column holds percentage points (5 means 5%). */
  percent?: boolean;
  /** Text column is upper-cased (codes, sides, currencies). */
  upper?: boolean;
}

export type RecordValue = Decimal | Day | string | boolean | undefined;

export interface ParsedRecord {
  /** Excel row number the user sees. */
  row: number;
  values: Record<string, RecordValue>;
  errors: InputError[];
}

/** "Settle Dt." -> "settledt": lower case, letters and digits only (any script). */
export function normaliseHeader(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function isBlankCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "" || (typeof v === "string" && v.trim() === "");
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

/** Normalised names a field answers to: its field key, label and aliases. */
function namesOf(spec: FieldSpec): Set<string> {
  const names = new Set<string>();
  for (const n of [spec.field, spec.label, ...spec.aliases]) {
    const k = normaliseHeader(n);
    if (k !== "") names.add(k);
  }
  return names;
}

export interface HeaderLocation {
  /** Excel row number of the header row. */
  row: number;
  /** Index of the header row in grid.values. */
  index: number;
  /** How many fields the header row matched. */
  matched: number;
}

/**
 * The header row: among the first maxScan rows, the one whose cells match the most fields
 * (by label or alias); on a tie, the topmost. An InputError (kind "no-header", or "empty" for an
 * empty sheet) if no row matches any field.
 */
export function locateHeader(grid: Grid, specs: readonly FieldSpec[], maxScan = 30): HeaderLocation | InputError {
  const names = specs.map(namesOf);
  let best = -1;
  let bestCount = 0;
  let anyValue = false;
  const last = Math.min(grid.values.length, maxScan);
  for (let r = 0; r < last; r++) {
    const row = grid.values[r];
    const seen = new Set<string>();
    for (const v of row) {
      if (isBlankCell(v)) continue;
      anyValue = true;
      if (typeof v === "string") seen.add(normaliseHeader(v));
    }
    let count = 0;
    for (const n of names) {
      for (const k of n) {
        if (seen.has(k)) {
          count++;
          break;
        }
      }
    }
    if (count > bestCount) {
      bestCount = count;
      best = r;
    }
  }
  if (best < 0) {
    if (!anyValue && grid.values.length <= maxScan) {
      return new InputError("empty", { sheet: grid.sheet }, `${grid.label} is empty: expected a header row and data`);
    }
    const wanted = specs
      .slice(0, 6)
      .map((s) => `'${s.label}'`)
      .join(", ");
    return new InputError(
      "no-header",
      { sheet: grid.sheet },
      `no header row found in the first ${last} rows of ${grid.label}: expected column headers such as ${wanted}`,
    );
  }
  return { row: grid.top + best, index: best, matched: bestCount };
}

export interface ColumnMapping {
  /** Field -> column index within the grid's rows (0 = the grid's first column). */
  mapping: Record<string, number>;
  errors: InputError[];
  /** Header texts of columns that no field uses (to offer in a mapping picker). */
  unmapped: string[];
}

/**
 * Which column holds each field. `overrides` (field -> header text as written) come from the user
 * and win over aliases. A field is never mapped by guessing: if two columns match it, it is left
 * out and reported as ambiguous so that the user chooses.
 */
export function mapColumns(
  grid: Grid,
  headerIndex: number,
  specs: readonly FieldSpec[],
  overrides?: Record<string, string>,
): ColumnMapping {
  const header = grid.values[headerIndex] ?? [];
  const headerRow = grid.top + headerIndex;
  const width = usedWidth(grid, headerIndex);
  const texts: string[] = [];
  const keys: string[] = [];
  for (let c = 0; c < width; c++) {
    texts.push(cellText(header[c]));
    keys.push(normaliseHeader(texts[c]));
  }
  const letter = (c: number) => columnLetter(grid.left + c);
  const describeCol = (c: number) => `'${texts[c]}' (${letter(c)})`;
  const headersFound = () =>
    texts
      .map((t, c) => (t === "" ? "" : `${letter(c)} '${t}'`))
      .filter(Boolean)
      .join(", ") || "none";
  const at = (c?: number): CellLocation =>
    c === undefined
      ? { sheet: grid.sheet, row: headerRow }
      : { sheet: grid.sheet, row: headerRow, column: texts[c] || undefined, columnLetter: letter(c) };

  const errors: InputError[] = [];
  const mapping: Record<string, number> = {};

  // Duplicate header texts.
  const byKey = new Map<string, number[]>();
  keys.forEach((k, c) => {
    if (k === "") return;
    const list = byKey.get(k);
    if (list) list.push(c);
    else byKey.set(k, [c]);
  });
  const duplicated = new Set<string>();
  for (const [k, cols] of byKey) {
    if (cols.length < 2) continue;
    duplicated.add(k);
    errors.push(
      new InputError(
        "duplicate-header",
        at(cols[1]),
        `the header '${texts[cols[0]]}' appears in ${cols.length} columns (${cols.map(letter).join(", ")}) of header row ${headerRow}; rename all but one so that each column can be told apart`,
      ),
    );
  }

  // Blank header cells over data (merged header cells arrive as a value then "").
  for (let c = 0; c < width; c++) {
    if (keys[c] !== "") continue;
    let hasData = false;
    for (let r = headerIndex + 1; r < grid.values.length && !hasData; r++) hasData = !isBlankCell(grid.values[r][c]);
    if (!hasData) continue;
    const prev = c > 0 && texts[c - 1] !== "" ? ` (next to '${texts[c - 1]}': a merged header cell?)` : "";
    errors.push(
      new InputError(
        "blank",
        at(c),
        `column ${letter(c)} has data but no header in header row ${headerRow}${prev}; give it its own header`,
      ),
    );
  }

  for (const spec of specs) {
    const override = overrides?.[spec.field];
    if (override !== undefined) {
      const want = override.trim();
      let cols = texts.flatMap((t, c) => (t === want ? [c] : []));
      if (cols.length === 0) cols = keys.flatMap((k, c) => (k !== "" && k === normaliseHeader(want) ? [c] : []));
      if (cols.length === 1) mapping[spec.field] = cols[0];
      else if (cols.length === 0) {
        errors.push(
          new InputError(
            "missing-column",
            at(),
            `the column '${want}' chosen for '${spec.label}' is not in header row ${headerRow} of ${grid.label}; headers found: ${headersFound()}`,
          ),
        );
      } else {
        errors.push(
          new InputError(
            "ambiguous-column",
            at(cols[1]),
            `the column '${want}' chosen for '${spec.label}' appears more than once: ${cols.map(describeCol).join(" and ")}`,
          ),
        );
      }
      continue;
    }
    const names = namesOf(spec);
    const cols: number[] = [];
    for (let c = 0; c < width; c++) if (keys[c] !== "" && names.has(keys[c])) cols.push(c);
    if (cols.length === 1) {
      mapping[spec.field] = cols[0];
    } else if (cols.length > 1) {
      const sameText = cols.every((c) => keys[c] === keys[cols[0]]);
      // A repeated header is already reported as a duplicate; say which field it blocks only once.
      if (!(sameText && duplicated.has(keys[cols[0]]))) {
        errors.push(
          new InputError(
            "ambiguous-column",
            at(cols[1]),
            `'${spec.label}' matches more than one column: ${cols.map(describeCol).join(" and ")}; choose one in the column mapping`,
          ),
        );
      }
    } else if (spec.required) {
      const lookedFor = [spec.label, ...spec.aliases].map((n) => `'${n}'`).join(", ");
      errors.push(
        new InputError(
          "missing-column",
          at(),
          `no column for '${spec.label}' (required) in header row ${headerRow}: looked for ${lookedFor}; headers found: ${headersFound()}`,
        ),
      );
    }
  }

  // One column serving two fields would make them silently equal: report and drop both (unless the user chose it).
  const fieldsByCol = new Map<number, string[]>();
  for (const [f, c] of Object.entries(mapping)) {
    const list = fieldsByCol.get(c);
    if (list) list.push(f);
    else fieldsByCol.set(c, [f]);
  }
  for (const [c, fields] of fieldsByCol) {
    if (fields.length < 2) continue;
    const guessed = fields.filter((f) => overrides?.[f] === undefined);
    if (guessed.length === 0) continue;
    const labels = fields.map((f) => `'${specs.find((s) => s.field === f)!.label}'`).join(" and ");
    errors.push(
      new InputError(
        "ambiguous-column",
        at(c),
        `column ${describeCol(c)} matches both ${labels}; choose the right column for each in the column mapping`,
      ),
    );
    for (const f of guessed) delete mapping[f];
  }

  const used = new Set(Object.values(mapping));
  const unmapped = texts.filter((t, c) => t !== "" && !used.has(c));
  return { mapping, errors, unmapped };
}

/** Columns in use: up to the last non-blank header cell or data cell. */
function usedWidth(grid: Grid, headerIndex: number): number {
  let width = 0;
  for (let r = headerIndex; r < grid.values.length; r++) {
    const row = grid.values[r];
    for (let c = row.length - 1; c >= width; c--) {
      if (!isBlankCell(row[c])) {
        width = c + 1;
        break;
      }
    }
  }
  return width;
}

// ---------------------------------------------------------------------------------------------

/** What to do with one mapped column, decided once per column before the row loop. */
interface ColumnPlan {
  field: string;
  col: number;
  type: FieldType;
  required: boolean;
  where: CellLocation;
  label: string;
  numberOpts: NumberOptions;
  textOpts: TextOptions;
  dateOpts: DateCellOptions;
  /** Date text columns read without an explicit format: the slashed order inferred from the column. */
  inferredOrder?: DateFormat;
  /** The column mixes dd/mm and mm/dd: its slashed dates cannot be read. */
  mixedOrders?: { ddmm: string; mmdd: string };
}

/** True for an Excel number format that shows a date (d, y, or m not part of a time). */
export function isDateNumberFormat(format: string | undefined): boolean {
  if (format === undefined || format === "" || format === "General" || format === "@") return false;
  // Quoted text, escaped characters and [colour]/[$-locale] sections carry no date codes.
  const f = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").toLowerCase();
  if (/[dy]/.test(f)) return true;
  return /m/.test(f) && !/[hs]/.test(f);
}

export interface ReadResult {
  records: ParsedRecord[];
  /** Rows between the header and the end in which every cell is blank (skipped). */
  blankRows: number;
  /** Column-level problems found while reading (e.g. a date column mixing dd/mm and mm/dd). */
  errors: InputError[];
}

/** Typed records from the rows below the header; see the module comment. */
export function readRecords(
  grid: Grid,
  headerIndex: number,
  mapping: Record<string, number>,
  specs: readonly FieldSpec[],
): ReadResult {
  const header = grid.values[headerIndex] ?? [];
  const errors: InputError[] = [];
  const plans: ColumnPlan[] = [];
  for (const spec of specs) {
    const col = mapping[spec.field];
    if (col === undefined) continue;
    const plan: ColumnPlan = {
      field: spec.field,
      col,
      type: spec.type,
      required: spec.required,
      label: spec.label,
      where: {
        sheet: grid.sheet,
        column: cellText(header[col]) || spec.label,
        columnLetter: columnLetter(grid.left + col),
      },
      numberOpts: { decimalComma: spec.decimalComma, percent: spec.percent },
      textOpts: { trim: true, upper: spec.upper },
      dateOpts: { format: spec.dateFormat, dateSystem: grid.dateSystem },
    };
    if (spec.type === "date" && spec.dateFormat === undefined) planDateColumn(grid, headerIndex, plan, errors);
    plans.push(plan);
  }

  const formats = grid.numberFormats;
  const dateFormatCache = new Map<string, boolean>();
  const records: ParsedRecord[] = [];
  let blankRows = 0;
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const row = grid.values[r];
    let blank = true;
    for (let c = 0; c < row.length; c++) {
      if (!isBlankCell(row[c])) {
        blank = false;
        break;
      }
    }
    if (blank) {
      blankRows++;
      continue;
    }
    const excelRow = grid.top + r;
    const values: Record<string, RecordValue> = {};
    const rowErrors: InputError[] = [];
    for (const p of plans) {
      const raw = row[p.col] ?? null;
      let result: CellResult<RecordValue>;
      switch (p.type) {
        case "number":
          result = parseNumberCell(raw, p.numberOpts);
          break;
        case "text":
          result = parseTextCell(raw, p.textOpts);
          break;
        case "bool":
          result = parseBoolCell(raw);
          break;
        case "date": {
          if (typeof raw === "number" && formats !== undefined) {
            const fmt = formats[r]?.[p.col];
            let isDate = fmt === undefined ? undefined : dateFormatCache.get(fmt);
            if (fmt !== undefined && isDate === undefined) {
              isDate = isDateNumberFormat(fmt);
              dateFormatCache.set(fmt, isDate);
            }
            p.dateOpts.isDateFormatted = isDate;
          } else p.dateOpts.isDateFormatted = undefined;
          result = readDateCell(raw, p);
          break;
        }
      }
      if (result.ok) {
        values[p.field] = result.value;
        continue;
      }
      values[p.field] = undefined;
      if (result.kind === "blank" && !p.required) continue;
      const where: CellLocation = {
        sheet: p.where.sheet,
        row: excelRow,
        column: p.where.column,
        columnLetter: p.where.columnLetter,
      };
      const detail = result.kind === "blank" ? `'${p.label}' is required but the cell is blank` : result.detail;
      rowErrors.push(new InputError(result.kind, where, detail, raw));
    }
    records.push({ row: excelRow, values, errors: rowErrors });
  }
  return { records, blankRows, errors };
}

/** Infers the slashed-date order of a date column from all its text cells (once, before the rows). */
function planDateColumn(grid: Grid, headerIndex: number, plan: ColumnPlan, errors: InputError[]): void {
  const samples: string[] = [];
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const v = grid.values[r][plan.col];
    if (typeof v === "string" && v.trim() !== "") samples.push(v);
  }
  if (samples.length === 0) return;
  const analysis = analyseDateTexts(samples);
  const inferred = formatFromAnalysis(analysis);
  if (inferred === "dd/mm/yyyy" || inferred === "mm/dd/yyyy") plan.inferredOrder = inferred;
  if (analysis.ddmmEvidence !== undefined && analysis.mmddEvidence !== undefined) {
    plan.mixedOrders = { ddmm: analysis.ddmmEvidence, mmdd: analysis.mmddEvidence };
    errors.push(
      new InputError(
        "not-a-date",
        {
          sheet: grid.sheet,
          row: grid.top + headerIndex,
          column: plan.where.column,
          columnLetter: plan.where.columnLetter,
        },
        `the column mixes day/month and month/day dates ('${analysis.ddmmEvidence}' can only be day/month, '${analysis.mmddEvidence}' only month/day); set the column's date format`,
      ),
    );
  }
}

function readDateCell(raw: CellValue, p: ColumnPlan): CellResult<Day> {
  if (typeof raw !== "string" || p.dateOpts.format !== undefined) return parseDateCell(raw, p.dateOpts);
  if (p.mixedOrders !== undefined && isSlashed(raw)) {
    return mixedOrderError(raw, p.mixedOrders);
  }
  const r = parseDateCell(raw, p.dateOpts);
  if (r.ok || p.inferredOrder === undefined || r.kind !== "not-a-date") return r;
  // Slashed dates the text alone cannot order, read in the order the rest of the column proves.
  const day = parseDateText(raw, p.inferredOrder);
  return day !== undefined ? { ok: true, value: day } : r;
}

function isSlashed(t: string): boolean {
  return parseDateText(t, "dd/mm/yyyy") !== undefined || parseDateText(t, "mm/dd/yyyy") !== undefined;
}

function mixedOrderError(raw: string, m: { ddmm: string; mmdd: string }): CellError {
  return {
    ok: false,
    kind: "not-a-date",
    detail: `cannot read '${raw.trim()}': this column mixes day/month ('${m.ddmm}') and month/day ('${m.mmdd}') dates; set the column's date format`,
  };
}
