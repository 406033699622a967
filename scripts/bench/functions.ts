/**
 * Worksheet-function throughput: 1M BO.YEARFRAC calls against @formulajs/formulajs's YEARFRAC on the
 * same serials in the same run. formulajs is a peer for speed, not an oracle: its answers differ from
 * Excel's (see DOMAIN.md), and the count of differing answers is printed too.
 */
import * as formulajs from "@formulajs/formulajs";
import { yearfrac } from "../../src/core/excel/yearfrac";
import { callFunction } from "../../functions/lib/registry";
import { best, fmt, record } from "./common";

export function benchFunctions(calls: number): void {
  console.log(`\nWorksheet functions (${fmt(calls)} calls each)`);
  // Deterministic spread of date pairs over 1990-2060 and bases 0-4.
  const starts = new Float64Array(calls);
  const ends = new Float64Array(calls);
  const bases = new Uint8Array(calls);
  let s = 12345;
  for (let i = 0; i < calls; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    starts[i] = 32874 + (s % 25000);
    ends[i] = starts[i] + ((s >> 8) % 4000);
    bases[i] = i % 5;
  }
  const ours = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++) acc += yearfrac(starts[i], ends[i], bases[i]);
    return acc;
  });
  const wrapped = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++) acc += callFunction("YEARFRAC", [starts[i], ends[i], bases[i]]) as number;
    return acc;
  });
  const yf = (formulajs as unknown as { YEARFRAC: (a: number, b: number, c: number) => number | Error }).YEARFRAC;
  const peer = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++) {
      const v = yf(starts[i], ends[i], bases[i]);
      if (typeof v === "number") acc += v;
    }
    return acc;
  });
  let differ = 0;
  for (let i = 0; i < calls; i += 97) {
    const v = yf(starts[i], ends[i], bases[i]);
    if (typeof v !== "number" || Math.abs(v - yearfrac(starts[i], ends[i], bases[i])) > 1e-12) differ++;
  }
  const perSec = (ms: number) => (calls / ms) * 1000;
  record("functions", "YEARFRAC calls/s (engine)", fmt(perSec(ours.ms)), "formulajs YEARFRAC", fmt(perSec(peer.ms)), `${(perSec(ours.ms) / perSec(peer.ms)).toFixed(2)}x`);
  record("functions", "BO.YEARFRAC calls/s (custom-function wrapper)", fmt(perSec(wrapped.ms)), "formulajs YEARFRAC", fmt(perSec(peer.ms)), `${(perSec(wrapped.ms) / perSec(peer.ms)).toFixed(2)}x`);
  console.log(`  formulajs differs from Excel's YEARFRAC (> 1e-12) on ${differ} of ${Math.ceil(calls / 97)} sampled calls`);
}
