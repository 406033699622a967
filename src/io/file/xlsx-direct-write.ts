/**
 * Large output workbooks written as SpreadsheetML by hand (ECMA-376 Part 1), streamed into a zip as
 * they are rendered (zip-write.ts). exceljs's streaming writer built a cell object and a style per
 * cell and escaped every value through its XML stream; for 60,000 break rows that was about 1.3 s and
 * much of the run's garbage. Here a row is one string built from per-column pieces prepared once, and
 * the sheet's XML goes to raw deflate (level 1, on libuv's thread pool) in chunks of about 256 KB.
 *
 * The content is that of writeOutputSheet (xlsx-write.ts, the exceljs model used for small outputs):
 * preamble (first line bold 13 pt), a header row (bold white on teal, made unique), frozen below the
 * header, widths, number formats by column, typed cells (dates are serials with a date format, as
 * everywhere in the port), links, drop-downs, conditional fills, blocks below the table, landscape
 * fit-to-width print setup with the header row repeated. Like the model, the block is a real Excel
 * table (TableStyleMedium2, filter buttons, name made unique in the workbook) and the chart's series
 * columns carry data bars. Where it differs:
 * - the data bars are the plain 2007 kind (gradient; the model adds Excel 2010's x14 extension for
 *   solid bars), with minLength 0 so that a zero shows no bar;
 * - a link into the workbook ("#'Sheet'!A1") is a hyperlink `location`, with no relationship, as Excel
 *   writes it (exceljs also adds an external relationship, which it then reads back as the link);
 * - links with the same target share one relationship (one per file: 60,000 links to custodian.csv
 *   were about 10 MB of relationships); every linked cell keeps its own hyperlink element;
 * - empty cells are left out (or written empty with their column's format), not written as "";
 * - text is written in the cell (inline strings), not through a shared-string table (measured: see
 *   SharedStrings). Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and
 *   carriage return; U+FFFE, U+FFFF) are kept as Excel's _xHHHH_ escapes rather than dropped, and text
 *   that already looks like such an escape has its underscore escaped (_x005F_); such a text goes to
 *   the shared-string table, the one place exceljs also reads the escapes back, so Excel and exceljs
 *   both read what was written. A lone UTF-16 surrogate becomes U+FFFD.
 * Element order follows the schemas' sequences (CT_Worksheet, CT_Stylesheet): Excel calls a file with
 * parts out of order corrupt, and the tests cannot run Excel (they check the order instead).
 */
import type ExcelJS from "exceljs";
import { columnLetter } from "../../core/errors";
import { blockCellFormat, type CellValue, type OutputSheet } from "../port";
import { conditionalRule, uniqueHeaders } from "./xlsx-write";
import { ZipWriter } from "./zip-write";

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

/**
 * What needs more than a copy in element text: markup, carriage return (a parser would read it as a
 * line feed), and what EXCEL_ESCAPED lists.
 */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
/**
 * What only Excel's _xHHHH_ escapes carry (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): characters XML 1.0
 * cannot hold, and text that would otherwise be read as such an escape.
 */
// eslint-disable-next-line no-control-regex
const EXCEL_ESCAPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const SPECIAL_ALL = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g;
/** In attribute values, tab and line feed too (a parser would turn them into spaces). */
// eslint-disable-next-line no-control-regex
const ATTR_SPECIAL_ALL = /[&<>"\u0000-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/g;

function escapeMatch(m: string): string {
  switch (m) {
    case "&":
      return "&amp;";
    case "<":
      return "&lt;";
    case ">":
      return "&gt;";
    case '"':
      return "&quot;";
    case "\t":
      return "&#9;";
    case "\n":
      return "&#10;";
    case "\r":
      return "&#13;";
  }
  // Text that reads as an escape: its underscore is escaped, so that it is read back as written.
  if (m.length > 1) return "_x005F" + m;
  return "_x" + m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "_";
}

/** Element text. */
function xmlText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, escapeMatch) : s;
}

function attr(s: string): string {
  return s.replace(ATTR_SPECIAL_ALL, escapeMatch);
}

/** A `<t>` element: leading or trailing white space is kept only if marked. */
function textElement(raw: string, escaped: string): string {
  return raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32
    ? '<t xml:space="preserve">' + escaped + "</t>"
    : "<t>" + escaped + "</t>";
}

/** A sheet name in a formula or defined name: always quoted, apostrophes doubled. */
function quotedSheet(name: string): string {
  return "'" + name.replace(/'/g, "''") + "'";
}

// ---------------------------------------------------------------------------------------------- styles

/** The fonts every workbook declares, by index (unused ones cost a few bytes). */
const FONTS = [
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font>',
  '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font>',
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
] as const;
const enum Font {
  Plain = 0,
  Title = 1,
  Header = 2,
  Link = 3,
  Bold = 4,
}
/** Fill 2 is the header's; 0 and 1 are the two every workbook must start with. */
const HEADER_FILL = 2;

/**
 * Formats with a built-in id (ECMA-376 Part 1, 18.8.30) whose meaning does not depend on the locale;
 * any other format gets a custom id from 164.
 */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIds = new Map<string, number>([["0|0", 0]]);
  private readonly dxfs: string[] = [];
  private readonly dxfIds = new Map<string, number>();

  /** The cellXfs index of a number format with a font (the header font comes with its fill). */
  xf(format: string | undefined, font: Font = Font.Plain): number {
    let fmt = 0;
    if (format) {
      fmt = BUILTIN_FORMATS[format] ?? this.formats.get(format) ?? 164 + this.formats.size;
      if (fmt >= 164) this.formats.set(format, fmt);
    }
    const key = `${fmt}|${font}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      const fill = font === Font.Header ? HEADER_FILL : 0;
      id = this.xfs.length;
      this.xfs.push(
        `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"` +
          (fmt ? ' applyNumberFormat="1"' : "") +
          (font ? ' applyFont="1"' : "") +
          (fill ? ' applyFill="1"' : "") +
          "/>",
      );
      this.xfIds.set(key, id);
    }
    return id;
  }

  /** A differential format (conditional formatting) filling the cell with an ARGB colour. */
  dxf(argb: string): number {
    let id = this.dxfIds.get(argb);
    if (id === undefined) {
      id = this.dxfs.length;
      // As Excel writes a fill in a differential format: the pattern's background colour is the fill.
      this.dxfs.push(`<dxf><fill><patternFill><bgColor rgb="${attr(argb)}"/></patternFill></fill></dxf>`);
      this.dxfIds.set(argb, id);
    }
    return id;
  }

  /** styles.xml, children in CT_Stylesheet's order. */
  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`);
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (formats.length > 0 ? `<numFmts count="${formats.length}">${formats.join("")}</numFmts>` : "") +
      `<fonts count="${FONTS.length}">${FONTS.join("")}</fonts>` +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FF1F6F78"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join("")}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

// ------------------------------------------------------------------------------------- shared strings

/**
 * The shared-string table, for the few texts that need Excel's _xHHHH_ escapes: exceljs reads those
 * escapes back only from this table, not from inline strings, so a text with a control character
 * survives a round trip through either reader. Everything else is written inline: on the 1M
 * reconciliation's 60,000 breaks, a shared table for all text took 0.54 s to write against 0.39 s
 * (a hash lookup per text cell) and made a file 8% larger (7.1 MB against 6.6 MB: the cells' string
 * indexes deflate worse than the repeated text they replace).
 */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];

  /** The cell's type and value, from the opening tag's end: ` t="s"><v>12</v></c>`. */
  cell(s: string): string {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return ' t="s"><v>' + i + "</v></c>";
  }

  *xml(): Generator<string> {
    let out = XML_HEAD + `<sst xmlns="${NS_MAIN}" uniqueCount="${this.list.length}">`;
    for (const s of this.list) {
      out += "<si>" + textElement(s, xmlText(s)) + "</si>";
      if (out.length >= CHUNK) {
        yield out;
        out = "";
      }
    }
    yield out + "</sst>";
  }
}

/** Characters of XML handed to the zip at a time. */
const CHUNK = 1 << 18;

// ---------------------------------------------------------------------------------------------- sheets

interface SheetPlan {
  sheet: OutputSheet;
  /** 0-based position in the workbook (localSheetId). */
  index: number;
  headerRow: number;
  bodyRows: number;
  headers: string[];
  letters: string[];
  /** Rows the table (or filtered range) covers below the header: at least one, even when empty. */
  tableRows: number;
  table?: { id: number; name: string };
  /** First row of the blocks below the table. */
  blockRow: number;
  lastRow: number;
  lastCol: number;
}

/** A valid table name (ECMA-376 Part 1, 18.5.1.2 and Excel's rules: no spaces, not a cell reference). */
function validTableName(wanted: string): string {
  let name = wanted.replace(/[^\p{L}\p{N}_.\\]/gu, "_") || "Table";
  if (!/^[\p{L}_\\]/u.test(name)) name = "_" + name;
  if (/^(?:[A-Za-z]{1,3}\d+|[RrCc]|[Rr]\d*[Cc]\d*)$/.test(name)) name = "_" + name;
  return name.slice(0, 250);
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${wanted}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function checkSheetNames(sheets: readonly OutputSheet[]): void {
  const seen = new Set<string>();
  for (const s of sheets) {
    if (s.name.length === 0 || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name) || /^'|'$/.test(s.name)) {
      throw new Error(
        `cannot write sheet '${s.name}': an Excel sheet name has 1 to 31 characters, none of [ ] : * ? / \\, and does not start or end with an apostrophe`,
      );
    }
    if (seen.has(s.name.toLowerCase()))
      throw new Error(`cannot write two sheets named '${s.name}' (Excel ignores case)`);
    seen.add(s.name.toLowerCase());
  }
}

function plan(sheets: readonly OutputSheet[]): SheetPlan[] {
  const tableNames = new Set<string>();
  let tableId = 0;
  return sheets.map((sheet, index) => {
    const pre = sheet.preamble ?? [];
    const headerRow = pre.length > 0 ? pre.length + 2 : 1;
    const nCols = sheet.columns.length;
    const bodyRows = sheet.rows.length;
    const tableRows = Math.max(1, bodyRows);
    const table =
      sheet.tableName !== undefined && nCols > 0
        ? { id: ++tableId, name: uniqueName(validTableName(sheet.tableName), tableNames) }
        : undefined;
    let lastCol = Math.max(1, nCols);
    for (const r of sheet.rows) lastCol = Math.max(lastCol, r.length);
    const blockRow = headerRow + tableRows + 2;
    let lastRow = nCols > 0 || bodyRows > 0 ? headerRow + tableRows : Math.max(1, pre.length);
    let row = blockRow;
    for (const b of sheet.blocks ?? []) {
      lastCol = Math.max(lastCol, b.columns.length, ...b.rows.map((r) => r.length));
      lastRow = row + 1 + b.rows.length;
      row += b.rows.length + 3;
    }
    return {
      sheet,
      index,
      headerRow,
      bodyRows,
      headers: uniqueHeaders(sheet.columns.map((c) => c.header)),
      letters: Array.from({ length: lastCol }, (_, j) => columnLetter(j)),
      tableRows,
      table,
      blockRow,
      lastRow,
      lastCol,
    };
  });
}

/** Cell values: `value` is what follows the opening tag's attributes up to the end of the cell. */
class Cells {
  constructor(private readonly strings: SharedStrings) {}

  value(v: string | number | boolean): string {
    if (typeof v === "string") {
      if (!SPECIAL.test(v)) return ' t="inlineStr"><is>' + textElement(v, v) + "</is></c>";
      if (EXCEL_ESCAPED.test(v)) return this.strings.cell(v);
      return ' t="inlineStr"><is>' + textElement(v, v.replace(SPECIAL_ALL, escapeMatch)) + "</is></c>";
    }
    if (typeof v === "number") {
      // Excel has no NaN or infinity: such a number is shown as the error it would compute.
      return Number.isFinite(v) ? "><v>" + v + "</v></c>" : ' t="e"><v>#NUM!</v></c>';
    }
    return ' t="b"><v>' + (v ? 1 : 0) + "</v></c>";
  }

  /** A cell's XML from its opening `<c r="A5"` and style attribute, or "" for an empty cell without a style. */
  cell(open: string, styled: boolean, v: CellValue | undefined): string {
    if (v === null || v === undefined || v === "") return styled ? open + "/>" : "";
    return open + this.value(v);
  }
}

function styleAttr(id: number): string {
  return id === 0 ? "" : ` s="${id}"`;
}

/** A column's body cell range, e.g. "C5:C60004". */
function bodyRange(p: SheetPlan, j: number): string {
  return `${p.letters[j]}${p.headerRow + 1}:${p.letters[j]}${p.headerRow + p.bodyRows}`;
}

/** What the sheet's XML leaves for its relationships part. */
interface SheetRels {
  /** External link targets in relationship order (rId1, rId2, ...). */
  links: string[];
  /** The table part's relationship id, after the links. */
  tableRel?: string;
}

function* worksheetXml(p: SheetPlan, styles: Styles, cells: Cells, rels: SheetRels): Generator<string> {
  const { sheet, headerRow, letters } = p;
  const nCols = sheet.columns.length;
  const lastLetter = letters[p.lastCol - 1];
  const pre = sheet.preamble ?? [];
  let out =
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1${p.lastRow > 1 || p.lastCol > 1 ? `:${lastLetter}${p.lastRow}` : ""}"/>` +
    `<sheetViews><sheetView${p.index === 0 ? ' tabSelected="1"' : ""} workbookViewId="0">` +
    `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${headerRow + 1}" sqref="A${headerRow + 1}"/>` +
    "</sheetView></sheetViews>" +
    '<sheetFormatPr defaultRowHeight="15"/>';
  if (nCols > 0) {
    out += "<cols>";
    sheet.columns.forEach((col, j) => {
      const width = Math.max(col.width ?? 10, Math.min(50, col.header.length + 3));
      out += `<col min="${j + 1}" max="${j + 1}" width="${width}" customWidth="1"/>`;
    });
    out += "</cols>";
  }
  out += "<sheetData>";
  pre.forEach((line, i) => {
    const c = cells.cell(`<c r="A${i + 1}"${styleAttr(i === 0 ? styles.xf(undefined, Font.Title) : 0)}`, false, line);
    if (c) out += `<row r="${i + 1}">${c}</row>`;
  });
  if (nCols > 0) {
    const header = styleAttr(styles.xf(undefined, Font.Header));
    out += `<row r="${headerRow}">`;
    p.headers.forEach((h, j) => (out += cells.cell(`<c r="${letters[j]}${headerRow}"${header}`, true, h)));
    out += "</row>";
  }

  // The body: per column, the opening of a cell up to its row number, and the style attribute that
  // follows it (with the link font for a linked cell); empty cells are written only if styled.
  const open = letters.map((l) => '<c r="' + l);
  const plain = letters.map((_, j) => '"' + styleAttr(j < nCols ? styles.xf(sheet.columns[j].numberFormat) : 0));
  const linked = letters.map((_, j) =>
    j < nCols && sheet.columns[j].links ? '"' + styleAttr(styles.xf(sheet.columns[j].numberFormat, Font.Link)) : "",
  );
  const links = letters.map((_, j) => (j < nCols ? sheet.columns[j].links : undefined));
  // Each column's last value and its XML: a column often repeats its value from row to row (run
  // status, bucket, status, dates), which then costs one comparison instead of escaping and formatting.
  const lastValue: (string | number | boolean | undefined)[] = letters.map(() => undefined);
  const lastXml = letters.map(() => "");
  for (let i = 0; i < p.bodyRows; i++) {
    const rn = String(headerRow + 1 + i);
    const values = sheet.rows[i];
    out += '<row r="' + rn + '">';
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      const style = links[j]?.[i] ? linked[j] : plain[j];
      if (v === null || v === undefined || v === "") {
        if (style.length > 1) out += open[j] + rn + style + "/>";
      } else if (v === lastValue[j]) out += open[j] + rn + style + lastXml[j];
      else {
        lastValue[j] = v;
        lastXml[j] = cells.value(v);
        out += open[j] + rn + style + lastXml[j];
      }
    }
    out += "</row>";
    if (out.length >= CHUNK) {
      yield out;
      out = "";
    }
  }

  const bold = styleAttr(styles.xf(undefined, Font.Bold));
  let blockRow = p.blockRow;
  for (const block of sheet.blocks ?? []) {
    out += `<row r="${blockRow}">${cells.cell(`<c r="A${blockRow}"${bold}`, true, block.title)}</row>`;
    out += `<row r="${blockRow + 1}">`;
    block.columns.forEach((h, j) => (out += cells.cell(`<c r="${letters[j]}${blockRow + 1}"${bold}`, true, h)));
    out += "</row>";
    block.rows.forEach((r, i) => {
      const rn = blockRow + 2 + i;
      out += `<row r="${rn}">`;
      r.forEach((v, j) => {
        const f = typeof v === "number" ? blockCellFormat(block, i, j) : undefined;
        out += cells.cell(`<c r="${letters[j]}${rn}"${styleAttr(styles.xf(f))}`, false, v);
      });
      out += "</row>";
    });
    blockRow += block.rows.length + 3;
  }
  out += "</sheetData>";

  // Without a table, the header row gets filter buttons over the same range the table would cover.
  if (!p.table && nCols > 0) out += `<autoFilter ref="${tableRef(p)}"/>`;

  if (p.bodyRows > 0) {
    let priority = 1;
    for (const rule of sheet.conditional ?? []) {
      out += `<conditionalFormatting sqref="${bodyRange(p, rule.column)}">${cfRule(
        conditionalRule(rule, priority++),
        `${letters[rule.column]}${headerRow + 1}`,
        styles,
      )}</conditionalFormatting>`;
    }
    // The chart's series as data bars (exceljs and this writer draw no charts; docs/recon-output.md).
    for (const j of sheet.chart?.seriesColumns ?? []) {
      out +=
        `<conditionalFormatting sqref="${bodyRange(p, j)}"><cfRule type="dataBar" priority="${priority++}">` +
        '<dataBar minLength="0" maxLength="100"><cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF5B9BD5"/></dataBar>' +
        "</cfRule></conditionalFormatting>";
    }
    const lists = sheet.columns
      .map((col, j) => ({ col, j }))
      .filter(({ col }) => col.choices && col.choices.length > 0);
    if (lists.length > 0) {
      out += `<dataValidations count="${lists.length}">`;
      for (const { col, j } of lists) {
        // A suggestion list, not a rule: no error box (showErrorMessage left off), other text is kept.
        const formula = '"' + col.choices!.map((c) => c.replace(/"/g, '""')).join(",") + '"';
        out += `<dataValidation type="list" allowBlank="1" sqref="${bodyRange(p, j)}"><formula1>${xmlText(formula)}</formula1></dataValidation>`;
      }
      out += "</dataValidations>";
    }
  }

  yield* hyperlinksXml(p, out, rels);
  out = "";

  out +=
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>';
  if (p.table) {
    rels.tableRel = `rId${rels.links.length + 1}`;
    out += `<tableParts count="1"><tablePart r:id="${rels.tableRel}"/></tableParts>`;
  }
  yield out + "</worksheet>";
}

/**
 * The hyperlinks element after `before` (the sheet's XML so far): one element per linked cell, a
 * place in this workbook as `location`, anything else through a relationship shared by every link
 * to the same target (ECMA-376 Part 1, 18.3.1.47: any number of hyperlinks may name one r:id).
 */
function* hyperlinksXml(p: SheetPlan, before: string, rels: SheetRels): Generator<string> {
  const linkCols = p.sheet.columns.map((c, j) => ({ links: c.links, j })).filter((c) => c.links);
  let out = before;
  if (linkCols.length === 0 || p.bodyRows === 0) {
    yield out;
    return;
  }
  const ids = new Map<string, string>();
  let any = false;
  for (let i = 0; i < p.bodyRows; i++) {
    const rn = p.headerRow + 1 + i;
    for (const { links, j } of linkCols) {
      const link = links![i];
      if (!link) continue;
      if (!any) {
        out += "<hyperlinks>";
        any = true;
      }
      const ref = p.letters[j] + rn;
      if (link.startsWith("#")) {
        out += '<hyperlink ref="' + ref + '" location="' + attr(link.slice(1)) + '"/>';
        continue;
      }
      let id = ids.get(link);
      if (id === undefined) {
        rels.links.push(link);
        id = `rId${rels.links.length}`;
        ids.set(link, id);
      }
      out += '<hyperlink ref="' + ref + '" r:id="' + id + '"/>';
    }
    if (out.length >= CHUNK) {
      yield out;
      out = "";
    }
  }
  if (any) out += "</hyperlinks>";
  yield out;
}

function tableRef(p: SheetPlan): string {
  return `A${p.headerRow}:${p.letters[p.sheet.columns.length - 1]}${p.headerRow + p.tableRows}`;
}

/** A rule made by conditionalRule (xlsx-write.ts), as a cfRule element; `first` is the range's top cell. */
function cfRule(rule: ExcelJS.ConditionalFormattingRule, first: string, styles: Styles): string {
  const r = rule as {
    type: string;
    operator?: string;
    text?: string;
    formulae?: (string | number)[];
    priority: number;
    style?: { fill?: { bgColor?: { argb?: string } } };
  };
  const dxf = styles.dxf(r.style?.fill?.bgColor?.argb ?? "FFFFFFFF");
  if (r.type === "containsText") {
    const text = r.text ?? "";
    const formula = `NOT(ISERROR(SEARCH("${text.replace(/"/g, '""')}",${first})))`;
    return (
      `<cfRule type="containsText" dxfId="${dxf}" priority="${r.priority}" operator="containsText" text="${attr(text)}">` +
      `<formula>${xmlText(formula)}</formula></cfRule>`
    );
  }
  return (
    `<cfRule type="cellIs" dxfId="${dxf}" priority="${r.priority}" operator="${r.operator}">` +
    (r.formulae ?? []).map((f) => `<formula>${xmlText(String(f))}</formula>`).join("") +
    "</cfRule>"
  );
}

function tableXml(p: SheetPlan): string {
  const t = p.table!;
  const ref = tableRef(p);
  return (
    XML_HEAD +
    `<table xmlns="${NS_MAIN}" id="${t.id}" name="${attr(t.name)}" displayName="${attr(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${p.headers.length}">` +
    p.headers.map((h, j) => `<tableColumn id="${j + 1}" name="${attr(h)}"/>`).join("") +
    "</tableColumns>" +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>' +
    "</table>"
  );
}

function sheetRelsXml(rels: SheetRels, table: number | undefined): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.links
      .map(
        (t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}hyperlink" Target="${attr(t)}" TargetMode="External"/>`,
      )
      .join("") +
    (rels.tableRel
      ? `<Relationship Id="${rels.tableRel}" Type="${REL}table" Target="../tables/table${table}.xml"/>`
      : "") +
    "</Relationships>"
  );
}

// -------------------------------------------------------------------------------------- workbook parts

function contentTypesXml(plans: SheetPlan[]): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    o("/xl/workbook.xml", CT + "sheet.main+xml") +
    plans.map((p) => o(`/xl/worksheets/sheet${p.index + 1}.xml`, CT + "worksheet+xml")).join("") +
    plans.map((p) => (p.table ? o(`/xl/tables/table${p.table.id}.xml`, CT + "table+xml") : "")).join("") +
    o("/xl/styles.xml", CT + "styles+xml") +
    o("/xl/sharedStrings.xml", CT + "sharedStrings+xml") +
    o("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    o("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml") +
    "</Types>"
  );
}

function rootRelsXml(): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}extended-properties" Target="docProps/app.xml"/>` +
    "</Relationships>"
  );
}

function coreXml(stamp: Date): string {
  const when = stamp.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    "<dc:creator>Back Office Toolkit</dc:creator><cp:lastModifiedBy>Back Office Toolkit</cp:lastModifiedBy>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

function appXml(plans: SheetPlan[]): string {
  const n = plans.length;
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Back Office Toolkit</Application>" +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">` +
    plans.map((p) => `<vt:lpstr>${xmlText(p.sheet.name)}</vt:lpstr>`).join("") +
    "</vt:vector></TitlesOfParts></Properties>"
  );
}

function workbookXml(plans: SheetPlan[]): string {
  const names: string[] = [];
  for (const p of plans) {
    const q = quotedSheet(p.sheet.name);
    if (!p.table && p.sheet.columns.length > 0) {
      // Excel keeps a filtered range's extent in this hidden name (and makes it if missing).
      const ref = tableRef(p).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      names.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${p.index}" hidden="1">${xmlText(q + "!" + ref)}</definedName>`,
      );
    }
    names.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${p.index}">${xmlText(`${q}!$${p.headerRow}:$${p.headerRow}`)}</definedName>`,
    );
  }
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}">` +
    "<workbookPr/>" +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    "<sheets>" +
    plans
      .map((p) => `<sheet name="${attr(p.sheet.name)}" sheetId="${p.index + 1}" r:id="rId${p.index + 1}"/>`)
      .join("") +
    "</sheets>" +
    (names.length > 0 ? `<definedNames>${names.join("")}</definedNames>` : "") +
    "</workbook>"
  );
}

function workbookRelsXml(plans: SheetPlan[]): string {
  const n = plans.length;
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    plans
      .map(
        (p) =>
          `<Relationship Id="rId${p.index + 1}" Type="${REL}worksheet" Target="worksheets/sheet${p.index + 1}.xml"/>`,
      )
      .join("") +
    `<Relationship Id="rId${n + 1}" Type="${REL}styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL}sharedStrings" Target="sharedStrings.xml"/>` +
    "</Relationships>"
  );
}

/**
 * Writes the sheets, in order, to a new .xlsx file. `stamp` is the documents' created/modified time
 * and the zip entries' date: the same sheets and stamp give a byte-identical file.
 */
export async function writeXlsxDirect(file: string, sheets: readonly OutputSheet[], stamp: Date): Promise<void> {
  checkSheetNames(sheets);
  const plans = plan(sheets);
  const styles = new Styles();
  const strings = new SharedStrings();
  const cells = new Cells(strings);
  const zip = await ZipWriter.create(file, stamp);
  try {
    zip.add("[Content_Types].xml", contentTypesXml(plans));
    zip.add("_rels/.rels", rootRelsXml());
    zip.add("docProps/core.xml", coreXml(stamp));
    zip.add("docProps/app.xml", appXml(plans));
    zip.add("xl/workbook.xml", workbookXml(plans));
    zip.add("xl/_rels/workbook.xml.rels", workbookRelsXml(plans));
    for (const p of plans) {
      const rels: SheetRels = { links: [] };
      await zip.addStream(`xl/worksheets/sheet${p.index + 1}.xml`, worksheetXml(p, styles, cells, rels));
      if (rels.links.length > 0 || rels.tableRel)
        zip.add(`xl/worksheets/_rels/sheet${p.index + 1}.xml.rels`, sheetRelsXml(rels, p.table?.id));
      if (p.table) zip.add(`xl/tables/table${p.table.id}.xml`, tableXml(p));
    }
    // Styles and strings are complete only once every sheet is written; the zip's order is free.
    zip.add("xl/styles.xml", styles.xml());
    await zip.addStream("xl/sharedStrings.xml", strings.xml());
    await zip.close();
  } catch (e) {
    await zip.abort();
    throw e;
  }
}
