/**
 * Dates as integer day numbers.
 *
 * The engine's date type is `Day`: the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar (1970-01-01 = 0). It is an integer, so there is no time zone, no DST and no time of day
 * to corrupt it. JavaScript `Date` is never used for arithmetic; conversions use Howard Hinnant's
 * civil-from-days / days-from-civil algorithms (public domain, http://howardhinnant.github.io/date_algorithms.html).
 *
 * Excel serial numbers are converted at the boundary (see ./excel-serial.ts).
 */

/** Days since 1970-01-01 (proleptic Gregorian). Always an integer. */
export type Day = number;

export interface Civil {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1];
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

export function isValidCivil(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Day number from a civil date. The caller guarantees validity (see isValidCivil). */
export function dayFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date from a day number. */
export function civilFromDay(day: Day): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** ISO weekday: Monday = 1 ... Sunday = 7. */
export function isoWeekday(day: Day): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: Day): boolean {
  return isoWeekday(day) >= 6;
}

export function isLastDayOfMonth(day: Day): boolean {
  const c = civilFromDay(day);
  return c.d === daysInMonth(c.y, c.m);
}

/** Add months, clamping the day to the end of the target month (2024-01-31 + 1M = 2024-02-29). */
export function addMonths(day: Day, months: number): Day {
  const c = civilFromDay(day);
  const total = c.y * 12 + (c.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(c.d, daysInMonth(y, m)));
}

export function endOfMonth(day: Day): Day {
  const c = civilFromDay(day);
  return dayFromCivil(c.y, c.m, daysInMonth(c.y, c.m));
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + (s.length >= w ? s : "0".repeat(w - s.length) + s);
}

/** ISO 8601 calendar date, e.g. 2026-10-30. */
export function formatIso(day: Day): string {
  const c = civilFromDay(day);
  return `${pad(c.y, 4)}-${pad(c.m, 2)}-${pad(c.d, 2)}`;
}

/** Strict ISO yyyy-mm-dd (the only format the engine accepts without being told otherwise). */
export function parseIso(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  return isValidCivil(y, mo, d) ? dayFromCivil(y, mo, d) : undefined;
}
