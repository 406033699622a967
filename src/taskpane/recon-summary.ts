/**
 * The run summary in words, as the Reconcile tab shows it: a pure function of the engine's
 * ReconSummary, so test/unit/taskpane-summary.test.ts reads exactly what the pane renders.
 */
import { BREAK_CODES } from "../core/recon/profile";
import type { ReconSummary } from "../core/recon/profile";

/** Standard codes in their documented order (as the Summary sheet lists them), then user codes A-Z. */
function codeOrder(a: string, b: string): number {
  const ia = (BREAK_CODES as readonly string[]).indexOf(a);
  const ib = (BREAK_CODES as readonly string[]).indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "87.5%": a rate to one decimal place; "–" when there is none (no rows entered the pass). */
export function percent(rate: number): string {
  if (!Number.isFinite(rate)) return "–";
  return `${(Math.round(rate * 1000) / 10).toString()}%`;
}

/** The summary's lines, in reading order; a function so the unit tests read what the pane shows. */
export function summaryLines(s: ReconSummary): {
  sides: string[];
  codes: string[];
  passes: string[];
  conservation: string;
} {
  const side = (x: ReconSummary["left"]) =>
    `${x.label}: ${x.rows} rows, ${x.matched} matched, ${x.inBreaks} in breaks, ${x.excluded} excluded`;
  const c = s.conservation;
  // The missing codes name the side the row is missing from, as the Breaks sheet's words do.
  const named = (code: string) =>
    code === "MISSING_LEFT"
      ? `${code} (missing in ${s.left.label})`
      : code === "MISSING_RIGHT"
        ? `${code} (missing in ${s.right.label})`
        : code;
  return {
    sides: [side(s.left), side(s.right)],
    codes: Object.entries(s.breaksByCode)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => codeOrder(a, b))
      .map(([code, n]) => `${named(code)}: ${n}`),
    passes: s.passes.map(
      (p) => `${p.name}: ${s.left.label} ${percent(p.rateLeft)}, ${s.right.label} ${percent(p.rateRight)}`,
    ),
    conservation: `rows in = rows out: ${c.holds ? "yes" : "NO"} (${s.left.label} ${c.leftIn} in, ${c.leftOut} out; ${s.right.label} ${c.rightIn} in, ${c.rightOut} out)`,
  };
}
