/**
 * COUPDAYBS, COUPDAYS, COUPDAYSNC, COUPNCD, COUPPCD, COUPNUM(settlement, maturity, frequency, [basis]).
 *
 * Quasi-coupon dates are generated backward from maturity in steps of 12/frequency months, each one
 * computed from maturity directly (maturity - k steps), so a 30th never drifts to the 28th after a
 * February. When maturity is the last day of its month every quasi-coupon date is the last day of its
 * month (Excel's month-end rule); otherwise the day is maturity's day, clamped to the month's length.
 * Rules as in LibreOffice's scaddins (analysishelper.cxx: lcl_GetCouppcd, lcl_GetCoupncd, GetCoupdays,
 * GetCoupdaybs, GetCoupdaysnc, GetCoupnum), which agree with Excel, checked against Microsoft's examples.
 */
import { numError } from "../errors";
import {
  Basis,
  Civil,
  Frequency,
  basisArg,
  civil,
  dateArg,
  excelDaysInMonth,
  frequencyArg,
  isLastDayOfMonth,
  serialOf,
} from "./calendar";
import { basisDays, days30360BothEnds, days30360European } from "./daycount";

/** A coupon schedule anchored on one date (maturity for COUP*, first_interest for ACCRINT). */
export class QuasiCouponSchedule {
  private readonly anchor: Civil;
  private readonly monthEnd: boolean;
  readonly stepMonths: number;

  constructor(anchorSerial: number, frequency: Frequency) {
    this.anchor = civil(anchorSerial);
    this.monthEnd = isLastDayOfMonth(this.anchor);
    this.stepMonths = 12 / frequency;
  }

  /** The quasi-coupon date k steps after the anchor (k may be negative). */
  date(k: number): number {
    const total = this.anchor.y * 12 + (this.anchor.m - 1) + k * this.stepMonths;
    const y = Math.floor(total / 12);
    const m = total - y * 12 + 1;
    const dim = excelDaysInMonth(y, m);
    return serialOf(y, m, this.monthEnd ? dim : Math.min(this.anchor.d, dim));
  }

  /** The index k of the last quasi-coupon date on or before serial s: date(k) <= s < date(k + 1). */
  indexOnOrBefore(s: number): number {
    const c = civil(s);
    const months = c.y * 12 + (c.m - 1) - (this.anchor.y * 12 + (this.anchor.m - 1));
    let k = Math.floor(months / this.stepMonths);
    while (this.date(k) > s) k--;
    while (this.date(k + 1) <= s) k++;
    return k;
  }
}

export interface CouponPeriod {
  settlement: number;
  maturity: number;
  frequency: Frequency;
  basis: Basis;
  /** Previous quasi-coupon date (on or before settlement). */
  pcd: number;
  /** Next quasi-coupon date (after settlement). */
  ncd: number;
  /** Quasi-coupon dates from ncd to maturity inclusive. */
  num: number;
}

/** Validates the COUP* arguments as Excel does and locates settlement in maturity's schedule. */
export function couponPeriod(settlement: number, maturity: number, frequency: number, basis = 0): CouponPeriod {
  const s = dateArg(settlement, "settlement");
  const m = dateArg(maturity, "maturity");
  const f = frequencyArg(frequency);
  const b = basisArg(basis);
  if (s >= m) throw numError("settlement must be before maturity");
  const schedule = new QuasiCouponSchedule(m, f);
  const k = schedule.indexOnOrBefore(s); // negative: k steps before maturity
  return {
    settlement: s,
    maturity: m,
    frequency: f,
    basis: b,
    pcd: schedule.date(k),
    ncd: schedule.date(k + 1),
    num: -k,
  };
}

/** E: days in the coupon period containing settlement (basis 1 actual; else 360/f or 365/f). */
export function periodDays(p: CouponPeriod): number {
  switch (p.basis) {
    case 1:
      return p.ncd - p.pcd;
    case 3:
      return 365 / p.frequency;
    default:
      return 360 / p.frequency;
  }
}

/** A: days from the previous coupon date to settlement, in the basis's day count. */
export function daysBeforeSettlement(p: CouponPeriod): number {
  return basisDays(p.basis, p.pcd, p.settlement);
}

/**
 * DSC: days from settlement to the next coupon date, as Excel's COUPDAYSNC counts them:
 * - basis 0: the US 30/360 length of the whole quasi-coupon period, counted with both ends moved
 *   to the 30th (see days30360BothEnds), minus A. That is 360/f except next to a February end that
 *   is not the schedule's day (a 2000-02-28 maturity: 362 - 17 = 345 from 1980-03-15);
 * - basis 4: the European 30/360 count from settlement to the next coupon date (so A + DSC may
 *   differ from E = 360/f when the next coupon falls at the end of February);
 * - bases 1, 2, 3: actual days.
 * Checked against Excel-recorded results (fsprojects/ExcelFinancialFunctions coupdaysnc.test).
 */
export function daysToNextCoupon(p: CouponPeriod): number {
  switch (p.basis) {
    case 0:
      return days30360BothEnds(p.pcd, p.ncd) - daysBeforeSettlement(p);
    case 4:
      return days30360European(p.settlement, p.ncd);
    default:
      return p.ncd - p.settlement;
  }
}

export function coupdaybs(settlement: number, maturity: number, frequency: number, basis = 0): number {
  return daysBeforeSettlement(couponPeriod(settlement, maturity, frequency, basis));
}

export function coupdays(settlement: number, maturity: number, frequency: number, basis = 0): number {
  return periodDays(couponPeriod(settlement, maturity, frequency, basis));
}

export function coupdaysnc(settlement: number, maturity: number, frequency: number, basis = 0): number {
  return daysToNextCoupon(couponPeriod(settlement, maturity, frequency, basis));
}

export function coupncd(settlement: number, maturity: number, frequency: number, basis = 0): number {
  return couponPeriod(settlement, maturity, frequency, basis).ncd;
}

export function couppcd(settlement: number, maturity: number, frequency: number, basis = 0): number {
  const pcd = couponPeriod(settlement, maturity, frequency, basis).pcd;
  // Excel cannot show a date before 1900-01-00.
  if (pcd < 0) throw numError("the previous coupon date falls before 1900");
  return pcd;
}

export function coupnum(settlement: number, maturity: number, frequency: number, basis = 0): number {
  return couponPeriod(settlement, maturity, frequency, basis).num;
}
