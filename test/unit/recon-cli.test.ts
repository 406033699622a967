/**
 * `bo recon` as a user runs it: the built dist/cli/bo.js (npm test builds first) on the bundled
 * samples and their profiles (samples/profiles/*.json).
 *
 * Expected breaks are derived from the scenarios written in scripts/make-samples.mjs (each scenario
 * is labelled there with the break it should give) and the matching rules in docs/recon-engine.md.
 * Row numbers are derived from the files' layout, not copied from a run: books.xlsx has a title on
 * row 1, a blank row 2, the header on row 3 and trade n on row 3 + n, plus one for the blank row
 * inserted after trade 20; CSV rows are line numbers (header on line 1) and are looked up in the file.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { validateProfile } from "../../src/core/recon/profile-validate";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");
const tmp = mkdtempSync(join(tmpdir(), "bo-recon-cli-"));
const RUN_DATE = "2026-10-31";

function run(args: string[]) {
  const r = spawnSync("node", [bo, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function recon(kind: string, name: string, extra: string[] = []) {
  const out = join(tmp, `${name}.xlsx`);
  const json = join(tmp, `${name}.json`);
  const r = run([
    "recon",
    "--profile",
    `samples/profiles/${kind}.json`,
    "--out",
    out,
    "--json",
    json,
    "--run-date",
    RUN_DATE,
    ...extra,
  ]);
  const result = r.code === 0 ? JSON.parse(readFileSync(json, "utf8")) : undefined;
  return { ...r, xlsx: out, json, result };
}

interface BreakJson {
  id: string;
  runStatus: string;
  codes: string[];
  pass?: string;
  leftRows: number[];
  rightRows: number[];
  keys: Record<string, string>;
  owner: string;
  status: string;
  comment: string;
}

/** Line numbers (1-based, header = 1) of the CSV lines whose first cell is `ref`. */
function csvLines(file: string, test: (cells: string[]) => boolean): number[] {
  const lines = readFileSync(join(root, file), "utf8").split(/\r?\n/);
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (i > 0 && l !== "" && test(l.split(","))) out.push(i + 1);
  });
  return out;
}
const refLines = (ref: string) => csvLines("samples/custodian.csv", (c) => c[0] === ref);
const booksRow = (n: number) => 3 + n + (n > 20 ? 1 : 0);

function byCodes(breaks: BreakJson[]): string[] {
  return breaks.map((b) => b.codes.join("+")).sort();
}

describe("samples/profiles/*.json", () => {
  it.each(["trade", "position", "cash"])("%s.json meets the profile schema (validateProfile)", (kind) => {
    const v = validateProfile(JSON.parse(readFileSync(join(root, `samples/profiles/${kind}.json`), "utf8")));
    expect(v.errors).toEqual([]);
    expect(v.profile?.kind).toBe(kind);
  });
});

describe("bo recon: trade sample (books.xlsx vs custodian.csv)", () => {
  let r: ReturnType<typeof recon>;
  beforeAll(() => {
    r = recon("trade", "trade");
  });

  it("completes with exit 0 and prints rows per side, matches per pass, breaks by code and conservation", () => {
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // 60 trades; one blank row after trade 20 is skipped. Custodian: 60 trades - 1 unconfirmed (30)
    // + 1 extra partial (7) + 2 extra partials (22) + 1 duplicate confirmation (47) + 1 cancelled
    // copy (50) + 1 trade unknown to the books (T2610-0099) = 65 rows.
    expect(r.out).toContain("Books      60 rows from samples/books.xlsx#Trades (header row 3, 1 blank row skipped)");
    expect(r.out).toContain("Custodian  65 rows from samples/custodian.csv (header row 1)");
    // Pass 1 (reference, 1:N): 60 - 4 blank refs - 1 #N/A row - 1 unconfirmed = 54 books rows reach a
    // reference; 4 of them are breaks (11, 14, 26, 41): 50 matched, with 50 + 1 + 2 partial rows = 53.
    expect(r.out).toContain("reference: 50 Books rows with 53 Custodian rows");
    // Pass 2 (economics, 1:1): blank refs 5, 18, 33 match (33 settles a day late, inside -1..+3); 47 is duplicated.
    expect(r.out).toContain("economics: 3 Books rows with 3 Custodian rows");
    expect(r.out).toContain("Excluded: Custodian: cancelled by the custodian (1)");
    expect(r.out).toContain(
      "Conservation holds: Books 60 in = 53 matched + 7 in breaks + 0 excluded = 60 out; Custodian 65 in = 56 matched + 8 in breaks + 1 excluded = 65 out",
    );
    // Both input errors are named by sheet or file, row and column.
    expect(r.out).toContain("sheet 'Trades', row 12, column 'Net Amount' (J): the cell holds the Excel error #N/A");
    expect(r.out).toMatch(/sheet 'custodian\.csv', row \d+, column 'Security ID' \(C\): identifier '037833103'/);
  });

  it("finds each injected break with its code and rows", () => {
    const breaks: BreakJson[] = r.result.breaks;
    expect(byCodes(breaks)).toEqual(
      [
        "ROW_ERROR", // 9: books Net Amount #N/A
        "MISSING_LEFT", // 9's confirmation: its books row is set aside as a row error
        "QUANTITY+AMOUNT", // 11: 100 shares short, net amount accordingly
        "PRICE", // 14: price 0.10 higher, beyond 1 bp
        "SETTLE_DATE", // 26: T+3 instead of T+2 (exact in the reference pass)
        "MISSING_RIGHT", // 30: never confirmed
        "INVALID_ID", // 41: CUSIP with a wrong check digit
        "DUPLICATE", // 47: blank reference, confirmation sent twice
        "MISSING_LEFT", // T2610-0099: unknown to the books
      ].sort(),
    );
    const find = (code: string, ref: string) => breaks.find((b) => b.codes.includes(code) && b.keys.ref === ref)!;
    expect(find("QUANTITY", "T2610-0011")).toMatchObject({
      leftRows: [booksRow(11)],
      rightRows: refLines("T2610-0011"),
      pass: "reference",
    });
    expect(find("PRICE", "T2610-0014")).toMatchObject({ leftRows: [booksRow(14)], rightRows: refLines("T2610-0014") });
    expect(find("SETTLE_DATE", "T2610-0026")).toMatchObject({ leftRows: [booksRow(26)] });
    expect(find("MISSING_RIGHT", "T2610-0030")).toMatchObject({ leftRows: [booksRow(30)], rightRows: [] });
    expect(find("INVALID_ID", "T2610-0041")).toMatchObject({
      leftRows: [booksRow(41)],
      rightRows: refLines("T2610-0041"),
    });
    expect(find("MISSING_LEFT", "T2610-0099")).toMatchObject({ leftRows: [], rightRows: refLines("T2610-0099") });
    const dup = breaks.find((b) => b.codes.includes("DUPLICATE"))!;
    expect(dup.pass).toBe("economics");
    expect(dup.leftRows).toEqual([booksRow(47)]);
    // The two identical blank-reference lines of trade 47.
    expect(dup.rightRows).toHaveLength(2);
    expect(dup.rightRows[1]).toBe(dup.rightRows[0] + 1);
  });

  it("sums partial settlements: trade 7 (two custodian rows) and trade 22 (three) are matched by the reference pass", () => {
    const m = (n: number) => r.result.matches.find((x: { leftRows: number[] }) => x.leftRows[0] === booksRow(n));
    expect(m(7)).toMatchObject({ pass: "reference", rightRows: refLines("T2610-0007") });
    expect(refLines("T2610-0007")).toHaveLength(2);
    expect(m(22)).toMatchObject({ pass: "reference", rightRows: refLines("T2610-0022") });
    expect(refLines("T2610-0022")).toHaveLength(3);
  });

  it("writes JSON in the documented format (docs/recon-profile.md, JSON result)", () => {
    const j = r.result;
    expect(Object.keys(j)).toEqual([
      "format",
      "version",
      "profile",
      "runDate",
      "summary",
      "matches",
      "breaks",
      "resolvedSinceLastRun",
      "suggestions",
      "excluded",
    ]);
    expect(j).toMatchObject({
      format: "bo-recon-result",
      version: 1,
      profile: "Trade reconciliation",
      runDate: RUN_DATE,
    });
    expect(Object.keys(j.summary)).toEqual(["left", "right", "passes", "breaksByCode", "suggestions", "conservation"]);
    expect(j.summary.conservation).toEqual({ leftIn: 60, leftOut: 60, rightIn: 65, rightOut: 65, holds: true });
    for (const b of j.breaks as BreakJson[]) {
      expect(b.id).toMatch(/^B-[0-9a-f]{10}$/);
      expect(b.runStatus).toBe("new");
      expect(b).toMatchObject({ owner: "", status: "open", comment: "" });
    }
    const q = (j.breaks as Array<BreakJson & { fields: unknown[] }>).find((b) => b.keys.ref === "T2610-0011")!;
    expect(q.fields).toEqual([
      expect.objectContaining({ field: "quantity", code: "QUANTITY", difference: "100", rule: "exact" }),
      expect.objectContaining({ field: "amount", code: "AMOUNT" }),
    ]);
    // The cancelled copy of trade 50 is the line after trade 50's own confirmation.
    expect(j.excluded).toEqual([
      { side: "right", row: refLines("T2610-0050")[1], reason: "cancelled by the custodian" },
    ]);
  });
});

describe("bo recon: position sample", () => {
  it("quantity exact, market value within $10 for equities and $50 for fixed income, a split and a missing holding each side", () => {
    const r = recon("position", "position");
    expect(r.code).toBe(0);
    // make-samples.mjs POS: MSFT/A-001 10 shares booked wrong (QUANTITY + MARKET_VALUE); TSLA/A-002
    // 2-for-1 split at the custodian (QUANTITY only: MV agrees); SAP/A-002 MV 35.00 off (> 10);
    // EIB/A-002 MV 180.00 off (> 50); BP/A-002 not at the custodian; a spin-off only at the custodian.
    const breaks: BreakJson[] = r.result.breaks;
    expect(byCodes(breaks)).toEqual([
      "MARKET_VALUE",
      "MARKET_VALUE",
      "MISSING_LEFT",
      "MISSING_RIGHT",
      "QUANTITY",
      "QUANTITY+MARKET_VALUE",
    ]);
    expect(breaks.find((b) => b.codes.join() === "QUANTITY")!.keys).toEqual({
      account: "FUND-A-002",
      security: "US88160R1014",
    });
    // AAPL/A-001 (6.40 off) and UST/A-001 (42.50 off) are matched within tolerance, their differences kept.
    const within = r.result.matches.filter((m: { withinTolerance?: unknown[] }) => m.withinTolerance);
    expect(
      within.map((m: { withinTolerance: Array<{ difference: string }> }) => m.withinTolerance[0].difference).sort(),
    ).toEqual(["-42.50", "-6.40"]);
    expect(r.out).toContain("holding: 17 Books rows with 17 Custodian rows");
  });
});

describe("bo recon: cash sample", () => {
  it("reference pass, amount pass for blank references, VALUE_DATE and AMOUNT breaks, and a subset-sum suggestion", () => {
    const r = recon("cash", "cash");
    expect(r.code).toBe(0);
    // make-samples.mjs CASH: 36 items + 3 invoices in the ledger; the bank has 35 of the 36 (31 is an
    // outstanding payment), one remittance for the three invoices and an interest credit = 37.
    expect(r.out).toContain("Ledger  39 rows");
    expect(r.out).toContain("Bank    37 rows");
    // 36 - 3 blank references - 1 outstanding - 2 breaks (12, 20) = 30 by reference; 3 by amount.
    expect(r.out).toContain("reference: 30 Ledger rows with 30 Bank rows");
    expect(r.out).toContain("amount: 3 Ledger rows with 3 Bank rows");
    const breaks: BreakJson[] = r.result.breaks;
    expect(byCodes(breaks)).toEqual(
      [
        "AMOUNT",
        "MISSING_LEFT",
        "MISSING_LEFT",
        "MISSING_RIGHT",
        "MISSING_RIGHT",
        "MISSING_RIGHT",
        "MISSING_RIGHT",
        "VALUE_DATE",
      ].sort(),
    );
    expect(breaks.find((b) => b.codes[0] === "AMOUNT")!.keys.reference).toBe("RCV-26120"); // 50,000.00 credited net of 25.00
    // The remittance of 10,000.00 against invoices INV-1001..1003 (4,200.00 + 3,150.50 + 2,649.50),
    // ledger rows 40-42 (items 37-39 under the header on row 3), proposed, never matched.
    const remit = csvLines("samples/bank-statement.csv", (c) => c[3] === "ACME REMIT 0042");
    expect(r.result.suggestions).toEqual([
      expect.objectContaining({ kind: "subset-sum", pass: "one-to-many", leftRows: [40, 41, 42], rightRows: remit }),
    ]);
  });
});

describe("bo recon: breaks that remember (--previous)", () => {
  it("carries the analyst's owner, status and comment to the next run and marks the break persisting", async () => {
    const first = recon("trade", "memory-1");
    expect(first.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first.xlsx);
    const ws = wb.getWorksheet("Breaks")!;
    let headerRow = 0;
    const col: Record<string, number> = {};
    ws.eachRow((row, n) => {
      if (headerRow) return;
      const texts = (row.values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
      if (texts.includes("Break ID") && texts.includes("Comment")) {
        headerRow = n;
        texts.forEach((t, i) => t && (col[t] = i));
      }
    });
    expect(headerRow).toBeGreaterThan(0);
    const target = (first.result.breaks as BreakJson[]).find((b) => b.keys.ref === "T2610-0011")!;
    let written = 0;
    for (let n = headerRow + 1; n <= ws.rowCount; n++) {
      if (ws.getCell(n, col["Break ID"]).text !== target.id) continue;
      ws.getCell(n, col["Owner"]).value = "Ana";
      ws.getCell(n, col["Status"]).value = "investigating";
      ws.getCell(n, col["Comment"]).value = "Custodian confirmed 100 short; chasing the broker";
      written++;
    }
    expect(written).toBe(1);
    const prev = join(tmp, "memory-annotated.xlsx");
    await wb.xlsx.writeFile(prev);

    const second = recon("trade", "memory-2", ["--previous", prev, "--run-date", "2026-11-02"]);
    expect(second.code).toBe(0);
    expect(second.out).toContain("new 0, persisting 9, resolved since the last run 0");
    const again = (second.result.breaks as BreakJson[]).find((b) => b.id === target.id)!;
    expect(again).toMatchObject({
      runStatus: "persisting",
      owner: "Ana",
      status: "investigating",
      comment: "Custodian confirmed 100 short; chasing the broker",
    });
    // ... and in the workbook the analyst opens next.
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(second.xlsx);
    const texts: string[] = [];
    wb2
      .getWorksheet("Breaks")!
      .eachRow((row) =>
        texts.push((row.values as unknown[]).map((v) => (v === undefined || v === null ? "" : String(v))).join("|")),
      );
    expect(
      texts.some(
        (t) => t.includes(target.id) && t.includes("persisting") && t.includes("Custodian confirmed 100 short"),
      ),
    ).toBe(true);
  });
});

describe("bo recon: reproducible output", () => {
  it("gives an identical workbook (sheet XML) for identical inputs and run date", () => {
    const a = recon("trade", "same-a");
    const b = recon("trade", "same-b");
    // Every part of the package, the two sheets with their rows among them.
    const parts = spawnSync("unzip", ["-Z1", a.xlsx], { encoding: "utf8" }).stdout.trim().split("\n");
    expect(parts).toEqual(spawnSync("unzip", ["-Z1", b.xlsx], { encoding: "utf8" }).stdout.trim().split("\n"));
    expect(parts).toEqual(expect.arrayContaining(["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]));
    for (const part of parts) {
      const x = spawnSync("unzip", ["-p", a.xlsx, part], { encoding: "utf8" }).stdout;
      const y = spawnSync("unzip", ["-p", b.xlsx, part], { encoding: "utf8" }).stdout;
      if (part.startsWith("xl/worksheets/sheet")) expect(x.length).toBeGreaterThan(500);
      expect(y).toBe(x);
    }
  });
});
