/**
 * The CLI as a user runs it: the built dist/cli/bo.js (npm test builds first) on the bundled samples.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { barText, progressBar } from "../../src/cli/progress";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");
const tmp = mkdtempSync(join(tmpdir(), "bo-cli-"));

function run(args: string[], input?: string) {
  const r = spawnSync("node", [bo, ...args], { cwd: root, input, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("bo fn", () => {
  it("prints Excel's YEARFRAC basis 1 value for 2012-01-01..2012-07-30 (211/366, Microsoft's YEARFRAC example)", () => {
    const r = run(["fn", "BO.YEARFRAC", "2012-01-01", "2012-07-30", "1"]);
    expect(r.out).toBe("0.5765027322404371\n");
    expect(r.code).toBe(0);
  });
  it("accepts the bare Excel name and serials", () => {
    expect(run(["fn", "YEARFRAC", "40909", "41120", "1"]).out).toBe("0.5765027322404371\n");
  });
  it("prints the Excel error and a message for bad input", () => {
    const r = run(["fn", "BO.YEARFRAC", "2012-01-01", "2012-07-30", "7"]);
    expect(r.out).toBe("#NUM!\n");
    expect(r.err).toMatch(/basis/i);
    expect(r.code).toBe(1);
  });
  it("answers one JSON line per call with --jsonl, errors included", () => {
    const input = [
      JSON.stringify({ fn: "BO.YEARFRAC", args: ["2024-01-31", "2024-03-31", 1] }),
      JSON.stringify({ fn: "BO.YEARFRAC", args: ["x", "2024-03-31"] }),
      "not json",
      JSON.stringify({ fn: "BO.NOSUCH", args: [] }),
    ].join("\n");
    const lines = run(["fn", "--jsonl"], input)
      .out.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // 2024-01-31..2024-03-31 = 60 days within leap year 2024: 60/366.
    expect(lines[0]).toEqual({ value: 60 / 366 });
    expect(lines[1].error).toBe("#VALUE!");
    expect(lines[2]).toEqual({ error: "#VALUE!", message: "line 3: not valid JSON" });
    expect(lines[3].error).toBe("#NAME?");
  });
});

// bo recon's samples, JSON, memory and bad input are in recon-cli.test.ts and recon-cli-errors.test.ts.
describe("bo recon: the --key/--value shortcut (one pass on a key column, one number compared)", () => {
  it("pairs on the key, compares the value within --tolerance, reports text, #N/A and blank keys", () => {
    const l = join(tmp, "l.csv");
    const rr = join(tmp, "r.csv");
    // A: text amount (row error); B: #N/A (row error); C: 3 vs 3.004 within 0.01 (matched);
    // D: (1,234.50) vs -1234.5 (matched: parenthesised negative); E: 10 vs 12 (AMOUNT); line 7 blank key.
    writeFileSync(l, 'Ref,Amount\nA,abc\nB,#N/A\nC,3\nD,"(1,234.50)"\nE,10\n,7\n');
    writeFileSync(rr, "Ref,Amount\nA,1\nB,2\nC,3.004\nD,-1234.5\nE,12\n");
    const out = join(tmp, "shortcut.xlsx");
    const json = join(tmp, "shortcut.json");
    const r = run([
      "recon",
      "--left",
      l,
      "--right",
      rr,
      "--key",
      "Ref",
      "--value",
      "Amount",
      "--tolerance",
      "0.01",
      "--out",
      out,
      "--json",
      json,
      "--run-date",
      "2026-10-31",
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("key: 2 Books rows with 2 Custodian rows");
    expect(r.out).toMatch(/sheet 'l\.csv', row 2, column 'Amount' \(B\): expected a number, found 'abc'/);
    expect(r.out).toMatch(/sheet 'l\.csv', row 3, column 'Amount' \(B\).*#N\/A/);
    expect(r.out).toMatch(/sheet 'l\.csv', row 7, column 'Ref' \(A\): Books: the key 'ref' is blank/);
    const result = JSON.parse(readFileSync(json, "utf8"));
    const codes = result.breaks.map((b: { codes: string[] }) => b.codes.join("+")).sort();
    // A and B: a row error on the left, and their right rows unmatched; E: AMOUNT; the blank key: missing.
    expect(codes).toEqual(["AMOUNT", "MISSING_LEFT", "MISSING_LEFT", "MISSING_RIGHT", "ROW_ERROR", "ROW_ERROR"]);
  });

  it("names the sheet and header row when the key column is missing (exit 1)", () => {
    const r = run([
      "recon",
      "--left",
      "samples/books.xlsx#Trades",
      "--key",
      "Reference",
      "--value",
      "Net Amount",
      "--right",
      "samples/custodian.csv",
      "--out",
      join(tmp, "x.xlsx"),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/sheet 'Trades', row 3, column 'Reference'.*not in header row 3/);
  });
});

describe("bo recon --kind: the built-in default profile with columns proposed from the headers", () => {
  it("runs the default trade profile on the samples and says which mapping it used", () => {
    const r = run([
      "recon",
      "--kind",
      "trade",
      "--left",
      "samples/books.xlsx#Trades",
      "--right",
      "samples/custodian.csv",
      "--out",
      join(tmp, "kind.xlsx"),
      "--run-date",
      "2026-10-31",
    ]);
    expect(r.code).toBe(0);
    // Proposed from the headers by the aliases in src/core/recon/kinds.ts (STANDARD_FIELDS.trade).
    expect(r.out).toContain(
      "Books: the profile maps no columns; used the mapping proposed from header row 3: ref <- 'Trade Ref'",
    );
    expect(r.out).toContain(
      "Custodian: the profile maps no columns; used the mapping proposed from header row 1: ref <- 'Client Ref'",
    );
    expect(r.out).toMatch(/Conservation holds/);
  });
});

describe("bo --help", () => {
  it("lists the recon command's options", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    for (const opt of ["--profile", "--kind", "--previous", "--json", "--run-date", "--master"])
      expect(r.out).toContain(opt);
  });
});

describe("the progress bar (src/cli/progress.ts)", () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { isTTY, columns: 60, writes, write: (s: string) => writes.push(s) };
  };

  it("writes nothing when standard error is not a terminal (a pipe or a log)", () => {
    const s = stream(false);
    const bar = progressBar(s, 0);
    bar.update(0.5, "Matching");
    bar.done();
    expect(s.writes).toEqual([]);
  });

  it("redraws one line with a carriage return on a terminal and clears it when done", () => {
    const s = stream(true);
    const bar = progressBar(s, 0);
    bar.update(0.25, "Reading Books");
    bar.update(1, "Writing Breaks");
    bar.done();
    expect(s.writes[0]).toBe(`\r${barText(0.25, "Reading Books", 60)}`);
    expect(s.writes[0]).toContain("[######..................]  25% Reading Books");
    expect(s.writes[1].startsWith("\r[########################] 100% Writing Breaks")).toBe(true);
    expect(s.writes[2]).toMatch(/^\r +\r$/);
  });

  it("never wraps: the line is cut to the terminal's width", () => {
    expect(barText(0.5, "x".repeat(200), 40).length).toBe(39);
  });
});
