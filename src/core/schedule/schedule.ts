/**
 * Coupon schedules: the accrual periods of a fixed-coupon bond or swap leg, with payment and
 * ex-coupon dates. Generation, day counting and accrual are separate pieces that compose, as in
 * QuantLib (Schedule, DayCounter, FixedRateCoupon): this module only makes dates, and asks a
 * DayCount for a period's year fraction when given one.
 *
 * Decisions (docs/daycounts.md):
 *  - Dates roll backward from maturity by default (the market convention for bonds: any odd
 *    period is the first one); forward from the issue or first coupon when asked.
 *  - The end-of-month rule is on by default and matters only when the roll anchor (maturity, or
 *    the first coupon / issue rolling forward) is the last day of its month: then every coupon is a
 *    month end (a bond maturing 30 June pays 31 December).
 *  - Accrual dates are unadjusted by default (bond convention: holidays move the payment, not the
 *    interest); payment dates are adjusted, "following" by default.
 *  - exDate is the first settlement date that trades ex-coupon: payment date minus N business
 *    days of the calendar (or N calendar days). UK gilts, whose record date is 7 business days
 *    before payment and settles cum, use N = 6 (as QuantLib's testExCouponGilt does).
 */
import { BusinessDayConvention, Calendar, addBusinessDays, adjust, weekendCalendar } from "../calendar/calendar";
import { Day, formatIso } from "../dates/civil";
import { ACT_ACT_ICMA, DayCount, DayCountContext } from "../daycount/conventions";
import { numError, valueError } from "../errors";
import { monthsPerPeriod, rollDate } from "./roll";

export interface ScheduleOptions {
  /** Accrual start: the issue (interest commencement) date, or a settlement date with startIsSettlement. */
  start: Day;
  maturity: Day;
  /** Coupons a year: 1, 2, 4 or 12 (3 and 6 also accepted). */
  frequency: number;
  /** "backward" from maturity (default) or "forward" from the first coupon / start. */
  direction?: "backward" | "forward";
  /** Explicit first coupon date: the first period is [start, firstCoupon] (a stub if off the grid). */
  firstCoupon?: Day;
  /** Explicit last coupon date before maturity: the last period is [penultimateCoupon, maturity]. */
  penultimateCoupon?: Day;
  /** End-of-month rule (default true; only matters when the roll anchor is a month end). */
  eom?: boolean;
  /** Where dates do not fit the grid and no explicit date is given: "short" stub (default) or "long" (merged with its neighbour). */
  stub?: "short" | "long";
  /**
   * Treat start as a settlement date rather than an issue date: the schedule begins with the regular
   * coupon period containing it (as Excel's COUPPCD/COUPNCD see a bond), never with a stub.
   * Only with backward generation and no firstCoupon.
   */
  startIsSettlement?: boolean;
  /** Business-day calendar for payment (and, if asked, accrual) adjustment. Default: weekends only. */
  calendar?: Calendar;
  /** Adjustment of payment dates (default "following"). */
  paymentAdjustment?: BusinessDayConvention;
  /** Adjustment of accrual dates (default "none", the bond convention). */
  accrualAdjustment?: BusinessDayConvention;
  /** Ex-coupon period: N >= 0 business days (or calendar days) before each payment date. */
  exCouponDays?: number;
  /** Count exCouponDays in calendar days instead of business days (Australian bonds: 7 calendar days). */
  exCouponCalendarDays?: boolean;
  /** Calendar for the ex-coupon business days (default: calendar). */
  exCouponCalendar?: Calendar;
  /** When given, each period carries its year fraction in this convention. */
  dayCount?: DayCount;
}

export interface Period {
  /** Accrual start (unadjusted unless accrualAdjustment says otherwise). */
  start: Day;
  /** Accrual end. */
  end: Day;
  paymentDate: Day;
  /** First settlement date trading ex-coupon (only with exCouponDays). */
  exDate?: Day;
  /** True when the period is not a whole regular coupon period of the grid. */
  isStub: boolean;
  /** For a stub: the regular (notional) coupon period ICMA Rule 251 measures it against. */
  notionalStart?: Day;
  notionalEnd?: Day;
  /** Year fraction of [start, end] in options.dayCount, when given. */
  yearFraction?: number;
}

interface Node {
  date: Day;
  /** Index on the grid (date = rollDate(anchor, index x months)), or undefined when off the grid. */
  index?: number;
}

function checkDay(d: Day | undefined, what: string): void {
  if (d !== undefined && !Number.isInteger(d)) throw valueError(`${what} is not a whole day number: ${d}`);
}

/** Unadjusted schedule dates in ascending order, each marked with its grid index when on the grid. */
function generateNodes(o: ScheduleOptions, months: number, eom: boolean): { nodes: Node[]; grid: (i: number) => Day } {
  const { start, maturity, firstCoupon, penultimateCoupon } = o;
  const backward = (o.direction ?? "backward") === "backward";
  const nodes: Node[] = [];

  if (backward) {
    const anchor = penultimateCoupon ?? maturity;
    const grid = (i: number) => rollDate(anchor, i * months, eom);
    const lower = firstCoupon ?? start;
    const desc: Node[] = [];
    desc.push({ date: maturity, index: penultimateCoupon === undefined ? 0 : maturity === grid(1) ? 1 : undefined });
    if (penultimateCoupon !== undefined) desc.push({ date: penultimateCoupon, index: 0 });
    let k = -1;
    let d = grid(k);
    while (d > lower) {
      desc.push({ date: d, index: k });
      d = grid(--k);
    }
    if (o.startIsSettlement) {
      desc.push({ date: d, index: k }); // the coupon date on or before settlement
    } else {
      if (firstCoupon !== undefined) desc.push({ date: firstCoupon, index: d === firstCoupon ? k : undefined });
      if (firstCoupon !== undefined && d === firstCoupon) d = grid(--k);
      desc.push({ date: start, index: d === start ? k : undefined });
    }
    nodes.push(...desc.reverse());
    return { nodes: dedupe(nodes), grid };
  }

  const anchor = firstCoupon ?? start;
  const grid = (i: number) => rollDate(anchor, i * months, eom);
  const upper = penultimateCoupon ?? maturity;
  nodes.push({ date: start, index: firstCoupon === undefined ? 0 : start === grid(-1) ? -1 : undefined });
  if (firstCoupon !== undefined) nodes.push({ date: firstCoupon, index: 0 });
  let k = 1;
  let d = grid(k);
  while (d < upper) {
    nodes.push({ date: d, index: k });
    d = grid(++k);
  }
  if (penultimateCoupon !== undefined) {
    nodes.push({ date: penultimateCoupon, index: d === penultimateCoupon ? k : undefined });
    if (d === penultimateCoupon) d = grid(++k);
  }
  nodes.push({ date: maturity, index: d === maturity ? k : undefined });
  return { nodes: dedupe(nodes), grid };
}

/** An explicit coupon date may coincide with maturity or with the other explicit date: keep one node. */
function dedupe(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (prev && prev.date === n.date) {
      if (prev.index === undefined) prev.index = n.index;
    } else {
      out.push({ ...n });
    }
  }
  return out;
}

/** Merge a short stub at the front (backward) or back (forward) into its neighbour. */
function lengthenStub(nodes: Node[], backward: boolean): Node[] {
  if (nodes.length < 3) return nodes;
  if (backward && nodes[0].index === undefined) return [nodes[0], ...nodes.slice(2)];
  const last = nodes.length - 1;
  if (!backward && nodes[last].index === undefined) return [...nodes.slice(0, last - 1), nodes[last]];
  return nodes;
}

/**
 * The coupon periods from start to maturity. Throws #NUM! when the dates are out of order and
 * #VALUE! for an option that cannot apply.
 */
export function generateSchedule(o: ScheduleOptions): Period[] {
  for (const [k, v] of Object.entries({
    start: o.start,
    maturity: o.maturity,
    firstCoupon: o.firstCoupon,
    penultimateCoupon: o.penultimateCoupon,
  })) {
    checkDay(v, k);
  }
  const months = monthsPerPeriod(o.frequency);
  const eom = o.eom ?? true;
  const backward = (o.direction ?? "backward") === "backward";
  if (o.start >= o.maturity) {
    throw numError(`start ${formatIso(o.start)} must be before maturity ${formatIso(o.maturity)}`);
  }
  if (o.firstCoupon !== undefined && (o.firstCoupon <= o.start || o.firstCoupon > o.maturity)) {
    throw numError(`first coupon ${formatIso(o.firstCoupon)} must be after start and not after maturity`);
  }
  if (o.penultimateCoupon !== undefined) {
    const lower = o.firstCoupon ?? o.start;
    if (o.penultimateCoupon < lower || o.penultimateCoupon >= o.maturity || o.penultimateCoupon <= o.start) {
      throw numError(
        `penultimate coupon ${formatIso(o.penultimateCoupon)} must be on or after the first coupon, after start and before maturity`,
      );
    }
  }
  if (o.startIsSettlement && (!backward || o.firstCoupon !== undefined)) {
    throw valueError("a settlement start needs backward generation from maturity and no explicit first coupon");
  }
  if (o.exCouponDays !== undefined && (!Number.isInteger(o.exCouponDays) || o.exCouponDays < 0)) {
    throw numError(`ex-coupon days must be a whole number of days, 0 or more: ${o.exCouponDays}`);
  }

  const generated = generateNodes(o, months, eom);
  let nodes = generated.nodes;
  // Explicit first/penultimate coupons fix the stubs; otherwise a long stub merges the short one.
  const explicit = backward ? o.firstCoupon !== undefined : o.penultimateCoupon !== undefined;
  if (o.stub === "long" && !explicit) nodes = lengthenStub(nodes, backward);
  const grid = generated.grid;

  const calendar = o.calendar ?? weekendCalendar();
  const payConv = o.paymentAdjustment ?? "following";
  const accConv = o.accrualAdjustment ?? "none";
  const exCal = o.exCouponCalendar ?? calendar;

  const periods: Period[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i];
    const b = nodes[i + 1];
    const regular = a.index !== undefined && b.index !== undefined && b.index - a.index === 1;
    const period: Period = {
      start: adjust(a.date, accConv, calendar),
      end: adjust(b.date, accConv, calendar),
      paymentDate: adjust(b.date, payConv, calendar),
      isStub: !regular,
    };
    if (!regular) {
      // The reference period: the grid period ending at the stub's end when that is on the grid
      // (first stubs), else the one starting at its start (last stubs), else the regular period
      // ending at the stub's end.
      if (b.index !== undefined) {
        period.notionalStart = grid(b.index - 1);
        period.notionalEnd = b.date;
      } else if (a.index !== undefined) {
        period.notionalStart = a.date;
        period.notionalEnd = grid(a.index + 1);
      } else {
        period.notionalStart = rollDate(b.date, -months, eom);
        period.notionalEnd = b.date;
      }
    }
    if (o.exCouponDays !== undefined) {
      period.exDate = o.exCouponCalendarDays
        ? period.paymentDate - o.exCouponDays
        : addBusinessDays(period.paymentDate, -o.exCouponDays, exCal);
    }
    if (o.dayCount) period.yearFraction = periodYearFraction(period, o.dayCount, o);
    periods.push(period);
  }
  return periods;
}

/**
 * Year fraction of a schedule period. ACT/ACT ICMA measures against the period's notional
 * (reference) period; ACT/365L against the period's own end date (its next coupon date); the rest
 * need only the maturity (30E/360 ISDA) or the calendar (BUS/252).
 */
export function periodYearFraction(
  period: Period,
  dayCount: DayCount,
  o: Pick<ScheduleOptions, "frequency" | "maturity" | "eom" | "calendar">,
): number {
  const ctx: DayCountContext = {
    frequency: o.frequency,
    maturity: o.maturity,
    eom: o.eom ?? true,
    // No default here: BUS/252 must be told its calendar rather than count weekends only.
    calendar: o.calendar,
  };
  if (dayCount === ACT_ACT_ICMA) {
    ctx.periodStart = period.notionalStart ?? period.start;
    ctx.periodEnd = period.notionalEnd ?? period.end;
  } else {
    ctx.periodStart = period.start;
    ctx.periodEnd = period.end;
  }
  return dayCount.yearFraction(period.start, period.end, ctx);
}

/** The period whose accrual contains d (start <= d < end), or undefined outside the schedule. */
export function periodContaining(periods: readonly Period[], d: Day): Period | undefined {
  return periods.find((p) => p.start <= d && d < p.end);
}
