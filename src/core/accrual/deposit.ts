/**
 * Interest on deposits and loans: simple interest on a fixed rate, Brazil's BUS/252 exponential
 * convention, and daily overnight rates compounded in arrears (SOFR, €STR, SONIA ...).
 *
 * Rules (docs/accruals.md):
 *  - Simple: principal x rate x yearFraction(start, end) in any convention that needs no coupon
 *    schedule (ACT/360 for USD/EUR money markets, ACT/365F for GBP ...). Linear in days, so interest
 *    over [a, c] is interest over [a, b] plus [b, c] for ACT conventions (not for 30/360: see tests).
 *  - BUS/252 (Brazil, CDI and fixed-rate CDBs): rates are quoted as effective annual rates over 252
 *    business days, so interest = principal x ((1 + rate)^(business days / 252) - 1). Products
 *    floating on the daily CDI (CETIP/B3 "Fator DI" method) round each day's rate (1 + DI)^(1/252) - 1
 *    to 8 decimal places; that belongs to compounding a daily series, not to one fixed rate, and is
 *    not applied here.
 *  - Compounded in arrears (ARRC "SOFR in arrears" conventions; Bank of England SONIA
 *    compounding): factor = product over the business days i of the period of (1 + r_i x n_i / basis),
 *    n_i = calendar days until the next business day (a Friday's rate covers the weekend), basis 360
 *    (ACT/360: SOFR, €STR, SARON) or 365 (ACT/365F: SONIA, TONAR, CORRA); interest = principal x
 *    (factor - 1). A lookback of p business days takes r_i from the business day p days before i:
 *     - "lag" (ARRC "lookback without observation shift", BoE "lag"): the weights n_i stay those of
 *       the interest period; interest = principal x (factor - 1).
 *     - "shift" (ARRC and BoE "observation shift"): rates and weights both come from the observation
 *       period [start - p, end - p business days]; the compounded rate is annualised over the
 *       observation period's days and applied to the interest period's days:
 *       interest = principal x (factor - 1) x interest days / observation days.
 *    With p = 0 the two coincide. No rounding of the compounded rate is applied (contracts that
 *    round it, e.g. to 5 decimals of a percent, do so on top of this).
 *  - Amounts are Decimal and not rounded here.
 */
import { Calendar, addBusinessDays, adjust, weekendCalendar } from "../calendar/calendar";
import { Day, formatIso } from "../dates/civil";
import { ACT_360, ACT_365F, ACT_365L, ACT_ACT_ICMA, BUS_252, DayCount, DayCountContext } from "../daycount/conventions";
import { dayCountOf } from "../daycount/names";
import { ExcelError, numError, valueError } from "../errors";
import { Decimal } from "../money";
import { yearFractionDecimal } from "./exact";

export interface DepositInput {
  start: Day;
  end: Day;
  principal: Decimal.Value;
  /** Annual rate as a fraction (0.05 for 5%); effective annual for BUS/252. */
  rate: Decimal.Value;
  convention: DayCount | string;
  /** Business-day calendar: required by BUS/252. */
  calendar?: Calendar;
}

export interface DepositInterest {
  interest: Decimal;
  /** Day count numerator in the convention (actual, 30/360 or business days). */
  days: number;
  /** Year fraction of the period (for BUS/252: business days / 252, the exponent). */
  yearFraction: Decimal;
  /** How the rate was applied. */
  method: "simple" | "exponential";
}

function checkDay(d: Day, what: string): void {
  if (!Number.isInteger(d)) throw valueError(`${what} is not a whole day number: ${d}`);
}

function checkPeriod(start: Day, end: Day): void {
  checkDay(start, "start");
  checkDay(end, "end");
  if (end < start) throw numError(`end ${formatIso(end)} is before start ${formatIso(start)}`);
}

function toDecimal(v: Decimal.Value, what: string): Decimal {
  let d: Decimal;
  try {
    d = new Decimal(v);
  } catch {
    throw valueError(`${what} is not a number: ${String(v)}`);
  }
  if (!d.isFinite()) throw numError(`${what} is not a finite number: ${d.toString()}`);
  return d;
}

/** Interest on a deposit or loan over [start, end] at a fixed rate. */
export function depositInterest(input: DepositInput): DepositInterest {
  const { start, end } = input;
  checkPeriod(start, end);
  const dc = typeof input.convention === "string" ? dayCountOf(input.convention) : input.convention;
  if (dc === ACT_ACT_ICMA || dc === ACT_365L) {
    throw valueError(
      `${dc.name} is a bond convention that needs a coupon schedule; a deposit uses e.g. ACT/360 or ACT/365F`,
    );
  }
  const principal = toDecimal(input.principal, "principal");
  const rate = toDecimal(input.rate, "rate");
  // A deposit's end is its maturity (what 30E/360 ISDA asks for).
  const ctx: DayCountContext = { maturity: end, calendar: input.calendar };
  const yearFraction = yearFractionDecimal(dc, start, end, ctx);
  const days = dc.days(start, end, ctx);
  if (dc === BUS_252) {
    if (rate.lte(-1)) throw numError(`a BUS/252 rate must be greater than -100%: ${rate.toString()}`);
    return {
      interest: principal.times(rate.plus(1).pow(yearFraction).minus(1)),
      days,
      yearFraction,
      method: "exponential",
    };
  }
  return { interest: principal.times(rate).times(yearFraction), days, yearFraction, method: "simple" };
}

// ---------------------------------------------------------------------------------------------
// Overnight rates compounded in arrears

export type LookbackMethod = "lag" | "shift";

export interface CompoundedInput {
  start: Day;
  end: Day;
  principal: Decimal.Value;
  /** Daily fixings: the rate published for each business day (as a fraction, 0.0531 for 5.31%). */
  fixings: ReadonlyMap<Day, Decimal.Value>;
  /** ACT/360 (SOFR, €STR, SARON) or ACT/365F (SONIA, TONAR, CORRA). */
  convention: DayCount | string;
  /** Business days of the rate (publication calendar). Default: weekends only. */
  calendar?: Calendar;
  /** Lookback in business days (default 0). */
  lookbackDays?: number;
  /** How the lookback applies (default "lag"); irrelevant when lookbackDays is 0. */
  method?: LookbackMethod;
}

export interface Observation {
  /** Business day whose fixing is used. */
  fixingDate: Day;
  rate: Decimal;
  /** First calendar day this rate accrues for (in the observation period under "shift"). */
  from: Day;
  /** Calendar days it accrues for (n_i). */
  days: number;
}

export interface CompoundedInterest {
  interest: Decimal;
  /** Product of (1 + r_i n_i / basis). */
  factor: Decimal;
  /** The compounded rate, annualised: (factor - 1) x basis / observation days (ARRC's formula). */
  rate: Decimal;
  /** Calendar days of the interest period. */
  days: number;
  observations: Observation[];
}

function basisOf(convention: DayCount | string): number {
  const dc = typeof convention === "string" ? dayCountOf(convention) : convention;
  if (dc === ACT_360) return 360;
  if (dc === ACT_365F) return 365;
  throw valueError(
    `overnight rates compound on ACT/360 (SOFR, €STR, SARON) or ACT/365F (SONIA, TONAR, CORRA), not ${dc.name}`,
  );
}

/**
 * The business days from the one on or before `from` up to `to` (exclusive), each with the calendar
 * days [max(d, from), min(next business day, to)) it covers. A period starting on a holiday accrues
 * its first days at the rate of the business day before (the rate then in force).
 */
function accrualDays(from: Day, to: Day, cal: Calendar): { day: Day; from: Day; days: number }[] {
  const out: { day: Day; from: Day; days: number }[] = [];
  for (let d = adjust(from, "preceding", cal); d < to;) {
    const next = addBusinessDays(d, 1, cal);
    const a = Math.max(d, from);
    const b = Math.min(next, to);
    if (b > a) out.push({ day: d, from: a, days: b - a });
    d = next;
  }
  return out;
}

/** Interest on a principal at a daily overnight rate compounded in arrears over [start, end). */
export function compoundedInArrears(input: CompoundedInput): CompoundedInterest {
  const { start, end } = input;
  checkPeriod(start, end);
  const basis = basisOf(input.convention);
  const principal = toDecimal(input.principal, "principal");
  const cal = input.calendar ?? weekendCalendar();
  const p = input.lookbackDays ?? 0;
  if (!Number.isInteger(p) || p < 0)
    throw numError(`lookback must be a whole number of business days, 0 or more: ${p}`);
  const method = input.method ?? "lag";
  if (method !== "lag" && method !== "shift")
    throw valueError(`unknown lookback method "${String(method)}": use "lag" or "shift"`);

  const shift = method === "shift" && p > 0;
  const obsStart = shift ? addBusinessDays(start, -p, cal) : start;
  const obsEnd = shift ? addBusinessDays(end, -p, cal) : end;

  const observations: Observation[] = [];
  let factor = new Decimal(1);
  for (const slice of accrualDays(obsStart, obsEnd, cal)) {
    const fixingDate = shift || p === 0 ? slice.day : addBusinessDays(slice.day, -p, cal);
    const raw = input.fixings.get(fixingDate);
    if (raw === undefined) {
      throw new ExcelError(
        "#N/A",
        `no rate for ${formatIso(fixingDate)} (needed for ${formatIso(slice.from)}); if that day is a holiday, give the rate's holiday calendar`,
      );
    }
    const rate = toDecimal(raw, `rate for ${formatIso(fixingDate)}`);
    observations.push({ fixingDate, rate, from: slice.from, days: slice.days });
    factor = factor.times(rate.times(slice.days).div(basis).plus(1));
  }

  const days = end - start;
  const obsDays = obsEnd - obsStart;
  const growth = factor.minus(1);
  const interest =
    obsDays === 0 ? new Decimal(0) : shift ? principal.times(growth).times(days).div(obsDays) : principal.times(growth);
  return {
    interest,
    factor,
    rate: obsDays === 0 ? new Decimal(0) : growth.times(basis).div(obsDays),
    days,
    observations,
  };
}
