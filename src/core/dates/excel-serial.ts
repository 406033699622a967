/**
 * Excel serial numbers <-> engine day numbers.
 *
 * 1900 date system (Windows default): serial 1 = 1900-01-01. Excel copies Lotus 1-2-3 in treating 1900
 * as a leap year, so serial 60 is the fictitious 1900-02-29 and every serial from 61 on is one more
 * than the true day count. Serial 0 is shown by Excel as 1900-01-00.
 * 1904 date system (old Mac default, still found in workbooks): serial 0 = 1904-01-01, with no
 * fictitious day.
 *
 * Excel's own date functions (YEARFRAC, COUP*, DAYS360...) work on serials, so the Excel-exact
 * functions in src/core/excel use `excelCivilFromSerial`, which yields 1900-02-29 for serial 60.
 * The engine (recon, accruals, NAV) uses `dayFromSerial`, which refuses serial 60 because no such
 * day exists.
 */
import { Civil, Day, civilFromDay, dayFromCivil } from "./civil";

export type DateSystem = "1900" | "1904";

/** Day number of 1899-12-30: serial 0 counted the way Excel counts from serial 61 on (one day ahead). */
const DAY_1899_12_30 = dayFromCivil(1899, 12, 30);
const DAY_1904_01_01 = dayFromCivil(1904, 1, 1);
/** Largest serial Excel accepts: 9999-12-31. */
export const MAX_SERIAL_1900 = 2958465;
export const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

export class FictitiousDateError extends Error {
  constructor() {
    super("Excel serial 60 is 1900-02-29, a day that never existed (Excel's Lotus 1-2-3 leap-year bug)");
    this.name = "FictitiousDateError";
  }
}

/** Engine day from an integral Excel serial (time of day, if any, is dropped toward minus infinity). */
export function dayFromSerial(serial: number, system: DateSystem = "1900"): Day {
  const s = Math.floor(serial);
  if (system === "1904") return DAY_1904_01_01 + s;
  if (s === 60) throw new FictitiousDateError();
  // Serials 1..59 are real days of Jan/Feb 1900; from 61 on Excel is one ahead of the real count.
  return s < 60 ? DAY_1899_12_30 + s + 1 : DAY_1899_12_30 + s;
}

/** Excel serial of an engine day. */
export function serialFromDay(day: Day, system: DateSystem = "1900"): number {
  if (system === "1904") return day - DAY_1904_01_01;
  const s = day - DAY_1899_12_30;
  return s < 61 ? s - 1 : s;
}

/**
 * Civil date as Excel shows it for a 1900-system serial, including 1900-02-29 for serial 60 and
 * 1900-01-00 for serial 0. This is what Excel's YEAR/MONTH/DAY return and what its financial
 * functions reason with.
 */
export function excelCivilFromSerial(serial: number): Civil {
  const s = Math.floor(serial);
  if (s === 60) return { y: 1900, m: 2, d: 29 };
  if (s === 0) return { y: 1900, m: 1, d: 0 };
  return civilFromDay(dayFromSerial(s));
}

/** Excel serial (1900 system) for an Excel civil date, accepting the fictitious 1900-02-29. */
export function serialFromExcelCivil(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  return serialFromDay(dayFromCivil(y, m, d));
}
