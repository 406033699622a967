/**
 * Value normalisation before matching (src/core/recon/normalise.ts).
 *
 * Sources: the equivalence tables that reconciliation tools document (Duco and BlackLine: "BUY = Buy
 * = B = PURCHASE", summarised in /work/shared/DOMAIN.md, "What leading tools do"); debit/credit
 * abbreviations DR/CR as used on bank statements (SWIFT MT940 field 61 marks debit D and credit C);
 * ISO 4217 List One for currency codes (src/core/money/currencies.ts); CLDR English currency symbols
 * (US$, CA$, A$, €, £) for the aliases.
 */
import fc from "fast-check";
import { Decimal, currencyCodes } from "../../src/core/money";
import {
  BOOLEAN,
  CASH_DIRECTION,
  CURRENCY,
  Normaliser,
  NormaliserConfigError,
  SIDE,
  UnknownValueProblem,
  compileNormaliser,
  negate,
  normaliseCurrency,
  sideOf,
  signBySide,
} from "../../src/core/recon/normalise";

describe("built-in equivalence tables", () => {
  test.each([
    ["BUY", "BUY"],
    ["Buy", "BUY"],
    ["b", "BUY"],
    [" PURCHASE ", "BUY"],
    ["by", "BUY"],
    ["Bought", "BUY"],
    ["SELL", "SELL"],
    ["Sell", "SELL"],
    ["s", "SELL"],
    ["Sale", "SELL"],
    ["SL", "SELL"],
    ["sold", "SELL"],
  ])("side %j -> %s (Duco/BlackLine-style side table)", (raw, canonical) => {
    expect(SIDE.apply(raw)).toBe(canonical);
    expect(sideOf(raw)).toBe(canonical);
  });

  test.each([
    ["Debit", "DEBIT"],
    ["DR", "DEBIT"],
    ["d", "DEBIT"],
    ["credit", "CREDIT"],
    ["Cr", "CREDIT"],
    ["C", "CREDIT"],
  ])("cash direction %j -> %s (MT940 D/C marks, DR/CR)", (raw, canonical) => {
    expect(CASH_DIRECTION.apply(raw)).toBe(canonical);
  });

  test.each([
    ["yes", "TRUE"],
    ["Y", "TRUE"],
    ["1", "TRUE"],
    ["true", "TRUE"],
    ["No", "FALSE"],
    ["n", "FALSE"],
    ["0", "FALSE"],
    ["False", "FALSE"],
  ])("flag %j -> %s", (raw, canonical) => {
    expect(BOOLEAN.apply(raw)).toBe(canonical);
  });

  test("a short sell is not folded into SELL: FIX distinguishes it (Side 5), so the closed table reports it", () => {
    expect(sideOf("SELL SHORT")).toBeUndefined();
    expect(SIDE.isKnown("SS")).toBe(false);
  });
});

describe("unknown values in a closed table are typed problems, not exceptions", () => {
  test("applyChecked reports where and what was expected, and returns the folded value", () => {
    const problems: UnknownValueProblem[] = [];
    const where = { sheet: "Custodian", row: 7, column: "Side", columnLetter: "D" };
    expect(SIDE.applyChecked("  xfer in ", problems, where)).toBe("XFER IN");
    expect(SIDE.applyChecked("buy", problems, where)).toBe("BUY");
    expect(problems).toEqual([
      {
        kind: "unknown-value",
        table: "side",
        value: "  xfer in ",
        folded: "XFER IN",
        expected: ["BUY", "SELL"],
        where,
        message: "unknown side '  xfer in '; expected one of BUY, SELL",
      },
    ]);
  });

  test("an open table passes unknown values through, folded, with no problem", () => {
    const open = compileNormaliser({ name: "broker", equivalences: { "GOLDMAN SACHS": ["GS", "GOLDMAN"] } });
    const problems: UnknownValueProblem[] = [];
    expect(open.applyChecked("Goldman", problems)).toBe("GOLDMAN SACHS");
    expect(open.applyChecked(" morgan   stanley ", problems)).toBe("MORGAN STANLEY");
    expect(problems).toEqual([]);
    expect(open.isKnown("anything")).toBe(true);
  });
});

describe("Normaliser compiled from a JSON-able config", () => {
  test("defaults: trim, collapse inner whitespace (tabs, no-break spaces), upper case", () => {
    const n = new Normaliser();
    expect(n.apply("  net\t\u00a0 amount  ")).toBe("NET AMOUNT");
    expect(n.apply("ALREADY CLEAN")).toBe("ALREADY CLEAN");
    expect(n.apply("")).toBe("");
  });

  test("case lower and none; trim and collapse can be turned off", () => {
    expect(new Normaliser({ case: "lower" }).apply(" ABC  Def ")).toBe("abc def");
    expect(new Normaliser({ case: "none" }).apply(" ABC  Def ")).toBe("ABC Def");
    expect(new Normaliser({ trim: false }).apply(" a  b ")).toBe(" A B ");
    expect(new Normaliser({ collapseWhitespace: false }).apply(" a  b ")).toBe("A  B");
  });

  test("user tables: canonical returned as written; synonyms matched after folding; case none matches exactly", () => {
    const config = { name: "account", equivalences: { "Fund-A Main": ["FA-01", "fund a"] }, closed: true };
    const n = compileNormaliser(config);
    expect(n.apply(" fa-01")).toBe("Fund-A Main");
    expect(n.apply("FUND   A")).toBe("Fund-A Main");
    expect(n.apply("fund-a main")).toBe("Fund-A Main");
    expect(n.toJSON()).toEqual(config);
    const exact = compileNormaliser({ case: "none", equivalences: { X: ["abc"] } });
    expect(exact.lookup("abc")).toBe("X");
    expect(exact.lookup("ABC")).toBeUndefined();
  });

  test("built-in tables can be extended by spreading them into a user config", () => {
    const n = compileNormaliser({
      name: "side",
      equivalences: { BUY: ["BUY", "B", "BY", "PURCHASE", "BOT"], SELL: ["SELL", "S", "SLD"] },
      closed: true,
    });
    expect(n.apply("bot")).toBe("BUY");
    expect(n.apply("Sld")).toBe("SELL");
  });

  test("a synonym under two canonical values is a config error, named", () => {
    expect(() => compileNormaliser({ name: "side", equivalences: { BUY: ["B"], BORROW: ["b "] } })).toThrow(
      new NormaliserConfigError("side: 'b ' is listed under both 'BUY' and 'BORROW'"),
    );
  });

  test("properties: apply is idempotent, and ignores case and surrounding or repeated spaces (ASCII text)", () => {
    const n = compileNormaliser({ equivalences: { BUY: ["B", "PURCHASE"], SELL: ["S"] } });
    const ascii = fc.string({ unit: fc.constantFrom(..."aAbBsS pP\tx1".split("")), maxLength: 12 });
    fc.assert(
      fc.property(ascii, (s) => {
        const once = n.apply(s);
        const messy = "  " + s.toLowerCase().replace(/ /g, "  ") + "\t";
        return n.apply(once) === once && n.apply(messy) === once;
      }),
    );
  });
});

describe("currency codes (ISO 4217) and aliases (CLDR symbols)", () => {
  test.each([
    ["usd", "USD"],
    [" USD ", "USD"],
    ["US$", "USD"],
    ["us dollar", "USD"],
    ["Euro", "EUR"],
    ["€", "EUR"],
    ["£", "GBP"],
    ["Sterling", "GBP"],
    ["CA$", "CAD"],
    ["A$", "AUD"],
    ["jpy", "JPY"],
    ["XAU", "XAU"],
  ])("%j -> %s", (raw, code) => {
    expect(normaliseCurrency(raw)).toBe(code);
  });

  test("every ISO 4217 code with a minor unit maps to itself", () => {
    for (const code of currencyCodes()) expect(normaliseCurrency(code.toLowerCase())).toBe(code);
  });

  test("ambiguous symbols and pence are reported, not guessed: $, ¥, GBX", () => {
    for (const raw of ["$", "¥", "GBX", "GBp"]) {
      expect(normaliseCurrency(raw)).toBeUndefined();
      const problems: UnknownValueProblem[] = [];
      CURRENCY.applyChecked(raw, problems);
      expect(problems).toHaveLength(1);
      expect(problems[0].table).toBe("currency");
    }
    const problems: UnknownValueProblem[] = [];
    expect(CURRENCY.applyChecked(" GBp ", problems)).toBe("GBp");
    expect(problems[0].message).toBe(
      "currency ' GBp ' is pence, a hundredth of GBP: convert the amount and use the ISO code",
    );
    expect(normaliseCurrency("gbp")).toBe("GBP");
  });
});

describe("sign conventions", () => {
  const d = (s: string) => new Decimal(s);

  test("signBySide: custodian absolute amounts signed by side (buy positive by default, cash convention with -1)", () => {
    expect(signBySide(d("1000.50"), "B")).toEqual({ ok: true, amount: d("1000.50") });
    expect(signBySide(d("1000.50"), "Sale")).toEqual({ ok: true, amount: d("-1000.50") });
    expect(signBySide(d("-1000.50"), "SELL")).toEqual({ ok: true, amount: d("-1000.50") });
    expect(signBySide(d("1000.50"), "purchase", -1)).toEqual({ ok: true, amount: d("-1000.50") });
    expect(signBySide(d("1000.50"), "S", -1)).toEqual({ ok: true, amount: d("1000.50") });
  });

  test("signBySide: zero is never -0, an unknown side is a problem", () => {
    const zero = signBySide(d("0"), "SELL");
    expect(zero.ok && zero.amount.isNegative()).toBe(false);
    const r = signBySide(d("5"), "REPO");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ kind: "unknown-value", table: "side", value: "REPO" });
  });

  test("negate: explicit sign flip for a source with the opposite convention; 0 stays 0", () => {
    expect(negate(d("12.34")).toString()).toBe("-12.34");
    expect(negate(d("-12.34")).toString()).toBe("12.34");
    expect(negate(d("0")).isNegative()).toBe(false);
  });
});
