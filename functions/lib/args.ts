/**
 * Argument coercion and error mapping shared by every custom function (functions/*.ts).
 *
 * Two callers hand us arguments:
 * - Excel: dates arrive as serial numbers (possibly with a time fraction), an omitted optional
 *   argument arrives as null (or undefined), booleans as booleans.
 * - The CLI (`bo fn NAME ARGS...`, via ./registry): numbers and booleans are already parsed, dates
 *   stay text ("2012-01-01"), which we coerce the way Excel coerces date text in a date argument.
 *
 * Every failure is an ExcelError naming the argument, so the CLI can print it and Excel can show it
 * (see toExcel).
 */
import { ExcelError, InputError, valueError } from "../../src/core/errors";
import { isValidCivil, serialFromExcelCivil } from "../../src/core/dates";

/** True when v stands for an omitted argument: Excel passes null/undefined, the CLI "" or null. */
function isOmitted(v: unknown): v is null | undefined | "" {
  return v === null || v === undefined || v === "";
}

/** The argument, or undefined when it was omitted (null, undefined or empty text). */
export function optional<T>(v: T | null | undefined): Exclude<T, ""> | undefined {
  return isOmitted(v) ? undefined : (v as Exclude<T, "">);
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Serial for a civil date if Excel can hold it as a date (1900-01-01..9999-12-31, 1900-02-29 included). */
function serialIfValid(y: number, m: number, d: number): number | undefined {
  if (y < 1900 || y > 9999) return undefined;
  const fictitious = y === 1900 && m === 2 && d === 29;
  if (!fictitious && !isValidCivil(y, m, d)) return undefined;
  return serialFromExcelCivil(y, m, d);
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Time of day Excel would accept after a date; it is dropped, as Excel's date functions truncate. */
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}$`);
const US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);
const DAY_MON_YEAR = new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]{3,9})[- ,]+(\d{4})${TIME}$`);
const MON_DAY_YEAR = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})${TIME}$`);

/**
 * Serial for date text as Excel (en-US) reads it in a date argument: ISO yyyy-mm-dd (also with
 * slashes and an optional time), m/d/yyyy, d-mmm-yyyy, "mmm d, yyyy", or a number written as text.
 * Two-digit years are refused rather than guessed. Returns undefined when the text is not a date.
 */
export function serialFromDateText(text: string): number | undefined {
  const t = text.trim();
  if (NUMERIC.test(t)) return Number(t);
  let m = ISO.exec(t);
  if (m) return serialIfValid(+m[1], +m[2], +m[3]);
  m = US.exec(t);
  if (m) return serialIfValid(+m[3], +m[1], +m[2]);
  m = DAY_MON_YEAR.exec(t);
  if (m) {
    const mon = MONTHS[m[2].toLowerCase()];
    return mon === undefined ? undefined : serialIfValid(+m[3], mon, +m[1]);
  }
  m = MON_DAY_YEAR.exec(t);
  if (m) {
    const mon = MONTHS[m[1].toLowerCase()];
    return mon === undefined ? undefined : serialIfValid(+m[3], mon, +m[2]);
  }
  return undefined;
}

/**
 * Whole-day serial of a date-time serial, as Excel takes it: the time of day is dropped, except that
 * a time within half a second of midnight counts as midnight of the next day (Excel resolves times to
 * the second: DAYS360(45992.000001, 46000.999999) is 9 in Excel, reported in ironcalc/IronCalc#635).
 */
export function wholeDaySerial(serial: number): number {
  return Math.floor(serial + 0.5 / 86400);
}

/**
 * A date argument as an Excel serial (1900 system). A number loses its time of day (wholeDaySerial);
 * date text is parsed as Excel parses it. Range checks (negative serials, past 9999-12-31) are the
 * worksheet function's job, since Excel answers those with #NUM!.
 */
export function argDate(v: unknown, name: string): number {
  if (isOmitted(v)) throw valueError(`argument ${name} is required (a date or serial number)`);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw valueError(`argument ${name} is not a valid date: ${v}`);
    return wholeDaySerial(v);
  }
  if (typeof v === "string") {
    const s = serialFromDateText(v);
    if (s === undefined || !Number.isFinite(s)) throw valueError(`argument ${name} is not a valid date: '${v}'`);
    return wholeDaySerial(s);
  }
  throw valueError(`argument ${name} is not a date: ${describe(v)}`);
}

/** A number argument; numeric text is read as a number (Excel coerces "0.05"); dflt when omitted. */
export function argNumber(v: unknown, name: string, dflt?: number): number {
  if (isOmitted(v)) {
    if (dflt !== undefined) return dflt;
    throw valueError(`argument ${name} is required (a number)`);
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw valueError(`argument ${name} is not a finite number: ${v}`);
    return v;
  }
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  throw valueError(`argument ${name} is not a number: ${describe(v)}`);
}

/** An integer argument, truncated toward zero as Excel truncates basis, frequency and the like. */
export function argInt(v: unknown, name: string, dflt?: number): number {
  return Math.trunc(argNumber(v, name, dflt));
}

/** A logical argument: TRUE/FALSE, a number (non-zero is TRUE, as in Excel) or the text TRUE/FALSE. */
export function argBool(v: unknown, name: string, dflt?: boolean): boolean {
  if (isOmitted(v)) {
    if (dflt !== undefined) return dflt;
    throw valueError(`argument ${name} is required (TRUE or FALSE)`);
  }
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") {
    if (/^\s*true\s*$/i.test(v)) return true;
    if (/^\s*false\s*$/i.test(v)) return false;
  }
  throw valueError(`argument ${name} is not TRUE or FALSE: ${describe(v)}`);
}

/** A text argument; numbers and booleans become their text as Excel shows them (TRUE, 1.5). */
export function argText(v: unknown, name: string, dflt?: string): string {
  if (isOmitted(v)) {
    if (dflt !== undefined) return dflt;
    throw valueError(`argument ${name} is required (text)`);
  }
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  throw valueError(`argument ${name} is not text: ${describe(v)}`);
}

function describe(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return "a range (expected a single value)";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * The custom-functions runtime exists only inside Excel; the CLI and the tests run without it.
 * Declared here (module scope) because its types ship with custom-functions-runtime, which is not
 * among our dependencies.
 */
interface CustomFunctionsRuntime {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: Record<
    | "invalidValue"
    | "notAvailable"
    | "divisionByZero"
    | "invalidNumber"
    | "nullReference"
    | "invalidName"
    | "invalidReference",
    string
  >;
}
declare const CustomFunctions: CustomFunctionsRuntime;

const ERROR_CODE_NAMES: Record<ExcelError["code"], keyof CustomFunctionsRuntime["ErrorCode"]> = {
  "#NUM!": "invalidNumber",
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#DIV/0!": "divisionByZero",
  "#NULL!": "nullReference",
  "#NAME?": "invalidName",
  "#REF!": "invalidReference",
};

/** The CustomFunctions.ErrorCode member name for an Excel error code (exported for tests). */
export function customFunctionsErrorCodeName(code: ExcelError["code"]): string {
  return ERROR_CODE_NAMES[code];
}

/**
 * Runs core code for a custom function. Inside Excel an ExcelError (or an InputError, shown as
 * #VALUE!) is thrown as CustomFunctions.Error so the cell shows the right error and its message;
 * elsewhere the ExcelError propagates unchanged for the CLI to print.
 */
export function toExcel<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (typeof CustomFunctions === "undefined") throw e;
    if (e instanceof ExcelError) {
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode[ERROR_CODE_NAMES[e.code]], e.message);
    }
    if (e instanceof InputError) {
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
    }
    throw e;
  }
}
