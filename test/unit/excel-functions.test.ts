/**
 * Table-driven tests of the Excel-exact worksheet functions, called through the registry exactly as
 * the CLI calls them. Every expected value names its source: Microsoft's function reference pages,
 * Microsoft's reference code for YEARFRAC basis 0 (OASIS office-formula list, 2008), D. A. Wheeler's
 * YEARFRAC analysis, LibreOffice's sources where they record Excel's answers, Microsoft's KB article on
 * the 1900 leap-year bug, or a rule documented in docs/excel-functions.md (stated with the row).
 * Properties (fast-check) check identities that hold by Excel's own definitions.
 */
import fc from "fast-check";
import { callFunction } from "../../functions/lib/registry";
import { ExcelError, ExcelErrorCode } from "../../src/core/errors";
import { excelCivilFromSerial, serialFromExcelCivil } from "../../src/core/dates";
import { isoToSerial } from "../helpers/vectors";

/** ISO dates in the arguments become serials, as Excel holds dates in cells. */
function call(name: string, ...args: unknown[]): number {
  return callFunction(
    name,
    args.map((a) => isoToSerial(a) ?? a),
  ) as number;
}

function errorOf(name: string, ...args: unknown[]): ExcelErrorCode | "no error" {
  try {
    call(name, ...args);
    return "no error";
  } catch (e) {
    if (e instanceof ExcelError) return e.code;
    throw e;
  }
}

const serial = (iso: string) => isoToSerial(iso)!;

describe("YEARFRAC", () => {
  it("Microsoft's example, basis 1: 211 days of the leap year 2012 = 211/366", () => {
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30", 1)).toBe(0.5765027322404371);
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30", 1)).toBe(211 / 366);
  });

  it("Microsoft's examples, bases 2 and 3: actual days over 360 and 365", () => {
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30", 2)).toBe(211 / 360);
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30", 3)).toBe(211 / 365);
  });

  it("basis defaults to 0 when omitted (null, undefined) as in Excel", () => {
    const withZero = call("YEARFRAC", "2012-01-01", "2012-07-30", 0);
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30")).toBe(withZero);
    expect(call("YEARFRAC", "2012-01-01", "2012-07-30", null)).toBe(withZero);
  });

  // Basis 0, Microsoft's reference code (its rules apply in this order): both 31 -> 30/30; start 31 ->
  // 30; start 30 and end 31 -> end 30; both last day of February -> 30/30; start last day of February
  // -> 30 (and an end 31 is kept). LibreOffice's GetYearFrac case 0 implements the same rules.
  it.each([
    ["2011-01-31", "2011-03-31", 60, "both 31st"],
    ["2011-01-30", "2011-03-31", 60, "start 30th, end 31st"],
    ["2011-01-15", "2011-03-31", 76, "end 31st kept when the start is before the 30th"],
    ["2007-02-28", "2008-02-29", 360, "both last day of February"],
    ["2008-02-29", "2009-02-28", 360, "both last day of February (leap start)"],
    ["2007-02-28", "2007-03-31", 31, "start last day of February, end 31st kept"],
    ["2008-02-29", "2008-08-31", 181, "the published 181-day case"],
    ["2007-01-31", "2007-02-28", 28, "an end on the last day of February is not moved"],
  ])("basis 0: %s -> %s counts %i days of 360 (%s)", (a, b, days) => {
    expect(call("YEARFRAC", a, b, 0)).toBe(days / 360);
  });

  // Basis 1, Wheeler's reconstruction (which reproduces every Excel 2007 result he published).
  it.each([
    ["2011-06-01", "2012-03-01", 274, 366, "within a year, February 29th 2012 inside"],
    ["2011-03-01", "2012-02-29", 365, 366, "within a year, ending on February 29th"],
    ["2012-01-01", "2013-01-01", 366, 366, "exactly one year from a leap-year January"],
    ["2008-06-01", "2009-05-01", 334, 365, "within a year, starting after February 29th 2008"],
  ])("basis 1: %s -> %s = %i/%i (%s)", (a, b, days, yearLength) => {
    expect(call("YEARFRAC", a, b, 1)).toBe(days / yearLength);
  });

  it("basis 1 over more than a year divides by the average length of the years touched (Wheeler)", () => {
    // 2001..2004: 365 + 365 + 365 + 366 = 1461 days over 4 years.
    expect(call("YEARFRAC", "2001-01-01", "2004-01-01", 1)).toBeCloseTo(1095 / (1461 / 4), 15);
  });

  it("basis 4 ignores February (Wheeler's published Excel results)", () => {
    expect(call("YEARFRAC", "1999-01-05", "2000-02-28", 4)).toBe(413 / 360);
    expect(call("YEARFRAC", "1999-01-05", "2000-02-29", 4)).toBe(414 / 360);
  });

  it("start after end: the dates are swapped (Microsoft's reference page)", () => {
    for (const basis of [0, 1, 2, 3, 4]) {
      expect(call("YEARFRAC", "2012-07-30", "2012-01-01", basis)).toBe(
        call("YEARFRAC", "2012-01-01", "2012-07-30", basis),
      );
    }
  });

  it("equal dates give 0", () => {
    for (const basis of [0, 1, 2, 3, 4]) expect(call("YEARFRAC", "2012-03-01", "2012-03-01", basis)).toBe(0);
  });

  it("truncates fractional serials and basis, as Excel truncates all arguments", () => {
    const a = serial("2012-01-01");
    const b = serial("2012-07-30");
    expect(call("YEARFRAC", a + 0.75, b + 0.25, 1.9)).toBe(211 / 366);
  });

  it.each([
    ["basis 5", ["2012-01-01", "2012-07-30", 5], "#NUM!"],
    ["basis -1", ["2012-01-01", "2012-07-30", -1], "#NUM!"],
    ["negative serial", [-1, 100, 0], "#NUM!"],
    ["serial after 9999-12-31", [1, 2958466, 0], "#NUM!"],
    ["start that is not a date", ["not a date", "2012-07-30", 0], "#VALUE!"],
    ["end that is not a date", ["2012-01-01", "2012-02-30", 0], "#VALUE!"],
    ["basis that is not a number", ["2012-01-01", "2012-07-30", "x"], "#VALUE!"],
    ["start missing", [null, "2012-07-30", 0], "#VALUE!"],
  ])("%s -> %s (Microsoft's reference page)", (_what, args, code) => {
    expect(errorOf("YEARFRAC", ...(args as unknown[]))).toBe(code);
  });
});

describe("Excel's fictitious 1900-02-29 (serial 60; Microsoft KB 214326: Excel treats 1900 as a leap year)", () => {
  it("serial 60 is the last day of February 1900, serial 59 is not", () => {
    expect(serialFromExcelCivil(1900, 2, 29)).toBe(60);
    // Basis 0: a start on the last day of February becomes the 30th.
    expect(call("YEARFRAC", 60, 61, 0)).toBe(1 / 360);
    expect(call("YEARFRAC", 59, 61, 0)).toBe(3 / 360);
    // DAYS360 US method: same February rule for the start date.
    expect(call("DAYS360", 60, 61)).toBe(1);
    expect(call("DAYS360", 59, 61)).toBe(3);
  });

  it("basis 1 counts 1900 as a 366-day year and counts the fictitious day", () => {
    expect(call("YEARFRAC", 59, 61, 1)).toBe(2 / 366);
    // 1900-01-01 (serial 1) to 1901-01-01 (serial 367): 366 days in Excel's 1900.
    expect(call("YEARFRAC", 1, 367, 1)).toBe(1);
  });

  it("a month-end schedule passes through 1900-02-29", () => {
    expect(call("COUPPCD", "1900-04-15", "1900-08-31", 2, 0)).toBe(60);
    expect(call("COUPNCD", "1900-01-15", "1900-08-31", 2, 1)).toBe(60);
  });
});

describe("DAYS360", () => {
  // LibreOffice's ScGetDiffDate360 records these as Excel's results (Excel implements the NASD method,
  // not the wording of its help page).
  it.each([
    ["1995-02-28", "1995-08-31", 180],
    ["1996-02-29", "1996-08-31", 180],
    ["1996-01-30", "1996-03-31", 60],
    ["1996-01-31", "1996-03-31", 60],
    ["1999-02-02", "2000-03-31", 419],
  ])("US method: %s -> %s = %i (Excel results recorded in LibreOffice's ScGetDiffDate360)", (a, b, days) => {
    expect(call("DAYS360", a, b)).toBe(days);
    expect(call("DAYS360", a, b, false)).toBe(days);
  });

  it("is not YEARFRAC basis 0 x 360: 2008-02-29 -> 2008-08-31 is 180 days but 181/360 of a year", () => {
    expect(call("DAYS360", "2008-02-29", "2008-08-31")).toBe(180);
    expect(call("YEARFRAC", "2008-02-29", "2008-08-31", 0)).toBe(181 / 360);
  });

  it("European method: day 31 becomes 30, February is not special", () => {
    expect(call("DAYS360", "1996-01-30", "1996-03-31", true)).toBe(60);
    expect(call("DAYS360", "1996-02-29", "1996-08-31", true)).toBe(181);
    expect(call("DAYS360", "1993-02-28", "1993-03-01", true)).toBe(3);
  });

  it("end before start gives a negative count; the US rule is applied without swapping (LibreOffice #i84934, docs/excel-functions.md)", () => {
    expect(call("DAYS360", "1996-03-31", "1996-01-30", true)).toBe(-60);
    expect(call("DAYS360", "2000-03-31", "1999-02-02")).toBe(-418);
  });

  it("method accepts numbers and text as Excel's logical coercion does", () => {
    expect(call("DAYS360", "1993-02-28", "1993-03-01", 1)).toBe(3);
    expect(call("DAYS360", "1993-02-28", "1993-03-01", "TRUE")).toBe(3);
    expect(call("DAYS360", "1993-02-28", "1993-03-01", 0)).toBe(1);
  });

  it("a time within half a second of midnight is the next day (Excel: 9, ironcalc/IronCalc#635)", () => {
    expect(call("DAYS360", 45992.000001, 46000.999999)).toBe(9);
    expect(call("DAYS360", 45992.5, 46000.5)).toBe(8);
  });

  it.each([
    ["negative serial", [-5, 10], "#NUM!"],
    ["text that is not a date", ["31/31/2020", 10], "#VALUE!"],
    ["method that is not logical", [1, 10, "maybe"], "#VALUE!"],
  ])("%s -> %s", (_what, args, code) => {
    expect(errorOf("DAYS360", ...(args as unknown[]))).toBe(code);
  });
});

describe("COUPDAYBS, COUPDAYS, COUPDAYSNC, COUPNCD, COUPPCD, COUPNUM", () => {
  it("Microsoft's examples (settlement 2011-01-25, maturity 2011-11-15, semiannual, actual/actual)", () => {
    const args = ["2011-01-25", "2011-11-15", 2, 1];
    expect(call("COUPDAYBS", ...args)).toBe(71);
    expect(call("COUPDAYS", ...args)).toBe(181);
    expect(call("COUPDAYSNC", ...args)).toBe(110);
    expect(call("COUPNCD", ...args)).toBe(serial("2011-05-15"));
    expect(call("COUPPCD", ...args)).toBe(serial("2010-11-15"));
    expect(call("COUPNUM", "2007-01-25", "2008-11-15", 2, 1)).toBe(4);
  });

  it("COUPDAYS is 360/f (bases 0, 2, 4), 365/f (basis 3) or the period's actual days (basis 1)", () => {
    expect(call("COUPDAYS", "2011-01-25", "2011-11-15", 2, 0)).toBe(180);
    expect(call("COUPDAYS", "2011-01-25", "2011-11-15", 2, 2)).toBe(180);
    expect(call("COUPDAYS", "2011-01-25", "2011-11-15", 2, 3)).toBe(182.5);
    expect(call("COUPDAYS", "2011-01-25", "2011-11-15", 4, 4)).toBe(90);
    // Excel-recorded (ExcelFinancialFunctions coupdays.test): quarterly 2003-02-14 -> 2003-05-14 is 89 days.
    expect(call("COUPDAYS", "2003-02-14", "2003-05-14", 4, 1)).toBe(89);
    expect(call("COUPDAYS", "2003-02-14", "2003-05-14", 4, 3)).toBe(91.25);
  });

  it("a month-end maturity puts every quasi-coupon date on a month end", () => {
    expect(call("COUPPCD", "2011-01-25", "2011-08-31", 2, 1)).toBe(serial("2010-08-31"));
    expect(call("COUPNCD", "2011-01-25", "2011-08-31", 2, 1)).toBe(serial("2011-02-28"));
    expect(call("COUPPCD", "2011-01-25", "2011-08-31", 4, 1)).toBe(serial("2010-11-30"));
    expect(call("COUPNCD", "2012-01-25", "2012-08-31", 2, 1)).toBe(serial("2012-02-29"));
  });

  it("a maturity on the 30th keeps the 30th after a February (each date counted from maturity)", () => {
    expect(call("COUPNCD", "2011-02-10", "2012-08-30", 2, 1)).toBe(serial("2011-02-28"));
    expect(call("COUPNCD", "2011-03-10", "2012-08-30", 2, 1)).toBe(serial("2011-08-30"));
  });

  it("settlement on a coupon date: COUPPCD is the settlement, COUPDAYBS is 0 (Excel-recorded, ExcelFinancialFunctions coupdaysbs.test)", () => {
    expect(call("COUPPCD", "2011-05-15", "2011-11-15", 2, 1)).toBe(serial("2011-05-15"));
    expect(call("COUPDAYBS", "1981-03-31", "2004-03-31", 4, 0)).toBe(0);
    expect(call("COUPNUM", "2011-05-15", "2011-11-15", 2, 1)).toBe(1);
  });

  it("COUPDAYSNC for basis 0 and 4 is not always E - A (Excel-recorded, ExcelFinancialFunctions coupdaysnc.test)", () => {
    // Maturity 2000-02-28 is not a month end (2000 is a leap year); 1981-02-28 is.
    expect(call("COUPDAYSNC", "1980-03-15", "2000-02-28", 1, 0)).toBe(345);
    expect(call("COUPDAYSNC", "1980-03-15", "2000-02-28", 1, 4)).toBe(343);
    expect(call("COUPDAYBS", "1980-03-15", "2000-02-28", 1, 0)).toBe(17);
  });

  it("Excel results quoted in other spreadsheet projects' bug reports", () => {
    // PHPOffice/PHPExcel#1184: COUPNCD(18/10/2016, 30/09/2019, 2, 4) is 42825 (2017-03-31) in Excel.
    expect(call("COUPNCD", "2016-10-18", "2019-09-30", 2, 4)).toBe(42825);
    // PHPOffice/PhpSpreadsheet#1020 (Excel 2016): COUPNUM is never 0; settlement = maturity is #NUM!.
    expect(call("COUPNUM", "2000-12-23", "2000-12-24", 4, 0)).toBe(1);
    expect(call("COUPNUM", "2000-09-24", "2000-12-24", 4, 0)).toBe(1);
    expect(call("COUPNUM", "2000-09-23", "2000-12-24", 4, 0)).toBe(2);
    expect(errorOf("COUPNUM", "2000-12-24", "2000-12-24", 4, 0)).toBe("#NUM!");
    // PhpSpreadsheet's COUPDAYSNC test data: "Excel and LibreOffice return 175" (Gnumeric 176).
    expect(call("COUPDAYSNC", "2019-10-05", "2022-03-31", 2, 0)).toBe(175);
  });

  it("basis defaults to 0", () => {
    expect(call("COUPDAYBS", "2011-01-31", "2011-11-30", 2)).toBe(call("COUPDAYBS", "2011-01-31", "2011-11-30", 2, 0));
  });

  const COUP = ["COUPDAYBS", "COUPDAYS", "COUPDAYSNC", "COUPNCD", "COUPPCD", "COUPNUM"];
  it.each(COUP)("%s errors as Microsoft documents them", (fn) => {
    expect(errorOf(fn, "2011-01-25", "2011-11-15", 3, 1)).toBe("#NUM!");
    expect(errorOf(fn, "2011-01-25", "2011-11-15", 0, 1)).toBe("#NUM!");
    expect(errorOf(fn, "2011-01-25", "2011-11-15", 2, 5)).toBe("#NUM!");
    expect(errorOf(fn, "2011-01-25", "2011-11-15", 2, -1)).toBe("#NUM!");
    expect(errorOf(fn, "2011-11-15", "2011-11-15", 2, 1)).toBe("#NUM!");
    expect(errorOf(fn, "2011-12-15", "2011-11-15", 2, 1)).toBe("#NUM!");
    expect(errorOf(fn, "someday", "2011-11-15", 2, 1)).toBe("#VALUE!");
    expect(errorOf(fn, "2011-01-25", "2011-11-15", "semi", 1)).toBe("#VALUE!");
  });

  it("frequency and basis are truncated (Microsoft: 'All arguments are truncated to integers')", () => {
    expect(call("COUPDAYS", "2011-01-25", "2011-11-15", 2.7, 1.2)).toBe(181);
  });
});

describe("ACCRINT and ACCRINTM", () => {
  it("Microsoft's examples", () => {
    expect(call("ACCRINT", "2008-03-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0)).toBeCloseTo(16.666667, 6);
    expect(call("ACCRINT", "2008-03-05", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0, false)).toBeCloseTo(15.555556, 6);
    expect(call("ACCRINT", "2008-04-05", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0, true)).toBeCloseTo(7.2222222, 6);
    expect(call("ACCRINTM", "2008-04-01", "2008-06-15", 0.1, 1000, 3)).toBeCloseTo(20.54794521, 8);
  });

  it("within the first period ACCRINT is par x rate x the basis's day fraction", () => {
    // 60 days of 30/360 from 2008-03-01 to 2008-05-01 (Microsoft's first example, exactly).
    expect(call("ACCRINT", "2008-03-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0)).toBeCloseTo(
      (1000 * 0.1 * 60) / 360,
      12,
    );
  });

  it("par omitted means 1,000 (Microsoft's reference page)", () => {
    expect(call("ACCRINT", "2008-03-01", "2008-08-31", "2008-05-01", 0.1, null, 2, 0)).toBe(
      call("ACCRINT", "2008-03-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0),
    );
    expect(call("ACCRINTM", "2008-04-01", "2008-06-15", 0.1, null, 3)).toBe(
      call("ACCRINTM", "2008-04-01", "2008-06-15", 0.1, 1000, 3),
    );
  });

  it("settlement after first_interest: whole coupons plus the current period (ExcelFinancialFunctions' algorithm; Exceljet reports calc_method FALSE does not change this case)", () => {
    // Issue 2008-03-05, coupons Feb/Aug month-end. TRUE: 2008-08-31 -> 2009-01-31 is 150 days of 180,
    // plus the issue stub 2008-03-05 -> 2008-08-31, 176 days of 180.
    const full = call("ACCRINT", "2008-03-05", "2008-08-31", "2009-01-31", 0.1, 1000, 2, 0, true);
    expect(full).toBeCloseTo(50 * (326 / 180), 12);
    expect(call("ACCRINT", "2008-03-05", "2008-08-31", "2009-01-31", 0.1, 1000, 2, 0, false)).toBeCloseTo(full, 12);
  });

  it("a whole period counts one coupon even when the settlement slice is negative (Excel-recorded: 1,400 = 2 x 700)", () => {
    expect(call("ACCRINT", "1990-03-04", "1993-03-31", "1992-03-04", 0.07, 10000, 1, 1)).toBeCloseTo(1400, 9);
  });

  it("ACCRINTM for basis 1 is par x rate x YEARFRAC basis 1", () => {
    expect(call("ACCRINTM", "2008-04-01", "2008-06-15", 0.1, 1000, 1)).toBe(1000 * 0.1 * (75 / 366));
  });

  it.each([
    ["rate 0", ["2008-03-01", "2008-08-31", "2008-05-01", 0, 1000, 2, 0], "#NUM!"],
    ["rate < 0", ["2008-03-01", "2008-08-31", "2008-05-01", -0.1, 1000, 2, 0], "#NUM!"],
    ["par 0", ["2008-03-01", "2008-08-31", "2008-05-01", 0.1, 0, 2, 0], "#NUM!"],
    ["frequency 3", ["2008-03-01", "2008-08-31", "2008-05-01", 0.1, 1000, 3, 0], "#NUM!"],
    ["basis 5", ["2008-03-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 5], "#NUM!"],
    ["issue = settlement", ["2008-05-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0], "#NUM!"],
    ["issue after settlement", ["2008-06-01", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0], "#NUM!"],
    ["issue not a date", ["March", "2008-08-31", "2008-05-01", 0.1, 1000, 2, 0], "#VALUE!"],
  ])("ACCRINT %s -> %s (Microsoft's reference page)", (_what, args, code) => {
    expect(errorOf("ACCRINT", ...(args as unknown[]))).toBe(code);
  });

  it.each([
    ["rate 0", ["2008-04-01", "2008-06-15", 0, 1000, 3], "#NUM!"],
    ["par < 0", ["2008-04-01", "2008-06-15", 0.1, -5, 3], "#NUM!"],
    ["basis 7", ["2008-04-01", "2008-06-15", 0.1, 1000, 7], "#NUM!"],
    ["issue = settlement", ["2008-06-15", "2008-06-15", 0.1, 1000, 3], "#NUM!"],
    ["settlement not a date", ["2008-04-01", "June", 0.1, 1000, 3], "#VALUE!"],
  ])("ACCRINTM %s -> %s (Microsoft's reference page)", (_what, args, code) => {
    expect(errorOf("ACCRINTM", ...(args as unknown[]))).toBe(code);
  });
});

describe("PRICE and YIELD", () => {
  it("Microsoft's examples", () => {
    expect(call("PRICE", "2008-02-15", "2017-11-15", 0.0575, 0.065, 100, 2, 0)).toBeCloseTo(94.63436, 5);
    expect(call("YIELD", "2008-02-15", "2016-11-15", 0.0575, 95.04287, 100, 2, 0)).toBeCloseTo(0.065, 7);
  });

  it("one coupon period left: PRICE discounts with simple interest over DSC/E (the inverse of Microsoft's YIELD closed form)", () => {
    // A = 90, E = 180, DSC = 90 (30/360), coupon 100 x 5.75% / 2 = 2.875.
    const expected = (100 + 2.875) / (1 + (90 / 180) * (0.065 / 2)) - 2.875 * (90 / 180);
    expect(call("PRICE", "2008-02-15", "2008-05-15", 0.0575, 0.065, 100, 2, 0)).toBeCloseTo(expected, 12);
    expect(call("YIELD", "2008-02-15", "2008-05-15", 0.0575, expected, 100, 2, 0)).toBeCloseTo(0.065, 12);
  });

  it("YIELD of Microsoft's PRICE example recovers its yield", () => {
    const price = call("PRICE", "2008-02-15", "2017-11-15", 0.0575, 0.065, 100, 2, 0);
    expect(call("YIELD", "2008-02-15", "2017-11-15", 0.0575, price, 100, 2, 0)).toBeCloseTo(0.065, 12);
  });

  it.each([
    ["rate < 0", ["2008-02-15", "2017-11-15", -0.01, 0.065, 100, 2, 0], "#NUM!"],
    ["yld < 0", ["2008-02-15", "2017-11-15", 0.0575, -0.065, 100, 2, 0], "#NUM!"],
    ["redemption 0", ["2008-02-15", "2017-11-15", 0.0575, 0.065, 0, 2, 0], "#NUM!"],
    ["frequency 12", ["2008-02-15", "2017-11-15", 0.0575, 0.065, 100, 12, 0], "#NUM!"],
    ["basis 5", ["2008-02-15", "2017-11-15", 0.0575, 0.065, 100, 2, 5], "#NUM!"],
    ["settlement = maturity", ["2017-11-15", "2017-11-15", 0.0575, 0.065, 100, 2, 0], "#NUM!"],
    ["yld not a number", ["2008-02-15", "2017-11-15", 0.0575, "high", 100, 2, 0], "#VALUE!"],
  ])("PRICE %s -> %s (Microsoft's reference page)", (_what, args, code) => {
    expect(errorOf("PRICE", ...(args as unknown[]))).toBe(code);
  });

  it.each([
    ["no 30/360 days left before redemption", ["2099-12-30", "2099-12-31", 0.05, 99, 100, 1, 0], "#NUM!"],
    ["rate < 0", ["2008-02-15", "2016-11-15", -0.01, 95, 100, 2, 0], "#NUM!"],
    ["pr 0", ["2008-02-15", "2016-11-15", 0.0575, 0, 100, 2, 0], "#NUM!"],
    ["redemption < 0", ["2008-02-15", "2016-11-15", 0.0575, 95, -100, 2, 0], "#NUM!"],
    ["frequency 3", ["2008-02-15", "2016-11-15", 0.0575, 95, 100, 3, 0], "#NUM!"],
    ["settlement after maturity", ["2017-02-15", "2016-11-15", 0.0575, 95, 100, 2, 0], "#NUM!"],
  ])("YIELD %s -> %s (Microsoft's reference page)", (_what, args, code) => {
    expect(errorOf("YIELD", ...(args as unknown[]))).toBe(code);
  });
});

describe("properties", () => {
  // Serials from 1900-03-01 (after the fictitious day) to 2099-12-31.
  const day = fc.integer({ min: 61, max: 73050 });
  const basis = fc.integer({ min: 0, max: 4 });
  const frequency = fc.constantFrom(1, 2, 4);

  it("YEARFRAC(a, b, k) = YEARFRAC(b, a, k)", () => {
    fc.assert(fc.property(day, day, basis, (a, b, k) => call("YEARFRAC", a, b, k) === call("YEARFRAC", b, a, k)));
  });

  it("DAYS360 European = 360 x YEARFRAC basis 4 (both are 30E/360), negated when start > end", () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const d = call("DAYS360", a, b, true);
        const y = call("YEARFRAC", a, b, 4);
        return Number.isInteger(d) && Math.abs(Math.abs(d) - 360 * y) < 1e-9 && (a <= b ? d >= 0 : d <= 0);
      }),
    );
  });

  /**
   * A settlement before a maturity, between 1901-01-01 (serial 367, so that the previous coupon date
   * is never before 1900, which Excel cannot show) and 2099-12-31.
   */
  const bond = fc
    .tuple(fc.integer({ min: 367, max: 73050 }), fc.integer({ min: 1, max: 12000 }))
    .filter(([s, len]) => s + len <= 73050)
    .map(([s, len]) => [s, s + len] as const);

  it("COUPPCD <= settlement < COUPNCD <= maturity, and COUPNUM = 1 exactly when COUPNCD is maturity", () => {
    fc.assert(
      fc.property(bond, frequency, basis, ([s, m], f, k) => {
        const pcd = call("COUPPCD", s, m, f, k);
        const ncd = call("COUPNCD", s, m, f, k);
        const n = call("COUPNUM", s, m, f, k);
        return pcd <= s && s < ncd && ncd <= m && n >= 1 && (n === 1) === (ncd === m);
      }),
    );
  });

  it("COUPDAYBS + COUPDAYSNC = COUPDAYS on basis 1 always", () => {
    fc.assert(
      fc.property(
        bond,
        frequency,
        ([s, m], f) => call("COUPDAYBS", s, m, f, 1) + call("COUPDAYSNC", s, m, f, 1) === call("COUPDAYS", s, m, f, 1),
      ),
    );
  });

  it("... and on bases 0 and 4 when the maturity day is at most 27 (no month-end adjustment can apply)", () => {
    const earlyDayBond = bond.filter(([, m]) => excelCivilFromSerial(m).d <= 27);
    fc.assert(
      fc.property(earlyDayBond, frequency, fc.constantFrom(0, 4), ([s, m], f, k) => {
        return call("COUPDAYBS", s, m, f, k) + call("COUPDAYSNC", s, m, f, k) === call("COUPDAYS", s, m, f, k);
      }),
    );
  });

  it("YIELD(PRICE(y)) = y on every basis and frequency", () => {
    fc.assert(
      fc.property(
        bond,
        frequency,
        basis,
        fc.double({ min: 0, max: 0.15, noNaN: true }),
        fc.double({ min: 0, max: 0.25, noNaN: true }),
        fc.double({ min: 50, max: 150, noNaN: true }),
        ([s, m], f, k, rate, yld, redemption) => {
          // Where 30/360 leaves no days before the last coupon (E - A = 0) YIELD has no answer.
          fc.pre(call("COUPDAYBS", s, m, f, k) !== call("COUPDAYS", s, m, f, k));
          const price = call("PRICE", s, m, rate, yld, redemption, f, k);
          const back = call("YIELD", s, m, rate, price, redemption, f, k);
          return Math.abs(back - yld) < 1e-9;
        },
      ),
    );
  });
});
