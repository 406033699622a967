/**
 * Management and administration fees accrued daily on a base of fund assets.
 *
 * The rules (docs/fees.md explains the choices):
 * - Calendar-day accrual: a fee accrues for every calendar day of the period, weekends and holidays
 *   included. NAVs exist only on valuation days, so each day uses the last NAV available before it
 *   ("prior available NAV"): Saturday, Sunday and Monday all accrue on Friday's NAV. This is what
 *   administrators do (Eagle: daily fee = prior-day NAV x rate / days in year) and it avoids the
 *   circularity of a fee computed on a NAV that already contains that fee.
 * - Base: "prior-nav" (default) as above; "gav" = gross asset value, which contains no accrued fee,
 *   so the GAV of the accrual day itself (or the last one before it) is used; "average" = the mean
 *   of the prior-available NAVs over the period's calendar days, the same base every day (funds
 *   billed on "average net assets" for the period).
 * - Daily fee = annual fee on the base (by the rate schedule) / days in year (by policy).
 * - Rate schedule: flat; marginal (tiered) bands, each slice of the base at its own rate; or cliff,
 *   the whole base at the rate of the band it falls in (a base exactly on a breakpoint is in the
 *   upper band).
 * - Rounding: daily amounts are kept at full precision (34 significant digits) and the period total
 *   is rounded once to the currency's minor unit. Rounding each day instead ("daily") drifts by up to
 *   half a minor unit a day; it is offered because some ledgers book a rounded entry every day.
 * - Minimum fee: an annual minimum pro-rated daily (minimum / days in year for each day) gives the
 *   period minimum; accruals are made ad valorem and, at period end, topped up to the period minimum
 *   if they fell short (minimumTrueUp). Comparing totals, not days, means a fund that dips below the
 *   minimum for a few days is not charged more than the minimum over the period.
 */
import { Decimal, roundMoney } from "../money";
import { Day, formatIso } from "../dates/civil";
import {
  DailyFractionSum,
  DaysInYearPolicy,
  FeeError,
  Period,
  ZERO,
  checkFinite,
  checkNonNegative,
  checkPeriod,
  daysInYearFor,
  periodDays,
  sum,
} from "./common";

/** A band of a breakpoint schedule: the rate applies from `floor` up to the next band's floor. */
export interface RateBand {
  floor: Decimal;
  rate: Decimal;
}

export type RateSchedule =
  { kind: "flat"; rate: Decimal } | { kind: "marginal"; bands: RateBand[] } | { kind: "cliff"; bands: RateBand[] };

export type FeeBase = "prior-nav" | "gav" | "average";

export interface ManagementFeeTerms {
  schedule: RateSchedule;
  /** Default "prior-nav". */
  base?: FeeBase;
  /** Default "365" ("1/365th of the annual rate", the common prospectus wording). */
  daysInYear?: DaysInYearPolicy;
  /** Annual minimum fee, pro-rated daily over the period; omitted = no minimum. */
  annualMinimum?: Decimal;
  /** ISO 4217 code for the rounding of the total; default USD. */
  currency?: string;
  /** "period" (default): round the period total once; "daily": round every day's accrual. */
  rounding?: "period" | "daily";
}

export interface NavPoint {
  day: Day;
  /** Net asset value after all accruals of that day. */
  nav: Decimal;
  /** Gross asset value (before the fee being accrued); needed only for base "gav". */
  gav?: Decimal;
}

export interface FeeDay {
  day: Day;
  /** The day of the NAV (or GAV) used as the base; for "average" the last day averaged. */
  baseDay: Day;
  base: Decimal;
  /** Effective annual rate: annual fee on the base / base (the first band's rate on a zero base). */
  rate: Decimal;
  /** The day's accrual: full precision, or rounded to minor units with rounding "daily". */
  amount: Decimal;
  /** Running total of `amount`. */
  cumulative: Decimal;
}

export interface ManagementFeeResult {
  days: FeeDay[];
  /** Sum of the daily accruals, rounded to minor units (with "daily" rounding it is already exact). */
  accrued: Decimal;
  /** Pro-rated minimum for the period, rounded to minor units (zero without a minimum). */
  periodMinimum: Decimal;
  /** What is added at period end so that total reaches the period minimum (zero or positive). */
  minimumTrueUp: Decimal;
  /** accrued + minimumTrueUp: the fee for the period. */
  total: Decimal;
}

/**
 * Bands from a schedule written as slices ("0.75% on the first $300m, 0.72% on the next $200m..."):
 * [[width, rate], ...]. The last slice's width is not a cap: its rate applies to everything above
 * the earlier slices, as fee schedules state ("...and 0.66% on assets over $750 million").
 */
export function bandsFromSlices(slices: ReadonlyArray<readonly [Decimal.Value, Decimal.Value]>): RateBand[] {
  const bands: RateBand[] = [];
  let floor = ZERO;
  slices.forEach(([width, rate], i) => {
    const w = new Decimal(width);
    checkFinite(w, "schedule", i);
    if (!w.isPositive() || w.isZero()) {
      // A zero-width slice would create two bands at one floor.
      throw new FeeError(`schedule slice ${i + 1}: width must be positive, got ${w.toString()}`, "schedule", i);
    }
    bands.push({ floor, rate: new Decimal(rate) });
    floor = floor.plus(w);
  });
  checkSchedule({ kind: "marginal", bands });
  return bands;
}

/** Throws FeeError unless the schedule can be applied: rates >= 0, bands from 0 with rising floors. */
export function checkSchedule(schedule: RateSchedule): void {
  if (schedule.kind === "flat") {
    checkNonNegative(schedule.rate, "rate");
    return;
  }
  const { bands } = schedule;
  if (bands.length === 0) throw new FeeError("schedule has no bands", "schedule");
  bands.forEach((b, i) => {
    checkNonNegative(b.rate, "schedule rate", i);
    checkNonNegative(b.floor, "schedule breakpoint", i);
    if (i === 0 && !b.floor.isZero()) {
      throw new FeeError(`schedule must start at a breakpoint of 0, got ${b.floor.toString()}`, "schedule", i);
    }
    if (i > 0 && !b.floor.greaterThan(bands[i - 1].floor)) {
      throw new FeeError(
        `schedule breakpoints must rise: ${b.floor.toString()} follows ${bands[i - 1].floor.toString()}`,
        "schedule",
        i,
      );
    }
  });
}

/** The annual fee on a base, by the schedule (full precision). */
export function annualFee(schedule: RateSchedule, base: Decimal): Decimal {
  switch (schedule.kind) {
    case "flat":
      return base.times(schedule.rate);
    case "cliff":
      return base.times(cliffBand(schedule.bands, base).rate);
    case "marginal": {
      const { bands } = schedule;
      let fee = ZERO;
      for (let i = 0; i < bands.length; i++) {
        const lo = bands[i].floor;
        if (base.lessThanOrEqualTo(lo)) break;
        const hi = i + 1 < bands.length ? Decimal.min(base, bands[i + 1].floor) : base;
        fee = fee.plus(hi.minus(lo).times(bands[i].rate));
      }
      return fee;
    }
  }
}

function cliffBand(bands: RateBand[], base: Decimal): RateBand {
  let band = bands[0];
  for (const b of bands) if (base.greaterThanOrEqualTo(b.floor)) band = b;
  return band;
}

/** Annual fee / base; on a zero base, the rate the first unit of assets would pay. */
export function effectiveRate(schedule: RateSchedule, base: Decimal): Decimal {
  if (base.isZero()) return schedule.kind === "flat" ? schedule.rate : schedule.bands[0].rate;
  return annualFee(schedule, base).dividedBy(base);
}

/** One day's fee on a base: annual fee / days in year. */
export function dailyFee(schedule: RateSchedule, base: Decimal, daysInYear: number): Decimal {
  return annualFee(schedule, base).dividedBy(daysInYear);
}

/** Throws FeeError unless the series is in strictly ascending day order with usable values. */
export function checkNavSeries(series: readonly NavPoint[]): void {
  series.forEach((p, i) => {
    if (!Number.isInteger(p.day)) throw new FeeError(`NAV ${i + 1}: day must be a whole day number`, "navSeries", i);
    checkNonNegative(p.nav, "NAV", i);
    if (p.gav !== undefined) checkNonNegative(p.gav, "GAV", i);
    if (i > 0 && p.day <= series[i - 1].day) {
      const what = p.day === series[i - 1].day ? "appears twice" : "is earlier than the one before it";
      throw new FeeError(`NAV date ${formatIso(p.day)} ${what}: dates must be in ascending order`, "navSeries", i);
    }
  });
}

/**
 * Accrues the fee for every calendar day of the period on the terms' base.
 * Throws FeeError when the series is out of order, has no NAV before the period starts (base
 * "prior-nav"/"average") or no GAV on or before a day (base "gav").
 */
export function accrueManagementFee(
  terms: ManagementFeeTerms,
  navSeries: readonly NavPoint[],
  period: Period,
): ManagementFeeResult {
  checkSchedule(terms.schedule);
  checkNavSeries(navSeries);
  checkPeriod(period);
  if (terms.annualMinimum !== undefined) checkNonNegative(terms.annualMinimum, "minimum");
  const policy = terms.daysInYear ?? "365";
  const currency = terms.currency ?? "USD";
  const baseKind = terms.base ?? "prior-nav";
  const days = periodDays(period);

  const bases = days.map((day) => baseFor(baseKind, navSeries, day));
  if (baseKind === "average") {
    const mean = sum(bases.map((b) => b.base)).dividedBy(bases.length);
    const lastDay = bases[bases.length - 1].baseDay;
    bases.fill({ base: mean, baseDay: lastDay });
  }

  let cumulative = ZERO;
  const exact = new DailyFractionSum();
  const minimum = new DailyFractionSum();
  const rows: FeeDay[] = days.map((day, i) => {
    const { base, baseDay } = bases[i];
    const diy = daysInYearFor(policy, day);
    const annual = annualFee(terms.schedule, base);
    exact.add(annual, diy);
    if (terms.annualMinimum !== undefined) minimum.add(terms.annualMinimum, diy);
    const raw = annual.dividedBy(diy);
    const amount = terms.rounding === "daily" ? roundMoney(raw, currency) : raw;
    cumulative = cumulative.plus(amount);
    return { day, baseDay, base, rate: effectiveRate(terms.schedule, base), amount, cumulative };
  });

  // With period rounding the total is the exact sum of the day fractions rounded once; the running
  // cumulative (one 34-digit quotient a day) differs from it only far below a minor unit.
  const accrued = terms.rounding === "daily" ? cumulative : roundMoney(exact.value(), currency);
  let periodMinimum = ZERO;
  if (terms.annualMinimum !== undefined) periodMinimum = roundMoney(minimum.value(), currency);
  const minimumTrueUp = Decimal.max(ZERO, periodMinimum.minus(accrued));
  return { days: rows, accrued, periodMinimum, minimumTrueUp, total: accrued.plus(minimumTrueUp) };
}

/** The base for one accrual day (for "average", the daily value that is then averaged). */
function baseFor(kind: FeeBase, series: readonly NavPoint[], day: Day): { base: Decimal; baseDay: Day } {
  // Binary search: a year of accruals over several years of daily NAVs stays O(days x log navs).
  const sameDayAllowed = kind === "gav";
  const i = lastIndexAtOrBefore(series, sameDayAllowed ? day : day - 1);
  if (i < 0) {
    const need = sameDayAllowed ? "on or before" : "before";
    throw new FeeError(`no NAV ${need} ${formatIso(day)}: the series must start ${need} the period`, "navSeries");
  }
  const p = series[i];
  if (kind === "gav") {
    if (p.gav === undefined) {
      throw new FeeError(`NAV ${i + 1} (${formatIso(p.day)}) has no GAV, needed for a GAV-based fee`, "navSeries", i);
    }
    return { base: p.gav, baseDay: p.day };
  }
  return { base: p.nav, baseDay: p.day };
}

function lastIndexAtOrBefore(series: readonly NavPoint[], day: Day): number {
  let lo = 0;
  let hi = series.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series[mid].day <= day) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
