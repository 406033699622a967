/**
 * The run summary in words (src/taskpane/recon-summary.ts), from a ReconSummary value shaped as the
 * contract says (src/core/recon/profile.ts). The figures are those of the trade seed counted by hand
 * in test/browser/trade-seed.ts (books 10 rows, 5 matched; custodian 10 rows, 6 matched; pass rates
 * 4/10, 5/9, 1/3, 1/2); the code order is BREAK_CODES' documented order, as on the Summary sheet.
 */
import type { ReconSummary } from "../../src/core/recon/profile";
import { percent, summaryLines } from "../../src/taskpane/recon-summary";

const summary: ReconSummary = {
  left: { label: "Books", rows: 10, matched: 5, inBreaks: 5, excluded: 0, totals: {} },
  right: { label: "Custodian", rows: 10, matched: 6, inBreaks: 4, excluded: 0, totals: {} },
  passes: [
    { name: "reference", matchedLeft: 4, matchedRight: 5, rateLeft: 4 / 10, rateRight: 5 / 9 },
    { name: "economics", matchedLeft: 1, matchedRight: 1, rateLeft: 1 / 3, rateRight: 1 / 2 },
  ],
  breaksByCode: {
    ROW_ERROR: 1,
    DUPLICATE: 1,
    MISSING_RIGHT: 2,
    QUANTITY: 1,
    MISSING_LEFT: 1,
    LATE_CONFIRM: 1,
    AMOUNT: 0,
  },
  suggestions: 0,
  conservation: { leftIn: 10, leftOut: 10, rightIn: 10, rightOut: 10, holds: true },
};

describe("summaryLines", () => {
  test("rows per side, codes in the documented order (user codes last, zero counts left out), rates per pass", () => {
    const l = summaryLines(summary);
    expect(l.sides).toEqual([
      "Books: 10 rows, 5 matched, 5 in breaks, 0 excluded",
      "Custodian: 10 rows, 6 matched, 4 in breaks, 0 excluded",
    ]);
    expect(l.codes).toEqual([
      "MISSING_LEFT (missing in Books): 1",
      "MISSING_RIGHT (missing in Custodian): 2",
      "QUANTITY: 1",
      "DUPLICATE: 1",
      "ROW_ERROR: 1",
      "LATE_CONFIRM: 1",
    ]);
    expect(l.passes).toEqual(["reference: Books 40%, Custodian 55.6%", "economics: Books 33.3%, Custodian 50%"]);
    expect(l.conservation).toBe("rows in = rows out: yes (Books 10 in, 10 out; Custodian 10 in, 10 out)");
  });

  test("a failed conservation check says NO", () => {
    const broken = { ...summary, conservation: { ...summary.conservation, rightOut: 9, holds: false } };
    expect(summaryLines(broken).conservation).toMatch(/^rows in = rows out: NO \(.*Custodian 10 in, 9 out\)$/);
  });
});

describe("percent", () => {
  test.each([
    [0.4, "40%"],
    [5 / 9, "55.6%"],
    [1, "100%"],
    [0, "0%"],
    [Number.NaN, "–"],
  ])("%p -> %p", (rate, text) => {
    expect(percent(rate)).toBe(text);
  });
});
