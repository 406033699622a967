/**
 * Convention-exact day counts and coupon schedules (ISDA 2006 §4.16, ICMA Rule 251, Strata names)
 * as BO.* custom functions. Excel's own YEARFRAC/COUP* behaviour lives in ./excel.ts; these are
 * the market conventions that Excel does not have.
 *
 * Convention (see ./lib/registry.ts): each exported function is a custom function whose name,
 * upper-cased, is its Excel name. Ids never change once shipped.
 */
import { serialFromDay } from "../src/core/dates";
import { DAY_COUNTS, DayCountContext, dayCountOf } from "../src/core/daycount";
import { generateSchedule } from "../src/core/schedule";
import { argBool, argInt, argText, optional, toExcel } from "./lib/args";
import { calendarArg, dayArg } from "./lib/calendar-args";

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
