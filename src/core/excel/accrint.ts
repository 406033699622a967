/**
 * ACCRINT and ACCRINTM as Excel computes them.
 *
 * Excel computes in IEEE doubles; these functions do the same on purpose (decimal.js would round
 * differently and stop matching Excel to the last digit). Engine accruals use src/core's Decimal code.
 */
import { numError } from "../errors";
import { basisArg, dateArg, frequencyArg } from "./calendar";
import { basisDays } from "./daycount";
import { QuasiCouponSchedule } from "./coupons";
import { yearfrac } from "./yearfrac";

/**
 * ACCRINT(issue, first_interest, settlement, rate, par, frequency, [basis], [calc_method]).
 *
 * Microsoft's formula: par x rate/frequency x sum over the quasi-coupon periods of the accrual
 * window of A_i / NL_i, where A_i is the accrued days of the window inside period i (in the basis's
 * day count) and NL_i the period's normal length (basis 1: its actual days; else 360/f or 365/f).
 * The quasi-coupon periods are those of the schedule through first_interest (month-end rule as for
 * the COUP* functions). The window starts at issue, except that with calc_method FALSE and settlement
 * after first_interest it starts at first_interest (Microsoft: "returns the accrued interest from
 * first_interest to settlement"). Par omitted means 1,000 (Microsoft's reference page).
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

  const start = !calcMethod && s > fi ? fi : i;
  const schedule = new QuasiCouponSchedule(fi, f);
  let sum = 0;
  for (let k = schedule.indexOnOrBefore(start); schedule.date(k) < s; k++) {
    const from = Math.max(start, schedule.date(k));
    const to = Math.min(s, schedule.date(k + 1));
    const normalLength = b === 1 ? schedule.date(k + 1) - schedule.date(k) : (b === 3 ? 365 : 360) / f;
    sum += basisDays(b, from, to) / normalLength;
  }
  return (parValue * rate) / f * sum;
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
