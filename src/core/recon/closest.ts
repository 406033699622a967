/**
 * Closest miss: for a row no pass matched, the best candidate among the other side's unmatched rows
 * and which fields failed by how much.
 *
 * Candidates come from hash indexes over the other side's unmatched rows, one per key combination
 * (each matching pass's keys, the same keys minus one field, and account + security), so a row
 * only ever meets rows that share at least one key combination with it; at most `maxCandidates`
 * rows are scored per row. Work is linear in the unmatched rows, never rows x rows.
 *
 * Score: the share of compared fields (every pass key and compared field mapped on both sides)
 * that agree, exactly or within the pass's tolerance. Ties go to the earlier row on the other side.
 */
import { FAIL, type Comparer } from "./compare";
import type { ClosestMiss, FieldDiff } from "./profile";
import { keyGetter, type SideState } from "./side";

export interface ClosestContext {
  combos: string[][];
  /** Oriented left -> right, one rule per scored field. */
  comparer: Comparer;
  maxCandidates: number;
}

export function closestMisses(
  from: SideState,
  fromIdx: number[],
  other: SideState,
  otherIdx: number[],
  ctx: ClosestContext,
  signal?: AbortSignal,
): Array<ClosestMiss | undefined> {
  const out: Array<ClosestMiss | undefined> = new Array(fromIdx.length).fill(undefined);
  const rules = ctx.comparer.rules;
  if (fromIdx.length === 0 || otherIdx.length === 0 || rules.length === 0) return out;
  const indexes: Array<{ key: (i: number) => string | undefined; map: Map<string, number[]> }> = [];
  for (const combo of ctx.combos) {
    const fromKey = keyGetter(from.rs, combo);
    const otherKey = keyGetter(other.rs, combo);
    if (!fromKey || !otherKey) continue;
    const map = new Map<string, number[]>();
    for (const j of otherIdx) {
      const k = otherKey(j);
      if (k === undefined) continue;
      const list = map.get(k);
      if (!list) map.set(k, [j]);
      else if (list.length < ctx.maxCandidates) list.push(j);
    }
    indexes.push({ key: fromKey, map });
  }
  const stamp = new Int32Array(other.rs.size).fill(-1);
  const fromLeft = from.name === "left";
  const cmp = ctx.comparer;
  const cands: number[] = [];
  for (let k = 0; k < fromIdx.length; k++) {
    if ((k & 0xffff) === 0 && signal?.aborted)
      throw signal.reason instanceof Error ? signal.reason : new Error("reconciliation cancelled");
    const i = fromIdx[k];
    cands.length = 0;
    for (const ix of indexes) {
      const key = ix.key(i);
      if (key === undefined) continue;
      const list = ix.map.get(key);
      if (!list) continue;
      for (const j of list) {
        if (stamp[j] === k) continue;
        stamp[j] = k;
        cands.push(j);
        if (cands.length >= ctx.maxCandidates) break;
      }
      if (cands.length >= ctx.maxCandidates) break;
    }
    let best = -1;
    let bestAgreed = -1;
    for (const j of cands) {
      let agreed = 0;
      for (const r of rules) if (cmp.evalRule(r, fromLeft ? i : j, fromLeft ? j : i, false) !== FAIL) agreed++;
      if (agreed > bestAgreed || (agreed === bestAgreed && j < best)) {
        best = j;
        bestAgreed = agreed;
      }
    }
    if (best < 0) continue;
    const failed: FieldDiff[] = [];
    for (const r of rules) {
      const v = cmp.evalRule(r, fromLeft ? i : best, fromLeft ? best : i);
      if (v === FAIL) failed.push(cmp.diff!);
    }
    out[k] = { rows: [other.rs.rows[best]], failed, score: bestAgreed / rules.length };
  }
  return out;
}
