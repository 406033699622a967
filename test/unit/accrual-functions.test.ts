/**
 * BO.ACCRUED, BO.DEPOSITINTEREST and BO.COMPOUNDED (functions/accrual.ts): arguments as Excel hands
 * them (serials, 2-D ranges, null for omitted) and as the CLI does (ISO date text), errors as
 * ExcelError codes with messages, and the JSDoc the metadata generator turns into functions.json.
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata/lib/generate";
import { accrued, compounded, depositinterest } from "../../functions/accrual";
import { parseIso, serialFromDay } from "../../src/core/dates";
import { ExcelError } from "../../src/core/errors";

const S = (iso: string): number => {
  const d = parseIso(iso);
  if (d === undefined) throw new Error(`bad test date ${iso}`);
  return serialFromDay(d);
};
const col = <T>(xs: T[]): T[][] => xs.map((x) => [x]);
/** The ExcelError a call throws: "code: message", or "no error". */
const failure = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof ExcelError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "no error";
};

interface AccruedVector {
  fn: string;
  args: { security: string; settlement: string; face: number };
  expect: number;
  tol: number;
  source: string;
}
const accruedVectors: AccruedVector[] = fs
  .readFileSync(path.resolve(__dirname, "../../../shared/reference/published-vectors.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as AccruedVector)
  .filter((v) => v.fn === "ACCRUED");

/** UK bank holidays in England and Wales, 2013 (gov.uk/bank-holidays), as a worksheet column. */
const LONDON_2013 = col(
  ["2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27", "2013-08-26", "2013-12-25", "2013-12-26"].map(
    S,
  ),
);

describe("BO.ACCRUED", () => {
  // UK Treasury 8% 2021 as in QuantLib testExCouponGilt: issue 1996-02-29, first coupon 1996-06-07.
  const gilt = (settlement: unknown, face: unknown = null) =>
    accrued(
      settlement as number,
      S("2021-06-07"),
      0.08,
      2,
      "ACT/ACT ICMA",
      face as number,
      S("1996-02-29"),
      S("1996-06-07"),
      6,
      LONDON_2013,
    );

  test.each(accruedVectors.map((v) => [`${v.args.settlement} (${v.source})`, v] as const))("gilt vector %s", (_, v) => {
    expect(Math.abs(gilt(S(v.args.settlement), v.args.face) - v.expect)).toBeLessThanOrEqual(v.tol);
  });

  test("face defaults to 100 and scales; the CLI's ISO date text is read as a date", () => {
    expect(gilt(S("2013-05-29"))).toBeCloseTo((4 * 173) / 182, 12);
    expect(gilt("2013-05-29", 1_000_000)).toBeCloseTo((40_000 * 173) / 182, 6);
  });

  test("a calendar name is accepted; with weekends only the gilt's 2013-05-29 is still cum (no holiday in that week)", () => {
    expect(
      accrued(S("2013-05-29"), S("2021-06-07"), 0.08, 2, "ACT/ACT ICMA", 100, S("1996-02-29"), S("1996-06-07"), 6, [
        ["WEEKEND"],
      ]),
    ).toBeCloseTo((4 * 173) / 182, 12);
  });

  test("without issue the settlement's period is taken as regular: US Treasury 4.25% 2034 at 2025-01-10 = 2.125 x 56/181 (hand-worked)", () => {
    expect(accrued(S("2025-01-10"), S("2034-11-15"), 0.0425, 2, "Actual/Actual (ICMA)")).toBeCloseTo(
      (2.125 * 56) / 181,
      12,
    );
  });

  test("errors name what is wrong", () => {
    const args = [S("2025-01-10"), S("2034-11-15"), 0.0425, 2, "ACT/ACT ICMA"] as const;
    expect(failure(() => accrued(args[0], args[1], args[2], args[3], "ACT/999"))).toMatch(
      /^#VALUE!: unknown day count convention "ACT\/999"/,
    );
    expect(failure(() => accrued(args[0], args[1], args[2], 3, args[4]))).toBe(
      "#NUM!: frequency must be 1, 2, 4 or 12 coupons a year, not 3",
    );
    expect(failure(() => accrued(args[0], args[1], "eight" as unknown as number, args[3], args[4]))).toMatch(
      /^#VALUE!: argument rate is not a number/,
    );
    expect(failure(() => accrued(args[1], args[0], args[2], args[3], args[4]))).toMatch(
      /^#NUM!: settlement .* must be before maturity/,
    );
    expect(
      failure(() =>
        accrued(
          ...args,
          100,
          null as unknown as number,
          null as unknown as number,
          6,
          col([S("2025-01-01"), "2025-05-26"]) as never,
        ),
      ),
    ).toBe("#VALUE!: calendar row 2: '2025-05-26' is text, not a date (enter it as a date, not as text)");
    expect(
      failure(() => accrued(...args, 100, null as unknown as number, null as unknown as number, 6, [["NOWHERE"]])),
    ).toMatch(/^#VALUE!: unknown calendar "NOWHERE"/);
    expect(failure(() => accrued(...args, -5))).toMatch(/^#NUM!: face amount must be greater than 0/);
  });
});

describe("BO.DEPOSITINTEREST", () => {
  test("1,000,000 at 5% for 91 days on ACT/360 and ACT/365F (hand-worked: 50,000 x 91/360 and x 91/365)", () => {
    expect(depositinterest(S("2024-01-15"), S("2024-04-15"), 1_000_000, 0.05, "ACT/360")).toBeCloseTo(
      (50_000 * 91) / 360,
      9,
    );
    expect(depositinterest(S("2024-01-15"), S("2024-04-15"), 1_000_000, 0.05, "Actual/365 (Fixed)")).toBeCloseTo(
      (50_000 * 91) / 365,
      9,
    );
  });

  test("BUS/252 with a holiday range: 1e6 x (1.1065^(22/252) - 1) over 2024-01-02..2024-02-01 (Brazil CDI convention)", () => {
    const brazil = col([S("2024-01-01"), S("2024-02-12"), S("2024-02-13")]);
    expect(depositinterest(S("2024-01-02"), S("2024-02-01"), 1_000_000, 0.1065, "BUS/252", brazil)).toBeCloseTo(
      1e6 * (Math.pow(1.1065, 22 / 252) - 1),
      6,
    );
    // A holiday inside the period removes a day of interest: 21 business days.
    const withExtraHoliday = col([S("2024-01-25")]);
    expect(
      depositinterest(S("2024-01-02"), S("2024-02-01"), 1_000_000, 0.1065, "BUS/252", withExtraHoliday),
    ).toBeCloseTo(1e6 * (Math.pow(1.1065, 21 / 252) - 1), 6);
  });

  test("errors: end before start, BUS/252 without calendar, text rate", () => {
    expect(failure(() => depositinterest(S("2024-04-15"), S("2024-01-15"), 100, 0.05, "ACT/360"))).toBe(
      "#NUM!: end 2024-01-15 is before start 2024-04-15",
    );
    expect(failure(() => depositinterest(S("2024-01-15"), S("2024-04-15"), 100, 0.05, "BUS/252"))).toMatch(
      /^#VALUE!: BUS\/252 needs a business-day calendar/,
    );
    expect(
      failure(() => depositinterest(S("2024-01-15"), S("2024-04-15"), 100, "5%" as unknown as number, "ACT/360")),
    ).toMatch(/^#VALUE!: argument rate/);
  });
});

describe("BO.COMPOUNDED", () => {
  const noLookback = 1e6 * ((1 + 0.0529 / 360) * (1 + (0.053 * 3) / 360) * (1 + 0.0531 / 360) - 1);
  const shifted = (1e6 * ((1 + 0.0529 / 360) * (1 + 0.053 / 360) * (1 + 0.0529 / 360) - 1) * 5) / 3;
  // The hand-worked SOFR example of accrual-deposit.test.ts: 1e6 x ((1 + 0.0529/360)(1 + 0.0530 x 3/360)(1 + 0.0531/360) - 1).
  const dates = col(["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-11"].map(S));
  const rates = col([0.0529, 0.053, 0.0529, 0.053, 0.0531]);

  test("no lookback, lag and observation shift (hand-worked)", () => {
    expect(compounded(S("2024-03-07"), S("2024-03-12"), 1_000_000, dates, rates, "ACT/360")).toBeCloseTo(noLookback, 9);
    expect(compounded(S("2024-03-07"), S("2024-03-12"), 1_000_000, dates, rates, "ACT/360", 2)).toBeCloseTo(
      1e6 * ((1 + 0.0529 / 360) * (1 + (0.053 * 3) / 360) * (1 + 0.0529 / 360) - 1),
      9,
    );
    expect(
      compounded(S("2024-03-07"), S("2024-03-12"), 1_000_000, dates, rates, "ACT/360", 2, null as never, true),
    ).toBeCloseTo(shifted, 9);
  });

  test("blank rows at the end of the ranges are ignored", () => {
    const d = [...dates, [null]] as number[][]; // Excel passes an empty cell as null
    const r = [...rates, [null]] as number[][];
    expect(compounded(S("2024-03-07"), S("2024-03-12"), 1_000_000, d, r, "ACT/360")).toBeCloseTo(noLookback, 9);
  });

  test("errors name the row and the missing date", () => {
    const start = S("2024-03-07");
    const end = S("2024-03-12");
    expect(
      failure(() => compounded(start, end, 1e6, dates, col([0.0529, 0.053, "n/a", 0.053, 0.0531]) as never, "ACT/360")),
    ).toBe("#VALUE!: rates row 3: 'n/a' is not a number");
    expect(failure(() => compounded(start, end, 1e6, col(["2024-03-05", 1, 2, 3, 4]) as never, rates, "ACT/360"))).toBe(
      "#VALUE!: rate_dates row 1: '2024-03-05' is text, not a date",
    );
    expect(failure(() => compounded(start, end, 1e6, dates.slice(0, 3), rates, "ACT/360"))).toMatch(
      /^#VALUE!: rate_dates has 3 cells and rates 5/,
    );
    expect(
      failure(() =>
        compounded(start, end, 1e6, col([...dates.slice(0, 4).map((r) => r[0]), S("2024-03-08")]), rates, "ACT/360"),
      ),
    ).toBe("#VALUE!: rate_dates row 5: 2024-03-08 appears twice");
    expect(failure(() => compounded(start, S("2024-03-14"), 1e6, dates, rates, "ACT/360"))).toMatch(
      /^#N\/A: no rate for 2024-03-12/,
    );
    expect(failure(() => compounded(start, end, 1e6, dates, rates, "30/360"))).toMatch(
      /^#VALUE!: overnight rates compound on ACT\/360/,
    );
    expect(failure(() => compounded(end, start, 1e6, dates, rates, "ACT/360"))).toMatch(
      /^#NUM!: end .* is before start/,
    );
  });
});

describe("functions/accrual.ts metadata (functions.json)", () => {
  interface Param {
    name: string;
    description?: string;
    type: string;
    dimensionality?: string;
    optional?: boolean;
  }
  interface Fn {
    id: string;
    description?: string;
    parameters: Param[];
  }
  let functions: Fn[] = [];
  let errors: string[] = [];
  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(
      [path.resolve(__dirname, "../../functions/accrual.ts")],
      false,
    );
    errors = result.errors;
    functions = (JSON.parse(result.metadataJson) as { functions: Fn[] }).functions;
  });

  test("three functions, every one and every parameter described, optional ones marked", () => {
    expect(errors).toEqual([]);
    expect(functions.map((f) => f.id).sort()).toEqual(["ACCRUED", "COMPOUNDED", "DEPOSITINTEREST"]);
    for (const f of functions) {
      expect(f.description?.trim()).toBeTruthy();
      for (const p of f.parameters)
        expect(`${f.id}(${p.name}): ${p.description?.trim() ? "ok" : "none"}`).toBe(`${f.id}(${p.name}): ok`);
    }
    const byId = Object.fromEntries(functions.map((f) => [f.id, f]));
    const optional = (id: string) => byId[id].parameters.filter((p) => p.optional).map((p) => p.name);
    expect(optional("ACCRUED")).toEqual(["face", "issue", "first_coupon", "ex_coupon_days", "calendar"]);
    expect(optional("DEPOSITINTEREST")).toEqual(["calendar"]);
    expect(optional("COMPOUNDED")).toEqual(["lookback_days", "calendar", "observation_shift"]);
    const rateDates = byId.COMPOUNDED.parameters.find((p) => p.name === "rate_dates");
    expect(rateDates?.dimensionality).toBe("matrix");
  });
});
