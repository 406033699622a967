/**
 * src/io/cells.ts: one cell to one engine value, as a result.
 *
 * Sources for the conventions tested:
 * - Office.js Range.values: numbers, strings, booleans; blank cells are ""; error cells are their
 *   text (#N/A, ...); the full list of error values is Excel.ErrorCellValueType (Office.js API
 *   reference: #BLOCKED!, #BUSY!, #CALC!, #CONNECT!, #DIV/0!, #FIELD!, #GETTING_DATA, #N/A,
 *   #NAME?, #NULL!, #NUM!, #REF!, #SPILL!, #UNKNOWN!, #VALUE!, ...).
 * - Excel number formats (Microsoft, "Number format codes"): thousands separators, negative
 *   numbers in parentheses "#,##0.00;(#,##0.00)", percentages; Swiss formats group with an
 *   apostrophe (1'234.50), French with a (narrow) non-breaking space, Indian as 12,34,567.
 * - SAP and other ledgers export negatives with a trailing minus (1234.50-).
 * - Excel keeps 15 significant digits (Microsoft, "Excel specifications and limits": number
 *   precision 15 digits); =0.1+0.2 arrives in Range.values as 0.30000000000000004.
 * - Serial anchors as in dates.test.ts (Microsoft DATE function page, KB 214326).
 */
import fc from "fast-check";
import { dayFromCivil } from "../../src/core/dates/civil";
import { InputError } from "../../src/core/errors";
import { Decimal } from "../../src/core/money";
import {
  CellError,
  CellResult,
  EXCEL_ERROR_VALUES,
  isExcelErrorValue,
  parseBoolCell,
  parseDateCell,
  parseNumberCell,
  parseTextCell,
  toInputError,
} from "../../src/io/cells";

function value<T>(r: CellResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.kind}: ${r.detail}`);
  return r.value;
}
function error<T>(r: CellResult<T>): CellError {
  if (r.ok) throw new Error(`expected an error, got ${String(r.value)}`);
  return r;
}
const num = (v: Parameters<typeof parseNumberCell>[0], opts?: Parameters<typeof parseNumberCell>[1]) =>
  value(parseNumberCell(v, opts)).toFixed();

describe("parseNumberCell", () => {
  test("finite numbers, read at Excel's 15 significant digits", () => {
    expect(num(1234.5)).toBe("1234.5");
    expect(num(-0.01)).toBe("-0.01");
    expect(num(0.1 + 0.2)).toBe("0.3");
    expect(num(9007199254740991)).toBe("9007199254740991");
    expect(num(1e-10)).toBe("0.0000000001");
    expect(num(1 / 3)).toBe("0.333333333333333");
    expect(num(2 / 3)).toBe("0.666666666666667");
    expect(num(1234567.891)).toBe("1234567.891");
    expect(num(-1.5e-7)).toBe("-0.00000015");
    expect(error(parseNumberCell(NaN)).kind).toBe("not-a-number");
    expect(error(parseNumberCell(Infinity)).kind).toBe("not-a-number");
  });

  test.each([
    ["1234.50", "1234.5"],
    ["-1234.50", "-1234.5"],
    ["+1234.50", "1234.5"],
    ["1,234.50", "1234.5"],
    ["1,234,567.891", "1234567.891"],
    ["  1,234.50  ", "1234.5"],
    ["1 234.50", "1234.5"],
    ["1\u00a0234.50", "1234.5"],
    ["\u00a01234.50\u00a0", "1234.5"],
    ["1'234.50", "1234.5"],
    ["1\u2019234.50", "1234.5"],
    ["12,34,567.00", "1234567"],
    ["(1,234.50)", "-1234.5"],
    ["( 1,234.50 )", "-1234.5"],
    ["1234.50-", "-1234.5"],
    ["1,234.50 -", "-1234.5"],
    ["\u22121234.5", "-1234.5"],
    ["$1,234.50", "1234.5"],
    ["-$1,234.50", "-1234.5"],
    ["$-1,234.50", "-1234.5"],
    ["($1,234.50)", "-1234.5"],
    ["€ 1.50", "1.5"],
    ["1.50 €", "1.5"],
    ["£12", "12"],
    ["¥1,000", "1000"],
    ["CHF 1'234.50", "1234.5"],
    ["1'234.50 CHF", "1234.5"],
    ["USD 1,234.50", "1234.5"],
    ["USD1,234.50", "1234.5"],
    ["(1,234.50) USD", "-1234.5"],
    ["1234.50 usd", "1234.5"],
    ["US$1,000", "1000"],
    ["HK$ 1,000.5", "1000.5"],
    ["5%", "0.05"],
    ["-2.5 %", "-0.025"],
    ["(5%)", "-0.05"],
    ["1.5E3", "1500"],
    ["1.5e-3", "0.0015"],
    ["-2E+2", "-200"],
    [".5", "0.5"],
    ["5.", "5"],
    ["0", "0"],
    ["007", "7"],
    ["123456789012345.1234567890", "123456789012345.123456789"],
  ])("text %j -> %s", (text, expected) => {
    expect(num(text)).toBe(expected);
  });

  test.each([
    ["1.234,50", "1234.5"],
    ["1 234,50", "1234.5"],
    ["1234,5", "1234.5"],
    ["-1.234.567,891", "-1234567.891"],
    ["(1.234,50) €", "-1234.5"],
    ["1.234", "1234"],
    ["5,5%", "0.055"],
  ])("decimal comma: %j -> %s", (text, expected) => {
    expect(num(text, { decimalComma: true })).toBe(expected);
  });

  test("a comma that cannot be a thousands separator is refused, with a hint, not read as 15", () => {
    const e = error(parseNumberCell("1,5"));
    expect(e.kind).toBe("not-a-number");
    expect(e.detail).toMatch(/decimal-comma/);
    expect(error(parseNumberCell("1.234,56")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("1,234.5,6")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("1234,567")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("1,23,4567")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("1.5", { decimalComma: true })).detail).toMatch(/',' as the decimal separator/);
  });

  test("a lone dash is zero: Excel's Accounting format shows zero as '-' (Microsoft, 'Number format codes': _($* \"-\"??_))", () => {
    expect(num("-")).toBe("0");
    expect(num(" $ -   ")).toBe("0");
    expect(num("- €")).toBe("0");
    expect(error(parseNumberCell("--")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("(-)")).kind).toBe("not-a-number");
    expect(error(parseNumberCell("%")).kind).toBe("not-a-number");
  });

  test("percent option: values are percentage points; a '%' sign is never applied twice", () => {
    expect(num("5", { percent: true })).toBe("0.05");
    expect(num(5, { percent: true })).toBe("0.05");
    expect(num("5%", { percent: true })).toBe("0.05");
    expect(num("2,5 %", { percent: true, decimalComma: true })).toBe("0.025");
  });

  test("Excel error values -> excel-error (every Office.js error value)", () => {
    for (const code of EXCEL_ERROR_VALUES) {
      const e = error(parseNumberCell(code));
      expect(e.kind).toBe("excel-error");
      expect(e.detail).toContain(code);
    }
    expect(error(parseNumberCell("#N/A N/A")).kind).toBe("excel-error"); // market-data add-in text
    expect(error(parseNumberCell(" #DIV/0! ")).kind).toBe("excel-error");
    expect(error(parseNumberCell("#HELLO")).kind).toBe("not-a-number");
  });

  test("blank: '', null, whitespace and non-breaking spaces", () => {
    for (const v of ["", null, "   ", "\u00a0", "\t"]) expect(error(parseNumberCell(v)).kind).toBe("blank");
  });

  test("booleans and other text -> not-a-number, saying what was expected and found", () => {
    const b = error(parseNumberCell(true));
    expect(b.kind).toBe("not-a-number");
    expect(b.detail).toBe("expected a number, found the logical value TRUE");
    for (const t of ["abc", "12abc", "1.2.3", "--5", "-(5)", "$", "()", "+", "1e", "1,,234", "ABC 100", "1 234,5"]) {
      const e = error(parseNumberCell(t));
      expect(e.kind).toBe("not-a-number");
      expect(e.detail).toContain("expected a number");
    }
    expect(error(parseNumberCell("n/a")).detail).toBe("expected a number, found 'n/a'");
  });

  test("isExcelErrorValue", () => {
    expect(isExcelErrorValue("#N/A")).toBe(true);
    expect(isExcelErrorValue("#SPILL!")).toBe(true);
    expect(isExcelErrorValue("#GETTING_DATA")).toBe(true);
    expect(isExcelErrorValue("#n/a")).toBe(false);
    expect(isExcelErrorValue("N/A")).toBe(false);
    expect(isExcelErrorValue(42)).toBe(false);
    expect(isExcelErrorValue(null)).toBe(false);
  });

  // Independent formatter for the property: cents -> text in a given style.
  type Style = {
    group: string;
    neg: "minus" | "parens" | "trailing";
    currency: string;
    currencyAfter: boolean;
    decimalComma: boolean;
  };
  function format(cents: bigint, st: Style): string {
    const negative = cents < 0n;
    const abs = (negative ? -cents : cents).toString().padStart(3, "0");
    const intDigits = abs.slice(0, -2);
    const frac = abs.slice(-2);
    let grouped = "";
    for (let i = intDigits.length; i > 0; i -= 3)
      grouped = intDigits.slice(Math.max(0, i - 3), i) + (grouped === "" ? "" : st.group + grouped);
    let body = grouped + (st.decimalComma ? "," : ".") + frac;
    if (st.currency !== "") body = st.currencyAfter ? `${body} ${st.currency}` : `${st.currency}${body}`;
    if (!negative) return body;
    return st.neg === "parens" ? `(${body})` : st.neg === "trailing" ? `${body}-` : `-${body}`;
  }
  const styleArb: fc.Arbitrary<Style> = fc
    .record({
      group: fc.constantFrom(",", " ", "\u00a0", "'", ""),
      neg: fc.constantFrom<Style["neg"]>("minus", "parens", "trailing"),
      currency: fc.constantFrom("", "$", "€", "£", "¥", "USD", "CHF", "EUR", "JPY"),
      currencyAfter: fc.boolean(),
      decimalComma: fc.boolean(),
    })
    .map((s) => (s.decimalComma && s.group === "," ? { ...s, group: "." } : s));

  test("property: any 2-decimal amount up to 1e15, formatted with separators, negatives and currency, parses back exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), styleArb, (cents, st) => {
        const text = format(cents, st);
        const r = parseNumberCell(text, { decimalComma: st.decimalComma });
        const expected = new Decimal(cents.toString()).div(100);
        expect(r.ok && r.value.equals(expected)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("parseDateCell", () => {
  const d = (y: number, m: number, dd: number) => dayFromCivil(y, m, dd);

  test("numbers are serials in the grid's date system, time of day dropped", () => {
    expect(value(parseDateCell(45658, { dateSystem: "1900" }))).toBe(d(2025, 1, 1));
    expect(value(parseDateCell(45658.75, { dateSystem: "1900" }))).toBe(d(2025, 1, 1));
    expect(value(parseDateCell(45658 - 1462, { dateSystem: "1904" }))).toBe(d(2025, 1, 1));
    expect(value(parseDateCell(0, { dateSystem: "1904" }))).toBe(d(1904, 1, 1));
    expect(value(parseDateCell(2958465, { dateSystem: "1900" }))).toBe(d(9999, 12, 31));
  });

  test("serial 60 (fictitious 1900-02-29) is refused with a clear detail", () => {
    const e = error(parseDateCell(60, { dateSystem: "1900" }));
    expect(e.kind).toBe("not-a-date");
    expect(e.detail).toMatch(/serial 60.*1900-02-29.*never existed/);
    expect(value(parseDateCell(60, { dateSystem: "1904" }))).toBe(d(1904, 3, 1));
  });

  test("serials outside 1..2958465 (1900) or 0..2957003 (1904) are refused", () => {
    expect(error(parseDateCell(0, { dateSystem: "1900" })).detail).toMatch(
      /outside Excel's dates \(serials 1 to 2958465/,
    );
    expect(error(parseDateCell(-1, { dateSystem: "1900" })).kind).toBe("not-a-date");
    expect(error(parseDateCell(2958466, { dateSystem: "1900" })).kind).toBe("not-a-date");
    expect(error(parseDateCell(2957004, { dateSystem: "1904" })).detail).toMatch(
      /0 to 2957003 in the 1904 date system/,
    );
    expect(error(parseDateCell(NaN, { dateSystem: "1900" })).kind).toBe("not-a-date");
  });

  test("an 8-digit number that is not date-formatted is yyyymmdd (beyond every serial)", () => {
    expect(value(parseDateCell(20261030, { dateSystem: "1900" }))).toBe(d(2026, 10, 30));
    expect(value(parseDateCell(20261030, { dateSystem: "1900", format: "yyyymmdd" }))).toBe(d(2026, 10, 30));
    expect(error(parseDateCell(20261332, { dateSystem: "1900", format: "yyyymmdd" })).kind).toBe("not-a-date");
    expect(error(parseDateCell(45658, { dateSystem: "1900", format: "yyyymmdd" })).detail).toMatch(/yyyymmdd/);
    expect(value(parseDateCell(45658, { dateSystem: "1900", format: "yyyymmdd", isDateFormatted: true }))).toBe(
      d(2025, 1, 1),
    );
    expect(error(parseDateCell(20261030, { dateSystem: "1900", isDateFormatted: true })).kind).toBe("not-a-date");
  });

  test("text through the date parser, with or without a format", () => {
    expect(value(parseDateCell("2026-10-30", { dateSystem: "1900" }))).toBe(d(2026, 10, 30));
    expect(value(parseDateCell(" 30-Oct-2026 ", { dateSystem: "1900" }))).toBe(d(2026, 10, 30));
    expect(value(parseDateCell("05/06/2026", { dateSystem: "1900", format: "dd/mm/yyyy" }))).toBe(d(2026, 6, 5));
    expect(value(parseDateCell("05/06/2026", { dateSystem: "1900", format: "mm/dd/yyyy" }))).toBe(d(2026, 5, 6));
  });

  test("date errors say what was expected", () => {
    expect(error(parseDateCell("05/06/2026", { dateSystem: "1900" })).detail).toMatch(
      /could be day\/month or month\/day/,
    );
    expect(error(parseDateCell("2026-10-30", { dateSystem: "1900", format: "dd/mm/yyyy" })).detail).toBe(
      "expected a date as dd/mm/yyyy (e.g. 30/10/2026), found '2026-10-30'",
    );
    expect(error(parseDateCell("soon", { dateSystem: "1900" })).detail).toMatch(/^expected a date .*found 'soon'$/);
    expect(error(parseDateCell("#N/A", { dateSystem: "1900" })).kind).toBe("excel-error");
    expect(error(parseDateCell("", { dateSystem: "1900" })).kind).toBe("blank");
    expect(error(parseDateCell(null, { dateSystem: "1900" })).kind).toBe("blank");
    expect(error(parseDateCell(false, { dateSystem: "1900" })).kind).toBe("not-a-date");
  });
});

describe("parseTextCell and parseBoolCell", () => {
  test("text is trimmed by default (non-breaking spaces too), optionally upper-cased", () => {
    expect(value(parseTextCell("  Buy\u00a0"))).toBe("Buy");
    expect(value(parseTextCell("  Buy ", { trim: false }))).toBe("  Buy ");
    expect(value(parseTextCell(" usd ", { upper: true }))).toBe("USD");
    expect(error(parseTextCell("   ")).kind).toBe("blank");
    expect(error(parseTextCell(null)).kind).toBe("blank");
    expect(error(parseTextCell("#REF!")).kind).toBe("excel-error");
  });
  test("numbers and booleans become the text Excel shows", () => {
    expect(value(parseTextCell(12345))).toBe("12345");
    expect(value(parseTextCell(0.1 + 0.2))).toBe("0.3");
    expect(value(parseTextCell(true))).toBe("TRUE");
  });
  test("booleans", () => {
    for (const t of [true, 1, "TRUE", "yes", "Y", "t", " 1 "]) expect(value(parseBoolCell(t))).toBe(true);
    for (const f of [false, 0, "false", "No", "n", "F", "0"]) expect(value(parseBoolCell(f))).toBe(false);
    expect(error(parseBoolCell("maybe")).detail).toBe("expected TRUE or FALSE (or yes/no, y/n, 1/0), found 'maybe'");
    expect(error(parseBoolCell(2)).kind).toBe("invalid");
    expect(error(parseBoolCell("")).kind).toBe("blank");
    expect(error(parseBoolCell("#N/A")).kind).toBe("excel-error");
  });
});

describe("toInputError", () => {
  test("builds an InputError that names sheet, row, column and letter", () => {
    const r = error(parseNumberCell("abc"));
    const e = toInputError(r, { sheet: "Books", row: 7, column: "Net Amount", columnLetter: "F" }, "abc");
    expect(e).toBeInstanceOf(InputError);
    expect(e.kind).toBe("not-a-number");
    expect(e.raw).toBe("abc");
    expect(e.message).toBe("sheet 'Books', row 7, column 'Net Amount' (F): expected a number, found 'abc'");
  });
});
