/**
 * Argument helpers shared by the custom functions that work on engine days and calendars
 * (functions/daycount.ts, functions/accrual.ts, ...). Kept in lib/ because every export of a
 * functions/*.ts module is registered as a custom function.
 */
import { Calendar, calendarOf, holidayCalendar } from "../../src/core/calendar";
import { Day, FictitiousDateError, dayFromSerial } from "../../src/core/dates";
import { numError, valueError } from "../../src/core/errors";
import { argDate, serialFromDateText } from "./args";

/** A date argument as an engine day: #NUM! before 1900-01-01, #VALUE! for the fictitious 1900-02-29. */
export function dayArg(v: unknown, name: string): Day {
  const serial = argDate(v, name);
  return dayFromSerialChecked(serial, name);
}

export function dayFromSerialChecked(serial: number, what: string): Day {
  if (serial < 1) throw numError(`${what}: serial ${serial} is before 1900-01-01`);
  try {
    return dayFromSerial(serial);
  } catch (e) {
    if (e instanceof FictitiousDateError) throw valueError(`${what}: ${e.message}`);
    throw e;
  }
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * The calendar argument: omitted -> none; a calendar name ("TARGET", "TARGET+WEEKEND") as text or in a
 * single cell; otherwise a range of holiday dates (blank cells ignored), Saturday and Sunday being
 * weekend days. Text in a holiday range is #VALUE! naming its row, since a date typed as text is a
 * common way for a holiday list to be silently wrong.
 */
export function calendarArg(v: unknown): Calendar | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return calendarOf(v);
  if (typeof v === "number") return holidayCalendar([dayFromSerialChecked(Math.trunc(v), "calendar")]);
  if (!Array.isArray(v))
    throw valueError("calendar must be a range of holiday dates or a calendar name such as TARGET");
  const rows = v as unknown[][];
  const cells = rows.flatMap((row, r) => (Array.isArray(row) ? row : [row]).map((cell) => ({ cell, r })));
  const filled = cells.filter(({ cell }) => !isBlank(cell));
  const only = filled.length === 1 ? filled[0].cell : undefined;
  if (typeof only === "string" && serialFromDateText(only) === undefined) return calendarOf(only);
  const holidays: Day[] = [];
  for (const { cell, r } of filled) {
    if (typeof cell === "number" && Number.isFinite(cell)) {
      holidays.push(dayFromSerialChecked(Math.trunc(cell), `calendar row ${r + 1}`));
    } else if (typeof cell === "string") {
      const looksLikeDate = serialFromDateText(cell) !== undefined;
      throw valueError(
        `calendar row ${r + 1}: '${cell}' is text, not a date${looksLikeDate ? " (enter it as a date, not as text)" : ""}`,
      );
    } else {
      throw valueError(`calendar row ${r + 1}: ${String(cell)} is not a date`);
    }
  }
  return holidayCalendar(holidays, { name: `HOLIDAYS(${holidays.length})` });
}

/** The cells of a range argument in row order, with their 1-based row in the range; a single value counts as one cell. */
export function cellsOf(v: unknown): { cell: unknown; row: number }[] {
  const rows = Array.isArray(v) ? (v as unknown[]) : [v];
  return rows.flatMap((r, i) => (Array.isArray(r) ? r : [r]).map((cell) => ({ cell, row: i + 1 })));
}
