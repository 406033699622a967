/**
 * The reconciliation slice's engine on N x N rows, beside a plain JavaScript Map join on binary
 * floats (the floor any JS implementation starts from: no decimals, no duplicate or error handling).
 * The ratio is the price of exact money and of never pairing duplicates silently.
 */
import { Decimal } from "../../src/core/money";
import { SliceRow, compareSlice } from "../../src/core/recon/slice";
import { parseNumberCell } from "../../src/io/cells";
import { best, fmt, record } from "./common";

export function makeSides(n: number): { left: string[][]; right: string[][] } {
  const left: string[][] = [];
  const right: string[][] = [];
  let s = 42;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const cents = (s % 100000000) - 50000000;
    const amount = (cents / 100).toFixed(2);
    const key = `T${String(i).padStart(8, "0")}`;
    left.push([key, amount]);
    if (i % 20 === 7) continue; // ~5% missing on the right
    const differs = i % 20 === 11;
    const r = differs ? ((cents + 1250) / 100).toFixed(2) : amount;
    // Custodian style: thousands separators and parenthesised negatives.
    const n2 = Number(r);
    const txt = Math.abs(n2).toLocaleString("en-US", { minimumFractionDigits: 2 });
    right.push([key, n2 < 0 ? `(${txt})` : txt]);
  }
  return { left, right };
}

export function benchSlice(n: number): void {
  console.log(`\nReconciliation slice engine (${fmt(n)} x ${fmt(n)} rows, ~5% breaks)`);
  const { left, right } = makeSides(n);
  const toRows = (side: string[][]): SliceRow[] =>
    side.map((r, i) => {
      const p = parseNumberCell(r[1]);
      return { row: i + 2, key: r[0], value: p.ok ? p.value : undefined, errors: p.ok ? [] : [p.detail] };
    });
  const ours = best(3, () => {
    const cmp = compareSlice(toRows(left), toRows(right), new Decimal("0.01"), { left: "Books", right: "Custodian" });
    return cmp.breaks.length;
  });
  const peer = best(3, () => {
    const m = new Map<string, number>();
    for (const r of right) m.set(r[0], Number(r[1].replace(/[(),]/g, "")) * (r[1].startsWith("(") ? -1 : 1));
    let breaks = 0;
    for (const r of left) {
      const v = m.get(r[0]);
      if (v === undefined || Math.abs(Number(r[1]) - v) > 0.01) breaks++;
    }
    return breaks;
  });
  const rps = (ms: number) => ((2 * n) / ms) * 1000;
  record(
    "recon slice",
    "rows/s, parse + compare",
    fmt(rps(ours.ms)),
    "plain JS Map join on floats",
    fmt(rps(peer.ms)),
    `${(rps(ours.ms) / rps(peer.ms)).toFixed(2)}x`,
  );
  console.log(
    `  breaks found: ours ${fmt(ours.value)}, plain join ${fmt(peer.value)} (the plain join has no duplicate or error handling)`,
  );
}
