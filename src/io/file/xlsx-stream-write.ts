/**
 * Large output workbooks through exceljs's streaming writer (ExcelJS.stream.xlsx.WorkbookWriter):
 * each row is rendered to XML and handed to the zip stream (Node's native zlib) as it is written,
 * instead of building the whole workbook model and rendering it in one piece. For 60,000 break rows
 * the model path spends about 11 s in rendering and JavaScript deflate and holds the model in memory;
 * this path takes about 3 s (docs/bench.md).
 *
 * What differs from writeOutputSheet (xlsx-write.ts), because exceljs cannot stream it:
 * - the table is a filtered range (autoFilter, styled and frozen header row) rather than an Excel
 *   table: sorting and filtering work the same, structured references do not;
 * - the chart's data bars are a two-colour scale (a data bar needs an x14 extension list the
 *   streaming writer does not write);
 * - empty cells are left empty rather than written as empty text.
 * Everything else is the same: preamble, headers, number formats, links, drop-downs, conditional
 * formats, blocks, widths, print setup.
 */
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { columnLetter } from "../../core/errors";
import { blockCellFormat, type CellValue, type OutputSheet } from "../port";
import { conditionalRule, uniqueHeaders } from "./xlsx-write";

const value = (v: CellValue): ExcelJS.CellValue => (v === null || v === "" ? null : (v as ExcelJS.CellValue));

/** Body rows written between two turns of the event loop (see writeSheet). */
const ROWS_PER_TURN = 2000;

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, sheet: OutputSheet): Promise<void> {
  const pre = sheet.preamble ?? [];
  const headerRow = pre.length > 0 ? pre.length + 2 : 1;
  const bodyRows = sheet.rows.length;
  const lastCol = columnLetter(Math.max(0, sheet.columns.length - 1));
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: headerRow }],
    pageSetup: {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
  });
  ws.columns = sheet.columns.map((col) => ({ width: Math.max(col.width ?? 10, Math.min(50, col.header.length + 3)) }));
  pre.forEach((line, i) => {
    const row = ws.getRow(i + 1);
    const c = row.getCell(1);
    c.value = line;
    if (i === 0) c.font = { bold: true, size: 13 };
    row.commit();
  });
  const head = ws.getRow(headerRow);
  uniqueHeaders(sheet.columns.map((c) => c.header)).forEach((h, j) => {
    const c = head.getCell(j + 1);
    c.value = h;
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F6F78" } };
  });
  head.commit();
  // One style object per column (and one with the link font), shared by its cells: exceljs caches
  // a style's id by object identity, so a shared object is hashed once instead of once per cell.
  const linkFont: Partial<ExcelJS.Font> = { color: { argb: "FF0563C1" }, underline: true };
  const plainStyle = sheet.columns.map((c): Partial<ExcelJS.Style> =>
    c.numberFormat ? { numFmt: c.numberFormat } : {},
  );
  const linkStyle = plainStyle.map((st): Partial<ExcelJS.Style> => ({ ...st, font: linkFont }));
  for (let i = 0; i < bodyRows; i++) {
    const row = ws.getRow(headerRow + 1 + i);
    const values = sheet.rows[i];
    for (let j = 0; j < sheet.columns.length; j++) {
      const c = row.getCell(j + 1);
      const v = value(values[j] ?? null);
      const link = sheet.columns[j].links?.[i];
      if (link) {
        c.value = { text: v === null ? "" : String(v), hyperlink: link.startsWith("#") ? link.slice(1) : link };
        c.style = linkStyle[j];
      } else {
        if (v !== null) c.value = v;
        c.style = plainStyle[j];
      }
    }
    row.commit();
    // A committed row is XML waiting in the sheet's stream until the zip reads it, which happens
    // only when this loop lets the event loop turn: without these turns the whole sheet's XML (about
    // 100 MB for 60,000 breaks) is held at once. Deflate then runs on libuv's thread pool while the
    // next rows are rendered.
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (bodyRows > 0) {
    const body = (j: number) => `${columnLetter(j)}${headerRow + 1}:${columnLetter(j)}${headerRow + bodyRows}`;
    sheet.columns.forEach((col, j) => {
      if (!col.choices || col.choices.length === 0) return;
      // One validation over the column's body, not one per cell.
      (
        ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }
      ).dataValidations.add(body(j), {
        type: "list",
        allowBlank: true,
        formulae: [`"${col.choices.join(",")}"`],
        showErrorMessage: false,
      });
    });
    let priority = 1;
    for (const rule of sheet.conditional ?? [])
      ws.addConditionalFormatting({ ref: body(rule.column), rules: [conditionalRule(rule, priority++)] });
    for (const j of sheet.chart?.seriesColumns ?? [])
      ws.addConditionalFormatting({
        ref: body(j),
        rules: [
          {
            type: "colorScale",
            priority: priority++,
            cfvo: [{ type: "num", value: 0 }, { type: "max" }],
            color: [{ argb: "FFFFFFFF" }, { argb: "FF5B9BD5" }],
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      });
  }
  (ws as unknown as { autoFilter: string }).autoFilter = `A${headerRow}:${lastCol}${headerRow + Math.max(1, bodyRows)}`;
  let blockRow = headerRow + bodyRows + 2;
  for (const block of sheet.blocks ?? []) {
    const title = ws.getRow(blockRow);
    title.getCell(1).value = block.title;
    title.getCell(1).font = { bold: true };
    title.commit();
    const bh = ws.getRow(blockRow + 1);
    block.columns.forEach((h, j) => {
      bh.getCell(j + 1).value = h;
      bh.getCell(j + 1).font = { bold: true };
    });
    bh.commit();
    block.rows.forEach((r, i) => {
      const row = ws.getRow(blockRow + 2 + i);
      r.forEach((v, j) => {
        const x = value(v);
        if (x !== null) row.getCell(j + 1).value = x;
        const f = blockCellFormat(block, i, j);
        if (f && typeof v === "number") row.getCell(j + 1).numFmt = f;
      });
      row.commit();
    });
    blockRow += block.rows.length + 3;
  }
  ws.commit();
}

interface SheetRelsWriterClass {
  prototype: {
    addHyperlink(this: SheetRelsWriterLike, h: { target: string; address: string }): void;
  };
}
interface SheetRelsWriterLike {
  _hyperlinks: { rId: string; address: string }[];
  _writeRelationship(rel: { Target: string; Type: string; TargetMode: string }): string;
  sharedLinkIds?: Map<string, string>;
}

/**
 * exceljs's streaming writer gives every hyperlink a relationship of its own, even when 60,000 of
 * them open the same file (a CSV source: its lines cannot be addressed, docs/recon-output.md): about
 * 10 MB of relationships Excel must read. While our workbook is written, links with the same target
 * share one relationship (a relationship id may be referenced by any number of hyperlink elements,
 * ECMA-376 Part 1, 18.3.1.47); each cell keeps its own hyperlink element, so the links are unchanged.
 */
async function withSharedLinkTargets<T>(write: () => Promise<T>): Promise<T> {
  const Writer = require("exceljs/lib/stream/xlsx/sheet-rels-writer") as SheetRelsWriterClass;
  const original = Writer.prototype.addHyperlink;
  Writer.prototype.addHyperlink = function addHyperlink(this: SheetRelsWriterLike, h): void {
    const ids = (this.sharedLinkIds ??= new Map());
    let rId = ids.get(h.target);
    if (rId === undefined) {
      rId = this._writeRelationship({
        Target: h.target,
        Type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        TargetMode: "External",
      });
      ids.set(h.target, rId);
    }
    this._hyperlinks.push({ rId, address: h.address });
  };
  try {
    return await write();
  } finally {
    Writer.prototype.addHyperlink = original;
  }
}

/** Writes the sheets, in order, to a new .xlsx file through the streaming writer. */
export async function writeXlsxStreaming(file: string, sheets: readonly OutputSheet[], stamp: Date): Promise<void> {
  return withSharedLinkTargets(() => writeStreaming(file, sheets, stamp));
}

async function writeStreaming(file: string, sheets: readonly OutputSheet[], stamp: Date): Promise<void> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
    // Native zlib at a low level: the text compresses almost as well, several times faster.
    zip: { zlib: { level: 1 } } as unknown as ExcelJS.stream.xlsx.WorkbookStreamWriterOptions["zip"],
  });
  wb.creator = "Back Office Toolkit";
  wb.created = stamp;
  wb.modified = stamp;
  for (const sheet of sheets) await writeSheet(wb, sheet);
  await wb.commit();
}
