/**
 * src/io/recon/workflow.ts end to end: the Office.js adapter on the memory Excel host (what the task
 * pane runs) and the file adapter (what `bo recon` runs), with the engine and the real loaders.
 * Inputs and their expected breaks: test/unit/recon-workflow-fixtures.ts (read by hand).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dayFromCivil, formatIso } from "../../src/core/dates/civil";
import { defaultProfile } from "../../src/core/recon/kinds";
import { createMemoryHost, type MemoryHost } from "../../src/excel/memory-host";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { resultToJson } from "../../src/io/recon/json";
import { ReconInputError, runRecon } from "../../src/io/recon/workflow";
import {
  booksFormats,
  booksValues,
  custodianCsv,
  custodianValues,
  serial,
  tradeProfile,
} from "./recon-workflow-fixtures";

const day1 = dayFromCivil(2026, 10, 30);
const day2 = dayFromCivil(2026, 11, 2);

function workbook(custodianRows?: string[]): MemoryHost {
  const host = createMemoryHost();
  const books = booksValues();
  host.addSheet("Books", books, booksFormats(books));
  host.addSheet("Custodian", custodianValues(custodianRows));
  return host;
}

/** Rows of a written Breaks sheet below its header, as objects by header. */
function breaksTable(host: MemoryHost, name = "Breaks"): Record<string, unknown>[] {
  const v = host.getSheet(name).values;
  const h = v.findIndex((r) => r[0] === "Break ID");
  return v.slice(h + 1).map((r) => Object.fromEntries(v[h].map((k, i) => [String(k), r[i]])));
}

describe("runRecon on the memory Excel host (the add-in)", () => {
  test("writes Breaks and Summary; each break links to its source rows, which hold that trade", async () => {
    const host = workbook();
    const port = new ExcelWorkbook(host.run);
    const progress: number[] = [];
    const run = await runRecon(port, tradeProfile(), {
      runDate: day1,
      previous: "from-workbook",
      progress: (f) => progress.push(f),
    });
    expect(run.sheets).toEqual({ breaks: "Breaks", summary: "Summary" });
    expect(run.errors).toEqual([]);
    expect(run.result.summary.conservation.holds).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);

    const rows = breaksTable(host);
    expect(rows.map((r) => [r["Trade reference"], r["Codes"], r["Run status"]])).toEqual([
      ["T2", "QUANTITY, AMOUNT", "new"],
      ["T3", "MISSING_RIGHT", "new"],
      ["T4", "MISSING_LEFT", "new"],
    ]);
    const sheet = host.getSheet("Breaks");
    const headerRow = sheet.values.findIndex((r) => r[0] === "Break ID") + 1; // Excel row of the header
    const colOf = (h: string) => String.fromCharCode(65 + sheet.values[headerRow - 1].indexOf(h));
    // Follow every link to its source row and check it is the break's trade.
    rows.forEach((r, i) => {
      for (const [header, source, refCol] of [
        ["Books rows", "Books", 0],
        ["Custodian rows", "Custodian", 0],
      ] as const) {
        const link = sheet.hyperlinks[`${colOf(header)}${headerRow + 1 + i}`];
        if (r[header] === "") {
          expect(link).toBeUndefined();
          continue;
        }
        expect(link.documentReference).toBe(`'${source}'!A${String(r[header]).split(",")[0]}`);
        const target = Number(link.documentReference!.split("!A")[1]);
        expect(host.getSheet(source).values[target - 1][refCol]).toBe(r["Trade reference"]);
      }
    });
    const summary = host.getSheet("Summary");
    expect(summary.charts).toHaveLength(1);
    expect(summary.values.flat()).toContain(
      "Conservation: rows in = matched + in breaks + excluded (counted from the result's lists)",
    );
    // Money in each kind of break, from the fixture's amounts: T4 (100.00) is missing in the books,
    // T3 (200.00) at the custodian, and T2's 10,000.00 vs 9,000.00 is the QUANTITY break's.
    const t = summary.values.findIndex((r) => r[0] === "Net amount in breaks by category (rows in breaks, each side)");
    expect(summary.values.slice(t + 1, t + 5).map((r) => r.slice(0, 4))).toEqual([
      ["Category", "Books", "Custodian", "Difference"],
      ["Missing in Books", 0, -100, 100],
      ["Missing in Custodian", -200, 0, -200],
      ["QUANTITY", 10000, 9000, 1000],
    ]);
  });

  test("comments survive a re-run: typed into the Breaks sheet, carried forward; the resolved break is listed with its comment", async () => {
    const host = workbook();
    const port = new ExcelWorkbook(host.run);
    await runRecon(port, tradeProfile(), { runDate: day1, previous: "from-workbook" });
    // The analyst types into the analyst columns of the Breaks table.
    const sheet = host.model.findSheet("Breaks")!;
    const v = host.getSheet("Breaks").values;
    const h = v.findIndex((r) => r[0] === "Break ID");
    const c = (name: string) => v[h].indexOf(name);
    const rowOf = (ref: string) => v.findIndex((r) => r[c("Trade reference")] === ref);
    sheet.setCell(rowOf("T2"), c("Owner"), "Ana");
    sheet.setCell(rowOf("T2"), c("Status"), "investigating");
    sheet.setCell(rowOf("T2"), c("Comment"), "custodian short 50, chasing");
    sheet.setCell(rowOf("T3"), c("Comment"), "confirmation due Monday");

    // Next business day: T3 has arrived at the custodian.
    const custodian = host.model.findSheet("Custodian")!;
    custodianValues(["T1", "T2", "T3", "T4"]).forEach((row, r) => row.forEach((x, k) => custodian.setCell(r, k, x)));
    const run2 = await runRecon(port, tradeProfile(), { runDate: day2, previous: "from-workbook" });
    expect(run2.sheets.breaks).toBe("Breaks"); // our own sheet is replaced in place
    const rows = breaksTable(host);
    expect(
      rows.map((r) => [
        r["Trade reference"],
        r["Run status"],
        r["Owner"],
        r["Status"],
        r["Comment"],
        r["Age since first seen"],
      ]),
    ).toEqual([
      ["T2", "persisting", "Ana", "investigating", "custodian short 50, chasing", 3],
      ["T4", "persisting", "", "open", "", 3],
      ["T3", "resolved", "", "open", "confirmation due Monday", 3],
    ]);
    expect(rows[0]["First seen"]).toBe(serial(2026, 10, 30));
  });

  test("identical inputs give identical Breaks and Summary sheets", async () => {
    const a = workbook();
    const b = workbook();
    await runRecon(new ExcelWorkbook(a.run), tradeProfile(), { runDate: day1, previous: "from-workbook" });
    await runRecon(new ExcelWorkbook(b.run), tradeProfile(), { runDate: day1, previous: "from-workbook" });
    for (const name of ["Breaks", "Summary"]) expect(a.getSheet(name)).toEqual(b.getSheet(name));
  });

  test("the user's own Breaks sheet is never overwritten; ours is Breaks (2) and is the one read back next time", async () => {
    const host = workbook();
    host.addSheet("Breaks", [["My breaks notes, do not touch"]]);
    const port = new ExcelWorkbook(host.run);
    const run1 = await runRecon(port, tradeProfile(), { runDate: day1, previous: "from-workbook" });
    expect(run1.sheets.breaks).toBe("Breaks (2)");
    expect(host.getSheet("Breaks").values).toEqual([["My breaks notes, do not touch"]]);
    const run2 = await runRecon(port, tradeProfile(), { runDate: day2, previous: "from-workbook" });
    expect(run2.sheets.breaks).toBe("Breaks (2)");
    expect(run2.errors).toEqual([]);
    expect(run2.breakRows.every((r) => r.runStatus === "persisting")).toBe(true);
  });

  test("a side that cannot be read stops the run with errors naming the sheet, and nothing is written", async () => {
    const host = workbook();
    const port = new ExcelWorkbook(host.run);
    const profile = tradeProfile();
    profile.right.mapping = { ...profile.right.mapping, quantity: "Quantity" };
    const run = runRecon(port, profile, { runDate: day1, previous: "from-workbook" });
    await expect(run).rejects.toBeInstanceOf(ReconInputError);
    await expect(run).rejects.toThrow(
      /sheet 'Custodian', row 1, column 'Quantity': Custodian: the column 'Quantity' mapped to 'Quantity' is not in header row 1/,
    );
    expect(host.sheetNames()).toEqual(["Books", "Custodian"]);
  });

  test("cancel before the write leaves the workbook untouched", async () => {
    const host = workbook();
    const port = new ExcelWorkbook(host.run);
    const abort = new AbortController();
    const run = runRecon(port, tradeProfile(), {
      runDate: day1,
      signal: abort.signal,
      progress: (_f, message) => {
        if (message === "Matching") abort.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(host.sheetNames()).toEqual(["Books", "Custodian"]);
  });

  test("autoMap: a default profile with empty mappings runs on the mapping proposed from the headers, and says so", async () => {
    const host = workbook();
    const profile = defaultProfile("trade");
    profile.left.source = { sheet: "Books" };
    profile.right.source = { sheet: "Custodian" };
    await expect(runRecon(new ExcelWorkbook(host.run), profile, { runDate: day1 })).rejects.toBeInstanceOf(
      ReconInputError,
    );
    const run = await runRecon(new ExcelWorkbook(host.run), profile, { runDate: day1, autoMap: true });
    expect(run.mappings.left).toEqual(tradeProfile().left.mapping);
    expect(run.mappings.right).toEqual(tradeProfile().right.mapping);
    expect(run.warnings[0]).toMatch(
      /^Books: the profile maps no columns; used the mapping proposed from header row 3: ref <- 'Trade Ref'/,
    );
    expect(run.result.breaks.map((b) => [b.keys.ref, b.codes])).toEqual([
      ["T2", ["QUANTITY", "AMOUNT"]],
      ["T3", ["MISSING_RIGHT"]],
      ["T4", ["MISSING_LEFT"]],
    ]);
  });

  test("bad cells are reported and every other row is reconciled", async () => {
    const host = createMemoryHost();
    const books = booksValues();
    books[4][6] = "five hundred"; // T2's quantity
    host.addSheet("Books", books, booksFormats(books));
    host.addSheet("Custodian", custodianValues());
    const run = await runRecon(new ExcelWorkbook(host.run), tradeProfile(), { runDate: day1 });
    expect(run.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^sheet 'Books', row 5, column 'Quantity' \(G\): expected a number, found 'five hundred'/),
    ]);
    expect(run.result.breaks.find((b) => b.keys.ref === "T2")?.codes).toContain("ROW_ERROR");
    expect(run.result.matches.toArray()).toHaveLength(1); // T1 still matched
  });
});

describe("runRecon on the file adapter (the CLI)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "bo-recon-"));
    // books.xlsx with real date cells, as samples/books.xlsx; custodian.csv as text.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Trades");
    booksValues().forEach((row, r) =>
      row.forEach((x, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        if (r >= 3 && (c === 4 || c === 5)) {
          cell.value = new Date(Date.UTC(1899, 11, 30) + (x as number) * 86400000);
          cell.numFmt = "yyyy-mm-dd";
        } else cell.value = x as ExcelJS.CellValue;
      }),
    );
    await wb.xlsx.writeFile(path.join(dir, "books.xlsx"));
    await fs.writeFile(path.join(dir, "custodian.csv"), custodianCsv());
  });

  test("reads xlsx + csv, writes Breaks and Summary to a new workbook with links to the input files, and the JSON result", async () => {
    const port = new FileWorkbook();
    const run = await runRecon(port, tradeProfile(), {
      runDate: day1,
      leftRef: { sheet: path.join(dir, "books.xlsx#Trades") },
      rightRef: { sheet: path.join(dir, "custodian.csv") },
      links: {
        left: { file: "books.xlsx", sheet: "Trades" },
        right: { file: "custodian.csv", sheet: "custodian", addressable: false },
      },
    });
    await port.save(path.join(dir, "out.xlsx"));
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path.join(dir, "out.xlsx"));
    expect(back.worksheets.map((w) => w.name)).toEqual(["Breaks", "Summary"]);
    const b = back.getWorksheet("Breaks")!;
    expect(b.getCell("A4").value).toBe("Break ID");
    expect(b.getCell("E5").value).toBe("T2");
    expect(b.getCell("F5").value).toEqual({ text: "5", hyperlink: "books.xlsx#'Trades'!A5" });
    expect(b.getCell("G5").value).toEqual({ text: "3", hyperlink: "custodian.csv" });

    const json = JSON.parse(JSON.stringify(resultToJson(run.result, run.breakRows, { runDate: day1 })));
    expect(json.format).toBe("bo-recon-result");
    expect(json.runDate).toBe(formatIso(day1));
    expect(json.matches).toEqual([{ pass: "reference", leftRows: [4], rightRows: [2] }]);
    const t2 = json.breaks.find((x: { keys: { ref: string } }) => x.keys.ref === "T2");
    expect(t2).toMatchObject({
      codes: ["QUANTITY", "AMOUNT"],
      leftRows: [5],
      rightRows: [3],
      runStatus: "new",
      status: "open",
    });
    expect(t2.fields[0]).toEqual({
      field: "quantity",
      code: "QUANTITY",
      left: "500",
      right: "450",
      difference: "50",
      rule: "exact",
    });

    // --previous: the Breaks sheet of out.xlsx, read through the same adapter.
    const port2 = new FileWorkbook();
    const previous = await port2.read({ sheet: path.join(dir, "out.xlsx#Breaks") });
    const run2 = await runRecon(port2, tradeProfile(), {
      runDate: day2,
      previous,
      leftRef: { sheet: path.join(dir, "books.xlsx#Trades") },
      rightRef: { sheet: path.join(dir, "custodian.csv") },
      links: "none",
    });
    expect(run2.errors).toEqual([]);
    expect(run2.breakRows.map((r) => [r.runStatus, r.firstSeen])).toEqual([
      ["persisting", day1],
      ["persisting", day1],
      ["persisting", day1],
    ]);
  });
});
