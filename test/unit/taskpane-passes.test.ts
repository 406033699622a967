/**
 * The passes step as data (src/taskpane/pass-edit.ts): drafts from a profile's passes, the edit
 * reducer, rule validation and the way back to PassConfig. Rule shapes are the committed contract
 * (src/core/recon/profile.ts ComparisonRule); the starting passes are the trade and position kinds'
 * defaults (src/core/recon/kinds.ts).
 */
import { defaultProfile } from "../../src/core/recon/kinds";
import type { PassConfig } from "../../src/core/recon/profile";
import {
  cardinalityText,
  checkCount,
  describeRule,
  fieldsUsed,
  passDrafts,
  passesFromDrafts,
  passesReducer,
  passProblems,
  ruleDraft,
  ruleFromDraft,
  ruleProblems,
} from "../../src/taskpane/pass-edit";
import type { PassAction, PassDraft } from "../../src/taskpane/pass-edit";

const trade = defaultProfile("trade").passes;
const position = defaultProfile("position").passes;

function run(drafts: PassDraft[], ...actions: PassAction[]): PassDraft[] {
  return actions.reduce(passesReducer, drafts);
}

describe("drafts round-trip", () => {
  test.each([
    ["trade", trade],
    ["position (per-asset-class market value tolerances)", position],
    ["cash (subset-sum suggestions)", defaultProfile("cash").passes],
  ])("%s passes come back unchanged", (_name, passes) => {
    expect(passesFromDrafts(passDrafts(passes))).toEqual(passes);
  });

  test("every rule kind round-trips, with its extras", () => {
    const rules: PassConfig["compare"] = [
      { field: "quantity", kind: "exact", code: "QTY_X" },
      { field: "marketValue", kind: "absolute", tolerance: "0.01", byField: "assetClass", tolerances: { BOND: "50" } },
      { field: "price", kind: "relative", tolerance: "0.0005" },
      { field: "amount", kind: "minor-units", units: 2, currencyField: "currency" },
      { field: "settleDate", kind: "date-window", before: 1, after: 3, calendar: "TARGET" },
    ];
    for (const r of rules) expect(ruleFromDraft(ruleDraft(r))).toEqual(r);
  });
});

describe("rule validation (the slice's tolerance rule for decimals, whole numbers for counts)", () => {
  const abs = ruleDraft({ field: "amount", kind: "absolute", tolerance: "0.01" });
  test("a typed tolerance is passed through as text, so decimal.js sees exactly the digits", () => {
    const r = ruleFromDraft({ ...abs, tolerance: " 0.1 " });
    expect(r).toEqual({ field: "amount", kind: "absolute", tolerance: "0.1" });
  });
  test.each([
    ["-0.01", /cannot be negative/],
    ["0,01", /decimal separator/],
    ["1e-2", /decimal number/],
    ["", /Enter a tolerance/],
  ])("absolute tolerance %j is refused", (text, message) => {
    const p = ruleProblems({ ...abs, tolerance: text });
    expect(p).toHaveLength(1);
    expect(p[0].input).toBe("tolerance");
    expect(p[0].message).toMatch(message);
    expect(ruleFromDraft({ ...abs, tolerance: text })).toBeNull();
  });
  test("counts: whole numbers of 0 or more only", () => {
    expect(checkCount("3", "days after")).toEqual({ ok: true, value: "3" });
    expect(checkCount(" 0 ", "days after")).toEqual({ ok: true, value: "0" });
    expect(checkCount("1.5", "days after")).toEqual({
      ok: false,
      message: "The days after must be a whole number of 0 or more.",
    });
    expect(checkCount("-1", "days after").ok).toBe(false);
    expect(checkCount("", "days after")).toEqual({
      ok: false,
      message: "Enter the days after, a whole number (0 or more).",
    });
    const w = ruleDraft({ field: "settleDate", kind: "date-window", before: 1, after: 3 });
    expect(ruleProblems({ ...w, after: "x" }).map((p) => p.input)).toEqual(["after"]);
    expect(ruleFromDraft({ ...w, before: "2" })).toEqual({
      field: "settleDate",
      kind: "date-window",
      before: 2,
      after: 3,
    });
  });
  test("an exact rule has nothing to validate, whatever text the other kinds hold", () => {
    expect(ruleProblems({ ...abs, kind: "exact", tolerance: "junk" })).toEqual([]);
  });
});

describe("passesReducer", () => {
  const drafts = passDrafts(trade);

  test("move up/down swaps neighbours; moves past either end change nothing", () => {
    const down = run(drafts, { type: "move-pass", index: 0, by: 1 });
    expect(down.map((d) => d.config.name)).toEqual(["economics", "reference"]);
    expect(down.map((d) => d.key)).toEqual([2, 1]);
    expect(run(drafts, { type: "move-pass", index: 0, by: -1 })).toBe(drafts);
    expect(run(drafts, { type: "move-pass", index: 1, by: 1 })).toBe(drafts);
  });

  test("add and remove passes; a new pass is named freshly and breaks on mismatch by default", () => {
    const added = run(drafts, { type: "add-pass", key: 9, keys: ["account"] });
    expect(added[2]).toEqual({
      key: 9,
      config: { name: "pass 3", keys: ["account"], cardinality: "1:1", onMismatch: "break" },
      compare: [],
    });
    expect(run(added, { type: "remove-pass", index: 0 }).map((d) => d.config.name)).toEqual(["economics", "pass 3"]);
  });

  test("keys: added once, removed by name", () => {
    let d = run(
      drafts,
      { type: "add-key", index: 0, field: "account" },
      { type: "add-key", index: 0, field: "account" },
    );
    expect(d[0].config.keys).toEqual(["ref", "account"]);
    d = run(d, { type: "remove-key", index: 0, field: "ref" });
    expect(d[0].config.keys).toEqual(["account"]);
  });

  test("comparisons: add (exact by default, once per field), change kind keeping what was typed, remove", () => {
    let d = run(drafts, { type: "add-rule", index: 1, field: "price" }, { type: "add-rule", index: 1, field: "price" });
    expect(d[1].compare.map((r) => `${r.field}:${r.kind}`)).toEqual([
      "amount:minor-units",
      "settleDate:date-window",
      "price:exact",
    ]);
    d = run(
      d,
      { type: "rule-kind", index: 1, rule: 2, kind: "relative" },
      { type: "rule-input", index: 1, rule: 2, input: "tolerance", text: "0.0005" },
    );
    expect(passesFromDrafts(d)![1].compare[2]).toEqual({ field: "price", kind: "relative", tolerance: "0.0005" });
    d = run(
      d,
      { type: "rule-kind", index: 1, rule: 2, kind: "exact" },
      { type: "rule-kind", index: 1, rule: 2, kind: "relative" },
    );
    expect(d[1].compare[2].tolerance).toBe("0.0005");
    d = run(d, { type: "remove-rule", index: 1, rule: 0 });
    expect(d[1].compare.map((r) => r.field)).toEqual(["settleDate", "price"]);
  });

  test("cardinality, on-mismatch and name edits touch only their pass; the input is never mutated", () => {
    const before = JSON.stringify(drafts);
    const d = run(
      drafts,
      { type: "cardinality", index: 1, value: "N:M" },
      { type: "on-mismatch", index: 1, value: "no-match" },
      { type: "rename-pass", index: 1, name: "economics 2" },
    );
    expect(d[1].config).toMatchObject({ cardinality: "N:M", onMismatch: "no-match", name: "economics 2" });
    expect(d[0]).toBe(drafts[0]);
    expect(JSON.stringify(drafts)).toBe(before);
  });

  test("an index out of range changes nothing", () => {
    expect(run(drafts, { type: "rename-pass", index: 7, name: "x" })).toBe(drafts);
  });
});

describe("passProblems / fieldsUsed / describeRule", () => {
  test("no passes, a blank or repeated name, no keys and a bad tolerance are each named", () => {
    expect(passProblems([])).toEqual(["Add at least one pass."]);
    const d = run(
      passDrafts(trade),
      { type: "rename-pass", index: 1, name: "Reference" },
      { type: "add-pass", key: 3 },
      { type: "rename-pass", index: 2, name: "" },
      { type: "rule-input", index: 0, rule: 1, input: "tolerance", text: "x" },
    );
    expect(passProblems(d, (f) => (f === "price" ? "Price" : f))).toEqual([
      "reference, Price: Tolerance must be a decimal number of 0 or more, for example 0.01.",
      "Reference: another pass has this name (results are reported by pass name).",
      "Pass 3: give it a name.",
      "Pass 3: choose at least one key field.",
    ]);
  });
  test("fieldsUsed covers keys, compared fields, a per-class tolerance's field and subset-sum fields", () => {
    expect(fieldsUsed(passDrafts(position))).toEqual([
      "account",
      "security",
      "quantity",
      "marketValue",
      "assetClass",
      "currency",
    ]);
    expect(fieldsUsed(passDrafts(defaultProfile("cash").passes))).toEqual([
      "account",
      "currency",
      "reference",
      "amount",
      "valueDate",
    ]);
  });
  test("cardinalityText names the side whose rows are summed (profile.ts: 1:N groups the right side)", () => {
    const sides = { left: "Books", right: "Custodian" };
    expect(cardinalityText("1:N", sides)).toBe("1:N (Custodian rows summed)");
    expect(cardinalityText("N:1", sides)).toBe("N:1 (Books rows summed)");
  });
  test("describeRule says the rule in words (the trade kind's economics pass: 2 minor units, -1..+3 business days)", () => {
    expect(describeRule(ruleDraft(trade[1].compare[1]), { left: "Books", right: "Custodian" })).toBe(
      "the Custodian date is from 1 business days before to 3 after the Books date",
    );
    expect(describeRule(ruleDraft(trade[1].compare[0]))).toBe(
      "the difference is at most 2 minor units of the currency",
    );
  });
});
