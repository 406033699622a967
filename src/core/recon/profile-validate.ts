/**
 * Checks a reconciliation profile read from JSON (a CLI profile file, or the copy saved in a
 * workbook) against the documented schema (docs/recon-profile.md), before anything runs on it.
 *
 * Every problem is reported, each naming its JSON path and what was expected, e.g.
 * "passes[1].compare[0].tolerance: expected decimal text such as \"0.01\", found 0.01 (a number)".
 * Unknown properties are errors too: a misspelt "tolerence" would otherwise be silently ignored and
 * the run would use no tolerance at all.
 */
import { isDateFormat } from "../dates/parse";
import type { ReconProfile } from "./profile";

export interface ProfileValidation {
  /** The profile, when there are no errors (a deep copy of the input). */
  profile?: ReconProfile;
  errors: string[];
}

type Json = unknown;

const DECIMAL_TEXT = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const CODE = /^[A-Z][A-Z0-9_]*$/;

function describe(v: Json): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `"${v.length > 40 ? v.slice(0, 37) + "..." : v}" (text)`;
  if (typeof v === "object") return "an object";
  return `${String(v)} (a ${typeof v})`;
}

class Checker {
  readonly errors: string[] = [];

  fail(path: string, expected: string, found: Json): void {
    this.errors.push(`${path}: expected ${expected}, found ${describe(found)}`);
  }

  object(v: Json, path: string): v is Record<string, Json> {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) return true;
    this.fail(path, "an object", v);
    return false;
  }

  only(o: Record<string, Json>, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        this.errors.push(`${path}${path ? "." : ""}${k}: unknown property (expected one of ${allowed.join(", ")})`);
  }

  string(v: Json, path: string, optional = false): boolean {
    if (v === undefined && optional) return true;
    if (typeof v === "string" && v.trim() !== "") return true;
    this.fail(path, "non-empty text", v);
    return false;
  }

  bool(v: Json, path: string): void {
    if (v !== undefined && typeof v !== "boolean") this.fail(path, "true or false", v);
  }

  oneOf(v: Json, path: string, values: readonly string[], optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== "string" || !values.includes(v))
      this.fail(path, `one of ${values.map((x) => `"${x}"`).join(", ")}`, v);
  }

  strings(v: Json, path: string, optional = true, nonEmpty = false): void {
    if (v === undefined && optional) return;
    if (!Array.isArray(v)) return this.fail(path, "a list of texts", v);
    if (nonEmpty && v.length === 0) this.errors.push(`${path}: expected at least one entry, found an empty list`);
    v.forEach((x, i) => this.string(x, `${path}[${i}]`));
  }

  decimal(v: Json, path: string, optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== "string" || !DECIMAL_TEXT.test(v.trim()))
      this.fail(path, 'decimal text such as "0.01" (written as text so that it stays exact)', v);
  }

  integer(v: Json, path: string, min: number, optional = false): void {
    if (v === undefined && optional) return;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min)
      this.fail(path, `a whole number of at least ${min}`, v);
  }

  code(v: Json, path: string): void {
    if (v === undefined) return;
    if (typeof v !== "string" || !CODE.test(v)) this.fail(path, "an upper-case code such as QUANTITY or MY_REASON", v);
  }

  stringMap(v: Json, path: string): void {
    if (v === undefined) return;
    if (!this.object(v, path)) return;
    for (const [k, x] of Object.entries(v)) this.string(x, `${path}.${k}`);
  }
}

const SIDE_KEYS = ["label", "source", "mapping", "dateFormats", "decimalComma", "signConvention", "negate", "exclude"];

function checkSide(c: Checker, v: Json, path: string): void {
  if (!c.object(v, path)) return;
  c.only(v, path, SIDE_KEYS);
  c.string(v.label, `${path}.label`);
  if (v.source !== undefined && c.object(v.source, `${path}.source`)) {
    c.only(v.source, `${path}.source`, ["table", "sheet", "address", "file"]);
    for (const k of ["table", "sheet", "address", "file"]) c.string(v.source[k], `${path}.source.${k}`, true);
  }
  if (v.mapping === undefined) c.fail(`${path}.mapping`, "an object of field -> header text", undefined);
  else c.stringMap(v.mapping, `${path}.mapping`);
  if (v.dateFormats !== undefined && c.object(v.dateFormats, `${path}.dateFormats`)) {
    for (const [k, f] of Object.entries(v.dateFormats))
      if (!isDateFormat(f))
        c.fail(`${path}.dateFormats.${k}`, 'one of "iso", "dd/mm/yyyy", "mm/dd/yyyy", "yyyymmdd", "d-mmm-yyyy"', f);
  }
  c.bool(v.decimalComma, `${path}.decimalComma`);
  c.oneOf(v.signConvention, `${path}.signConvention`, ["signed", "by-side"], true);
  c.strings(v.negate, `${path}.negate`);
  if (v.exclude !== undefined) {
    if (!Array.isArray(v.exclude)) c.fail(`${path}.exclude`, "a list of exclusion rules", v.exclude);
    else
      v.exclude.forEach((r: Json, i: number) => {
        const p = `${path}.exclude[${i}]`;
        if (!c.object(r, p)) return;
        c.only(r, p, ["field", "equals", "reason"]);
        c.string(r.field, `${p}.field`);
        c.strings(r.equals, `${p}.equals`, false, true);
        c.string(r.reason, `${p}.reason`);
      });
  }
}

function checkNormalise(c: Checker, v: Json, path: string): void {
  if (v === undefined || !c.object(v, path)) return;
  c.only(v, path, ["trim", "case", "equivalences"]);
  c.bool(v.trim, `${path}.trim`);
  c.oneOf(v.case, `${path}.case`, ["upper", "lower", "none"], true);
  if (v.equivalences === undefined || !c.object(v.equivalences, `${path}.equivalences`)) return;
  for (const [field, table] of Object.entries(v.equivalences)) {
    const p = `${path}.equivalences.${field}`;
    if (!c.object(table, p)) continue;
    const owner = new Map<string, string>();
    for (const [canonical, synonyms] of Object.entries(table)) {
      c.strings(synonyms, `${p}.${canonical}`, false);
      if (!Array.isArray(synonyms)) continue;
      for (const s of [canonical, ...synonyms]) {
        if (typeof s !== "string") continue;
        const key = s.trim().toUpperCase();
        const already = owner.get(key);
        if (already !== undefined && already !== canonical)
          c.errors.push(`${p}.${canonical}: '${s}' is also listed under '${already}'; a value can mean only one thing`);
        owner.set(key, canonical);
      }
    }
  }
}

const RULE_KEYS: Record<string, string[]> = {
  exact: ["field", "kind", "code"],
  absolute: ["field", "kind", "tolerance", "code", "byField", "tolerances"],
  relative: ["field", "kind", "tolerance", "code"],
  "minor-units": ["field", "kind", "units", "currencyField", "code"],
  "date-window": ["field", "kind", "before", "after", "calendar", "code"],
};

function checkRule(c: Checker, r: Json, p: string): void {
  if (!c.object(r, p)) return;
  c.string(r.field, `${p}.field`);
  const kind = r.kind;
  if (typeof kind !== "string" || !(kind in RULE_KEYS)) {
    c.fail(
      `${p}.kind`,
      `one of ${Object.keys(RULE_KEYS)
        .map((k) => `"${k}"`)
        .join(", ")}`,
      kind,
    );
    return;
  }
  c.only(r, p, RULE_KEYS[kind]);
  c.code(r.code, `${p}.code`);
  switch (kind) {
    case "absolute":
      c.decimal(r.tolerance, `${p}.tolerance`);
      c.string(r.byField, `${p}.byField`, true);
      if (r.tolerances !== undefined && c.object(r.tolerances, `${p}.tolerances`))
        for (const [k, t] of Object.entries(r.tolerances)) c.decimal(t, `${p}.tolerances.${k}`);
      if ((r.byField === undefined) !== (r.tolerances === undefined))
        c.errors.push(`${p}: byField and tolerances go together (the field's value picks the tolerance)`);
      break;
    case "relative":
      c.decimal(r.tolerance, `${p}.tolerance`);
      break;
    case "minor-units":
      c.integer(r.units, `${p}.units`, 0);
      c.string(r.currencyField, `${p}.currencyField`, true);
      break;
    case "date-window":
      c.integer(r.before, `${p}.before`, 0);
      c.integer(r.after, `${p}.after`, 0);
      c.string(r.calendar, `${p}.calendar`, true);
      break;
  }
}

const PASS_KEYS = [
  "name",
  "keys",
  "cardinality",
  "sumFields",
  "compare",
  "onMismatch",
  "groupDuplicates",
  "scored",
  "subsetSum",
];

function checkPass(c: Checker, v: Json, p: string): void {
  if (!c.object(v, p)) return;
  c.only(v, p, PASS_KEYS);
  c.string(v.name, `${p}.name`);
  c.strings(v.keys, `${p}.keys`, false, v.subsetSum === undefined);
  c.oneOf(v.cardinality, `${p}.cardinality`, ["1:1", "1:N", "N:1", "N:M"]);
  c.strings(v.sumFields, `${p}.sumFields`);
  if (!Array.isArray(v.compare)) c.fail(`${p}.compare`, "a list of comparison rules (may be empty)", v.compare);
  else v.compare.forEach((r: Json, i: number) => checkRule(c, r, `${p}.compare[${i}]`));
  c.oneOf(v.onMismatch, `${p}.onMismatch`, ["break", "no-match"]);
  c.bool(v.groupDuplicates, `${p}.groupDuplicates`);
  if (v.scored !== undefined && c.object(v.scored, `${p}.scored`)) {
    const s = v.scored;
    c.only(s, `${p}.scored`, ["threshold", "weights", "maxCandidates"]);
    if (typeof s.threshold !== "number" || !(s.threshold >= 0 && s.threshold <= 1))
      c.fail(`${p}.scored.threshold`, "a number from 0 to 1", s.threshold);
    if (c.object(s.weights, `${p}.scored.weights`))
      for (const [k, w] of Object.entries(s.weights))
        if (typeof w !== "number" || !(w > 0)) c.fail(`${p}.scored.weights.${k}`, "a positive number", w);
    c.integer(s.maxCandidates, `${p}.scored.maxCandidates`, 1, true);
  }
  if (v.subsetSum !== undefined && c.object(v.subsetSum, `${p}.subsetSum`)) {
    const s = v.subsetSum;
    const sp = `${p}.subsetSum`;
    c.only(s, sp, ["field", "dateField", "window", "maxItems", "maxCandidates", "tolerance"]);
    c.string(s.field, `${sp}.field`);
    c.string(s.dateField, `${sp}.dateField`);
    c.integer(s.window, `${sp}.window`, 0);
    c.integer(s.maxItems, `${sp}.maxItems`, 2);
    c.integer(s.maxCandidates, `${sp}.maxCandidates`, 1, true);
    c.decimal(s.tolerance, `${sp}.tolerance`, true);
  }
  if (v.scored !== undefined && v.subsetSum !== undefined)
    c.errors.push(`${p}: a pass is scored or subset-sum, not both`);
}

const PROFILE_KEYS = [
  "version",
  "kind",
  "name",
  "left",
  "right",
  "normalise",
  "crosswalk",
  "passes",
  "breakIdFields",
  "ageingBuckets",
  "ageFrom",
];

/** See the module comment. */
export function validateProfile(json: unknown): ProfileValidation {
  const c = new Checker();
  if (!c.object(json, "(profile)")) return { errors: c.errors };
  const v = json;
  c.only(v, "", PROFILE_KEYS);
  if (v.version !== 1) c.fail("version", "1 (the only schema version so far)", v.version);
  c.oneOf(v.kind, "kind", ["trade", "position", "cash", "custom"]);
  c.string(v.name, "name");
  checkSide(c, v.left, "left");
  checkSide(c, v.right, "right");
  checkNormalise(c, v.normalise, "normalise");
  if (v.crosswalk !== undefined && c.object(v.crosswalk, "crosswalk")) {
    c.only(v.crosswalk, "crosswalk", ["field", "master", "derive"]);
    c.string(v.crosswalk.field, "crosswalk.field", true);
    c.bool(v.crosswalk.derive, "crosswalk.derive");
    if (v.crosswalk.master !== undefined && c.object(v.crosswalk.master, "crosswalk.master")) {
      c.only(v.crosswalk.master, "crosswalk.master", ["table", "sheet", "file"]);
      for (const k of ["table", "sheet", "file"]) c.string(v.crosswalk.master[k], `crosswalk.master.${k}`, true);
    }
  }
  if (!Array.isArray(v.passes) || v.passes.length === 0) c.fail("passes", "a list of at least one pass", v.passes);
  else {
    v.passes.forEach((p: Json, i: number) => checkPass(c, p, `passes[${i}]`));
    const names = v.passes.map((p: Json) =>
      p && typeof p === "object" ? (p as Record<string, Json>).name : undefined,
    );
    names.forEach((n: Json, i: number) => {
      if (typeof n === "string" && names.indexOf(n) !== i)
        c.errors.push(`passes[${i}].name: "${n}" is already the name of passes[${names.indexOf(n)}]`);
    });
  }
  c.strings(v.breakIdFields, "breakIdFields");
  if (v.ageingBuckets !== undefined) {
    if (!Array.isArray(v.ageingBuckets))
      c.fail("ageingBuckets", "a list of increasing whole numbers of days", v.ageingBuckets);
    else
      v.ageingBuckets.forEach((b: Json, i: number) => {
        c.integer(b, `ageingBuckets[${i}]`, 0);
        const prev = i > 0 ? (v.ageingBuckets as Json[])[i - 1] : undefined;
        if (typeof b === "number" && typeof prev === "number" && b <= prev)
          c.fail(`ageingBuckets[${i}]`, `a number above ${prev} (bounds increase)`, b);
      });
  }
  c.string(v.ageFrom, "ageFrom", true);
  if (c.errors.length > 0) return { errors: c.errors };
  return { profile: JSON.parse(JSON.stringify(v)) as ReconProfile, errors: [] };
}
