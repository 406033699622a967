/**
 * Day count conventions, one named value each, in the style of OpenGamma Strata's `DayCounts`.
 *
 * Sources: ISDA 2006 Definitions §4.16 (a)-(h); ICMA Rule Book Rule 251; Strata
 * `StandardDayCounts` (names, and the interpretations where the documents are silent); QuantLib
 * `ql/time/daycounters` (ACT/ACT ICMA reference periods).
 *
 * Arithmetic: day counts are integers; each year fraction is one integer numerator over one integer
 * denominator divided once (ACT/ACT ISDA and ACT/ACT ICMA over several periods add such fractions),
 * so results agree with Strata and QuantLib to the last bit or two.
 *
 * Reversed dates: `yearFraction(b, a) = -yearFraction(a, b)` and `days(b, a) = -days(a, b)` for every
 * convention, i.e. Strata's `relativeYearFraction` (Strata's `yearFraction` refuses reversed dates;
 * a worksheet is better served by a signed answer). The 30/360 rules are therefore applied to the
 * dates in time order; note that this is not what applying the 30/360 formula to reversed dates
 * would give.
 */
import { Calendar, businessDaysBetween } from "../calendar/calendar";
import { Day, civilFromDay, daysInYear, dayFromCivil, isLeapYear } from "../dates/civil";
import { valueError } from "../errors";
import { monthsPerPeriod, rollDate } from "../schedule/roll";

/** What some conventions need beyond the two dates. Each convention documents which fields it reads. */
export interface DayCountContext {
  /** Maturity (termination) date of the instrument: 30E/360 ISDA; ACT/ACT ICMA and ACT/365L schedules. */
  maturity?: Day;
  /** Coupons a year (1, 2, 3, 4, 6 or 12): ACT/ACT ICMA and ACT/365L. */
  frequency?: number;
  /** Start of the (notional) coupon period used as reference by ACT/ACT ICMA. */
  periodStart?: Day;
  /** End of the (notional) coupon period: ACT/ACT ICMA reference, ACT/365L next coupon date. */
  periodEnd?: Day;
  /** End-of-month rule of the coupon schedule. Default true, as Strata's ScheduleInfo. */
  eom?: boolean;
  /** Business-day calendar: BUS/252. */
  calendar?: Calendar;
}

export interface DayCount {
  /** Canonical name (Strata's spelling). */
  readonly name: string;
  /** Other names accepted by dayCountOf (FpML, ISDA, SWIFT, QuantLib, market usage). */
  readonly aliases: readonly string[];
  /** The rule in one line. */
  readonly rule: string;
  /** What the convention needs beyond the two dates, in words ("" if nothing). */
  readonly needs: string;
  yearFraction(start: Day, end: Day, ctx?: DayCountContext): number;
  /** The day count numerator (actual, 30/360 or business days, by convention). */
  days(start: Day, end: Day, ctx?: DayCountContext): number;
}

interface Spec {
  name: string;
  aliases: string[];
  rule: string;
  needs?: string;
  /** Called with start < end only. */
  yf: (start: Day, end: Day, ctx: DayCountContext) => number;
  /** Called with start < end only. Defaults to actual days. */
  days?: (start: Day, end: Day, ctx: DayCountContext) => number;
}

function checkDay(d: Day, what: string): void {
  if (!Number.isInteger(d)) throw valueError(`${what} is not a whole day number: ${d}`);
}

function define(spec: Spec): DayCount {
  const days = spec.days ?? ((s: Day, e: Day) => e - s);
  return Object.freeze({
    name: spec.name,
    aliases: Object.freeze([...spec.aliases]),
    rule: spec.rule,
    needs: spec.needs ?? "",
    yearFraction(start: Day, end: Day, ctx: DayCountContext = {}): number {
      checkDay(start, "start date");
      checkDay(end, "end date");
      if (start === end) return 0;
      // 0 - x rather than -x so that a zero result is +0, not -0.
      return start < end ? spec.yf(start, end, ctx) : 0 - spec.yf(end, start, ctx);
    },
    days(start: Day, end: Day, ctx: DayCountContext = {}): number {
      checkDay(start, "start date");
      checkDay(end, "end date");
      if (start === end) return 0;
      return start < end ? days(start, end, ctx) : 0 - days(end, start, ctx);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function needFrequency(ctx: DayCountContext, convention: string): number {
  if (ctx.frequency === undefined) {
    throw valueError(`${convention} needs the coupon frequency (coupons a year: 1, 2, 4 or 12)`);
  }
  monthsPerPeriod(ctx.frequency); // validates
  return ctx.frequency;
}

/** Number of 29 Februaries in the half-open interval (start, end]. */
function leapDaysIn(start: Day, end: Day): number {
  const y1 = civilFromDay(start).y;
  const y2 = civilFromDay(end).y;
  let n = 0;
  for (let y = y1; y <= y2; y++) {
    if (isLeapYear(y)) {
      const feb29 = dayFromCivil(y, 2, 29);
      if (feb29 > start && feb29 <= end) n++;
    }
  }
  return n;
}

function isLastDayOfFebruary(y: number, m: number, d: number): boolean {
  return m === 2 && d === (isLeapYear(y) ? 29 : 28);
}

/** 360 (Y2 - Y1) + 30 (M2 - M1) + (D2 - D1): ISDA 2006 §4.16(f)-(h) after each variant's day rules. */
function thirty(y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): number {
  return 360 * (y2 - y1) + 30 * (m2 - m1) + (d2 - d1);
}

/** The 30/360 ISDA (Bond Basis) day rules: D1 31 -> 30; D2 31 -> 30 when D1 (after that) is 30. */
function thirty360IsdaDays(start: Day, end: Day): number {
  const a = civilFromDay(start);
  const b = civilFromDay(end);
  const d1 = a.d === 31 ? 30 : a.d;
  const d2 = b.d === 31 && d1 === 30 ? 30 : b.d;
  return thirty(a.y, a.m, d1, b.y, b.m, d2);
}

/** 30U/360 with the February rules (SIA Standard Securities Calculation Methods, Strata 30U/360 EOM). */
function thirtyUEomDays(start: Day, end: Day): number {
  const a = civilFromDay(start);
  const b = civilFromDay(end);
  let d1 = a.d;
  let d2 = b.d;
  if (isLastDayOfFebruary(a.y, a.m, a.d)) {
    if (isLastDayOfFebruary(b.y, b.m, b.d)) d2 = 30;
    d1 = 30;
  }
  if (d1 === 31) d1 = 30;
  if (d2 === 31 && d1 === 30) d2 = 30;
  return thirty(a.y, a.m, d1, b.y, b.m, d2);
}

function thirtyUDays(start: Day, end: Day, ctx: DayCountContext): number {
  return ctx.eom === false ? thirty360IsdaDays(start, end) : thirtyUEomDays(start, end);
}

function thirtyE360Days(start: Day, end: Day): number {
  const a = civilFromDay(start);
  const b = civilFromDay(end);
  return thirty(a.y, a.m, a.d === 31 ? 30 : a.d, b.y, b.m, b.d === 31 ? 30 : b.d);
}

function thirtyE360IsdaDays(start: Day, end: Day, ctx: DayCountContext): number {
  if (ctx.maturity === undefined) {
    throw valueError(
      "30E/360 ISDA needs the maturity date: its end-of-February rule applies to the end date unless the end date is the maturity",
    );
  }
  const a = civilFromDay(start);
  const b = civilFromDay(end);
  const d1 = a.d === 31 || isLastDayOfFebruary(a.y, a.m, a.d) ? 30 : a.d;
  const d2 = b.d === 31 || (isLastDayOfFebruary(b.y, b.m, b.d) && end !== ctx.maturity) ? 30 : b.d;
  return thirty(a.y, a.m, d1, b.y, b.m, d2);
}

function thirtyEPlusDays(start: Day, end: Day): number {
  const a = civilFromDay(start);
  const b = civilFromDay(end);
  // D2 = 31 becomes the 1st of the next month; month 13 of a year is arithmetically January of the next.
  return b.d === 31
    ? thirty(a.y, a.m, a.d === 31 ? 30 : a.d, b.y, b.m + 1, 1)
    : thirty(a.y, a.m, a.d === 31 ? 30 : a.d, b.y, b.m, b.d);
}

/**
 * The regular coupon grid an ICMA-style convention measures against, as a function of an integer
 * index (grid(i) < grid(i + 1)). With a reference period [ps, pe] (QuantLib's refPeriodStart/End):
 * grid(0) = ps, grid(1) = pe, earlier dates roll back from ps and later dates forward from pe.
 * With only a maturity: grid(i) = maturity + i periods (the schedule generated backward from maturity).
 */
interface Grid {
  at(i: number): Day;
  /** Index i with at(i) <= d < at(i + 1). */
  indexOf(d: Day): number;
}

function couponGrid(ctx: DayCountContext, months: number, convention: string): Grid {
  const eom = ctx.eom ?? true;
  let at: (i: number) => Day;
  let origin: Day;
  if (ctx.periodStart !== undefined || ctx.periodEnd !== undefined) {
    const ps = ctx.periodStart ?? rollDate(ctx.periodEnd as Day, -months, eom);
    const pe = ctx.periodEnd ?? rollDate(ps, months, eom);
    checkDay(ps, "reference period start");
    checkDay(pe, "reference period end");
    if (pe <= ps) throw valueError(`${convention}: the reference period must end after it starts`);
    at = (i) => (i <= 0 ? rollDate(ps, i * months, eom) : rollDate(pe, (i - 1) * months, eom));
    origin = ps;
  } else if (ctx.maturity !== undefined) {
    const m = ctx.maturity;
    checkDay(m, "maturity");
    at = (i) => rollDate(m, i * months, eom);
    origin = m;
  } else {
    throw valueError(
      `${convention} needs the coupon schedule: the maturity date (coupon dates are rolled back from it) or a reference coupon period`,
    );
  }
  const daysPerPeriod = (months * 365.25) / 12;
  return {
    at,
    indexOf(d: Day): number {
      let i = Math.floor((d - origin) / daysPerPeriod);
      while (at(i) > d) i--;
      while (at(i + 1) <= d) i++;
      return i;
    },
  };
}

/**
 * ACT/ACT ICMA over [start, end]: the sum over the regular (notional) coupon periods [a, b] that
 * overlap it of overlapDays / (frequency x (b - a)). A regular period gives days / (F x period days);
 * a stub is split into the notional periods it spans (ICMA Rule 251.1(iii)). Whole periods in between
 * count 1/F each; the two partial periods and the whole ones go over one common denominator, so the
 * result is a single division however long the span.
 */
function icmaYearFraction(start: Day, end: Day, ctx: DayCountContext): number {
  const f = needFrequency(ctx, "ACT/ACT ICMA");
  const grid = couponGrid(ctx, monthsPerPeriod(f), "ACT/ACT ICMA");
  const i0 = grid.indexOf(start);
  const i1 = grid.indexOf(end);
  const len0 = grid.at(i0 + 1) - grid.at(i0);
  if (i0 === i1) return (end - start) / (f * len0);
  const head = grid.at(i0 + 1) - start; // days of the first period counted
  const tail = end - grid.at(i1); // days of the last period counted (0 if end is a coupon date)
  const len1 = grid.at(i1 + 1) - grid.at(i1);
  const whole = i1 - i0 - 1;
  return (whole * len0 * len1 + head * len1 + tail * len0) / (f * len0 * len1);
}

/**
 * ACT/365L (ICMA Rule 251.1(i), Strata ACT_365L): actual days / 365, or / 366 when — annual
 * coupons — the period (start, next coupon date] contains 29 February, or — other frequencies —
 * the next coupon date falls in a leap year.
 */
function act365LYearFraction(start: Day, end: Day, ctx: DayCountContext): number {
  const f = needFrequency(ctx, "ACT/365L");
  let periodEnd: Day;
  if (ctx.periodEnd !== undefined) {
    checkDay(ctx.periodEnd, "period end");
    periodEnd = ctx.periodEnd;
  } else if (ctx.maturity !== undefined) {
    const grid = couponGrid({ maturity: ctx.maturity, eom: ctx.eom }, monthsPerPeriod(f), "ACT/365L");
    periodEnd = grid.at(grid.indexOf(start) + 1);
  } else {
    // Without a schedule the counted period is taken to be the coupon period itself.
    periodEnd = end;
  }
  const days = end - start;
  if (f === 1) return days / (leapDaysIn(start, periodEnd) > 0 ? 366 : 365);
  return days / daysInYear(civilFromDay(periodEnd).y);
}

/**
 * ACT/ACT ISDA: days in leap years / 366 + days in other years / 365, first day included, last day
 * excluded. Whole years in between count 1 each; the two partial years are combined over one common
 * denominator so that the result is one division.
 */
function actActIsdaYearFraction(start: Day, end: Day): number {
  const y1 = civilFromDay(start).y;
  const y2 = civilFromDay(end).y;
  const l1 = daysInYear(y1);
  if (y1 === y2) return (end - start) / l1;
  const l2 = daysInYear(y2);
  const firstPart = dayFromCivil(y1 + 1, 1, 1) - start; // days of y1 in [start, end)
  const lastPart = end - dayFromCivil(y2, 1, 1); // days of y2 in [start, end)
  return (firstPart * l2 + lastPart * l1) / (l1 * l2) + (y2 - y1 - 1);
}

/** Same day and month `years` years earlier; 29 February becomes 28 February in a common year (java.time minusYears). */
function minusYears(d: Day, years: number): Day {
  const c = civilFromDay(d);
  const y = c.y - years;
  return dayFromCivil(y, c.m, c.m === 2 && c.d === 29 && !isLeapYear(y) ? 28 : c.d);
}

/**
 * ACT/ACT AFB (FBF Master Agreement; Strata's interpretation): count whole years back from the end
 * date (29 Feb rolls back to 28 Feb); the remainder [start, end') is actual days / 366 if it contains
 * 29 February (start included, end' excluded), else / 365.
 */
function actActAfbYearFraction(start: Day, end: Day): number {
  let years = 0;
  let periodEnd = end;
  for (;;) {
    const back = minusYears(end, years + 1);
    if (back < start) break;
    years++;
    periodEnd = back;
  }
  const rest = periodEnd - start;
  if (rest === 0) return years;
  // 29 February in [start, periodEnd) makes the remainder a leap year.
  const leap = leapDaysIn(start - 1, periodEnd - 1) > 0;
  return years + rest / (leap ? 366 : 365);
}

function needCalendar(ctx: DayCountContext): Calendar {
  if (!ctx.calendar) {
    throw valueError(
      "BUS/252 needs a business-day calendar (a range of holiday dates or a calendar name such as TARGET)",
    );
  }
  return ctx.calendar;
}

// ---------------------------------------------------------------------------------------------
// The conventions

/** ACT/360: actual days / 360 (ISDA 2006 §4.16(e); "money market basis"; SOFR, €STR, SARON). */
export const ACT_360 = define({
  name: "ACT/360",
  aliases: ["Actual/360", "A/360", "A360", "Act/360", "French"],
  rule: "actual days / 360",
  yf: (s, e) => (e - s) / 360,
});

/** ACT/364: actual days / 364 (Strata ACT_364; 52-week years). */
export const ACT_364 = define({
  name: "ACT/364",
  aliases: ["Actual/364", "A/364", "A364"],
  rule: "actual days / 364",
  yf: (s, e) => (e - s) / 364,
});

/** ACT/365F: actual days / 365 whatever the year (ISDA 2006 §4.16(d); SONIA, TONAR, CORRA). */
export const ACT_365F = define({
  name: "ACT/365F",
  aliases: [
    "Actual/365 (Fixed)",
    "Act/365 (Fixed)",
    "ACT/365 FIXED",
    "ACT/365.FIXED",
    "A/365 (Fixed)",
    "A/365F",
    "A365F",
    "ACT/365",
    "Actual/365F",
    "AFI/365",
    "English",
  ],
  rule: "actual days / 365",
  yf: (s, e) => (e - s) / 365,
});

/** ACT/365.25: actual days / 365.25 (Strata ACT_365_25). */
export const ACT_365_25 = define({
  name: "ACT/365.25",
  aliases: ["Actual/365.25", "A/365.25", "A365.25"],
  rule: "actual days / 365.25",
  yf: (s, e) => (e - s) / 365.25,
});

/**
 * ACT/365L (ICMA Rule 251.1(i); Strata ACT_365L): actual days / 365, or / 366 if (annual coupons) a
 * 29 February lies in (start, next coupon date], or (other frequencies) the next coupon date is in a
 * leap year. Needs the frequency; the next coupon date is ctx.periodEnd, else the coupon date after
 * start on the grid rolled back from ctx.maturity, else the end date.
 */
export const ACT_365L = define({
  name: "ACT/365L",
  aliases: ["Actual/365L", "Actual/365 Leap", "ACT/365 LEAP", "A/365L", "ISMA-Year"],
  rule: "actual days / 365, or 366 if annual and 29 Feb in (start, next coupon], else if the next coupon date is in a leap year",
  needs: "frequency (and the next coupon date: period end or maturity)",
  yf: act365LYearFraction,
});

/**
 * ACT/ACT ISDA (ISDA 2006 §4.16(b)): days falling in leap years / 366 + days in other years / 365,
 * start included, end excluded.
 */
export const ACT_ACT_ISDA = define({
  name: "ACT/ACT ISDA",
  aliases: [
    "Actual/Actual (ISDA)",
    "Act/Act (ISDA)",
    "ACT/ACT.ISDA",
    "Actual/Actual",
    "ACT/ACT",
    "A/A ISDA",
    "ACT/ACT HISTORICAL",
    "Actual/Actual Historical",
  ],
  rule: "days in leap years / 366 + days in other years / 365 (start included, end excluded)",
  yf: actActIsdaYearFraction,
});

/**
 * ACT/ACT ICMA (ICMA Rule 251.1(iii); ISDA 2006 §4.16(c)): days / (frequency x days in the coupon
 * period); a stub is split into the regular notional periods it overlaps, each counted that way.
 * Needs the frequency and the coupon schedule: a reference (notional) period via ctx.periodStart /
 * periodEnd (QuantLib's refPeriodStart / refPeriodEnd), or the maturity to roll the grid back from.
 */
export const ACT_ACT_ICMA = define({
  name: "ACT/ACT ICMA",
  aliases: [
    "Actual/Actual (ICMA)",
    "Act/Act (ICMA)",
    "ACT/ACT.ICMA",
    "Actual/Actual (ISMA)",
    "Act/Act (ISMA)",
    "ACT/ACT ISMA",
    "ACT/ACT.ISMA",
    "ISMA-99",
    "Actual/Actual (Bond)",
    "ACT/ACT BOND",
  ],
  rule: "days / (frequency x days in the coupon period); stubs split into notional coupon periods",
  needs: "frequency and the coupon schedule (reference period or maturity)",
  yf: icmaYearFraction,
});

/**
 * ACT/ACT AFB (Association Française des Banques / FBF; Strata ACT_ACT_AFB): whole years counted back
 * from the end date, the remainder actual days / 366 if it contains 29 February, else / 365.
 */
export const ACT_ACT_AFB = define({
  name: "ACT/ACT AFB",
  aliases: ["Actual/Actual (AFB)", "Act/Act (AFB)", "ACT/ACT.AFB", "Actual/Actual (Euro)", "ACT/ACT EURO", "A/A AFB"],
  rule: "whole years back from the end date + remaining days / 366 if they include 29 Feb, else / 365",
  yf: actActAfbYearFraction,
});

/** NL/365: actual days less any 29 February in (start, end], / 365 (Strata NL_365). */
export const NL_365 = define({
  name: "NL/365",
  aliases: ["No Leap/365", "Actual/365 (No Leap)", "ACT/365 NL", "NL365", "Actual/365NL"],
  rule: "(actual days - 29 Febs in (start, end]) / 365",
  yf: (s, e) => (e - s - leapDaysIn(s, e)) / 365,
  days: (s, e) => e - s - leapDaysIn(s, e),
});

/**
 * 30/360 ISDA, "Bond Basis" (ISDA 2006 §4.16(f)): 360(Y2-Y1) + 30(M2-M1) + (D2-D1) over 360 with
 * D1 = 31 -> 30, and D2 = 31 -> 30 if D1 (so adjusted) is 30. No February rule.
 */
export const THIRTY_360_ISDA = define({
  name: "30/360 ISDA",
  aliases: ["30/360", "Bond Basis", "360/360", "30/360 Bond Basis", "30/360 US Municipal", "30/360 ISDA Bond Basis"],
  rule: "30/360 with D1 31->30, D2 31->30 if D1 is 30 or 31",
  yf: (s, e) => thirty360IsdaDays(s, e) / 360,
  days: thirty360IsdaDays,
});

/**
 * 30U/360 EOM (SIA Standard Securities Calculation Methods; Strata THIRTY_U_360_EOM): if D1 is the
 * last day of February then D2 -> 30 when D2 is also the last day of February, and D1 -> 30; then
 * D1 = 31 -> 30 and D2 = 31 -> 30 if D1 is 30.
 */
export const THIRTY_U_360_EOM = define({
  name: "30U/360 EOM",
  aliases: ["30/360 US EOM", "30US/360 EOM", "30/360 SIA"],
  rule: "30/360 US: last day of Feb counts as 30 (D1 always, D2 if D1 is also end-Feb), then Bond Basis rules",
  yf: (s, e) => thirtyUEomDays(s, e) / 360,
  days: thirtyUEomDays,
});

/**
 * 30U/360 (Strata THIRTY_U_360): the US rule whose February adjustments depend on the schedule's
 * end-of-month convention: with ctx.eom (the default, as Strata) it is 30U/360 EOM, with eom false
 * it is 30/360 ISDA. `days` follows the same switch so that days / 360 is always the year fraction
 * (Strata's `days` counts by 30/360 ISDA whatever the flag).
 */
export const THIRTY_U_360 = define({
  name: "30U/360",
  aliases: ["30/360 US", "30US/360", "30/360 U.S.", "US 30/360"],
  rule: "30U/360 EOM when the schedule uses the end-of-month rule (default), otherwise 30/360 ISDA",
  yf: (s, e, ctx) => thirtyUDays(s, e, ctx) / 360,
  days: thirtyUDays,
});

/** 30E/360, "Eurobond Basis" (ISDA 2006 §4.16(g); ICMA Rule 251.1(ii)): D1 = 31 -> 30, D2 = 31 -> 30. */
export const THIRTY_E_360 = define({
  name: "30E/360",
  aliases: [
    "Eurobond Basis",
    "30/360 ISMA",
    "30/360 ICMA",
    "30E/360 ICMA",
    "30/360 European",
    "30S/360",
    "Special German",
  ],
  rule: "30/360 with D1 31->30 and D2 31->30",
  yf: (s, e) => thirtyE360Days(s, e) / 360,
  days: thirtyE360Days,
});

/**
 * 30E/360 ISDA (ISDA 2006 §4.16(h); QuantLib Thirty360::ISDA / German): D1 -> 30 if it is the 31st
 * or the last day of February; D2 -> 30 if it is the 31st, or the last day of February unless the
 * end date is the maturity. Needs the maturity.
 */
export const THIRTY_E_360_ISDA = define({
  name: "30E/360 ISDA",
  aliases: ["30E/360 (ISDA)", "30E/360.ISDA", "German", "30E/360 German", "30/360 German"],
  rule: "30/360 with D1 31 or end-Feb -> 30, D2 31 -> 30, D2 end-Feb -> 30 unless it is the maturity",
  needs: "maturity",
  yf: (s, e, ctx) => thirtyE360IsdaDays(s, e, ctx) / 360,
  days: thirtyE360IsdaDays,
});

/** 30E+/360 (Strata THIRTY_EPLUS_360): D1 = 31 -> 30; D2 = 31 -> 1st of the next month. */
export const THIRTY_EPLUS_360 = define({
  name: "30E+/360",
  aliases: [],
  rule: "30/360 with D1 31->30 and D2 31 -> 1st of the next month",
  yf: (s, e) => thirtyEPlusDays(s, e) / 360,
  days: thirtyEPlusDays,
});

/** BUS/252 (Brazil; Strata Bus252): business days in [start, end) / 252 by the given calendar. */
export const BUS_252 = define({
  name: "BUS/252",
  aliases: ["Business/252", "BUS252", "BD/252", "B/252"],
  rule: "business days in [start, end) / 252",
  needs: "calendar",
  yf: (s, e, ctx) => businessDaysBetween(s, e, needCalendar(ctx)) / 252,
  days: (s, e, ctx) => businessDaysBetween(s, e, needCalendar(ctx)),
});

/** Every convention, in the order documented in docs/daycounts.md. */
export const DAY_COUNTS: readonly DayCount[] = Object.freeze([
  ACT_360,
  ACT_364,
  ACT_365F,
  ACT_365_25,
  ACT_365L,
  ACT_ACT_ISDA,
  ACT_ACT_ICMA,
  ACT_ACT_AFB,
  NL_365,
  THIRTY_360_ISDA,
  THIRTY_U_360,
  THIRTY_U_360_EOM,
  THIRTY_E_360,
  THIRTY_E_360_ISDA,
  THIRTY_EPLUS_360,
  BUS_252,
]);
