/**
 * src/io/recon/render.ts: the Breaks and Summary sheets (issue 4, item 7) and their writing by the
 * three adapters' OutputSheet extensions (links, conditional formats, chart, blocks).
 *
 * Expected values are read off the hand-written results below; link targets follow Excel's
 * hyperlink syntax (a place in the workbook is "'Sheet'!A5"; Office.js Range.hyperlink takes it as
 * documentReference, ExcelApi 1.7 documentation).
 */
import ExcelJS from "exceljs";
import { MatchList } from "../../src/core/recon/match-list";
import { dayFromCivil } from "../../src/core/dates/civil";
import type { Break, ReconResult } from "../../src/core/recon/profile";
import { PAYLOAD_LIMIT_BYTES, createMemoryHost } from "../../src/excel/memory-host";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { writeOutputSheet } from "../../src/io/file/xlsx-write";
import type { OutputSheet } from "../../src/io/port";
import { carryForward } from "../../src/io/recon/memory";
import { renderBreaks, renderSummary, rowLink } from "../../src/io/recon/render";
import { tradeProfile } from "./recon-workflow-fixtures";

const runDate = dayFromCivil(2026, 10, 30);
const profile = tradeProfile();
const labels = { left: "Books", right: "Custodian", fields: { ref: "Trade reference", quantity: "Quantity" } };
const sources = { left: { sheet: "Books" }, right: { sheet: "Custodian" } };

const breaks: Break[] = [
  {
    id: "B-1",
    codes: ["QUANTITY"],
    pass: "reference",
    leftRows: [5],
    rightRows: [3, 4],
    keys: { ref: "T2" },
    diffs: [{ field: "quantity", code: "QUANTITY", left: "500", right: "450", difference: "50", rule: "exact" }],
    detail: "quantity differs",
    ageDate: dayFromCivil(2026, 10, 21),
  },
  {
    id: "B-2",
    codes: ["MISSING_RIGHT"],
    leftRows: [6],
    rightRows: [],
    keys: { ref: "T3" },
    diffs: [],
    detail: "Missing in Custodian",
    ageDate: dayFromCivil(2026, 10, 26),
  },
  {
    id: "B-3",
    codes: ["MISSING_LEFT"],
    leftRows: [],
    rightRows: [7],
    keys: { ref: "T4" },
    diffs: [],
    detail: "Missing in Books",
    ageDate: dayFromCivil(2026, 8, 1),
  },
];

function result(): ReconResult {
  return {
    profile: profile.name,
    matches: MatchList.of([{ pass: "reference", leftRows: [4], rightRows: [2], diffs: [] }]),
    breaks,
    suggestions: [],
    excluded: [{ side: "left", row: 7, reason: "cancelled" }],
    summary: {
      left: { label: "Books", rows: 4, matched: 1, inBreaks: 2, excluded: 1, totals: { quantity: "610", price: "60" } },
      right: { label: "Custodian", rows: 4, matched: 1, inBreaks: 3, excluded: 0, totals: { quantity: "555" } },
      passes: [{ name: "reference", matchedLeft: 1, matchedRight: 1, rateLeft: 0.25, rateRight: 0.25 }],
      breaksByCode: { QUANTITY: 1, MISSING_RIGHT: 1, MISSING_LEFT: 1 },
      suggestions: 0,
      conservation: { leftIn: 4, leftOut: 4, rightIn: 4, rightOut: 4, holds: true },
    },
  };
}

const rows = carryForward(result(), undefined, runDate, { ageingBuckets: [1, 5, 30] });
const sheet = renderBreaks(rows, result(), profile, labels, sources, { runDate });
const col = (s: OutputSheet, h: string) => s.columns.findIndex((c) => c.header === h);

describe("renderBreaks", () => {
  test("columns: id, run status, codes, detail, keys, rows on each side, closest miss, ages, then the analyst columns last", () => {
    expect(sheet.columns.map((c) => c.header)).toEqual([
      "Break ID",
      "Run status",
      "Codes",
      "Detail",
      "Trade reference",
      "Books rows",
      "Custodian rows",
      "Closest miss",
      "Age (days)",
      "Age since first seen",
      "Ageing bucket",
      "First seen",
      "Last seen",
      "Owner",
      "Status",
      "Reason",
      "Comment",
    ]);
    expect(sheet.tableName).toBe("Breaks");
  });

  test("Status offers the workflow states as a drop-down; a key labelled like a sheet column is prefixed", () => {
    expect(sheet.columns[col(sheet, "Status")].choices).toEqual(["open", "investigating", "resolved", "written off"]);
    const clash = renderBreaks(rows, result(), profile, { ...labels, fields: { ref: "Status" } }, sources);
    expect(clash.columns.map((c) => c.header).filter((h) => /status/i.test(h))).toEqual([
      "Run status",
      "Key: Status",
      "Status",
    ]);
  });

  test("detail lists each differing field with both values and the difference", () => {
    expect(sheet.rows[0][col(sheet, "Detail")]).toBe("Quantity: Books 500 vs Custodian 450, difference 50 (exact)");
    expect(sheet.rows[1][col(sheet, "Detail")]).toBe("Missing in Custodian");
  });

  test("row columns show the rows a user sees and link to the first of them on each side", () => {
    const l = col(sheet, "Books rows");
    const r = col(sheet, "Custodian rows");
    expect(sheet.rows.map((x) => [x[l], x[r]])).toEqual([
      ["5", "3, 4"],
      ["6", null],
      [null, "7"],
    ]);
    expect(sheet.columns[l].links).toEqual(["#'Books'!A5", "#'Books'!A6", null]);
    expect(sheet.columns[r].links).toEqual(["#'Custodian'!A3", null, "#'Custodian'!A7"]);
    expect(rowLink({ sheet: "Trades", file: "books.xlsx" }, 12)).toBe("books.xlsx#'Trades'!A12");
    expect(rowLink({ sheet: "custodian", file: "custodian.csv", addressable: false }, 12)).toBe("custodian.csv");
    expect(rowLink({ sheet: "O'Brien" }, 2)).toBe("#'O''Brien'!A2");
  });

  test("past Excel's hyperlink limit only the first rows are linked, and the preamble says so", () => {
    const l = col(sheet, "Books rows");
    const r = col(sheet, "Custodian rows");
    expect(sheet.preamble![1]).not.toMatch(/Links to the source rows/);
    // Rows carry 2, 1 and 1 links: a cap of 3 keeps the first two rows' links whole.
    const capped = renderBreaks(rows, result(), profile, labels, sources, { runDate, maxLinks: 3 });
    expect(capped.columns[l].links).toEqual(["#'Books'!A5", "#'Books'!A6"]);
    expect(capped.columns[r].links).toEqual(["#'Custodian'!A3", null]);
    expect(capped.rows).toEqual(sheet.rows);
    expect(capped.preamble![1]).toMatch(
      /Links to the source rows on the first 2 rows only: Excel keeps at most 66,530 links on a sheet/,
    );
    const exact = renderBreaks(rows, result(), profile, labels, sources, { runDate, maxLinks: 4 });
    expect(exact.columns[r].links).toEqual(sheet.columns[r].links);
    expect(exact.preamble).toEqual(sheet.preamble);
  });

  test("ages from the trade date and from first seen, bucketed; dates as serials", () => {
    const pick = (h: string) => sheet.rows.map((x) => x[col(sheet, h)]);
    expect(pick("Age (days)")).toEqual([9, 4, 90]); // 21 Oct, 26 Oct, 1 Aug to 30 Oct 2026
    expect(pick("Ageing bucket")).toEqual(["6-30", "2-5", ">30"]);
    expect(pick("First seen")).toEqual([46325, 46325, 46325]); // 2026-10-30 = serial 46325
    expect(sheet.columns[col(sheet, "First seen")].numberFormat).toBe("yyyy-mm-dd");
  });

  test("conditional fills by category (codes) and by age (bucket and days over the last bound)", () => {
    const codes = col(sheet, "Codes");
    const cats = (sheet.conditional ?? []).filter((c) => c.column === codes).map((c) => c.rule);
    expect(cats).toContainEqual({ kind: "text-contains", text: "QUANTITY" });
    expect(cats).toContainEqual({ kind: "text-contains", text: "MISSING_LEFT" });
    const buckets = (sheet.conditional ?? [])
      .filter((c) => c.column === col(sheet, "Ageing bucket"))
      .map((c) => c.rule);
    expect(buckets).toEqual(["0-1", "2-5", "6-30", ">30"].map((text) => ({ kind: "text-equals", text })));
    expect(sheet.conditional).toContainEqual({
      column: col(sheet, "Age (days)"),
      rule: { kind: "number-greater", value: 30 },
      fill: "#FF9999",
    });
  });
});

describe("renderSummary", () => {
  const summary = renderSummary(result(), rows, profile, labels, { runDate });

  test("breaks by category x ageing bucket, each break once under its first code, with a column chart over the buckets", () => {
    expect(summary.columns.map((c) => c.header)).toEqual([
      "Category",
      "0-1 days",
      "2-5 days",
      "6-30 days",
      ">30 days",
      "Total",
    ]);
    expect(summary.rows).toEqual([
      ["Missing in Books", 0, 0, 0, 1, 1],
      ["Missing in Custodian", 0, 1, 0, 0, 1],
      ["QUANTITY", 0, 0, 1, 0, 1],
    ]);
    expect(summary.chart).toEqual({
      type: "column",
      title: "Breaks by category and ageing bucket",
      categoriesColumn: 0,
      seriesColumns: [1, 2, 3, 4],
    });
  });

  test("conservation proof counted from the result's lists: TRUE when every row is in one place", () => {
    const cons = summary.blocks!.find((b) => b.title.startsWith("Conservation"))!;
    expect(cons.rows).toEqual([
      ["Books", 4, 1, 2, 1, 4, true],
      ["Custodian", 4, 1, 3, 0, 4, true],
    ]);
    const sides = summary.blocks!.find((b) => b.title.startsWith("Rows and totals"))!;
    expect(sides.rows).toContainEqual(["Total Quantity", 610, 555]);
    expect(sides.rows.some((r) => r[0] === "Total price")).toBe(false);
  });

  test("a row lost (or counted twice) shows FALSE, never an assumed TRUE", () => {
    const lost = result();
    lost.breaks = lost.breaks.filter((b) => b.id !== "B-3"); // custodian row 7 is nowhere now
    const s = renderSummary(lost, rows, profile, labels);
    expect(s.blocks!.find((b) => b.title.startsWith("Conservation"))!.rows[1]).toEqual([
      "Custodian",
      4,
      1,
      2,
      0,
      3,
      false,
    ]);
    expect(s.preamble![1]).toMatch(/^Conservation FAILS/);
    const twice = result();
    twice.matches = MatchList.of([...twice.matches, { pass: "reference", leftRows: [], rightRows: [3], diffs: [] }]);
    const t = renderSummary(twice, rows, profile, labels);
    expect(t.blocks!.find((b) => b.title.startsWith("Conservation"))!.rows[1][6]).toBe(false);
  });
});

describe("writing the sheets", () => {
  test("Office adapter on the memory host: hyperlinks on the row cells, conditional formats, chart, blocks", async () => {
    const host = createMemoryHost();
    host.addSheet("Books", [["x"]]);
    const port = new ExcelWorkbook(host.run);
    await port.writeSheet(sheet);
    const written = host.getSheet("Breaks");
    // Preamble on rows 1-2, blank row 3, header row 4: the first break is on row 5, Books rows in column F.
    expect(written.values[3][5]).toBe("Books rows");
    expect(written.hyperlinks.F5).toEqual({ documentReference: "'Books'!A5", textToDisplay: "5" });
    expect(written.hyperlinks.G5).toEqual({ documentReference: "'Custodian'!A3", textToDisplay: "3, 4" });
    expect(written.values[4][6]).toBe("3, 4");
    expect(written.hyperlinks.G6).toBeUndefined();
    expect(written.dataValidations).toEqual([
      {
        address: "Breaks!O5:O7",
        rule: { list: { inCellDropDown: true, source: "open,investigating,resolved,written off" } },
        errorAlert: { showAlert: false, style: "Information", title: "Status", message: "" },
      },
    ]);
    expect(written.conditionalFormats).toContainEqual({
      address: "Breaks!C5:C7",
      type: "ContainsText",
      rule: { operator: "Contains", text: "QUANTITY" },
      fill: "#BDD7EE",
    });
    expect(written.conditionalFormats).toContainEqual({
      address: "Breaks!K5:K7",
      type: "CellValue",
      rule: { formula1: '="6-30"', operator: "EqualTo" },
      fill: expect.any(String),
    });

    // Re-running replaces our Breaks sheet: the last run's fills and drop-downs go with it.
    const formats = written.conditionalFormats.length;
    await port.writeSheet(sheet);
    expect(host.getSheet("Breaks").conditionalFormats).toHaveLength(formats);
    expect(host.getSheet("Breaks").dataValidations).toHaveLength(1);

    const summary = renderSummary(result(), rows, profile, labels);
    await port.writeSheet(summary);
    const s = host.getSheet("Summary");
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({
      type: "ColumnClustered",
      source: "Summary!A4:E7",
      seriesBy: "Columns",
      title: "Breaks by category and ageing bucket",
    });
    // Blocks start one blank row below the table (rows 4-7): the first block's title is on row 9.
    expect(s.values[8][0]).toBe("Rows and totals by side");
    expect(s.values[9].slice(0, 4)).toEqual(["Measure", "Books", "Custodian", ""]);
    // Re-running replaces our Summary sheet: one chart, not two.
    await port.writeSheet(summary);
    expect(host.getSheet("Summary").charts).toHaveLength(1);
  });

  test("exceljs writer: hyperlinks, conditional formatting, and data bars in place of the chart", () => {
    const wb = new ExcelJS.Workbook();
    const ws = writeOutputSheet(wb, sheet);
    expect(ws.getCell("F5").value).toEqual({ text: "5", hyperlink: "'Books'!A5" });
    expect(ws.getCell("O6").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"open,investigating,resolved,written off"'],
    });
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; text?: string }[] }[] }
    ).conditionalFormattings;
    expect(
      cf.some((c) => c.ref === "C5:C7" && c.rules[0].type === "containsText" && c.rules[0].text === "QUANTITY"),
    ).toBe(true);
    const s = writeOutputSheet(wb, renderSummary(result(), rows, profile, labels));
    const bars = (
      s as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }
    ).conditionalFormattings.filter((c) => c.rules[0].type === "dataBar");
    expect(bars.map((b) => b.ref)).toEqual(["B5:B7", "C5:C7", "D5:D7", "E5:E7"]);
    expect(s.getCell("A9").value).toBe("Rows and totals by side");
  });

  test("links ride in the chunks of their rows within the 5 MB budget; fills and blocks add no round trip", async () => {
    // 30,000 breaks with a 150-character detail: the values alone fill a chunk to its budget, so a
    // writer that forgot the hyperlink commands would send a request over Excel's 5 MB limit.
    const n = 30_000;
    const detail = "x".repeat(150);
    const plain: OutputSheet = {
      name: "Big",
      columns: [{ header: "Break ID" }, { header: "Detail" }, { header: "Books rows" }, { header: "Custodian rows" }],
      rows: Array.from({ length: n }, (_, i) => [`B-${i}`, detail, String(i + 5), String(i + 2)]),
      tableName: "Big",
    };
    const decorated: OutputSheet = {
      ...plain,
      columns: plain.columns.map((c, j) =>
        j >= 2
          ? { ...c, links: Array.from({ length: n }, (_, i) => `#'${j === 2 ? "Books" : "Custodian"}'!A${i + 5}`) }
          : c,
      ),
      conditional: [{ column: 1, rule: { kind: "text-contains", text: "QUANTITY" }, fill: "#BDD7EE" }],
      blocks: [{ title: "Totals", columns: ["Item", "Count"], rows: [["Breaks", n]] }],
    };
    const syncs = async (out: OutputSheet) => {
      const host = createMemoryHost();
      host.addSheet("Books", [["x"]]);
      const port = new ExcelWorkbook(host.run);
      await port.writeSheet(out);
      return {
        syncs: host.stats.syncs,
        maxRequest: Math.max(...host.stats.requestBytes),
        links: Object.keys(host.getSheet("Big").hyperlinks).length,
      };
    };
    const a = await syncs(plain);
    const b = await syncs(decorated);
    const c = await syncs({ ...plain, conditional: decorated.conditional, blocks: decorated.blocks });
    expect(c.syncs).toBe(a.syncs);
    expect(b.links).toBe(2 * n);
    expect(b.maxRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // 60,000 link commands need more chunks than the bare values, never a round trip per link.
    expect(a.syncs).toBeGreaterThanOrEqual(3);
    expect(b.syncs).toBeGreaterThan(a.syncs);
    expect(b.syncs).toBeLessThan(a.syncs + 6);
  });
});
