/**
 * The reconciliation engine: a profile's passes over two columnar record sets, giving a ReconResult
 * value (rendering is elsewhere). Rules, decisions and complexity: docs/recon-engine.md.
 *
 * Every record ends in exactly one place. The engine marks each record as it is assigned (a second
 * assignment is an internal error), and at the end checks that the result's lists account for every
 * record once: rows in = matched + in breaks + excluded, per side.
 */
import { calendarOf, weekendCalendar, type Calendar } from "../calendar";
import { breakId, type BreakFamily } from "./break-id";
import { closestMisses, type ClosestContext } from "./closest";
import { Comparer, FAIL, SAME } from "./compare";
import { KeyJoin } from "./join";
import { KeyTable } from "./key-table";
import { MatchListBuilder } from "./match-list";
import type {
  Break,
  BreakCode,
  ClosestMiss,
  ComparisonRule,
  Excluded,
  FieldDiff,
  PassConfig,
  PassStats,
  ReconProfile,
  ReconResult,
  SideSummary,
  Suggestion,
} from "./profile";
import { NO_DAY, type RecordSet } from "./records";
import { formatScaled, sumExact } from "./scaled";
import { BROKEN, EXCLUDED, MATCHED, POOL, canonicalValue, keyGetter, newSide, type SideState } from "./side";
import { scoredSuggestions, subsetSumSuggestions } from "./suggest";

export { breakId, breakIdKey, fnv1a64, type BreakFamily, type BreakIdParts } from "./break-id";
export { STANDARD_FIELDS, defaultProfile } from "./kinds";

export interface ReconOptions {
  /** Calendars by name for date windows (default: calendarOf(name), weekends only when unnamed). */
  calendar?: (name?: string) => Calendar;
  /** Called at the start of each pass and at the end (fraction 0..1). */
  progress?: (fraction: number, message: string) => void;
  /** Checked between passes and every 65,536 rows; an aborted run throws the signal's reason. */
  signal?: AbortSignal;
  /** Candidates examined per unmatched row for its closest miss (default 50). */
  maxCandidates?: number;
}

interface BreakRec {
  brk: Break;
  li: number[];
  ri: number[];
  family: BreakFamily;
}

const DEFAULT_SUM_FIELDS = ["quantity", "amount", "marketValue"];

/** Owner of a record in a break: breaks are numbered -3, -4, ... (matches 0, 1, ...; -1 unassigned, -2 excluded). */
const breakOwner = (b: number): number => -3 - b;

export function isMatchingPass(p: PassConfig): boolean {
  return !p.scored && !p.subsetSum;
}

/** Fields summed within a group in this pass: the pass's sumFields, or the defaults that are numbers on both sides. */
export function summedFields(p: PassConfig, left: RecordSet, right: RecordSet): Set<string> {
  const wanted = p.sumFields ?? DEFAULT_SUM_FIELDS;
  return new Set(wanted.filter((f) => left.fields[f] === "number" && right.fields[f] === "number"));
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error) throw reason;
    const e = new Error("reconciliation cancelled");
    e.name = "AbortError";
    throw e;
  }
}

function collect(head: number, next: Int32Array): number[] {
  const out: number[] = [];
  for (let i = head; i !== -1; i = next[i]) out.push(i);
  return out;
}

function idxList(sel: number | number[]): number[] {
  return typeof sel === "number" ? [sel] : sel;
}

export function reconcile(
  profile: ReconProfile,
  left: RecordSet,
  right: RecordSet,
  opts: ReconOptions = {},
): ReconResult {
  const signal = opts.signal;
  checkAbort(signal);
  const warnings: string[] = [];
  const calendars = new Map<string, Calendar>();
  const calendar = (name?: string): Calendar => {
    const key = name ?? "";
    let cal = calendars.get(key);
    if (!cal) {
      cal = opts.calendar ? opts.calendar(name) : name ? calendarOf(name) : weekendCalendar();
      calendars.set(key, cal);
    }
    return cal;
  };
  const progress = opts.progress ?? (() => undefined);
  const L = newSide(left, "left", left.label || profile.left.label);
  const R = newSide(right, "right", right.label || profile.right.label);
  // Breaks as objects (tens of thousands); matches columnar (a million: match-list.ts).
  const outcomes: BreakRec[] = [];
  const mb = new MatchListBuilder({ left: left.size, right: right.size });
  const suggestions: Suggestion[] = [];
  const passStats: PassStats[] = [];
  const matchingPasses = profile.passes.filter(isMatchingPass);
  const idFields = profile.breakIdFields ?? matchingPasses[0]?.keys ?? [];
  const fallbackIdFields = [...new Set(matchingPasses.flatMap((p) => p.keys))].filter((f) => !idFields.includes(f));
  // A group's id must not depend on the order of its rows: take the row whose id values come
  // first (left rows when there are any), then fill its blanks from the right side.
  const allIdFields = [...idFields, ...fallbackIdFields];
  const pickRow = (rs: RecordSet, idx: number[]): number => {
    if (idx.length <= 1) return idx[0] ?? -1;
    let best = idx[0];
    let bestKey = allIdFields.map((f) => canonicalValue(rs, f, best)).join("\u0000");
    for (let k = 1; k < idx.length; k++) {
      const key = allIdFields.map((f) => canonicalValue(rs, f, idx[k])).join("\u0000");
      if (key < bestKey) {
        best = idx[k];
        bestKey = key;
      }
    }
    return best;
  };
  const idValues = (fields: string[], lrow: number, rrow: number): Array<[string, string]> => {
    const values: Array<[string, string]> = [];
    for (const f of fields) {
      const v = lrow >= 0 ? canonicalValue(left, f, lrow) : "";
      values.push([f, v || (rrow >= 0 ? canonicalValue(right, f, rrow) : "")]);
    }
    return values;
  };

  const ageField =
    profile.ageFrom ??
    (left.fields.tradeDate === "date" ? "tradeDate" : left.fields.valueDate === "date" ? "valueDate" : undefined);

  const assign = (side: SideState, i: number, o: number, state: number): void => {
    if (side.owner[i] !== -1) {
      throw new Error(`internal error: ${side.name} record ${i} (row ${side.rs.rows[i]}) assigned twice`);
    }
    side.owner[i] = o;
    side.state[i] = state;
  };

  const rowsOf = (side: SideState, idx: number[]): number[] => idx.map((i) => side.rs.rows[i]);

  const addBreak = (
    family: BreakFamily,
    codes: BreakCode[],
    li: number[],
    ri: number[],
    diffs: FieldDiff[],
    detail: string,
    pass?: string,
    closestMiss?: ClosestMiss,
  ): void => {
    const o = breakOwner(outcomes.length);
    for (const i of li) assign(L, i, o, BROKEN);
    for (const i of ri) assign(R, i, o, BROKEN);
    const brk: Break = { id: "", codes, leftRows: rowsOf(L, li), rightRows: rowsOf(R, ri), keys: {}, diffs, detail };
    if (pass !== undefined) brk.pass = pass;
    if (closestMiss) brk.closestMiss = closestMiss;
    outcomes.push({ brk, li, ri, family });
  };

  // ---- exclusions and unreadable rows ---------------------------------------------------------
  const excluded: Excluded[] = [];
  for (const side of [L, R]) {
    for (const [i, reason] of [...side.rs.excluded.entries()].sort((a, b) => a[0] - b[0])) {
      side.state[i] = EXCLUDED;
      side.owner[i] = -2;
      excluded.push({ side: side.name, row: side.rs.rows[i], reason });
    }
    const problems = [...side.rs.problems.entries()].sort((a, b) => a[0] - b[0]);
    for (const [i, list] of problems) {
      if (side.state[i] === EXCLUDED) continue;
      const rowError = list.some((p) => p.code === "ROW_ERROR");
      const invalid = list.some((p) => p.code === "INVALID_ID");
      if (rowError) {
        const codes: BreakCode[] = invalid ? ["ROW_ERROR", "INVALID_ID"] : ["ROW_ERROR"];
        const idx = [i];
        addBreak(
          "existence",
          codes,
          side === L ? idx : [],
          side === R ? idx : [],
          [],
          list.map((p) => p.message).join("; "),
        );
      } else if (invalid) {
        side.invalid[i] = 1;
      }
    }
  }

  // ---- passes -----------------------------------------------------------------------------------
  let scratch: Record<"poolL" | "poolR" | "headL" | "headR" | "nextL" | "nextR", Int32Array> | undefined;
  const npasses = profile.passes.length;
  for (let pi = 0; pi < npasses; pi++) {
    const pass = profile.passes[pi];
    checkAbort(signal);
    progress(pi / (npasses + 1), `Pass ${pi + 1} of ${npasses}: ${pass.name}`);
    const where = `pass "${pass.name}"`;
    if (pass.scored) {
      for (const sug of scoredSuggestions(pass, L, R, calendar, warnings, signal)) suggestions.push(sug);
      continue;
    }
    if (pass.subsetSum) {
      for (const sug of subsetSumSuggestions(pass, L, R, calendar, warnings, signal)) suggestions.push(sug);
      continue;
    }
    const stats: PassStats = { name: pass.name, matchedLeft: 0, matchedRight: 0, rateLeft: 0, rateRight: 0 };
    passStats.push(stats);
    const lkey = keyGetter(left, pass.keys);
    const rkey = keyGetter(right, pass.keys);
    if (!lkey || !rkey) {
      const missing = pass.keys.filter((k) => !(k in (lkey ? right : left).fields));
      warnings.push(`${where} was skipped: key ${missing.join(", ")} is not mapped in ${(lkey ? R : L).label}`);
      continue;
    }
    const comparer = new Comparer(
      pass.compare,
      left,
      right,
      summedFields(pass, left, right),
      calendar,
      warnings,
      where,
    );
    runPass(pass, comparer, stats, mb.passIndex(pass.name));
  }

  function runPass(pass: PassConfig, comparer: Comparer, stats: PassStats, passIndex: number): void {
    const nL = left.size;
    const nR = right.size;
    // Grouping on integer keys (join.ts): group number per key, each group's records chained
    // through next[] in record order (filled backwards so the chain runs forwards). No object or
    // string per row. The working arrays are made once per run and reused by every pass (large
    // typed arrays made per pass had the collector run for external memory pressure).
    scratch ??= {
      poolL: new Int32Array(nL),
      poolR: new Int32Array(nR),
      headL: new Int32Array(nL + 1),
      headR: new Int32Array(nL + 1),
      nextL: new Int32Array(nL),
      nextR: new Int32Array(nR),
    };
    const { headL, headR, nextL, nextR } = scratch;
    // The rows still in the pool, in record order.
    let enteredL = 0;
    let enteredR = 0;
    for (let i = 0; i < nL; i++) if (L.state[i] === POOL) scratch.poolL[enteredL++] = i;
    for (let i = 0; i < nR; i++) if (R.state[i] === POOL) scratch.poolR[enteredR++] = i;
    const poolL = scratch.poolL.subarray(0, enteredL);
    const poolR = scratch.poolR.subarray(0, enteredR);
    const join = KeyJoin.of(left, right, pass.keys, poolL, poolR);
    if (!join) throw new Error(`internal error: pass "${pass.name}" has a key that is not mapped`);
    let groups = 0;
    for (let k = enteredL - 1; k >= 0; k--) {
      if ((k & 0xffff) === 0) checkAbort(signal);
      const g = join.add(k);
      if (g < 0) continue;
      const i = poolL[k];
      if (g === groups) {
        groups++;
        headL[g] = -1;
        headR[g] = -1;
      }
      nextL[i] = headL[g];
      headL[g] = i;
    }
    for (let q = enteredR - 1; q >= 0; q--) {
      if ((q & 0xffff) === 0) checkAbort(signal);
      const g = join.find(q);
      if (g < 0) continue;
      const i = poolR[q];
      nextR[i] = headR[g];
      headR[g] = i;
    }

    // Groups of one row a side (most of them) are first checked rule by rule all at once
    // (Comparer.sameMany: a tight loop per rule over two columns); the loop below compares in
    // full only the pairs found to differ somewhere. The pool lists are done with: they hold the
    // pairs.
    const pairL = scratch.poolL;
    const pairR = scratch.poolR;
    let pairs = 0;
    for (let g = groups - 1; g >= 0; g--) {
      const hr = headR[g];
      if (hr === -1) continue;
      const hl = headL[g];
      if (nextL[hl] !== -1 || nextR[hr] !== -1) continue;
      pairL[pairs] = hl;
      pairR[pairs] = hr;
      pairs++;
    }
    const allSame = comparer.sameMany(pairL, pairR, pairs);
    let pair = 0;

    const card = pass.cardinality;
    // Groups were numbered from the last row up: taken from the last group down, they come in
    // record order, so the columns are read forwards and matches are added in the order they are
    // output. (The order groups are taken in changes nothing in the result: the output is ordered
    // by row at the end.)
    for (let g = groups - 1; g >= 0; g--) {
      if ((g & 0xffff) === 0) checkAbort(signal);
      // More than one row on a side: the chain goes on past its head (no counts kept).
      const headRow = headR[g];
      if (headRow === -1) continue;
      const manyL = nextL[headL[g]] !== -1;
      const manyR = nextR[headRow] !== -1;
      let groupLeft: boolean;
      let groupRight: boolean;
      if (card === "1:1") {
        groupLeft = groupRight = manyL || manyR;
      } else if (card === "1:N") {
        groupLeft = manyL;
        groupRight = true;
      } else if (card === "N:1") {
        groupLeft = true;
        groupRight = manyR;
      } else {
        groupLeft = groupRight = true;
      }
      const ambiguous = (card === "1:1" && (manyL || manyR)) || (card === "1:N" && manyL) || (card === "N:1" && manyR);
      if (ambiguous && !pass.groupDuplicates) {
        const li = collect(headL[g], nextL);
        const ri = collect(headR[g], nextR);
        const codes: BreakCode[] = ["DUPLICATE"];
        if (li.some((i) => L.invalid[i]) || ri.some((i) => R.invalid[i])) codes.push("INVALID_ID");
        const keyText = pass.keys.map((k) => `${k} ${canonicalValue(left, k, li[0]) || "(blank)"}`).join(", ");
        addBreak(
          "existence",
          codes,
          li,
          ri,
          [],
          `Duplicate key (${keyText}): ${li.length} row(s) in ${L.label}, ${ri.length} row(s) in ${R.label}; not paired`,
          pass.name,
        );
        continue;
      }
      const lsel: number | number[] = groupLeft && manyL ? collect(headL[g], nextL) : headL[g];
      const rsel: number | number[] = groupRight && manyR ? collect(headRow, nextR) : headRow;
      const dis = typeof lsel === "number" && typeof rsel === "number" ? undefined : comparer.disagreements(lsel, rsel);
      const skip = dis ? new Set(dis.map((d) => d.field)) : undefined;
      // A pair of one row a side is one of the pairs above, in the same order.
      const same = typeof lsel === "number" && typeof rsel === "number" && allSame[pair++] === 1;
      const verdict = same ? SAME : comparer.compareAll(lsel, rsel, skip);
      const diffs = same ? undefined : comparer.diffs;
      const codes = same ? undefined : comparer.codes;
      const failed = dis !== undefined || verdict === FAIL;
      if (failed && pass.onMismatch === "no-match") continue;
      if (!failed && typeof lsel === "number" && typeof rsel === "number" && !L.invalid[lsel] && !R.invalid[rsel]) {
        // The common case, kept free of temporary arrays: one row each side, agreeing.
        const m = mb.length;
        assign(L, lsel, m, MATCHED);
        assign(R, rsel, m, MATCHED);
        mb.addPair(passIndex, left.rows[lsel], right.rows[rsel], diffs);
        stats.matchedLeft++;
        stats.matchedRight++;
        continue;
      }
      const li = idxList(lsel);
      const ri = idxList(rsel);
      let invalid = false;
      for (const i of li) if (L.invalid[i]) invalid = true;
      for (const i of ri) if (R.invalid[i]) invalid = true;
      if (!failed && !invalid) {
        const m = mb.length;
        for (const i of li) assign(L, i, m, MATCHED);
        for (const i of ri) assign(R, i, m, MATCHED);
        mb.add(passIndex, rowsOf(L, li), rowsOf(R, ri), diffs);
        stats.matchedLeft += li.length;
        stats.matchedRight += ri.length;
        continue;
      }
      const allCodes: BreakCode[] = [];
      for (const d of dis ?? []) if (!allCodes.includes(d.code)) allCodes.push(d.code);
      for (const c of codes ?? []) if (!allCodes.includes(c)) allCodes.push(c);
      if (invalid) allCodes.push("INVALID_ID");
      const allDiffs = [...(dis ?? []), ...(diffs ?? [])];
      const idProblems = invalid
        ? [...problemMessages(L, li, "INVALID_ID"), ...problemMessages(R, ri, "INVALID_ID")]
        : [];
      addBreak(
        "difference",
        allCodes,
        li,
        ri,
        allDiffs,
        describeDiffs(allDiffs, idProblems, L.label, R.label),
        pass.name,
      );
    }
    stats.rateLeft = enteredL === 0 ? 0 : stats.matchedLeft / enteredL;
    stats.rateRight = enteredR === 0 ? 0 : stats.matchedRight / enteredR;
  }

  // ---- what no pass matched: existence breaks with their closest miss ---------------------------
  checkAbort(signal);
  progress(npasses / (npasses + 1), "Unmatched rows and closest misses");
  const restL: number[] = [];
  const restR: number[] = [];
  for (let i = 0; i < left.size; i++) if (L.state[i] === POOL) restL.push(i);
  for (let i = 0; i < right.size; i++) if (R.state[i] === POOL) restR.push(i);
  const ctx: ClosestContext = closestContext(profile, left, right, calendar, opts.maxCandidates ?? 50);
  const missL = closestMisses(L, restL, R, restR, ctx, signal);
  const missR = closestMisses(R, restR, L, restL, ctx, signal);
  restL.forEach((i, k) => {
    const codes: BreakCode[] = L.invalid[i] ? ["MISSING_RIGHT", "INVALID_ID"] : ["MISSING_RIGHT"];
    addBreak("existence", codes, [i], [], [], describeMissing(R.label, R, missL[k]), undefined, missL[k]);
  });
  restR.forEach((i, k) => {
    const codes: BreakCode[] = R.invalid[i] ? ["MISSING_LEFT", "INVALID_ID"] : ["MISSING_LEFT"];
    addBreak("existence", codes, [], [i], [], describeMissing(L.label, L, missR[k]), undefined, missR[k]);
  });

  // ---- output in a deterministic order: left row order, then right-only rows in right order ----
  const breaks: Break[] = [];
  const breaksByCode: Record<string, number> = {};
  const emitted = new Uint8Array(outcomes.length);
  const emittedMatch = new Uint8Array(mb.length);
  const matchOrder = new Int32Array(mb.length);
  let ordered = 0;
  // How many breaks so far have each base id (suffixes -2, -3, ...): a KeyTable and a count per
  // id, cheaper than a Map for tens of thousands of fresh strings.
  const seenIds = new KeyTable(1024);
  let seenCount = new Int32Array(1024);
  let outLeft = 0;
  let outRight = 0;
  const emit = (o: number): void => {
    if (o >= 0) {
      if (emittedMatch[o]) return;
      emittedMatch[o] = 1;
      matchOrder[ordered++] = o;
      outLeft += mb.size(o, "left");
      outRight += mb.size(o, "right");
      return;
    }
    const bi = breakOwner(o);
    if (emitted[bi]) return;
    emitted[bi] = 1;
    const out = outcomes[bi];
    finishBreak(out);
    outLeft += out.brk.leftRows.length;
    outRight += out.brk.rightRows.length;
    // Counted here, in output order (the summary's keys keep the order codes are first met).
    for (const c of out.brk.codes) breaksByCode[c] = (breaksByCode[c] ?? 0) + 1;
    breaks.push(out.brk);
  };
  // Owned rows and, by state, matched and in breaks (for the summary), counted on the way.
  const owned = { left: 0, right: 0 };
  const matchedRows = { left: 0, right: 0 };
  const brokenRows = { left: 0, right: 0 };
  for (const side of [L, R]) {
    const n = side.rs.size;
    const owner = side.owner;
    const state = side.state;
    let own = 0;
    let matched = 0;
    let broken = 0;
    for (let i = 0; i < n; i++) {
      const st = state[i];
      if (st === MATCHED) matched++;
      else if (st === BROKEN) broken++;
      const o = owner[i];
      if (o >= 0 || o <= -3) {
        own++;
        // An outcome with several rows is placed at its first; emit() returns at once for the rest.
        emit(o);
      } else if (o !== -2) throw new Error(`internal error: ${side.label} row ${side.rs.rows[i]} ended nowhere`);
    }
    owned[side.name] = own;
    matchedRows[side.name] = matched;
    brokenRows[side.name] = broken;
  }
  const ownedL = owned.left;
  const ownedR = owned.right;

  function finishBreak(rec: BreakRec): void {
    const brk = rec.brk;
    const sides = rec.li.length && rec.ri.length ? "LR" : rec.li.length ? "L" : "R";
    const lrow = pickRow(left, rec.li);
    const rrow = pickRow(right, rec.ri);
    let values = idValues(idFields, lrow, rrow);
    // A blank break-id field (a confirmation without a client reference) would make many breaks
    // share one id; the other passes' keys tell them apart.
    for (const [, v] of values) {
      if (v === "") {
        values = idValues(allIdFields, lrow, rrow);
        break;
      }
    }
    const base = breakId({ family: rec.family, sides, values });
    const at = seenIds.id(base);
    if (at >= seenCount.length) {
      const grown = new Int32Array(seenCount.length * 2);
      grown.set(seenCount);
      seenCount = grown;
    }
    const n = ++seenCount[at];
    brk.id = n === 1 ? base : `${base}-${n}`;
    for (const [f, v] of values) brk.keys[f] = v;
    if (ageField) {
      const li = lrow >= 0 ? left.date[ageField]?.[lrow] : undefined;
      const ri = rrow >= 0 ? right.date[ageField]?.[rrow] : undefined;
      const d = li !== undefined && li !== NO_DAY ? li : ri;
      if (d !== undefined && d !== NO_DAY) brk.ageDate = d;
    }
  }

  // ---- summary and conservation -------------------------------------------------------------------
  const exclL = excluded.filter((e) => e.side === "left").length;
  const exclR = excluded.length - exclL;
  const leftOut = outLeft + exclL;
  const rightOut = outRight + exclR;
  const holds =
    ordered === mb.length &&
    leftOut === left.size &&
    rightOut === right.size &&
    outLeft === ownedL &&
    outRight === ownedR &&
    ownedL + exclL === left.size &&
    ownedR + exclR === right.size;
  if (!holds) {
    throw new Error(
      `internal error: conservation failed (${L.label}: ${left.size} in, ${leftOut} out; ${R.label}: ${right.size} in, ${rightOut} out)`,
    );
  }
  const sideSummary = (s: SideState, excl: number): SideSummary => ({
    label: s.label,
    rows: s.rs.size,
    matched: matchedRows[s.name],
    inBreaks: brokenRows[s.name],
    excluded: excl,
    totals: totalsOf(s.rs),
  });
  progress(1, "Done");
  const result: ReconResult = {
    profile: profile.name,
    matches: mb.finish(matchOrder),
    breaks,
    suggestions,
    excluded,
    summary: {
      left: sideSummary(L, exclL),
      right: sideSummary(R, exclR),
      passes: passStats,
      breaksByCode,
      suggestions: suggestions.length,
      conservation: { leftIn: left.size, leftOut, rightIn: right.size, rightOut, holds },
    },
  };
  if (warnings.length) result.warnings = [...new Set(warnings)];
  return result;
}

/** Totals of every number column over all rows read, exact, as decimal text at the column's scale. */
function totalsOf(rs: RecordSet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of Object.keys(rs.num).sort()) {
    out[f] = formatScaled(sumExact(rs.num[f].ints, rs.size), rs.num[f].scale);
  }
  return out;
}

function problemMessages(side: SideState, idx: number[], code: string): string[] {
  const out: string[] = [];
  for (const i of idx) for (const p of side.rs.problems.get(i) ?? []) if (p.code === code) out.push(p.message);
  return out;
}

function describeDiffs(diffs: FieldDiff[], idProblems: string[], leftLabel: string, rightLabel: string): string {
  const parts = diffs
    .filter((d) => !d.withinTolerance)
    .map((d) => {
      const by = d.difference !== undefined ? `, difference ${d.difference}` : "";
      return `${d.field}: ${leftLabel} ${d.left ?? "(blank)"} vs ${rightLabel} ${d.right ?? "(blank)"}${by} (${d.rule})`;
    });
  parts.push(...idProblems);
  return parts.join("; ");
}

function describeMissing(otherLabel: string, other: SideState, miss: ClosestMiss | undefined): string {
  let text = `Missing in ${otherLabel}`;
  if (miss) {
    const failed = miss.failed
      .map((d) => (d.difference !== undefined ? `${d.field} by ${d.difference}` : d.field))
      .join(", ");
    text += `; closest: ${other.label} row ${miss.rows.join(", ")}${failed ? ` (differs on ${failed})` : ""}`;
  }
  return text;
}

/** What the closest-miss search looks at: the matching passes' keys (and the keys minus one field), and every compared field. */
function closestContext(
  profile: ReconProfile,
  left: RecordSet,
  right: RecordSet,
  calendar: (name?: string) => Calendar,
  maxCandidates: number,
): ClosestContext {
  const both = (f: string) =>
    left.fields[f] !== undefined && right.fields[f] !== undefined && left.fields[f] === right.fields[f];
  const combos: string[][] = [];
  const seen = new Set<string>();
  const addCombo = (fields: string[]) => {
    const c = fields.filter(both);
    if (c.length === 0 || c.length !== fields.length) return;
    const k = c.join("|");
    if (seen.has(k)) return;
    seen.add(k);
    combos.push(c);
  };
  const passes = profile.passes.filter(isMatchingPass);
  for (const p of passes) {
    addCombo(p.keys);
    if (p.keys.length >= 2) p.keys.forEach((_, j) => addCombo(p.keys.filter((__, k) => k !== j)));
  }
  addCombo(["account", "security"]);
  const rules: ComparisonRule[] = [];
  const ruled = new Set<string>();
  for (const p of passes) {
    for (const k of p.keys) {
      if (!ruled.has(k) && both(k)) {
        // A key field compared for a miss: its own rule if a pass compares it, else exact.
        const r = passes.flatMap((q) => q.compare).find((c) => c.field === k);
        rules.push(r ?? { field: k, kind: "exact" });
        ruled.add(k);
      }
    }
    for (const c of p.compare) {
      if (!ruled.has(c.field) && both(c.field)) {
        rules.push(c);
        ruled.add(c.field);
      }
    }
  }
  const quiet: string[] = [];
  const comparer = new Comparer(rules, left, right, new Set(), calendar, quiet, "closest miss");
  return { combos, comparer, maxCandidates };
}
