/**
 * The engine's one Decimal configuration.
 *
 * decimal.js rounds every result (including sums) to `precision` significant digits; its default
 * of 20 is not enough for fund amounts: 1e15 (a quadrillion, e.g. a large JPY or KRW book) with
 * 10 decimals already needs 26 digits, and products such as amount x rate x days / 365 need more.
 * We use 34 significant digits, the precision of IEEE 754 decimal128 (what databases and
 * accounting systems commonly store money in): 1e15 with 18 decimals fits exactly, and
 * quotients are correct to 34 digits before the explicit, named rounding in ./money.ts.
 *
 * The setting is made once, here, on the decimal.js constructor that every module shares;
 * import `Decimal` from src/core/money so that this module has run before any arithmetic.
 * The default rounding for results that exceed the precision is half-up (ties away from zero),
 * the same as decimal.js's default, stated here so that nobody relies on it by accident.
 */
import Decimal from "decimal.js";

export const DECIMAL_PRECISION = 34;

Decimal.set({ precision: DECIMAL_PRECISION, rounding: Decimal.ROUND_HALF_UP });

export { Decimal };
