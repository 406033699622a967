/**
 * A reconciliation run over any WorkbookPort (the add-in's Office.js adapter or the CLI's file
 * adapter): read both sides (and the security master and the previous Breaks sheet), load them,
 * reconcile with the engine, carry the analyst's columns forward, render, and only then write the
 * Breaks and Summary sheets. A failure or a cancel before the writes leaves the workbook untouched.
 */
import type { Day } from "../../core/dates/civil";
import { InputError } from "../../core/errors";
import { buildCrosswalk, type Crosswalk, type SecurityRow } from "../../core/ids";
import { reconcile } from "../../core/recon/engine";
import { STANDARD_FIELDS } from "../../core/recon/kinds";
import type { FieldDef, NormaliseConfig, ReconProfile, ReconResult, SideConfig } from "../../core/recon/profile";
import type { RecordSet } from "../../core/recon/records";
import type { Grid, Progress, SourceRef, WorkbookPort } from "../port";
import { FieldSpec, locateHeader, mapColumns } from "../table";
import { LoadResult, loadRecordSet } from "./load";
import { proposeSideMapping } from "./mapping";
import { BreakRow, PreviousBreak, carryForward, readPreviousBreaks } from "./memory";
import { CategoryTotals, SideLabels, SourceLinks, primaryCategory, renderBreaks, renderSummary } from "./render";

export interface RunReconOptions {
  /** Override the profile's sources (the CLI's --left/--right; file specs go in `sheet`). */
  leftRef?: SourceRef;
  rightRef?: SourceRef;
  /**
   * The previous Breaks sheet: a Grid, a reader of it (CLI --previous: read once the sides are
   * handed to loadSide, so that a worker loads meanwhile; its errors stop the run as a read error
   * does), or read from this workbook (the add-in).
   */
  previous?: Grid | (() => Promise<Grid>) | "from-workbook";
  /** The security master, already read (the CLI); otherwise read through the port from profile.crosswalk.master. */
  master?: Grid;
  runDate: Day;
  progress?: Progress;
  signal?: AbortSignal;
  /** Field definitions (types, labels); default: the profile kind's standard fields. */
  fields?: FieldDef[];
  /**
   * Where the Breaks sheet's row links point: "in-workbook" (default: the sources' sheets in the
   * workbook written to, as in the add-in), explicit targets (the CLI: the input files), or none.
   */
  links?: "in-workbook" | "none" | SourceLinks;
  sheetNames?: { breaks?: string; summary?: string };
  /**
   * A side whose profile mapping is empty gets the mapping proposed from its headers (proposeSideMapping)
   * instead of failing; what was used is returned in `mappings` and said in `warnings`. Off by default:
   * the pane shows proposals for review, the CLI turns this on for default profiles.
   */
  autoMap?: boolean;
  /**
   * Reads and loads a side somewhere else (the CLI: a worker thread, so that the two sides load on
   * two cores), or returns undefined to have it read and loaded here. Called for both sides before
   * either is loaded here; the request is plain data. Without it (the add-in) both load here.
   */
  loadSide?: (request: SideLoadRequest) => Promise<SideLoad> | undefined;
}

/** Everything reading and loading one side needs, as plain data (it may be sent to a worker thread). */
export interface SideLoadRequest {
  name: "left" | "right";
  ref: SourceRef;
  /** The profile's side, before any mapping proposed under autoMap. */
  side: SideConfig;
  fields: FieldDef[];
  autoMap: boolean;
  normalise?: NormaliseConfig;
  /** The security master's rows the cross-walk is built from (none: derivation only); absent: no cross-walk. */
  crosswalk?: { rows: SecurityRow[]; source?: string };
  crosswalkFields?: string[];
  requiredFields: string[];
  sideTable: "trade" | "cash" | "both";
}

/** One side read and loaded. */
export interface SideLoad {
  /** The grid's sheet name (links) and date system (rendering). */
  sheet: string;
  dateSystem: Grid["dateSystem"];
  /** The side as loaded: the profile's, or with the mapping proposed under autoMap. */
  side: SideConfig;
  warnings: string[];
  load: LoadResult;
}

export interface RunReconResult {
  result: ReconResult;
  breakRows: BreakRow[];
  /** Names actually written (a user's own "Breaks" sheet makes ours "Breaks (2)"). */
  sheets: { breaks: string; summary: string };
  /** Every input problem (bad cells, an unreadable previous sheet), in the order found. */
  errors: InputError[];
  warnings: string[];
  /** The column mapping each side was read with (the profile's, or the proposed one under autoMap). */
  mappings: { left: Record<string, string>; right: Record<string, string> };
  /** Per side: header row and blank rows skipped, for the pane and the CLI to show. */
  sides: {
    left: { headerRow: number; blankRows: number; rows: number };
    right: { headerRow: number; blankRows: number; rows: number };
  };
}

/** A side could not be read at all; nothing was written. `errors` says why, each naming sheet, row and column. */
export class ReconInputError extends Error {
  constructor(public readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "ReconInputError";
  }
}

function abortIfCancelled(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error) throw reason;
  const e = new Error("reconciliation cancelled");
  e.name = "AbortError";
  throw e;
}

/** Field types and labels: the kind's fields, and for a custom kind every kind's fields by name. */
export function fieldsFor(profile: ReconProfile): FieldDef[] {
  if (profile.kind !== "custom") return STANDARD_FIELDS[profile.kind];
  const byName = new Map<string, FieldDef>();
  for (const kind of ["trade", "position", "cash"] as const)
    for (const f of STANDARD_FIELDS[kind]) if (!byName.has(f.name)) byName.set(f.name, f);
  return [...byName.values()];
}

export function sourceRefOf(side: SideConfig): SourceRef {
  const s = side.source ?? {};
  if (s.table) return { table: s.table };
  if (s.file) return { sheet: s.sheet ? `${s.file}#${s.sheet}` : s.file };
  if (s.sheet) return s.address ? { sheet: s.sheet, address: s.address } : { sheet: s.sheet };
  throw new InputError(
    "invalid",
    { sheet: side.label },
    `${side.label}: the profile does not say where this side's data is (a table, a sheet or a file)`,
  );
}

/** Fields a side must map: the break-id fields (the first matching pass's keys unless the profile names others). */
export function requiredFields(profile: ReconProfile): string[] {
  return profile.breakIdFields ?? profile.passes.find((p) => !p.scored && !p.subsetSum)?.keys ?? [];
}

const MASTER_SPECS: FieldSpec[] = [
  { field: "isin", label: "ISIN", aliases: [], type: "text", required: false },
  { field: "cusip", label: "CUSIP", aliases: [], type: "text", required: false },
  { field: "sedol", label: "SEDOL", aliases: [], type: "text", required: false },
  { field: "ticker", label: "Ticker", aliases: ["Symbol", "Bloomberg Ticker"], type: "text", required: false },
  { field: "figi", label: "FIGI", aliases: [], type: "text", required: false },
  {
    field: "name",
    label: "Name",
    aliases: ["Security Name", "Security", "Description"],
    type: "text",
    required: false,
  },
];

/** Security-master rows from a grid with ISIN and any of CUSIP, SEDOL, Ticker, FIGI columns. */
export function masterRows(grid: Grid, errors: InputError[]): SecurityRow[] {
  const h = locateHeader(grid, MASTER_SPECS);
  if (h instanceof InputError) {
    errors.push(h);
    return [];
  }
  const m = mapColumns(grid, h.index, MASTER_SPECS);
  errors.push(...m.errors);
  const rows: SecurityRow[] = [];
  for (let r = h.index + 1; r < grid.values.length; r++) {
    const row: SecurityRow = { row: grid.top + r };
    let any = false;
    for (const [field, c] of Object.entries(m.mapping)) {
      const v = grid.values[r][c];
      if (v === null || v === undefined || String(v).trim() === "") continue;
      (row as unknown as Record<string, string>)[field] = String(v).trim();
      any = true;
    }
    if (any) rows.push(row);
  }
  return rows;
}

async function readPrevious(
  port: WorkbookPort,
  previous: RunReconOptions["previous"],
  breaksName: string,
  errors: InputError[],
): Promise<Map<string, PreviousBreak> | undefined> {
  if (previous === undefined) return undefined;
  if (previous !== "from-workbook") {
    const grid = typeof previous === "function" ? await previous() : previous;
    try {
      return readPreviousBreaks(grid);
    } catch (e) {
      if (e instanceof InputError) errors.push(e);
      else throw e;
      return undefined;
    }
  }
  // Ours may be "Breaks (2)" when the user has a sheet called Breaks: try each in order.
  const { sheets } = await port.listSources();
  const lower = breaksName.toLowerCase();
  const candidates = sheets.filter(
    (s) => s.toLowerCase() === lower || new RegExp(`^${escapeRegExp(lower)} \\(\\d+\\)$`).test(s.toLowerCase()),
  );
  candidates.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  let first: InputError | undefined;
  for (const sheet of candidates) {
    const grid = await port.read({ sheet });
    try {
      return readPreviousBreaks(grid);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      first ??= e;
    }
  }
  if (first) errors.push(first);
  return undefined;
}

/**
 * Maps (under autoMap) and loads one side from its grid. The same function runs here and in the
 * CLI's load worker, so a side loaded on another thread is the same as one loaded here.
 */
export function loadSideFromGrid(grid: Grid, req: SideLoadRequest, crosswalk: Crosswalk | undefined): SideLoad {
  const warnings: string[] = [];
  let side = req.side;
  if (req.autoMap && Object.keys(side.mapping).length === 0) {
    const p = proposeSideMapping(grid, req.fields);
    if (!(p instanceof InputError)) {
      const used = Object.entries(p.mapping).map(([f, h]) => `${f} <- '${h}'`);
      warnings.push(
        `${side.label}: the profile maps no columns; used the mapping proposed from header row ${p.headerRow}: ${used.join(", ") || "none"}`,
      );
      for (const a of p.ambiguous)
        warnings.push(
          `${side.label}: '${a.field}' fits ${a.headers.map((h) => `'${h}'`).join(" and ")}; left unmapped, choose one in the profile`,
        );
      side = { ...side, mapping: p.mapping };
    }
  }
  const load = loadRecordSet(grid, side, req.name, req.fields, {
    normalise: req.normalise,
    crosswalk,
    crosswalkFields: req.crosswalkFields,
    requiredFields: req.requiredFields,
    sideTable: req.sideTable,
  });
  return { sheet: grid.sheet, dateSystem: grid.dateSystem, side, warnings, load };
}

/** The cross-walk a request describes, built again (where the request was sent to). */
export function crosswalkOf(req: SideLoadRequest): Crosswalk | undefined {
  return req.crosswalk ? buildCrosswalk(req.crosswalk.rows, { source: req.crosswalk.source }) : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** See the module comment. Throws ReconInputError when a side cannot be read; nothing is written then. */
export async function runRecon(
  port: WorkbookPort,
  profile: ReconProfile,
  opts: RunReconOptions,
): Promise<RunReconResult> {
  const progress: Progress = opts.progress ?? (() => undefined);
  const signal = opts.signal;
  const errors: InputError[] = [];
  const breaksName = opts.sheetNames?.breaks ?? "Breaks";
  const summaryName = opts.sheetNames?.summary ?? "Summary";
  const fields = opts.fields ?? fieldsFor(profile);

  const hook = opts.loadSide;
  const refs = {
    left: opts.leftRef ?? sourceRefOf(profile.left),
    right: opts.rightRef ?? sourceRefOf(profile.right),
  };

  // 1. Read. Without a hook both sides are read first (a side that cannot be read stops the run
  // before any loading); with one, each side is read where it is loaded (step 2).
  const grids: { left?: Grid; right?: Grid } = {};
  if (!hook) {
    abortIfCancelled(signal);
    progress(0, `Reading ${profile.left.label}`);
    grids.left = await port.read(refs.left);
    abortIfCancelled(signal);
    progress(0.15, `Reading ${profile.right.label}`);
    grids.right = await port.read(refs.right);
  }
  abortIfCancelled(signal);

  let crosswalk: Crosswalk | undefined;
  let crosswalkRows: SideLoadRequest["crosswalk"];
  const cw = profile.crosswalk;
  let masterGrid = opts.master;
  if (masterGrid === undefined && cw?.master) {
    const m = cw.master;
    masterGrid = await port.read(
      m.table ? { table: m.table } : { sheet: m.file ? (m.sheet ? `${m.file}#${m.sheet}` : m.file) : m.sheet },
    );
  }
  if (masterGrid !== undefined) {
    crosswalkRows = { rows: masterRows(masterGrid, errors), source: masterGrid.sheet };
    const c = buildCrosswalk(crosswalkRows.rows, { source: crosswalkRows.source });
    errors.push(...c.problems);
    crosswalk = c;
  } else if (cw?.derive !== false) {
    crosswalkRows = { rows: [] };
    crosswalk = buildCrosswalk([]);
  }

  // 2. Load (sides handed to the hook start now, while the previous run's breaks are read here).
  const request = (name: "left" | "right"): SideLoadRequest => ({
    name,
    ref: refs[name],
    side: profile[name],
    fields,
    autoMap: opts.autoMap === true,
    normalise: profile.normalise,
    crosswalk: crosswalkRows,
    crosswalkFields: crosswalk ? [cw?.field ?? "security"] : undefined,
    requiredFields: requiredFields(profile),
    sideTable: profile.kind === "cash" ? "cash" : profile.kind === "custom" ? "both" : "trade",
  });
  const elsewhere = { left: hook?.(request("left")), right: hook?.(request("right")) };
  // A side loaded here may fail first; the other's failure is then not the one reported.
  for (const p of [elsewhere.left, elsewhere.right]) p?.catch(() => undefined);
  const previous = await readPrevious(port, opts.previous, breaksName, errors);
  abortIfCancelled(signal);

  progress(0.3, "Reading cells");
  // In a function of its own so that no reference to a grid stays in this (suspended) frame: each
  // grid is let go as soon as its side is loaded, so that at 1M rows the collector is not marking
  // both all the way to the end.
  const loadHere = async (name: "left" | "right"): Promise<SideLoad> => {
    let grid = grids[name];
    grids[name] = undefined;
    if (grid === undefined) {
      progress(0.3, `Reading ${profile[name].label}`);
      grid = await port.read(refs[name]);
      abortIfCancelled(signal);
    }
    return loadSideFromGrid(grid, request(name), crosswalk);
  };
  const loaded: { left?: SideLoad; right?: SideLoad } = {};
  for (const name of ["left", "right"] as const) if (!elsewhere[name]) loaded[name] = await loadHere(name);
  for (const name of ["left", "right"] as const) {
    const p = elsewhere[name];
    if (p) loaded[name] = await p;
  }
  const { left: leftLoad, right: rightLoad } = loaded as { left: SideLoad; right: SideLoad };
  const left = leftLoad.load;
  const right = rightLoad.load;
  const leftSide = leftLoad.side;
  const rightSide = rightLoad.side;
  const sheets = { left: leftLoad.sheet, right: rightLoad.sheet };
  const dateSystem = leftLoad.dateSystem;
  const warnings = [...leftLoad.warnings, ...rightLoad.warnings];
  if (!left.loaded || !right.loaded) {
    throw new ReconInputError([...(left.loaded ? [] : left.errors), ...(right.loaded ? [] : right.errors)]);
  }
  errors.push(...left.errors, ...right.errors);
  abortIfCancelled(signal);

  // 3. Reconcile and carry forward.
  progress(0.45, "Matching");
  const runProfile =
    leftSide === profile.left && rightSide === profile.right
      ? profile
      : { ...profile, left: leftSide, right: rightSide };
  const result = reconcile(runProfile, left.set, right.set, {
    signal,
    progress: (f, m) => progress(0.45 + 0.4 * f, m),
  });
  const breakRows = carryForward(result, previous, opts.runDate, { ageingBuckets: profile.ageingBuckets });

  // 4. Render, then write (the only step that touches the workbook).
  const labels: SideLabels = {
    left: profile.left.label,
    right: profile.right.label,
    fields: Object.fromEntries(fields.map((f) => [f.name, f.label])),
  };
  const links: SourceLinks =
    opts.links === "none"
      ? {}
      : opts.links === undefined || opts.links === "in-workbook"
        ? { left: { sheet: sheets.left }, right: { sheet: sheets.right } }
        : opts.links;
  const renderOpts = {
    categoryTotals: categoryTotals(result, left.set, right.set, labels),
    dateSystem,
    runDate: opts.runDate,
    breaksName,
    summaryName,
    inputErrors: errors.length,
  };
  const breaksSheet = renderBreaks(breakRows, result, profile, labels, links, renderOpts);
  const summarySheet = renderSummary(result, breakRows, profile, labels, renderOpts);
  abortIfCancelled(signal);
  progress(0.85, `Writing ${breaksName}`);
  const breaks = await port.writeSheet(breaksSheet, (f, m) => progress(0.85 + 0.1 * f, m));
  const summary = await port.writeSheet(summarySheet, (f, m) => progress(0.95 + 0.05 * f, m));
  progress(1, `Wrote ${breaks} and ${summary}`);
  return {
    result,
    breakRows,
    sheets: { breaks, summary },
    errors,
    warnings: [...warnings, ...(result.warnings ?? [])],
    mappings: { left: leftSide.mapping, right: rightSide.mapping },
    sides: {
      left: { headerRow: left.headerRow, blankRows: left.blankRows, rows: left.set.size },
      right: { headerRow: right.headerRow, blankRows: right.blankRows, rows: right.set.size },
    },
  };
}

/** Index of a row number in a record set (rows ascend: the loader keeps the source's order). */
function indexOfRow(set: RecordSet, row: number): number {
  // Without skipped lines a row's index is its distance from the first row: try that first.
  const guess = row - (set.size > 0 ? set.rows[0] : 0);
  if (guess >= 0 && guess < set.size && set.rows[guess] === row) return guess;
  let lo = 0;
  let hi = set.size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = set.rows[mid];
    if (r === row) return mid;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** An exact sum of scaled integers: a float64 while it stays a safe integer, carried into a BigInt beyond. */
class ExactSum {
  private fast = 0;
  private big = 0n;

  add(v: number): void {
    const t = this.fast + v;
    if (t <= Number.MAX_SAFE_INTEGER && t >= -Number.MAX_SAFE_INTEGER) this.fast = t;
    else {
      this.big += BigInt(this.fast);
      this.fast = v;
    }
  }

  get value(): bigint {
    return this.big + BigInt(this.fast);
  }
}

/**
 * Amount (else market value, else quantity) over the rows in breaks, per category and side: how much
 * money sits in each kind of break. Summed exactly (scaled integers, BigInt beyond 2^53).
 */
export function categoryTotals(
  result: ReconResult,
  left: RecordSet,
  right: RecordSet,
  labels: SideLabels,
): CategoryTotals | undefined {
  const field = ["amount", "marketValue", "quantity"].find((f) => f in left.num && f in right.num);
  if (field === undefined) return undefined;
  const sums = new Map<string, [ExactSum, ExactSum]>();
  const add = (set: RecordSet, rows: number[], sum: ExactSum) => {
    const ints = set.num[field].ints;
    for (const row of rows) {
      const i = indexOfRow(set, row);
      if (i < 0 || Number.isNaN(ints[i])) continue;
      sum.add(ints[i]);
    }
  };
  for (const b of result.breaks) {
    const cat = primaryCategory(b, labels);
    let entry = sums.get(cat);
    if (!entry) sums.set(cat, (entry = [new ExactSum(), new ExactSum()]));
    add(left, b.leftRows, entry[0]);
    add(right, b.rightRows, entry[1]);
  }
  const text = (v: bigint, scale: number) => {
    const neg = v < 0n;
    const digits = (neg ? -v : v).toString().padStart(scale + 1, "0");
    const whole = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
    return (neg ? "-" : "") + whole;
  };
  return {
    field,
    rows: [...sums.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([cat, [l, r]]) => [cat, text(l.value, left.num[field].scale), text(r.value, right.num[field].scale)]),
  };
}
