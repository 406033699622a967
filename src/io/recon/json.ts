/**
 * The reconciliation result as JSON (`bo recon --json OUT.json`), in the format documented in
 * docs/recon-profile.md ("JSON result"). Rows are the row numbers a user sees: the Excel row (header
 * and title rows counted) or a CSV file's line number.
 */
import { formatIso } from "../../core/dates/civil";
import type { FieldDiff, ReconResult } from "../../core/recon/profile";
import type { BreakRow } from "./memory";

export const RESULT_FORMAT = "bo-recon-result";
export const RESULT_VERSION = 1;

function fieldJson(d: FieldDiff) {
  const out: Record<string, unknown> = { field: d.field, code: d.code, left: d.left, right: d.right };
  if (d.difference !== undefined) out.difference = d.difference;
  out.rule = d.rule;
  return out;
}

/** A plain object (JSON.stringify-able, key order fixed) of the result and this run's break rows. */
export function resultToJson(
  result: ReconResult,
  breakRows: readonly BreakRow[],
  opts: { runDate?: number } = {},
): Record<string, unknown> {
  const current = breakRows.filter((r) => r.brk !== undefined);
  const resolved = breakRows.filter((r) => r.brk === undefined);
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    profile: result.profile,
    ...(opts.runDate !== undefined ? { runDate: formatIso(opts.runDate) } : {}),
    summary: result.summary,
    matches: result.matches.map((m) => ({
      pass: m.pass,
      leftRows: m.leftRows,
      rightRows: m.rightRows,
      ...(m.diffs.length > 0 ? { withinTolerance: m.diffs.map(fieldJson) } : {}),
    })),
    breaks: current.map((r) => {
      const b = r.brk!;
      return {
        id: b.id,
        runStatus: r.runStatus,
        codes: b.codes,
        ...(b.pass !== undefined ? { pass: b.pass } : {}),
        leftRows: b.leftRows,
        rightRows: b.rightRows,
        keys: b.keys,
        fields: b.diffs.map(fieldJson),
        detail: b.detail,
        ...(b.closestMiss
          ? {
              closestMiss: {
                rows: b.closestMiss.rows,
                score: b.closestMiss.score,
                failed: b.closestMiss.failed.map(fieldJson),
              },
            }
          : {}),
        ...(r.age !== undefined ? { age: r.age } : {}),
        ageSinceFirstSeen: r.ageSinceFirstSeen,
        bucket: r.bucket,
        firstSeen: formatIso(r.firstSeen),
        owner: r.owner,
        status: r.status,
        reason: r.reason,
        comment: r.comment,
      };
    }),
    resolvedSinceLastRun: resolved.map((r) => ({
      id: r.id,
      firstSeen: formatIso(r.firstSeen),
      lastSeen: formatIso(r.lastSeen),
      owner: r.owner,
      status: r.status,
      reason: r.reason,
      comment: r.comment,
    })),
    suggestions: result.suggestions,
    excluded: result.excluded,
    ...(result.warnings && result.warnings.length > 0 ? { warnings: result.warnings } : {}),
  };
}
