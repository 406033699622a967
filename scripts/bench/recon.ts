/**
 * Trade reconciliation at 100k and 1M rows a side (scripts/bench/gen-trades.ts), three ways, in the
 * same run on the same files:
 *   (a) `bo recon` end to end: the built dist/cli/bo.js with samples/profiles/trade.json, spawned
 *       under /usr/bin/time -v for wall time and peak RSS (reads both CSVs and the master, loads,
 *       reconciles, renders, writes the .xlsx);
 *   (b) the engine alone: reconcile() on record sets loaded in this process (and the read and load
 *       steps timed on their own, to say where the end-to-end time goes);
 *   (c) DuckDB (@duckdb/node-api, 2 threads) in its own child process, so that its peak RSS is its
 *       own: read_csv with explicit types and date formats, normalisation (thousands separators,
 *       parentheses, CUSIP/SEDOL -> ISIN by a join to the master: derivation with check digits is
 *       not practical in SQL), pass 1 on the reference with partial settlements summed (GROUP BY),
 *       pass 2 on account/security/side/trade date/quantity for the rows left, tolerance comparisons,
 *       and the breaks written to a CSV file.
 * (a) and (c) are each run BENCH_RUNS times (default 3), alternately, and the median is reported.
 * DuckDB's pass 2 settle-date window is in calendar days (ours is business days) and it has no
 * duplicate-key, row-error or closest-miss handling: it does less work, which the ratio includes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildCrosswalk } from "../../src/core/ids";
import { reconcile } from "../../src/core/recon/engine";
import type { ReconProfile } from "../../src/core/recon/profile";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { loadRecordSet } from "../../src/io/recon/load";
import { parseProfile } from "../../src/io/recon/profile-store";
import { fieldsFor, masterRows, requiredFields, runRecon } from "../../src/io/recon/workflow";
import type { InputError } from "../../src/core/errors";
import { benchOfficeRoundTrips, type OfficeBenchResult } from "../bench-office";
import { fmt, mb, record, time, timeAsync } from "./common";
import { generateTrades, type TradeFiles } from "./gen-trades";

interface Measured {
  ms: number;
  peakRss: number;
  out: string;
}

/** Runs a command under /usr/bin/time -v when present (peak RSS from the kernel), else reports 0. */
function measured(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const hasTime = existsSync("/usr/bin/time");
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync("/usr/bin/time", ["-v", cmd, ...args], { encoding: "utf8", env, maxBuffer: 1 << 26 })
    : spawnSync(cmd, args, { encoding: "utf8", env, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  return { ms, peakRss: m ? Number(m[1]) * 1024 : 0, out: r.stdout };
}

const DUCK_SCRIPT = String.raw`
const { DuckDBInstance } = require("@duckdb/node-api");
const [books, cust, master, out] = process.argv.slice(2);
(async () => {
  const t0 = Date.now();
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const c = await db.connect();
  const q = (s) => c.run(s);
  await q("CREATE TABLE books AS SELECT row_number() OVER () + 1 AS rid, * FROM read_csv('" + books + "', header=true, dateformat='%Y-%m-%d', columns={'ref':'VARCHAR','account':'VARCHAR','isin':'VARCHAR','side':'VARCHAR','trade_date':'DATE','settle_date':'DATE','qty':'DECIMAL(18,0)','price':'DECIMAL(18,4)','amount':'DECIMAL(18,2)','ccy':'VARCHAR'})");
  await q("CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS rid, * FROM read_csv('" + cust + "', header=true, dateformat='%d/%m/%Y', columns={'ref':'VARCHAR','account':'VARCHAR','secid':'VARCHAR','side':'VARCHAR','trade_date':'DATE','settle_date':'DATE','qty':'VARCHAR','price':'DECIMAL(18,4)','amount':'VARCHAR','ccy':'VARCHAR','status':'VARCHAR'})");
  await q("CREATE TABLE ids AS SELECT isin AS id, isin FROM read_csv('" + master + "', header=true, all_varchar=true) UNION ALL SELECT cusip, isin FROM read_csv('" + master + "', header=true, all_varchar=true) WHERE cusip IS NOT NULL UNION ALL SELECT sedol, isin FROM read_csv('" + master + "', header=true, all_varchar=true) WHERE sedol IS NOT NULL");
  await q("CREATE TABLE cust AS SELECT r.rid, NULLIF(trim(r.ref), '') AS ref, upper(trim(r.account)) AS account, coalesce(i.isin, r.secid) AS isin, CASE upper(trim(r.side)) WHEN 'BUY' THEN 'BUY' WHEN 'B' THEN 'BUY' WHEN 'PURCHASE' THEN 'BUY' WHEN 'SELL' THEN 'SELL' WHEN 'S' THEN 'SELL' ELSE upper(r.side) END AS side, r.trade_date, r.settle_date, CAST(replace(r.qty, ',', '') AS DECIMAL(18,0)) AS qty, r.price, CASE WHEN r.amount LIKE '(%' THEN -CAST(replace(replace(replace(r.amount, ',', ''), '(', ''), ')', '') AS DECIMAL(18,2)) ELSE CAST(replace(r.amount, ',', '') AS DECIMAL(18,2)) END AS amount, upper(r.ccy) AS ccy FROM raw r LEFT JOIN ids i ON i.id = r.secid WHERE r.status IS DISTINCT FROM 'CANCELLED'");
  // Pass 1: reference, custodian partials summed.
  await q("CREATE TABLE g AS SELECT ref, sum(qty) AS qty, sum(amount) AS amount, min(price) AS price, min(settle_date) AS settle_date, min(side) AS side, min(ccy) AS ccy, list(rid) AS rids FROM cust WHERE ref IS NOT NULL GROUP BY ref");
  await q("CREATE TABLE p1 AS SELECT b.rid AS brid, g.rids, b.ref, b.qty <> g.qty AS q_brk, abs(b.price - g.price) > 0.0001 * greatest(abs(b.price), abs(g.price)) AS p_brk, abs(b.amount - g.amount) > 0.01 AS a_brk, b.settle_date <> g.settle_date AS s_brk, b.side <> g.side AS side_brk, b.ccy <> g.ccy AS c_brk FROM books b JOIN g ON g.ref = b.ref");
  // Pass 2: what pass 1 left, on the trade's economics.
  await q("CREATE TABLE bl AS SELECT * FROM books b WHERE NOT EXISTS (SELECT 1 FROM p1 WHERE p1.brid = b.rid)");
  await q("CREATE TABLE cl AS SELECT * FROM cust c WHERE c.ref IS NULL OR NOT EXISTS (SELECT 1 FROM books b WHERE b.ref = c.ref)");
  await q("CREATE TABLE p2 AS SELECT bl.rid AS brid, cl.rid AS crid, abs(bl.amount - cl.amount) > 0.02 AS a_brk, (cl.settle_date < bl.settle_date - 1 OR cl.settle_date > bl.settle_date + 3) AS s_brk FROM bl JOIN cl ON bl.account = cl.account AND bl.isin = cl.isin AND bl.side = cl.side AND bl.trade_date = cl.trade_date AND bl.qty = cl.qty");
  await q("CREATE TABLE breaks AS SELECT 'reference' AS pass, CAST(brid AS VARCHAR) AS books_rows, CAST(rids AS VARCHAR) AS custodian_rows, concat_ws(',', CASE WHEN q_brk THEN 'QUANTITY' END, CASE WHEN p_brk THEN 'PRICE' END, CASE WHEN a_brk THEN 'AMOUNT' END, CASE WHEN s_brk THEN 'SETTLE_DATE' END, CASE WHEN side_brk THEN 'SIDE' END, CASE WHEN c_brk THEN 'CURRENCY' END) AS codes FROM p1 WHERE q_brk OR p_brk OR a_brk OR s_brk OR side_brk OR c_brk UNION ALL SELECT 'economics', CAST(brid AS VARCHAR), CAST(crid AS VARCHAR), concat_ws(',', CASE WHEN a_brk THEN 'AMOUNT' END, CASE WHEN s_brk THEN 'SETTLE_DATE' END) FROM p2 WHERE a_brk OR s_brk UNION ALL SELECT NULL, CAST(rid AS VARCHAR), NULL, 'MISSING_RIGHT' FROM bl WHERE rid NOT IN (SELECT brid FROM p2) UNION ALL SELECT NULL, NULL, CAST(rid AS VARCHAR), 'MISSING_LEFT' FROM cl WHERE rid NOT IN (SELECT crid FROM p2)");
  await q("COPY breaks TO '" + out + "' (HEADER)");
  const r = await c.runAndReadAll("SELECT (SELECT count(*) FROM p1) AS p1, (SELECT count(*) FROM p2) AS p2, (SELECT count(*) FROM breaks) AS breaks");
  const row = r.getRows()[0].map(Number);
  process.stdout.write(JSON.stringify({ ms: Date.now() - t0, pass1: row[0], pass2: row[1], breaks: row[2] }) + "\n");
})().catch((e) => { console.error(e); process.exit(1); });
`;

interface SizeResult {
  rows: number;
  cli: Measured;
  engineMs: number;
  readMs: number;
  loadMs: number;
  duck: Measured;
  duckInfo: { pass1: number; pass2: number; breaks: number };
  breaks: number;
}

async function inProcess(
  files: TradeFiles,
  profile: ReconProfile,
): Promise<{ readMs: number; loadMs: number; engineMs: number; breaks: number }> {
  const port = new FileWorkbook();
  const read = await timeAsync(async () => ({
    left: await port.read({ sheet: files.books }),
    right: await port.read({ sheet: files.custodian }),
    master: await port.read({ sheet: files.master }),
  }));
  const { left: lg, right: rg, master: mg } = read.value;
  const fields = fieldsFor(profile);
  const load = time(() => {
    const errors: InputError[] = [];
    const crosswalk = buildCrosswalk(masterRows(mg, errors), { source: mg.sheet });
    const opts = {
      normalise: profile.normalise,
      crosswalk,
      crosswalkFields: ["security"],
      requiredFields: requiredFields(profile),
      sideTable: "trade" as const,
    };
    return {
      left: loadRecordSet(lg, profile.left, "left", fields, opts),
      right: loadRecordSet(rg, profile.right, "right", fields, opts),
    };
  });
  const { left, right } = load.value;
  if (!left.loaded || !right.loaded)
    throw new Error(
      `bench load failed: ${[...left.errors, ...right.errors]
        .slice(0, 3)
        .map((e) => e.message)
        .join("; ")}`,
    );
  const engine = time(() => reconcile(profile, left.set, right.set));
  return { readMs: read.ms, loadMs: load.ms, engineMs: engine.ms, breaks: engine.value.breaks.length };
}

/** The recon bench: (a), (b), (c) above at 100k and 1M rows a side (scaled), then the Office round trips at 100k. */
export async function benchRecon(scale: number): Promise<void> {
  const bo = resolve("dist/cli/bo.js");
  // `bo recon` is timed as a user runs it, so the CLI is built from this checkout first.
  const build = spawnSync("npx", ["webpack", "--mode", "production", "--config-name", "cli"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0 || !existsSync(bo)) throw new Error("building dist/cli/bo.js failed");
  const profilePath = resolve("samples/profiles/trade.json");
  const profile = parseProfile(readFileSync(profilePath, "utf8"), profilePath);
  const dir = join(process.env.BENCH_DIR ?? join(tmpdir(), "bo-bench"), "recon");
  mkdirSync(dir, { recursive: true });
  const duckJs = join(dir, "duck.js");
  writeFileSync(duckJs, DUCK_SCRIPT);
  const nodeEnv = { ...process.env, NODE_PATH: resolve("node_modules") };
  const sizes = [100_000, 1_000_000].map((n) => Math.max(1000, Math.round(n * scale)));
  const results: SizeResult[] = [];
  for (const n of sizes) {
    console.log(`\nTrade reconciliation, ${fmt(n)} x ${fmt(n)} rows (CSV files, ~5% breaks; books CSV with ISO dates)`);
    const g = time(() => generateTrades(n, join(dir, String(n))));
    const files = g.value;
    console.log(
      `  generated in ${fmt(g.ms)} ms: books ${fmt(files.rows)} rows, custodian ${fmt(files.custodianRows)} rows; injected ${JSON.stringify(files.injected)}`,
    );
    const out = join(files.dir, "recon.xlsx");
    // bo recon and DuckDB are run BENCH_RUNS times each (default 3), alternately, so both see the
    // same load on this shared machine; the median run of each is reported (time and its peak RSS).
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? "3"));
    const cliRuns: Measured[] = [];
    const duckRuns: Measured[] = [];
    const duckArgs = [duckJs, files.books, files.custodian, files.master, join(files.dir, "duck-breaks.csv")];
    const boArgs = [
      bo,
      "recon",
      "--profile",
      profilePath,
      "--left",
      files.books,
      "--right",
      files.custodian,
      "--master",
      files.master,
      "--out",
      out,
      "--run-date",
      "2026-12-31",
    ];
    for (let i = 0; i < runs; i++) {
      cliRuns.push(measured("node", boArgs));
      duckRuns.push(measured("node", duckArgs, nodeEnv));
    }
    const median = (xs: Measured[]) => [...xs].sort((a, b) => a.ms - b.ms)[(xs.length - 1) >> 1];
    const cli = median(cliRuns);
    const duck = median(duckRuns);
    console.log(
      `  runs (ms): bo recon ${cliRuns.map((r) => fmt(r.ms)).join(", ")}; DuckDB ${duckRuns.map((r) => fmt(r.ms)).join(", ")}; peaks (MB): bo recon ${cliRuns.map((r) => mb(r.peakRss)).join(", ")}; DuckDB ${duckRuns.map((r) => mb(r.peakRss)).join(", ")}`,
    );
    const breaksLine = /Breaks: (\d+)/.exec(cli.out);
    console.log(
      `  bo recon: ${fmt(cli.ms)} ms, peak RSS ${mb(cli.peakRss)}; ${cli.out
        .split("\n")
        .filter((l) => /Breaks:|Conservation/.test(l))
        .join(" | ")
        .trim()}`,
    );
    const ip = await inProcess(files, profile);
    (globalThis as { gc?: () => void }).gc?.();
    console.log(
      `  in process: read CSV ${fmt(ip.readMs)} ms, load ${fmt(ip.loadMs)} ms, engine ${fmt(ip.engineMs)} ms (${fmt(ip.breaks)} breaks); the rest of bo recon (render, .xlsx write, process start) ~${fmt(cli.ms - ip.readMs - ip.loadMs - ip.engineMs)} ms`,
    );
    const duckInfo = JSON.parse(duck.out.trim().split("\n").pop()!);
    console.log(
      `  DuckDB: ${fmt(duck.ms)} ms, peak RSS ${mb(duck.peakRss)}; pass 1 pairs ${fmt(duckInfo.pass1)}, pass 2 pairs ${fmt(duckInfo.pass2)}, breaks ${fmt(duckInfo.breaks)}`,
    );
    results.push({
      rows: n,
      cli,
      engineMs: ip.engineMs,
      readMs: ip.readMs,
      loadMs: ip.loadMs,
      duck,
      duckInfo,
      breaks: breaksLine ? Number(breaksLine[1]) : -1,
    });
    const rps = (ms: number) => fmt(((2 * n) / ms) * 1000);
    record(
      "recon",
      `bo recon end to end, ${fmt(n)} x ${fmt(n)}: rows/s`,
      rps(cli.ms),
      "DuckDB 2 threads, two-pass SQL",
      rps(duck.ms),
      `time ${(cli.ms / duck.ms).toFixed(2)}x`,
    );
    record(
      "recon",
      `engine alone, ${fmt(n)} x ${fmt(n)}: rows/s`,
      rps(ip.engineMs),
      "DuckDB 2 threads (whole job)",
      rps(duck.ms),
      `time ${(ip.engineMs / duck.ms).toFixed(2)}x`,
    );
    record(
      "recon",
      `peak memory, ${fmt(n)} x ${fmt(n)}`,
      mb(cli.peakRss),
      "DuckDB 2 threads",
      mb(duck.peakRss),
      `${(cli.peakRss / Math.max(1, duck.peakRss)).toFixed(2)}x`,
    );
    if (!process.env.BENCH_KEEP) rmSync(files.dir, { recursive: true, force: true });
  }
  if (results.length === 2) {
    const [a, b] = results;
    const k = b.rows / a.rows;
    console.log(
      `  growth x${k}: bo recon ${(b.cli.ms / a.cli.ms).toFixed(2)}x, engine ${(b.engineMs / a.engineMs).toFixed(2)}x, DuckDB ${(b.duck.ms / a.duck.ms).toFixed(2)}x (goal for bo recon: <= ${(k * 1.1).toFixed(0)}x)`,
    );
    record(
      "recon",
      `growth, ${fmt(a.rows)} -> ${fmt(b.rows)} rows, bo recon time`,
      `${(b.cli.ms / a.cli.ms).toFixed(2)}x`,
      "DuckDB",
      `${(b.duck.ms / a.duck.ms).toFixed(2)}x`,
      `${(b.cli.ms / a.cli.ms / (b.duck.ms / a.duck.ms)).toFixed(2)}x`,
    );
  }
  await benchReconOffice(Math.max(1000, Math.round(100_000 * scale)));
}

/**
 * Office round trips for the full reconciliation workflow (runRecon) at `rows` a side on the memory
 * Excel host: reading both sides and writing the Breaks and Summary sheets, beside a loop that syncs
 * once per row.
 */
export async function benchReconOffice(rows: number): Promise<OfficeBenchResult> {
  console.log(`\nOffice adapter, runRecon ${fmt(rows)} x ${fmt(rows)} trade rows (memory Excel host)`);
  const profile: ReconProfile = {
    version: 1,
    kind: "trade",
    name: "Trade reconciliation",
    left: { label: "Books", source: { sheet: "Books" }, mapping: {} },
    right: { label: "Custodian", source: { sheet: "Custodian" }, mapping: {} },
    passes: [
      {
        name: "reference",
        keys: ["ref"],
        cardinality: "1:N",
        compare: [
          { field: "quantity", kind: "exact" },
          { field: "amount", kind: "absolute", tolerance: "0.01" },
        ],
        onMismatch: "break",
      },
    ],
  };
  const mapping = {
    ref: "Ref",
    account: "Account",
    security: "ISIN",
    side: "Side",
    tradeDate: "Trade date",
    quantity: "Quantity",
    price: "Price",
    amount: "Amount",
    currency: "Currency",
  };
  profile.left.mapping = mapping;
  profile.right.mapping = { ...mapping };
  let breaks = 0;
  const r = await benchOfficeRoundTrips(rows, async (port) => {
    const run = await runRecon(port, profile, { runDate: 20758 });
    breaks = run.result.breaks.length;
  });
  const perRow = 2 * rows + breaks;
  record(
    "recon office",
    `context.sync() calls, runRecon ${fmt(rows)} rows/side`,
    fmt(r.syncs),
    "per-row sync loop (read each row, write each break)",
    fmt(perRow),
    `${(r.syncs / perRow).toFixed(5)}x`,
  );
  console.log(
    `  ${fmt(breaks)} breaks written; rows per read chunk ${fmt(r.rowsPerChunk)}, per write chunk ${fmt(r.rowsPerWriteChunk)}; largest request ${mb(r.requestBytes.max)}, largest response ${mb(r.responseBytes.max)}; Excel.run calls ${r.runs}`,
  );
  return r;
}
