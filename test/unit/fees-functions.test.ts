/**
 * BO.FEEACCRUAL, BO.MGMTFEE, BO.FEETIER, BO.PERFFEE (functions/fees.ts) as Excel calls them: ranges
 * as 2-D arrays, dates as serials (or date text), omitted optionals as null.
 *
 * Expected values are the hand-worked answers of fees-management.test.ts and fees-performance.test.ts
 * (arithmetic repeated in the comments); serials: 2024-01-01 is 45292 (Microsoft: DATE(2024,1,1)),
 * so 2024-03-01 = 45292 + 31 + 29 = 45352.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ExcelError } from "../../src/core/errors";
import * as fees from "../../functions/fees";

// Excel hands over nulls for omitted arguments and text or blanks inside number ranges; the
// declared parameter types (what custom-functions-metadata reads) do not say so.
type Loose<R> = (...args: unknown[]) => R;
const feeaccrual = fees.feeaccrual as Loose<(string | number)[][]>;
const mgmtfee = fees.mgmtfee as Loose<number>;
const feetier = fees.feetier as Loose<number>;
const perffee = fees.perffee as Loose<(string | number)[][]>;
const expenseaccrual = fees.expenseaccrual as Loose<number>;

const MAR_1_2024 = 45352;
const dates = [[MAR_1_2024], [MAR_1_2024 + 3], [MAR_1_2024 + 4]]; // Fri 1, Mon 4, Tue 5 March 2024
const navs = [[100_000_000], [101_000_000], [102_000_000]];

function excelError(f: () => unknown): ExcelError {
  try {
    f();
  } catch (e) {
    if (e instanceof ExcelError) return e;
    throw e;
  }
  throw new Error("expected an ExcelError");
}

describe("BO.FEEACCRUAL", () => {
  // Days Sat 2 .. Tue 5 March: Sat, Sun, Mon on Friday's 100m, Tue on Monday's 101m; 1%, 365.
  // daily 1,000,000/365 = 2,739.726027...; 1,010,000/365 = 2,767.123287...; total 4,010,000/365 = 10,986.30...
  const out = feeaccrual(dates, navs, [[0.01]], null, null, null);
  test("spills a header and one row per calendar day, from the day after the first NAV to the last", () => {
    expect(out[0]).toEqual(["Date", "Base", "Rate", "Daily accrual", "Cumulative"]);
    expect(out.slice(1).map((r) => r[0])).toEqual([45353, 45354, 45355, 45356]);
    expect(out.slice(1).map((r) => r[1])).toEqual([100e6, 100e6, 100e6, 101e6]);
    expect(out[1][2]).toBe(0.01);
    expect(out[1][3] as number).toBeCloseTo(2739.726027397, 8);
    expect(out[4][4] as number).toBeCloseTo(10986.301369863, 8);
  });
  test("a row range, date text and trailing blank cells are accepted", () => {
    const rowDates = [["2024-03-01", "2024-03-04", "2024-03-05", "", null]];
    const rowNavs = [[100_000_000, 101_000_000, 102_000_000, "", null]];
    expect(feeaccrual(rowDates, rowNavs, [[0.01]])).toEqual(out);
  });
  test("empty cells handed over as 0 after the last date end the ranges", () => {
    expect(feeaccrual([...dates, [0], [0]], [...navs, [0], [0]], [[0.01]])).toEqual(out);
  });
  test("minimum: a last row trues the cumulative up to the period minimum", () => {
    // 4 days at 365: minimum 1,000,000 x 4/365 = 10,958.90 < 10,986.30: no row; 2,000,000 -> 21,917.81
    expect(feeaccrual(dates, navs, [[0.01]], 365, null, 1_000_000)).toHaveLength(5);
    const withMin = feeaccrual(dates, navs, [[0.01]], 365, null, 2_000_000);
    expect(withMin[5]).toEqual(
      ["Minimum true-up", "", "", 21917.81 - 10986.3, 21917.81].map((x) =>
        typeof x === "number" ? expect.closeTo(x, 6) : x,
      ),
    );
  });
});

describe("BO.MGMTFEE", () => {
  test("period total rounded to cents: 10,986.30", () => {
    expect(mgmtfee(dates, navs, [[0.01]])).toBe(10986.3);
  });
  test("days in year: 360 -> 4,010,000/360 = 11,138.89; actual (2024) -> 4,010,000/366 = 10,956.28", () => {
    expect(mgmtfee(dates, navs, [[0.01]], 360)).toBe(11138.89);
    expect(mgmtfee(dates, navs, [[0.01]], "actual")).toBe(10956.28);
  });
  test("schedule ranges, marginal by default, cliff and average by method", () => {
    // 1% to 100.5m, 0.5% above. Bases 100m x3, 101m.
    // marginal: 3 x 1,000,000 + (100.5m x 1% + 0.5m x 0.5% = 1,007,500) = 4,007,500 / 365 = 10,979.45
    // cliff:    3 x 1,000,000 + 101m x 0.5% = 505,000 -> 3,505,000 / 365 = 9,602.74
    // cliff average: mean base 100.25m < 100.5m -> 1%: 4 x 1,002,500 / 365 = 10,986.30
    const schedule = [
      [0, 0.01],
      [100_500_000, 0.005],
      ["", ""],
    ];
    expect(mgmtfee(dates, navs, schedule)).toBe(10979.45);
    expect(mgmtfee(dates, navs, schedule, null, "cliff")).toBe(9602.74);
    expect(mgmtfee(dates, navs, schedule, null, "cliff average")).toBe(10986.3);
  });
});

describe("BO.FEETIER", () => {
  test("marginal and cliff on a breakpoint schedule", () => {
    // 150m: 100m x 1% + 50m x 0.8% = 1,400,000; cliff 150m x 0.8% = 1,200,000
    const schedule = [
      [0, 0.01],
      [100e6, 0.008],
      [200e6, 0.006],
    ];
    expect(feetier(150e6, schedule)).toBe(1_400_000);
    expect(feetier(150e6, schedule, "cliff")).toBe(1_200_000);
  });
});

describe("errors name the argument and the row of the range", () => {
  test.each([
    [
      "dates out of order",
      () => mgmtfee([[MAR_1_2024], [MAR_1_2024 + 4], [MAR_1_2024 + 3]], navs, [[0.01]]),
      "#VALUE!",
      /^nav_dates row 3: NAV date 2024-03-04 is earlier/,
    ],
    [
      "duplicate date",
      () => mgmtfee([[MAR_1_2024], [MAR_1_2024], [MAR_1_2024 + 3]], navs, [[0.01]]),
      "#VALUE!",
      /^nav_dates row 2: .*appears twice/,
    ],
    [
      "text that is not a date",
      () => mgmtfee([[MAR_1_2024], ["soon"]], [[1], [1]], [[0.01]]),
      "#VALUE!",
      /nav_dates row 2 is not a valid date: 'soon'/,
    ],
    [
      "serial 0",
      () => mgmtfee([[0], [MAR_1_2024]], [[1], [1]], [[0.01]]),
      "#NUM!",
      /^nav_dates row 1: 0 is not a date/,
    ],
    [
      "negative NAV",
      () => mgmtfee(dates, [[1], [-5], [1]], [[0.01]]),
      "#NUM!",
      /^nav_values row 2 must not be negative/,
    ],
    [
      "NAV not a number",
      () => mgmtfee(dates, [[1], ["n/a"], [1]], [[0.01]]),
      "#VALUE!",
      /nav_values row 2 is not a number: 'n\/a'/,
    ],
    [
      "blank in the middle",
      () => mgmtfee([[MAR_1_2024], [""], [MAR_1_2024 + 4]], navs, [[0.01]]),
      "#VALUE!",
      /^nav_dates row 2 is blank/,
    ],
    [
      "lengths differ",
      () => mgmtfee(dates, [[1], [1]], [[0.01]]),
      "#VALUE!",
      /nav_dates has 3 values but nav_values has 2/,
    ],
    ["one NAV", () => mgmtfee([[MAR_1_2024]], [[1]], [[0.01]]), "#VALUE!", /at least two NAVs/],
    [
      "a 2-D NAV range",
      () =>
        mgmtfee(
          [
            [1, 2],
            [3, 4],
          ],
          navs,
          [[0.01]],
        ),
      "#VALUE!",
      /nav_dates must be a single column or row, got 2 rows x 2 columns/,
    ],
    ["negative rate", () => mgmtfee(dates, navs, [[-0.01]]), "#NUM!", /rate_or_schedule must not be negative/],
    [
      "schedule not from 0",
      () =>
        mgmtfee(dates, navs, [
          [5, 0.01],
          [10, 0.02],
        ]),
      "#VALUE!",
      /^rate_or_schedule row 1: schedule must start at a breakpoint of 0/,
    ],
    [
      "breakpoints not rising",
      () =>
        mgmtfee(dates, navs, [
          [0, 0.01],
          [10, 0.02],
          [10, 0.03],
        ]),
      "#VALUE!",
      /^rate_or_schedule row 3: schedule breakpoints must rise/,
    ],
    [
      "negative rate in a schedule row",
      () =>
        mgmtfee(dates, navs, [
          [0, 0.01],
          [10, -0.02],
        ]),
      "#NUM!",
      /^rate_or_schedule row 2: schedule rate must not be negative/,
    ],
    [
      "three-column schedule",
      () =>
        mgmtfee(dates, navs, [
          [0, 0.01, 1],
          [10, 0.02, 1],
        ]),
      "#VALUE!",
      /two columns \(breakpoint, rate\), got 3 columns/,
    ],
    ["366 days", () => mgmtfee(dates, navs, [[0.01]], 366), "#NUM!", /use "actual"/],
    [
      "unknown policy",
      () => mgmtfee(dates, navs, [[0.01]], "30/360"),
      "#NUM!",
      /days_in_year must be 365, 360 or "actual"/,
    ],
    [
      "unknown method",
      () => mgmtfee(dates, navs, [[0.01]], null, "stepped"),
      "#VALUE!",
      /method: unknown word 'stepped'/,
    ],
    ["negative minimum", () => mgmtfee(dates, navs, [[0.01]], null, null, -1), "#NUM!", /minimum must not be negative/],
  ] as const)("%s", (_name, call, code, message) => {
    const e = excelError(call);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});

describe("BO.PERFFEE", () => {
  // Launch 2023-12-31 (serial 45291) at HWM 1.00; GAV 1.20 on 2024-06-28 (45471), 1.40 on 2024-12-31
  // (45657); 100 then 200 shares; 20%; first crystallisation 2024-12-31.
  // 2024-06-28: 0.2 x 0.20 = 0.04 a share x 200 = 8; 2024-12-31: 0.08 x 200 = 16 crystallised, NAV 1.32
  const table = perffee([[45291], [45471], [45657]], [[1], [1.2], [1.4]], [[100], [200], [200]], 0.2, 1, 45657);
  test("fee at every NAV and the crystallised amount at the period end", () => {
    expect(table[0]).toEqual(["Date", "GAV", "HWM", "Fee per share", "Accrual", "NAV", "Crystallised"]);
    expect(table.slice(1).map((r) => r[3])).toEqual([0, 0.04, 0.08]);
    expect(table.slice(1).map((r) => r[4])).toEqual([0, 8, 16]);
    expect(table[3][5]).toBe(1.32);
    expect(table.slice(1).map((r) => r[6])).toEqual(["", "", 16]);
  });
  test("a fall in shares pays the fee on the redeemed shares at that NAV", () => {
    // 2024-06-28: 200 -> 150 shares, 0.04 x 50 = 2 paid; year end 0.08 x 150 = 12
    const t = perffee([[45291], [45471], [45657]], [[1], [1.2], [1.4]], [[200], [150], [150]], 0.2, 1, 45657);
    expect(t.slice(1).map((r) => r[6])).toEqual(["", 2, 12]);
  });
  test("ESMA: a first crystallisation under a year after launch is #NUM!", () => {
    const e = excelError(() => perffee([[45291], [45471]], [[1], [1.2]], [[1], [1]], 0.2, 1, 45471));
    expect(e.code).toBe("#NUM!");
    expect(e.message).toMatch(/less than a year after the first NAV/);
  });
  test("shares range of the wrong length", () => {
    expect(excelError(() => perffee([[45291], [45471]], [[1], [1.2]], [[1]], 0.2, 1)).message).toMatch(
      /nav_dates has 2 values but shares has 1/,
    );
  });
});

describe("BO.EXPENSEACCRUAL", () => {
  // Budget 36,600 over February 2024 (serials 45323 = 2024-02-01 .. 45351 = 2024-02-29), as in
  // fees-expenses.test.ts: per-day actual 29 x 100 = 2,900; per-day 365: 29 x 36,600/365 = 2,907.95;
  // per-month 36,600/12 = 3,050; per-year with a July fiscal year (366 days) 29 x 100 = 2,900.
  test.each([
    [[null, null, null], 2900],
    [["per-day", 365, null], 2907.95],
    [["per-month", null, null], 3050],
    [["per-year", null, 7], 2900],
  ])("%j -> %d", (opts, expected) => {
    expect(expenseaccrual(36_600, 45323, 45351, ...opts)).toBe(expected);
  });
  test("date text", () => {
    expect(expenseaccrual(36_600, "2024-02-01", "2024-02-29")).toBe(2900);
  });
  test.each([
    [[36_600, 45351, 45323], "#NUM!", /end is before start/],
    [[36_600, 45323, 45351, "weekly"], "#VALUE!", /method must be "per-day", "per-year" or "per-month"/],
    [[36_600, 45323, 45351, "per-year", null, 13], "#NUM!", /fiscal_year_start_month must be a whole number 1-12/],
    [["lots", 45323, 45351], "#VALUE!", /annual_budget is not a number/],
  ] as const)("%j is %s", (args, code, message) => {
    const e = excelError(() => expenseaccrual(...args));
    expect([e.code, e.message]).toEqual([code, expect.stringMatching(message)]);
  });
});

describe("registry convention (functions/lib/registry.ts)", () => {
  // Every export is registered under its upper-cased name, so each must be a documented custom
  // function whose @customfunction id is that name, and nothing else may be exported.
  test("each export is a function with a matching @customfunction id and documented @params", () => {
    const source = readFileSync(path.resolve(__dirname, "../../functions/fees.ts"), "utf8");
    const ids = [...source.matchAll(/@customfunction (\w+)/g)].map((m) => m[1]);
    expect(
      Object.keys(fees)
        .map((k) => k.toUpperCase())
        .sort(),
    ).toEqual([...ids].sort());
    for (const [name, fn] of Object.entries(fees)) {
      expect(typeof fn).toBe("function");
      const doc = new RegExp(String.raw`/\*\*((?:(?!\*/)[\s\S])*)\*/\s*export function ${name}\(([^)]*)\)`).exec(
        source,
      );
      expect(doc).not.toBeNull();
      const params = doc![2]
        .split(",")
        .map((p) => p.trim().split(/[?:]/)[0])
        .filter(Boolean);
      for (const p of params) expect(doc![1]).toMatch(new RegExp(String.raw`@param \[?${p}\]?\s`));
    }
  });
});
