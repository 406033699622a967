/**
 * Year fractions as Decimal, for amounts that must stay exact until they are rounded once.
 *
 * src/core/daycount answers in doubles (one division, correct to the last bit or two). An accrual
 * multiplies that by face and rate; to keep amounts exact to Decimal's 34 digits we take the
 * convention's integer day count (`DayCount.days`) and divide it by the convention's fixed
 * denominator in Decimal. ACT/ACT ICMA within one reference period is days / (frequency x period
 * days), also exact. The remaining conventions (ACT/ACT ISDA and AFB, ACT/365L, and ICMA across
 * several notional periods of a stub) have no single denominator; for them the double year fraction
 * is taken as is, whose relative error (below 1e-15) is under a millionth of a cent on a billion.
 */
import { Day } from "../dates/civil";
import {
  ACT_360,
  ACT_364,
  ACT_365F,
  ACT_365_25,
  ACT_ACT_ICMA,
  BUS_252,
  DayCount,
  DayCountContext,
  NL_365,
  THIRTY_360_ISDA,
  THIRTY_EPLUS_360,
  THIRTY_E_360,
  THIRTY_E_360_ISDA,
  THIRTY_U_360,
  THIRTY_U_360_EOM,
} from "../daycount/conventions";
import { Decimal } from "../money";

/** Conventions whose year fraction is their `days` over one fixed number. */
const FIXED_DENOMINATOR: ReadonlyMap<DayCount, Decimal> = new Map<DayCount, Decimal>([
  [ACT_360, new Decimal(360)],
  [ACT_364, new Decimal(364)],
  [ACT_365F, new Decimal(365)],
  [ACT_365_25, new Decimal("365.25")],
  [NL_365, new Decimal(365)],
  [THIRTY_360_ISDA, new Decimal(360)],
  [THIRTY_U_360, new Decimal(360)],
  [THIRTY_U_360_EOM, new Decimal(360)],
  [THIRTY_E_360, new Decimal(360)],
  [THIRTY_E_360_ISDA, new Decimal(360)],
  [THIRTY_EPLUS_360, new Decimal(360)],
  [BUS_252, new Decimal(252)],
]);

/** True when the convention's year fraction is days over a fixed denominator (linear in its day count). */
export function hasFixedDenominator(dc: DayCount): boolean {
  return FIXED_DENOMINATOR.has(dc);
}

/**
 * `dc.yearFraction(start, end, ctx)` as a Decimal: exact where the convention is one integer over
 * another (see the module comment), otherwise the double converted without further loss.
 */
export function yearFractionDecimal(dc: DayCount, start: Day, end: Day, ctx: DayCountContext = {}): Decimal {
  const den = FIXED_DENOMINATOR.get(dc);
  if (den !== undefined) return new Decimal(dc.days(start, end, ctx)).div(den);
  if (dc === ACT_ACT_ICMA) {
    const { periodStart: ps, periodEnd: pe, frequency: f } = ctx;
    const lo = Math.min(start, end);
    const hi = Math.max(start, end);
    if (ps !== undefined && pe !== undefined && f !== undefined && pe > ps && lo >= ps && hi <= pe) {
      // Still let the convention validate the frequency and dates: it throws where it must.
      dc.yearFraction(start, end, ctx);
      return new Decimal(end - start).div(new Decimal(f).times(pe - ps));
    }
  }
  return new Decimal(dc.yearFraction(start, end, ctx));
}
