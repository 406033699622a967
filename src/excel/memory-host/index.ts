/**
 * createMemoryHost(): an Excel stand-in for tests, the benchmark and the browser test.
 *
 *   const host = createMemoryHost();
 *   host.addSheet("Books", [["Ref", "Amount"], ["T1", 100]], [["General", "General"], ["@", "#,##0.00"]]);
 *   const port = new ExcelWorkbook(host.Excel.run);
 *   ...
 *   host.getSheet("Breaks").values; host.stats.syncs;
 */
import { formatA1, formatAddress, parseA1 } from "../address";
import { Cell, HostError, HyperlinkModel, SheetModel, TableModel, WorkbookModel } from "./model";
import type { ExcelRun } from "../workbook";
import { CELL_LIMIT, HostStats, PAYLOAD_LIMIT_BYTES, RequestContext, SyncRecord, emptyStats } from "./host";

export { HostError, CELL_LIMIT, PAYLOAD_LIMIT_BYTES };
export type { HostStats, SyncRecord, RequestContext, Cell };

export type Batch<T> = (context: RequestContext) => Promise<T>;

export interface MemoryExcel {
  /** Excel.run(batch) or Excel.run(options, batch); options (delayForCellEdit...) are accepted and ignored. */
  run<T>(batchOrOptions: Batch<T> | object, maybeBatch?: Batch<T>): Promise<T>;
  RequestContext: typeof RequestContext;
}

export interface SheetSnapshot {
  name: string;
  /** The used block from A1 to the last used cell: blank cells are "". */
  values: Cell[][];
  numberFormats: string[][];
  tables: { name: string; address: string }[];
  customProperties: Record<string, string>;
  frozenRows: number;
  columnWidths: Record<number, number>;
  /** Hyperlinks by cell address ("F5"). */
  hyperlinks: Record<string, HyperlinkModel>;
  /** Conditional formats with the A1 address of their range, rule and fill. */
  conditionalFormats: { address: string; type: string; rule: unknown; fill?: string }[];
  dataValidations: { address: string; rule: unknown; errorAlert: unknown }[];
  charts: {
    name: string;
    type: string;
    source: string;
    seriesBy: string;
    title?: string;
    position?: [string, string | undefined];
  }[];
}

export interface MemoryHost {
  Excel: MemoryExcel;
  /** Excel.run typed as the adapter expects it: `new ExcelWorkbook(host.run)`. */
  run: ExcelRun;
  /** The workbook itself, for tests that need more than the helpers below. */
  model: WorkbookModel;
  stats: HostStats;
  /** Seeds a sheet from A1 as a user would have typed it; null or missing cells are blank. */
  addSheet(
    name: string,
    values: (Cell | null)[][],
    numberFormats?: string[][],
    options?: { customProperties?: Record<string, string> },
  ): void;
  getSheet(name: string): SheetSnapshot;
  sheetNames(): string[];
  /** Adds a table over rows of an existing sheet (A1 address), as a user would with Ctrl+T. */
  addTable(sheet: string, address: string, name: string): void;
  setDateSystem(system: "1900" | "1904"): void;
  resetStats(): void;
}

export function createMemoryHost(): MemoryHost {
  const model = new WorkbookModel();
  const host = { model, stats: emptyStats() };

  const Excel: MemoryExcel = {
    async run<T>(a: Batch<T> | object, b?: Batch<T>): Promise<T> {
      const batch = (typeof a === "function" ? a : b) as Batch<T> | undefined;
      if (!batch) throw new HostError("InvalidArgument", "Excel.run needs a batch function.");
      host.stats.runs++;
      const context = new RequestContext(host);
      const result = await batch(context);
      // Excel.run sends whatever the batch queued after its last sync.
      if (context._queue.length > 0) await context.sync();
      return result;
    },
    RequestContext,
  };

  const sheet = (name: string): SheetModel => {
    const s = model.findSheet(name);
    if (!s) throw new Error(`memory host: no sheet named '${name}'`);
    return s;
  };

  return {
    Excel,
    // The host's proxies implement the subset the adapter uses, not all of Excel.RequestContext.
    run: ((batch: Batch<unknown>) => Excel.run(batch)) as unknown as ExcelRun,
    model,
    get stats() {
      return host.stats;
    },
    addSheet(name, values, numberFormats, options) {
      const s = model.addSheet(name);
      values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && s.setCell(r, c, v)));
      numberFormats?.forEach((row, r) => row.forEach((f, c) => s.setFormat(r, c, f)));
      for (const [k, v] of Object.entries(options?.customProperties ?? {}))
        s.customProperties.set(k.toLowerCase(), { key: k, value: v });
    },
    getSheet(name) {
      const s = sheet(name);
      const used = s.usedRect(false);
      const rows = used ? used.row + used.rowCount : 0;
      const cols = used ? used.column + used.columnCount : 0;
      const values: Cell[][] = [];
      const numberFormats: string[][] = [];
      for (let r = 0; r < rows; r++) {
        const vr: Cell[] = [];
        const fr: string[] = [];
        for (let c = 0; c < cols; c++) {
          vr.push(s.get(r, c));
          fr.push(s.getFormat(r, c));
        }
        values.push(vr);
        numberFormats.push(fr);
      }
      return {
        name: s.name,
        values,
        numberFormats,
        tables: model.tables
          .filter((t) => t.sheet === s)
          .map((t) => ({ name: t.name, address: formatAddress(s.name, t.rect) })),
        customProperties: Object.fromEntries([...s.customProperties.values()].map((p) => [p.key, p.value])),
        frozenRows: s.frozenRows,
        columnWidths: Object.fromEntries(s.columnWidths),
        hyperlinks: Object.fromEntries(
          [...s.hyperlinks].map(([key, link]) => {
            const [r, c] = key.split(",").map(Number);
            return [formatA1({ row: r, column: c, rowCount: 1, columnCount: 1 }), { ...link }];
          }),
        ),
        conditionalFormats: s.conditionalFormats.map((f) => ({
          address: formatAddress(s.name, f.rect),
          type: f.type,
          rule: f.rule,
          fill: f.fill,
        })),
        dataValidations: s.dataValidations.map((d) => ({
          address: formatAddress(s.name, d.rect),
          rule: d.rule,
          errorAlert: d.errorAlert,
        })),
        charts: s.charts.map((c) => ({ ...c, source: formatAddress(s.name, c.source) })),
      };
    },
    sheetNames() {
      return model.sheets.map((s) => s.name);
    },
    addTable(sheetName, address, name) {
      const s = sheet(sheetName);
      const rect = parseA1(address);
      if (!rect) throw new Error(`memory host: bad address '${address}'`);
      model.tables.push(new TableModel(name, s, rect));
    },
    setDateSystem(system) {
      model.dateSystem = system;
    },
    resetStats() {
      host.stats = emptyStats();
    },
  };
}
