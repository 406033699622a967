/**
 * `bo recon`: a reconciliation profile run on files. Reads the two sides (and the security master and
 * the previous Breaks sheet when given) through the file adapter, runs the same workflow as the task
 * pane (runRecon: load, reconcile, carry the analyst's columns forward, render), saves a new workbook
 * with the Breaks and Summary sheets and, with --json, the documented JSON result.
 *
 * Exit codes: 0 when the run completed (breaks are findings, not failures), 2 for a usage error
 * (options, or a profile that cannot be read or does not meet the schema: nothing was read), 1 when
 * the run failed on its inputs (a file not found, a side that cannot be read), with every reason
 * naming the sheet or file, row and column. Nothing is written unless the run completes.
 */
import { once } from "node:events";
import { createWriteStream, promises as fs } from "node:fs";
import * as path from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { dayFromCivil, formatIso, parseIso, type Day } from "../core/dates/civil";
import { ExcelError, InputError, columnLetter } from "../core/errors";
import { defaultProfile } from "../core/recon/kinds";
import type { ReconProfile, SideConfig } from "../core/recon/profile";
import type { Worker } from "node:worker_threads";
import { COLUMNAR_BYTES, FileWorkbook, parseSourceSpec } from "../io/file/file-workbook";
import type { Grid, SourceRef, WorkbookPort } from "../io/port";
import { jsonPieces } from "../io/json-pieces";
import { resultToJson } from "../io/recon/json";
import { ProfileError, parseProfile } from "../io/recon/profile-store";
import type { LinkTarget, SourceLinks } from "../io/recon/render";
import {
  ReconInputError,
  runRecon,
  sourceRefOf,
  type RunReconResult,
  type SideLoad,
  type SideLoadRequest,
} from "../io/recon/workflow";
import { progressBar } from "./progress";
import { startSideWorker, workerFile, type SideHead } from "./side-worker";

export const RECON_HELP = `  bo recon --profile P.json [--left FILE[#Sheet]] [--right FILE[#Sheet]] --out OUT.xlsx [options]
  bo recon --kind trade|position|cash --left FILE[#Sheet] --right FILE[#Sheet] --out OUT.xlsx [options]
      Reconcile two sides with a profile (docs/recon-profile.md): passes, tolerances, break codes.
      Writes a workbook with Breaks and Summary sheets and prints a summary. Breaks are findings:
      the exit code is 0 whenever the run completes.
      --profile P.json        the profile; its side and master files are relative to P.json's folder
      --kind K                without --profile: the built-in default profile for K, its columns
                              proposed from the headers (the mapping used is printed)
      --left/--right SPEC     override the profile's sides ("books.xlsx#Trades", "custodian.csv")
      --master SPEC           security master (ISIN with CUSIP/SEDOL/Ticker columns) for the cross-walk
      --out OUT.xlsx          output workbook (required)
      --json OUT.json         also write the result as JSON (format in docs/recon-profile.md)
      --previous PREV.xlsx    last run's output: owner, status, reason and comment carry forward;
                              breaks are marked new, persisting or resolved
      --run-date YYYY-MM-DD   the day breaks are aged to (default today); fix it for reproducible runs
      --timings               print where the time went (each step's wall time, CPU time, peak
                              memory) to stderr after the run
      --key H --value H [--tolerance T] [--left-label L --right-label R]
                              shortcut without a profile: one 1:1 pass on column H (--left-key/
                              --right-key when the headers differ), comparing one number column
                              (--left-value/--right-value) within an absolute tolerance (default 0)
`;

/** A mistake in the command line or the profile: nothing was read, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

interface ReconArgs {
  profile?: string;
  kind?: string;
  left?: string;
  right?: string;
  master?: string;
  out?: string;
  json?: string;
  previous?: string;
  runDate?: string;
  key?: string;
  value?: string;
  leftKey?: string;
  rightKey?: string;
  leftValue?: string;
  rightValue?: string;
  leftLabel?: string;
  rightLabel?: string;
  tolerance?: string;
  timings?: boolean;
}

function parse(argv: string[]): ReconArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        profile: { type: "string" },
        kind: { type: "string" },
        left: { type: "string" },
        right: { type: "string" },
        master: { type: "string" },
        out: { type: "string" },
        json: { type: "string" },
        previous: { type: "string" },
        "run-date": { type: "string" },
        key: { type: "string" },
        value: { type: "string" },
        "left-key": { type: "string" },
        "right-key": { type: "string" },
        "left-value": { type: "string" },
        "right-value": { type: "string" },
        "left-label": { type: "string" },
        "right-label": { type: "string" },
        tolerance: { type: "string" },
        timings: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const s = (k: string) => values[k] as string | undefined;
  return {
    profile: s("profile"),
    kind: s("kind"),
    left: s("left"),
    right: s("right"),
    master: s("master"),
    out: s("out"),
    json: s("json"),
    previous: s("previous"),
    runDate: s("run-date"),
    key: s("key"),
    value: s("value"),
    leftKey: s("left-key"),
    rightKey: s("right-key"),
    leftValue: s("left-value"),
    rightValue: s("right-value"),
    leftLabel: s("left-label"),
    rightLabel: s("right-label"),
    tolerance: s("tolerance"),
    timings: values.timings === true,
  };
}

/** Today's calendar date where the user is: the day an analyst means by "today". */
function today(): Day {
  const d = new Date();
  return dayFromCivil(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** A side's file made relative to the profile's folder, so a profile and its files move together. */
function rebaseSide(side: SideConfig, dir: string): SideConfig {
  const file = side.source?.file;
  if (file === undefined || path.isAbsolute(file)) return side;
  return { ...side, source: { ...side.source, file: path.join(dir, file) } };
}

/**
 * The --key/--value shortcut (the first CLI's options) as a one-pass custom profile: rows paired 1:1
 * on the key, one number compared within an absolute tolerance. Duplicate keys are DUPLICATE breaks.
 */
function shortcutProfile(a: ReconArgs): ReconProfile {
  const leftKey = a.leftKey ?? a.key;
  const rightKey = a.rightKey ?? a.key;
  const leftValue = a.leftValue ?? a.value;
  const rightValue = a.rightValue ?? a.value;
  if (!leftKey || !rightKey)
    throw new UsageError("recon: --key (or --left-key and --right-key) is required without --profile or --kind");
  const tolerance = a.tolerance ?? "0";
  if (!/^\d+(\.\d+)?$/.test(tolerance))
    throw new UsageError(`recon: --tolerance expects a non-negative decimal such as 0.01, found '${tolerance}'`);
  const mapping = (key: string, value: string | undefined): Record<string, string> =>
    value ? { ref: key, amount: value } : { ref: key };
  return {
    version: 1,
    kind: "custom",
    name: "Reconciliation",
    left: { label: a.leftLabel ?? "Books", mapping: mapping(leftKey, leftValue) },
    right: { label: a.rightLabel ?? "Custodian", mapping: mapping(rightKey, rightValue) },
    normalise: { trim: true, case: "none" },
    passes: [
      {
        name: "key",
        keys: ["ref"],
        cardinality: "1:1",
        compare: leftValue && rightValue ? [{ field: "amount", kind: "absolute", tolerance }] : [],
        onMismatch: "break",
      },
    ],
  };
}

async function loadProfile(a: ReconArgs): Promise<{ profile: ReconProfile; autoMap: boolean }> {
  const shortcut = a.key !== undefined || a.leftKey !== undefined || a.rightKey !== undefined || a.value !== undefined;
  if (a.profile !== undefined && a.kind !== undefined)
    throw new UsageError("recon: give --profile or --kind, not both");
  if (shortcut && (a.profile !== undefined || a.kind !== undefined))
    throw new UsageError("recon: --key/--value is a shortcut for a one-pass profile; not with --profile or --kind");
  if (a.profile !== undefined) {
    let text: string;
    try {
      text = await fs.readFile(a.profile, "utf8");
    } catch (e) {
      throw new UsageError(
        `recon: cannot read the profile ${a.profile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    let profile: ReconProfile;
    try {
      profile = parseProfile(text, a.profile);
    } catch (e) {
      if (e instanceof ProfileError) throw new UsageError(e.message);
      throw e;
    }
    const dir = path.dirname(a.profile);
    profile = { ...profile, left: rebaseSide(profile.left, dir), right: rebaseSide(profile.right, dir) };
    const master = profile.crosswalk?.master;
    if (master?.file !== undefined && !path.isAbsolute(master.file))
      profile = {
        ...profile,
        crosswalk: { ...profile.crosswalk, master: { ...master, file: path.join(dir, master.file) } },
      };
    if (a.leftLabel) profile.left = { ...profile.left, label: a.leftLabel };
    if (a.rightLabel) profile.right = { ...profile.right, label: a.rightLabel };
    return { profile, autoMap: false };
  }
  if (a.kind !== undefined) {
    if (a.kind !== "trade" && a.kind !== "position" && a.kind !== "cash")
      throw new UsageError(`recon: --kind expects trade, position or cash, found '${a.kind}'`);
    return { profile: defaultProfile(a.kind, { left: a.leftLabel, right: a.rightLabel }), autoMap: true };
  }
  if (shortcut) return { profile: shortcutProfile(a), autoMap: false };
  throw new UsageError("recon: give --profile P.json, or --kind trade|position|cash (see bo --help)");
}

/**
 * The file port, noting which sheet each source read resolved to ("book.xlsx" alone reads its first
 * sheet), so the Breaks sheet's links can name it. The link targets are filled in as the sides are
 * read; runRecon renders (and so reads them) only after both reads.
 */
class LinkingPort implements WorkbookPort {
  /** The first rows of each side read (the header is among them), to name columns by letter afterwards. */
  readonly heads = new Map<string, SideHead>();
  constructor(
    private readonly inner: FileWorkbook,
    private readonly targets: Map<string, LinkTarget>,
  ) {}
  listSources() {
    return this.inner.listSources();
  }
  async read(ref: SourceRef): Promise<Grid> {
    const grid = await this.inner.read(ref);
    if (ref.sheet !== undefined)
      this.noteRead(ref.sheet, { sheet: grid.sheet, top: grid.top, left: grid.left, rows: grid.values.slice(0, 40) });
    return grid;
  }
  /** A source read here or elsewhere (a load worker): its sheet for the links, its first rows. */
  noteRead(spec: string, head: SideHead): void {
    const t = this.targets.get(spec);
    if (t) t.sheet = head.sheet;
    this.heads.set(spec, head);
  }
  writeSheet(...args: Parameters<WorkbookPort["writeSheet"]>) {
    return this.inner.writeSheet(...args);
  }
}

/**
 * Rows that no pass could ever consider: for every matching pass, one of its key fields is blank on
 * the row (the engine leaves such rows in the pool, docs/recon-engine.md "Passes", and they end as
 * MISSING_x). A blank key is a data problem the user must fix, so it is reported as an input error
 * naming the sheet, row and column of the first blank key, not only as a missing row.
 */
export function blankKeyErrors(
  run: RunReconResult,
  profile: ReconProfile,
  heads: { left?: SideHead; right?: SideHead },
): InputError[] {
  const passes = profile.passes.filter((p) => !p.scored && !p.subsetSum && p.keys.length > 0);
  if (passes.length === 0) return [];
  const out: InputError[] = [];
  for (const row of run.breakRows) {
    const b = row.brk;
    if (!b || b.codes.length !== 1 || (b.codes[0] !== "MISSING_LEFT" && b.codes[0] !== "MISSING_RIGHT")) continue;
    // Only the keys the break shows are known; a key it does not show is taken as present.
    const blankIn = passes.map((p) => p.keys.find((k) => k in b.keys && (b.keys[k] ?? "").trim() === ""));
    if (blankIn.some((k) => k === undefined)) continue;
    const side = b.codes[0] === "MISSING_RIGHT" ? "left" : "right";
    const field = blankIn[0]!;
    const label = side === "left" ? profile.left.label : profile.right.label;
    const header = run.mappings[side][field];
    const head = heads[side];
    let letter: string | undefined;
    if (head && header !== undefined) {
      const hr = head.rows[run.sides[side].headerRow - head.top];
      const c = hr ? hr.findIndex((v) => String(v ?? "").trim() === header.trim()) : -1;
      if (c >= 0) letter = columnLetter(head.left + c);
    }
    const rows = side === "left" ? b.leftRows : b.rightRows;
    for (const r of rows)
      out.push(
        new InputError(
          "blank",
          { sheet: head?.sheet ?? label, row: r, column: header, columnLetter: letter },
          `${label}: the key '${field}' is blank, so no pass could pair this row (${passes.map((p) => p.name).join(", ")}); it is listed as ${b.codes[0]}`,
        ),
      );
  }
  return out;
}

function linkTarget(spec: string, out: string): LinkTarget {
  const { file } = parseSourceSpec(spec);
  const rel = path
    .relative(path.dirname(path.resolve(out)), path.resolve(file))
    .split(path.sep)
    .join("/");
  return { sheet: "", file: rel, addressable: !/\.(csv|txt|tsv)$/i.test(file) };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The printed summary: rows per side, matches per pass, breaks by code, conservation, input errors. */
export function summaryText(
  run: RunReconResult,
  profile: ReconProfile,
  sources: { left: string; right: string },
  runDate: Day,
  extraErrors: InputError[] = [],
): string {
  const { result, breakRows } = run;
  const errors = [...run.errors, ...extraErrors];
  const s = result.summary;
  const L = s.left.label;
  const R = s.right.label;
  const lines: string[] = [];
  lines.push(`${profile.name} (${profile.kind}), run date ${formatIso(runDate)}`);
  const w = Math.max(L.length, R.length);
  const sideLine = (label: string, src: string, side: RunReconResult["sides"]["left"]) =>
    `  ${label.padEnd(w)}  ${side.rows} rows from ${src} (header row ${side.headerRow}${side.blankRows > 0 ? `, ${side.blankRows} blank row${side.blankRows === 1 ? "" : "s"} skipped` : ""})`;
  lines.push(sideLine(L, sources.left, run.sides.left));
  lines.push(sideLine(R, sources.right, run.sides.right));
  lines.push("  Matched by pass:");
  for (const p of s.passes)
    lines.push(
      `    ${p.name}: ${p.matchedLeft} ${L} rows with ${p.matchedRight} ${R} rows (${pct(p.rateLeft)} / ${pct(p.rateRight)} of the rows entering it)`,
    );
  const current = breakRows.filter((b) => b.brk !== undefined);
  const codes = Object.entries(s.breaksByCode).map(([c, n]) => `${c} ${n}`);
  lines.push(`  Breaks: ${current.length}${codes.length > 0 ? ` (by code: ${codes.join(", ")})` : ""}`);
  const count = (st: string) => breakRows.filter((b) => b.runStatus === st).length;
  lines.push(
    `    new ${count("new")}, persisting ${count("persisting")}, resolved since the last run ${count("resolved")}`,
  );
  if (s.suggestions > 0) lines.push(`  Suggestions (never matched automatically): ${s.suggestions}`);
  if (result.excluded.length > 0) {
    const by = new Map<string, number>();
    for (const e of result.excluded) {
      const k = `${e.side === "left" ? L : R}: ${e.reason}`;
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    lines.push(`  Excluded: ${[...by].map(([k, n]) => `${k} (${n})`).join("; ")}`);
  }
  const c = s.conservation;
  const cons = (label: string, side: typeof s.left, rowsIn: number, rowsOut: number) =>
    `${label} ${rowsIn} in = ${side.matched} matched + ${side.inBreaks} in breaks + ${side.excluded} excluded = ${rowsOut} out`;
  lines.push(
    `  Conservation ${c.holds ? "holds" : "DOES NOT HOLD"}: ${cons(L, s.left, c.leftIn, c.leftOut)}; ${cons(R, s.right, c.rightIn, c.rightOut)}`,
  );
  for (const wmsg of run.warnings) lines.push(`  Note: ${wmsg}`);
  if (errors.length > 0) {
    lines.push(`  Input errors: ${errors.length} (those rows are in the Breaks sheet; every other row was reconciled)`);
    for (const e of errors.slice(0, 10)) lines.push(`    ${e.message}`);
    if (errors.length > 10) lines.push(`    ${errors.length - 10} more in the Breaks sheet`);
  }
  return lines.join("\n") + "\n";
}

export interface ReconIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
}

/** Runs `bo recon` and resolves to its exit code (0 done, 1 failed on input, 2 usage). */
export async function cmdRecon(
  argv: string[],
  io: ReconIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const err = (m: string) => io.stderr.write(`bo: ${m}\n`);
  let a: ReconArgs;
  let profile: ReconProfile;
  let autoMap: boolean;
  let runDate: Day;
  try {
    a = parse(argv);
    if (!a.out) throw new UsageError("recon: --out OUT.xlsx is required");
    if (!/\.xlsx$/i.test(a.out)) throw new UsageError(`recon: --out must name an .xlsx file, found '${a.out}'`);
    if (a.runDate !== undefined) {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(a.runDate) ? parseIso(a.runDate) : undefined;
      if (d === undefined) throw new UsageError(`recon: --run-date expects a date YYYY-MM-DD, found '${a.runDate}'`);
      runDate = d;
    } else runDate = today();
    ({ profile, autoMap } = await loadProfile(a));
    if (!a.left && !profile.left.source)
      throw new UsageError(`recon: --left is required (the profile does not say where ${profile.left.label} is)`);
    if (!a.right && !profile.right.source)
      throw new UsageError(`recon: --right is required (the profile does not say where ${profile.right.label} is)`);
  } catch (e) {
    if (e instanceof UsageError) {
      err(e.message);
      return 2;
    }
    throw e;
  }

  const out = a.out!;
  const file = new FileWorkbook();
  const leftSpec = a.left ?? sourceRefOf(profile.left).sheet!;
  const rightSpec = a.right ?? sourceRefOf(profile.right).sheet!;
  const links: SourceLinks = { left: linkTarget(leftSpec, out), right: linkTarget(rightSpec, out) };
  const targets = new Map<string, LinkTarget>([
    [leftSpec, links.left!],
    [rightSpec, links.right!],
  ]);
  if (leftSpec === rightSpec) {
    err(`recon: both sides read ${leftSpec}; give the other side with --left or --right`);
    return 2;
  }
  const port = new LinkingPort(file, targets);
  const bar = progressBar(io.stderr);
  const clock = a.timings ? stepClock() : undefined;
  const workers: Worker[] = [];
  try {
    // The worker (when there is one) starts first: its thread starts while the master is read here.
    const loadSide = await sideLoader(leftSpec, rightSpec, port, workers);
    let master: Grid | undefined;
    if (a.master) master = await file.read({ sheet: a.master });
    // Read once the sides are handed out, so a worker loads its side meanwhile. Our own output's
    // sheet is "Breaks" unless a sheet is named.
    const prev = a.previous;
    const previous = prev
      ? () => file.readStreamed({ sheet: parseSourceSpec(prev).sheet ? prev : `${prev}#Breaks` })
      : undefined;
    const run = await runRecon(port, profile, {
      leftRef: { sheet: leftSpec },
      rightRef: { sheet: rightSpec },
      previous,
      master,
      runDate,
      progress: (f, m) => {
        clock?.step(m);
        bar.update(f, m);
      },
      links,
      autoMap,
      loadSide,
    });
    bar.update(1, `Saving ${path.basename(out)}`);
    clock?.step(`Saving ${path.basename(out)}`);
    await file.save(out);
    clock?.step("Saved");
    if (a.json) {
      await fs.mkdir(path.dirname(path.resolve(a.json)), { recursive: true });
      await writeJson(a.json, resultToJson(run.result, run.breakRows, { runDate }));
    }
    bar.done();
    if (clock) io.stderr.write(clock.report());
    const blank = blankKeyErrors(run, profile, { left: port.heads.get(leftSpec), right: port.heads.get(rightSpec) });
    io.stdout.write(summaryText(run, profile, { left: leftSpec, right: rightSpec }, runDate, blank));
    io.stdout.write(
      `Wrote ${out} (sheets ${run.sheets.breaks}, ${run.sheets.summary})${a.json ? ` and ${a.json}` : ""}\n`,
    );
    return 0;
  } catch (e) {
    bar.done();
    if (e instanceof ReconInputError) {
      err(
        `recon failed: ${e.errors.length === 1 ? "a side could not be read" : `${e.errors.length} problems`}; nothing was written`,
      );
      for (const x of e.errors) io.stderr.write(`  ${x.message}\n`);
      return 1;
    }
    if (e instanceof InputError || e instanceof ExcelError) {
      err(`recon failed: ${e.message}; nothing was written`);
      return 1;
    }
    throw e;
  } finally {
    // A worker still loading when the run stopped early would keep the process alive.
    for (const w of workers) void w.terminate();
  }
}

/**
 * JSON.stringify(value, null, 2) and a newline into a file, written as it is made (json-pieces.ts),
 * a megabyte at a time: at 1M rows the document is 165 MB.
 */
async function writeJson(file: string, value: unknown): Promise<void> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => undefined);
  let text = "";
  for (const piece of jsonPieces(value)) {
    text += piece;
    if (text.length < 1 << 20) continue;
    if (!out.write(text)) await Promise.race([once(out, "drain"), failed]);
    text = "";
  }
  out.end(`${text}\n`);
  await Promise.race([finished(out), failed]);
}

async function fileSize(spec: string): Promise<number | undefined> {
  try {
    return (await fs.stat(parseSourceSpec(spec).file)).size;
  } catch {
    return undefined;
  }
}

/**
 * One side is read and loaded on a worker thread while this thread loads the other, when both files
 * are 1 MB or more (below that a worker's start costs more than it saves) and the bundled worker is
 * there. The worker takes the smaller file: handing the side back comes on top of its loading. It is
 * started here, before the security master and the previous run's breaks are read, so that its own
 * start (60-80 ms) is not on the way. BO_LOAD_WORKERS=0 turns it off; the results are the same either way.
 */
async function sideLoader(
  leftSpec: string,
  rightSpec: string,
  port: LinkingPort,
  workers: Worker[],
): Promise<((req: SideLoadRequest) => Promise<SideLoad> | undefined) | undefined> {
  if (process.env.BO_LOAD_WORKERS === "0") return undefined;
  const file = workerFile();
  if (file === undefined) return undefined;
  const [l, r] = await Promise.all([fileSize(leftSpec), fileSize(rightSpec)]);
  if (l === undefined || r === undefined || l < COLUMNAR_BYTES || r < COLUMNAR_BYTES) return undefined;
  const name = l <= r ? "left" : "right";
  const spec = name === "left" ? leftSpec : rightSpec;
  const load = startSideWorker(file, (w) => workers.push(w));
  return (req) => (req.name === name ? load(req, (head) => port.noteRead(spec, head)) : undefined);
}

/**
 * `--timings`: the wall time of each step of the run (a step starts when the progress message
 * changes), the process's CPU time (both threads, user + system) and its peak memory. For finding
 * where a slow run spends its time; docs/bench.md uses it.
 */
function stepClock(): { step(message: string): void; report(): string } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const steps: { message: string; at: number }[] = [];
  return {
    step(message) {
      // Progress within a step ("Matching 40%") keeps its step; a new message starts the next.
      if (steps.length > 0 && steps[steps.length - 1].message === message) return;
      steps.push({ message, at: performance.now() });
    },
    report() {
      const end = performance.now();
      const total = process.cpuUsage();
      const cpu = process.cpuUsage(cpu0);
      const lines = steps.map((s, i) => {
        const next = i + 1 < steps.length ? steps[i + 1].at : end;
        return `  ${(s.at / 1000).toFixed(2).padStart(6)} s  +${((next - s.at) / 1000).toFixed(2)} s  ${s.message}`;
      });
      return [
        "Timings (since the command started):",
        ...lines,
        `  ${(end / 1000).toFixed(2)} s wall since the process started (${(t0 / 1000).toFixed(2)} s before the first step), CPU ${((total.user + total.system) / 1e6).toFixed(2)} s (${((cpu.user + cpu.system) / 1e6).toFixed(2)} s in the steps), peak memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
        "",
      ].join("\n");
    },
  };
}
