/**
 * The decimal tolerance rule (src/taskpane/tolerance.ts), used by the pass cards for absolute and
 * relative tolerances. Expected outcomes follow the profile contract (src/core/recon/profile.ts:
 * ComparisonRule tolerance is "decimal text", |left - right| <= tolerance matches), so the pane must
 * pass a non-negative plain decimal through unchanged and refuse anything it would have to guess at.
 */
import { checkTolerance } from "../../src/taskpane/tolerance";

describe("checkTolerance", () => {
  test.each([
    ["0.01", "0.01"],
    ["0", "0"],
    ["  0.5 ", "0.5"],
    ["10", "10"],
    [".25", ".25"],
    ["1.", "1."],
    // Digits are passed through as text so decimal.js sees exactly what the user typed.
    ["0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827"],
  ])("accepts %j as %j", (input, value) => {
    expect(checkTolerance(input)).toEqual({ ok: true, value });
  });

  test.each([
    ["", /Enter a tolerance/],
    ["   ", /Enter a tolerance/],
    ["-0.01", /cannot be negative/],
    ["0,01", /decimal separator/],
    ["1,000.5", /decimal separator/],
    ["abc", /must be a decimal number/],
    ["1e-2", /must be a decimal number/],
    ["0.01.2", /must be a decimal number/],
    ["+1", /must be a decimal number/],
    ["NaN", /must be a decimal number/],
    ["Infinity", /must be a decimal number/],
    [".", /must be a decimal number/],
  ])("rejects %j with a message", (input, message) => {
    const r = checkTolerance(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
