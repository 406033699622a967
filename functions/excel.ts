/**
 * Excel-exact financial worksheet functions, also available as BO.<NAME> custom functions (so that
 * the CLI and Excel Online without the Analysis ToolPak compute exactly what desktop Excel computes).
 *
 * Convention (see ./lib/registry.ts): each custom function is an exported function whose name,
 * upper-cased, is its Excel name; `yield` is a reserved word in strict-mode JavaScript, so YIELD is
 * exported as `yieldFn` and the registry drops the `Fn` suffix. Ids never change once shipped.
 */
import * as core from "../src/core/excel";
import { argBool, argDate, argInt, argNumber, optional, toExcel } from "./lib/args";

/**
 * Fraction of a year between two dates in an Excel day-count basis, exactly as Excel's YEARFRAC.
 * @customfunction YEARFRAC
 * @param {number} start Start date as a date or serial.
 * @param {number} end End date as a date or serial (the dates may be in either order).
 * @param {number} [basis] Day-count basis: 0 US 30/360 (default), 1 actual/actual, 2 actual/360, 3 actual/365, 4 European 30/360.
 * @returns {number} The year fraction.
 */
export function yearfrac(start: number, end: number, basis?: number): number {
  return toExcel(() => core.yearfrac(argDate(start, "start"), argDate(end, "end"), argInt(basis, "basis", 0)));
}

/**
 * Days between two dates on a 360-day year, exactly as Excel's DAYS360.
 * @customfunction DAYS360
 * @param {number} start Start date as a date or serial.
 * @param {number} end End date as a date or serial.
 * @param {boolean} [method] FALSE or omitted: US (NASD) method; TRUE: European method.
 * @returns {number} The number of 30/360 days (negative when end is before start).
 */
export function days360(start: number, end: number, method?: boolean): number {
  return toExcel(() => core.days360(argDate(start, "start"), argDate(end, "end"), argBool(method, "method", false)));
}

/**
 * Accrued interest of a security paying periodic interest, exactly as Excel's ACCRINT.
 * @customfunction ACCRINT
 * @param {number} issue Issue date as a date or serial.
 * @param {number} firstInterest First interest date as a date or serial.
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} rate Annual coupon rate (e.g. 0.1 for 10%).
 * @param {number} par Par value (1,000 when left empty).
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @param {boolean} [calcMethod] TRUE or omitted: accrue from issue; FALSE: from first interest date when settlement is after it.
 * @returns {number} The accrued interest.
 */
export function accrint(
  issue: number,
  firstInterest: number,
  settlement: number,
  rate: number,
  par: number,
  frequency: number,
  basis?: number,
  calcMethod?: boolean,
): number {
  return toExcel(() =>
    core.accrint(
      argDate(issue, "issue"),
      argDate(firstInterest, "first_interest"),
      argDate(settlement, "settlement"),
      argNumber(rate, "rate"),
      argNumber(par, "par", 1000),
      argInt(frequency, "frequency"),
      argInt(basis, "basis", 0),
      argBool(calcMethod, "calc_method", true),
    ),
  );
}

/**
 * Accrued interest of a security paying interest at maturity, exactly as Excel's ACCRINTM.
 * @customfunction ACCRINTM
 * @param {number} issue Issue date as a date or serial.
 * @param {number} settlement Maturity (settlement) date as a date or serial.
 * @param {number} rate Annual coupon rate.
 * @param {number} [par] Par value (default 1,000).
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The accrued interest.
 */
export function accrintm(issue: number, settlement: number, rate: number, par?: number, basis?: number): number {
  return toExcel(() =>
    core.accrintm(
      argDate(issue, "issue"),
      argDate(settlement, "settlement"),
      argNumber(rate, "rate"),
      optional(par) === undefined ? undefined : argNumber(par, "par"),
      argInt(basis, "basis", 0),
    ),
  );
}

/**
 * Days from the start of the coupon period to settlement, exactly as Excel's COUPDAYBS.
 * @customfunction COUPDAYBS
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} Days from the previous coupon date to settlement.
 */
export function coupdaybs(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.coupdaybs(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Days in the coupon period that contains settlement, exactly as Excel's COUPDAYS.
 * @customfunction COUPDAYS
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} Days in the coupon period.
 */
export function coupdays(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.coupdays(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Days from settlement to the next coupon date, exactly as Excel's COUPDAYSNC.
 * @customfunction COUPDAYSNC
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} Days from settlement to the next coupon date.
 */
export function coupdaysnc(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.coupdaysnc(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Next coupon date after settlement, exactly as Excel's COUPNCD.
 * @customfunction COUPNCD
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The next coupon date as a serial (format the cell as a date).
 */
export function coupncd(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.coupncd(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Previous coupon date on or before settlement, exactly as Excel's COUPPCD.
 * @customfunction COUPPCD
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The previous coupon date as a serial (format the cell as a date).
 */
export function couppcd(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.couppcd(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Number of coupons payable between settlement and maturity, exactly as Excel's COUPNUM.
 * @customfunction COUPNUM
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The number of coupons, rounded up to a whole coupon.
 */
export function coupnum(settlement: number, maturity: number, frequency: number, basis?: number): number {
  return toExcel(() => core.coupnum(...couponArgs(settlement, maturity, frequency, basis)));
}

/**
 * Price per 100 face of a security paying periodic interest, exactly as Excel's PRICE.
 * @customfunction PRICE
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} rate Annual coupon rate.
 * @param {number} yld Annual yield.
 * @param {number} redemption Redemption value per 100 face.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The clean price per 100 face.
 */
export function price(
  settlement: number,
  maturity: number,
  rate: number,
  yld: number,
  redemption: number,
  frequency: number,
  basis?: number,
): number {
  return toExcel(() =>
    core.price(
      argDate(settlement, "settlement"),
      argDate(maturity, "maturity"),
      argNumber(rate, "rate"),
      argNumber(yld, "yld"),
      argNumber(redemption, "redemption"),
      argInt(frequency, "frequency"),
      argInt(basis, "basis", 0),
    ),
  );
}

/**
 * Yield of a security paying periodic interest, exactly as Excel's YIELD.
 * @customfunction YIELD
 * @param {number} settlement Settlement date as a date or serial.
 * @param {number} maturity Maturity date as a date or serial.
 * @param {number} rate Annual coupon rate.
 * @param {number} pr Clean price per 100 face.
 * @param {number} redemption Redemption value per 100 face.
 * @param {number} frequency Coupons per year: 1, 2 or 4.
 * @param {number} [basis] Day-count basis 0-4 (default 0, US 30/360).
 * @returns {number} The annual yield.
 */
export function yieldFn(
  settlement: number,
  maturity: number,
  rate: number,
  pr: number,
  redemption: number,
  frequency: number,
  basis?: number,
): number {
  return toExcel(() =>
    core.yieldOf(
      argDate(settlement, "settlement"),
      argDate(maturity, "maturity"),
      argNumber(rate, "rate"),
      argNumber(pr, "pr"),
      argNumber(redemption, "redemption"),
      argInt(frequency, "frequency"),
      argInt(basis, "basis", 0),
    ),
  );
}

function couponArgs(
  settlement: unknown,
  maturity: unknown,
  frequency: unknown,
  basis: unknown,
): [number, number, number, number] {
  return [
    argDate(settlement, "settlement"),
    argDate(maturity, "maturity"),
    argInt(frequency, "frequency"),
    argInt(basis, "basis", 0),
  ];
}
