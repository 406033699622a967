/**
 * The memory host must behave like Office.js where the adapter depends on it, or adapter tests prove
 * nothing. Each expectation cites the Office.js behaviour it models:
 *  - proxy objects, load/sync, PropertyNotLoaded: learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts
 *    ("call load ... then sync before reading"), and the PropertyNotLoaded string in @microsoft/office-js.
 *  - *OrNullObject and isNullObject: learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties
 *  - 5 MB payload and 5 million cells: learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *  - error codes RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded: CoreErrorCodes in @microsoft/office-js.
 */
import { createMemoryHost, PAYLOAD_LIMIT_BYTES, CELL_LIMIT } from "../../src/excel/memory-host";
import { parseA1, formatAddress } from "../../src/excel/address";

function seeded() {
  const host = createMemoryHost();
  host.addSheet("Books", [
    ["Ref", "Amount"],
    ["T1", 100],
    ["T2", 250.5],
  ]);
  return host;
}

describe("memory host: proxy semantics", () => {
  test("a property is readable only after load + sync", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Books").getRange("A1:B3");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(range.values).toEqual([
        ["Ref", "Amount"],
        ["T1", 100],
        ["T2", 250.5],
      ]);
      // Not loaded, so still unavailable although the range is known.
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes are queued and applied at sync; Excel.run sends what is left at the end", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Books").getRange("C1").values = [["New"]];
      expect(host.getSheet("Books").values[0]).toEqual(["Ref", "Amount"]);
      await ctx.sync();
      expect(host.getSheet("Books").values[0]).toEqual(["Ref", "Amount", "New"]);
      ctx.workbook.worksheets.getItem("Books").getRange("D1").values = [["Later"]];
    });
    expect(host.getSheet("Books").values[0][3]).toBe("Later");
    expect(host.stats.syncs).toBe(2);
    expect(host.stats.runs).toBe(1);
  });

  test("getItem on a missing sheet fails the sync with ItemNotFound; getItemOrNullObject gives isNullObject", async () => {
    const host = seeded();
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Nope").load("name");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    await host.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("books");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
    });
  });

  test("collections load items with their properties (items/name, items/worksheet/name)", async () => {
    const host = seeded();
    host.addSheet("Other", [["x"]]);
    host.addTable("Books", "A1:B3", "BooksTbl");
    await host.Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      const tables = ctx.workbook.tables.load("items/name, items/worksheet/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Books", "Other"]);
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([["BooksTbl", "Books"]]);
    });
  });

  test("used range, with valuesOnly ignoring formatted blanks, and the OrNullObject form on a blank sheet", async () => {
    const host = createMemoryHost();
    host.addSheet(
      "S",
      [
        ["", ""],
        ["", "a"],
        ["", "", "b"],
      ],
      [[], [], [], ["General", "General", "General", "0.00"]],
    );
    host.addSheet("Blank", [[null, null], []]);
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      const valuesOnly = s.getUsedRange(true).load("address");
      const withFormats = s.getUsedRange().load("address");
      const blank = ctx.workbook.worksheets.getItem("Blank").getUsedRangeOrNullObject(true);
      const blankPlain = ctx.workbook.worksheets.getItem("Blank").getUsedRange().load("address");
      await ctx.sync();
      expect(valuesOnly.address).toBe("S!B2:C3");
      expect(withFormats.address).toBe("S!B2:D4");
      expect(blank.isNullObject).toBe(true);
      expect(blankPlain.address).toBe("Blank!A1");
    });
  });
});

describe("memory host: limits", () => {
  test("a write over 5 MB fails with RequestPayloadSizeLimitExceeded and changes nothing", async () => {
    const host = createMemoryHost();
    host.addSheet("Big", []);
    const rows = 60000;
    const text = "x".repeat(90); // 60,000 x 92 bytes > 5 MB of JSON
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Big").getRangeByIndexes(0, 0, rows, 1).values = Array.from(
          { length: rows },
          () => [text],
        );
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(host.stats.requestBytes[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(host.getSheet("Big").values).toEqual([]);
  });

  test("a read whose response is over 5 MB fails with ResponsePayloadSizeLimitExceeded", async () => {
    const host = createMemoryHost();
    host.addSheet(
      "Big",
      Array.from({ length: 60000 }, () => ["y".repeat(90)]),
    );
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Big").getRange("A1:A60000").load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  test("reading a range of more than 5 million cells fails even if blank", async () => {
    const host = createMemoryHost();
    host.addSheet("S", []);
    await expect(
      host.Excel.run(async (ctx) => {
        // 5 columns x 1,000,001 rows = 5,000,005 cells
        ctx.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 1000001, 5).load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(CELL_LIMIT).toBe(5_000_000);
  });

  test("every sync's request and response sizes are recorded", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Books").getRange("A1:B3").load("values");
      await ctx.sync();
    });
    expect(host.stats.requestBytes).toHaveLength(1);
    // The response carries the six values as JSON: at least their own length.
    expect(host.stats.responseBytes[0]).toBeGreaterThanOrEqual(
      JSON.stringify([
        ["Ref", "Amount"],
        ["T1", 100],
        ["T2", 250.5],
      ]).length,
    );
  });
});

describe("memory host: cells, tables, properties", () => {
  test("text that reads as a number becomes a number unless the cell is Text (@) or starts with an apostrophe", async () => {
    // Excel parses typed input this way; support.microsoft.com "Keep leading zeros..." describes both fixes.
    const host = createMemoryHost();
    host.addSheet("S", []);
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      s.getRange("B1").numberFormat = [["@"]];
      s.getRange("A1:C1").values = [["00123", "00123", "'00123"]];
      await ctx.sync();
    });
    expect(host.getSheet("S").values[0]).toEqual([123, "00123", "00123"]);
  });

  test("a single value set on a range applies to every cell; null leaves a cell as it was", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Books");
      s.getRange("B2:B3").numberFormat = [["#,##0.00"]];
      s.getRange("A2:B2").values = [[null, 7]];
    });
    const sheet = host.getSheet("Books");
    expect(sheet.numberFormats.map((r) => r[1])).toEqual(["General", "#,##0.00", "#,##0.00"]);
    expect(sheet.values[1]).toEqual(["T1", 7]);
  });

  test("tables: default and set names, uniqueness, header/body ranges", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Books").tables.add("A1:B3", true);
      t.load("name");
      await ctx.sync();
      expect(t.name).toBe("Table1");
      t.name = "Trades";
      const body = t.getDataBodyRange().load("address");
      const header = t.getHeaderRowRange().load("values");
      await ctx.sync();
      expect(body.address).toBe("Books!A2:B3");
      expect(header.values).toEqual([["Ref", "Amount"]]);
    });
    host.addSheet("Two", [["a"], [1]]);
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Two").tables.add("Two!A1:A2", true).name = "trades";
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
  });

  test("tables.add with a sheet-less address uses the ACTIVE sheet, even on another sheet's collection", async () => {
    // @types/office-js TableCollection.add: "If the address does not contain a sheet name, the
    // currently-active sheet is used."
    const host = seeded();
    host.addSheet("Other", [["h"], [1]]);
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Other").tables.add("A1:A2", true);
      const other = ctx.workbook.worksheets.getItem("Other");
      other.tables.add(other.getRange("A1:A2"), true);
    });
    expect(host.getSheet("Books").tables.map((t) => t.address)).toEqual(["Books!A1:A2"]);
    expect(host.getSheet("Other").tables.map((t) => t.address)).toEqual(["Other!A1:A2"]);
  });

  test("worksheet custom properties: add, look up case-insensitively, null when absent", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Books").customProperties.add("BackOfficeToolkit", "owned");
    });
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Books");
      const p = s.customProperties.getItemOrNullObject("backofficetoolkit").load("value");
      const q = s.customProperties.getItemOrNullObject("Other").load("value");
      await ctx.sync();
      expect(p.isNullObject).toBe(false);
      expect(p.value).toBe("owned");
      expect(q.isNullObject).toBe(true);
    });
    expect(host.getSheet("Books").customProperties).toEqual({ BackOfficeToolkit: "owned" });
  });

  test("suspending calculation and screen updating lasts until the next sync only", async () => {
    const host = seeded();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      await ctx.sync();
      await ctx.sync();
    });
    expect(host.stats.log.map((l) => [l.calculationSuspended, l.screenUpdatingSuspended])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  test("DATE(1904,1,1) is 1462 in the 1900 system and 0 in the 1904 system", async () => {
    // support.microsoft.com "Date systems in Excel": the systems differ by 1,462 days.
    const host = seeded();
    const probe = async () =>
      host.Excel.run(async (ctx) => {
        const r = ctx.workbook.functions.date(1904, 1, 1).load("value");
        await ctx.sync();
        return r.value;
      });
    expect(await probe()).toBe(1462);
    host.setDateSystem("1904");
    expect(await probe()).toBe(0);
  });

  test("A1 addresses parse and format as Excel writes them", () => {
    expect(parseA1("B2:A1")).toEqual({ row: 0, column: 0, rowCount: 2, columnCount: 2 });
    expect(parseA1("A:C")).toEqual({ row: 0, column: 0, rowCount: 1048576, columnCount: 3 });
    expect(parseA1("AA10")).toEqual({ row: 9, column: 26, rowCount: 1, columnCount: 1 });
    expect(parseA1("A0")).toBeNull();
    expect(formatAddress("Breaks (2)", { row: 0, column: 0, rowCount: 3, columnCount: 2 })).toBe("'Breaks (2)'!A1:B3");
  });
});

describe("fake office.js for the browser test", () => {
  test("installs Office, Excel and CustomFunctions globals over one host, and __boHost to seed and inspect it", async () => {
    const { installFakeOffice } = await import("../../src/excel/memory-host/fake-office");
    const g: Record<string, any> = {};
    const bo = installFakeOffice(g);
    // office.js: Office.onReady resolves with { host, platform }; HostType.Excel is "Excel".
    const info = await g.Office.onReady();
    expect(info.host).toBe(g.Office.HostType.Excel);
    expect(g.Office.context.requirements.isSetSupported("ExcelApi", "1.12")).toBe(true);
    bo.addSheet("Books", [
      ["Ref", "Note"],
      ["T1", 'say "hi", then go'],
    ]);
    await g.Excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem("Books").getRange("C1").values = [["Added"]];
      await ctx.sync();
    });
    expect(bo.getSheet("Books")?.values[0]).toEqual(["Ref", "Note", "Added"]);
    expect(bo.getSheet("Nope")).toBeUndefined();
    // RFC 4180: fields with quotes or commas are quoted, quotes doubled.
    expect(bo.exportSheet("Books")).toBe('Ref,Note,Added\r\nT1,"say ""hi"", then go",');
    g.CustomFunctions.associate("BO.YEARFRAC", () => 0);
    expect(bo.customFunctions()).toEqual(["BO.YEARFRAC"]);
    expect(g.Office.actions).toBeUndefined();
  });
});

describe("Excel.run forms", () => {
  test("Excel.run(options, batch) runs the batch like Excel.run(batch)", async () => {
    // learn.microsoft.com/javascript/api/excel/excel#excel-excel-run-member(1): run(options, batch).
    const host = seeded();
    const name = await host.Excel.run({ delayForCellEdit: true }, async (ctx) => {
      const s = ctx.workbook.worksheets.getActiveWorksheet().load("name");
      await ctx.sync();
      return s.name;
    });
    expect(name).toBe("Books");
  });
});
