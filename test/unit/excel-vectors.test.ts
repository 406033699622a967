/**
 * Every published EXCEL.* vector (../shared/reference/published-vectors.jsonl) through the same
 * registry the CLI uses, with the vector's own tolerance; each test is named after its source.
 */
import { callFunction } from "../../functions/lib/registry";
import { ExcelError } from "../../src/core/errors";
import { excelVectors, loadVectors } from "../helpers/vectors";

const vectors = excelVectors();

describe("published EXCEL.* vectors", () => {
  it("the vectors file has Excel vectors for every function this module implements", () => {
    const fns = new Set(vectors.map((v) => v.fn));
    for (const fn of [
      "YEARFRAC",
      "DAYS360",
      "ACCRINT",
      "ACCRINTM",
      "COUPDAYBS",
      "COUPDAYS",
      "COUPDAYSNC",
      "COUPNCD",
      "COUPPCD",
      "COUPNUM",
      "PRICE",
      "YIELD",
    ]) {
      expect(fns.has(`EXCEL.${fn}`)).toBe(true);
    }
  });

  it.each(
    vectors.map(
      (v) =>
        [
          `line ${v.line}: ${v.fn}(${v.rawArgs.map((a) => JSON.stringify(a)).join(", ")}) = ${JSON.stringify(v.expect)} [${v.source}]`,
          v,
        ] as const,
    ),
  )("%s", (_name, v) => {
    const name = v.fn.slice("EXCEL.".length);
    if (typeof v.expect === "string" && v.expect.startsWith("#")) {
      let thrown: unknown;
      try {
        callFunction(name, v.args);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ExcelError);
      expect((thrown as ExcelError).code).toBe(v.expect);
      return;
    }
    const expected = v.expectSerial ?? v.expect;
    if (typeof expected !== "number")
      throw new Error(`line ${v.line}: unsupported expectation ${JSON.stringify(v.expect)}`);
    const actual = callFunction(name, v.args) as number;
    expect(typeof actual).toBe("number");
    if (v.tol === 0) expect(actual).toBe(expected);
    else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(v.tol); // published tolerances are absolute
  });
});

describe("the vectors file itself", () => {
  it("loads every line, positional or named arguments (FEE.*, NAV.*, ACCRUED publish an object of inputs)", () => {
    const all = loadVectors();
    expect(all.length).toBeGreaterThanOrEqual(70);
    const named = all.filter((v) => v.named !== undefined);
    expect(named.map((v) => v.fn)).toEqual(expect.arrayContaining(["ACCRUED", "FEE.TIERED", "NAV.PER_SHARE"]));
    for (const v of named) expect(v.args).toEqual([]);
  });
});
