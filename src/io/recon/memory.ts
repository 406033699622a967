/**
 * Breaks that remember: the analyst's columns (owner, status, reason, comment) carried from the
 * previous Breaks sheet to this run's breaks by their stable id (src/core/recon/break-id.ts).
 *
 * - A break in this run and in the previous sheet is "persisting": it keeps its analyst columns and
 *   the day it was first seen.
 * - A break only in this run is "new": first seen today, status "open".
 * - A break only in the previous sheet is "resolved" (since the last run): listed once more, with
 *   its analyst columns, so that a comment typed yesterday is never silently lost. A row already
 *   marked resolved in the previous sheet is not carried again; if that break comes back, it is
 *   "new" again but keeps its analyst columns and first-seen day.
 *
 * Ages are whole days to the run date: from the break's age date (trade or value date, per the
 * profile's ageFrom) and from the day it was first seen. Identical inputs, previous sheet and run
 * date give identical rows (no clock is read here; the run date is a parameter).
 */
import type { Day } from "../../core/dates/civil";
import { InputError } from "../../core/errors";
import type { Break, ReconResult } from "../../core/recon/profile";
import { parseDateCell } from "../cells";
import type { CellValue, Grid } from "../port";
import { normaliseHeader } from "../table";

export type RunStatus = "new" | "persisting" | "resolved";

/** The analyst's workflow states (issue 4); other text typed in the Status column is kept as written. */
export const ANALYST_STATUSES = ["open", "investigating", "resolved", "written off"] as const;

/** Headers of the Breaks sheet that this module reads back (render.ts writes them). */
export const BREAK_HEADERS = {
  id: "Break ID",
  runStatus: "Run status",
  codes: "Codes",
  detail: "Detail",
  firstSeen: "First seen",
  lastSeen: "Last seen",
  owner: "Owner",
  status: "Status",
  reason: "Reason",
  comment: "Comment",
} as const;

export interface AnalystColumns {
  owner: string;
  status: string;
  reason: string;
  comment: string;
}

export interface PreviousBreak extends AnalystColumns {
  id: string;
  firstSeen?: Day;
  lastSeen?: Day;
  runStatus: string;
  /** Every cell of the previous row by its header, so a resolved break can be shown as it was. */
  cells: Record<string, CellValue>;
}

export interface BreakRow extends AnalystColumns {
  id: string;
  runStatus: RunStatus;
  /** This run's break; absent for a break resolved since the last run. */
  brk?: Break;
  firstSeen: Day;
  lastSeen: Day;
  /** Days from the break's age date (trade or value date) to the run date, if it has one. */
  age?: number;
  /** Days since the break was first seen. */
  ageSinceFirstSeen: number;
  /** Ageing bucket label ("0-1", "2-5", "6-30", ">30") of age (or of ageSinceFirstSeen without an age date); "" for resolved. */
  bucket: string;
  /** For resolved breaks: the previous row's cells. */
  previous?: PreviousBreak;
}

export const DEFAULT_AGEING_BUCKETS = [1, 5, 30];

/** Bucket labels for upper bounds [1, 5, 30]: "0-1", "2-5", "6-30", ">30". */
export function bucketLabels(bounds: readonly number[] = DEFAULT_AGEING_BUCKETS): string[] {
  const labels: string[] = [];
  let lo = 0;
  for (const b of bounds) {
    labels.push(lo === b ? `${b}` : `${lo}-${b}`);
    lo = b + 1;
  }
  labels.push(`>${bounds.length > 0 ? bounds[bounds.length - 1] : 0}`);
  return labels;
}

export function bucketOf(days: number, bounds: readonly number[] = DEFAULT_AGEING_BUCKETS): string {
  return bucketIn(days, bounds, bucketLabels(bounds));
}

/** bucketOf with the labels made once (carryForward asks for every break). */
function bucketIn(days: number, bounds: readonly number[], labels: readonly string[]): string {
  for (let i = 0; i < bounds.length; i++) if (days <= bounds[i]) return labels[i];
  return labels[labels.length - 1];
}

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v.trim() : String(v);
}

/**
 * The previous run's breaks by id, from a Breaks sheet (as written by renderBreaks, possibly edited:
 * extra columns the user added are tolerated, rows may be sorted or filtered). Throws an InputError
 * when the grid is not a Breaks sheet (no header row with Break ID and the analyst columns); the
 * caller reports it and runs without memory.
 */
export function readPreviousBreaks(grid: Grid): Map<string, PreviousBreak> {
  const wanted = [
    BREAK_HEADERS.id,
    BREAK_HEADERS.owner,
    BREAK_HEADERS.status,
    BREAK_HEADERS.reason,
    BREAK_HEADERS.comment,
  ];
  const wantedKeys = wanted.map(normaliseHeader);
  let headerIndex = -1;
  const scan = Math.min(grid.values.length, 30);
  for (let r = 0; r < scan && headerIndex < 0; r++) {
    const keys = new Set(grid.values[r].map((v) => normaliseHeader(text(v))));
    if (wantedKeys.every((k) => keys.has(k))) headerIndex = r;
  }
  if (headerIndex < 0) {
    throw new InputError(
      "no-header",
      { sheet: grid.sheet },
      `${grid.label} is not a Breaks sheet this add-in can read: expected a header row with ${wanted.map((w) => `'${w}'`).join(", ")} in the first ${scan} rows; the run goes on without the previous run's owners and comments`,
    );
  }
  const header = grid.values[headerIndex].map(text);
  const colOf = new Map<string, number>();
  header.forEach((h, c) => {
    const k = normaliseHeader(h);
    if (k !== "" && !colOf.has(k)) colOf.set(k, c);
  });
  const col = (h: string) => colOf.get(normaliseHeader(h));
  const idCol = col(BREAK_HEADERS.id)!;
  const get = (row: CellValue[], h: string) => {
    const c = col(h);
    return c === undefined ? "" : text(row[c]);
  };
  const day = (row: CellValue[], h: string): Day | undefined => {
    const c = col(h);
    if (c === undefined) return undefined;
    const r = parseDateCell(row[c] ?? null, { dateSystem: grid.dateSystem, isDateFormatted: true });
    return r.ok ? r.value : undefined;
  };
  const out = new Map<string, PreviousBreak>();
  for (let r = headerIndex + 1; r < grid.values.length; r++) {
    const row = grid.values[r];
    const id = text(row[idCol]);
    // The first row of an id wins: a row the user duplicated by copy and paste adds nothing.
    if (id === "" || out.has(id)) continue;
    const cells: Record<string, CellValue> = {};
    header.forEach((h, c) => {
      if (h !== "") cells[h] = row[c] ?? null;
    });
    out.set(id, {
      id,
      owner: get(row, BREAK_HEADERS.owner),
      status: get(row, BREAK_HEADERS.status),
      reason: get(row, BREAK_HEADERS.reason),
      comment: get(row, BREAK_HEADERS.comment),
      runStatus: get(row, BREAK_HEADERS.runStatus).toLowerCase(),
      firstSeen: day(row, BREAK_HEADERS.firstSeen),
      lastSeen: day(row, BREAK_HEADERS.lastSeen),
      cells,
    });
  }
  return out;
}

export interface CarryOptions {
  /** Ageing buckets' upper bounds (the profile's ageingBuckets). */
  ageingBuckets?: readonly number[];
}

/** This run's break rows with the analyst's columns carried forward; see the module comment. */
export function carryForward(
  result: ReconResult,
  previous: ReadonlyMap<string, PreviousBreak> | undefined,
  runDate: Day,
  opts: CarryOptions = {},
): BreakRow[] {
  const bounds = opts.ageingBuckets ?? DEFAULT_AGEING_BUCKETS;
  const labels = bucketLabels(bounds);
  const rows: BreakRow[] = [];
  const seen = new Set<string>();
  for (const brk of result.breaks) {
    // Only needed to find the previous run's breaks that are gone.
    if (previous) seen.add(brk.id);
    const prev = previous?.get(brk.id);
    const firstSeen = prev?.firstSeen !== undefined && prev.firstSeen <= runDate ? prev.firstSeen : runDate;
    const age = brk.ageDate !== undefined ? runDate - brk.ageDate : undefined;
    const ageSinceFirstSeen = runDate - firstSeen;
    rows.push({
      id: brk.id,
      // Back after being listed as resolved: it was not there last run, so it is new again, but the
      // analyst's columns and first-seen day come back with it.
      runStatus: prev && prev.runStatus !== "resolved" ? "persisting" : "new",
      brk,
      owner: prev?.owner ?? "",
      status: prev?.status || "open",
      reason: prev?.reason ?? "",
      comment: prev?.comment ?? "",
      firstSeen,
      lastSeen: runDate,
      age,
      ageSinceFirstSeen,
      bucket: bucketIn(Math.max(0, age ?? ageSinceFirstSeen), bounds, labels),
    });
  }
  if (previous) {
    for (const prev of previous.values()) {
      if (seen.has(prev.id) || prev.runStatus === "resolved") continue;
      const firstSeen = prev.firstSeen ?? runDate;
      rows.push({
        id: prev.id,
        runStatus: "resolved",
        owner: prev.owner,
        status: prev.status,
        reason: prev.reason,
        comment: prev.comment,
        firstSeen,
        lastSeen: prev.lastSeen ?? firstSeen,
        ageSinceFirstSeen: runDate - firstSeen,
        bucket: "",
        previous: prev,
      });
    }
  }
  return rows;
}
