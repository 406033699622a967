/**
 * Every published FEE.* vector (../shared/reference/published-vectors.jsonl) through the core and,
 * where a worksheet function exists, through the BO custom function as well. Each test name carries
 * the vector's line and its `source`. A FEE.* routine without a runner here fails the suite, so a
 * vector added to the file cannot be silently skipped.
 *
 * The shared loader in test/helpers/vectors.ts expects `args` to be a list; the FEE vectors give
 * named arguments (an object), so they are read here.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { Decimal } from "../../src/core/money";
import { dayFromCivil, serialFromDay } from "../../src/core/dates";
import { accrueManagementFee, annualFee, bandsFromSlices, dailyFee, settleEqualisation } from "../../src/core/fees";
import { feetier, mgmtfee } from "../../functions/fees";

interface FeeVector {
  fn: string;
  args: Record<string, unknown>;
  expect: unknown;
  tol: number;
  source: string;
  line: number;
}

const FILE = path.resolve(__dirname, "../../../shared/reference/published-vectors.jsonl");
const vectors: FeeVector[] = readFileSync(FILE, "utf8")
  .split(/\r?\n/)
  .map((text, i) => ({ text, line: i + 1 }))
  .filter(({ text }) => text.trim() !== "")
  .map(({ text, line }) => ({ ...(JSON.parse(text) as Omit<FeeVector, "line">), line }))
  .filter((v) => v.fn.startsWith("FEE."));

const D = (v: unknown) => new Decimal(v as Decimal.Value);
const within = (actual: Decimal, expected: unknown, tol: number) =>
  actual.minus(D(expected)).abs().lessThanOrEqualTo(tol);

const runners: Record<string, (v: FeeVector) => void> = {
  "FEE.TIERED": (v) => {
    const a = v.args as { assets: number; tiers: [number, number][]; mode: "marginal" | "cliff" };
    const bands = bandsFromSlices(a.tiers);
    const fee = annualFee({ kind: a.mode, bands }, D(a.assets));
    expect(within(fee, v.expect, v.tol)).toBe(true);
    // The vector's note: "19,356.16 a day on a 365-day year".
    expect(dailyFee({ kind: a.mode, bands }, D(a.assets), 365).toFixed(2)).toBe("19356.16");
    // The same schedule as a worksheet range of (breakpoint, rate) rows.
    const range = bands.map((b) => [b.floor.toNumber(), b.rate.toNumber()]);
    expect(Math.abs(feetier(a.assets, range, a.mode) - (v.expect as number))).toBeLessThanOrEqual(v.tol);
  },
  "FEE.DAILY": (v) => {
    const a = v.args as { prior_nav: number; rate: number; days_in_year: number };
    const raw = dailyFee({ kind: "flat", rate: D(a.rate) }, D(a.prior_nav), a.days_in_year);
    expect(within(raw.toDecimalPlaces(2), v.expect, v.tol)).toBe(true);
    // One accrual day through the engine and BO.MGMTFEE: NAV on 2024-06-30, accrual on 2024-07-01.
    // 366 days in year is the "actual" policy in a leap year (2024).
    const policy = a.days_in_year === 366 ? "actual" : (String(a.days_in_year) as "365" | "360");
    const navDay = dayFromCivil(2024, 6, 30);
    const r = accrueManagementFee(
      { schedule: { kind: "flat", rate: D(a.rate) }, daysInYear: policy },
      [{ day: navDay, nav: D(a.prior_nav) }],
      {
        start: navDay + 1,
        end: navDay + 1,
      },
    );
    expect(within(r.total, v.expect, v.tol)).toBe(true);
    const dates = [[serialFromDay(navDay)], [serialFromDay(navDay + 1)]];
    const fee = mgmtfee(
      dates,
      [[a.prior_nav], [a.prior_nav]],
      [[a.rate]],
      policy === "actual" ? "actual" : a.days_in_year,
    );
    expect(Math.abs(fee - (v.expect as number))).toBeLessThanOrEqual(v.tol);
  },
  "FEE.PERFORMANCE_EQUALISATION": (v) => {
    const a = v.args as { shares: number; hwm: number; investor_cost: number; period_end_gav: number; rate: number };
    const e = v.expect as { fund_level_fee: number; fair_fee: number; refund: number };
    const s = settleEqualisation({
      rate: D(a.rate),
      shares: D(a.shares),
      hwm: D(a.hwm),
      subscriptionGav: D(a.investor_cost),
      periodEndGav: D(a.period_end_gav),
    });
    expect(within(s.fundLevelFee, e.fund_level_fee, v.tol)).toBe(true);
    expect(within(s.fairFee, e.fair_fee, v.tol)).toBe(true);
    expect(within(s.refund, e.refund, v.tol)).toBe(true);
  },
};

describe("published FEE.* vectors", () => {
  test("the file has FEE vectors", () => {
    expect(vectors.length).toBeGreaterThan(0);
  });
  test.each(
    vectors.map(
      (v) =>
        [`${v.fn} line ${v.line} (${v.source}): ${JSON.stringify(v.args)} -> ${JSON.stringify(v.expect)}`, v] as const,
    ),
  )("%s", (_name, v) => {
    const run = runners[v.fn];
    if (!run) throw new Error(`no runner for ${v.fn}: add one so that the vector is checked`);
    run(v);
  });
});
