/**
 * Suggestion passes: they propose, never match. Rows stay unmatched (and end as existence breaks
 * unless a later pass matches them); the analyst accepts or rejects a suggestion.
 *
 * Scored: for each unmatched left row, the unmatched right rows sharing its block key (the pass's
 * keys; all rows when it has none), at most maxCandidates (default 50) of them in row order, are
 * scored by the weighted share of fields that agree (the pass's rule for a field, else exact). The
 * best candidate at or above the threshold is suggested; ties go to the earlier right row.
 *
 * Subset-sum (cash, one payment against several ledger items or the reverse): for each unmatched
 * item on either side, the other side's unmatched items in the same block (the pass's keys) whose
 * date lies within `window` business days are taken nearest date first, at most maxCandidates
 * (default 20); subsets of 2..maxItems of them whose amounts sum to the item's within the tolerance
 * are suggested, at most 3 per item, the depth-first search stopping after 20,000 steps per item.
 * Each item thus costs a bounded amount of work however many candidates its window holds.
 */
import { addBusinessDays, type Calendar } from "../calendar";
import { Comparer, FAIL, businessDayDiff } from "./compare";
import type { ComparisonRule, PassConfig, Suggestion } from "./profile";
import { NO_DAY } from "./records";
import { formatScaled, parseScaled, rescale } from "./scaled";
import { POOL, keyGetter, type SideState } from "./side";

const MAX_SOLUTIONS = 3;
const MAX_STEPS = 20000;

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("reconciliation cancelled");
}

export function scoredSuggestions(
  pass: PassConfig,
  L: SideState,
  R: SideState,
  calendar: (name?: string) => Calendar,
  warnings: string[],
  signal?: AbortSignal,
): Suggestion[] {
  const scored = pass.scored!;
  const where = `pass "${pass.name}"`;
  const lkey = keyGetter(L.rs, pass.keys);
  const rkey = keyGetter(R.rs, pass.keys);
  if (!lkey || !rkey) {
    warnings.push(`${where} was skipped: a key is not mapped on both sides`);
    return [];
  }
  const fields = Object.keys(scored.weights).filter((f) => (scored.weights[f] ?? 0) > 0);
  const rules: ComparisonRule[] = fields.map(
    (f) => pass.compare.find((c) => c.field === f) ?? { field: f, kind: "exact" },
  );
  const comparer = new Comparer(rules, L.rs, R.rs, new Set(), calendar, warnings, where);
  const weights = comparer.rules.map((r) => scored.weights[r.field]);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  const max = scored.maxCandidates ?? 50;
  const block = new Map<string, number[]>();
  for (let j = 0; j < R.rs.size; j++) {
    if (R.state[j] !== POOL) continue;
    const k = rkey(j);
    if (k === undefined) continue;
    const list = block.get(k);
    if (!list) block.set(k, [j]);
    else if (list.length < max) list.push(j);
  }
  const out: Suggestion[] = [];
  for (let i = 0; i < L.rs.size; i++) {
    if ((i & 0xffff) === 0) aborted(signal);
    if (L.state[i] !== POOL) continue;
    const k = lkey(i);
    if (k === undefined) continue;
    const cands = block.get(k);
    if (!cands) continue;
    let best = -1;
    let bestScore = -1;
    let bestAgree: string[] = [];
    for (const j of cands) {
      let s = 0;
      const agree: string[] = [];
      comparer.rules.forEach((r, n) => {
        if (comparer.evalRule(r, i, j, false) !== FAIL) {
          s += weights[n];
          agree.push(r.field);
        }
      });
      if (s > bestScore) {
        best = j;
        bestScore = s;
        bestAgree = agree;
      }
    }
    const score = bestScore / total;
    if (best < 0 || score < scored.threshold) continue;
    const differ = comparer.rules.map((r) => r.field).filter((f) => !bestAgree.includes(f));
    out.push({
      pass: pass.name,
      kind: "scored",
      leftRows: [L.rs.rows[i]],
      rightRows: [R.rs.rows[best]],
      score,
      detail: `agrees on ${bestAgree.join(", ") || "nothing"}${differ.length ? `; differs on ${differ.join(", ")}` : ""}`,
    });
  }
  return out;
}

/** What the subset-sum search did at most for any one item (for tests that show it stays bounded). */
export interface SearchProbe {
  candidates: number;
  steps: number;
}

export function subsetSumSuggestions(
  pass: PassConfig,
  L: SideState,
  R: SideState,
  calendar: (name?: string) => Calendar,
  warnings: string[],
  signal?: AbortSignal,
  probe?: SearchProbe,
): Suggestion[] {
  const cfg = pass.subsetSum!;
  const where = `pass "${pass.name}"`;
  for (const s of [L, R]) {
    if (s.rs.fields[cfg.field] !== "number" || s.rs.fields[cfg.dateField] !== "date") {
      warnings.push(
        `${where} was skipped: ${cfg.field} (number) and ${cfg.dateField} (date) must be mapped in ${s.label}`,
      );
      return [];
    }
  }
  if (!keyGetter(L.rs, pass.keys) || !keyGetter(R.rs, pass.keys)) {
    warnings.push(`${where} was skipped: a key is not mapped on both sides`);
    return [];
  }
  // Both directions: one left item against several right items, then one right item against several left items.
  return oneAgainstMany(pass, L, R, calendar, signal, probe).concat(
    oneAgainstMany(pass, R, L, calendar, signal, probe),
  );
}

function oneAgainstMany(
  pass: PassConfig,
  T: SideState,
  O: SideState,
  calendar: (name?: string) => Calendar,
  signal?: AbortSignal,
  probe?: SearchProbe,
): Suggestion[] {
  const cfg = pass.subsetSum!;
  const cal = calendar(undefined);
  const maxCandidates = cfg.maxCandidates ?? 20;
  const maxItems = Math.max(2, cfg.maxItems);
  const tcol = T.rs.num[cfg.field];
  const ocol = O.rs.num[cfg.field];
  const tdates = T.rs.date[cfg.dateField];
  const odates = O.rs.date[cfg.dateField];
  const tol = parseScaled(cfg.tolerance ?? "0");
  const scale = Math.max(tcol.scale, ocol.scale, tol.scale);
  const tolInt = Number(rescale(tol.int < 0 ? -tol.int : tol.int, scale - tol.scale));
  const tkey = keyGetter(T.rs, pass.keys)!;
  const okey = keyGetter(O.rs, pass.keys)!;
  // Blocks of the other side's unmatched items, sorted by date (then row order) for the window search.
  const blocks = new Map<string, number[]>();
  for (let j = 0; j < O.rs.size; j++) {
    if (O.state[j] !== POOL || odates[j] === NO_DAY || ocol.ints[j] !== ocol.ints[j]) continue;
    const k = okey(j);
    if (k === undefined) continue;
    const list = blocks.get(k);
    if (list) list.push(j);
    else blocks.set(k, [j]);
  }
  for (const list of blocks.values()) list.sort((a, b) => odates[a] - odates[b] || a - b);
  const oAmount = (j: number) => Number(rescale(ocol.ints[j], scale - ocol.scale));
  const out: Suggestion[] = [];
  const cands: number[] = [];
  const amounts: number[] = [];
  for (let i = 0; i < T.rs.size; i++) {
    if ((i & 0xffff) === 0) aborted(signal);
    if (T.state[i] !== POOL) continue;
    const d = tdates[i];
    const raw = tcol.ints[i];
    if (d === NO_DAY || raw !== raw) continue;
    const k = tkey(i);
    if (k === undefined) continue;
    const list = blocks.get(k);
    if (!list || list.length < 2) continue;
    const target = Number(rescale(raw, scale - tcol.scale));
    if (!Number.isSafeInteger(target) || !Number.isSafeInteger(tolInt)) continue;
    // Nearest dates first: walk outwards from the item's date until maxCandidates are inside the
    // window or both walks leave the window's calendar bounds.
    const lo = addBusinessDays(d, -(cfg.window + 1), cal);
    const hi = addBusinessDays(d, cfg.window + 1, cal);
    let a = lowerBound(list, d, odates) - 1;
    let b = a + 1;
    cands.length = 0;
    while (cands.length < maxCandidates && (a >= 0 || b < list.length)) {
      const da = a >= 0 ? odates[list[a]] : NO_DAY;
      const db = b < list.length ? odates[list[b]] : NO_DAY;
      const aIn = a >= 0 && da >= lo;
      const bIn = b < list.length && db <= hi;
      if (!aIn && !bIn) break;
      let j: number;
      if (aIn && (!bIn || d - da <= db - d)) j = list[a--];
      else j = list[b++];
      const bd = businessDayDiff(d, odates[j], cal);
      if (bd >= -cfg.window && bd <= cfg.window) cands.push(j);
    }
    if (cands.length < 2) continue;
    cands.sort((x, y) => x - y);
    amounts.length = 0;
    let safe = true;
    for (const j of cands) {
      const v = oAmount(j);
      if (!Number.isSafeInteger(v)) safe = false;
      amounts.push(v);
    }
    if (!safe) continue;
    const search = subsets(amounts, target, tolInt, maxItems);
    if (probe) {
      probe.candidates = Math.max(probe.candidates, cands.length);
      probe.steps = Math.max(probe.steps, search.steps);
    }
    for (const sol of search.found) {
      const rows = sol.map((n) => O.rs.rows[cands[n]]);
      const sum = sol.reduce((s, n) => s + amounts[n], 0);
      const residual = target - sum;
      const denom = Math.max(Math.abs(target), 1);
      out.push({
        pass: pass.name,
        kind: "subset-sum",
        leftRows: T.name === "left" ? [T.rs.rows[i]] : rows,
        rightRows: T.name === "left" ? rows : [T.rs.rows[i]],
        score: 1 - Math.abs(residual) / denom,
        detail: `${T.label} row ${T.rs.rows[i]} (${formatScaled(target, scale)}) = ${sol.length} ${O.label} items summing to ${formatScaled(sum, scale)}${residual !== 0 ? `, difference ${formatScaled(residual, scale)}` : ""}`,
      });
    }
  }
  return out;
}

function lowerBound(list: number[], day: number, dates: Int32Array): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[list[mid]] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Subsets of 2..maxItems positions whose amounts sum to target within tol (each subset's positions
 * ascending); at most MAX_SOLUTIONS, after at most MAX_STEPS search steps. When every amount has the
 * target's sign (payments against invoices), the amounts are searched smallest magnitude first and a
 * branch stops as soon as its sum passes the target: nothing after it can come back.
 */
export function subsets(
  amounts: number[],
  target: number,
  tol: number,
  maxItems: number,
): { found: number[][]; steps: number } {
  const n = amounts.length;
  const sameSign = target !== 0 && amounts.every((a) => Math.sign(a) === Math.sign(target));
  const order = Array.from({ length: n }, (_, k) => k);
  if (sameSign) order.sort((x, y) => Math.abs(amounts[x]) - Math.abs(amounts[y]) || x - y);
  const vals = order.map((k) => (sameSign ? Math.abs(amounts[k]) : amounts[k]));
  const goal = sameSign ? Math.abs(target) : target;
  const found: number[][] = [];
  const chosen: number[] = [];
  let steps = 0;
  const walk = (start: number, sum: number): void => {
    for (let k = start; k < n; k++) {
      if (found.length >= MAX_SOLUTIONS || ++steps > MAX_STEPS) return;
      const s = sum + vals[k];
      if (sameSign && s > goal + tol) return;
      chosen.push(k);
      if (chosen.length >= 2 && Math.abs(goal - s) <= tol)
        found.push(chosen.map((p) => order[p]).sort((a, b) => a - b));
      if (chosen.length < maxItems) walk(k + 1, s);
      chosen.pop();
    }
  };
  walk(0, 0);
  return { found, steps: Math.min(steps, MAX_STEPS) };
}
