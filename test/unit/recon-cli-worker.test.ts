/**
 * `bo recon` loads one side on a worker thread when both files are 1 MB or more (src/cli/side-worker.ts).
 * The result must not depend on it: the same run with the worker (default) and without it
 * (BO_LOAD_WORKERS=0) must give the same JSON result, the same Breaks and Summary sheet XML and the
 * same printed summary. The data is the bench's generator (scripts/bench/gen-trades.ts: breaks of
 * every kind, partial settlements, CUSIP/SEDOL cross-walk, blank references) at a size over 1 MB a
 * file. A preloaded spy records the workers started, so the worker path is shown to have run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateTrades } from "../../scripts/bench/gen-trades";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");
const tmp = mkdtempSync(join(tmpdir(), "bo-recon-worker-"));
const data = generateTrades(15_000, join(tmp, "data"));

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

function recon(name: string, env: Record<string, string>) {
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
      "2026-10-31",
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
    // The generator injects 6 breaks per 100 trades (docs/bench.md "Data"): 900 of 15,000.
    const result = JSON.parse(single.json) as { breaks: unknown[] };
    expect(result.breaks).toHaveLength(900);
    expect(withWorker.json).toBe(single.json);
    expect(withWorker.breaks.length).toBeGreaterThan(10_000);
    expect(withWorker.breaks).toBe(single.breaks);
    expect(withWorker.summary).toBe(single.summary);
    expect(withWorker.strings).toBe(single.strings);
    expect(withWorker.stdout).toBe(single.stdout);
  });
});
