/**
 * The built-in kinds' default profiles run end to end, and the suggestion passes (scored, subset-sum).
 *
 * Expected answers are worked by hand from the default profiles (src/core/recon/kinds.ts, whose
 * tolerances follow /work/shared/DOMAIN.md: trade waterfall reference then economics with a -1..+3
 * business-day settlement window; positions' market value within $10 for equities and $50 for fixed
 * income per Finantrix; cash amount within a cent and value date within 0..+2 business days, then
 * one payment against several ledger items). 2024-03-01 was a Friday.
 */
import { reconcile } from "../../src/core/recon/engine";
import { STANDARD_FIELDS, defaultProfile } from "../../src/core/recon/kinds";
import { validateProfile } from "../../src/core/recon/profile-validate";
import type { PassConfig, ReconProfile } from "../../src/core/recon/profile";
import { newSide } from "../../src/core/recon/side";
import { subsetSumSuggestions, subsets, type SearchProbe } from "../../src/core/recon/suggest";
import { weekendCalendar } from "../../src/core/calendar";
import { recordSet, type PlainRow } from "../helpers/recordset";

describe("STANDARD_FIELDS", () => {
  test("carry the header aliases the issue lists", () => {
    const aliases = (kind: "trade" | "position" | "cash", name: string) =>
      STANDARD_FIELDS[kind].find((f) => f.name === name)!.aliases;
    expect(aliases("trade", "ref")).toEqual(
      expect.arrayContaining(["Trade Ref", "Client Ref", "Reference", "Our Ref"]),
    );
    expect(aliases("trade", "security")).toEqual(
      expect.arrayContaining(["ISIN", "Security", "Security ID", "CUSIP", "SEDOL"]),
    );
    expect(aliases("trade", "settleDate")).toEqual(
      expect.arrayContaining(["Settle Date", "Settle Dt", "Settlement Date", "SD", "Value Date"]),
    );
    expect(aliases("trade", "amount")).toEqual(
      expect.arrayContaining(["Net Amount", "Net Consideration", "Settlement Amount", "Amount"]),
    );
    expect(STANDARD_FIELDS.position.map((f) => f.name)).toEqual([
      "account",
      "security",
      "quantity",
      "price",
      "marketValue",
      "currency",
      "assetClass",
    ]);
    expect(STANDARD_FIELDS.cash.map((f) => f.name)).toEqual([
      "account",
      "valueDate",
      "amount",
      "currency",
      "reference",
      "description",
      "side",
    ]);
    expect(STANDARD_FIELDS.cash.find((f) => f.name === "side")!.type).toBe("side");
  });
});

describe("default profiles", () => {
  test.each(["trade", "position", "cash"] as const)(
    "the %s profile passes the documented schema (validateProfile)",
    (kind) => {
      expect(validateProfile(defaultProfile(kind)).errors).toEqual([]);
    },
  );

  test("labels can be given", () => {
    const p = defaultProfile("cash", { left: "GL", right: "Bank of X" });
    expect([p.left.label, p.right.label]).toEqual(["GL", "Bank of X"]);
    expect(defaultProfile("cash").left.label).toBe("Ledger");
  });
});

describe("default trade profile", () => {
  const base: PlainRow = {
    account: "F1",
    security: "US0378331005",
    side: "BUY",
    tradeDate: "2024-03-01",
    settleDate: "2024-03-05",
    price: "100.00",
    currency: "USD",
  };
  const books: PlainRow[] = [
    { ...base, ref: "T1", quantity: "100", amount: "10000.00" },
    { ...base, ref: "T2", quantity: "50", amount: "5000.00", security: "GB0002634946" },
    { ...base, ref: "T3", quantity: "30", amount: "3000.00" },
    { ...base, ref: "T4", quantity: "10", amount: "1000.00" },
  ];
  const custodian: PlainRow[] = [
    { ...base, ref: "T1", quantity: "60", amount: "6000.00" },
    { ...base, ref: "", quantity: "50", amount: "5000.01", security: "GB0002634946", settleDate: "2024-03-06" },
    { ...base, ref: "T1", quantity: "40", amount: "4000.00" },
    { ...base, ref: "T3", quantity: "31", amount: "3100.00" },
    { ...base, ref: "T9", quantity: "7", amount: "700.00" },
  ];
  const r = reconcile(defaultProfile("trade"), recordSet("left", books), recordSet("right", custodian));

  test("partial settlements match by reference; a confirmation without reference matches on economics within tolerance", () => {
    expect(r.matches.toArray()).toEqual([
      { pass: "reference", leftRows: [2], rightRows: [2, 4], diffs: [] },
      {
        pass: "economics",
        leftRows: [3],
        rightRows: [3],
        diffs: [
          {
            field: "amount",
            code: "AMOUNT",
            left: "5000.00",
            right: "5000.01",
            difference: "-0.01",
            rule: "2 minor units of USD (0.02)",
            withinTolerance: true,
          },
          {
            field: "settleDate",
            code: "SETTLE_DATE",
            left: "2024-03-05",
            right: "2024-03-06",
            difference: "-1",
            rule: "within -1..+3 business days (WEEKEND)",
            withinTolerance: true,
          },
        ],
      },
    ]);
  });

  test("a quantity difference is a break in the reference pass; missing on each side named by label", () => {
    expect(r.breaks.map((b) => [b.codes.join("+"), b.pass, b.leftRows, b.rightRows])).toEqual([
      ["QUANTITY+AMOUNT", "reference", [4], [5]],
      ["MISSING_RIGHT", undefined, [5], []],
      ["MISSING_LEFT", undefined, [], [6]],
    ]);
    expect(r.breaks[1].detail.startsWith("Missing in Custodian")).toBe(true);
    expect(r.breaks[2].detail.startsWith("Missing in Books")).toBe(true);
    expect(r.summary.passes.map((p) => [p.name, p.matchedLeft, p.matchedRight])).toEqual([
      ["reference", 1, 2],
      ["economics", 1, 1],
    ]);
  });
});

describe("default position profile", () => {
  test("quantity exact; market value within $10 for equities and $50 for fixed income (Finantrix)", () => {
    const rows = (mv: string[]): PlainRow[] => [
      { account: "F1", security: "EQ1", quantity: "100", marketValue: mv[0], currency: "USD", assetClass: "Equity" },
      { account: "F1", security: "EQ2", quantity: "100", marketValue: mv[1], currency: "USD", assetClass: "Equity" },
      {
        account: "F1",
        security: "BD1",
        quantity: "1000",
        marketValue: mv[2],
        currency: "USD",
        assetClass: "Fixed Income",
      },
      {
        account: "F1",
        security: "BD2",
        quantity: "1000",
        marketValue: mv[3],
        currency: "USD",
        assetClass: "Fixed Income",
      },
    ];
    const r = reconcile(
      defaultProfile("position"),
      recordSet("left", rows(["5000.00", "5000.00", "99000.00", "99000.00"])),
      recordSet("right", rows(["5009.50", "5010.50", "99049.00", "98949.00"])),
    );
    expect(r.matches.map((m) => m.leftRows[0])).toEqual([2, 4]);
    expect(r.breaks.map((b) => [b.codes, b.leftRows, b.diffs[0].rule])).toEqual([
      [["MARKET_VALUE"], [3], "absolute 10 (assetClass EQUITY)"],
      [["MARKET_VALUE"], [5], "absolute 50 (assetClass FIXED INCOME)"],
    ]);
  });
});

describe("default cash profile", () => {
  const ledger: PlainRow[] = [
    { account: "BANK1", currency: "EUR", reference: "INV-1", amount: "100.00", valueDate: "2024-03-01" },
    { account: "BANK1", currency: "EUR", reference: "INV-2", amount: "250.50", valueDate: "2024-03-01" },
    { account: "BANK1", currency: "EUR", reference: "INV-3", amount: "49.50", valueDate: "2024-03-01" },
    { account: "BANK1", currency: "EUR", reference: "FEE-7", amount: "-12.00", valueDate: "2024-03-01" },
    { account: "BANK1", currency: "EUR", reference: "RENT", amount: "900.00", valueDate: "2024-03-01" },
  ];
  const bank: PlainRow[] = [
    { account: "BANK1", currency: "EUR", reference: "PAYMENT 88", amount: "400.00", valueDate: "2024-03-04" },
    { account: "BANK1", currency: "EUR", reference: "FEE-7", amount: "-12.00", valueDate: "2024-03-05" },
    { account: "BANK1", currency: "EUR", reference: "", amount: "900.00", valueDate: "2024-03-05" },
  ];
  const r = reconcile(
    defaultProfile("cash"),
    recordSet("left", ledger, { label: "Ledger" }),
    recordSet("right", bank, { label: "Bank" }),
  );

  test("reference pass with a 0..+2 business-day value-date window, then amount pass", () => {
    // FEE-7: Friday to Tuesday is 2 business days, inside 0..+2. RENT: no bank reference, matched on amount.
    expect(r.matches.map((m) => [m.pass, m.leftRows, m.rightRows])).toEqual([
      ["reference", [5], [3]],
      ["amount", [6], [4]],
    ]);
  });

  test("one payment against three invoices is suggested by the subset-sum pass, never matched", () => {
    expect(r.suggestions).toEqual([
      {
        pass: "one-to-many",
        kind: "subset-sum",
        leftRows: [2, 3, 4],
        rightRows: [2],
        score: 1,
        detail: "Bank row 2 (400.00) = 3 Ledger items summing to 400.00",
      },
    ]);
    expect(r.breaks.map((b) => b.codes[0])).toEqual([
      "MISSING_RIGHT",
      "MISSING_RIGHT",
      "MISSING_RIGHT",
      "MISSING_LEFT",
    ]);
    expect(r.summary.suggestions).toBe(1);
  });
});

describe("subset-sum search stays bounded", () => {
  const passCfg: PassConfig = {
    name: "one-to-many",
    keys: ["account"],
    cardinality: "N:M",
    compare: [],
    onMismatch: "no-match",
    subsetSum: { field: "amount", dateField: "valueDate", window: 2, maxItems: 4, maxCandidates: 20, tolerance: "0" },
  };
  // 1000 ledger items inside the window: amounts 10.01, 10.02, ... 20.00 on two dates.
  const ledger: PlainRow[] = Array.from({ length: 1000 }, (_, k) => ({
    account: "A",
    amount: (10 + (k + 1) / 100).toFixed(2),
    valueDate: k % 2 ? "2024-03-04" : "2024-03-05",
  }));
  const probeRun = (target: string) => {
    const L = newSide(recordSet("left", ledger), "left", "Ledger");
    const R = newSide(recordSet("right", [{ account: "A", amount: target, valueDate: "2024-03-05" }]), "right", "Bank");
    const probe: SearchProbe = { candidates: 0, steps: 0 };
    const found = subsetSumSuggestions(passCfg, L, R, () => weekendCalendar(), [], undefined, probe);
    return { found, probe };
  };

  test("a sum of three of the nearest items is found; at most maxCandidates items and 20,000 steps are examined", () => {
    // The nearest items are the 500 on the payment's own date (even k, row k + 2); the first 20 of
    // them in row order are k = 0, 2, ..., 38 (amounts 10.01, 10.03, ...). 10.01 + 10.03 + 10.05 = 30.09.
    const { found, probe } = probeRun("30.09");
    expect(found[0]).toMatchObject({ kind: "subset-sum", leftRows: [2, 4, 6], rightRows: [2], score: 1 });
    expect(probe.candidates).toBe(20);
    expect(probe.steps).toBeLessThanOrEqual(20000);
  });

  test("with no solution the search still stops within its bound", () => {
    // 1000.00 is beyond any four items (at most 4 x 20.00), so no branch is cut short: every subset
    // of 2..4 of the 20 candidates is visited once, C(20,1) + C(20,2) + C(20,3) + C(20,4) steps.
    const { found, probe } = probeRun("1000.00");
    expect(found).toEqual([]);
    expect(probe.candidates).toBe(20);
    expect(probe.steps).toBe(20 + 190 + 1140 + 4845);
  });

  test("a payment smaller than every candidate is settled in one step (same-sign pruning)", () => {
    const { found, probe } = probeRun("0.01");
    expect(found).toEqual([]);
    expect(probe.steps).toBe(1);
  });

  test("mixed signs (a fee netted against invoices) are searched without pruning", () => {
    // 100.00 + 250.00 - 12.50 = 337.50
    const { found } = subsets([10000, -1250, 25000, 9999], 33750, 0, 3);
    expect(found).toEqual([[0, 1, 2]]);
  });

  test("subsets() stops after three solutions", () => {
    const { found } = subsets([1, 1, 1, 1, 1, 1], 2, 0, 2);
    expect(found).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
  });
});

describe("scored pass", () => {
  const profile: ReconProfile = {
    version: 1,
    kind: "trade",
    name: "scored",
    left: { label: "Books", mapping: {} },
    right: { label: "Broker", mapping: {} },
    passes: [
      { name: "reference", keys: ["ref"], cardinality: "1:1", compare: [], onMismatch: "break" },
      {
        name: "fuzzy",
        keys: ["account"],
        cardinality: "1:1",
        compare: [{ field: "amount", kind: "absolute", tolerance: "1.00" }],
        onMismatch: "no-match",
        scored: { threshold: 0.6, weights: { security: 2, quantity: 1, amount: 1, tradeDate: 1 } },
      },
    ],
  };

  test("proposes the best candidate at or above the threshold as a suggestion; the rows stay unmatched", () => {
    const r = reconcile(
      profile,
      recordSet("left", [
        { ref: "T1", account: "A", security: "S1", quantity: "100", amount: "1000.00", tradeDate: "2024-03-01" },
        { ref: "T2", account: "B", security: "S2", quantity: "100", amount: "1000.00", tradeDate: "2024-03-01" },
      ]),
      recordSet("right", [
        // security (2) + amount within 1.00 (1) agree: 3 of 5 = 0.6
        { ref: "X1", account: "A", security: "S1", quantity: "90", amount: "1000.50", tradeDate: "2024-03-04" },
        // only quantity and trade date agree: 2 of 5 = 0.4, below the threshold
        { ref: "X2", account: "B", security: "S9", quantity: "100", amount: "1200.00", tradeDate: "2024-03-01" },
      ]),
    );
    expect(r.suggestions).toEqual([
      {
        pass: "fuzzy",
        kind: "scored",
        leftRows: [2],
        rightRows: [2],
        score: 0.6,
        detail: "agrees on security, amount; differs on quantity, tradeDate",
      },
    ]);
    expect(r.matches.toArray()).toEqual([]);
    expect(r.breaks.map((b) => b.codes[0])).toEqual(["MISSING_RIGHT", "MISSING_RIGHT", "MISSING_LEFT", "MISSING_LEFT"]);
  });
});
