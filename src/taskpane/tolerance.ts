/**
 * The tolerance field's rule, kept apart from the component so it can be tested without a DOM.
 *
 * The engine takes tolerances as decimal text (ComparisonRule.tolerance in src/core/recon/profile.ts)
 * and reads them exactly, so the pane passes the user's digits through unchanged: "0.1" stays
 * exactly 0.1, never the binary double nearest to it. Used for absolute and relative tolerances;
 * counts (business days, minor units) use checkCount in ./pass-edit.ts.
 */

export type ToleranceCheck = { ok: true; value: string } | { ok: false; message: string };

const PLAIN_DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

export function checkTolerance(input: string): ToleranceCheck {
  const text = input.trim();
  if (text === "") {
    return { ok: false, message: "Enter a tolerance, for example 0.01 (0 means amounts must be equal)." };
  }
  if (/^-/.test(text) && PLAIN_DECIMAL.test(text.slice(1))) {
    return {
      ok: false,
      message: "Tolerance cannot be negative: it is the largest difference still counted as a match.",
    };
  }
  if (/^[\d.]*,[\d.,]*$/.test(text)) {
    // "0,01" (decimal comma) and "1,000" (thousands separator) are both plausible readings; refuse
    // to guess, since the two differ by a factor of 100 000.
    return {
      ok: false,
      message: "Use a point as the decimal separator and no thousands separators, for example 0.01.",
    };
  }
  if (!PLAIN_DECIMAL.test(text)) {
    return { ok: false, message: "Tolerance must be a decimal number of 0 or more, for example 0.01." };
  }
  return { ok: true, value: text };
}
