/**
 * PRICE and YIELD of a bond paying periodic interest, as Excel computes them (in doubles).
 *
 * Sources: Microsoft's PRICE and YIELD reference pages (formulas and examples); LibreOffice's
 * scaddins getPrice_/GetYield for the coupon quantities (A, DSC, E, N, see ./coupons.ts).
 */
import { numError } from "../errors";
import { CouponPeriod, couponPeriod, daysBeforeSettlement, periodDays } from "./coupons";

interface PriceTerms {
  /** Accrued days A, days to next coupon DSC, period days E, coupons remaining N. */
  a: number;
  dsc: number;
  e: number;
  n: number;
  f: number;
}

/**
 * PRICE and YIELD take DSC as E - A on every basis, not COUPDAYSNC (they differ on bases 2, 3 and 4,
 * and on basis 0 next to a February end); this is what reproduces Excel's recorded PRICE results
 * (fsprojects/ExcelFinancialFunctions price.test, getPriceYieldFactors).
 */
function terms(p: CouponPeriod): PriceTerms {
  const a = daysBeforeSettlement(p);
  const e = periodDays(p);
  return { a, dsc: e - a, e, n: p.num, f: p.frequency };
}

/**
 * Clean price per 100 face.
 * One coupon left (N = 1): simple-interest discounting over the fraction DSC/E of a period,
 *   (redemption + 100 r/f) / (1 + DSC/E x y/f) - 100 r/f x A/E,
 * the exact inverse of the closed form Microsoft documents for YIELD, so PRICE(YIELD(p)) = p.
 * More: Microsoft's formula, redemption and coupons discounted at (1 + y/f)^(k - 1 + DSC/E).
 */
function priceFromTerms(t: PriceTerms, rate: number, yld: number, redemption: number): number {
  const coupon = (100 * rate) / t.f;
  const accrued = (coupon * t.a) / t.e;
  const fraction = t.dsc / t.e;
  if (t.n === 1) return (redemption + coupon) / (1 + (fraction * yld) / t.f) - accrued;
  const base = 1 + yld / t.f;
  let pv = redemption / Math.pow(base, t.n - 1 + fraction);
  for (let k = 1; k <= t.n; k++) pv += coupon / Math.pow(base, k - 1 + fraction);
  return pv - accrued;
}

/** d price / d yield for N > 1, for Newton's method. */
function priceDerivative(t: PriceTerms, rate: number, yld: number, redemption: number): number {
  const coupon = (100 * rate) / t.f;
  const fraction = t.dsc / t.e;
  const base = 1 + yld / t.f;
  let exponent = t.n - 1 + fraction;
  let d = (-exponent * redemption) / Math.pow(base, exponent + 1);
  for (let k = 1; k <= t.n; k++) {
    exponent = k - 1 + fraction;
    d -= (exponent * coupon) / Math.pow(base, exponent + 1);
  }
  return d / t.f;
}

/** PRICE(settlement, maturity, rate, yld, redemption, frequency, [basis]). */
export function price(
  settlement: number,
  maturity: number,
  rate: number,
  yld: number,
  redemption: number,
  frequency: number,
  basis = 0,
): number {
  const p = couponPeriod(settlement, maturity, frequency, basis);
  if (rate < 0) throw numError("rate must not be negative");
  if (yld < 0) throw numError("yld must not be negative");
  if (!(redemption > 0)) throw numError("redemption must be greater than 0");
  return priceFromTerms(terms(p), rate, yld, redemption);
}

/**
 * YIELD(settlement, maturity, rate, pr, redemption, frequency, [basis]).
 * One coupon period or less to redemption: Microsoft's closed form
 *   ((redemption/100 + r/f) - (pr/100 + A/E x r/f)) / (pr/100 + A/E x r/f) x f x E / DSR.
 * Otherwise the yield that makes PRICE equal pr: Newton's method (as Excel, which documents
 * "calculated through a hundred iterations"), kept inside a bracket by bisection so it cannot diverge.
 * No solution within 100 iterations is #NUM!, as in Excel.
 */
export function yieldOf(
  settlement: number,
  maturity: number,
  rate: number,
  pr: number,
  redemption: number,
  frequency: number,
  basis = 0,
): number {
  const p = couponPeriod(settlement, maturity, frequency, basis);
  if (rate < 0) throw numError("rate must not be negative");
  if (!(pr > 0)) throw numError("pr must be greater than 0");
  if (!(redemption > 0)) throw numError("redemption must be greater than 0");
  const t = terms(p);
  if (t.n <= 1) {
    const dsr = t.dsc; // with one period left the next coupon date is the redemption date
    // 30/360 can leave no days at all (settlement 2099-12-30, maturity 2099-12-31, basis 0): the
    // formula divides by zero there; Excel's answer is not documented, we answer #NUM!.
    if (dsr === 0) throw numError("no days left to redemption in this basis (E - A = 0)");
    const paid = pr / 100 + (t.a / t.e) * (rate / t.f);
    return ((redemption / 100 + rate / t.f - paid) / paid) * ((t.f * t.e) / dsr);
  }
  return solveYield(t, rate, pr, redemption);
}

function solveYield(t: PriceTerms, rate: number, pr: number, redemption: number): number {
  const f = (y: number) => priceFromTerms(t, rate, y, redemption) - pr;
  // Price falls as yield rises (for y > -f). Bracket the root: f(lo) > 0 > f(hi).
  let lo = 0;
  let hi = 1;
  let guard = 0;
  while (f(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (++guard > 60) throw numError("YIELD found no yield for this price");
  }
  guard = 0;
  while (f(lo) < 0) {
    hi = lo;
    // Approach -frequency (where the price is unbounded) from above.
    lo = lo === 0 ? -t.f / 2 : (lo - t.f) / 2;
    if (++guard > 60) throw numError("YIELD found no yield for this price");
  }
  let y = rate > lo && rate < hi ? rate : (lo + hi) / 2;
  for (let i = 0; i < 100; i++) {
    const fy = f(y);
    if (fy === 0) return y;
    if (fy > 0) lo = y;
    else hi = y;
    let next = y - fy / priceDerivative(t, rate, y, redemption);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - y) <= 1e-15 * Math.max(1, Math.abs(y))) return next;
    y = next;
  }
  if (Math.abs(f(y)) < 1e-9 * pr) return y;
  throw numError("YIELD did not converge in 100 iterations");
}
