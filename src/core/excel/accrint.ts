/**
 * ACCRINT and ACCRINTM as Excel computes them.
 *
 * Excel computes in IEEE doubles; these functions do the same on purpose (decimal.js would round
 * differently and stop matching Excel to the last digit). Engine accruals use src/core's Decimal code.
 */
import { numError } from "../errors";
import { Basis, basisArg, dateArg, frequencyArg } from "./calendar";
import { basisDays, days30360Basis0, days30360BothEnds, days30360European } from "./daycount";
import { QuasiCouponSchedule } from "./coupons";
import { yearfrac } from "./yearfrac";

/**
 * ACCRINT(issue, first_interest, settlement, rate, par, frequency, [basis], [calc_method]).
 *
 * Microsoft documents par x rate/frequency x the sum over quasi-coupon periods of A_i / NL_i. What
 * Excel computes (recorded in fsprojects/ExcelFinancialFunctions accrint.test, Excel 2010, and
 * reproduced here to the last digit) is this reading of it, on the schedule through first_interest
 * (steps of 12/frequency months, month-end rule when first_interest is a month end):
 * - let P be the quasi-coupon date one period before first_interest; when settlement is after
 *   first_interest and calc_method is TRUE, P is instead the last schedule date before settlement;
 * - the settlement slice is days(max(issue, P), settlement) / E, where E is the normal length of the
 *   period ending at first_interest (360/f, 365/f, or its actual days for basis 1). When settlement
 *   falls before P this slice is negative: it takes back the part of a period counted whole below;
 * - walking back from P towards issue, every whole period counts 1 when calc_method is TRUE and 0
 *   when FALSE, and the period containing issue counts days(issue, period end) / its length.
 * For basis 0 the stub is counted with the US 30/360 rule of YEARFRAC and its length with both ends
 * moved to the 30th (days30360BothEnds); for basis 2 the stub length is a US 30/360 count, for basis 3
 * it is 365/f. Par omitted means 1,000 (Microsoft's reference page).
 */
export function accrint(
  issue: number,
  firstInterest: number,
  settlement: number,
  rate: number,
  par: number | undefined,
  frequency: number,
  basis = 0,
  calcMethod = true,
): number {
  const i = dateArg(issue, "issue");
  const fi = dateArg(firstInterest, "first_interest");
  const s = dateArg(settlement, "settlement");
  const f = frequencyArg(frequency);
  const b = basisArg(basis);
  const parValue = par ?? 1000;
  if (!(rate > 0)) throw numError("rate must be greater than 0");
  if (!(parValue > 0)) throw numError("par must be greater than 0");
  if (i >= s) throw numError("issue must be before settlement");

  const schedule = new QuasiCouponSchedule(fi, f);
  // Schedule index of P: -1 is the regular period start before first_interest.
  let k = s > fi && calcMethod ? schedule.indexOnOrBefore(s - 1) : -1;
  const p = schedule.date(k);
  const normalLength = b === 1 ? fi - schedule.date(-1) : (b === 3 ? 365 : 360) / f;
  let periods = basisDays(b, Math.max(i, p), s) / normalLength;
  for (; schedule.date(k) > i; k--) {
    const end = schedule.date(k);
    const start = schedule.date(k - 1);
    if (i <= start) {
      periods += calcMethod ? 1 : 0;
    } else {
      periods += basisDays(b, i, end) / stubPeriodLength(b, f, start, end);
    }
  }
  return ((parValue * rate) / f) * periods;
}

/** The length ACCRINT divides the issue stub by: the period's own length in Excel's counting. */
function stubPeriodLength(b: Basis, f: number, start: number, end: number): number {
  switch (b) {
    case 0:
      return days30360BothEnds(start, end);
    case 2:
      return days30360Basis0(start, end);
    case 3:
      return 365 / f;
    case 4:
      return days30360European(start, end);
    default:
      return end - start;
  }
}

/**
 * ACCRINTM(issue, settlement, rate, [par], [basis]): par x rate x A/D for a security paying at
 * maturity. A/D is Excel's year fraction in the basis (exactly days/360 or days/365 for bases 0, 2,
 * 3, 4; for basis 1 the YEARFRAC actual/actual fraction).
 */
export function accrintm(issue: number, settlement: number, rate: number, par: number | undefined, basis = 0): number {
  const i = dateArg(issue, "issue");
  const s = dateArg(settlement, "settlement");
  const b = basisArg(basis);
  const parValue = par ?? 1000;
  if (!(rate > 0)) throw numError("rate must be greater than 0");
  if (!(parValue > 0)) throw numError("par must be greater than 0");
  if (i >= s) throw numError("issue must be before settlement");
  return parValue * rate * yearfrac(i, s, b);
}
