/**
 * Explicit, named rounding of Decimal amounts.
 *
 * - "half-up":   ties away from zero (2.345 -> 2.35, -2.345 -> -2.35). What Excel's ROUND does
 *                and what most fund administrators mean by "round half up".
 * - "half-even": ties to the even digit, "banker's rounding" (2.345 -> 2.34, 2.355 -> 2.36);
 *                used where rounding bias over many items matters.
 * - "down":      toward zero, i.e. truncation (2.349 -> 2.34, -2.349 -> -2.34); e.g. NAV per share
 *                policies that never round in the investor's favour on redemptions.
 */
import { Decimal } from "./decimal";
import { minorUnits } from "./currencies";

export type RoundingMode = "half-up" | "half-even" | "down";

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
};

/** Round to a number of decimal places (0 or more). */
export function roundTo(amount: Decimal, decimals: number, mode: RoundingMode = "half-up"): Decimal {
  if (!Number.isInteger(decimals) || decimals < 0) {
    throw new RangeError(`decimals must be a whole number of 0 or more, got ${decimals}`);
  }
  const rm = DECIMAL_JS_MODE[mode];
  if (rm === undefined) throw new RangeError(`unknown rounding mode '${mode}'`);
  return amount.toDecimalPlaces(decimals, rm);
}

/** Round to the currency's minor unit (ISO 4217): USD 2 decimals, JPY 0, KWD 3. */
export function roundMoney(amount: Decimal, currency: string, mode: RoundingMode = "half-up"): Decimal {
  return roundTo(amount, minorUnits(currency), mode);
}
