/**
 * Accrued interest of a fixed-coupon bond at a settlement date.
 *
 * Composition, as QuantLib's FixedRateBond: the schedule (src/core/schedule) makes the coupon
 * periods, the day count (src/core/daycount) measures them, and this module only finds the period
 * containing settlement and multiplies.
 *
 * Rules (docs/accruals.md):
 *  - The schedule is generated backward from maturity (the market convention: any odd period is the
 *    first). With an issue date the first period runs from issue (to the first coupon when given);
 *    without one the period containing settlement is taken to be a regular coupon period.
 *  - Cum coupon: accrued = face x rate x yearFraction(period start, settlement).
 *  - ACT/ACT ICMA measures a regular period as days / (frequency x days in period); a stub is
 *    measured against its notional period(s) (ICMA Rule 251), which the schedule provides.
 *  - Ex coupon: from the period's ex date (the first settlement date that trades ex, = payment date
 *    minus N business days of the ex-coupon calendar, or N calendar days) the buyer does not receive
 *    the coming coupon, so accrued is negative: -(face x rate x yearFraction(settlement, period end)).
 *    UK gilts: the record date is 7 business days before the coupon and settles cum, so N = 6 here
 *    (as QuantLib's testExCouponGilt, checked against Bloomberg); Australian bonds: 7 calendar days.
 *  - On a coupon date accrued is zero: the period starting there has accrued nothing.
 *  - Amounts are Decimal and not rounded here; round once, to the currency's minor unit, when written.
 */
import { Calendar } from "../calendar/calendar";
import { Day, formatIso } from "../dates/civil";
import { ACT_ACT_ICMA, DayCount, DayCountContext } from "../daycount/conventions";
import { dayCountOf } from "../daycount/names";
import { numError, valueError } from "../errors";
import { Decimal } from "../money";
import { Period, ScheduleOptions, generateSchedule, periodContaining } from "../schedule/schedule";
import { yearFractionDecimal } from "./exact";

export interface BondAccruedInput {
  settlement: Day;
  maturity: Day;
  /** Annual coupon rate as a fraction (0.08 for 8%). */
  rate: Decimal.Value;
  /** Coupons a year (1, 2, 4 or 12; 3 and 6 are also accepted by the schedule). */
  frequency: number;
  /** Day count convention, or its name / alias (see src/core/daycount). */
  convention: DayCount | string;
  /** Face (nominal) amount the accrued interest is for. Default 100 (accrued per 100 nominal, as quoted). */
  face?: Decimal.Value;
  /** Issue (interest commencement) date. Needed when settlement may fall in an odd first period. */
  issue?: Day;
  /** First coupon date; with an issue date the first period [issue, firstCoupon] may be a short or long stub. */
  firstCoupon?: Day;
  /** Ex-coupon period: N business days (of exCouponCalendar) before the payment date. */
  exCouponDays?: number;
  /** Count exCouponDays in calendar days (Australian government bonds: 7). */
  exCouponCalendarDays?: boolean;
  /** Calendar for the ex-coupon business days. Default: `calendar`, else weekends only. */
  exCouponCalendar?: Calendar;
  /** Payment-date calendar (payments roll to the following business day) and BUS/252's calendar. */
  calendar?: Calendar;
  /** End-of-month rule of the schedule (default true; matters only when maturity is a month end). */
  eom?: boolean;
}

export interface BondAccrued {
  /** Accrued interest for `face`: positive cum coupon, negative ex coupon, zero on a coupon date. */
  accrued: Decimal;
  /** The coupon period containing settlement (start <= settlement < end). */
  period: Period;
  /** Signed day count in the convention: days accrued (cum), or minus the days to period end (ex). */
  days: number;
  /** Signed year fraction the accrued amount is face x rate x this. */
  yearFraction: Decimal;
  /** True when settlement is on or after the period's ex-coupon date. */
  exCoupon: boolean;
}

function checkDay(d: Day | undefined, what: string): void {
  if (d !== undefined && !Number.isInteger(d)) throw valueError(`${what} is not a whole day number: ${d}`);
}

/**
 * The day count context for measuring part of `period`: ACT/ACT ICMA against the (notional) coupon
 * period; ACT/365L against the period's end (its next coupon date); 30E/360 ISDA with the maturity;
 * BUS/252 with the calendar.
 */
export function periodContext(
  period: Period,
  dc: DayCount,
  o: { frequency: number; maturity: Day; eom?: boolean; calendar?: Calendar },
): DayCountContext {
  const icma = dc === ACT_ACT_ICMA;
  return {
    frequency: o.frequency,
    maturity: o.maturity,
    eom: o.eom ?? true,
    calendar: o.calendar,
    periodStart: icma ? (period.notionalStart ?? period.start) : period.start,
    periodEnd: icma ? (period.notionalEnd ?? period.end) : period.end,
  };
}

// Schedules are memoised: a month-end run asks for the same bond's schedule at the opening and the
// closing date, and a sheet of BO.ACCRUED cells asks for it once per cell; building it is ~75% of a
// call. Calendars key by identity (two holiday lists may share a name); cached periods are frozen so
// no caller can change a shared one.
const SCHEDULE_CACHE_LIMIT = 4096;
const scheduleCache = new Map<string, readonly Period[]>();
const calendarIds = new WeakMap<Calendar, number>();
let nextCalendarId = 1;

function calendarKey(c: Calendar | undefined): number {
  if (c === undefined) return 0;
  let id = calendarIds.get(c);
  if (id === undefined) {
    id = nextCalendarId++;
    calendarIds.set(c, id);
  }
  return id;
}

/** The coupon schedule a bond accrues on, as bondAccrued builds it (exported for tests and the CLI). */
export function bondSchedule(input: BondAccruedInput): readonly Period[] {
  const anchor =
    input.issue !== undefined ? `i${input.issue}` : input.firstCoupon !== undefined ? `f` : `s${input.settlement}`;
  const key = [
    anchor,
    input.firstCoupon ?? "",
    input.maturity,
    input.frequency,
    input.eom ?? "",
    input.exCouponDays ?? "",
    input.exCouponCalendarDays ? 1 : 0,
    calendarKey(input.calendar),
    calendarKey(input.exCouponCalendar),
  ].join("|");
  const hit = scheduleCache.get(key);
  // The first-coupon form refuses settlements before the first coupon, so it is checked on every call.
  if (hit && !(input.issue === undefined && input.firstCoupon !== undefined && input.settlement < input.firstCoupon))
    return hit;
  const periods = buildBondSchedule(input);
  for (const p of periods) Object.freeze(p);
  Object.freeze(periods);
  if (scheduleCache.size >= SCHEDULE_CACHE_LIMIT) scheduleCache.delete(scheduleCache.keys().next().value as string);
  scheduleCache.set(key, periods);
  return periods;
}

function buildBondSchedule(input: BondAccruedInput): Period[] {
  const { settlement, maturity, issue, firstCoupon } = input;
  const base: Omit<ScheduleOptions, "start"> = {
    maturity,
    frequency: input.frequency,
    eom: input.eom,
    calendar: input.calendar,
    exCouponDays: input.exCouponDays,
    exCouponCalendarDays: input.exCouponCalendarDays,
    exCouponCalendar: input.exCouponCalendar,
  };
  if (issue !== undefined) return generateSchedule({ ...base, start: issue, firstCoupon });
  if (firstCoupon !== undefined) {
    if (settlement < firstCoupon) {
      throw valueError(
        `settlement ${formatIso(settlement)} is before the first coupon ${formatIso(firstCoupon)}: the issue date is needed to know when interest started`,
      );
    }
    // From the first coupon on, periods are those rolled back from maturity down to it.
    return generateSchedule({ ...base, start: firstCoupon });
  }
  // Without issue or first coupon: the regular period containing settlement (as Excel's COUPPCD sees it).
  return generateSchedule({ ...base, start: settlement, startIsSettlement: true });
}

export function bondAccrued(input: BondAccruedInput): BondAccrued {
  const { settlement, maturity, issue, firstCoupon } = input;
  checkDay(settlement, "settlement");
  checkDay(maturity, "maturity");
  checkDay(issue, "issue");
  checkDay(firstCoupon, "first coupon");
  const dc = typeof input.convention === "string" ? dayCountOf(input.convention) : input.convention;
  const rate = new Decimal(input.rate);
  const face = new Decimal(input.face ?? 100);
  if (!rate.isFinite() || rate.isNegative()) throw numError(`coupon rate must be 0 or more: ${rate.toString()}`);
  if (!face.isFinite() || face.lte(0)) throw numError(`face amount must be greater than 0: ${face.toString()}`);
  if (settlement >= maturity) {
    throw numError(`settlement ${formatIso(settlement)} must be before maturity ${formatIso(maturity)}`);
  }
  if (issue !== undefined && settlement < issue) {
    throw numError(`settlement ${formatIso(settlement)} is before the issue date ${formatIso(issue)}`);
  }

  const periods = bondSchedule(input);
  const period = periodContaining(periods, settlement);
  if (!period) {
    // Cannot happen for issue <= settlement < maturity; kept so a schedule change fails loudly.
    throw numError(`no coupon period contains settlement ${formatIso(settlement)}`);
  }
  const ctx = periodContext(period, dc, {
    frequency: input.frequency,
    maturity,
    eom: input.eom,
    calendar: input.calendar,
  });
  const exCoupon = period.exDate !== undefined && settlement >= period.exDate;
  const [from, to] = exCoupon ? [period.end, settlement] : [period.start, settlement];
  // Ex coupon the fraction runs from period end back to settlement, so it comes out negative.
  const yearFraction = yearFractionDecimal(dc, from, to, ctx);
  return {
    accrued: face.times(rate).times(yearFraction),
    period,
    days: dc.days(from, to, ctx),
    yearFraction,
    exCoupon,
  };
}

/** Dirty (full, invoice) price = clean price + accrued interest, both per the same face. */
export function dirtyPrice(clean: Decimal.Value, accrued: Decimal.Value): Decimal {
  return new Decimal(clean).plus(accrued);
}
