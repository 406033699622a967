/**
 * src/io/file/xlsx-sheet-fast.ts: a sheet read straight from its XML must be exactly what exceljs's
 * streaming reader gives (gridFromXlsxSheetStream, FileWorkbook with directSheets: false), on this
 * project's own workbooks (the direct writer: inline strings, shared strings for escapes) and on
 * workbooks exceljs writes (shared strings, rich text, formulas, errors, hyperlinks, dates, several
 * sheets, the 1904 date system); and it must step aside (undefined: exceljs reads it) for what it
 * does not read with certainty.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { writeXlsxDirect } from "../../src/io/file/xlsx-direct-write";
import { fastSheetGrid } from "../../src/io/file/xlsx-sheet-fast";
import { ZipWriter } from "../../src/io/file/zip-write";
import type { CellValue, OutputSheet } from "../../src/io/port";
import { BREAKS_SHEET, SUMMARY_SHEET } from "../helpers/breaks-sheet";

const dir = mkdtempSync(join(tmpdir(), "bo-sheet-fast-"));
let n = 0;
const fresh = (ext = "xlsx") => join(dir, `w${n++}.${ext}`);

/** Both readers on one sheet; `direct` says whether the direct read answered itself. */
async function both(file: string, sheet?: string) {
  const spec = sheet === undefined ? file : `${file}#${sheet}`;
  const fast = await new FileWorkbook().readStreamed({ sheet: spec });
  const exceljs = await new FileWorkbook({ directSheets: false }).readStreamed({ sheet: spec });
  const direct = fastSheetGrid(readFileSync(file), sheet, "x") !== undefined;
  return { fast, exceljs, direct };
}

describe("a sheet read from its XML is exceljs's streaming read", () => {
  test("the direct writer's Breaks and Summary sheets (inline strings, links, booleans, dates, blanks)", async () => {
    const file = fresh();
    // The shared Breaks-like sheet with a third row: non-ASCII text, a tiny and a large number, spaces.
    const breaks: OutputSheet = {
      ...BREAKS_SHEET,
      preamble: ["Trade reconciliation: breaks", "3 breaks & more"],
      rows: [...BREAKS_SHEET.rows, ["B-3", "7, 9", 1e-7, 46328, 123456789012.25, false, "  spaced \u00e9\u4e2d "]],
      blocks: [{ title: "Totals", columns: ["Code", "Count"], rows: [["PRICE", 3]] }],
    };
    const summary: OutputSheet = { ...SUMMARY_SHEET, name: "Summary & totals" };
    await writeXlsxDirect(file, [breaks, summary], new Date(Date.UTC(2000, 0, 1)));
    for (const sheet of ["Breaks", "Summary & totals", undefined]) {
      const r = await both(file, sheet);
      expect(r.direct).toBe(true);
      expect(r.fast).toEqual(r.exceljs);
    }
  });

  test("exceljs's model writer: shared strings, rich text, formulas, errors, hyperlinks, dates, merges, gaps", async () => {
    const file = fresh();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.addRow(["Ref", "Date", "Qty", "Note", "Ok"]);
    ws.addRow([
      "T1",
      new Date(Date.UTC(2026, 9, 30)),
      3,
      { richText: [{ text: "rich " }, { font: { bold: true }, text: "text" }] },
      true,
    ]);
    ws.getCell("B2").numFmt = "dd/mm/yyyy";
    ws.addRow([]);
    ws.addRow(["T2", null, { formula: "C2*2", result: 6 }, { formula: 'A2&"x"', result: "T1x" }, true]);
    ws.addRow(["T3", { error: "#N/A" }, -0.5, { text: "a link", hyperlink: "https://example.com" }, false]);
    ws.getCell("H7").value = "far";
    ws.mergeCells("A9:B9");
    ws.getCell("A9").value = "merged";
    wb.addWorksheet("Other").addRow(["x", 1]);
    wb.addWorksheet("Bool").addRow([1, { formula: "A1>0", result: true }]);
    await wb.xlsx.writeFile(file);
    for (const sheet of ["Data", "Other", undefined]) {
      const r = await both(file, sheet);
      expect(r.direct).toBe(true);
      expect(r.fast).toEqual(r.exceljs);
    }
    // A formula's boolean result (exceljs gives it as a number) is left to exceljs.
    const bool = await both(file, "Bool");
    expect(bool.direct).toBe(false);
    expect(bool.fast).toEqual(bool.exceljs);
  });

  test("30,000 rows of a Breaks-like sheet (every search is bounded by its cell: no rescanning)", async () => {
    const file = fresh();
    const rows = Array.from({ length: 30_000 }, (_, i) => [
      `B-${i.toString(16)}`,
      "new",
      i % 7 === 0 ? "QUANTITY, AMOUNT" : "PRICE",
      `Quantity: Books ${i} vs Custodian ${i + 1}`,
      i,
      46387,
      i % 3 === 0 ? "open" : null,
    ]);
    await writeXlsxDirect(
      file,
      [{ name: "Breaks", columns: ["A", "B", "C", "D", "E", "F", "G"].map((header) => ({ header })), rows }],
      new Date(Date.UTC(2000, 0, 1)),
    );
    const r = await both(file, "Breaks");
    expect(r.direct).toBe(true);
    expect(r.fast).toEqual(r.exceljs);
  });

  test("the 1904 date system is left to exceljs; a missing sheet gives the same sheet list", async () => {
    const file = fresh();
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet("S").addRow([new Date(Date.UTC(2026, 0, 2)), 1.5]);
    await wb.xlsx.writeFile(file);
    const r = await both(file, "S");
    expect(r.direct).toBe(false);
    expect(r.fast).toEqual(r.exceljs);
    await expect(new FileWorkbook().readStreamed({ sheet: `${file}#Nope` })).rejects.toThrow(/sheets are 'S'/);
  });

  test("random sheets of text (XML specials, spaces, any script), numbers, booleans and blanks (fast-check)", async () => {
    const cell: fc.Arbitrary<CellValue> = fc.oneof(
      // Text XML can hold: no control characters other than tab, LF and CR, no U+FFFE / U+FFFF.
      fc.string({ maxLength: 12 }).filter((s) =>
        [...s].every((ch) => {
          const c = ch.charCodeAt(0);
          return (c >= 32 || c === 9 || c === 10 || c === 13) && c !== 0xfffe && c !== 0xffff;
        }),
      ),
      fc.constantFrom("a & b", "<x>", '"q"', "it's", " lead", "trail ", "\u00e9\u4e2d\ud83d\ude00"),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
        fc.boolean(),
        async (rows, model) => {
          const file = fresh();
          if (model) {
            const wb = new ExcelJS.Workbook();
            const ws = wb.addWorksheet("R");
            rows.forEach((r) => ws.addRow(r));
            await wb.xlsx.writeFile(file);
          } else {
            const width = Math.max(1, ...rows.map((r) => r.length));
            await writeXlsxDirect(
              file,
              [{ name: "R", columns: Array.from({ length: width }, (_, j) => ({ header: `C${j}` })), rows }],
              new Date(Date.UTC(2000, 0, 1)),
            );
          }
          const r = await both(file, "R");
          expect(r.fast).toEqual(r.exceljs);
        },
      ),
      { numRuns: 120 },
    );
  });

  test("XML this reader does not take apart (a CDATA section) is left to exceljs", async () => {
    const file = fresh();
    const zip = await ZipWriter.create(file, new Date(Date.UTC(2000, 0, 1)));
    const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip.add(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    zip.add(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    zip.add(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="C" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    zip.add(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    );
    zip.add(
      "xl/worksheets/sheet1.xml",
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`,
    );
    await zip.close();
    expect(fastSheetGrid(readFileSync(file), "C", "x")).toBeUndefined();
    const grid = await new FileWorkbook().readStreamed({ sheet: `${file}#C` });
    expect(grid.values[0][1]).toBe(2);
  });

  test("Excel's _xHHHH_ escapes are undone: text reads back exactly as it was written", async () => {
    // The direct writer escapes a literal "_x000D_" as "_x005F_x000D_" (a shared string, after the
    // sheet in the file); exceljs's streaming reader gives it escaped, or as an unresolved object.
    const file = fresh();
    const rows = [["line_x000D_break"], ["a\rb"], ["plain"], ["_x005F_"]];
    await writeXlsxDirect(file, [{ name: "E", columns: [{ header: "Text" }], rows }], new Date(Date.UTC(2000, 0, 1)));
    const r = await both(file, "E");
    expect(r.direct).toBe(true);
    const header = r.fast.values.findIndex((v) => v[0] === "Text");
    expect(r.fast.values.slice(header + 1).map((v) => v[0])).toEqual(rows.map((v) => v[0]));
  });
});
