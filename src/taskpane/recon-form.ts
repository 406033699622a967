/**
 * The Reconcile form as data: which sources can be picked, what the user has chosen so far, what is
 * still missing, and the ReconSliceRequest it turns into. Pure functions, so the rules are unit-tested
 * without React or a browser; the components only render them.
 */
import type { SourceList, SourceRef } from "../io/port";
import type { ReconSliceRequest, SliceSide } from "../io/workflows/recon-slice-types";
import { checkTolerance } from "./tolerance";

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

export interface SideDraft {
  /** SourceChoice.id, or "" while nothing is chosen. */
  sourceId: string;
  label: string;
  /** Header texts; "" while not chosen. */
  key: string;
  value: string;
}

export interface ReconDraft {
  left: SideDraft;
  right: SideDraft;
  tolerance: string;
}

export function initialDraft(): ReconDraft {
  return {
    left: { sourceId: "", label: "Books", key: "", value: "" },
    right: { sourceId: "", label: "Custodian", key: "", value: "" },
    tolerance: "0.01",
  };
}

/**
 * Keep a side's column choices only while the newly previewed headers still contain them, so that a
 * refresh of the same source keeps the user's picks and a switch to another source clears them.
 */
export function keepColumns(side: SideDraft, headers: readonly string[]): SideDraft {
  return {
    ...side,
    key: headers.includes(side.key) ? side.key : "",
    value: headers.includes(side.value) ? side.value : "",
  };
}

export type SideName = "left" | "right";

/** Everything that stops the Run button, in the order the user meets the fields. Empty = ready. */
export function draftProblems(draft: ReconDraft, choices: readonly SourceChoice[]): string[] {
  const problems: string[] = [];
  for (const name of ["left", "right"] as const) {
    const side = draft[name];
    const label = side.label.trim() || (name === "left" ? "Left side" : "Right side");
    if (!choices.some((c) => c.id === side.sourceId)) problems.push(`${label}: choose a table or sheet.`);
    if (side.label.trim() === "") problems.push(`${name === "left" ? "Left" : "Right"} side: give it a name.`);
    if (side.key === "") problems.push(`${label}: choose the key column.`);
    if (side.value === "") problems.push(`${label}: choose the column to compare.`);
  }
  const l = draft.left.label.trim();
  if (l !== "" && l.toLowerCase() === draft.right.label.trim().toLowerCase()) {
    // The Breaks sheet names its columns after the sides ("Books row", "Custodian row").
    problems.push("Give the two sides different names.");
  }
  const tol = checkTolerance(draft.tolerance);
  if (!tol.ok) problems.push(tol.message);
  return problems;
}

/** The request for runReconSlice, or null while draftProblems is not empty. */
export function buildRequest(draft: ReconDraft, choices: readonly SourceChoice[]): ReconSliceRequest | null {
  if (draftProblems(draft, choices).length > 0) return null;
  const tol = checkTolerance(draft.tolerance);
  if (!tol.ok) return null;
  const side = (d: SideDraft): SliceSide => {
    const choice = choices.find((c) => c.id === d.sourceId)!;
    return { ...choice.ref, label: d.label.trim(), key: d.key, value: d.value };
  };
  return { left: side(draft.left), right: side(draft.right), tolerance: tol.value };
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
 * The workflow finds a column by its header text and refuses a text written on two columns, so the
 * pane shows such a header as unavailable instead of letting the run fail on it.
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
