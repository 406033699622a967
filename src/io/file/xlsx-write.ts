/** An OutputSheet as an exceljs worksheet: preamble lines, then a formatted Excel table. */
import ExcelJS from "exceljs";
import type { CellValue, OutputSheet } from "../port";

function uniqueTableName(wb: ExcelJS.Workbook, wanted: string): string {
  const taken = new Set<string>();
  wb.eachSheet((ws) => {
    for (const t of Object.values((ws as unknown as { tables: Record<string, { name: string }> }).tables ?? {})) taken.add(t.name.toLowerCase());
  });
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`.toLowerCase())) return `${wanted}_${i}`;
}

/** Excel tables need unique, non-empty header texts. */
function uniqueHeaders(headers: string[]): string[] {
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
  // Table styles are Excel's; an explicit header style keeps the sheet readable in other viewers and in print.
  const hdr = ws.getRow(headerRow);
  for (let i = 1; i <= headers.length; i++) {
    const c = hdr.getCell(i);
    c.font = { bold: true, color: { argb: "FFFFFFFF" } };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F6F78" } };
  }
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
  return ws;
}
