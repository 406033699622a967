/**
 * WorkbookPort over Office.js: the only code in the add-in that calls Excel.*.
 *
 * Every public method is one Excel.run. Inside it, loads are queued and synced together, reads and
 * writes go in chunks sized by src/excel/chunking.ts so no request or response nears Excel's 5 MB
 * limit, and bulk writes suspend calculation and screen updating. Round trips per action:
 *   listSources   1
 *   read          1 (locate range + date system) + ceil(rows / rowsPerChunk)
 *   writeSheet    1 (names, tables) [+1 ownership marks, only if a sheet of that name exists]
 *                 + max(1, chunks); sheet setup rides in the first chunk, table/freeze/autofit in the last.
 *                 Hyperlinks ride in the chunk of their rows (and are counted in its size); conditional
 *                 formats, the chart and blocks below the table in the last. No extra round trip.
 *   readSetting / writeSetting  1 each (Workbook.settings)
 * docs/office-adapter.md explains the rules (chunking, ownership, dates) and their reasons.
 */
import type { DateSystem } from "../core/dates/excel-serial";
import { columnLetter } from "../core/errors";
import type {
  CellValue,
  Grid,
  OutputConditional,
  OutputSheet,
  Progress,
  SourceList,
  SourceRef,
  WorkbookPort,
} from "../io/port";
import { blockCellFormat } from "../io/port";
import {
  ChunkBudget,
  DEFAULT_BUDGET,
  firstReadChunkRows,
  isPayloadLimitError,
  planWriteChunks,
  rowBytes,
  rowsForBudget,
} from "./chunking";
import { SyncCounter, SyncStats } from "./sync-counter";

/** Excel.run's shape; injected so tests and the benchmark can run the adapter on the memory host. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Worksheet custom property marking the sheets this add-in wrote (and may therefore replace). */
export const OWNER_KEY = "BackOfficeToolkit";
export const OWNER_VALUE = "owned";

/** Autofit looks at the header and this many data rows: autofitting 200k rows costs seconds in Excel. */
export const AUTOFIT_SAMPLE_ROWS = 500;

export interface ExcelWorkbookOptions {
  budget?: ChunkBudget;
}

/** Raised for a source that does not exist; the message is meant for the user. */
export class SourceNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceNotFoundError";
  }
}

export class ExcelWorkbook implements WorkbookPort {
  private readonly counter = new SyncCounter();
  private readonly runBatch: ExcelRun;
  private readonly budget: ChunkBudget;
  /** Rows per chunk that the last read settled on (after sampling), for the benchmark and tests. */
  lastReadRowsPerChunk = 0;
  /** Most rows in one chunk of the last write. */
  lastWriteRowsPerChunk = 0;

  constructor(run?: ExcelRun, options: ExcelWorkbookOptions = {}) {
    // Resolved at call time: the pane constructs the adapter before Office.onReady defines Excel.
    // delayForCellEdit (ExcelApi 1.11): wait for the user to leave a cell they are typing in,
    // instead of failing the whole action.
    this.runBatch =
      run ??
      ((batch) => {
        requireApiSet();
        return Excel.run({ delayForCellEdit: true }, batch);
      });
    this.budget = options.budget ?? DEFAULT_BUDGET;
  }

  /** Round trips made so far by this adapter. */
  get stats(): SyncStats {
    return this.counter.stats;
  }

  get syncCount(): number {
    return this.counter.stats.syncs;
  }

  resetStats(): void {
    this.counter.reset();
  }

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.counter.countRun();
    return this.runBatch((context) => batch(this.counter.attach(context)));
  }

  async listSources(): Promise<SourceList> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name, items/worksheet/name");
      await context.sync();
      return {
        sheets: sheets.items.map((s) => s.name),
        tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
      };
    });
  }

  async read(ref: SourceRef, progress?: Progress): Promise<Grid> {
    return this.run(async (context) => {
      const located = locate(context, ref);
      located.range.load("address, rowIndex, columnIndex, rowCount, columnCount");
      located.sheet.load("name");
      // DATE(1904,1,1) is 0 in a 1904-system workbook and 1462 in a 1900 one; Office.js has no
      // property for the date system, and asking a worksheet function costs no extra round trip.
      const probe = context.workbook.functions.date(1904, 1, 1);
      probe.load("value");
      try {
        await context.sync();
      } catch (e) {
        throw notFound(e, ref);
      }
      const dateSystem: DateSystem = probe.value === 0 ? "1904" : "1900";
      const sheetName = located.sheet.name;
      if (located.nullable && located.range.isNullObject) {
        return {
          sheet: sheetName,
          top: 1,
          left: 0,
          values: [],
          numberFormats: [],
          dateSystem,
          label: `${sheetName} (empty)`,
        };
      }
      const { rowIndex, columnIndex, rowCount, columnCount } = located.range;
      const label = ref.table ? `${ref.table} (${located.range.address})` : located.range.address;
      const values: CellValue[][] = [];
      const numberFormats: string[][] = [];

      let rowsPerChunk = firstReadChunkRows(columnCount, true, this.budget);
      let widestRow = 0;
      let done = 0;
      while (done < rowCount) {
        const n = Math.min(rowsPerChunk, rowCount - done);
        // Values and formats of the same rows travel together: one round trip per chunk, and
        // numberFormats keeps the shape of values so a date column is recognised in every row.
        const chunk = located.sheet.getRangeByIndexes(rowIndex + done, columnIndex, n, columnCount);
        chunk.load("values, numberFormat");
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of thousands of rows, as the 5 MB limit requires; never per row
          await context.sync();
        } catch (e) {
          // A row far longer than the sample: retry the same rows in halves rather than fail the read.
          if (isPayloadLimitError(e) && n > 1) {
            rowsPerChunk = Math.ceil(n / 2);
            continue;
          }
          throw e;
        }
        const v = chunk.values as CellValue[][];
        const f = chunk.numberFormat as string[][];
        for (let i = 0; i < v.length; i++) {
          values.push(v[i]);
          numberFormats.push(f[i]);
          widestRow = Math.max(widestRow, rowBytes(v[i]) + rowBytes(f[i]));
        }
        done += n;
        this.lastReadRowsPerChunk = rowsPerChunk;
        rowsPerChunk = rowsForBudget(widestRow, columnCount, this.budget);
        progress?.(done / rowCount, `Read ${done} of ${rowCount} rows of ${label}`);
      }
      return { sheet: sheetName, top: rowIndex + 1, left: columnIndex, values, numberFormats, dateSystem, label };
    });
  }

  async writeSheet(out: OutputSheet, progress?: Progress): Promise<string> {
    const columnCount = out.columns.length;
    if (columnCount === 0) throw new Error(`Output sheet '${out.name}' has no columns.`);
    const rows = out.rows.map((row, i) => toExcelRow(row, out, i));
    const preamble = out.preamble ?? [];
    // One blank row between the preamble and the table keeps the title outside the table's range.
    const headerRow = preamble.length > 0 ? preamble.length + 1 : 0;
    const bodyRows = Math.max(1, rows.length);

    return this.run(async (context) => {
      const wb = context.workbook;
      const base = sanitizeSheetName(out.name);

      // 1. Inspect: which names are taken and which tables exist; then, only if the name is taken,
      //    which of the sheets called base / "base (k)" carry our mark.
      const sheets = wb.worksheets.load("items/name");
      const tables = wb.tables.load("items/name, items/worksheet/name");
      await context.sync();
      const target = await chooseTarget(
        context,
        base,
        sheets.items.map((s) => s.name),
      );

      // 2. Set up the sheet (queued; sent with the first chunk of rows).
      let ws: Excel.Worksheet;
      if (target.existing) {
        ws = target.existing;
        // Replace in place rather than delete and re-add, so formulas elsewhere that point at this
        // sheet keep working. Tables go first: clearing cells leaves a table object behind.
        for (const t of tables.items) if (t.worksheet.name.toLowerCase() === target.name.toLowerCase()) t.delete();
        // Charts float above the cells and survive clear(): ours from the last run go too.
        for (const c of target.charts?.items ?? []) c.delete();
        ws.getRange().clear();
        // Validation lists and conditional formats of the last run are not cells: remove them explicitly.
        ws.getRange().conditionalFormats.clearAll();
        ws.getRange().dataValidation.clear();
        ws.freezePanes.unfreeze();
      } else {
        ws = wb.worksheets.add(target.name);
        ws.customProperties.add(OWNER_KEY, OWNER_VALUE);
      }
      const takenTables = tables.items
        .filter((t) => t.worksheet.name.toLowerCase() !== target.name.toLowerCase())
        .map((t) => t.name);
      const tableName = out.tableName ? uniqueTableName(out.tableName, takenTables) : undefined;

      if (preamble.length > 0) {
        ws.getRangeByIndexes(0, 0, preamble.length, 1).values = preamble.map((line) => [asText(line)]);
        ws.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
      }
      const header = ws.getRangeByIndexes(headerRow, 0, 1, columnCount);
      header.values = [out.columns.map((c) => asText(c.header))];
      header.format.font.bold = true;
      // Formats before values, so Excel stores text columns ("@") as text instead of parsing them.
      // A 1x1 input fills the whole column block ("single input copy", like Ctrl+Enter): one short
      // command per column instead of a format per cell.
      out.columns.forEach((c, j) => {
        if (c.numberFormat) ws.getRangeByIndexes(headerRow + 1, j, bodyRows, 1).numberFormat = [[c.numberFormat]];
      });

      // 3. Rows in chunks with screen updating suspended. Calculation is suspended for every chunk
      //    but the last: formulas elsewhere that read this sheet then recalculate once, when the last
      //    chunk lands, instead of after every chunk. (Suspended calculation must be made up by
      //    someone; letting Excel's own recalculation do it at the end respects a user's manual mode.)
      // Hyperlinks travel as one command per linked cell in the chunk of their row: size them in.
      const linked = out.columns.flatMap((c, j) => (c.links ? [{ j, links: c.links }] : []));
      const planRows =
        linked.length === 0
          ? rows
          : rows.map((row, i) => {
              const extra = linked.flatMap(({ j, links }) =>
                links[i] ? [hyperlinkCommandSize(links[i]!, row[j])] : [],
              );
              return extra.length === 0 ? row : [...row, ...extra];
            });
      const chunks = planWriteChunks(planRows, columnCount, this.budget, 64 * 1024);
      if (chunks.length === 0) chunks.push({ start: 0, end: 0 });
      this.lastWriteRowsPerChunk = Math.max(...chunks.map((c) => c.end - c.start));
      for (let k = 0; k < chunks.length; k++) {
        const { start, end } = chunks[k];
        if (k < chunks.length - 1) wb.application.suspendApiCalculationUntilNextSync();
        wb.application.suspendScreenUpdatingUntilNextSync();
        if (end > start)
          ws.getRangeByIndexes(headerRow + 1 + start, 0, end - start, columnCount).values = rows.slice(start, end);
        for (const { j, links } of linked) {
          for (let i = start; i < end; i++) {
            const link = links[i];
            if (link) ws.getRangeByIndexes(headerRow + 1 + i, j, 1, 1).hyperlink = hyperlinkOf(link, rows[i][j]);
          }
        }
        if (k === chunks.length - 1) finish(ws, out, headerRow, bodyRows, tableName);
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of thousands of rows, as the 5 MB limit requires; never per row
        await context.sync();
        progress?.(rows.length ? end / rows.length : 1, `Wrote ${end} of ${rows.length} rows to ${target.name}`);
      }
      return target.name;
    });
  }

  /**
   * A value saved in the workbook (Workbook.settings, ExcelApi 1.4): it travels with the file, is
   * private to this add-in and needs no separate saveAsync, unlike Office.context.document.settings.
   * Stored as JSON text under SETTING_PREFIX + key.
   */
  async readSetting(key: string): Promise<string | undefined> {
    return this.run(async (context) => {
      const item = context.workbook.settings.getItemOrNullObject(SETTING_PREFIX + key);
      item.load("value");
      await context.sync();
      if (item.isNullObject) return undefined;
      const v: unknown = item.value;
      return typeof v === "string" ? v : JSON.stringify(v);
    });
  }

  async writeSetting(key: string, json: string): Promise<void> {
    return this.run(async (context) => {
      context.workbook.settings.add(SETTING_PREFIX + key, json);
      await context.sync();
    });
  }
}

/** Names of the workbook settings (Workbook.settings, ExcelApi 1.4) that this add-in reads and writes. */
export const SETTING_PREFIX = "BackOfficeToolkit.";

/**
 * The newest API set the adapter uses: worksheet custom properties (the ownership mark). Everything
 * else is older (getRangeByIndexes and freezePanes 1.7, suspendScreenUpdatingUntilNextSync 1.9,
 * delayForCellEdit 1.11). The manifest does not require it, so older Excel gets a clear message
 * instead of an ApiNotFound error halfway through a write.
 */
export const REQUIRED_EXCEL_API = "1.12";

function requireApiSet(): void {
  if (typeof Office !== "undefined" && !Office.context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API)) {
    throw new Error(
      `This add-in needs a version of Excel that supports ExcelApi ${REQUIRED_EXCEL_API} (Excel on the web or Microsoft 365).`,
    );
  }
}

/** Table, frozen header, column widths, activation: queued with the last chunk. */
function finish(
  ws: Excel.Worksheet,
  out: OutputSheet,
  headerRow: number,
  bodyRows: number,
  tableName: string | undefined,
): void {
  const columnCount = out.columns.length;
  if (tableName) {
    // A Range, not an address: Office.js puts a table given a sheet-less address on the ACTIVE sheet.
    const table = ws.tables.add(ws.getRangeByIndexes(headerRow, 0, bodyRows + 1, columnCount), true);
    table.name = tableName;
  }
  for (const rule of out.conditional ?? [])
    addConditional(ws.getRangeByIndexes(headerRow + 1, rule.column, bodyRows, 1), rule);
  out.columns.forEach((c, j) => {
    if (!c.choices || c.choices.length === 0) return;
    const dv = ws.getRangeByIndexes(headerRow + 1, j, bodyRows, 1).dataValidation;
    dv.clear();
    dv.rule = { list: { inCellDropDown: true, source: c.choices.join(",") } };
    // A suggestion list, not a rule: text outside it (an analyst's own status) is kept without a warning.
    dv.errorAlert = { showAlert: false, style: "Information", title: out.columns[j].header, message: "" };
  });
  if (out.chart) {
    const c = out.chart;
    const width = 1 + c.seriesColumns.length;
    const chart = ws.charts.add(
      "ColumnClustered",
      ws.getRangeByIndexes(headerRow, c.categoriesColumn, bodyRows + 1, width),
      "Columns",
    );
    chart.title.text = c.title;
    // To the right of the table, one column apart, as tall as 15 rows.
    chart.setPosition(
      `${columnLetter(columnCount + 1)}${headerRow + 1}`,
      `${columnLetter(columnCount + 8)}${headerRow + 16}`,
    );
  }
  let blockRow = headerRow + 1 + bodyRows + 1;
  for (const block of out.blocks ?? []) {
    const width = Math.max(1, block.columns.length, ...block.rows.map((r) => r.length));
    const pad = (cells: CellValue[]) => Array.from({ length: width }, (_, k) => cellForExcel(cells[k] ?? null));
    const values = [pad([block.title]), pad(block.columns), ...block.rows.map(pad)];
    ws.getRangeByIndexes(blockRow, 0, values.length, width).values = values;
    ws.getRangeByIndexes(blockRow, 0, 2, width).format.font.bold = true;
    if (block.columnFormats || block.rowFormats) {
      // One numberFormat grid for the block's body, queued with the values: no extra round trip.
      const formats = block.rows.map((r, i) =>
        Array.from({ length: width }, (_, j) =>
          typeof r[j] === "number" ? (blockCellFormat(block, i, j) ?? "General") : "General",
        ),
      );
      if (formats.length > 0) ws.getRangeByIndexes(blockRow + 2, 0, formats.length, width).numberFormat = formats;
    }
    blockRow += values.length + 1;
  }
  ws.freezePanes.freezeRows(headerRow + 1);
  ws.getRangeByIndexes(headerRow, 0, 1 + Math.min(bodyRows, AUTOFIT_SAMPLE_ROWS), columnCount).format.autofitColumns();
  out.columns.forEach((c, j) => {
    if (c.width !== undefined) ws.getRangeByIndexes(0, j, 1, 1).format.columnWidth = pointsForCharacters(c.width);
  });
  ws.activate();
}

/** Excel's column width in characters of the default font to points (8.43 characters = 64 px = 48 pt). */
export function pointsForCharacters(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** `nullable`: the range came from an *OrNullObject call, the only case where isNullObject is asked. */
function locate(
  context: Excel.RequestContext,
  ref: SourceRef,
): { range: Excel.Range; sheet: Excel.Worksheet; nullable: boolean } {
  const wb = context.workbook;
  if (ref.table) {
    const table = wb.tables.getItem(ref.table);
    // `worksheet` is a navigation property: a proxy, usable before any sync (the rule takes it for a scalar).
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read
    return { range: table.getRange(), sheet: table.worksheet, nullable: false };
  }
  if (ref.sheet) {
    const sheet = wb.worksheets.getItem(ref.sheet);
    // valuesOnly: a formatted but empty column far to the right must not widen every read.
    return ref.address
      ? { range: sheet.getRange(ref.address), sheet, nullable: false }
      : { range: sheet.getUsedRangeOrNullObject(true), sheet, nullable: true };
  }
  throw new Error("A source needs a table or a sheet.");
}

function notFound(e: unknown, ref: SourceRef): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ItemNotFound") {
    return new SourceNotFoundError(
      ref.table
        ? `There is no table named '${ref.table}' in this workbook.`
        : `There is no sheet named '${ref.sheet}' in this workbook.`,
    );
  }
  if (code === "InvalidArgument" && ref.address)
    return new SourceNotFoundError(`'${ref.address}' is not a valid range address.`);
  return e;
}

/**
 * Where to write: `base` if free or ours; else the first of "base (2)", "base (3)"... that is ours;
 * else the first free one. A user's sheet is never chosen. The marks of the existing candidates
 * are read in one round trip (none when `base` is free).
 */
async function chooseTarget(
  context: Excel.RequestContext,
  base: string,
  existing: string[],
): Promise<{ name: string; existing: Excel.Worksheet | null; charts?: Excel.ChartCollection }> {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const candidates: {
    name: string;
    sheet: Excel.Worksheet;
    mark: Excel.WorksheetCustomProperty;
    charts: Excel.ChartCollection;
  }[] = [];
  let free = "";
  for (let k = 1; !free; k++) {
    const name = k === 1 ? base : suffixed(base, k);
    if (!taken.has(name.toLowerCase())) free = name;
    else {
      // getItem, not getItemOrNullObject: the name was just listed, and calls chained on a null
      // object are not something to rely on.
      const sheet = context.workbook.worksheets.getItem(name);
      const mark = sheet.customProperties.getItemOrNullObject(OWNER_KEY);
      mark.load("value");
      sheet.load("name");
      // Loaded in the same round trip, for replacing a sheet of ours: its old charts are deleted.
      const charts = sheet.charts.load("items/name");
      candidates.push({ name, sheet, mark, charts });
    }
  }
  if (candidates.length > 0) {
    await context.sync();
    const ours = candidates.find((c) => !c.mark.isNullObject);
    if (ours) return { name: ours.sheet.name, existing: ours.sheet, charts: ours.charts };
  }
  return { name: free, existing: null };
}

/** "Breaks (2)", shortening the base so the whole name stays within Excel's 31 characters. */
function suffixed(base: string, k: number): string {
  const suffix = ` (${k})`;
  return base.slice(0, 31 - suffix.length) + suffix;
}

/** Excel sheet names: 1..31 characters, none of : \ / ? * [ ], no leading or trailing apostrophe. */
export function sanitizeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .slice(0, 31);
  return cleaned.length > 0 ? cleaned : "Output";
}

/** A valid table name not in `taken` (case-insensitive): "Breaks", then "Breaks_2", "Breaks_3"... */
export function uniqueTableName(wanted: string, taken: string[]): string {
  let base = wanted.replace(/[^A-Za-z0-9_.\\]/g, "_");
  // Must start with a letter, _ or \, and must not read as a cell reference (A1, R1C1) or be "R"/"C".
  if (
    !/^[A-Za-z_\\]/.test(base) ||
    /^[A-Za-z]{1,3}\d+$/.test(base) ||
    /^[RrCc]$/.test(base) ||
    /^[Rr]\d*[Cc]\d*$/.test(base)
  )
    base = `_${base}`;
  base = base.slice(0, 240);
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}

/**
 * OutputColumn.links to Range.hyperlink: "#'Sheet'!A5" is a place in this workbook
 * (documentReference); anything else is a file or URL (address). The cell keeps its value as the text.
 */
function hyperlinkOf(link: string, value: string | number | boolean): Excel.RangeHyperlink {
  const text = String(value);
  return link.startsWith("#")
    ? { documentReference: link.slice(1), textToDisplay: text }
    : { address: link, textToDisplay: text };
}

/** Approximate JSON size of one hyperlink command, for chunk planning. */
function hyperlinkCommandSize(link: string, value: unknown): string {
  return `{"getRangeByIndexes":[0,0,1,1],"set":"hyperlink","value":{"documentReference":${JSON.stringify(link)},"textToDisplay":${JSON.stringify(String(value))}}}`;
}

/** OutputSheet.conditional as Office.js conditional formats (ExcelApi 1.6), string enum values so no global Excel is needed. */
function addConditional(range: Excel.Range, rule: OutputConditional): void {
  const r = rule.rule;
  if (r.kind === "text-contains") {
    const cf = range.conditionalFormats.add("ContainsText");
    cf.textComparison.format.fill.color = rule.fill;
    cf.textComparison.rule = { operator: "Contains", text: r.text };
  } else {
    const cf = range.conditionalFormats.add("CellValue");
    cf.cellValue.format.fill.color = rule.fill;
    cf.cellValue.rule =
      r.kind === "text-equals"
        ? { formula1: `="${r.text.replace(/"/g, '""')}"`, operator: "EqualTo" }
        : { formula1: String(r.value), operator: "GreaterThan" };
  }
}

/** A block cell as written: text kept as text (see asText), blanks empty. */
function cellForExcel(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? asText(v) : v;
}

/**
 * Text Excel would parse into something else when written to a non-text cell: numbers ("00123",
 * "(1,234.50)", "50%"), dates ("2024-01-05"), booleans, error values ("#N/A"), formulas ("=...").
 * A leading apostrophe makes Excel keep it as text; the apostrophe is not part of the cell's value.
 */
const PARSEABLE = /^\s*[-+=@(.$€£¥#'0-9]|^\s*(true|false)\s*$/i;

function asText(s: string): string {
  return PARSEABLE.test(s) ? `'${s}` : s;
}

function toExcelRow(row: CellValue[], out: OutputSheet, index: number): (string | number | boolean)[] {
  if (row.length > out.columns.length) {
    throw new Error(
      `Output sheet '${out.name}', row ${index + 1}: ${row.length} values for ${out.columns.length} columns.`,
    );
  }
  const cells: (string | number | boolean)[] = new Array(out.columns.length);
  for (let j = 0; j < out.columns.length; j++) {
    const v = j < row.length ? row[j] : null;
    if (v === null || v === undefined) cells[j] = "";
    else if (typeof v === "number") {
      if (!Number.isFinite(v))
        throw new Error(
          `Output sheet '${out.name}', row ${index + 1}, column '${out.columns[j].header}': ${v} cannot be written to a cell.`,
        );
      cells[j] = v;
    } else if (typeof v === "string") cells[j] = out.columns[j].numberFormat === "@" ? v : asText(v);
    else cells[j] = v;
  }
  return cells;
}
