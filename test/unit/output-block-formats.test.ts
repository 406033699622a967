/** Blocks below a table carry number formats per column and per row, through both doors. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryHost } from "../../src/excel/memory-host";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import type { OutputSheet } from "../../src/io/port";

const sheet: OutputSheet = {
  name: "Summary",
  columns: [{ header: "Category" }, { header: "Breaks" }],
  rows: [["AMOUNT", 3]],
  blocks: [
    {
      title: "Rows and totals by side",
      columns: ["Measure", "Books", "Custodian"],
      rows: [
        ["Rows read", 1200, 1210],
        ["Total Net amount", 33995388.96, 34019175.48],
      ],
      rowFormats: ["#,##0", "#,##0.00"],
    },
    {
      title: "Match rate by pass",
      columns: ["Pass", "Books rate"],
      rows: [["reference", 0.8475]],
      columnFormats: [undefined, "0.0%"],
    },
  ],
};

describe("block number formats", () => {
  it("are written to .xlsx by the file adapter: row formats for totals, column formats for rates, none on text", async () => {
    const port = new FileWorkbook();
    await port.writeSheet(sheet);
    const file = join(mkdtempSync(join(tmpdir(), "bo-blocks-")), "s.xlsx");
    await port.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Summary")!;
    const find = (text: string) => {
      let at = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(1).value === text) at = n;
      });
      return ws.getRow(at);
    };
    expect(find("Rows read").getCell(2).numFmt).toBe("#,##0");
    expect(find("Total Net amount").getCell(3).numFmt).toBe("#,##0.00");
    expect(find("reference").getCell(2).numFmt).toBe("0.0%");
    expect(find("reference").getCell(1).numFmt ?? "General").not.toBe("0.0%");
  });
  it("are set by the Office adapter in the same writes (memory Excel host)", async () => {
    const host = createMemoryHost();
    const port = new ExcelWorkbook(host.run);
    const name = await port.writeSheet(sheet);
    const s = host.getSheet(name)!;
    const rowOf = (text: string) => s.values.findIndex((r) => r[0] === text);
    expect(s.numberFormats[rowOf("Total Net amount")][1]).toBe("#,##0.00");
    expect(s.numberFormats[rowOf("Rows read")][2]).toBe("#,##0");
    expect(s.numberFormats[rowOf("reference")][1]).toBe("0.0%");
  });
});
