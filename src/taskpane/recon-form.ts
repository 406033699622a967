/**
 * The Reconcile form as data: which sources can be picked, the profile being edited (kind, sides with
 * their column mappings, passes), what still stops Run, and the ReconProfile it becomes. Pure
 * functions and one reducer, so the rules are unit-tested without React or a browser
 * (test/unit/taskpane-form.test.ts); the components only render them.
 */
import type { FieldDef, ReconKind, ReconProfile, SideConfig } from "../core/recon/profile";
import type { SourceList, SourceRef } from "../io/port";
import { fieldsUsed, passDrafts, passesFromDrafts, passesReducer, passProblems } from "./pass-edit";
import type { PassAction, PassDraft } from "./pass-edit";

export interface SourceChoice {
  /** Stable option value: "table:<name>" or "sheet:<name>" (a table and a sheet may share a name). */
  id: string;
  /** What the dropdown shows. */
  text: string;
  kind: "table" | "sheet";
  ref: SourceRef;
}

export function sourceChoices(list: SourceList): SourceChoice[] {
  const tables = list.tables.map<SourceChoice>((t) => ({
    id: `table:${t.name}`,
    text: `${t.name} (table on ${t.sheet})`,
    kind: "table",
    ref: { table: t.name },
  }));
  const sheets = list.sheets.map<SourceChoice>((s) => ({
    id: `sheet:${s}`,
    text: s,
    kind: "sheet",
    ref: { sheet: s },
  }));
  return [...tables, ...sheets];
}

/** The choice a profile's stored source names, or "" when the workbook no longer has it. */
export function choiceIdFor(source: SideConfig["source"], choices: readonly SourceChoice[]): string {
  if (!source) return "";
  const id = source.table ? `table:${source.table}` : source.sheet ? `sheet:${source.sheet}` : "";
  return choices.some((c) => c.id === id) ? id : "";
}

/**
 * What a loaded profile names that this workbook no longer has, in words ("Books: table 'Trades'
 * is not in this workbook."), so the pane can say why a side's source is not filled in.
 */
export function missingSources(profile: ReconProfile, choices: readonly SourceChoice[]): string[] {
  const out: string[] = [];
  for (const side of [profile.left, profile.right]) {
    const src = side.source;
    if (!src || (!src.table && !src.sheet) || choiceIdFor(src, choices) !== "") continue;
    const what = src.table ? `table '${src.table}'` : `sheet '${src.sheet}'`;
    out.push(`${side.label}: ${what} is not in this workbook; choose its source.`);
  }
  return out;
}

export type SideName = "left" | "right";
export const SIDES: readonly SideName[] = ["left", "right"];

export interface SideState {
  /** SourceChoice.id, or "" while nothing is chosen. */
  sourceId: string;
  label: string;
  /** field -> header text; a field absent here is unmapped. */
  mapping: Record<string, string>;
  /**
   * The rest of the side's profile entry (date formats, sign convention, exclusions...): the pane does
   * not edit it, but a loaded profile must run exactly as saved.
   */
  rest: Omit<SideConfig, "label" | "mapping" | "source">;
}

export interface ReconForm {
  kind: ReconKind;
  /** Profile name, used to save it in the workbook. */
  name: string;
  left: SideState;
  right: SideState;
  passes: PassDraft[];
  /** Next PassDraft key: keys are never reused, so React keeps each card's state through reorders. */
  nextKey: number;
  /** Profile settings the pane does not edit (normalisation, cross-walk, ageing), kept for the run. */
  rest: Omit<ReconProfile, "version" | "kind" | "name" | "left" | "right" | "passes">;
}

function sideState(side: SideConfig, sourceId: string): SideState {
  const { label, mapping, source: _source, ...rest } = side;
  return { sourceId, label, mapping: { ...mapping }, rest };
}

/**
 * A form for a profile (a kind's default or one loaded from the workbook). The sources are the
 * profile's own when the workbook has them, else the ones already chosen (`keep`), so that switching
 * kind does not make the user pick the sheets again.
 */
export function formFromProfile(
  profile: ReconProfile,
  choices: readonly SourceChoice[],
  keep?: { left: string; right: string },
): ReconForm {
  const { version: _v, kind, name, left, right, passes, ...rest } = profile;
  return {
    kind,
    name,
    left: sideState(left, choiceIdFor(left.source, choices) || keep?.left || ""),
    right: sideState(right, choiceIdFor(right.source, choices) || keep?.right || ""),
    passes: passDrafts(passes),
    nextKey: passes.length + 1,
    rest: JSON.parse(JSON.stringify(rest)) as ReconForm["rest"],
  };
}

/**
 * A Custom profile starts from nothing the engine would guess: one empty pass for the user to give
 * keys and comparisons. The sides' labels are kept from the current form.
 */
export function customProfile(labels: { left: string; right: string }): ReconProfile {
  return {
    version: 1,
    kind: "custom",
    name: "Custom reconciliation",
    left: { label: labels.left, mapping: {} },
    right: { label: labels.right, mapping: {} },
    normalise: { trim: true, case: "upper" },
    passes: [{ name: "pass 1", keys: [], cardinality: "1:1", compare: [], onMismatch: "break" }],
  };
}

/**
 * Fields offered for a kind. Custom offers every standard field once (first definition wins), so a
 * custom profile still uses the engine's canonical names and types.
 */
export function fieldCatalogue(kind: ReconKind, standard: Record<ReconKind, FieldDef[]>): FieldDef[] {
  if (kind !== "custom") return standard[kind];
  const seen = new Map<string, FieldDef>();
  for (const k of ["trade", "position", "cash"] as const)
    for (const f of standard[k]) if (!seen.has(f.name)) seen.set(f.name, f);
  for (const f of standard.custom) if (!seen.has(f.name)) seen.set(f.name, f);
  return [...seen.values()];
}

/**
 * A side's mapping once its headers are (re)read: each mapped field keeps its header while the sheet
 * still has it (a refresh, or a loaded profile, keeps the user's choices); fields left without one
 * take the proposal's header if no other field holds it. A header never serves two fields.
 */
export function mergeMapping(
  current: Record<string, string>,
  headers: readonly string[],
  proposed: Record<string, string>,
): Record<string, string> {
  const present = new Set(headers.map((h) => h.trim()).filter((h) => h !== ""));
  const out: Record<string, string> = {};
  const used = new Set<string>();
  for (const [field, header] of Object.entries(current)) {
    if (present.has(header) && !used.has(header)) {
      out[field] = header;
      used.add(header);
    }
  }
  for (const [field, header] of Object.entries(proposed)) {
    if (out[field] === undefined && present.has(header) && !used.has(header)) {
      out[field] = header;
      used.add(header);
    }
  }
  return out;
}

/** Headers of a side that no field uses, in sheet order, each once. */
export function unmappedHeaders(headers: readonly string[], mapping: Record<string, string>): string[] {
  const used = new Set(Object.values(mapping));
  const out: string[] = [];
  for (const raw of headers) {
    const h = raw.trim();
    if (h !== "" && !used.has(h) && !out.includes(h)) out.push(h);
  }
  return out;
}

/** Fields the passes need on both sides: keys, compared fields, the fields of a subset-sum search. */
export function requiredFields(form: ReconForm): string[] {
  return fieldsUsed(form.passes);
}

export type FormAction =
  | { type: "replace"; form: ReconForm }
  | { type: "source"; side: SideName; id: string }
  | { type: "label"; side: SideName; text: string }
  | { type: "name"; text: string }
  | { type: "map"; side: SideName; field: string; header: string }
  /**
   * A side's headers were (re)read. `proposed` may be a function of the kind, called with the form's
   * kind when the action is applied: a preview that resolves after the user changed kind then
   * proposes for the new kind's fields, never the old one's.
   */
  | {
      type: "headers";
      side: SideName;
      headers: string[];
      proposed: Record<string, string> | ((kind: ReconKind) => Record<string, string>);
    }
  /** The workbook's sources were re-read: a side whose source is no longer there is cleared. */
  | { type: "sources"; available: string[] }
  | { type: "pass"; action: PassEdit };

/** A pass edit as the components send it; the form gives a new pass its key. */
export type PassEdit = Exclude<PassAction, { type: "add-pass" }> | { type: "add-pass"; keys?: string[] };

export function formReducer(form: ReconForm, action: FormAction): ReconForm {
  switch (action.type) {
    case "replace":
      return action.form;
    case "source":
      // Another source has other headers: its mapping is proposed afresh when they are read.
      return form[action.side].sourceId === action.id
        ? form
        : { ...form, [action.side]: { ...form[action.side], sourceId: action.id, mapping: {} } };
    case "label":
      return { ...form, [action.side]: { ...form[action.side], label: action.text } };
    case "name":
      return { ...form, name: action.text };
    case "map": {
      const mapping: Record<string, string> = {};
      for (const [f, h] of Object.entries(form[action.side].mapping)) {
        // Choosing a header already used by another field moves it: one header, one field.
        if (f !== action.field && h !== action.header) mapping[f] = h;
      }
      if (action.header !== "") mapping[action.field] = action.header;
      return { ...form, [action.side]: { ...form[action.side], mapping } };
    }
    case "headers": {
      const side = form[action.side];
      const proposed = typeof action.proposed === "function" ? action.proposed(form.kind) : action.proposed;
      return { ...form, [action.side]: { ...side, mapping: mergeMapping(side.mapping, action.headers, proposed) } };
    }
    case "sources": {
      let next = form;
      for (const s of SIDES) {
        const id = next[s].sourceId;
        if (id !== "" && !action.available.includes(id))
          next = { ...next, [s]: { ...next[s], sourceId: "", mapping: {} } };
      }
      return next;
    }
    case "pass": {
      const a = action.action;
      if (a.type === "add-pass") {
        return { ...form, passes: passesReducer(form.passes, { ...a, key: form.nextKey }), nextKey: form.nextKey + 1 };
      }
      return { ...form, passes: passesReducer(form.passes, a) };
    }
  }
}

export interface SideHeaders {
  left?: readonly string[];
  right?: readonly string[];
}

/**
 * Everything that stops the Run button, in the order the user meets it (sources, mapping, passes).
 * Empty = ready. `headers` are the sides' previewed headers (absent while not read yet).
 */
export function formProblems(
  form: ReconForm,
  choices: readonly SourceChoice[],
  headers: SideHeaders,
  fields: readonly FieldDef[],
): string[] {
  const problems: string[] = [];
  const labelOf = (f: string) => fields.find((d) => d.name === f)?.label ?? f;
  for (const s of SIDES) {
    const side = form[s];
    const name = side.label.trim() || (s === "left" ? "Left side" : "Right side");
    if (!choices.some((c) => c.id === side.sourceId)) problems.push(`${name}: choose a table or sheet.`);
    if (side.label.trim() === "") problems.push(`${s === "left" ? "Left" : "Right"} side: give it a name.`);
  }
  const l = form.left.label.trim();
  if (l !== "" && l.toLowerCase() === form.right.label.trim().toLowerCase()) {
    // The Breaks sheet names its columns and missing-side codes after the sides.
    problems.push("Give the two sides different names.");
  }
  const required = requiredFields(form);
  for (const s of SIDES) {
    const side = form[s];
    const h = headers[s];
    if (!h || side.sourceId === "") continue;
    const present = new Set(h.map((x) => x.trim()));
    const name = side.label.trim() || s;
    for (const f of required) {
      const header = side.mapping[f];
      if (header === undefined) problems.push(`${name}: choose the column for ${labelOf(f)} (a pass uses it).`);
      else if (!present.has(header))
        problems.push(`${name}: column '${header}' for ${labelOf(f)} is not on the sheet.`);
    }
  }
  problems.push(...passProblems(form.passes, labelOf));
  if (form.name.trim() === "") problems.push("Give the profile a name.");
  return problems;
}

/** The profile the form stands for, or null while formProblems is not empty. */
export function buildProfile(
  form: ReconForm,
  choices: readonly SourceChoice[],
  headers: SideHeaders,
  fields: readonly FieldDef[],
): ReconProfile | null {
  if (formProblems(form, choices, headers, fields).length > 0) return null;
  return profileOf(form, choices);
}

/**
 * The profile as it stands, valid or not (Save keeps work in progress; Run uses buildProfile). Mapped
 * headers are kept for every field, used by a pass or not, so the saved profile re-proposes nothing.
 */
export function profileOf(form: ReconForm, choices: readonly SourceChoice[]): ReconProfile {
  const side = (s: SideState): SideConfig => {
    const choice = choices.find((c) => c.id === s.sourceId);
    const out: SideConfig = { label: s.label.trim(), mapping: { ...s.mapping }, ...JSON.parse(JSON.stringify(s.rest)) };
    if (choice) out.source = { ...choice.ref };
    return out;
  };
  const passes = passesFromDrafts(form.passes);
  return {
    version: 1,
    kind: form.kind,
    name: form.name.trim(),
    left: side(form.left),
    right: side(form.right),
    ...(JSON.parse(JSON.stringify(form.rest)) as ReconForm["rest"]),
    // A rule still being typed is saved as the last valid profile would have it: not at all. The
    // pane only offers Save when the passes are valid, so this is the valid list in practice.
    passes: passes ?? [],
  };
}

/** The first `limit` row errors for the pane; the rest are only in the Breaks sheet. */
export function errorDigest(errors: readonly string[], limit = 20): { shown: string[]; more: number } {
  return { shown: errors.slice(0, limit), more: Math.max(0, errors.length - limit) };
}

export interface ColumnOption {
  header: string;
  /** How many header cells carry this text (after trimming). Above 1 it cannot be picked by name. */
  count: number;
}

/**
 * The column picker's options: each non-blank header once, in sheet order, with how often it occurs.
 * Columns are found by header text and a text written on two columns is refused, so the pane shows
 * such a header as unavailable instead of letting the run fail on it.
 */
export function columnOptions(headers: readonly string[]): ColumnOption[] {
  const byText = new Map<string, ColumnOption>();
  for (const raw of headers) {
    const header = raw.trim();
    if (header === "") continue;
    const seen = byText.get(header);
    if (seen) seen.count++;
    else byText.set(header, { header, count: 1 });
  }
  return [...byText.values()];
}
