/**
 * The passes step as data: a profile's ordered passes turned into drafts the pane can edit (tolerances
 * kept as the text the user typed), the edits as a pure reducer, and the way back to PassConfig.
 * Nothing here knows React, so every rule is unit-tested without a DOM (test/unit/taskpane-passes.test.ts).
 *
 * Why drafts and not PassConfig directly: a tolerance being typed ("0.", "", "-") is not a valid rule
 * yet, and the pane must show it as typed, with a message, rather than coerce it. Numbers stay decimal
 * text all the way to the engine (decimal.js), so "0.1" is never the double nearest to 0.1.
 */
import type { Cardinality, ComparisonRule, PassConfig } from "../core/recon/profile";
import { checkTolerance } from "./tolerance";
import type { ToleranceCheck } from "./tolerance";

export type RuleKind = ComparisonRule["kind"];

export const RULE_KINDS: { kind: RuleKind; text: string }[] = [
  { kind: "exact", text: "Exact" },
  { kind: "absolute", text: "Absolute tolerance" },
  { kind: "relative", text: "Relative tolerance" },
  { kind: "minor-units", text: "Currency minor units" },
  { kind: "date-window", text: "Date window (business days)" },
];

export const CARDINALITIES: readonly Cardinality[] = ["1:1", "1:N", "N:1", "N:M"];

/** A cardinality as the pane offers it, naming the side whose rows are summed. */
export function cardinalityText(c: Cardinality, sides: { left: string; right: string }): string {
  switch (c) {
    case "1:1":
      return "1:1 (one row each side)";
    case "1:N":
      return `1:N (${sides.right} rows summed)`;
    case "N:1":
      return `N:1 (${sides.left} rows summed)`;
    case "N:M":
      return "N:M (both sides summed)";
  }
}

/** Properties of a rule the pane shows but does not edit; carried through unchanged. */
export interface RuleExtra {
  code?: string;
  byField?: string;
  tolerances?: Record<string, string>;
  currencyField?: string;
  calendar?: string;
}

export interface RuleDraft {
  field: string;
  kind: RuleKind;
  /** absolute (field's units) and relative (a fraction: "0.0005" = 5 bp). */
  tolerance: string;
  /** minor-units: how many of the currency's minor units. */
  units: string;
  /** date-window: business days before and after the left date. */
  before: string;
  after: string;
  extra: RuleExtra;
}

export interface PassDraft {
  /** Stable React key: survives reordering, never reused within a form. */
  key: number;
  /** Name, keys, cardinality, onMismatch and whatever the pane does not edit (sumFields, scored, subsetSum...). */
  config: Omit<PassConfig, "compare">;
  compare: RuleDraft[];
}

/** Defaults a rule gets when switched to a kind whose value it has never had. */
const FRESH: Pick<RuleDraft, "tolerance" | "units" | "before" | "after"> = {
  tolerance: "0.01",
  units: "2",
  before: "0",
  after: "0",
};

export function ruleDraft(rule: ComparisonRule): RuleDraft {
  const extra: RuleExtra = {};
  if (rule.code !== undefined) extra.code = rule.code;
  const d: RuleDraft = { field: rule.field, kind: rule.kind, ...FRESH, extra };
  switch (rule.kind) {
    case "absolute":
      d.tolerance = rule.tolerance;
      if (rule.byField !== undefined) extra.byField = rule.byField;
      if (rule.tolerances !== undefined) extra.tolerances = { ...rule.tolerances };
      break;
    case "relative":
      d.tolerance = rule.tolerance;
      break;
    case "minor-units":
      d.units = String(rule.units);
      if (rule.currencyField !== undefined) extra.currencyField = rule.currencyField;
      break;
    case "date-window":
      d.before = String(rule.before);
      d.after = String(rule.after);
      if (rule.calendar !== undefined) extra.calendar = rule.calendar;
      break;
    case "exact":
      break;
  }
  return d;
}

export function passDrafts(passes: readonly PassConfig[], firstKey = 1): PassDraft[] {
  return passes.map(({ compare, ...config }, i) => ({
    key: firstKey + i,
    config: { ...config, keys: [...config.keys] },
    compare: compare.map(ruleDraft),
  }));
}

/** A count of business days or minor units: a whole number >= 0, as typed. */
export function checkCount(input: string, what: string): ToleranceCheck {
  const text = input.trim();
  if (/^\d+$/.test(text)) return { ok: true, value: text };
  if (text === "") return { ok: false, message: `Enter the ${what}, a whole number (0 or more).` };
  return { ok: false, message: `The ${what} must be a whole number of 0 or more.` };
}

/** The message for each of a rule's inputs that is not valid yet; empty when the rule can run. */
export function ruleProblems(
  rule: RuleDraft,
): { input: "tolerance" | "units" | "before" | "after"; message: string }[] {
  const out: { input: "tolerance" | "units" | "before" | "after"; message: string }[] = [];
  const add = (input: "tolerance" | "units" | "before" | "after", check: ToleranceCheck) => {
    if (!check.ok) out.push({ input, message: check.message });
  };
  if (rule.kind === "absolute" || rule.kind === "relative") add("tolerance", checkTolerance(rule.tolerance));
  if (rule.kind === "minor-units") add("units", checkCount(rule.units, "number of minor units"));
  if (rule.kind === "date-window") {
    add("before", checkCount(rule.before, "days before"));
    add("after", checkCount(rule.after, "days after"));
  }
  return out;
}

/** The ComparisonRule a valid draft stands for, or null while an input is not valid. */
export function ruleFromDraft(d: RuleDraft): ComparisonRule | null {
  if (ruleProblems(d).length > 0) return null;
  const code = d.extra.code !== undefined ? { code: d.extra.code } : {};
  switch (d.kind) {
    case "exact":
      return { field: d.field, kind: "exact", ...code };
    case "absolute": {
      const r: ComparisonRule = { field: d.field, kind: "absolute", tolerance: d.tolerance.trim(), ...code };
      if (d.extra.byField !== undefined) r.byField = d.extra.byField;
      if (d.extra.tolerances !== undefined) r.tolerances = { ...d.extra.tolerances };
      return r;
    }
    case "relative":
      return { field: d.field, kind: "relative", tolerance: d.tolerance.trim(), ...code };
    case "minor-units": {
      const r: ComparisonRule = { field: d.field, kind: "minor-units", units: Number(d.units.trim()), ...code };
      if (d.extra.currencyField !== undefined) r.currencyField = d.extra.currencyField;
      return r;
    }
    case "date-window": {
      const r: ComparisonRule = {
        field: d.field,
        kind: "date-window",
        before: Number(d.before.trim()),
        after: Number(d.after.trim()),
        ...code,
      };
      if (d.extra.calendar !== undefined) r.calendar = d.extra.calendar;
      return r;
    }
  }
}

/** The PassConfig list, or null while any rule is not valid. */
export function passesFromDrafts(drafts: readonly PassDraft[]): PassConfig[] | null {
  const out: PassConfig[] = [];
  for (const d of drafts) {
    const compare = d.compare.map(ruleFromDraft);
    if (compare.some((r) => r === null)) return null;
    out.push({ ...d.config, keys: [...d.config.keys], compare: compare as ComparisonRule[] });
  }
  return out;
}

/** What stops the passes from running, in the order they appear; labels turn field names into words. */
export function passProblems(drafts: readonly PassDraft[], labelOf: (field: string) => string = (f) => f): string[] {
  const problems: string[] = [];
  if (drafts.length === 0) problems.push("Add at least one pass.");
  const names = new Set<string>();
  drafts.forEach((d, i) => {
    const name = d.config.name.trim();
    const title = name || `Pass ${i + 1}`;
    if (name === "") problems.push(`Pass ${i + 1}: give it a name.`);
    else if (names.has(name.toLowerCase()))
      problems.push(`${title}: another pass has this name (results are reported by pass name).`);
    names.add(name.toLowerCase());
    if (d.config.keys.length === 0) problems.push(`${title}: choose at least one key field.`);
    for (const rule of d.compare) {
      for (const p of ruleProblems(rule)) problems.push(`${title}, ${labelOf(rule.field)}: ${p.message}`);
    }
  });
  return problems;
}

/** Fields the passes read: keys, compared fields, and the fields of a subset-sum search, in first-use order. */
export function fieldsUsed(drafts: readonly PassDraft[]): string[] {
  const seen = new Set<string>();
  for (const d of drafts) {
    for (const k of d.config.keys) seen.add(k);
    for (const r of d.compare) {
      seen.add(r.field);
      if (r.extra.byField) seen.add(r.extra.byField);
      if (r.extra.currencyField) seen.add(r.extra.currencyField);
    }
    if (d.config.subsetSum) {
      seen.add(d.config.subsetSum.field);
      seen.add(d.config.subsetSum.dateField);
    }
  }
  return [...seen];
}

export type PassAction =
  | { type: "add-pass"; key: number; keys?: string[] }
  | { type: "remove-pass"; index: number }
  | { type: "move-pass"; index: number; by: -1 | 1 }
  | { type: "rename-pass"; index: number; name: string }
  | { type: "cardinality"; index: number; value: Cardinality }
  | { type: "on-mismatch"; index: number; value: PassConfig["onMismatch"] }
  | { type: "add-key"; index: number; field: string }
  | { type: "remove-key"; index: number; field: string }
  | { type: "add-rule"; index: number; field: string }
  | { type: "remove-rule"; index: number; rule: number }
  | { type: "rule-kind"; index: number; rule: number; kind: RuleKind }
  | {
      type: "rule-input";
      index: number;
      rule: number;
      input: "tolerance" | "units" | "before" | "after";
      text: string;
    };

function at(drafts: readonly PassDraft[], index: number, edit: (d: PassDraft) => PassDraft): PassDraft[] {
  if (index < 0 || index >= drafts.length) return drafts as PassDraft[];
  return drafts.map((d, i) => (i === index ? edit(d) : d));
}

function editRule(d: PassDraft, rule: number, edit: (r: RuleDraft) => RuleDraft): PassDraft {
  if (rule < 0 || rule >= d.compare.length) return d;
  return { ...d, compare: d.compare.map((r, i) => (i === rule ? edit(r) : r)) };
}

/** A unique "pass N" name for a new pass. */
function freshName(drafts: readonly PassDraft[]): string {
  const taken = new Set(drafts.map((d) => d.config.name.trim().toLowerCase()));
  let n = drafts.length + 1;
  while (taken.has(`pass ${n}`)) n++;
  return `pass ${n}`;
}

/** Edits to the ordered passes; never mutates its input. Out-of-range indexes change nothing. */
export function passesReducer(drafts: readonly PassDraft[], action: PassAction): PassDraft[] {
  switch (action.type) {
    case "add-pass":
      return [
        ...drafts,
        {
          key: action.key,
          config: { name: freshName(drafts), keys: [...(action.keys ?? [])], cardinality: "1:1", onMismatch: "break" },
          compare: [],
        },
      ];
    case "remove-pass":
      return drafts.filter((_, i) => i !== action.index);
    case "move-pass": {
      const to = action.index + action.by;
      if (action.index < 0 || action.index >= drafts.length || to < 0 || to >= drafts.length)
        return drafts as PassDraft[];
      const next = [...drafts];
      [next[action.index], next[to]] = [next[to], next[action.index]];
      return next;
    }
    case "rename-pass":
      return at(drafts, action.index, (d) => ({ ...d, config: { ...d.config, name: action.name } }));
    case "cardinality":
      return at(drafts, action.index, (d) => ({ ...d, config: { ...d.config, cardinality: action.value } }));
    case "on-mismatch":
      return at(drafts, action.index, (d) => ({ ...d, config: { ...d.config, onMismatch: action.value } }));
    case "add-key":
      return at(drafts, action.index, (d) =>
        d.config.keys.includes(action.field)
          ? d
          : { ...d, config: { ...d.config, keys: [...d.config.keys, action.field] } },
      );
    case "remove-key":
      return at(drafts, action.index, (d) => ({
        ...d,
        config: { ...d.config, keys: d.config.keys.filter((k) => k !== action.field) },
      }));
    case "add-rule":
      return at(drafts, action.index, (d) =>
        d.compare.some((r) => r.field === action.field)
          ? d
          : { ...d, compare: [...d.compare, { field: action.field, kind: "exact", ...FRESH, extra: {} }] },
      );
    case "remove-rule":
      return at(drafts, action.index, (d) => ({ ...d, compare: d.compare.filter((_, i) => i !== action.rule) }));
    case "rule-kind":
      // The other kinds' inputs are kept, so switching back and forth loses nothing typed. A
      // per-asset-class tolerance table only means something for an absolute rule; it is kept in
      // extra and written back only while the rule is absolute.
      return at(drafts, action.index, (d) => editRule(d, action.rule, (r) => ({ ...r, kind: action.kind })));
    case "rule-input":
      return at(drafts, action.index, (d) => editRule(d, action.rule, (r) => ({ ...r, [action.input]: action.text })));
  }
}

/** A rule in words, as a clause after "Agrees when": "the difference is at most 0.01". */
export function describeRule(
  r: RuleDraft,
  sides: { left: string; right: string } = { left: "left", right: "right" },
): string {
  switch (r.kind) {
    case "exact":
      return "the values are equal";
    case "absolute":
      return r.extra.tolerances
        ? `the difference is at most ${r.tolerance}, or as set per ${r.extra.byField ?? "class"}`
        : `the difference is at most ${r.tolerance}`;
    case "relative":
      return `the difference is at most ${r.tolerance} × the larger value`;
    case "minor-units":
      return `the difference is at most ${r.units} minor units of the currency`;
    case "date-window":
      return `the ${sides.right} date is from ${r.before} business days before to ${r.after} after the ${sides.left} date`;
  }
}
