/**
 * One cell at a time, from what Excel or a file hands over (`CellValue`) to an engine value.
 *
 * Every parser returns a result instead of throwing, so that a run over a million rows reports
 * each bad cell and goes on. Results are plain objects: `{ ok: true, value }` or
 * `{ ok: false, kind, detail }`, where `detail` says what was expected and what was found, in
 * words a fund accountant can act on. `toInputError` adds the sheet, row and column.
 *
 * Speed matters (the readers feed 1M-row files through here): numbers take a fast path, plain
 * digit strings are checked by a character scan rather than a regex, and no closure is created
 * per cell. Shared error results for blank cells are frozen constants.
 */
import { Day, dayFromCivil, isValidCivil } from "../core/dates/civil";
import { DateSystem, MAX_SERIAL_1900, MAX_SERIAL_1904, dayFromSerial } from "../core/dates/excel-serial";
import { DATE_FORMAT_EXAMPLE, DateFormat, isAmbiguousSlashedDate, parseDateText } from "../core/dates/parse";
import { CellLocation, InputError, InputErrorKind } from "../core/errors";
import { Decimal } from "../core/money/decimal";
import { isCurrencyCode } from "../core/money/currencies";
import type { CellValue } from "./port";

export interface CellError {
  ok: false;
  kind: InputErrorKind;
  detail: string;
}
export type CellResult<T> = { ok: true; value: T } | CellError;

const BLANK: CellError = Object.freeze({ ok: false, kind: "blank", detail: "the cell is blank" }) as CellError;

function fail(kind: InputErrorKind, detail: string): CellError {
  return { ok: false, kind, detail };
}

/** The raw value as it would appear in a message: quoted text (shortened), numbers and booleans as Excel shows them. */
export function describeRaw(v: CellValue): string {
  if (v === null) return "a blank cell";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  const s = v.length > 60 ? `${v.slice(0, 57)}...` : v;
  return `'${s}'`;
}

/**
 * Excel's error values as Range.values gives them (Office.js ErrorCellValueType: the classic
 * seven, the dynamic-array and data-type errors, and the newer #EXTERNAL!, #PYTHON!, #TIMEOUT!).
 */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set([
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NUM!",
  "#NAME?",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
  "#TIMEOUT!",
]);

/**
 * True for an Excel error value. Also true for the "#N/A <reason>" strings that market-data
 * add-ins write into cells ("#N/A N/A", "#N/A Invalid Security"): they mean the same thing.
 */
export function isExcelErrorValue(v: CellValue): boolean {
  if (typeof v !== "string" || v.length < 4) return false;
  const s = v.charCodeAt(0) === 35 ? v : v.trim();
  if (s.charCodeAt(0) !== 35 /* # */) return false;
  return EXCEL_ERROR_VALUES.has(s) || s.startsWith("#N/A ");
}

function excelErrorResult(s: string, expected: string): CellError {
  return fail("excel-error", `the cell holds the Excel error ${s}; expected ${expected}`);
}

// ---------------------------------------------------------------------------------------------
// Numbers

export interface NumberOptions {
  /** Text uses ',' as the decimal separator and '.', spaces or apostrophes to group thousands (1.234,50). */
  decimalComma?: boolean;
  /**
   * Values are percentage points: 5 (number or text) means 5% = 0.05. Text written with a '%'
   * sign is divided by 100 whether or not this is set ("5%" is always 0.05), never twice.
   */
  percent?: boolean;
}

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

/**
 * Excel keeps 15 significant digits; a double carries binary noise past them
 * (=0.1+0.2 is 0.30000000000000004 in Range.values, shown as 0.3). Reading the number at 15
 * significant digits gives the value the user sees and typed, which is what a reconciliation
 * must compare. Safe integers are exact and skip the conversion.
 */
function decimalFromNumber(v: number): Decimal {
  // toPrecision(15) costs little next to decimal.js's own parsing (measured: a few percent).
  return Number.isSafeInteger(v) ? new Decimal(v) : new Decimal(v.toPrecision(15));
}

/** Number from a cell: see the module comment and `NumberOptions`. */
export function parseNumberCell(v: CellValue, opts?: NumberOptions): CellResult<Decimal> {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return fail("not-a-number", `expected a number, found ${String(v)}`);
    const d = decimalFromNumber(v);
    return { ok: true, value: opts?.percent ? d.div(HUNDRED) : d };
  }
  if (typeof v === "string") return parseNumberText(v, opts?.decimalComma === true, opts?.percent === true);
  if (v === null || v === undefined) return BLANK;
  if (typeof v === "boolean")
    return fail("not-a-number", `expected a number, found the logical value ${v ? "TRUE" : "FALSE"}`);
  return fail("not-a-number", `expected a number, found ${typeof v}`);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Plain "-123" / "123.45" (or "123,45" with a decimal comma): the common case, no regex. */
function isPlainNumber(s: string, decimalChar: number): boolean {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === s.length) return true;
  if (s.charCodeAt(i) !== decimalChar) return false;
  i++;
  const fracStart = i;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  return i === s.length && i > fracStart;
}

const CURRENCY_SYMBOLS = "$€£¥₹₩₽₺₪₫₦₱฿₴₡₲₵₭₮₸₼₾¢₣";

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009 || c === 0x2007;
}

/** Length of a currency marker at the start of s ("$", "USD", "US$", "HK$"), or 0. */
function currencyPrefixLength(s: string): number {
  if (CURRENCY_SYMBOLS.includes(s[0])) return 1;
  let n = 0;
  while (n < s.length && n < 3 && isLetter(s.charCodeAt(n))) n++;
  if (n === 0) return 0;
  if (s[n] === "$" && n <= 2) return n + 1; // US$, A$, HK$, NZ$, R$
  if (n === 3 && !isLetter(s.charCodeAt(3)) && isCurrencyCode(s.slice(0, 3))) return 3;
  return 0;
}

/** Length of a currency marker at the end of s ("€", "CHF"), or 0. */
function currencySuffixLength(s: string): number {
  const last = s.length - 1;
  if (CURRENCY_SYMBOLS.includes(s[last])) return 1;
  if (
    s.length >= 3 &&
    isLetter(s.charCodeAt(last)) &&
    isLetter(s.charCodeAt(last - 1)) &&
    isLetter(s.charCodeAt(last - 2))
  ) {
    if (s.length > 3 && isLetter(s.charCodeAt(last - 3))) return 0;
    return isCurrencyCode(s.slice(last - 2)) ? 3 : 0;
  }
  return 0;
}

function parseNumberText(raw: string, decimalComma: boolean, percentPoints: boolean): CellResult<Decimal> {
  const t = raw.trim();
  if (t === "") return BLANK;
  const decimalChar = decimalComma ? 44 : 46;
  if (isPlainNumber(t, decimalChar)) {
    const d = new Decimal(decimalComma ? t.replace(",", ".") : t);
    return { ok: true, value: percentPoints ? d.div(HUNDRED) : d };
  }
  if (t.charCodeAt(0) === 35 && isExcelErrorValue(t)) return excelErrorResult(t, "a number");
  return parseFormattedNumber(raw, t, decimalComma, percentPoints);
}

/**
 * Peels signs, parentheses, currency markers and a percent sign off both ends (in any order),
 * then reads the digits with their thousands and decimal separators.
 */
function parseFormattedNumber(
  raw: string,
  t: string,
  decimalComma: boolean,
  percentPoints: boolean,
): CellResult<Decimal> {
  let s = t;
  let negative = false;
  let signs = 0;
  let percentSign = false;
  for (let changed = true; changed && s.length > 0;) {
    changed = false;
    const first = s[0];
    const last = s[s.length - 1];
    if (first === "(" && last === ")") {
      negative = true;
      signs++;
      s = s.slice(1, -1).trim();
      changed = true;
    } else if (first === "-" || first === "+" || first === "\u2212") {
      if (first !== "+") negative = true;
      signs++;
      s = s.slice(1).trim();
      changed = true;
    } else if (last === "-" || last === "\u2212") {
      negative = true;
      signs++;
      s = s.slice(0, -1).trim();
      changed = true;
    } else if (last === "%" && !percentSign) {
      percentSign = true;
      s = s.slice(0, -1).trim();
      changed = true;
    } else {
      const p = currencyPrefixLength(s);
      if (p > 0) {
        s = s.slice(p).trim();
        changed = true;
      } else {
        const q = currencySuffixLength(s);
        if (q > 0) {
          s = s.slice(0, -q).trim();
          changed = true;
        }
      }
    }
  }
  if (s.length === 0) {
    // Excel's Accounting format shows zero as a dash ("$ -"), and a CSV saved from Excel keeps it.
    if (signs === 1 && negative && !percentSign && t.includes("-") && !t.includes("("))
      return { ok: true, value: ZERO };
    return fail("not-a-number", `expected a number, found ${describeRaw(raw)}`);
  }
  if (signs > 1)
    return fail(
      "not-a-number",
      `expected a number, found ${describeRaw(raw)}: it has more than one sign (minus, parentheses or trailing minus)`,
    );

  const digits = readDigits(s, decimalComma);
  if (typeof digits !== "string") {
    return digits === BAD_GROUPING
      ? fail(
          "not-a-number",
          decimalComma
            ? `expected a number with ',' as the decimal separator, found ${describeRaw(raw)}`
            : `expected a number, found ${describeRaw(raw)}: its ',' or '.' is not where a thousands separator or decimal point can be (if ',' is the decimal separator, set the decimal-comma option)`,
        )
      : fail("not-a-number", `expected a number, found ${describeRaw(raw)}`);
  }
  let d = new Decimal(digits);
  if (negative && !d.isZero()) d = d.neg();
  if (percentSign || percentPoints) d = d.div(HUNDRED);
  return { ok: true, value: d };
}

const BAD_GROUPING = 1;
const NOT_DIGITS = 2;

/**
 * Canonical numeric text ("1234.5", "1.5e3") from the core of a formatted number, or a failure
 * code. Thousands groups must be well formed: Western (1,234,567) or Indian (12,34,567); this is
 * what stops "1,5" (a decimal comma read in the wrong locale) from silently becoming 15.
 */
function readDigits(s: string, decimalComma: boolean): string | typeof BAD_GROUPING | typeof NOT_DIGITS {
  const decimalChar = decimalComma ? 44 : 46;
  const groupChar = decimalComma ? 46 : 44;
  // Exponent: only on an ungrouped mantissa ("1.5E3", "2e-4").
  let exp = "";
  let e = s.indexOf("e");
  if (e < 0) e = s.indexOf("E");
  let mantissa = s;
  if (e >= 0) {
    const ex = s.slice(e + 1);
    let j = ex[0] === "+" || ex[0] === "-" ? 1 : 0;
    if (j === ex.length) return NOT_DIGITS;
    for (; j < ex.length; j++) if (!isDigitCode(ex.charCodeAt(j))) return NOT_DIGITS;
    mantissa = s.slice(0, e);
    if (!isPlainUnsigned(mantissa, decimalChar)) return NOT_DIGITS;
    exp = "e" + ex;
  }
  let intPart = "";
  let frac = "";
  const groups: number[] = [];
  let run = 0;
  let sepKind = 0; // 1 = group char, 2 = apostrophe, 3 = space
  let i = 0;
  for (; i < mantissa.length; i++) {
    const c = mantissa.charCodeAt(i);
    if (isDigitCode(c)) {
      run++;
      continue;
    }
    if (c === decimalChar) break;
    const kind = c === groupChar ? 1 : c === 39 || c === 0x2019 ? 2 : isSpaceCode(c) ? 3 : 0;
    if (kind === 0) return NOT_DIGITS;
    if (run === 0) return BAD_GROUPING;
    if (sepKind !== 0 && sepKind !== kind) return BAD_GROUPING;
    sepKind = kind;
    groups.push(run);
    run = 0;
  }
  if (groups.length > 0) {
    if (run !== 3) return BAD_GROUPING;
    groups.push(run);
    if (!wellGrouped(groups)) return BAD_GROUPING;
    for (let k = 0; k < i; k++) {
      const c = mantissa.charCodeAt(k);
      if (isDigitCode(c)) intPart += mantissa[k];
    }
  } else {
    intPart = mantissa.slice(0, i);
  }
  if (i < mantissa.length) {
    // after the decimal separator: digits only
    for (let k = i + 1; k < mantissa.length; k++) {
      const c = mantissa.charCodeAt(k);
      if (!isDigitCode(c)) return c === groupChar || c === decimalChar ? BAD_GROUPING : NOT_DIGITS;
    }
    frac = mantissa.slice(i + 1);
  }
  if (intPart === "" && frac === "") return NOT_DIGITS;
  return (intPart === "" ? "0" : intPart) + (frac === "" ? "" : "." + frac) + exp;
}

function isPlainUnsigned(s: string, decimalChar: number): boolean {
  let i = 0;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  if (i === 0) return false;
  if (i === s.length) return true;
  if (s.charCodeAt(i) !== decimalChar) return false;
  i++;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  return i === s.length;
}

/** Western groups (1-3 digits, then 3s) or Indian (1-2, then 2s, then a final 3). */
function wellGrouped(groups: number[]): boolean {
  const n = groups.length;
  if (groups[0] < 1 || groups[0] > 3) return false;
  let western = true;
  for (let k = 1; k < n; k++) if (groups[k] !== 3) western = false;
  if (western) return true;
  if (groups[0] > 2) return false;
  for (let k = 1; k < n - 1; k++) if (groups[k] !== 2) return false;
  return groups[n - 1] === 3;
}

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateCellOptions {
  /** How date text is written; without it only unambiguous text is read (see core/dates/parse). */
  format?: DateFormat;
  dateSystem: DateSystem;
  /** The cell's number format is a date format (from Grid.numberFormats), if known. */
  isDateFormatted?: boolean;
}

const MIN_YYYYMMDD = 10000101;
const MAX_YYYYMMDD = 99991231;

function dayFromCompactNumber(v: number): Day | undefined {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  return isValidCivil(y, m, d) ? dayFromCivil(y, m, d) : undefined;
}

/**
 * Date from a cell. Numbers are Excel serials in the grid's date system (time of day dropped),
 * except that an 8-digit whole number such as 20261030 in a cell that is not date-formatted is
 * read as yyyymmdd (it is far beyond the last serial, 2958465, so it cannot be one). Text is read
 * with the given format, or unambiguous text only.
 */
export function parseDateCell(v: CellValue, opts: DateCellOptions): CellResult<Day> {
  if (typeof v === "number") return dateFromNumber(v, opts);
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return BLANK;
    if (t.charCodeAt(0) === 35 && isExcelErrorValue(t)) return excelErrorResult(t, "a date");
    const day = parseDateText(t, opts.format);
    if (day !== undefined) return { ok: true, value: day };
    return fail("not-a-date", dateTextDetail(v, t, opts.format));
  }
  if (v === null || v === undefined) return BLANK;
  if (typeof v === "boolean")
    return fail("not-a-date", `expected a date, found the logical value ${v ? "TRUE" : "FALSE"}`);
  return fail("not-a-date", `expected a date, found ${typeof v}`);
}

function dateFromNumber(v: number, opts: DateCellOptions): CellResult<Day> {
  if (!Number.isFinite(v)) return fail("not-a-date", `expected a date, found ${String(v)}`);
  if (opts.isDateFormatted !== true && Number.isInteger(v) && v >= MIN_YYYYMMDD && v <= MAX_YYYYMMDD) {
    const day = dayFromCompactNumber(v);
    if (day !== undefined) return { ok: true, value: day };
    if (opts.format === "yyyymmdd")
      return fail("not-a-date", `expected a date as yyyymmdd (e.g. 20261030), found ${v}: not a valid day`);
  } else if (opts.format === "yyyymmdd" && opts.isDateFormatted !== true && Number.isInteger(v) && v >= 0) {
    return fail("not-a-date", `expected a date as yyyymmdd (e.g. 20261030), found the number ${v}`);
  }
  const serial = Math.floor(v);
  const max = opts.dateSystem === "1904" ? MAX_SERIAL_1904 : MAX_SERIAL_1900;
  const min = opts.dateSystem === "1904" ? 0 : 1;
  if (serial < min || serial > max) {
    return fail(
      "not-a-date",
      `expected a date, found the number ${v}, which is outside Excel's dates (serials ${min} to ${max} in the ${opts.dateSystem} date system)`,
    );
  }
  if (serial === 60 && opts.dateSystem === "1900") {
    return fail(
      "not-a-date",
      "the cell holds Excel serial 60, shown as 1900-02-29, a day that never existed (Excel's 1900 leap-year bug); enter the intended date",
    );
  }
  return { ok: true, value: dayFromSerial(serial, opts.dateSystem) };
}

function dateTextDetail(raw: string, t: string, format: DateFormat | undefined): string {
  if (format !== undefined)
    return `expected a date as ${format} (e.g. ${DATE_FORMAT_EXAMPLE[format]}), found ${describeRaw(raw)}`;
  if (isAmbiguousSlashedDate(t)) {
    return `${describeRaw(raw)} could be day/month or month/day; set the column's date format (dd/mm/yyyy or mm/dd/yyyy)`;
  }
  return `expected a date (e.g. 2026-10-30, 30-Oct-2026, 20261030, or 30/10/2026 with the column's date format set), found ${describeRaw(raw)}`;
}

// ---------------------------------------------------------------------------------------------
// Text and booleans

export interface TextOptions {
  /** Remove leading and trailing spaces, including non-breaking ones (default true: stray spaces are a classic false break). */
  trim?: boolean;
  /** Upper-case the text (for codes: currencies, sides, identifiers). */
  upper?: boolean;
}

/**
 * Text from a cell. Numbers become the text Excel shows in a General cell (account 12345 stays
 * "12345", 0.1+0.2 becomes "0.3"); booleans become TRUE / FALSE. Whitespace-only is blank.
 */
export function parseTextCell(v: CellValue, opts?: TextOptions): CellResult<string> {
  if (typeof v === "string") {
    const trimmed = v.trim();
    if (trimmed === "") return BLANK;
    const t = opts?.trim === false ? v : trimmed;
    if (t.charCodeAt(0) === 35 && isExcelErrorValue(t)) return excelErrorResult(t, "text");
    return { ok: true, value: opts?.upper ? t.toUpperCase() : t };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return fail("invalid", `expected text, found ${String(v)}`);
    return { ok: true, value: Number.isSafeInteger(v) ? String(v) : decimalFromNumber(v).toString() };
  }
  if (typeof v === "boolean") return { ok: true, value: v ? "TRUE" : "FALSE" };
  return BLANK;
}

const TRUE_WORDS = new Set(["true", "yes", "y", "t", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "f", "0"]);

/** TRUE/FALSE from a logical cell, 1/0, or the words true/false, yes/no, y/n, t/f (any case). */
export function parseBoolCell(v: CellValue): CellResult<boolean> {
  if (typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "number") {
    if (v === 1) return { ok: true, value: true };
    if (v === 0) return { ok: true, value: false };
    return fail("invalid", `expected TRUE or FALSE (or 1/0), found the number ${v}`);
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return BLANK;
    if (t.charCodeAt(0) === 35 && isExcelErrorValue(t)) return excelErrorResult(t, "TRUE or FALSE");
    const w = t.toLowerCase();
    if (TRUE_WORDS.has(w)) return { ok: true, value: true };
    if (FALSE_WORDS.has(w)) return { ok: true, value: false };
    return fail("invalid", `expected TRUE or FALSE (or yes/no, y/n, 1/0), found ${describeRaw(v)}`);
  }
  return BLANK;
}

/** The InputError for a failed cell result, with where it is and the raw value. */
export function toInputError(result: CellError, where: CellLocation, raw: CellValue): InputError {
  return new InputError(result.kind, where, result.detail, raw);
}
