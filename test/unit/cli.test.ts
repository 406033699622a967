/**
 * The CLI as a user runs it: the built dist/cli/bo.js (npm test builds first) on the bundled samples.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

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
    const lines = run(["fn", "--jsonl"], input).out.trim().split("\n").map((l) => JSON.parse(l));
    // 2024-01-31..2024-03-31 = 60 days within leap year 2024: 60/366.
    expect(lines[0]).toEqual({ value: 60 / 366 });
    expect(lines[1].error).toBe("#VALUE!");
    expect(lines[2]).toEqual({ error: "#VALUE!", message: "line 3: not valid JSON" });
    expect(lines[3].error).toBe("#NAME?");
  });
});

describe("bo recon on the bundled samples", () => {
  const out = join(tmp, "breaks.xlsx");
  let r: ReturnType<typeof run>;
  beforeAll(() => {
    r = run([
      "recon", "--left", "samples/books.xlsx#Trades", "--left-key", "Trade Ref", "--left-value", "Net Amount",
      "--right", "samples/custodian.csv", "--right-key", "Client Ref", "--right-value", "Net Amount",
      "--tolerance", "0.01", "--out", out,
    ]);
  });
  it("summarises: 41 books rows and 41 custodian rows, breaks by kind", () => {
    expect(r.code).toBe(0);
    // Known from scripts/make-samples.mjs: T2610-0010 amount off by 125; T2610-0016 not confirmed;
    // T2610-0041 booked late; T2610-0099 unknown to the books; T2610-0032 confirmed twice;
    // T2610-0007 (#N/A) and T2610-0012 (text amount) are row errors; T2610-0004 differs by 0.004 (matched).
    expect(r.out).toContain(
      "Books 41 rows, Custodian 41 rows: 35 matched, 7 breaks (1 amount difference, 2 missing in Custodian, 1 missing in Books, 1 duplicate key, 2 row errors)",
    );
    expect(r.out).toMatch(/sheet 'Trades', row 10, column 'Net Amount' \(J\)/);
  });
  it("writes a Breaks table whose rows point at the source rows", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Breaks")!;
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    expect(header).toEqual(["Break", "Code", "Key", "Books rows", "Custodian rows", "Books Net Amount", "Custodian Net Amount", "Difference", "Detail"]);
    const rows: unknown[][] = [];
    for (let i = 5; i <= ws.rowCount; i++) rows.push((ws.getRow(i).values as unknown[]).slice(1, 6));
    expect(rows.map((x) => x.slice(1, 5))).toEqual(
      expect.arrayContaining([
        ["AMOUNT", "T2610-0010", "13", "11"],
        ["ROW_ERROR", "T2610-0007", "10", "8"],
        ["ROW_ERROR", "T2610-0012", "15", "13"],
        ["MISSING_RIGHT", "T2610-0016", "19", ""],
        ["MISSING_RIGHT", "T2610-0041", "45", ""],
        ["DUPLICATE", "T2610-0032", "36", "32, 42"],
        ["MISSING_LEFT", "T2610-0099", "", "41"],
      ]),
    );
    expect(rows).toHaveLength(7);
    expect(Object.keys((ws as unknown as { tables: object }).tables)).toEqual(["BO_Breaks"]);
  });
  it("gives identical output for identical input", () => {
    const again = join(tmp, "again.xlsx");
    run(["recon", "--left", "samples/books.xlsx#Trades", "--left-key", "Trade Ref", "--left-value", "Net Amount", "--right", "samples/custodian.csv", "--right-key", "Client Ref", "--right-value", "Net Amount", "--tolerance", "0.01", "--out", again]);
    const a = spawnSync("unzip", ["-p", out, "xl/worksheets/sheet1.xml"], { encoding: "utf8" }).stdout;
    const b = spawnSync("unzip", ["-p", again, "xl/worksheets/sheet1.xml"], { encoding: "utf8" }).stdout;
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
  });
});

describe("bo recon: bad input", () => {
  it("names the sheet and the header row when the key column is missing", () => {
    const r = run(["recon", "--left", "samples/books.xlsx#Trades", "--key", "Reference", "--value", "Net Amount", "--right", "samples/custodian.csv", "--out", join(tmp, "x.xlsx")]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/sheet 'Trades', row 3, column 'Reference'.*not found on header row 3/);
  });
  it("reports text, #N/A, blanks and parses (1,234.50) in a compare column, without crashing", () => {
    const l = join(tmp, "l.csv");
    const rr = join(tmp, "r.csv");
    writeFileSync(l, "Ref,Amount\nA,abc\nB,#N/A\nC,\nD,\"(1,234.50)\"\n");
    writeFileSync(rr, "Ref,Amount\nA,1\nB,2\nC,3\nD,-1234.5\n");
    const r = run(["recon", "--left", l, "--right", rr, "--key", "Ref", "--value", "Amount", "--out", join(tmp, "bad.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 matched, 3 breaks");
    expect(r.out).toMatch(/sheet 'l.csv', row 2, column 'Amount' \(B\)/);
    expect(r.out).toMatch(/sheet 'l.csv', row 3, column 'Amount' \(B\).*#N\/A/);
    expect(r.out).toMatch(/sheet 'l.csv', row 4, column 'Amount' \(B\)/);
  });
});
