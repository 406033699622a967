import { createMemoryHost } from "../../src/excel/memory-host";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { previewSource } from "../../src/io/recon/preview";

describe("previewSource", () => {
  it("finds the header row below a title and a blank row, and counts data rows without blank ones", async () => {
    const host = createMemoryHost();
    host.addSheet("Books", [
      ["Fund A - trade blotter", "", ""],
      ["", "", ""],
      ["Trade Ref", "Account", "Net Amount"],
      ["T1", "A", 10],
      ["", "", ""],
      ["T2", "B", 20],
    ]);
    const p = await previewSource(new ExcelWorkbook(host.run), { sheet: "Books" });
    expect(p).toMatchObject({ headerRow: 3, headers: ["Trade Ref", "Account", "Net Amount"], dataRows: 2 });
  });
  it("names the sheet when there is no header row", async () => {
    const host = createMemoryHost();
    host.addSheet("Notes", [["just one cell"], [42]]);
    await expect(previewSource(new ExcelWorkbook(host.run), { sheet: "Notes" })).rejects.toThrow(
      /sheet 'Notes'.*no header row/,
    );
  });
});
