/**
 * FileWorkbook.readStreamed (exceljs's streaming reader, used for `bo recon --previous`) gives the
 * same cells as read() through the workbook model (not the number formats), for a workbook as the
 * direct writer writes it and as exceljs's model writes it (shared strings, styles).
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { writeXlsxDirect } from "../../src/io/file/xlsx-direct-write";
import { BREAKS_SHEET, SUMMARY_SHEET } from "../helpers/breaks-sheet";

const dir = mkdtempSync(join(tmpdir(), "bo-stream-read-"));

const breaks = BREAKS_SHEET;
const summary = SUMMARY_SHEET;

async function both(file: string, sheet?: string) {
  const spec = sheet ? `${file}#${sheet}` : file;
  const model = await new FileWorkbook().read({ sheet: spec });
  const streamed = await new FileWorkbook().readStreamed({ sheet: spec });
  return { model, streamed };
}

describe("FileWorkbook.readStreamed", () => {
  test("a workbook from the direct writer: the same values, formats and date system as the model read", async () => {
    const file = join(dir, "direct.xlsx");
    await writeXlsxDirect(file, [breaks, summary], new Date(Date.UTC(2000, 0, 1)));
    const { model, streamed } = await both(file, "Breaks");
    expect(streamed.values).toEqual(model.values);
    // Formats are not read on this path (xlsx-read.ts); everything else is the same.
    expect(streamed.numberFormats).toBeUndefined();
    expect({ ...streamed, values: 0 }).toEqual({ ...model, values: 0, numberFormats: undefined });
    // The date cell is an Excel serial in the 1900 system, as Office.js would give it.
    const header = streamed.values.findIndex((r) => r[0] === "Break ID");
    expect(streamed.values[header + 1]).toEqual([
      "B-1",
      "5",
      12,
      46326,
      1234.5,
      true,
      'Custodian said "tomorrow" & <soon>',
    ]);
    const second = await both(file, "Summary");
    expect(second.streamed.values).toEqual(second.model.values);
  });

  test("a workbook from exceljs's model writer (shared strings), first sheet when none is named", async () => {
    const file = join(dir, "model.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Data");
    ws.addRow(["Ref", "Date", "Qty"]);
    ws.addRow(["T1", new Date(Date.UTC(2026, 9, 30)), 3]);
    ws.getCell("B2").numFmt = "dd/mm/yyyy";
    ws.addRow([]);
    ws.addRow(["T2", null, { formula: "C2*2", result: 6 }]);
    await wb.xlsx.writeFile(file);
    const { model, streamed } = await both(file);
    expect(streamed.values).toEqual(model.values);
    expect(streamed.sheet).toBe("Data");
  });

  test("a missing sheet names the sheets there are; a missing file says so", async () => {
    const file = join(dir, "direct2.xlsx");
    await writeXlsxDirect(file, [breaks, summary], new Date(Date.UTC(2000, 0, 1)));
    await expect(new FileWorkbook().readStreamed({ sheet: `${file}#Nope` })).rejects.toThrow(
      /sheet 'Nope' not found in direct2\.xlsx; sheets are 'Breaks', 'Summary'/,
    );
    await expect(new FileWorkbook().readStreamed({ sheet: join(dir, "none.xlsx") })).rejects.toThrow(/file not found/);
  });
});
