/**
 * Excel's own calendar for its financial worksheet functions.
 *
 * Excel reasons with 1900-system serials in which 1900 is a leap year (serial 60 is the fictitious
 * 1900-02-29, inherited from Lotus 1-2-3). Its YEARFRAC, DAYS360 and COUP* functions therefore treat
 * 1900-02-29 as the last day of February 1900 and 1900-02-28 as an ordinary day, and count actual days
 * as differences of serials (which include the fictitious day). Everything in src/core/excel works on
 * that calendar so that results agree with Excel's even for dates in early 1900.
 */
import { Civil, isLeapYear } from "../dates/civil";
import { MAX_SERIAL_1900, excelCivilFromSerial, serialFromExcelCivil } from "../dates/excel-serial";
import { numError } from "../errors";

export type { Civil };

/** Leap year as Excel's 1900 date system has it: the Gregorian rule, plus 1900. */
export function excelIsLeapYear(y: number): boolean {
  return y === 1900 || isLeapYear(y);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function excelDaysInMonth(y: number, m: number): number {
  return m === 2 && excelIsLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function civil(serial: number): Civil {
  return excelCivilFromSerial(serial);
}

export function serialOf(y: number, m: number, d: number): number {
  return serialFromExcelCivil(y, m, d);
}

export function isLastDayOfMonth(c: Civil): boolean {
  return c.d === excelDaysInMonth(c.y, c.m);
}

/**
 * A date argument of an Excel financial function: reduced to a whole day as Excel does (the time is
 * dropped, but a time within half a second of midnight counts as the next midnight, because Excel
 * resolves times to the second; DAYS360(45992.000001, 46000.999999) = 9 in Excel, ironcalc/IronCalc#635),
 * and #NUM! outside Excel's date range (before serial 0, after 9999-12-31), as Excel answers.
 */
export function dateArg(serial: number, name: string): number {
  if (!Number.isFinite(serial)) throw numError(`${name} is not a valid date`);
  const s = Math.floor(serial + 0.5 / 86400);
  if (s < 0 || s > MAX_SERIAL_1900)
    throw numError(`${name} (${serial}) is outside Excel's date range 0..${MAX_SERIAL_1900}`);
  return s;
}

/** Basis 0..4 after truncation, else #NUM! (Excel: "If basis < 0 or if basis > 4, ... #NUM!"). */
export function basisArg(basis: number): Basis {
  const b = Math.trunc(basis);
  if (!(b >= 0 && b <= 4)) throw numError(`basis must be 0, 1, 2, 3 or 4 (got ${basis})`);
  return b as Basis;
}

/** Coupon frequency 1, 2 or 4 after truncation, else #NUM! (Excel's documented rule). */
export function frequencyArg(frequency: number): Frequency {
  const f = Math.trunc(frequency);
  if (f !== 1 && f !== 2 && f !== 4) throw numError(`frequency must be 1, 2 or 4 (got ${frequency})`);
  return f;
}

/** Excel's day-count bases: 0 US (NASD) 30/360, 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360. */
export type Basis = 0 | 1 | 2 | 3 | 4;
export type Frequency = 1 | 2 | 4;
