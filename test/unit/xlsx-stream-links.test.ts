/**
 * src/io/file/xlsx-stream-write.ts: links with the same target share one relationship.
 *
 * Expected values: a hyperlink element points at its target through a relationship id (r:id), and
 * several hyperlink elements may name the same id (ECMA-376 Part 1, 18.3.1.47 hyperlink); so a
 * sheet whose 30 links all open custodian.csv needs one relationship, and each cell still reads back
 * with its own link.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputSheet } from "../../src/io/port";
import { writeXlsxStreaming } from "../../src/io/file/xlsx-stream-write";

describe("streamed links", () => {
  const rows = 30;
  const sheet: OutputSheet = {
    name: "Breaks",
    columns: [
      { header: "Break ID" },
      { header: "Custodian rows", links: Array.from({ length: rows }, () => "data/custodian.csv") },
      {
        header: "Books rows",
        links: Array.from({ length: rows }, (_, i) => (i % 2 ? "books.xlsx#'Trades'!A" + (i + 2) : null)),
      },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`B${i}`, String(i + 2), String(i + 2)]),
  };
  const file = join(mkdtempSync(join(tmpdir(), "bo-links-")), "out.xlsx");

  beforeAll(() => writeXlsxStreaming(file, [sheet], new Date(Date.UTC(2000, 0, 1))));

  test("one relationship per distinct target, one hyperlink element per linked cell", async () => {
    const zip = await JSZip.loadAsync(readFileSync(file));
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const targets = [...rels.matchAll(/Target="([^"]*)"/g)].map((m) => m[1]);
    // 1 for the CSV, 15 distinct workbook addresses
    expect(targets.filter((t) => t === "data/custodian.csv")).toHaveLength(1);
    expect(new Set(targets).size).toBe(targets.length);
    expect(targets).toHaveLength(1 + rows / 2);
    expect(xml.match(/<hyperlink /g)).toHaveLength(rows + rows / 2);
  });

  test("every linked cell reads back with its own target", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Breaks")!;
    for (let i = 0; i < rows; i++) {
      const custodian = ws.getCell(2 + i, 2).value as { hyperlink?: string; text?: string };
      expect(custodian.hyperlink).toBe("data/custodian.csv");
      expect(custodian.text).toBe(String(i + 2));
      const books = ws.getCell(2 + i, 3).value as { hyperlink?: string } | string;
      if (i % 2) expect((books as { hyperlink: string }).hyperlink).toBe("books.xlsx#'Trades'!A" + (i + 2));
      else expect(books).toBe(String(i + 2));
    }
  });
});
