/**
 * Convention-exact day counts and coupon schedules (ISDA 2006 §4.16, ICMA Rule 251, Strata names)
 * as BO.* custom functions. Excel's own YEARFRAC/COUP* behaviour lives in ./excel.ts; these are
 * the market conventions that Excel does not have.
 *
 * Convention (see ./lib/registry.ts): each exported function is a custom function whose name,
 * upper-cased, is its Excel name. Ids never change once shipped.
 */
import { Calendar, calendarOf, holidayCalendar } from "../src/core/calendar";
import { Day, FictitiousDateError, dayFromSerial, serialFromDay } from "../src/core/dates";
import { DAY_COUNTS, DayCountContext, dayCountOf } from "../src/core/daycount";
import { numError, valueError } from "../src/core/errors";
import { generateSchedule } from "../src/core/schedule";
import { argBool, argDate, argInt, argText, optional, serialFromDateText, toExcel } from "./lib/args";

/** A date argument as an engine day: #NUM! before 1900-01-01, #VALUE! for the fictitious 1900-02-29. */
function dayArg(v: unknown, name: string): Day {
  const serial = argDate(v, name);
  return dayFromSerialChecked(serial, name);
}

function dayFromSerialChecked(serial: number, what: string): Day {
  if (serial < 1) throw numError(`${what}: serial ${serial} is before 1900-01-01`);
  try {
    return dayFromSerial(serial);
  } catch (e) {
    if (e instanceof FictitiousDateError) throw valueError(`${what}: ${e.message}`);
    throw e;
  }
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * The calendar argument: omitted -> none; a calendar name ("TARGET", "TARGET+WEEKEND") as text or in a
 * single cell; otherwise a range of holiday dates (blank cells ignored), Saturday and Sunday being
 * weekend days. Text in a holiday range is #VALUE! naming its row, since a date typed as text is a
 * common way for a holiday list to be silently wrong.
 */
function calendarArg(v: unknown): Calendar | undefined {
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

/**
 * Year fraction between two dates in a market day count convention (ISDA 2006 §4.16, ICMA Rule 251), named as in OpenGamma Strata.
 * @customfunction DAYCOUNT
 * @param {number} start Start date.
 * @param {number} end End date (before start gives a negative fraction).
 * @param {string} convention Day count convention, e.g. "ACT/360", "ACT/ACT ICMA", "30E/360 ISDA", "BUS/252"; aliases such as "Actual/365 (Fixed)" or "Bond Basis" are accepted (BO.DAYCOUNTS lists the conventions).
 * @param {number} [maturity] Maturity date: needed by 30E/360 ISDA, and by ACT/ACT ICMA and ACT/365L to place the coupon dates (rolled back from maturity, end-of-month rule on).
 * @param {number} [frequency] Coupons a year (1, 2, 4 or 12): needed by ACT/ACT ICMA and ACT/365L.
 * @param {any[][]} [calendar] Holiday dates (a range) or a calendar name such as "TARGET": needed by BUS/252.
 * @returns {number} The year fraction.
 */
export function daycount(
  start: number,
  end: number,
  convention: string,
  maturity?: number,
  frequency?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of dates or a name: Excel passes either
  calendar?: any[][],
): number {
  return toExcel(() => {
    const dc = dayCountOf(argText(convention, "convention"));
    const ctx: DayCountContext = {};
    if (optional(maturity) !== undefined) ctx.maturity = dayArg(maturity, "maturity");
    if (optional(frequency) !== undefined) ctx.frequency = argInt(frequency, "frequency");
    const cal = calendarArg(calendar);
    if (cal) ctx.calendar = cal;
    return dc.yearFraction(dayArg(start, "start"), dayArg(end, "end"), ctx);
  });
}

/**
 * The day count conventions BO.DAYCOUNT accepts: canonical name and rule, one row each.
 * @customfunction DAYCOUNTS
 * @returns {string[][]} Rows of convention name and its rule.
 */
export function daycounts(): string[][] {
  return toExcel(() => DAY_COUNTS.map((dc) => [dc.name, dc.rule]));
}

/**
 * Coupon schedule of a fixed-coupon bond, rolled back from maturity: a header row, then one row per period with start, end, payment date and year fraction (plus the ex-coupon date when ex_days is given).
 * @customfunction COUPONS
 * @param {number} settlement_or_issue First accrual date: the issue date (an odd first period is a short stub), or a settlement date (the first row is then the accrual from settlement to the next coupon).
 * @param {number} maturity Maturity date.
 * @param {number} frequency Coupons a year: 1, 2, 4 or 12.
 * @param {string} convention Day count convention for the year fractions, e.g. "ACT/ACT ICMA" or "30/360".
 * @param {number} [first_coupon] Explicit first coupon date (the first period runs from settlement_or_issue to it).
 * @param {boolean} [eom] End-of-month rule: TRUE (default) keeps coupons on month ends when maturity is a month end.
 * @param {number} [ex_days] Ex-coupon period in business days before each payment date; adds an ex-coupon date column.
 * @param {any[][]} [calendar] Holiday dates (a range) or a calendar name such as "TARGET", for payment dates (following), ex-coupon days and BUS/252. Default: weekends only.
 * @returns {any[][]} Header row, then start, end, payment date (as dates) and year fraction per period.
 */
export function coupons(
  settlement_or_issue: number,
  maturity: number,
  frequency: number,
  convention: string,
  first_coupon?: number,
  eom?: boolean,
  ex_days?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of dates or a name: Excel passes either
  calendar?: any[][],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- text header row above numeric rows
): any[][] {
  return toExcel(() => {
    const dayCount = dayCountOf(argText(convention, "convention"));
    const exDays = optional(ex_days) === undefined ? undefined : argInt(ex_days, "ex_days");
    const periods = generateSchedule({
      start: dayArg(settlement_or_issue, "settlement_or_issue"),
      maturity: dayArg(maturity, "maturity"),
      frequency: argInt(frequency, "frequency"),
      firstCoupon: optional(first_coupon) === undefined ? undefined : dayArg(first_coupon, "first_coupon"),
      eom: argBool(eom, "eom", true),
      exCouponDays: exDays,
      calendar: calendarArg(calendar),
      dayCount,
    });
    const header = ["Start", "End", "Payment date", "Year fraction"];
    if (exDays !== undefined) header.push("Ex-coupon date");
    const out: (string | number)[][] = [header];
    for (const p of periods) {
      const row: (string | number)[] = [
        serialFromDay(p.start),
        serialFromDay(p.end),
        serialFromDay(p.paymentDate),
        p.yearFraction as number,
      ];
      if (p.exDate !== undefined) row.push(serialFromDay(p.exDate));
      out.push(row);
    }
    return out;
  });
}
