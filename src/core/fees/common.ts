/**
 * Pieces shared by the fee and expense accruals: the days-in-year policy, accrual periods and the
 * error type that says which input (and which row of it) is wrong.
 */
import { Decimal } from "../money";
import { Day, civilFromDay, daysInYear, formatIso } from "../dates/civil";

/**
 * How many days a year has when an annual rate is turned into a daily one:
 * - "365":    always 365 (a leap year then accrues 366/365 of the annual rate);
 * - "actual": 365 or 366 by the calendar year of the accrual day (a full calendar year accrues
 *             exactly the annual rate);
 * - "360":    always 360 (money-market style; a year accrues 365/360 or 366/360 of the rate).
 */
export type DaysInYearPolicy = "365" | "actual" | "360";

export const DAYS_IN_YEAR_POLICIES: readonly DaysInYearPolicy[] = ["365", "actual", "360"];

/** The divisor for the accrual made on `day`. */
export function daysInYearFor(policy: DaysInYearPolicy, day: Day): number {
  switch (policy) {
    case "365":
      return 365;
    case "360":
      return 360;
    case "actual":
      return daysInYear(civilFromDay(day).y);
    default:
      throw new FeeError(`unknown days-in-year policy '${String(policy)}' (expected 365, actual or 360)`, "daysInYear");
  }
}

/** An accrual period: every calendar day from start to end, both included. */
export interface Period {
  start: Day;
  end: Day;
}

/**
 * A fee or expense input the engine cannot use. `field` names the input ("navSeries", "schedule",
 * "payments"...), `index` the 0-based position in it when one item is at fault, so that the
 * worksheet wrappers can name the row of the range the user gave. `kind` tells a value of the wrong
 * shape ("invalid": out of order, missing, unknown) from a number outside its allowed range
 * ("out-of-range": negative, too large, too frequent), which Excel shows as #VALUE! and #NUM!.
 */
export class FeeError extends Error {
  constructor(
    message: string,
    public readonly field: string,
    public readonly index?: number,
    public readonly kind: "invalid" | "out-of-range" = "invalid",
  ) {
    super(message);
    this.name = "FeeError";
  }
}

export function checkPeriod(period: Period, field = "period"): void {
  if (!Number.isInteger(period.start) || !Number.isInteger(period.end)) {
    throw new FeeError(`${field} start and end must be whole day numbers`, field);
  }
  if (period.end < period.start) {
    throw new FeeError(`${field} ends (${formatIso(period.end)}) before it starts (${formatIso(period.start)})`, field);
  }
}

/** Every day of the period, in order. */
export function periodDays(period: Period): Day[] {
  const days: Day[] = [];
  for (let d = period.start; d <= period.end; d++) days.push(d);
  return days;
}

export function checkFinite(value: Decimal, field: string, index?: number): void {
  if (!value.isFinite()) throw new FeeError(`${field} must be a finite number, got ${value.toString()}`, field, index);
}

export function checkNonNegative(value: Decimal, field: string, index?: number): void {
  checkFinite(value, field, index);
  if (value.isNegative() && !value.isZero()) {
    throw new FeeError(`${field} must not be negative, got ${value.toString()}`, field, index, "out-of-range");
  }
}

export const ZERO = new Decimal(0);

export function sum(values: Iterable<Decimal>): Decimal {
  let s = ZERO;
  for (const v of values) s = s.plus(v);
  return s;
}

/**
 * A sum of annual amounts each divided by a whole number of days (sum of S_i / n_i), computed with
 * one division: S_i are summed per divisor and brought over the least common multiple of the
 * divisors. Adding 365 quotients of x / 365 one by one can land a hair below x (each quotient is cut
 * at 34 digits) and then round the wrong way at a half-cent; this sum of a whole year is exactly x.
 */
export class DailyFractionSum {
  private readonly byDivisor = new Map<number, Decimal>();

  add(annualAmount: Decimal, daysInYear: number): void {
    this.byDivisor.set(daysInYear, (this.byDivisor.get(daysInYear) ?? ZERO).plus(annualAmount));
  }

  value(): Decimal {
    let lcm = 1;
    for (const d of this.byDivisor.keys()) lcm = (lcm * d) / gcd(lcm, d);
    let numerator = ZERO;
    for (const [d, s] of this.byDivisor) numerator = numerator.plus(s.times(lcm / d));
    return numerator.dividedBy(lcm);
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
