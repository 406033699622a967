/**
 * Worksheet-function throughput: 1M BO.YEARFRAC calls against @formulajs/formulajs's YEARFRAC on the
 * same serials in the same run. formulajs is a peer for speed, not an oracle: its answers differ from
 * Excel's (see DOMAIN.md), and the count of differing answers is printed too.
 */
import * as formulajs from "@formulajs/formulajs";
import { yearfrac } from "../../src/core/excel/yearfrac";
import { callFunction } from "../../functions/lib/registry";
import { addMonths } from "../../src/core/dates/civil";
import { serialFromDay } from "../../src/core/dates/excel-serial";
import { dayCountOf } from "../../src/core/daycount";
import { generateSchedule } from "../../src/core/schedule";
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
  record(
    "functions",
    "YEARFRAC calls/s (engine)",
    fmt(perSec(ours.ms)),
    "formulajs YEARFRAC",
    fmt(perSec(peer.ms)),
    `${(perSec(ours.ms) / perSec(peer.ms)).toFixed(2)}x`,
  );
  record(
    "functions",
    "BO.YEARFRAC calls/s (custom-function wrapper)",
    fmt(perSec(wrapped.ms)),
    "formulajs YEARFRAC",
    fmt(perSec(peer.ms)),
    `${(perSec(wrapped.ms) / perSec(peer.ms)).toFixed(2)}x`,
  );
  console.log(
    `  formulajs differs from Excel's YEARFRAC (> 1e-12) on ${differ} of ${Math.ceil(calls / 97)} sampled calls`,
  );
}

/**
 * 1M BO.DAYCOUNT calls over five conventions that need no extra input, beside formulajs's YEARFRAC
 * on the same dates (the closest thing the peer has; it knows no ISDA names).
 */
export function benchDaycount(calls: number): void {
  const names = ["ACT/360", "ACT/365F", "ACT/ACT ISDA", "30/360 ISDA", "30E/360"];
  const conventions = names.map((n) => dayCountOf(n));
  const starts = new Int32Array(calls);
  const ends = new Int32Array(calls);
  let s = 777;
  for (let i = 0; i < calls; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    starts[i] = 7300 + (s % 25000); // days since 1970: 1990..2058
    ends[i] = starts[i] + ((s >> 8) % 4000);
  }
  const engine = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++) acc += conventions[i % 5].yearFraction(starts[i], ends[i]);
    return acc;
  });
  const serialStarts = Array.from(starts, (d) => serialFromDay(d));
  const serialEnds = Array.from(ends, (d) => serialFromDay(d));
  const wrapped = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++)
      acc += callFunction("DAYCOUNT", [serialStarts[i], serialEnds[i], names[i % 5]]) as number;
    return acc;
  });
  const yf = (formulajs as unknown as { YEARFRAC: (a: number, b: number, c: number) => number | Error }).YEARFRAC;
  const peer = best(3, () => {
    let acc = 0;
    for (let i = 0; i < calls; i++) {
      const v = yf(serialStarts[i], serialEnds[i], [2, 3, 1, 0, 4][i % 5]);
      if (typeof v === "number") acc += v;
    }
    return acc;
  });
  const perSec = (ms: number) => (calls / ms) * 1000;
  console.log(`\nDay counts (${fmt(calls)} calls each)`);
  record(
    "functions",
    "DAYCOUNT calls/s (engine)",
    fmt(perSec(engine.ms)),
    "formulajs YEARFRAC",
    fmt(perSec(peer.ms)),
    `${(perSec(engine.ms) / perSec(peer.ms)).toFixed(2)}x`,
  );
  record(
    "functions",
    "BO.DAYCOUNT calls/s (custom-function wrapper, name lookup each call)",
    fmt(perSec(wrapped.ms)),
    "formulajs YEARFRAC",
    fmt(perSec(peer.ms)),
    `${(perSec(wrapped.ms) / perSec(peer.ms)).toFixed(2)}x`,
  );
}

/**
 * Accrual schedules for N semi-annual bonds (issue 2000-2025, 1-30 years): coupon periods rolled back
 * from maturity with year fractions. Peer: the spreadsheet way with formulajs, EDATE back from
 * maturity and YEARFRAC per period.
 */
export function benchSchedules(instruments: number): void {
  const issues: number[] = [];
  const maturities: number[] = [];
  let s = 99;
  for (let i = 0; i < instruments; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const issue = 10957 + (s % 9000);
    issues.push(issue);
    maturities.push(addMonths(issue, 12 * (1 + ((s >> 8) % 30))));
  }
  const icma = dayCountOf("ACT/ACT ICMA");
  const ours = best(3, () => {
    let periods = 0;
    for (let i = 0; i < instruments; i++) {
      periods += generateSchedule({ start: issues[i], maturity: maturities[i], frequency: 2, dayCount: icma }).length;
    }
    return periods;
  });
  // formulajs's EDATE returns a JavaScript Date (UTC midnight); turned back into a serial as a sheet would.
  const f = formulajs as unknown as {
    EDATE: (d: number, m: number) => Date | Error;
    YEARFRAC: (a: number, b: number, c: number) => number | Error;
  };
  const peer = best(3, () => {
    let periods = 0;
    for (let i = 0; i < instruments; i++) {
      const issue = serialFromDay(issues[i]);
      const maturity = serialFromDay(maturities[i]);
      let end = maturity;
      for (let k = 1; end > issue; k++) {
        const d = f.EDATE(maturity, -6 * k);
        if (d instanceof Error) throw d;
        const start = Math.round(d.getTime() / 86400000) + 25569;
        f.YEARFRAC(Math.max(start, issue), end, 1);
        end = start;
        periods++;
      }
    }
    return periods;
  });
  if (peer.value !== ours.value)
    console.log(
      `  note: periods differ (ours ${ours.value}, peer ${peer.value}): the peer ignores stubs and month ends`,
    );
  console.log(`\nAccrual schedules (${fmt(instruments)} instruments, ${fmt(ours.value)} periods)`);
  record(
    "accruals",
    `time to build ${fmt(instruments)}-instrument schedules`,
    `${ours.ms.toFixed(0)} ms`,
    "formulajs EDATE+YEARFRAC loop",
    `${peer.ms.toFixed(0)} ms`,
    `${(peer.ms / ours.ms).toFixed(2)}x faster`,
  );
}
