/**
 * functions/lib/args.ts (argument coercion and error mapping shared by every custom function) and
 * functions/lib/registry.ts (the name -> function map behind `bo fn`).
 */
import {
  argBool,
  argDate,
  argInt,
  argNumber,
  argText,
  customFunctionsErrorCodeName,
  optional,
  serialFromDateText,
  toExcel,
} from "../../functions/lib/args";
import { callFunction, listFunctions, lookupFunction } from "../../functions/lib/registry";
import * as excel from "../../functions/excel";
import { ExcelError, ExcelErrorCode, InputError } from "../../src/core/errors";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "no error";
  } catch (e) {
    return e instanceof ExcelError ? e.code : `other: ${String(e)}`;
  }
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("argDate", () => {
  // 2012-01-01 is serial 40909 (Microsoft's DATE reference: serial 1 = 1900-01-01, with 1900-02-29).
  it.each([
    [40909, 40909],
    [40909.75, 40909],
    ["2012-01-01", 40909],
    ["2012/01/01", 40909],
    ["2012-1-1", 40909],
    ["1/1/2012", 40909],
    ["1-Jan-2012", 40909],
    ["1 January 2012", 40909],
    ["January 1, 2012", 40909],
    ["Jan 1, 2012", 40909],
    ["2012-01-01T10:30:00", 40909],
    ["2012-01-01 23:59", 40909],
    ["40909", 40909],
    ["1900-02-29", 60],
    ["1900-03-01", 61],
  ])("%p -> %p", (input, expected) => {
    expect(argDate(input, "start")).toBe(expected);
  });

  it("a time within half a second of midnight is the next day (Excel resolves times to the second)", () => {
    expect(argDate(40909.9999999, "start")).toBe(40910);
    expect(argDate(40909.99998, "start")).toBe(40909);
  });

  it.each([
    ["2023-02-29"],
    ["13/1/2012"],
    ["2012-13-01"],
    ["1899-12-31"],
    ["yesterday"],
    [true],
    [[40909]],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])("%p is #VALUE! naming the argument", (input) => {
    expect(codeOf(() => argDate(input, "settlement"))).toBe("#VALUE!");
    expect(messageOf(() => argDate(input, "settlement"))).toContain("settlement");
  });

  it("omitted (null, undefined, empty text) is #VALUE! saying it is required", () => {
    for (const v of [null, undefined, ""]) {
      expect(codeOf(() => argDate(v, "maturity"))).toBe("#VALUE!");
      expect(messageOf(() => argDate(v, "maturity"))).toMatch(/maturity is required/);
    }
  });

  it("serialFromDateText leaves non-dates undefined", () => {
    expect(serialFromDateText("Feb 30, 2012")).toBeUndefined();
    expect(serialFromDateText("32-Jan-2012")).toBeUndefined();
    expect(serialFromDateText("1-Foo-2012")).toBeUndefined();
  });
});

describe("argNumber, argInt, argBool, argText, optional", () => {
  it("numbers and numeric text; default when omitted", () => {
    expect(argNumber(0.05, "rate")).toBe(0.05);
    expect(argNumber(" 0.05 ", "rate")).toBe(0.05);
    expect(argNumber("-1e-3", "rate")).toBe(-0.001);
    expect(argNumber(null, "par", 1000)).toBe(1000);
    expect(argNumber(undefined, "par", 1000)).toBe(1000);
    expect(argNumber("", "par", 1000)).toBe(1000);
  });

  it("non-numbers are #VALUE! naming the argument", () => {
    for (const v of ["five", true, [1], Number.NaN, null]) {
      expect(codeOf(() => argNumber(v, "rate"))).toBe("#VALUE!");
      expect(messageOf(() => argNumber(v, "rate"))).toContain("rate");
    }
  });

  it("argInt truncates toward zero as Excel truncates basis and frequency", () => {
    expect(argInt(2.9, "frequency")).toBe(2);
    expect(argInt(-2.9, "basis")).toBe(-2);
    expect(argInt("4.5", "frequency")).toBe(4);
    expect(argInt(null, "basis", 0)).toBe(0);
  });

  it("argBool: logicals, numbers (non-zero is TRUE) and the text TRUE/FALSE", () => {
    expect(argBool(true, "method")).toBe(true);
    expect(argBool(0, "method")).toBe(false);
    expect(argBool(-3, "method")).toBe(true);
    expect(argBool("true", "method")).toBe(true);
    expect(argBool(" FALSE ", "method")).toBe(false);
    expect(argBool(null, "method", false)).toBe(false);
    expect(codeOf(() => argBool("yes", "method"))).toBe("#VALUE!");
    expect(codeOf(() => argBool(undefined, "method"))).toBe("#VALUE!");
  });

  it("argText: text, numbers and logicals as Excel shows them", () => {
    expect(argText("ACT/360", "convention")).toBe("ACT/360");
    expect(argText(1.5, "convention")).toBe("1.5");
    expect(argText(true, "convention")).toBe("TRUE");
    expect(argText(null, "convention", "ACT/365F")).toBe("ACT/365F");
    expect(codeOf(() => argText(null, "convention"))).toBe("#VALUE!");
  });

  it("optional turns null, undefined and empty text into undefined", () => {
    expect(optional(null)).toBeUndefined();
    expect(optional(undefined)).toBeUndefined();
    expect(optional("")).toBeUndefined();
    expect(optional(0)).toBe(0);
    expect(optional(false)).toBe(false);
  });
});

describe("toExcel", () => {
  const CODES: ExcelErrorCode[] = ["#NUM!", "#VALUE!", "#N/A", "#DIV/0!", "#NULL!", "#NAME?", "#REF!"];

  it("outside Excel returns the value and rethrows the ExcelError itself", () => {
    expect(toExcel(() => 42)).toBe(42);
    const err = new ExcelError("#NUM!", "basis must be 0..4");
    expect(() =>
      toExcel(() => {
        throw err;
      }),
    ).toThrow(err);
  });

  describe("inside Excel (CustomFunctions runtime present)", () => {
    class FakeCustomFunctionsError extends Error {
      constructor(
        public readonly code: string,
        message?: string,
      ) {
        super(message);
      }
    }
    // The runtime's ErrorCode values are the error texts themselves (custom-functions-runtime).
    const runtime = {
      Error: FakeCustomFunctionsError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
        nullReference: "#NULL!",
        invalidName: "#NAME?",
        invalidReference: "#REF!",
      },
    };
    const g = globalThis as { CustomFunctions?: unknown };
    beforeEach(() => {
      g.CustomFunctions = runtime;
    });
    afterEach(() => {
      delete g.CustomFunctions;
    });

    it.each(CODES)("%s becomes CustomFunctions.Error with the matching ErrorCode and the message", (code) => {
      let thrown: unknown;
      try {
        toExcel(() => {
          throw new ExcelError(code, "why it failed");
        });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(FakeCustomFunctionsError);
      expect((thrown as FakeCustomFunctionsError).code).toBe(code);
      expect((thrown as FakeCustomFunctionsError).message).toBe("why it failed");
      expect(runtime.ErrorCode[customFunctionsErrorCodeName(code) as keyof typeof runtime.ErrorCode]).toBe(code);
    });

    it("a custom function in Excel shows #NUM! for a bad basis", () => {
      let thrown: unknown;
      try {
        excel.yearfrac(40909, 41120, 9);
      } catch (e) {
        thrown = e;
      }
      expect((thrown as FakeCustomFunctionsError).code).toBe("#NUM!");
    });

    it("an InputError becomes #VALUE!; other errors pass through", () => {
      expect(() =>
        toExcel(() => {
          throw new InputError(
            "not-a-date",
            { sheet: "Trades", row: 4, column: "Settle", columnLetter: "C" },
            "expected a date",
            "x",
          );
        }),
      ).toThrow(FakeCustomFunctionsError);
      const bug = new TypeError("bug");
      expect(() =>
        toExcel(() => {
          throw bug;
        }),
      ).toThrow(bug);
    });
  });
});

describe("registry", () => {
  const EXCEL_NAMES = [
    "ACCRINT",
    "ACCRINTM",
    "COUPDAYBS",
    "COUPDAYS",
    "COUPDAYSNC",
    "COUPNCD",
    "COUPNUM",
    "COUPPCD",
    "DAYS360",
    "PRICE",
    "YEARFRAC",
    "YIELD",
  ];

  it("lists every Excel function of functions/excel.ts under its Excel name", () => {
    const names = listFunctions();
    for (const n of EXCEL_NAMES) expect(names).toContain(n);
    expect(names).toEqual([...names].sort());
  });

  it("includes the other custom-function modules (functions/daycount.ts and functions/fees.ts)", () => {
    for (const n of ["DAYCOUNT", "DAYCOUNTS", "COUPONS", "FEEACCRUAL", "MGMTFEE", "FEETIER", "PERFFEE"])
      expect(listFunctions()).toContain(n);
  });

  it("maps YIELD to yieldFn (yield is reserved in strict mode) and does not list YIELDFN", () => {
    expect(lookupFunction("YIELD")).toBe(excel.yieldFn);
    expect(listFunctions()).not.toContain("YIELDFN");
  });

  it("accepts the BO. namespace and any case", () => {
    expect(lookupFunction("BO.YEARFRAC")).toBe(excel.yearfrac);
    expect(lookupFunction("bo.yearfrac")).toBe(excel.yearfrac);
    expect(lookupFunction(" yearfrac ")).toBe(excel.yearfrac);
    expect(callFunction("BO.DAYS360", ["1993-02-28", "1993-03-01"])).toBe(1);
  });

  it("unknown names are #NAME?", () => {
    expect(codeOf(() => callFunction("NOPE", []))).toBe("#NAME?");
    expect(codeOf(() => callFunction("BO.", []))).toBe("#NAME?");
  });

  it("the CLI's omitted trailing arguments take Excel's defaults", () => {
    expect(callFunction("YEARFRAC", ["2012-01-01", "2012-07-30"])).toBe(
      callFunction("YEARFRAC", ["2012-01-01", "2012-07-30", 0]),
    );
    expect(callFunction("COUPNUM", ["2007-01-25", "2008-11-15", 2, null])).toBe(4);
  });
});
