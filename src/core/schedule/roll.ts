/**
 * Coupon frequencies and the dates of a regular coupon grid.
 *
 * Grid dates are always computed as an offset of whole months from one anchor date (the maturity
 * when rolling backward, the issue or first coupon when rolling forward), never by stepping from the
 * previous grid date. Stepping drifts: 31 Aug -> 28 Feb -> 28 Aug loses the 31st for good, while
 * anchor + n months keeps the anchor's day of month wherever the month has it (Strata's day-of-month
 * roll convention, QuantLib's Schedule).
 */
import { Day, addMonths, endOfMonth, isLastDayOfMonth } from "../dates/civil";
import { numError } from "../errors";

/** Coupons a year accepted by the schedule and the ICMA/365L day counts. */
export const FREQUENCIES: readonly number[] = [1, 2, 3, 4, 6, 12];

/** Months in one regular coupon period for a frequency of coupons per year. */
export function monthsPerPeriod(frequency: number): number {
  if (!FREQUENCIES.includes(frequency)) {
    throw numError(`frequency ${frequency} is not a number of coupons a year that divides 12 (1, 2, 3, 4, 6 or 12)`);
  }
  return 12 / frequency;
}

/**
 * The grid date `months` months from `anchor`. Under the end-of-month rule an anchor on the last day
 * of its month rolls to the last day of every month (30 Jun -> 31 Dec, 28 Feb 2023 -> 31 Aug 2023);
 * otherwise the anchor's day of month is kept, clamped to the month's length.
 */
export function rollDate(anchor: Day, months: number, eom: boolean): Day {
  const d = addMonths(anchor, months);
  return eom && isLastDayOfMonth(anchor) ? endOfMonth(d) : d;
}
