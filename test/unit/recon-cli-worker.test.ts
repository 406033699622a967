/**
 * `bo recon` loads one side on a worker thread when both files are 1 MB or more (src/cli/side-worker.ts).
 * The result must not depend on it: the same run with the worker (default) and without it
 * (BO_LOAD_WORKERS=0) must give the same JSON result, the same Breaks and Summary sheet XML and the
 * same printed summary. The data is the bench's generator (scripts/bench/gen-trades.ts: breaks of
 * every kind, partial settlements, CUSIP/SEDOL cross-walk, blank references) at a size over 1 MB a
 * file, with over 20,000 distinct references a side so that the worker's reference column is kept as
 * bytes (records.ts PooledText) and crosses back as typed arrays. A preloaded spy records the workers
 * started, so the worker path is shown to have run. The day-2 run (--previous) is compared the same
 * way: the worker starts before the previous run's breaks are read, and loads while they are.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Worker } from "node:worker_threads";
import { generateTrades } from "../../scripts/bench/gen-trades";
import { startSideWorker } from "../../src/cli/side-worker";
import type { SideLoadRequest } from "../../src/io/recon/workflow";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");
const tmp = mkdtempSync(join(tmpdir(), "bo-recon-worker-"));
const data = generateTrades(25_000, join(tmp, "data"));

// Counts worker threads started by the CLI (written to stderr), without changing the CLI.
const spy = join(tmp, "spy.js");
writeFileSync(
  spy,
  `const wt = require("node:worker_threads");
const Base = wt.Worker;
wt.Worker = class extends Base {
  constructor(file, opts) { process.stderr.write("SPY worker " + require("node:path").basename(String(file)) + "\\n"); super(file, opts); }
};
`,
);

function recon(name: string, env: Record<string, string>, extra: string[] = [], runDate = "2026-10-31") {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const out = join(dir, "out.xlsx");
  const json = join(dir, "out.json");
  const r = spawnSync(
    "node",
    [
      "-r",
      spy,
      bo,
      "recon",
      "--profile",
      "samples/profiles/trade.json",
      "--left",
      data.books,
      "--right",
      data.custodian,
      "--master",
      data.master,
      "--out",
      out,
      "--json",
      json,
      "--run-date",
      runDate,
      ...extra,
    ],
    { cwd: root, encoding: "utf8", env: { ...process.env, ...env } },
  );
  const part = (p: string) => spawnSync("unzip", ["-p", out, p], { encoding: "utf8" }).stdout;
  return {
    code: r.status,
    err: r.stderr,
    stdout: r.stdout.split(dir).join("<out>"),
    json: r.status === 0 ? readFileSync(json, "utf8") : "",
    breaks: part("xl/worksheets/sheet1.xml"),
    summary: part("xl/worksheets/sheet2.xml"),
    strings: part("xl/sharedStrings.xml"),
  };
}

describe("bo recon: a side loaded on a worker thread", () => {
  it("gives the same result, sheets and summary as loading both sides in one thread", () => {
    // Both inputs are over the 1 MB threshold, so the default run uses the worker.
    expect(statSync(data.books).size).toBeGreaterThan(1 << 20);
    expect(statSync(data.custodian).size).toBeGreaterThan(1 << 20);
    const withWorker = recon("worker", {});
    const single = recon("single", { BO_LOAD_WORKERS: "0" });
    expect(withWorker.code).toBe(0);
    expect(single.code).toBe(0);
    expect(withWorker.err.match(/SPY worker load-worker\.js/g)).toHaveLength(1);
    expect(single.err).not.toMatch(/SPY worker/);
    // The generator injects 6 breaks per 100 trades (docs/bench.md "Data"): 1,500 of 25,000.
    const result = JSON.parse(single.json) as { breaks: unknown[] };
    expect(result.breaks).toHaveLength(1500);
    expect(withWorker.json).toBe(single.json);
    expect(withWorker.breaks.length).toBeGreaterThan(10_000);
    expect(withWorker.breaks).toBe(single.breaks);
    expect(withWorker.summary).toBe(single.summary);
    expect(withWorker.strings).toBe(single.strings);
    expect(withWorker.stdout).toBe(single.stdout);
  });

  it("a day-2 run (--previous) gives the same result with the worker as without", () => {
    const day1 = join(tmp, "single", "out.xlsx");
    const withWorker = recon("day2-worker", {}, ["--previous", day1], "2026-11-30");
    const single = recon("day2-single", { BO_LOAD_WORKERS: "0" }, ["--previous", day1], "2026-11-30");
    expect(withWorker.code).toBe(0);
    expect(single.code).toBe(0);
    expect(withWorker.err.match(/SPY worker load-worker\.js/g)).toHaveLength(1);
    expect(withWorker.stdout).toMatch(/persisting 1500/);
    expect(withWorker.json).toBe(single.json);
    expect(withWorker.breaks).toBe(single.breaks);
    expect(withWorker.stdout).toBe(single.stdout);
  });

  it("a --previous file that cannot be read stops the run with its error, worker or not", () => {
    const missing = join(tmp, "no-such.xlsx");
    const withWorker = recon("bad-prev-worker", {}, ["--previous", missing]);
    const single = recon("bad-prev-single", { BO_LOAD_WORKERS: "0" }, ["--previous", missing]);
    expect(withWorker.code).toBe(1);
    expect(withWorker.err).toMatch(/no-such\.xlsx/);
    expect(withWorker.err.replace(/SPY worker.*\n/g, "")).toBe(single.err);
  });
});

describe("startSideWorker: a worker that fails never leaves the run waiting", () => {
  const request = { name: "left" } as SideLoadRequest;
  const start = (code: string) => {
    const file = join(tmp, `w-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, code);
    let worker: Worker | undefined;
    const load = startSideWorker(file, (w) => (worker = w));
    return { load, worker: worker! };
  };

  it("failing before the side is asked for: the request is refused with the failure", async () => {
    const { load, worker } = start('throw new Error("boom at start");');
    // (events.once would reject on the worker's error event: wait for the exit itself.)
    await new Promise((resolve) => worker.once("exit", resolve));
    await expect(load(request, () => undefined)).rejects.toThrow(/boom at start/);
  });

  it("stopping after the request without answering: refused, naming the exit code", async () => {
    const { load } = start('require("node:worker_threads").parentPort.once("message", () => process.exit(5));');
    await expect(load(request, () => undefined)).rejects.toThrow(
      /load worker for the left side stopped \(exit code 5\)/,
    );
  });
});
