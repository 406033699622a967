/**
 * src/core/money: Decimal configuration, ISO 4217 minor units, named rounding.
 *
 * Sources:
 * - ISO 4217 List One (SIX Financial Information for ISO, edition 2026-01-01): minor units.
 * - Microsoft, "ROUND function" examples: ROUND(2.15, 1) = 2.2, ROUND(2.149, 1) = 2.1,
 *   ROUND(-1.475, 2) = -1.48 (ties away from zero).
 * - Microsoft, "ROUNDDOWN function" examples: ROUNDDOWN(3.14159, 3) = 3.141,
 *   ROUNDDOWN(-3.14159, 1) = -3.1, ROUNDDOWN(31415.92654, -2) is out of scope (negative places).
 * - IEEE 754-2008 §4.3.1 roundTiesToEven ("banker's rounding"): 0.125 -> 0.12, 0.135 -> 0.14.
 * Property tests compare with an independent BigInt implementation of each mode.
 */
import fc from "fast-check";
import {
  CurrencyError,
  DECIMAL_PRECISION,
  Decimal,
  currencyCodes,
  isCurrencyCode,
  minorUnits,
  roundMoney,
  roundTo,
} from "../../src/core/money";
import type { RoundingMode } from "../../src/core/money";

const D = (s: string) => new Decimal(s);

describe("Decimal configuration", () => {
  test("precision is 34 significant digits (IEEE 754 decimal128)", () => {
    expect(DECIMAL_PRECISION).toBe(34);
    expect(Decimal.precision).toBe(34);
  });
  test("1e15 amounts with 10 decimals add exactly (decimal.js's default 20 digits would round them)", () => {
    const a = D("999999999999999.9999999999");
    expect(a.plus(D("0.0000000001")).toFixed()).toBe("1000000000000000");
    expect(D("123456789012345.1234567891").minus(D("123456789012345.1234567890")).toFixed()).toBe("0.0000000001");
    // 30 significant digits in the product: 123456789012345.12 + 123456789012345.12e-10
    const product = (12345678901234512n * 10000000001n).toString(); // scale 2 + 10 = 12 decimals
    expect(D("123456789012345.12").times(D("1.0000000001")).toFixed()).toBe(
      `${product.slice(0, -12)}.${product.slice(-12)}`,
    );
  });
});

describe("ISO 4217 minor units", () => {
  test.each([
    ["USD", 2],
    ["EUR", 2],
    ["GBP", 2],
    ["CHF", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["ISK", 0],
    ["VND", 0],
    ["XOF", 0],
    ["XAF", 0],
    ["XPF", 0],
    ["BHD", 3],
    ["KWD", 3],
    ["OMR", 3],
    ["JOD", 3],
    ["TND", 3],
    ["LYD", 3],
    ["IQD", 3],
    ["CLF", 4],
    ["UYW", 4],
    ["XCG", 2],
    ["ZWG", 2],
    ["SLE", 2],
    ["VED", 2],
    ["BGN", 2],
  ])("%s has %d decimals (ISO 4217 List One)", (code, units) => {
    expect(minorUnits(code as string)).toBe(units);
  });
  test("codes are matched after trimming and upper-casing", () => {
    expect(minorUnits(" jpy ")).toBe(0);
    expect(isCurrencyCode("usd")).toBe(true);
  });
  test("unknown code is an error naming the code", () => {
    expect(() => minorUnits("USX")).toThrow(CurrencyError);
    expect(() => minorUnits("USX")).toThrow(/'USX' is not an ISO 4217 currency code/);
    expect(() => minorUnits("")).toThrow(CurrencyError);
    expect(isCurrencyCode("ABC")).toBe(false);
  });
  test("codes with no minor unit (N.A.: gold, SDR, ...) are known but cannot be money-rounded", () => {
    expect(isCurrencyCode("XAU")).toBe(true);
    expect(() => minorUnits("XAU")).toThrow(/no minor unit/);
    expect(() => minorUnits("XDR")).toThrow(/no minor unit/);
    expect(currencyCodes()).not.toContain("XAU");
  });
  test("the table covers every active currency (about 170 codes with a minor unit)", () => {
    const codes = currencyCodes();
    expect(codes.length).toBeGreaterThan(160);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{3}$/);
  });
});

describe("rounding", () => {
  test("half-up: Microsoft ROUND examples (ties away from zero)", () => {
    expect(roundTo(D("2.15"), 1).toFixed()).toBe("2.2");
    expect(roundTo(D("2.149"), 1).toFixed()).toBe("2.1");
    expect(roundTo(D("-1.475"), 2).toFixed()).toBe("-1.48");
    expect(roundTo(D("-1.475"), 2, "half-up").toFixed()).toBe("-1.48");
  });
  test("half-even: IEEE 754 roundTiesToEven", () => {
    expect(roundTo(D("0.125"), 2, "half-even").toFixed()).toBe("0.12");
    expect(roundTo(D("0.135"), 2, "half-even").toFixed()).toBe("0.14");
    expect(roundTo(D("-0.125"), 2, "half-even").toFixed()).toBe("-0.12");
    expect(roundTo(D("0.1251"), 2, "half-even").toFixed()).toBe("0.13");
  });
  test("down: Microsoft ROUNDDOWN examples (toward zero)", () => {
    expect(roundTo(D("3.14159"), 3, "down").toFixed()).toBe("3.141");
    expect(roundTo(D("-3.14159"), 1, "down").toFixed()).toBe("-3.1");
  });
  test("roundMoney uses the currency's minor units", () => {
    expect(roundMoney(D("1234.565"), "USD").toFixed()).toBe("1234.57");
    expect(roundMoney(D("1234.5"), "JPY").toFixed()).toBe("1235");
    expect(roundMoney(D("1234.5"), "JPY", "half-even").toFixed()).toBe("1234");
    expect(roundMoney(D("1.23456"), "KWD").toFixed()).toBe("1.235");
    expect(roundMoney(D("1.23456"), "CLF", "down").toFixed()).toBe("1.2345");
    // FEE.DAILY vector (published-vectors.jsonl, Eagle documentation): 250,000,000 x 0.75% / 365 = 5,136.99 at 2 dp
    expect(roundMoney(D("250000000").times("0.0075").div(365), "USD").toFixed(2)).toBe("5136.99");
    expect(() => roundMoney(D("1"), "XYZ")).toThrow(CurrencyError);
  });
  test("bad decimals are refused", () => {
    expect(() => roundTo(D("1"), -1)).toThrow(RangeError);
    expect(() => roundTo(D("1"), 1.5)).toThrow(RangeError);
  });

  /** Oracle: round n / 10^scale to `dp` places with BigInt only. */
  function oracle(n: bigint, scale: number, dp: number, mode: RoundingMode): string {
    const div = 10n ** BigInt(scale - dp);
    const neg = n < 0n;
    const a = neg ? -n : n;
    let q = a / div;
    const r = a % div;
    if (mode === "half-up" && r * 2n >= div) q += 1n;
    if (mode === "half-even" && (r * 2n > div || (r * 2n === div && q % 2n === 1n))) q += 1n;
    const signed = neg ? -q : q;
    return new Decimal(signed.toString()).div(new Decimal(10).pow(dp)).toFixed(dp);
  }

  test("property: each mode agrees with a BigInt oracle on amounts up to 1e15 with 6 decimals", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 21n), max: 10n ** 21n }),
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom<RoundingMode>("half-up", "half-even", "down"),
        (n, dp, mode) => {
          const amount = new Decimal(n.toString()).div(1e6);
          expect(roundTo(amount, dp, mode).toFixed(dp)).toBe(oracle(n, 6, dp, mode));
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("property: ties are hit (amounts ending in 5 at the next decimal)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.constantFrom<RoundingMode>("half-up", "half-even", "down"),
        (k, mode) => {
          const n = k * 10n + 5n; // 3 decimals ending in 5: a tie at 2 decimals
          const amount = new Decimal(n.toString()).div(1000);
          expect(roundTo(amount, 2, mode).toFixed(2)).toBe(oracle(n, 3, 2, mode));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
