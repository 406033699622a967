import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileWorkbook, parseSourceSpec } from "../../src/io/file/file-workbook";
import { gridFromCsvText } from "../../src/io/file/csv-read";

const dir = mkdtempSync(join(tmpdir(), "bo-file-"));

async function makeXlsx(
  name: string,
  fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
  date1904 = false,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Data");
  fill(ws, wb);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe("xlsx reading: cells as Office.js would hand them over", () => {
  it("dates become Excel serials, errors their text, formulas their results, merged non-anchor cells blank", async () => {
    const file = await makeXlsx("typed.xlsx", (ws) => {
      ws.getCell("A1").value = "Header";
      ws.mergeCells("A1:B1");
      ws.getCell("A2").value = new Date(Date.UTC(2012, 0, 1)); // serial 40909 (Microsoft YEARFRAC example date)
      ws.getCell("B2").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellValue;
      ws.getCell("A3").value = { formula: "1+1", result: 2 } as ExcelJS.CellValue;
      ws.getCell("B3").value = { richText: [{ text: "rich " }, { text: "text" }] };
      ws.getCell("A4").value = 1234.5;
      ws.getCell("A4").numFmt = "#,##0.00";
    });
    const g = await new FileWorkbook().read({ sheet: `${file}#Data` });
    expect(g.values).toEqual([
      ["Header", ""],
      [40909, "#N/A"],
      [2, "rich text"],
      [1234.5, ""],
    ]);
    expect(g.numberFormats![3][0]).toBe("#,##0.00");
    expect(g.top).toBe(1);
    expect(g.label).toBe("typed.xlsx#Data");
  });

  it("honours the 1904 date system", async () => {
    const file = await makeXlsx("mac.xlsx", (ws) => (ws.getCell("A1").value = new Date(Date.UTC(2012, 0, 1))), true);
    const g = await new FileWorkbook().read({ sheet: file });
    expect(g.dateSystem).toBe("1904");
    expect(g.values[0][0]).toBe(40909 - 1462);
  });

  it("names the file and lists the sheets when a sheet is missing", async () => {
    const file = await makeXlsx("two.xlsx", () => undefined);
    await expect(new FileWorkbook().read({ sheet: `${file}#Nope` })).rejects.toThrow(
      /sheet 'Nope' not found in two.xlsx; sheets are 'Data'/,
    );
  });

  it("names a missing file", async () => {
    await expect(new FileWorkbook().read({ sheet: join(dir, "absent.csv") })).rejects.toThrow(/file not found/);
  });
});

describe("csv reading", () => {
  it("keeps text, strips a BOM, honours quotes, pads short rows and keeps blank lines for row numbering", () => {
    const g = gridFromCsvText('\ufeffRef,Amount\r\nA,"1,234.50"\r\n\r\nB,"(12.00)"\r\nC\r\n', "c.csv");
    expect(g.values).toEqual(
      [["Ref", "Amount"], ["A", "1,234.50"], [""], ["B", "(12.00)"], ["C", ""]].map((r) =>
        r.length === 1 ? ["", ""] : r,
      ),
    );
    expect(g.sheet).toBe("c.csv");
  });
  it("detects semicolons", () => {
    expect(gridFromCsvText("a;b\n1;2\n", "s.csv").values).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
  it("reads from a file through the port", async () => {
    const file = join(dir, "x.csv");
    writeFileSync(file, "k,v\n1,2\n");
    const g = await new FileWorkbook().read({ sheet: file });
    expect(g.values).toEqual([
      ["k", "v"],
      ["1", "2"],
    ]);
  });
});

describe("source specs", () => {
  it("splits file#Sheet but not a # inside a directory name", () => {
    expect(parseSourceSpec("a/b.xlsx#Trades")).toEqual({ file: "a/b.xlsx", sheet: "Trades" });
    expect(parseSourceSpec("a#b/c.csv")).toEqual({ file: "a#b/c.csv" });
  });
});

describe("xlsx writing", () => {
  it("writes preamble, a table with unique headers, number formats and frozen header; rewriting its own sheet replaces it", async () => {
    const port = new FileWorkbook();
    const sheet = {
      name: "Breaks",
      tableName: "BO_Breaks",
      preamble: ["Title", "Summary"],
      columns: [{ header: "Key" }, { header: "Amount", numberFormat: "#,##0.00" }, { header: "Amount" }],
      rows: [
        ["A", 1.5, null],
        ["B", -2, 3],
      ],
    };
    await port.writeSheet(sheet);
    await port.writeSheet({ ...sheet, rows: [["C", 9, 9]] });
    const file = join(dir, "out.xlsx");
    await port.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Breaks"]);
    const ws = wb.getWorksheet("Breaks")!;
    expect(ws.getCell("A1").value).toBe("Title");
    expect(ws.getRow(4).values).toEqual([undefined, "Key", "Amount", "Amount 2"]);
    expect(ws.getCell("B5").value).toBe(9);
    expect(ws.getCell("B5").numFmt).toBe("#,##0.00");
    expect(ws.getCell("A6").value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });
});
