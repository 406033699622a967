/**
 * src/io/recon/fast-number.ts: the loader's fast exact number reader must agree with the reference
 * reader, parseNumberCell (src/io/cells.ts), on every input: same value when both read it, a
 * failure when the reference fails. The formats are the ones custodian and bank files use (the
 * issue's list: "1,234.50", "(12.00)", "12.00-", currency symbols and codes, spaces).
 */
import fc from "fast-check";
import { Decimal } from "../../src/core/money";
import { parseNumberCell } from "../../src/io/cells";
import { FALLBACK, OK, parseScaled, scanScaled } from "../../src/io/recon/fast-number";

function scaledValue(int: number, scale: number): Decimal {
  return new Decimal(int).div(new Decimal(10).pow(scale));
}

/** The agreement rule: see the module comment. */
function expectAgreement(input: string | number, decimalComma = false): void {
  const ref = parseNumberCell(input, { decimalComma });
  const fast = parseScaled(input, { decimalComma });
  if (ref.ok) {
    const d = ref.value;
    const exact =
      d.isZero() ||
      (d.sd() <= 15 &&
        d.dp() <= 10 &&
        d
          .abs()
          .times(new Decimal(10).pow(Math.max(0, d.dp())))
          .lt(2 ** 53));
    if (!exact) {
      expect(fast).toMatchObject({ ok: false, kind: "too-precise" });
      return;
    }
    if (!fast.ok)
      throw new Error(
        `parseScaled refused ${JSON.stringify(input)} which parseNumberCell reads as ${d.toString()}: ${fast.detail}`,
      );
    expect(scaledValue(fast.int, fast.scale).toString()).toBe(d.toString());
    expect(Number.isSafeInteger(fast.int)).toBe(true);
  } else {
    expect(fast.ok).toBe(false);
    if (!fast.ok) expect(fast.kind === "blank").toBe(ref.kind === "blank");
  }
}

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(""));

function group(intPart: string, sep: string): string {
  const d = intPart.replace(/^0+(?=\d)/, "");
  let out = "";
  for (let i = 0; i < d.length; i++) {
    if (i > 0 && (d.length - i) % 3 === 0) out += sep;
    out += d[i];
  }
  return out;
}

/** Numbers written the ways files write them. */
const formatted = fc
  .record({
    intPart: digits(1, 13),
    frac: digits(0, 7),
    grouped: fc.boolean(),
    sign: fc.constantFrom("", "-", "+", "()", "trailing-", "-space"),
    currency: fc.constantFrom("", "$", "€", "£", "USD ", " EUR", "US$", "¥ "),
    pad: fc.constantFrom("", " ", "  ", "\u00a0"),
    decimalComma: fc.boolean(),
  })
  .map((r) => {
    const dec = r.decimalComma ? "," : ".";
    const grp = r.decimalComma ? "." : ",";
    let body = (r.grouped ? group(r.intPart, grp) : r.intPart) + (r.frac === "" ? "" : dec + r.frac);
    if (r.currency.endsWith(" ") || (r.currency.length === 1 && r.currency !== "")) body = r.currency + body;
    else if (r.currency !== "") body = body + r.currency;
    switch (r.sign) {
      case "-":
        body = "-" + body;
        break;
      case "+":
        body = "+" + body;
        break;
      case "()":
        body = "(" + body + ")";
        break;
      case "trailing-":
        body = body + "-";
        break;
      case "-space":
        body = "- " + body;
        break;
    }
    return { text: r.pad + body + r.pad, decimalComma: r.decimalComma };
  });

describe("parseScaled agrees with parseNumberCell", () => {
  test("on numbers formatted as custodian and bank files write them (property)", () => {
    fc.assert(
      fc.property(formatted, ({ text, decimalComma }) => expectAgreement(text, decimalComma)),
      { numRuns: 5000 },
    );
  });

  test("on arbitrary strings over the characters numbers are written with (property)", () => {
    const chars = fc.constantFrom(..."0123456789,.-+()$€ USDEe%'1-".split(""));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 14 }).map((a) => a.join("")),
        fc.boolean(),
        (s, dc) => expectAgreement(s, dc),
      ),
      { numRuns: 20000 },
    );
  });

  test("on numbers already typed in cells, read at Excel's 15 significant digits (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer(),
          fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        ),
        (v) => expectAgreement(v),
      ),
      { numRuns: 5000 },
    );
  });

  test("the fast path itself answers the common shapes (no Decimal involved)", () => {
    const out = { int: 0, scale: 0 };
    // Shapes from the list; expected values written by hand.
    const cases: Array<[string, number, number]> = [
      ["1,234.50", 12345, 1],
      ["(12.00)", -12, 0],
      ["12.00-", -12, 0],
      ["$ 1,000,000.25", 100000025, 2],
      ["  -0.0500 ", -5, 2],
      ["765,153.81", 76515381, 2],
    ];
    for (const [text, int, scale] of cases) {
      expect(scanScaled(text, false, out)).toBe(OK);
      expect(out).toEqual({ int, scale });
    }
    expect(scanScaled("1.234,50", true, out)).toBe(OK);
    expect(out).toEqual({ int: 12345, scale: 1 });
    // Currency codes and Indian grouping are the reference reader's.
    expect(scanScaled("1,234.50 USD", false, out)).toBe(FALLBACK);
    expect(scanScaled("12,34,567", false, out)).toBe(FALLBACK);
  });

  test("values beyond 15 significant digits or 10 decimals are refused, not rounded", () => {
    expect(parseScaled("1234567890123456")).toMatchObject({ ok: false, kind: "too-precise" });
    expect(parseScaled("0.00000000001")).toMatchObject({ ok: false, kind: "too-precise" });
    expect(parseScaled("123456789012345")).toEqual({ ok: true, int: 123456789012345, scale: 0 });
    // Excel's own 15-digit view of a double: 0.1 + 0.2 is 0.3 in the cell.
    expect(parseScaled(0.1 + 0.2)).toEqual({ ok: true, int: 3, scale: 1 });
  });
});
