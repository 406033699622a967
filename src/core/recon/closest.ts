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
import { KeyJoin, type KeyPart } from "./join";
import type { ClosestMiss, FieldDiff } from "./profile";
import type { SideState } from "./side";

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
  const max = ctx.maxCandidates;
  // Row lists as typed arrays, as the passes give them: the joins' loops see one kind of list.
  const otherRows = Int32Array.from(otherIdx);
  const fromRows = Int32Array.from(fromIdx);
  // One index per combination: the other side's rows grouped on integer keys (join.ts), each
  // group's rows chained in row order through next[] (positions in otherIdx).
  const indexes: Array<{ join: KeyJoin; head: Int32Array }> = [];
  const next = new Int32Array(otherIdx.length * ctx.combos.length);
  // The combinations share fields: each field's key values are read once for these rows.
  const parts = new Map<string, KeyPart | undefined>();
  for (const combo of ctx.combos) {
    const join = KeyJoin.of(other.rs, from.rs, combo, otherRows, fromRows, parts);
    if (!join) continue;
    const base = indexes.length * otherIdx.length;
    const group = new Int32Array(otherIdx.length);
    for (let p = 0; p < otherIdx.length; p++) group[p] = join.add(p);
    const head = new Int32Array(join.groups).fill(-1);
    for (let p = otherIdx.length - 1; p >= 0; p--) {
      const g = group[p];
      if (g < 0) continue;
      next[base + p] = head[g];
      head[g] = base + p;
    }
    indexes.push({ join, head });
  }
  // Candidates by their position in otherIdx (which ascends, so positions order like rows).
  const m = otherIdx.length;
  const stamp = new Int32Array(m).fill(-1);
  const fromLeft = from.name === "left";
  const cmp = ctx.comparer;
  const nr = rules.length;
  const cands: number[] = [];
  for (let k = 0; k < fromIdx.length; k++) {
    if ((k & 0xffff) === 0 && signal?.aborted)
      throw signal.reason instanceof Error ? signal.reason : new Error("reconciliation cancelled");
    const i = fromIdx[k];
    cands.length = 0;
    // Candidates: each combination's rows sharing this row's key, in row order, at most
    // maxCandidates from one key and in all.
    for (const ix of indexes) {
      const g = ix.join.find(k);
      if (g < 0) continue;
      let taken = 0;
      for (let q = ix.head[g]; q !== -1 && taken < max; q = next[q], taken++) {
        const p = q % m;
        if (stamp[p] === k) continue;
        stamp[p] = k;
        cands.push(otherIdx[p]);
        if (cands.length >= max) break;
      }
      if (cands.length >= max) break;
    }
    let best = -1;
    let bestAgreed = -1;
    for (const j of cands) {
      // A candidate that can no longer beat the best (ties go to the earlier row) is dropped.
      let agreed = 0;
      for (let r = 0; r < nr; r++) {
        const remaining = nr - r;
        if (agreed + remaining < bestAgreed || (agreed + remaining === bestAgreed && j > best)) {
          agreed = -1;
          break;
        }
        if (cmp.holds(rules[r], fromLeft ? i : j, fromLeft ? j : i)) agreed++;
      }
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
