/**
 * `bo fn --jsonl` as a batch user drives it: every published vector of Excel's functions and of the
 * convention-exact day counts, plus the accrual and fee functions, in one run of the BUILT CLI
 * (npm test builds first). Expected values and sources: ../shared/reference/published-vectors.jsonl.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { loadVectors } from "../helpers/vectors";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");

function runJsonl(
  calls: { fn: string; args: unknown[] }[],
): Array<{ value?: unknown; error?: string; message?: string }> {
  const input = calls.map((c) => JSON.stringify(c)).join("\n") + "\n";
  const r = spawnSync("node", [bo, "fn", "--jsonl"], { cwd: root, input, encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("bo fn --jsonl answers every published vector (Excel functions and DAYCOUNT)", () => {
  const vectors = loadVectors((fn) => fn.startsWith("EXCEL.") || fn === "DAYCOUNT");
  // ACT/ACT ICMA needs its coupon grid: the vectors' notes give the frequency (semiannual / annual)
  // and the period ends on a coupon date, so maturity = end places the grid (as in daycount.test.ts).
  const icma = (v: (typeof vectors)[number]) =>
    v.rawArgs[2] === "ACT/ACT ICMA"
      ? [...v.rawArgs, v.rawArgs[1], /annual/.test(v.note ?? "") && !/semi/.test(v.note ?? "") ? 1 : 2]
      : v.rawArgs;
  // Dates go in as ISO text, as a batch file would write them; the functions coerce them like Excel.
  const answers = runJsonl(vectors.map((v) => ({ fn: `BO.${v.fn.replace(/^EXCEL\./, "")}`, args: icma(v) })));

  it("has one answer per call", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    expect(answers).toHaveLength(vectors.length);
  });
  vectors.forEach((v, i) => {
    it(`${v.fn}(${JSON.stringify(v.rawArgs)}) = ${JSON.stringify(v.expect)} (line ${v.line}: ${v.source})`, () => {
      const a = answers[i];
      expect(a.error).toBeUndefined();
      const want = v.expectSerial ?? v.expect;
      if (typeof want === "number") expect(Math.abs((a.value as number) - want)).toBeLessThanOrEqual(v.tol + 1e-15);
      else expect(a.value).toEqual(want);
    });
  });
});

describe("bo fn --jsonl reaches the accrual, schedule and fee functions", () => {
  const answers = runJsonl([
    // QuantLib testExCouponGilt (vector line 51): UK gilt 8% 2021, 7 Jun / 7 Dec, ACT/ACT ICMA,
    // ex-dividend 6 business days before payment on a weekends-only calendar here (no UK holidays fall in the window).
    { fn: "BO.ACCRUED", args: ["2013-05-29", "2021-06-07", 0.08, 2, "ACT/ACT ICMA", 100, null, null, 6] },
    { fn: "BO.ACCRUED", args: ["2013-05-30", "2021-06-07", 0.08, 2, "ACT/ACT ICMA", 100, null, null, 6] },
    // 1,000,000 for 91 days at 4% on ACT/360: 1,000,000 x 0.04 x 91/360 = 10,111.11...
    { fn: "BO.DEPOSITINTEREST", args: ["2026-01-15", "2026-04-16", 1000000, 0.04, "ACT/360"] },
    { fn: "BO.DAYCOUNTS", args: [] },
    { fn: "BO.COUPONS", args: ["2026-01-15", "2027-01-15", 2, "30/360"] },
    { fn: "BO.FRACTION_THAT_DOES_NOT_EXIST", args: [] },
    { fn: "BO.DAYCOUNT", args: ["2026-01-01", "2026-07-01", "ACT/999"] },
  ]);
  it("BO.ACCRUED gives the gilt's published cum and ex accrued interest", () => {
    expect(Math.abs((answers[0].value as number) - 3.8021978)).toBeLessThan(1e-7);
    expect(Math.abs((answers[1].value as number) - -0.1758242)).toBeLessThan(1e-7);
  });
  it("BO.DEPOSITINTEREST gives simple ACT/360 interest", () => {
    expect(Math.abs((answers[2].value as number) - (1000000 * 0.04 * 91) / 360)).toBeLessThan(1e-9);
  });
  it("BO.DAYCOUNTS spills the conventions and BO.COUPONS a header and two semi-annual periods", () => {
    const names = (answers[3].value as string[][]).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(["ACT/360", "ACT/ACT ICMA", "30E/360 ISDA", "BUS/252"]));
    const rows = answers[4].value as unknown[][];
    expect(rows).toHaveLength(3);
    expect(rows[1][3]).toBe(0.5);
  });
  it("reports unknown functions and conventions as Excel errors with a message", () => {
    expect(answers[5].error).toBe("#NAME?");
    expect(answers[6].error).toBe("#VALUE!");
    expect(answers[6].message).toMatch(/ACT\/999/);
  });
});
