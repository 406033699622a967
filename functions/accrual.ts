/**
 * Accrued interest custom functions (BO.ACCRUED, BO.DEPOSITINTEREST, BO.COMPOUNDED): thin wrappers
 * over src/core/accrual. Rules and decisions: docs/accruals.md.
 *
 * Convention (see ./lib/registry.ts): every export is a custom function whose name, upper-cased, is
 * its Excel name; helpers stay unexported. Ids never change once shipped.
 *
 * Amounts are computed in Decimal and handed to Excel unrounded (a double); round in the sheet
 * (ROUND(..., 2)) where the currency's minor unit is wanted.
 */
import { bondAccrued, compoundedInArrears, depositInterest } from "../src/core/accrual";
import { Day, formatIso } from "../src/core/dates";
import { dayCountOf } from "../src/core/daycount";
import { numError, valueError } from "../src/core/errors";
import { Decimal } from "../src/core/money";
import { argBool, argInt, argNumber, argText, optional, toExcel } from "./lib/args";
import { calendarArg, cellsOf, dayArg, isBlank } from "./lib/calendar-args";

/** Frequencies a bond's coupons come in (the schedule also knows 3 and 6; the worksheet offers Excel's and monthly). */
const BOND_FREQUENCIES = [1, 2, 4, 12];

function frequencyArg(v: unknown): number {
  const f = argInt(v, "frequency");
  if (!BOND_FREQUENCIES.includes(f)) throw numError(`frequency must be 1, 2, 4 or 12 coupons a year, not ${f}`);
  return f;
}

/** A rate argument as a Decimal built from the value Excel shows (0.05, not 0.05000000000000000277). */
function decimalArg(v: unknown, name: string, dflt?: number): Decimal {
  return new Decimal(argNumber(v, name, dflt));
}

/**
 * Accrued interest of a fixed-coupon bond at settlement, per the face amount: coupon periods rolled back from maturity, measured in the day count convention; negative inside the ex-coupon period; zero on a coupon date.
 * @customfunction ACCRUED
 * @param {number} settlement Settlement date.
 * @param {number} maturity Maturity date.
 * @param {number} rate Annual coupon rate (0.08 for 8%).
 * @param {number} frequency Coupons a year: 1, 2, 4 or 12.
 * @param {string} convention Day count convention, e.g. "ACT/ACT ICMA" (government bonds), "30U/360" (US corporates), "30E/360" (eurobonds), "ACT/365F".
 * @param {number} [face] Face amount the accrued interest is for (default 100).
 * @param {number} [issue] Issue (interest commencement) date: needed when settlement may be in an odd first period.
 * @param {number} [first_coupon] First coupon date: with issue, the first period runs from issue to it (a short or long stub, split into notional periods for ACT/ACT ICMA).
 * @param {number} [ex_coupon_days] Ex-coupon period: settlement on or after the payment date minus this many business days trades ex coupon (UK gilts: 6, since the record date 7 business days before the coupon still settles cum).
 * @param {any[][]} [calendar] Holiday dates (a range) or a calendar name such as "TARGET": business days for the ex-coupon period, payment dates and BUS/252. Default: weekends only.
 * @returns {number} Accrued interest for the face amount.
 */
export function accrued(
  settlement: number,
  maturity: number,
  rate: number,
  frequency: number,
  convention: string,
  face?: number,
  issue?: number,
  first_coupon?: number,
  ex_coupon_days?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of dates or a name: Excel passes either
  calendar?: any[][],
): number {
  return toExcel(() => {
    const exDays = optional(ex_coupon_days) === undefined ? undefined : argInt(ex_coupon_days, "ex_coupon_days");
    const result = bondAccrued({
      settlement: dayArg(settlement, "settlement"),
      maturity: dayArg(maturity, "maturity"),
      rate: decimalArg(rate, "rate"),
      frequency: frequencyArg(frequency),
      convention: dayCountOf(argText(convention, "convention")),
      face: decimalArg(face, "face", 100),
      issue: optional(issue) === undefined ? undefined : dayArg(issue, "issue"),
      firstCoupon: optional(first_coupon) === undefined ? undefined : dayArg(first_coupon, "first_coupon"),
      exCouponDays: exDays,
      calendar: calendarArg(calendar),
    });
    return result.accrued.toNumber();
  });
}

/**
 * Interest on a deposit or loan at a fixed rate: principal x rate x year fraction (ACT/360, ACT/365F, 30/360 ...); for BUS/252, principal x ((1 + rate)^(business days / 252) - 1) as in Brazil.
 * @customfunction DEPOSITINTEREST
 * @param {number} start Start (value) date.
 * @param {number} end End (maturity) date, on or after start.
 * @param {number} principal Principal amount.
 * @param {number} rate Annual rate (0.05 for 5%); for BUS/252 the effective annual rate.
 * @param {string} convention Day count convention, e.g. "ACT/360", "ACT/365F", "BUS/252".
 * @param {any[][]} [calendar] Holiday dates (a range) or a calendar name such as "TARGET": needed by BUS/252.
 * @returns {number} Interest for the period.
 */
export function depositinterest(
  start: number,
  end: number,
  principal: number,
  rate: number,
  convention: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of dates or a name: Excel passes either
  calendar?: any[][],
): number {
  return toExcel(() =>
    depositInterest({
      start: dayArg(start, "start"),
      end: dayArg(end, "end"),
      principal: decimalArg(principal, "principal"),
      rate: decimalArg(rate, "rate"),
      convention: dayCountOf(argText(convention, "convention")),
      calendar: calendarArg(calendar),
    }).interest.toNumber(),
  );
}

/** The daily fixings from two ranges of the same size; each bad cell is reported by its row. */
function fixingsArg(dates: unknown, rates: unknown): Map<Day, Decimal> {
  const ds = cellsOf(dates);
  const rs = cellsOf(rates);
  if (ds.length !== rs.length) {
    throw valueError(`rate_dates has ${ds.length} cells and rates ${rs.length}: give one rate per date`);
  }
  const out = new Map<Day, Decimal>();
  ds.forEach(({ cell, row }, i) => {
    const rateCell = rs[i].cell;
    if (isBlank(cell) && isBlank(rateCell)) return;
    if (typeof cell === "string") throw valueError(`rate_dates row ${row}: '${cell}' is text, not a date`);
    const day = dayArg(cell, `rate_dates row ${row}`);
    if (typeof rateCell !== "number") {
      throw valueError(
        `rates row ${rs[i].row}: ${isBlank(rateCell) ? "blank" : `'${String(rateCell)}'`} is not a number`,
      );
    }
    if (out.has(day)) throw valueError(`rate_dates row ${row}: ${formatIso(day)} appears twice`);
    out.set(day, new Decimal(argNumber(rateCell, `rates row ${rs[i].row}`)));
  });
  return out;
}

/**
 * Interest on a principal at a daily overnight rate (SOFR, €STR, SONIA ...) compounded in arrears: principal x (product of (1 + r x days / basis) - 1) over the business days, a Friday's rate covering the weekend.
 * @customfunction COMPOUNDED
 * @param {number} start Start of the interest period.
 * @param {number} end End of the interest period (the accrual date for interest to date).
 * @param {number} principal Principal amount.
 * @param {number[][]} rate_dates Dates of the daily rates (a column), one per business day.
 * @param {number[][]} rates The daily rates as fractions (0.0531 for 5.31%), one per date.
 * @param {string} convention "ACT/360" (SOFR, €STR, SARON) or "ACT/365F" (SONIA, TONAR, CORRA).
 * @param {number} [lookback_days] Lookback in business days (default 0): each day uses the rate of this many business days before.
 * @param {any[][]} [calendar] Holiday dates (a range) or a calendar name such as "TARGET": the rate's business days. Default: weekends only.
 * @param {boolean} [observation_shift] TRUE: the lookback shifts the observation period (rates and day weights from it, ARRC/BoE "observation shift"); FALSE (default): "lag", day weights from the interest period.
 * @returns {number} Interest for the period.
 */
export function compounded(
  start: number,
  end: number,
  principal: number,
  rate_dates: number[][],
  rates: number[][],
  convention: string,
  lookback_days?: number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a range of dates or a name: Excel passes either
  calendar?: any[][],
  observation_shift?: boolean,
): number {
  return toExcel(() =>
    compoundedInArrears({
      start: dayArg(start, "start"),
      end: dayArg(end, "end"),
      principal: decimalArg(principal, "principal"),
      fixings: fixingsArg(rate_dates, rates),
      convention: dayCountOf(argText(convention, "convention")),
      calendar: calendarArg(calendar),
      lookbackDays: argInt(lookback_days, "lookback_days", 0),
      method: argBool(observation_shift, "observation_shift", false) ? "shift" : "lag",
    }).interest.toNumber(),
  );
}
