/** An OutputSheet as an exceljs worksheet: preamble lines, then a formatted Excel table. */
import type ExcelJS from "exceljs";
import { blockCellFormat, type CellValue, type OutputConditional, type OutputSheet } from "../port";

function uniqueTableName(wb: ExcelJS.Workbook, wanted: string): string {
  const taken = new Set<string>();
  wb.eachSheet((ws) => {
    for (const t of Object.values((ws as unknown as { tables: Record<string, { name: string }> }).tables ?? {}))
      taken.add(t.name.toLowerCase());
  });
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`.toLowerCase())) return `${wanted}_${i}`;
}

/** Excel tables need unique, non-empty header texts. */
export function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const base = h.trim() === "" ? "Column" : h;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} ${n}`;
  });
}

export function writeOutputSheet(wb: ExcelJS.Workbook, sheet: OutputSheet): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name);
  const pre = sheet.preamble ?? [];
  pre.forEach((line, i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = line;
    if (i === 0) c.font = { bold: true, size: 13 };
  });
  const headerRow = pre.length > 0 ? pre.length + 2 : 1;
  const headers = uniqueHeaders(sheet.columns.map((c) => c.header));
  const rows: CellValue[][] = sheet.rows.length > 0 ? sheet.rows : [sheet.columns.map(() => null)];
  if (sheet.tableName) {
    ws.addTable({
      name: uniqueTableName(wb, sheet.tableName),
      ref: ws.getCell(headerRow, 1).address,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows: rows.map((r) => r.map((v) => (v === null ? "" : v))),
    });
  } else {
    ws.getRow(headerRow).values = headers;
    ws.getRow(headerRow).font = { bold: true };
    rows.forEach((r, i) => {
      ws.getRow(headerRow + 1 + i).values = r.map((v) => (v === null ? "" : v));
    });
  }
  sheet.columns.forEach((col, i) => {
    const c = ws.getColumn(i + 1);
    c.width = Math.max(col.width ?? 10, Math.min(50, col.header.length + 3));
    if (col.numberFormat) {
      for (let r = headerRow + 1; r <= headerRow + rows.length; r++) ws.getCell(r, i + 1).numFmt = col.numberFormat;
    }
  });
  const bodyRows = rows.length;
  const colLetter = (i: number) => ws.getColumn(i + 1).letter;
  // Links: the cell keeps its value as the text shown. "#'Sheet'!A5" is a place in the output workbook
  // (exceljs writes it as an internal location without the '#'); anything else is a file or URL.
  sheet.columns.forEach((col, j) => {
    if (!col.links) return;
    col.links.forEach((link, i) => {
      if (!link || i >= sheet.rows.length) return;
      const cell = ws.getCell(headerRow + 1 + i, j + 1);
      const text = cell.value === null || cell.value === undefined ? "" : String(cell.value);
      cell.value = { text, hyperlink: link.startsWith("#") ? link.slice(1) : link };
      cell.font = { color: { argb: "FF0563C1" }, underline: true };
    });
  });
  sheet.columns.forEach((col, j) => {
    if (!col.choices || col.choices.length === 0) return;
    const formula = `"${col.choices.join(",")}"`;
    for (let i = 0; i < bodyRows; i++) {
      ws.getCell(headerRow + 1 + i, j + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [formula],
        // A suggestion list, not a rule: other text is kept without an error box.
        showErrorMessage: false,
      };
    }
  });
  let priority = 1;
  const ref = (j: number) => `${colLetter(j)}${headerRow + 1}:${colLetter(j)}${headerRow + bodyRows}`;
  for (const rule of sheet.conditional ?? []) {
    ws.addConditionalFormatting({ ref: ref(rule.column), rules: [conditionalRule(rule, priority++)] });
  }
  // exceljs cannot write charts: the chart's series columns get data bars instead (docs/recon-output.md).
  if (sheet.chart) {
    for (const j of sheet.chart.seriesColumns) {
      ws.addConditionalFormatting({
        ref: ref(j),
        rules: [
          {
            type: "dataBar",
            priority: priority++,
            cfvo: [{ type: "num", value: 0 }, { type: "max" }],
            color: { argb: "FF5B9BD5" },
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      });
    }
  }
  let blockRow = headerRow + bodyRows + 2;
  for (const block of sheet.blocks ?? []) {
    ws.getCell(blockRow, 1).value = block.title;
    ws.getCell(blockRow, 1).font = { bold: true };
    const head = ws.getRow(blockRow + 1);
    head.values = block.columns;
    head.font = { bold: true };
    block.rows.forEach((r, i) => {
      const row = ws.getRow(blockRow + 2 + i);
      row.values = r.map((v) => (v === null ? "" : v));
      r.forEach((v, j) => {
        const f = blockCellFormat(block, i, j);
        if (f && typeof v === "number") row.getCell(j + 1).numFmt = f;
      });
    });
    blockRow += block.rows.length + 3;
  }
  // Table styles are Excel's; an explicit header style keeps the sheet readable in other viewers and in print.
  const hdr = ws.getRow(headerRow);
  for (let i = 1; i <= headers.length; i++) {
    const c = hdr.getCell(i);
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F6F78" } };
  }
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.pageSetup = {
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  return ws;
}

function solidFill(colour: string): Partial<ExcelJS.Style> {
  const argb = "FF" + colour.replace(/^#/, "").toUpperCase();
  // Conditional formats fill with bgColor (a differential format's pattern colour).
  return { fill: { type: "pattern", pattern: "solid", bgColor: { argb } } };
}

export function conditionalRule(rule: OutputConditional, priority: number): ExcelJS.ConditionalFormattingRule {
  const r = rule.rule;
  const style = solidFill(rule.fill);
  if (r.kind === "text-contains")
    return { type: "containsText", operator: "containsText", text: r.text, priority, style };
  if (r.kind === "text-equals")
    return { type: "cellIs", operator: "equal", formulae: [`"${r.text.replace(/"/g, '""')}"`], priority, style };
  return { type: "cellIs", operator: "greaterThan", formulae: [r.value], priority, style };
}
