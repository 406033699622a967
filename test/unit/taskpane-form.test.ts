/**
 * The Reconcile form as data (src/taskpane/recon-form.ts): source choices, the profile being edited
 * (sides, mappings, passes) as a reducer, what blocks Run, and the ReconProfile it becomes. Profiles
 * and fields are the committed contract (src/core/recon/profile.ts) and the trade kind's defaults
 * (src/core/recon/kinds.ts: passes "reference" on ref and "economics" on account/security/side/
 * tradeDate/quantity); proposals come from src/io/recon/mapping.ts proposeMapping.
 */
import { defaultProfile, STANDARD_FIELDS } from "../../src/core/recon/kinds";
import { proposeMapping } from "../../src/io/recon/mapping";
import {
  buildProfile,
  choiceIdFor,
  columnOptions,
  customProfile,
  errorDigest,
  fieldCatalogue,
  formFromProfile,
  formProblems,
  formReducer,
  mergeMapping,
  missingSources,
  profileOf,
  requiredFields,
  sourceChoices,
  unmappedHeaders,
} from "../../src/taskpane/recon-form";
import type { FormAction, ReconForm } from "../../src/taskpane/recon-form";

const list = {
  sheets: ["Books", "Custodian", "Trades"],
  tables: [{ name: "Trades", sheet: "Blotter" }],
};
const choices = sourceChoices(list);
const fields = STANDARD_FIELDS.trade;

/** Headers of the browser test's trade seed (test/browser/taskpane.test.ts). */
const BOOKS_HEADERS = [
  "Trade Ref",
  "Account",
  "ISIN",
  "Side",
  "Trade Date",
  "Settle Date",
  "Quantity",
  "Price",
  "Net Amount",
  "Currency",
];
const CUST_HEADERS = [
  "Client Ref",
  "Acct",
  "CUSIP",
  "Txn Type",
  "Trade Dt",
  "Settle Dt",
  "Qty",
  "Price",
  "Net Amount",
  "Ccy",
];

function apply(form: ReconForm, ...actions: FormAction[]): ReconForm {
  return actions.reduce(formReducer, form);
}

/** The trade default with both sides chosen and their headers read, as the pane does it. */
function readyTrade(): ReconForm {
  return apply(
    formFromProfile(defaultProfile("trade"), choices),
    { type: "source", side: "left", id: "sheet:Books" },
    { type: "source", side: "right", id: "table:Trades" },
    { type: "headers", side: "left", headers: BOOKS_HEADERS, proposed: proposeMapping(BOOKS_HEADERS, fields).mapping },
    { type: "headers", side: "right", headers: CUST_HEADERS, proposed: proposeMapping(CUST_HEADERS, fields).mapping },
  );
}
const headers = { left: BOOKS_HEADERS, right: CUST_HEADERS };

describe("sourceChoices / choiceIdFor", () => {
  test("lists tables then sheets, with ids that keep a table and a sheet of the same name apart", () => {
    expect(choices.map((x) => x.id)).toEqual(["table:Trades", "sheet:Books", "sheet:Custodian", "sheet:Trades"]);
    expect(choices[0]).toEqual({
      id: "table:Trades",
      text: "Trades (table on Blotter)",
      kind: "table",
      ref: { table: "Trades" },
    });
  });
  test("missingSources names each side whose stored source the workbook lacks", () => {
    const p = defaultProfile("trade");
    p.left.source = { table: "Trades" };
    p.right.source = { sheet: "Custodian Oct" };
    expect(missingSources(p, choices)).toEqual([
      "Custodian: sheet 'Custodian Oct' is not in this workbook; choose its source.",
    ]);
    expect(missingSources(defaultProfile("trade"), choices)).toEqual([]);
  });
  test("a profile's stored source is found again, or not at all when the workbook lost it", () => {
    expect(choiceIdFor({ table: "Trades" }, choices)).toBe("table:Trades");
    expect(choiceIdFor({ sheet: "Trades" }, choices)).toBe("sheet:Trades");
    expect(choiceIdFor({ sheet: "Gone" }, choices)).toBe("");
    expect(choiceIdFor(undefined, choices)).toBe("");
  });
});

describe("formFromProfile", () => {
  test("the trade default: Books and Custodian, its two passes in order, no sources yet", () => {
    const f = formFromProfile(defaultProfile("trade"), choices);
    expect([f.kind, f.left.label, f.right.label]).toEqual(["trade", "Books", "Custodian"]);
    expect(f.passes.map((p) => p.config.name)).toEqual(["reference", "economics"]);
    expect(f.passes.map((p) => p.key)).toEqual([1, 2]);
    expect(f.nextKey).toBe(3);
    expect([f.left.sourceId, f.right.sourceId]).toEqual(["", ""]);
  });
  test("switching kind keeps the sources already chosen unless the profile names its own", () => {
    const keep = { left: "sheet:Books", right: "sheet:Custodian" };
    expect(formFromProfile(defaultProfile("cash"), choices, keep).left.sourceId).toBe("sheet:Books");
    const p = defaultProfile("trade");
    p.right.source = { table: "Trades" };
    expect(formFromProfile(p, choices, keep).right.sourceId).toBe("table:Trades");
  });
});

describe("mapping", () => {
  test("headers read: the proposal fills the mapping (Settle Dt -> settleDate, Qty -> quantity, CUSIP -> security)", () => {
    const f = readyTrade();
    expect(f.right.mapping.settleDate).toBe("Settle Dt");
    expect(f.right.mapping.quantity).toBe("Qty");
    expect(f.right.mapping.security).toBe("CUSIP");
    expect(f.left.mapping.ref).toBe("Trade Ref");
  });

  test("mergeMapping keeps the user's choices the headers still have, then takes the proposal for the rest", () => {
    expect(
      mergeMapping({ ref: "Our Ref", amount: "Gone" }, ["Our Ref", "Net Amount", "Trade Ref"], {
        ref: "Trade Ref",
        amount: "Net Amount",
      }),
    ).toEqual({
      ref: "Our Ref",
      amount: "Net Amount",
    });
    // A header never serves two fields, even if the proposal would reuse the user's header.
    expect(mergeMapping({ ref: "Net Amount" }, ["Net Amount"], { amount: "Net Amount" })).toEqual({
      ref: "Net Amount",
    });
  });

  test("choosing a header another field holds moves it; choosing nothing unmaps", () => {
    let f = readyTrade();
    f = formReducer(f, { type: "map", side: "left", field: "ref", header: "Account" });
    expect(f.left.mapping.ref).toBe("Account");
    expect(f.left.mapping.account).toBeUndefined();
    f = formReducer(f, { type: "map", side: "left", field: "ref", header: "" });
    expect(f.left.mapping.ref).toBeUndefined();
  });

  test("headers that arrive after a change of kind are proposed for the new kind's fields", () => {
    // The position kind's fields (kinds.ts) have no trade reference or dates: "Trade Ref" stays unused.
    let f = formFromProfile(defaultProfile("position"), choices, { left: "sheet:Books", right: "" });
    const propose = (kind: "trade" | "position" | "cash" | "custom") =>
      proposeMapping(BOOKS_HEADERS, fieldCatalogue(kind, STANDARD_FIELDS)).mapping;
    f = formReducer(f, { type: "headers", side: "left", headers: BOOKS_HEADERS, proposed: propose });
    expect(f.left.mapping.ref).toBeUndefined();
    expect(f.left.mapping.quantity).toBe("Quantity");
    expect(unmappedHeaders(BOOKS_HEADERS, f.left.mapping)).toContain("Trade Ref");
  });

  test("choosing another source clears the side's mapping (its headers are proposed afresh)", () => {
    const f = formReducer(readyTrade(), { type: "source", side: "left", id: "sheet:Trades" });
    expect(f.left.mapping).toEqual({});
    expect(f.right.mapping.settleDate).toBe("Settle Dt");
  });

  test("a source that vanished on refresh is cleared with its mapping", () => {
    const f = formReducer(readyTrade(), { type: "sources", available: ["sheet:Books"] });
    expect(f.right.sourceId).toBe("");
    expect(f.right.mapping).toEqual({});
    expect(f.left.sourceId).toBe("sheet:Books");
  });

  test("unmappedHeaders lists what no field uses, once, in sheet order", () => {
    expect(unmappedHeaders(["A", "Ref", "B", "A", " "], { ref: "Ref" })).toEqual(["A", "B"]);
  });
});

describe("required fields, problems, the profile", () => {
  test("required = the passes' keys and compared fields (trade default: kinds.ts)", () => {
    expect(requiredFields(readyTrade()).sort()).toEqual(
      [
        "ref",
        "quantity",
        "price",
        "amount",
        "settleDate",
        "side",
        "currency",
        "account",
        "security",
        "tradeDate",
      ].sort(),
    );
  });

  test("the trade seed headers map every required field: no problems, and the profile names its sources", () => {
    const f = readyTrade();
    expect(formProblems(f, choices, headers, fields)).toEqual([]);
    const p = buildProfile(f, choices, headers, fields)!;
    expect(p.left.source).toEqual({ sheet: "Books" });
    expect(p.right.source).toEqual({ table: "Trades" });
    expect(p.right.mapping.settleDate).toBe("Settle Dt");
    expect(p.passes).toEqual(defaultProfile("trade").passes);
    expect(p.ageFrom).toBe("tradeDate");
    expect(p.version).toBe(1);
  });

  test("an unmapped required field blocks Run with the side and the field's label", () => {
    const f = formReducer(readyTrade(), { type: "map", side: "right", field: "settleDate", header: "" });
    expect(formProblems(f, choices, headers, fields)).toEqual([
      "Custodian: choose the column for Settlement date (a pass uses it).",
    ]);
    expect(buildProfile(f, choices, headers, fields)).toBeNull();
  });

  test("empty sources, equal names, a bad tolerance and a blank profile name each block Run", () => {
    const empty = formFromProfile(defaultProfile("trade"), choices);
    expect(formProblems(empty, choices, {}, fields)).toEqual([
      "Books: choose a table or sheet.",
      "Custodian: choose a table or sheet.",
    ]);
    const same = formReducer(readyTrade(), { type: "label", side: "right", text: "books" });
    expect(formProblems(same, choices, headers, fields)).toEqual(["Give the two sides different names."]);
    const tol = formReducer(readyTrade(), {
      type: "pass",
      action: { type: "rule-input", index: 0, rule: 2, input: "tolerance", text: "-1" },
    });
    expect(formProblems(tol, choices, headers, fields)).toEqual([
      "reference, Net amount: Tolerance cannot be negative: it is the largest difference still counted as a match.",
    ]);
    const unnamed = formReducer(readyTrade(), { type: "name", text: " " });
    expect(formProblems(unnamed, choices, headers, fields)).toEqual(["Give the profile a name."]);
  });

  test("a new pass gets a fresh key even after removals, so cards keep their identity", () => {
    let f = readyTrade();
    f = formReducer(f, { type: "pass", action: { type: "remove-pass", index: 1 } });
    f = formReducer(f, { type: "pass", action: { type: "add-pass" } });
    expect(f.passes.map((p) => p.key)).toEqual([1, 3]);
    expect(f.passes[1].config.name).toBe("pass 2");
    // The new pass has no keys yet: Run waits for one.
    expect(formProblems(f, choices, headers, fields)).toEqual(["pass 2: choose at least one key field."]);
  });

  test("profileOf round-trips a profile's settings the pane does not edit (side rest, normalisation)", () => {
    const p = defaultProfile("trade");
    p.right.dateFormats = { tradeDate: "DMY" } as never;
    p.right.signConvention = "by-side";
    const back = profileOf(formFromProfile(p, choices), choices);
    expect(back.right.dateFormats).toEqual({ tradeDate: "DMY" });
    expect(back.right.signConvention).toBe("by-side");
    expect(back.normalise).toEqual(p.normalise);
    expect(back.crosswalk).toEqual(p.crosswalk);
    expect(back.passes).toEqual(p.passes);
  });
});

describe("custom kind", () => {
  test("starts with one empty pass and offers every standard field once", () => {
    const p = customProfile({ left: "Ledger", right: "Bank" });
    expect(p.passes).toEqual([{ name: "pass 1", keys: [], cardinality: "1:1", compare: [], onMismatch: "break" }]);
    const cat = fieldCatalogue("custom", STANDARD_FIELDS);
    const names = cat.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of [...STANDARD_FIELDS.trade, ...STANDARD_FIELDS.position, ...STANDARD_FIELDS.cash])
      expect(names).toContain(f.name);
    expect(fieldCatalogue("trade", STANDARD_FIELDS)).toBe(STANDARD_FIELDS.trade);
  });
});

describe("errorDigest / columnOptions", () => {
  const errors = Array.from({ length: 23 }, (_, i) => `Books row ${i + 4}, column C: not a number`);
  test("shows the first 20 and counts the rest", () => {
    expect(errorDigest(errors)).toEqual({ shown: errors.slice(0, 20), more: 3 });
    expect(errorDigest(errors.slice(0, 5))).toEqual({ shown: errors.slice(0, 5), more: 0 });
  });
  test("each non-blank header once, in order, counting repeats", () => {
    expect(columnOptions(["Ref", "", "Amount", " Amount ", "Acct", "  "])).toEqual([
      { header: "Ref", count: 1 },
      { header: "Amount", count: 2 },
      { header: "Acct", count: 1 },
    ]);
  });
});
