/**
 * src/io/file/xlsx-direct-write.ts: output sheets written as SpreadsheetML by hand, read back with
 * exceljs (the reader the CLI itself uses for --previous) and, where exceljs does not expose a part,
 * from the zip's XML.
 *
 * Where the expected values come from:
 * - element order: the xsd:sequence of CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) and CT_Stylesheet
 *   (18.8.39); Excel refuses a part whose children are out of order;
 * - a hyperlink into the workbook is a `location` without a relationship; a relationship may be named
 *   by any number of hyperlink elements (18.3.1.47), so links to one file share one;
 * - _xHHHH_ escapes for characters XML 1.0 cannot carry (22.9.2.19 ST_Xstring);
 * - built-in number format ids 3 (#,##0) and 49 (@) (18.8.30); custom formats numbered from 164;
 * - the rest (preamble, header style, widths, table, drop-downs, conditional fills, data bars, blocks,
 *   print setup) is what writeOutputSheet (src/io/file/xlsx-write.ts) gives the same sheets.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OutputSheet } from "../../src/io/port";
import { writeXlsxDirect } from "../../src/io/file/xlsx-direct-write";

const tmp = mkdtempSync(join(tmpdir(), "bo-direct-"));
const stamp = new Date(Date.UTC(2000, 0, 1));
const N = 30;

/** Texts that need escaping, and what must be read back. */
const SPECIAL: [string, string][] = [
  ["a & b < c > d \"q\" 'apos'", "a & b < c > d \"q\" 'apos'"],
  ["bell\u0007 and nul\u0000 and esc\u001b", "bell\u0007 and nul\u0000 and esc\u001b"],
  ["tab\there, line\nbreak", "tab\there, line\nbreak"],
  ["windows\r\nline", "windows\r\nline"],
  ["  leading and trailing  ", "  leading and trailing  "],
  ["literal _x0041_ and _x00e9_", "literal _x0041_ and _x00e9_"],
  ["not a char \uFFFE", "not a char \uFFFE"],
  ["émoji 😀 ß", "émoji 😀 ß"],
  // A lone surrogate cannot be encoded as UTF-8: it becomes U+FFFD (documented in the module).
  ["lone \uD800 surrogate", "lone \uFFFD surrogate"],
  ["=1+1", "=1+1"],
];

const breaks: OutputSheet = {
  name: "Breaks",
  tableName: "Breaks",
  preamble: ["Trade reconciliation: breaks", "30 breaks; run date 2026-10-31"],
  columns: [
    { header: "ID", numberFormat: "@", width: 14 },
    { header: "Amount", numberFormat: "#,##0.00;[Red]-#,##0.00", width: 12 },
    { header: "First seen", numberFormat: "yyyy-mm-dd", width: 11 },
    { header: "Holds" },
    {
      header: "Custodian rows",
      numberFormat: "@",
      width: 12,
      links: Array.from({ length: N }, (_, i) => (i % 3 === 2 ? null : "data/custodian.csv")),
    },
    {
      header: "Books rows",
      links: Array.from({ length: N }, (_, i) => (i % 2 ? `#'Summary'!A${i + 5}` : `books.xlsx#'Trades'!A${i + 2}`)),
    },
    { header: "Status", width: 12, choices: ["open", "investigating", "resolved", "written off"] },
    { header: "Note", width: 40 },
    { header: "Age (days)", numberFormat: "0" },
    { header: "id" },
  ],
  rows: Array.from({ length: N }, (_, i) => [
    `B-${i}`,
    i % 2 ? -1234.5 * i : 1234.5 * i,
    46000 + i,
    i % 2 === 0,
    String(i + 2),
    String(i + 2),
    i % 4 === 0 ? "open" : null,
    i < SPECIAL.length ? SPECIAL[i][0] : "",
    i,
    i === 0 ? "extra" : null,
  ]),
  conditional: [
    { column: 0, rule: { kind: "text-contains", text: 'B-1"' }, fill: "#F8CBAD" },
    { column: 6, rule: { kind: "text-equals", text: "open" }, fill: "#FFF2CC" },
    { column: 8, rule: { kind: "number-greater", value: 20 }, fill: "#FF9999" },
  ],
};

const summary: OutputSheet = {
  name: "Summary",
  // The same table name as the Breaks sheet's: made unique in the workbook.
  tableName: "breaks",
  preamble: ["Summary"],
  columns: [
    { header: "Category", numberFormat: "@", width: 28 },
    { header: "0-1 days", numberFormat: "0" },
    { header: "2-5 days", numberFormat: "0" },
    { header: "Total", numberFormat: "0" },
  ],
  rows: [
    ["QUANTITY", 1, 2, 3],
    ["PRICE", 0, 5, 5],
  ],
  chart: { type: "column", title: "Breaks by bucket", categoriesColumn: 0, seriesColumns: [1, 2] },
  blocks: [
    {
      title: "Rows and totals by side",
      columns: ["Measure", "Books", "Custodian"],
      rows: [
        ["Rows read", 1000000, 1040000],
        ["Total amount", 1234567.891, -42],
        ["Holds", true, false],
      ],
      rowFormats: ["#,##0", "#,##0.00;[Red]-#,##0.00"],
    },
    {
      title: "Match rate",
      columns: ["Pass", "Rate"],
      columnFormats: [undefined, "0.0%"],
      rows: [["reference", 0.9]],
    },
  ],
};

const empty: OutputSheet = {
  name: "Empty",
  tableName: "Empty",
  preamble: ["Nothing to report"],
  columns: [{ header: "Break ID" }, { header: "Status", choices: ["open"] }],
  rows: [],
  conditional: [{ column: 1, rule: { kind: "text-equals", text: "open" }, fill: "#FFF2CC" }],
  blocks: [{ title: "This run", columns: ["Item", "Count"], rows: [["Breaks", 0]] }],
};

const plain: OutputSheet = {
  name: "Plain range",
  columns: [{ header: "A" }, { header: "B" }],
  rows: [
    [1, "x"],
    [2, "y"],
  ],
};

const sheets = [breaks, summary, empty, plain];

async function parts(file: string): Promise<JSZip> {
  return JSZip.loadAsync(readFileSync(file));
}

/** The names of an XML document's root's children, in order. */
function childrenOfRoot(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z0-9:]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClosing] = m;
    if (close) depth--;
    else {
      if (depth === 1) names.push(name);
      if (!selfClosing) depth++;
    }
  }
  return names;
}

/** True if `names` appear in `order`'s order (each name may repeat, none may go back). */
function inSchemaOrder(names: string[], order: string[]): boolean {
  let k = 0;
  for (const n of names) {
    const at = order.indexOf(n, k);
    if (at < 0) return false;
    k = at;
  }
  return true;
}

const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

describe("writeXlsxDirect", () => {
  const file = join(tmp, "out.xlsx");
  let wb: ExcelJS.Workbook;
  let zip: JSZip;
  beforeAll(async () => {
    await writeXlsxDirect(file, sheets, stamp);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    zip = await parts(file);
  });

  it("writes the sheets in order, with the creator and the fixed stamp", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Breaks", "Summary", "Empty", "Plain range"]);
    expect(wb.creator).toBe("Back Office Toolkit");
    expect(wb.created?.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    expect(wb.modified?.toISOString()).toBe("2000-01-01T00:00:00.000Z");
  });

  it("writes the preamble (first line bold 13 pt) and a bold white-on-teal header row, made unique", () => {
    const ws = wb.getWorksheet("Breaks")!;
    expect(ws.getCell("A1").value).toBe("Trade reconciliation: breaks");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 13 });
    expect(ws.getCell("A2").value).toBe("30 breaks; run date 2026-10-31");
    expect(ws.getCell("A2").font?.bold).toBeFalsy();
    expect(ws.getCell("A3").value).toBeNull();
    const headers = (ws.getRow(4).values as unknown[]).slice(1);
    expect(headers).toEqual([
      "ID",
      "Amount",
      "First seen",
      "Holds",
      "Custodian rows",
      "Books rows",
      "Status",
      "Note",
      "Age (days)",
      "id 2",
    ]);
    for (let j = 1; j <= headers.length; j++) {
      const c = ws.getCell(4, j);
      expect(c.font).toMatchObject({ bold: true, color: { argb: "FFFFFFFF" } });
      expect(c.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FF1F6F78" } });
    }
  });

  it("freezes the panes below the header and sets the column widths", () => {
    const ws = wb.getWorksheet("Breaks")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4, topLeftCell: "A5" });
    expect(wb.getWorksheet("Plain range")!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // width given, or at least the header's length + 3 (up to 50), as writeOutputSheet
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.getColumn(4).width).toBe(10);
    expect(ws.getColumn(5).width).toBe(17);
    expect(ws.getColumn(8).width).toBe(40);
    expect(ws.getColumn(9).width).toBe(13);
  });

  it("writes numbers, dates (serials with a date format), booleans and text with their types and formats", () => {
    const ws = wb.getWorksheet("Breaks")!;
    for (let i = 0; i < N; i++) {
      const r = 5 + i;
      expect(ws.getCell(r, 1).value).toBe(`B-${i}`);
      expect(ws.getCell(r, 1).numFmt).toBe("@");
      expect(ws.getCell(r, 2).value).toBe(i % 2 ? -1234.5 * i : 1234.5 * i);
      expect(ws.getCell(r, 2).numFmt).toBe("#,##0.00;[Red]-#,##0.00");
      // exceljs turns a serial with a date format into a Date (46000 = 2025-12-09)
      expect(ws.getCell(r, 3).value).toEqual(new Date(Date.UTC(2025, 11, 9 + i)));
      expect(ws.getCell(r, 3).numFmt).toBe("yyyy-mm-dd");
      expect(ws.getCell(r, 4).value).toBe(i % 2 === 0);
      expect(ws.getCell(r, 9).value).toBe(i);
      expect(ws.getCell(r, 9).numFmt).toBe("0");
    }
    expect(ws.getCell("J5").value).toBe("extra");
    // An empty cell is left out, or written empty with its column's format (the Note column has none).
    expect(ws.getCell("G6").value).toBeNull();
    expect(ws.getCell(5 + SPECIAL.length, 8).value).toBeNull();
  });

  it("numbers its custom formats from 164 and uses the built-in ids for built-in formats", async () => {
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const custom = [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(custom).toEqual([
      ["164", "#,##0.00;[Red]-#,##0.00"],
      ["165", "yyyy-mm-dd"],
      ["166", "0.0%"],
    ]);
    expect(styles).toContain('numFmtId="49"');
    expect(styles).toContain('numFmtId="3"');
    // one cellXfs entry per distinct (format, font)
    const xfs = styles.slice(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
    const entries = [...xfs.matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    expect(new Set(entries).size).toBe(entries.length);
  });

  it("round-trips XML-special, control and non-BMP characters", async () => {
    const ws = wb.getWorksheet("Breaks")!;
    SPECIAL.forEach(([, expected], i) => expect(ws.getCell(5 + i, 8).value).toBe(expected));
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(xml).toContain("<t>a &amp; b &lt; c &gt; d &quot;q&quot; 'apos'</t>");
    expect(xml).toContain('<t xml:space="preserve">  leading and trailing  </t>');
    expect(xml).toContain("windows&#13;\nline");
    // text needing Excel's escapes goes to the shared strings, where exceljs reads them back too
    const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(sst).toContain("bell_x0007_ and nul_x0000_ and esc_x001B_");
    expect(sst).toContain("literal _x005F_x0041_ and _x005F_x00e9_");
    expect(sst).toContain("not a char _xFFFE_");
    // no character XML 1.0 forbids is left in any part
    for (const name of Object.keys(zip.files)) {
      // eslint-disable-next-line no-control-regex
      expect(await zip.file(name)!.async("string")).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    }
  });

  it("links each linked cell: files through one relationship per target, places in the workbook by location", async () => {
    const ws = wb.getWorksheet("Breaks")!;
    for (let i = 0; i < N; i++) {
      const custodian = ws.getCell(5 + i, 5);
      if (i % 3 === 2) expect(custodian.value).toBe(String(i + 2));
      else expect(custodian.value).toEqual({ text: String(i + 2), hyperlink: "data/custodian.csv" });
      const books = ws.getCell(5 + i, 6);
      // exceljs reads only relationship links back; places in the workbook are checked in the XML below
      if (i % 2 === 0) expect(books.value).toEqual({ text: String(i + 2), hyperlink: `books.xlsx#'Trades'!A${i + 2}` });
      expect(books.font).toMatchObject({ underline: true, color: { argb: "FF0563C1" } });
      if (i % 3 !== 2) expect(custodian.font).toMatchObject({ underline: true, color: { argb: "FF0563C1" } });
    }
    expect(ws.getCell("E5").numFmt).toBe("@");
    const rels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
    const targets = [...rels.matchAll(/Type="[^"]*\/hyperlink" Target="([^"]*)"/g)].map((m) => m[1]);
    // one for custodian.csv, one per distinct books.xlsx address (the even rows)
    expect(targets.filter((t) => t === "data/custodian.csv")).toHaveLength(1);
    expect(targets).toHaveLength(1 + N / 2);
    expect(new Set(targets).size).toBe(targets.length);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const hyperlinks = [...xml.matchAll(/<hyperlink [^>]*\/>/g)].map((m) => m[0]);
    expect(hyperlinks).toHaveLength(N - N / 3 + N);
    expect(hyperlinks).toContain(`<hyperlink ref="F6" location="'Summary'!A6"/>`);
    expect(hyperlinks.filter((h) => h.includes("location="))).toHaveLength(N / 2);
    expect(hyperlinks.filter((h) => h.includes("location=")).every((h) => !h.includes("r:id"))).toBe(true);
  });

  it("offers the drop-down on every body cell of its column, as a suggestion list", () => {
    const ws = wb.getWorksheet("Breaks")!;
    for (const r of [5, 5 + N - 1]) {
      expect(ws.getCell(r, 7).dataValidation).toMatchObject({
        type: "list",
        allowBlank: true,
        formulae: ['"open,investigating,resolved,written off"'],
      });
      expect(ws.getCell(r, 7).dataValidation.showErrorMessage).toBeFalsy();
    }
    expect(ws.getCell(4, 7).dataValidation).toBeUndefined();
    expect(ws.getCell(5 + N, 7).dataValidation).toBeUndefined();
  });

  it("writes the conditional fills over the column bodies, as conditionalRule describes them", () => {
    const ws = wb.getWorksheet("Breaks")!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] })
      .conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual([`A5:A${4 + N}`, `G5:G${4 + N}`, `I5:I${4 + N}`]);
    // the text's quote doubled inside the formula, relative to the range's first cell
    expect(cf[0].rules[0]).toMatchObject({
      type: "containsText",
      operator: "containsText",
      formulae: ['NOT(ISERROR(SEARCH("B-1""",A5)))'],
      priority: 1,
    });
    expect(cf[1].rules[0]).toMatchObject({ type: "cellIs", operator: "equal", formulae: ['"open"'], priority: 2 });
    expect(cf[2].rules[0]).toMatchObject({ type: "cellIs", operator: "greaterThan", formulae: ["20"], priority: 3 });
    expect(cf.map((c) => (c.rules[0].style as { fill: { bgColor: { argb: string } } }).fill.bgColor.argb)).toEqual([
      "FFF8CBAD",
      "FFFFF2CC",
      "FFFF9999",
    ]);
  });

  it("makes each block an Excel table (TableStyleMedium2) with names unique in the workbook", async () => {
    const tables = (name: string) =>
      Object.keys((wb.getWorksheet(name) as unknown as { tables: Record<string, unknown> }).tables);
    expect(tables("Breaks")).toEqual(["Breaks"]);
    expect(tables("Summary")).toEqual(["breaks_2"]);
    expect(tables("Empty")).toEqual(["Empty"]);
    expect(tables("Plain range")).toEqual([]);
    const t1 = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(t1).toContain(`ref="A4:J${4 + N}"`);
    expect(t1).toContain(`<autoFilter ref="A4:J${4 + N}"/>`);
    expect(t1).toContain('<tableColumn id="10" name="id 2"/>');
    expect(t1).toContain('name="TableStyleMedium2"');
    // a table with no rows keeps one empty body row
    expect(await zip.file("xl/tables/table3.xml")!.async("string")).toContain('ref="A3:B4"');
    // a sheet without a table name gets filter buttons over the same range instead
    const plainXml = await zip.file("xl/worksheets/sheet4.xml")!.async("string");
    expect(plainXml).toContain('<autoFilter ref="A1:B3"/>');
    const sheet1 = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet1).not.toContain("<autoFilter");
  });

  it("shows the chart's series columns as data bars", () => {
    const ws = wb.getWorksheet("Summary")!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: Record<string, unknown>[] }[] })
      .conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(["B4:B5", "C4:C5"]);
    for (const c of cf) {
      expect(c.rules[0]).toMatchObject({ type: "dataBar", cfvo: [{ type: "num", value: 0 }, { type: "max" }] });
    }
  });

  it("writes the blocks below the table: bold titles and headers, per-cell number formats", () => {
    const ws = wb.getWorksheet("Summary")!;
    // preamble 1 line, blank, header row 3, 2 rows, blank, block title on row 7
    expect(ws.getCell("A7").value).toBe("Rows and totals by side");
    expect(ws.getCell("A7").font?.bold).toBe(true);
    expect((ws.getRow(8).values as unknown[]).slice(1)).toEqual(["Measure", "Books", "Custodian"]);
    expect(ws.getCell("C8").font?.bold).toBe(true);
    expect(ws.getCell("B9").value).toBe(1000000);
    expect(ws.getCell("B9").numFmt).toBe("#,##0");
    expect(ws.getCell("C10").value).toBe(-42);
    expect(ws.getCell("C10").numFmt).toBe("#,##0.00;[Red]-#,##0.00");
    expect(ws.getCell("A10").numFmt).toBeFalsy();
    expect(ws.getCell("B11").value).toBe(true);
    expect(ws.getCell("A13").value).toBe("Match rate");
    expect(ws.getCell("B15").value).toBe(0.9);
    expect(ws.getCell("B15").numFmt).toBe("0.0%");
    // with no rows, the table's empty row still stands between the table and the block
    const empty = wb.getWorksheet("Empty")!;
    expect(empty.getCell("A6").value).toBe("This run");
    expect(empty.getCell("B8").value).toBe(0);
  });

  it("sets up printing: landscape, one page wide, the header row repeated", async () => {
    const ws = wb.getWorksheet("Breaks")!;
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Breaks'!$4:$4</definedName>`);
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="3">'Plain range'!$1:$1</definedName>`,
    );
  });

  it("writes an empty sheet's table, preamble and blocks, and no rules over an empty body", () => {
    const ws = wb.getWorksheet("Empty")!;
    expect(ws.getCell("A1").value).toBe("Nothing to report");
    expect(ws.getCell("A3").value).toBe("Break ID");
    expect(ws.getCell("A4").value).toBeNull();
    expect(ws.getCell("B4").dataValidation).toBeUndefined();
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toEqual([]);
  });

  it("puts the children of every worksheet and of styles.xml in the schema's order", async () => {
    for (let i = 1; i <= sheets.length; i++) {
      const names = childrenOfRoot(await zip.file(`xl/worksheets/sheet${i}.xml`)!.async("string"));
      expect(names[0]).toBe("sheetPr");
      expect(inSchemaOrder(names, WORKSHEET_ORDER)).toBe(true);
    }
    const names = childrenOfRoot(await zip.file("xl/styles.xml")!.async("string"));
    expect(names).toEqual([
      "numFmts",
      "fonts",
      "fills",
      "borders",
      "cellStyleXfs",
      "cellXfs",
      "cellStyles",
      "dxfs",
      "tableStyles",
    ]);
    expect(inSchemaOrder(names, STYLESHEET_ORDER)).toBe(true);
    expect(inSchemaOrder(["cols", "sheetData", "pageSetup", "hyperlinks"], WORKSHEET_ORDER)).toBe(false);
  });

  it("declares every part it writes, and only those", async () => {
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const declared = [...types.matchAll(/PartName="\/([^"]*)"/g)].map((m) => m[1]).sort();
    const written = Object.keys(zip.files)
      .filter((n) => !zip.files[n].dir && !n.endsWith(".rels") && n !== "[Content_Types].xml")
      .sort();
    expect(declared).toEqual(written);
  });

  it("gives a byte-identical file for the same sheets", async () => {
    const again = join(tmp, "again.xlsx");
    await writeXlsxDirect(again, sheets, stamp);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
  });

  it("stamps every zip entry with the DOS date and time of the stamp", () => {
    const bytes = readFileSync(file);
    // first local header: time at offset 10, date at 12 (ZIP APPNOTE 4.3.7); 2000-01-01 00:00:00
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(10)).toBe(0);
    expect(bytes.readUInt16LE(12)).toBe(((2000 - 1980) << 9) | (1 << 5) | 1);
  });

  it("refuses sheet names Excel would not open, and two sheets whose names differ only in case", async () => {
    await expect(writeXlsxDirect(join(tmp, "bad.xlsx"), [{ ...plain, name: "a/b" }], stamp)).rejects.toThrow(
      /cannot write sheet 'a\/b'/,
    );
    await expect(
      writeXlsxDirect(join(tmp, "bad.xlsx"), [plain, { ...plain, name: "PLAIN RANGE" }], stamp),
    ).rejects.toThrow(/two sheets named 'PLAIN RANGE'/);
  });
});

describe("writeXlsxDirect failures", () => {
  const sheet = (rows: OutputSheet["rows"]): OutputSheet[] => [{ name: "S", columns: [{ header: "A" }], rows }];

  it("reports a file it cannot create", async () => {
    await expect(writeXlsxDirect(join(tmp, "absent", "out.xlsx"), sheet([["x"]]), stamp)).rejects.toThrow(/ENOENT/);
  });

  it("removes a file whose writing failed half-way", async () => {
    const file = join(tmp, "partial.xlsx");
    const rows: OutputSheet["rows"] = Array.from({ length: 30_000 }, (_, i) => [`R${i}`]);
    Object.defineProperty(rows, 20_000, {
      get() {
        throw new Error("row 20000 cannot be read");
      },
    });
    await expect(writeXlsxDirect(file, sheet(rows), stamp)).rejects.toThrow(/row 20000 cannot be read/);
    expect(existsSync(file)).toBe(false);
  });
});

describe("writeXlsxDirect at size", () => {
  it("writes 100,000 rows that read back in full", async () => {
    const rows = 100_000;
    const file = join(tmp, "large.xlsx");
    await writeXlsxDirect(
      file,
      [
        {
          name: "Big",
          tableName: "Big",
          columns: [{ header: "ID" }, { header: "Amount", numberFormat: "#,##0.00" }, { header: "Link" }],
          rows: Array.from({ length: rows }, (_, i) => [`R${i}`, i * 1.5, String(i)]),
        },
      ],
      stamp,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("Big")!;
    expect(ws.actualRowCount).toBe(rows + 1);
    expect(ws.getCell(rows + 1, 1).value).toBe(`R${rows - 1}`);
    expect(ws.getCell(rows + 1, 2).value).toBe((rows - 1) * 1.5);
    expect(ws.getCell(rows + 1, 2).numFmt).toBe("#,##0.00");
  }, 60_000);
});
