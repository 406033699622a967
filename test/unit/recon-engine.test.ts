/**
 * Reconciliation engine: known answers for every pass type, cardinality, comparison and break code.
 *
 * Expected values are worked by hand from the rules of issue 4 as made precise in
 * docs/recon-engine.md (pass waterfall, cardinalities, tolerances, break codes), from the practice in
 * /work/shared/DOMAIN.md (Finantrix market-value tolerances: equities $10, fixed income $50), from
 * ISO 4217 (USD has 2 minor units, JPY 0), and from the calendar: 2024-03-01 was a Friday, and
 * TARGET was closed on Good Friday 2024-03-29 and Easter Monday 2024-04-01 (ECB TARGET closing days).
 */
import { breakId, fnv1a64, reconcile } from "../../src/core/recon/engine";
import type { Break, ComparisonRule, PassConfig, ReconProfile, ReconResult } from "../../src/core/recon/profile";
import { recordSet, type BuildOptions, type PlainRow } from "../helpers/recordset";

function profileOf(passes: PassConfig[], extra: Partial<ReconProfile> = {}): ReconProfile {
  return {
    version: 1,
    kind: "custom",
    name: "test",
    left: { label: "Books", mapping: {} },
    right: { label: "Custodian", mapping: {} },
    passes,
    ...extra,
  };
}

function pass(keys: string[], compare: ComparisonRule[], more: Partial<PassConfig> = {}): PassConfig {
  return { name: more.name ?? "p1", keys, cardinality: "1:1", compare, onMismatch: "break", ...more };
}

function run(
  profile: ReconProfile,
  left: PlainRow[],
  right: PlainRow[],
  lo: BuildOptions = {},
  ro: BuildOptions = {},
): ReconResult {
  return reconcile(profile, recordSet("left", left, lo), recordSet("right", right, ro));
}

/** Break codes of a result, in output order. */
const codes = (r: ReconResult) => r.breaks.map((b) => b.codes.join("+"));
const only = (r: ReconResult): Break => {
  expect(r.breaks).toHaveLength(1);
  return r.breaks[0];
};

describe("1:1 pass", () => {
  test("equal keys and values match; counts, rates and conservation in the summary", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }])]),
      [
        { ref: "A", amount: "10.00" },
        { ref: "B", amount: "20.00" },
      ],
      [
        { ref: "B", amount: "20.00" },
        { ref: "A", amount: "10.00" },
        { ref: "C", amount: "5.00" },
      ],
    );
    expect(r.matches.map((m) => [m.leftRows, m.rightRows])).toEqual([
      [[2], [3]],
      [[3], [2]],
    ]);
    expect(codes(r)).toEqual(["MISSING_LEFT"]);
    expect(r.breaks[0].rightRows).toEqual([4]);
    expect(r.summary.left).toMatchObject({
      rows: 2,
      matched: 2,
      inBreaks: 0,
      excluded: 0,
      totals: { amount: "30.00" },
    });
    expect(r.summary.right).toMatchObject({ rows: 3, matched: 2, inBreaks: 1, totals: { amount: "35.00" } });
    expect(r.summary.passes).toEqual([{ name: "p1", matchedLeft: 2, matchedRight: 2, rateLeft: 1, rateRight: 2 / 3 }]);
    expect(r.summary.conservation).toEqual({ leftIn: 2, leftOut: 2, rightIn: 3, rightOut: 3, holds: true });
  });

  test("number keys compare by value: 1.5 at scale 1 equals 1.50 at scale 2", () => {
    const r = run(
      profileOf([pass(["quantity"], [])]),
      [{ quantity: "1.5" }],
      [{ quantity: "1.50" }],
      {},
      { scales: { quantity: 2 } },
    );
    expect(r.matches.toArray()).toHaveLength(1);
    expect(r.breaks).toHaveLength(0);
  });

  test("a key read as text on one side and as a number on the other joins as key text (integer keys fall back)", () => {
    // Left refs are text; the right side's column was read as numbers: "15" meets 15.00 (key text
    // of a number drops trailing zeros), "15.0" does not, exactly as key text compares them.
    const r = run(
      profileOf([pass(["ref"], [])]),
      [{ ref: "15" }, { ref: "15.0" }, { ref: "7" }],
      [{ ref: "15.00" }, { ref: "7" }, { ref: "8" }],
      { fields: { ref: "text" } },
      { fields: { ref: "number" } },
    );
    expect(r.matches.toArray().map((m) => [m.leftRows, m.rightRows])).toEqual([
      [[2], [2]],
      [[4], [3]],
    ]);
    expect(codes(r)).toEqual(["MISSING_RIGHT", "MISSING_LEFT"]);
  });

  test("several key fields, text dictionaries in different orders per side, one pair per key", () => {
    // Each side's dictionary lists values in the order its rows first give them, so the codes of
    // X/Y and of the dates' companions differ between the sides; pairs are found by value.
    const r = run(
      profileOf([pass(["account", "tradeDate", "quantity"], [{ field: "amount", kind: "exact" }])]),
      [
        { account: "X", tradeDate: "2024-03-01", quantity: "10", amount: "1.00" },
        { account: "Y", tradeDate: "2024-03-01", quantity: "10", amount: "2.00" },
        { account: "X", tradeDate: "2024-03-04", quantity: "10", amount: "3.00" },
      ],
      [
        { account: "Y", tradeDate: "2024-03-01", quantity: "10.0", amount: "2.00" },
        { account: "X", tradeDate: "2024-03-04", quantity: "10", amount: "3.50" },
        { account: "X", tradeDate: "2024-03-01", quantity: "10", amount: "1.00" },
      ],
    );
    expect(r.matches.toArray().map((m) => [m.leftRows, m.rightRows])).toEqual([
      [[2], [4]],
      [[3], [2]],
    ]);
    expect(only(r)).toMatchObject({ codes: ["AMOUNT"], leftRows: [4], rightRows: [3] });
  });

  test("a blank key keeps a row out of the pass; a later pass can still match it", () => {
    const r = run(
      profileOf([pass(["ref"], [], { name: "reference" }), pass(["account", "security"], [], { name: "economics" })]),
      [{ ref: "T1", account: "A", security: "S1" }],
      [{ ref: "", account: "A", security: "S1" }],
    );
    expect(r.matches.toArray()).toEqual([{ pass: "economics", leftRows: [2], rightRows: [2], diffs: [] }]);
    expect(r.summary.passes.map((p) => p.matchedLeft)).toEqual([0, 1]);
  });

  test("more than one row for a key on a side: every row of the key is one DUPLICATE break, never paired", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }])]),
      [
        { ref: "A", amount: "10" },
        { ref: "A", amount: "10" },
        { ref: "B", amount: "1" },
      ],
      [
        { ref: "A", amount: "10" },
        { ref: "B", amount: "1" },
      ],
    );
    const dup = r.breaks.find((b) => b.codes.includes("DUPLICATE"))!;
    expect(dup).toMatchObject({ codes: ["DUPLICATE"], leftRows: [2, 3], rightRows: [2], pass: "p1" });
    expect(r.matches.map((m) => m.leftRows)).toEqual([[4]]);
  });

  test("duplicates on a side with no counterpart are not ambiguous: each ends missing", () => {
    const r = run(profileOf([pass(["ref"], [])]), [{ ref: "A" }, { ref: "A" }], [{ ref: "B" }]);
    expect(codes(r)).toEqual(["MISSING_RIGHT", "MISSING_RIGHT", "MISSING_LEFT"]);
  });

  test("groupDuplicates: duplicated keys are grouped (N:M) and their sums compared", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }], { groupDuplicates: true })]),
      [
        { ref: "A", amount: "10" },
        { ref: "A", amount: "5" },
      ],
      [{ ref: "A", amount: "15" }],
    );
    expect(r.matches.toArray()).toEqual([{ pass: "p1", leftRows: [2, 3], rightRows: [2], diffs: [] }]);
  });
});

describe("grouped cardinalities", () => {
  const compare: ComparisonRule[] = [
    { field: "quantity", kind: "exact" },
    { field: "amount", kind: "absolute", tolerance: "0.01" },
    { field: "currency", kind: "exact" },
  ];
  test("1:N: partial settlements at the custodian are summed exactly and compared to the booked trade", () => {
    const r = run(
      profileOf([pass(["ref"], compare, { cardinality: "1:N", sumFields: ["quantity", "amount"] })]),
      [{ ref: "T1", quantity: "100", amount: "1000.10", currency: "USD" }],
      [
        { ref: "T1", quantity: "60", amount: "600.06", currency: "USD" },
        { ref: "T1", quantity: "40", amount: "400.04", currency: "USD" },
      ],
    );
    expect(r.matches.toArray()).toEqual([{ pass: "p1", leftRows: [2], rightRows: [2, 3], diffs: [] }]);
  });

  test("1:N: summed partials that differ give one break with the summed value and the difference", () => {
    const r = run(
      profileOf([pass(["ref"], compare, { cardinality: "1:N", sumFields: ["quantity", "amount"] })]),
      [{ ref: "T1", quantity: "100", amount: "1000.00", currency: "USD" }],
      [
        { ref: "T1", quantity: "60", amount: "600.00", currency: "USD" },
        { ref: "T1", quantity: "30", amount: "300.00", currency: "USD" },
      ],
    );
    const b = only(r);
    expect(b).toMatchObject({ codes: ["QUANTITY", "AMOUNT"], leftRows: [2], rightRows: [2, 3], pass: "p1" });
    expect(b.diffs[0]).toEqual({
      field: "quantity",
      code: "QUANTITY",
      left: "100",
      right: "90",
      difference: "10",
      rule: "exact",
    });
    expect(b.diffs[1]).toMatchObject({
      field: "amount",
      left: "1000.00",
      right: "900.00",
      difference: "100.00",
      rule: "absolute 0.01",
    });
  });

  test("1:N: partials that disagree on a field that is not summed are a break listing the disagreement", () => {
    const r = run(
      profileOf([pass(["ref"], compare, { cardinality: "1:N", sumFields: ["quantity", "amount"] })]),
      [{ ref: "T1", quantity: "100", amount: "1000.00", currency: "USD" }],
      [
        { ref: "T1", quantity: "60", amount: "600.00", currency: "USD" },
        { ref: "T1", quantity: "40", amount: "400.00", currency: "EUR" },
      ],
    );
    const b = only(r);
    expect(b.codes).toEqual(["CURRENCY"]);
    expect(b.diffs).toEqual([
      {
        field: "currency",
        code: "CURRENCY",
        left: "USD",
        right: "USD | EUR",
        rule: "must agree across the grouped rows",
      },
    ]);
  });

  test("1:N: two booked rows for one reference are duplicates, not a group", () => {
    const r = run(
      profileOf([pass(["ref"], compare, { cardinality: "1:N" })]),
      [
        { ref: "T1", quantity: "50", amount: "500", currency: "USD" },
        { ref: "T1", quantity: "50", amount: "500", currency: "USD" },
      ],
      [{ ref: "T1", quantity: "100", amount: "1000", currency: "USD" }],
    );
    expect(only(r)).toMatchObject({ codes: ["DUPLICATE"], leftRows: [2, 3], rightRows: [2] });
  });

  test("sums beyond 2^53 stay exact (BigInt past the float64 range), in groups and in the totals", () => {
    // 45,035,996,273,704.97 is 4503599627370497 hundredths (below 2^53, so a record set can hold it);
    // three of them are 13510798882111491 hundredths: odd and above 2^53 = 9007199254740992, so
    // float64 addition would round it. Left 90,071,992,547,409.91 is 2^53 - 1 hundredths.
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }], { cardinality: "1:N" })]),
      [{ ref: "T1", amount: "90071992547409.91" }],
      [
        { ref: "T1", amount: "45035996273704.97" },
        { ref: "T1", amount: "45035996273704.97" },
        { ref: "T1", amount: "45035996273704.97" },
      ],
    );
    const b = only(r);
    expect(b.diffs[0]).toMatchObject({
      left: "90071992547409.91",
      right: "135107988821114.91",
      difference: "-45035996273705.00",
    });
    expect(r.summary.right.totals.amount).toBe("135107988821114.91");
  });

  test("N:1: split allocations in the books summed against one custodian row", () => {
    const r = run(
      profileOf([pass(["ref"], compare, { cardinality: "N:1" })]),
      [
        { ref: "T1", quantity: "70", amount: "700.00", currency: "USD" },
        { ref: "T1", quantity: "30", amount: "300.00", currency: "USD" },
      ],
      [{ ref: "T1", quantity: "100", amount: "1000.00", currency: "USD" }],
    );
    expect(r.matches.toArray()).toEqual([{ pass: "p1", leftRows: [2, 3], rightRows: [2], diffs: [] }]);
  });

  test("N:M: both sides grouped; amounts at different scales are aligned exactly", () => {
    const r = run(
      profileOf([pass(["account"], [{ field: "amount", kind: "exact" }], { cardinality: "N:M" })]),
      [
        { account: "X", amount: "0.1" },
        { account: "X", amount: "0.2" },
      ],
      [
        { account: "X", amount: "0.15" },
        { account: "X", amount: "0.15" },
      ],
    );
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; as scaled integers it is exactly 0.3.
    expect(r.matches.toArray()).toEqual([{ pass: "p1", leftRows: [2, 3], rightRows: [2, 3], diffs: [] }]);
  });
});

describe("comparisons", () => {
  const one = (rule: ComparisonRule, l: PlainRow, rr: PlainRow, more: Partial<PassConfig> = {}) =>
    run(profileOf([pass(["ref"], [rule], more)]), [{ ref: "A", ...l }], [{ ref: "A", ...rr }]);

  test("exact: any difference is a break with left - right", () => {
    const b = only(one({ field: "quantity", kind: "exact" }, { quantity: "100" }, { quantity: "90" }));
    expect(b.diffs).toEqual([
      { field: "quantity", code: "QUANTITY", left: "100", right: "90", difference: "10", rule: "exact" },
    ]);
    expect(b.detail).toBe("quantity: Books 100 vs Custodian 90, difference 10 (exact)");
  });

  test("absolute 0.01: a cent is within tolerance and kept on the match; two cents break", () => {
    const rule: ComparisonRule = { field: "amount", kind: "absolute", tolerance: "0.01" };
    const m = one(rule, { amount: "1000.00" }, { amount: "1000.01" });
    expect(m.breaks).toHaveLength(0);
    expect(m.matches.at(0).diffs).toEqual([
      {
        field: "amount",
        code: "AMOUNT",
        left: "1000.00",
        right: "1000.01",
        difference: "-0.01",
        rule: "absolute 0.01",
        withinTolerance: true,
      },
    ]);
    const b = only(one(rule, { amount: "1000.00" }, { amount: "1000.02" }));
    expect(b.diffs[0]).toMatchObject({ difference: "-0.02", rule: "absolute 0.01" });
    expect(b.diffs[0].withinTolerance).toBeUndefined();
  });

  test("absolute by asset class (Finantrix: equities $10, fixed income $50); an unlisted class gets the default", () => {
    const rule: ComparisonRule = {
      field: "marketValue",
      kind: "absolute",
      tolerance: "0.01",
      byField: "assetClass",
      tolerances: { EQUITY: "10", "FIXED INCOME": "50" },
    };
    const check = (cls: string, l: string, rr: string) =>
      one(rule, { marketValue: l, assetClass: cls }, { marketValue: rr, assetClass: cls }).breaks.length === 0;
    expect(check("Equity", "10000.00", "10009.99")).toBe(true);
    expect(check("Equity", "10000.00", "10010.01")).toBe(false);
    expect(check("Fixed Income", "50000.00", "49950.00")).toBe(true);
    expect(check("Fixed Income", "50000.00", "49949.99")).toBe(false);
    expect(check("Fund", "100.00", "100.02")).toBe(false);
    const b = only(
      one(rule, { marketValue: "100", assetClass: "EQUITY" }, { marketValue: "111", assetClass: "EQUITY" }),
    );
    expect(b.diffs[0]).toMatchObject({
      code: "MARKET_VALUE",
      difference: "-11",
      rule: "absolute 10 (assetClass EQUITY)",
    });
  });

  test("absolute by asset class with the class on one side only, or on neither (warned)", () => {
    const rule: ComparisonRule = {
      field: "marketValue",
      kind: "absolute",
      tolerance: "1",
      byField: "assetClass",
      tolerances: { EQUITY: "10" },
    };
    expect(one(rule, { marketValue: "100" }, { marketValue: "109", assetClass: "Equity" }).breaks).toHaveLength(0);
    const r = one(rule, { marketValue: "100" }, { marketValue: "109" });
    expect(only(r).diffs[0].rule).toBe("absolute 1 (assetClass blank)");
    expect(r.warnings).toEqual([
      `pass "p1": assetClass is not mapped on either side; marketValue uses the tolerance 1`,
    ]);
  });

  test("relative: |l - r| <= tol x max(|l|, |r|), exactly at the boundary", () => {
    const rule: ComparisonRule = { field: "price", kind: "relative", tolerance: "0.0001" };
    // 0.0001 x 100.00 = 0.01: a difference of exactly 0.01 holds, 0.011 does not.
    expect(one(rule, { price: "100.00" }, { price: "99.99" }).breaks).toHaveLength(0);
    expect(one(rule, { price: "100.000" }, { price: "99.989" }).breaks).toHaveLength(1);
    expect(only(one(rule, { price: "100" }, { price: "101" })).diffs[0]).toMatchObject({
      code: "PRICE",
      difference: "-1",
      rule: "relative 0.0001",
    });
  });

  test("minor units: 2 units of USD is 0.02; of JPY (no decimals) 2 yen", () => {
    const rule: ComparisonRule = { field: "amount", kind: "minor-units", units: 2 };
    expect(one(rule, { amount: "100.00", currency: "USD" }, { amount: "100.02", currency: "USD" }).breaks).toHaveLength(
      0,
    );
    expect(one(rule, { amount: "100.00", currency: "USD" }, { amount: "100.03", currency: "USD" }).breaks).toHaveLength(
      1,
    );
    expect(one(rule, { amount: "15000", currency: "JPY" }, { amount: "15002", currency: "JPY" }).breaks).toHaveLength(
      0,
    );
    const b = only(one(rule, { amount: "15000", currency: "JPY" }, { amount: "15003", currency: "JPY" }));
    expect(b.diffs[0]).toMatchObject({ difference: "-3", rule: "2 minor units of JPY (2)" });
    const usd = one(rule, { amount: "1.00", currency: "USD" }, { amount: "1.01", currency: "USD" });
    expect(usd.matches.at(0).diffs[0].rule).toBe("2 minor units of USD (0.02)");
  });

  test("minor units without a known currency fall back to exact and say so", () => {
    const rule: ComparisonRule = { field: "amount", kind: "minor-units", units: 2 };
    const b = only(one(rule, { amount: "1.00", currency: "XAU" }, { amount: "1.01", currency: "XAU" }));
    expect(b.diffs[0].rule).toBe("exact (no minor unit for currency XAU)");
  });

  test("date window across a weekend: Friday to Monday is one business day", () => {
    const rule: ComparisonRule = { field: "settleDate", kind: "date-window", before: 0, after: 1 };
    const m = one(rule, { settleDate: "2024-03-01" }, { settleDate: "2024-03-04" });
    expect(m.breaks).toHaveLength(0);
    expect(m.matches.at(0).diffs).toEqual([
      {
        field: "settleDate",
        code: "SETTLE_DATE",
        left: "2024-03-01",
        right: "2024-03-04",
        difference: "-1",
        rule: "within -0..+1 business days (WEEKEND)",
        withinTolerance: true,
      },
    ]);
    const b = only(one(rule, { settleDate: "2024-03-01" }, { settleDate: "2024-03-05" }));
    expect(b.diffs[0]).toMatchObject({ code: "SETTLE_DATE", difference: "-2" });
    // before = 0: the day before is outside; before = 1 lets it in.
    expect(one(rule, { settleDate: "2024-03-01" }, { settleDate: "2024-02-29" }).breaks).toHaveLength(1);
    expect(one({ ...rule, before: 1 }, { settleDate: "2024-03-01" }, { settleDate: "2024-02-29" }).breaks).toHaveLength(
      0,
    );
  });

  test("date window on a named calendar: over Easter 2024 TARGET counts one business day where weekends count three", () => {
    const target: ComparisonRule = { field: "valueDate", kind: "date-window", before: 0, after: 1, calendar: "TARGET" };
    const weekend: ComparisonRule = { field: "valueDate", kind: "date-window", before: 0, after: 1 };
    expect(one(target, { valueDate: "2024-03-28" }, { valueDate: "2024-04-02" }).breaks).toHaveLength(0);
    const b = only(one(weekend, { valueDate: "2024-03-28" }, { valueDate: "2024-04-02" }));
    expect(b.diffs[0]).toMatchObject({ code: "VALUE_DATE", difference: "-3" });
  });

  test("text exact compares normalised values; a blank on one side is a difference", () => {
    const rule: ComparisonRule = { field: "side", kind: "exact" };
    expect(one(rule, { side: " buy" }, { side: "BUY" }).breaks).toHaveLength(0);
    expect(only(one(rule, { side: "BUY" }, { side: "SELL" })).diffs[0]).toEqual({
      field: "side",
      code: "SIDE",
      left: "BUY",
      right: "SELL",
      rule: "exact",
    });
    expect(only(one(rule, { side: "BUY" }, { side: "" })).diffs[0]).toMatchObject({ left: "BUY", right: null });
  });

  test("a rule's own code replaces the field's (user-defined reason codes)", () => {
    const b = only(one({ field: "fees", kind: "exact", code: "COMMISSION" }, { fees: "5" }, { fees: "7" }));
    expect(b.codes).toEqual(["COMMISSION"]);
  });

  test("a compared field that a side does not map is skipped with a warning", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "price", kind: "exact" }])]),
      [{ ref: "A", price: "1" }],
      [{ ref: "A" }],
    );
    expect(r.matches.toArray()).toHaveLength(1);
    expect(r.warnings).toEqual([`pass "p1": price is not mapped in Custodian; its comparison was skipped`]);
  });
});

describe("unmapped keys", () => {
  test("a pass whose key a side does not map is skipped with a warning; later passes still run", () => {
    const r = run(
      profileOf([pass(["ref"], [], { name: "reference" }), pass(["account"], [], { name: "account" })]),
      [{ ref: "A", account: "X" }],
      [{ account: "X" }],
    );
    expect(r.warnings).toEqual([`pass "reference" was skipped: key ref is not mapped in Custodian`]);
    expect(r.matches.map((m) => m.pass)).toEqual(["account"]);
  });
});

describe("onMismatch", () => {
  const rows = {
    left: [{ ref: "T1", account: "A", amount: "100.00" }],
    right: [{ ref: "T1", account: "A", amount: "100.05" }],
  };
  test('"break": a pair that agrees on keys but differs is paired and reported', () => {
    const r = run(
      profileOf([
        pass(["ref"], [{ field: "amount", kind: "exact" }], { name: "strict" }),
        pass(["account"], [{ field: "amount", kind: "absolute", tolerance: "0.10" }], { name: "loose" }),
      ]),
      rows.left,
      rows.right,
    );
    expect(only(r)).toMatchObject({ codes: ["AMOUNT"], pass: "strict" });
  });
  test('"no-match": the pair stays unmatched and the next pass (the waterfall) matches it', () => {
    const r = run(
      profileOf([
        pass(["ref"], [{ field: "amount", kind: "exact" }], { name: "strict", onMismatch: "no-match" }),
        pass(["account"], [{ field: "amount", kind: "absolute", tolerance: "0.10" }], { name: "loose" }),
      ]),
      rows.left,
      rows.right,
    );
    expect(r.breaks).toHaveLength(0);
    expect(r.matches.at(0).pass).toBe("loose");
    expect(r.summary.passes.map((p) => [p.name, p.matchedLeft])).toEqual([
      ["strict", 0],
      ["loose", 1],
    ]);
  });
});

describe("problems and exclusions", () => {
  test("a ROW_ERROR row never enters a pass: it is its own break, and its would-be partner ends missing", () => {
    const r = run(profileOf([pass(["ref"], [])]), [{ ref: "A" }, { ref: "B" }], [{ ref: "A" }, { ref: "B" }], {
      problems: { 0: [{ code: "ROW_ERROR", message: "books.xlsx row 2, column C: 'abc' is not a number" }] },
    });
    expect(codes(r)).toEqual(["ROW_ERROR", "MISSING_LEFT"]);
    expect(r.breaks[0]).toMatchObject({
      leftRows: [2],
      rightRows: [],
      detail: "books.xlsx row 2, column C: 'abc' is not a number",
    });
    expect(r.matches.map((m) => m.leftRows)).toEqual([[3]]);
  });

  test("an INVALID_ID row is still matched on its keys, but the pair is a break carrying INVALID_ID", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }])]),
      [
        { ref: "A", amount: "1" },
        { ref: "B", amount: "1" },
      ],
      [
        { ref: "A", amount: "1" },
        { ref: "B", amount: "2" },
      ],
      {},
      {
        problems: {
          0: [{ code: "INVALID_ID", message: "CUSIP 037833101 fails its check digit" }],
          1: [{ code: "INVALID_ID", message: "x" }],
        },
      },
    );
    expect(codes(r)).toEqual(["INVALID_ID", "AMOUNT+INVALID_ID"]);
    expect(r.breaks[0]).toMatchObject({
      pass: "p1",
      leftRows: [2],
      rightRows: [2],
      detail: "CUSIP 037833101 fails its check digit",
    });
    expect(r.matches.toArray()).toHaveLength(0);
  });

  test("an unmatched INVALID_ID row is missing and says its identifier is invalid", () => {
    const r = run(profileOf([pass(["ref"], [])]), [{ ref: "A" }], [], {
      problems: { 0: [{ code: "INVALID_ID", message: "bad ISIN" }] },
    });
    expect(codes(r)).toEqual(["MISSING_RIGHT+INVALID_ID"]);
  });

  test("excluded rows are counted as excluded, with their reason, and take part in nothing", () => {
    const r = run(profileOf([pass(["ref"], [])]), [{ ref: "A" }, { ref: "B" }], [{ ref: "A" }, { ref: "B" }], {
      excluded: { 1: "cancelled trade" },
    });
    expect(r.excluded).toEqual([{ side: "left", row: 3, reason: "cancelled trade" }]);
    expect(codes(r)).toEqual(["MISSING_LEFT"]);
    expect(r.summary.left).toMatchObject({ rows: 2, matched: 1, inBreaks: 0, excluded: 1 });
    expect(r.summary.conservation).toEqual({ leftIn: 2, leftOut: 2, rightIn: 2, rightOut: 2, holds: true });
  });
});

describe("break codes", () => {
  test("every standard code can be produced, and breaksByCode counts them", () => {
    const profile = profileOf([
      pass(
        ["ref"],
        [
          { field: "quantity", kind: "exact" },
          { field: "price", kind: "exact" },
          { field: "amount", kind: "exact" },
          { field: "tradeDate", kind: "exact" },
          { field: "settleDate", kind: "exact" },
          { field: "valueDate", kind: "exact" },
          { field: "side", kind: "exact" },
          { field: "currency", kind: "exact" },
          { field: "account", kind: "exact" },
          { field: "marketValue", kind: "exact" },
        ],
      ),
    ]);
    const base: PlainRow = {
      quantity: "1",
      price: "1",
      amount: "1",
      tradeDate: "2024-03-01",
      settleDate: "2024-03-05",
      valueDate: "2024-03-05",
      side: "BUY",
      currency: "USD",
      account: "A",
      marketValue: "1",
    };
    const changes: Array<[string, string]> = [
      ["quantity", "2"],
      ["price", "2"],
      ["amount", "2"],
      ["tradeDate", "2024-03-04"],
      ["settleDate", "2024-03-06"],
      ["valueDate", "2024-03-06"],
      ["side", "SELL"],
      ["currency", "EUR"],
      ["account", "B"],
      ["marketValue", "2"],
    ];
    const left: PlainRow[] = changes.map(([f], k) => ({ ...base, ref: `R${k}-${f}` }));
    const right: PlainRow[] = changes.map(([f, v], k) => ({ ...base, ref: `R${k}-${f}`, [f]: v }));
    left.push(
      { ...base, ref: "ONLY-LEFT" },
      { ...base, ref: "DUP" },
      { ...base, ref: "DUP" },
      { ...base, ref: "ERR" },
      { ...base, ref: "BADID" },
    );
    right.push({ ...base, ref: "ONLY-RIGHT" }, { ...base, ref: "DUP" }, { ...base, ref: "BADID" });
    const r = run(profile, left, right, {
      problems: {
        13: [{ code: "ROW_ERROR", message: "row 15: unreadable date" }],
        14: [{ code: "INVALID_ID", message: "bad ISIN" }],
      },
    });
    expect(codes(r)).toEqual([
      "QUANTITY",
      "PRICE",
      "AMOUNT",
      "TRADE_DATE",
      "SETTLE_DATE",
      "VALUE_DATE",
      "SIDE",
      "CURRENCY",
      "ACCOUNT",
      "MARKET_VALUE",
      "MISSING_RIGHT",
      "DUPLICATE",
      "ROW_ERROR",
      "INVALID_ID",
      "MISSING_LEFT",
    ]);
    expect(r.summary.breaksByCode).toEqual({
      QUANTITY: 1,
      PRICE: 1,
      AMOUNT: 1,
      TRADE_DATE: 1,
      SETTLE_DATE: 1,
      VALUE_DATE: 1,
      SIDE: 1,
      CURRENCY: 1,
      ACCOUNT: 1,
      MARKET_VALUE: 1,
      MISSING_RIGHT: 1,
      DUPLICATE: 1,
      ROW_ERROR: 1,
      INVALID_ID: 1,
      MISSING_LEFT: 1,
    });
    // Trade date: Friday 2024-03-01 against Monday 2024-03-04 is one business day earlier.
    expect(r.breaks[3].diffs[0]).toMatchObject({ field: "tradeDate", difference: "-1" });
  });
});

describe("closest miss", () => {
  test("an unmatched row names the best candidate on the other side and what failed by how much", () => {
    const profile = profileOf([
      pass(["ref"], [{ field: "quantity", kind: "exact" }], { name: "reference" }),
      pass(
        ["account", "security", "tradeDate", "quantity"],
        [{ field: "amount", kind: "absolute", tolerance: "0.01" }],
        {
          name: "economics",
        },
      ),
    ]);
    const r = run(
      profile,
      [{ ref: "T1", account: "A", security: "S", tradeDate: "2024-03-01", quantity: "100", amount: "1000.00" }],
      [
        { ref: "", account: "A", security: "OTHER", tradeDate: "2024-03-01", quantity: "100", amount: "1000.00" },
        { ref: "", account: "A", security: "S", tradeDate: "2024-03-04", quantity: "100", amount: "1000.50" },
      ],
    );
    const miss = r.breaks.find((b) => b.codes[0] === "MISSING_RIGHT")!;
    // Candidate row 2 agrees on account, tradeDate, quantity, amount (4 of 6 fields); row 3 on
    // account, security, quantity (3 of 6): row 2 is closest.
    expect(miss.closestMiss).toEqual({
      rows: [2],
      score: 4 / 6,
      failed: [
        { field: "ref", code: "REF", left: "T1", right: null, rule: "exact" },
        { field: "security", code: "SECURITY", left: "S", right: "OTHER", rule: "exact" },
      ],
    });
    expect(miss.detail).toBe("Missing in Custodian; closest: Custodian row 2 (differs on ref, security)");
    const other = r.breaks.find((b) => b.rightRows[0] === 3)!;
    expect(other.closestMiss!.failed.map((d) => [d.field, d.difference])).toEqual([
      ["ref", undefined],
      ["tradeDate", "-1"],
      ["amount", "-0.50"],
    ]);
  });

  test("no candidate sharing a key: no closest miss", () => {
    const r = run(profileOf([pass(["ref"], [])]), [{ ref: "A" }], [{ ref: "B" }]);
    expect(r.breaks.map((b) => b.closestMiss)).toEqual([undefined, undefined]);
  });
});

describe("break ids and order", () => {
  test("FNV-1a 64 gives the reference test vectors (Fowler/Noll/Vo, isthe.com/chongo/tech/comp/fnv)", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  test("FNV-1a 64 of non-ASCII text hashes its UTF-8 bytes (BigInt reference; lone surrogates as U+FFFD)", () => {
    const reference = (text: string): string => {
      let h = 0xcbf29ce484222325n;
      for (const b of new TextEncoder().encode(text)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, "0");
    };
    for (const text of ["Société Générale", "€100", "ref=日本", "emoji 😀", "lone \ud800 surrogate", "ascii only"])
      expect(fnv1a64(text)).toBe(reference(text));
  });

  test("breakId hashes the canonical key family|sides|field=value", () => {
    const id = breakId({ family: "existence", sides: "L", values: [["ref", "T1"]] });
    expect(id).toBe("B-" + fnv1a64("E|L|ref=T1").slice(0, 10));
  });

  test("ids are B- and 10 hex digits, derived from keys not rows; identical keys get -2 in output order", () => {
    const r = run(
      profileOf([pass(["ref"], [])]),
      [{ ref: "A" }, { ref: "X" }],
      [{ ref: "X" }, { ref: "B" }, { ref: "B" }],
    );
    const ids = r.breaks.map((b) => b.id);
    expect(ids[0]).toMatch(/^B-[0-9a-f]{10}$/);
    expect(ids[2]).toBe(`${ids[1]}-2`);
    expect(r.breaks.map((b) => b.keys)).toEqual([{ ref: "A" }, { ref: "B" }, { ref: "B" }]);
    const again = run(profileOf([pass(["ref"], [])]), [{ ref: "Z" }, { ref: "A" }], [{ ref: "B" }, { ref: "B" }]);
    expect(again.breaks.find((b) => b.keys.ref === "A")!.id).toBe(ids[0]);
  });

  test("a missing row and a difference on the same key have different ids (existence vs difference family)", () => {
    const p = profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }])]);
    const missing = run(p, [{ ref: "A", amount: "1" }], []).breaks[0].id;
    const diff = run(p, [{ ref: "A", amount: "1" }], [{ ref: "A", amount: "2" }]).breaks[0].id;
    expect(missing).not.toBe(diff);
  });

  test("a blank break-id field falls back to the other passes' keys so blank references do not collide", () => {
    const p = profileOf([pass(["ref"], []), pass(["account", "security"], [], { name: "p2" })]);
    const r = run(
      p,
      [],
      [
        { ref: "", account: "A", security: "S1" },
        { ref: "", account: "A", security: "S2" },
      ],
    );
    expect(r.breaks.map((b) => b.keys)).toEqual([
      { ref: "", account: "A", security: "S1" },
      { ref: "", account: "A", security: "S2" },
    ]);
    expect(new Set(r.breaks.map((b) => b.id)).size).toBe(2);
  });

  test("output order: left row order, then right-only rows in right order; ageDate from the trade date", () => {
    const r = run(
      profileOf([pass(["ref"], [{ field: "amount", kind: "exact" }])]),
      [
        { ref: "C", amount: "1", tradeDate: "2024-03-01" },
        { ref: "A", amount: "1", tradeDate: "2024-03-01" },
        { ref: "B", amount: "1", tradeDate: "2024-03-01" },
      ],
      [
        { ref: "Y", amount: "1", tradeDate: "2024-03-04" },
        { ref: "B", amount: "2", tradeDate: "2024-03-01" },
        { ref: "X", amount: "1", tradeDate: "2024-03-04" },
        { ref: "C", amount: "1", tradeDate: "2024-03-01" },
      ],
    );
    expect(r.breaks.map((b) => b.keys.ref)).toEqual(["A", "B", "Y", "X"]);
    expect(r.matches.map((m) => m.leftRows[0])).toEqual([2]);
    // 2024-03-04 is day 19786 since 1970-01-01.
    expect(r.breaks[2].ageDate).toBe(19786);
  });
});

describe("progress and cancel", () => {
  test("progress is reported per pass and ends at 1", () => {
    const seen: Array<[number, string]> = [];
    reconcile(
      profileOf([pass(["ref"], [], { name: "one" }), pass(["account"], [], { name: "two" })]),
      recordSet("left", [{ ref: "A", account: "X" }]),
      recordSet("right", [{ ref: "A", account: "X" }]),
      { progress: (f, m) => seen.push([f, m]) },
    );
    expect(seen.map(([, m]) => m)).toEqual([
      "Pass 1 of 2: one",
      "Pass 2 of 2: two",
      "Unmatched rows and closest misses",
      "Done",
    ]);
    expect(seen.map(([f]) => f)).toEqual([0, 1 / 3, 2 / 3, 1]);
  });

  test("the signal is also checked inside a pass, every 65,536 rows", () => {
    // A signal that turns aborted after it has been read twice (the run's start and the pass's start):
    // the next read is the row loop's at record 65,536 (the loop runs backwards from record 69,999).
    let reads = 0;
    const signal = {
      get aborted() {
        return ++reads > 2;
      },
      reason: new Error("stopped in the row loop"),
    } as unknown as AbortSignal;
    const rows = Array.from({ length: 70000 }, (_, k) => ({ ref: `R${k}` }));
    const seen: string[] = [];
    expect(() =>
      reconcile(profileOf([pass(["ref"], [], { name: "one" })]), recordSet("left", rows), recordSet("right", rows), {
        signal,
        progress: (_f, m) => seen.push(m),
      }),
    ).toThrow("stopped in the row loop");
    expect(seen).toEqual(["Pass 1 of 1: one"]);
  });

  test("an aborted signal stops the run between passes with the signal's reason", () => {
    const controller = new AbortController();
    let error: unknown;
    try {
      reconcile(
        profileOf([pass(["ref"], [], { name: "one" }), pass(["account"], [], { name: "two" })]),
        recordSet("left", [{ ref: "A", account: "X" }]),
        recordSet("right", [{ ref: "B", account: "X" }]),
        {
          signal: controller.signal,
          progress: (_f, m) => {
            if (m.startsWith("Pass 1")) controller.abort();
          },
        },
      );
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe("AbortError");
  });
});
