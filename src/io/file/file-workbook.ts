/**
 * The file door to the engine: a WorkbookPort over .xlsx/.csv inputs (read) and a new .xlsx output
 * (write), used by the CLI and the demo.
 *
 * Source specs are "path" or "path#Sheet". A CSV file is one sheet named after the file.
 * Output sheets are written to a new workbook saved with save(); the user's input files are never
 * written to.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { excel } from "./exceljs";
import { InputError } from "../../core/errors";
import type { Grid, OutputSheet, Progress, SourceList, SourceRef, WorkbookPort } from "../port";
import { columnarGridFromCsvFile } from "./csv-columns";
import { fastSheetGrid } from "./xlsx-sheet-fast";
import { gridFromCsvText } from "./csv-read";
import { dateSystemOf, gridFromWorksheet, gridFromXlsxSheetStream, readXlsx } from "./xlsx-read";
import { writeXlsxDirect } from "./xlsx-direct-write";
import { writeOutputSheet } from "./xlsx-write";

/**
 * Body rows (all sheets) above which save() writes the workbook's XML directly instead of building
 * exceljs's model: every workbook, by default (decision 2026-11-21). The direct writer
 * (xlsx-direct-write.ts) writes the same tables, formats, links and data bars; one writer at every
 * size gives the same file whatever the number of rows, and a small run no longer loads exceljs
 * (100,000 x 100,000 trades: saving 6,000 breaks took 1.4 s through the model, 0.05 s directly).
 * The model path stays for `new FileWorkbook({ streamRows })` (tests compare the two writers).
 */
export const STREAM_ROWS = -1;

/**
 * CSV files of this many bytes or more are read by column (csv-columns.ts: no row arrays of strings;
 * the reconciliation loader reads only its mapped columns). Smaller files are parsed whole by papaparse.
 */
export const COLUMNAR_BYTES = 1 << 20;

export interface SourceSpec {
  file: string;
  sheet?: string;
}

export function parseSourceSpec(spec: string): SourceSpec {
  const hash = spec.lastIndexOf("#");
  if (hash > 0 && !/[\\/]/.test(spec.slice(hash + 1)))
    return { file: spec.slice(0, hash), sheet: spec.slice(hash + 1) };
  return { file: spec };
}

/** An input file's size; an InputError naming the file when it is not there. */
/** CSV files are read whole and addressed with 32-bit offsets (csv-columns.ts, csv-scan.wat). */
export const MAX_CSV_BYTES = 2 ** 31 - 64;

async function inputSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    throw new InputError("invalid", { sheet: path.basename(file) }, `file not found: ${file}`);
  }
}

/** A workbook exceljs could not read, by either reader. */
function unreadable(file: string, e: unknown): InputError {
  return new InputError("invalid", { sheet: path.basename(file) }, `cannot read workbook: ${(e as Error).message}`);
}

/** A named sheet the workbook does not have, with the sheets it has. */
function sheetNotFound(spec: SourceSpec, sheets: readonly string[]): InputError {
  const base = path.basename(spec.file);
  return new InputError(
    "invalid",
    { sheet: spec.sheet ?? base },
    `sheet '${spec.sheet}' not found in ${base}; sheets are ${sheets.map((w) => `'${w}'`).join(", ")}`,
  );
}

interface CfRuleExtXformClass {
  isExt(model: unknown): boolean;
  prototype: { prepare(model: { x14Id?: string }): void };
}

/**
 * exceljs gives every data-bar rule (an x14 extension) a random GUID when it writes a sheet, so two
 * saves of the same sheets differ. Identical inputs must give identical workbooks (docs/recon-output.md),
 * so while this workbook is written the ids are numbered in writing order instead: still unique
 * within the file, which is all Excel needs of them to link the rule to its extension.
 */
async function withDeterministicRuleIds<T>(write: () => Promise<T>): Promise<T> {
  const Xform = require("exceljs/lib/xlsx/xform/sheet/cf-ext/cf-rule-ext-xform") as CfRuleExtXformClass;
  const original = Xform.prototype.prepare;
  let n = 0;
  Xform.prototype.prepare = function prepare(model: { x14Id?: string }): void {
    if (!Xform.isExt(model)) return;
    n++;
    model.x14Id = `{00000000-0000-4000-8000-${n.toString(16).toUpperCase().padStart(12, "0")}}`;
  };
  try {
    return await write();
  } finally {
    Xform.prototype.prepare = original;
  }
}

function isCsv(file: string): boolean {
  return /\.(csv|txt|tsv)$/i.test(file);
}

export class FileWorkbook implements WorkbookPort {
  private readonly xlsxCache = new Map<string, Promise<ExcelJS.Workbook>>();
  /**
   * The sheets this run wrote, in order. They are turned into a workbook only when needed (save, or
   * outputWorkbook), so that a large output can be streamed to the file instead (see save()).
   */
  private readonly sheets: OutputSheet[] = [];
  private model: ExcelJS.Workbook | undefined;
  private readonly streamRows: number;
  private readonly columnarBytes: number;
  private readonly directSheets: boolean;

  /**
   * `streamRows`: body rows above which save() writes directly (default STREAM_ROWS); `columnarBytes`: CSV
   * size from which files are read by column (default COLUMNAR_BYTES); `directSheets`: readStreamed
   * reads the sheet's XML itself where it can (default true; false: always exceljs's streaming reader).
   */
  constructor(opts: { streamRows?: number; columnarBytes?: number; directSheets?: boolean } = {}) {
    this.streamRows = opts.streamRows ?? STREAM_ROWS;
    this.columnarBytes = opts.columnarBytes ?? COLUMNAR_BYTES;
    this.directSheets = opts.directSheets ?? true;
  }

  private workbook(file: string): Promise<ExcelJS.Workbook> {
    let p = this.xlsxCache.get(file);
    if (!p) {
      p = readXlsx(file).catch((e: unknown) => {
        throw unreadable(file, e);
      });
      this.xlsxCache.set(file, p);
    }
    return p;
  }

  async listSources(): Promise<SourceList> {
    return { sheets: this.sheets.map((s) => s.name), tables: [] };
  }

  /**
   * read(), with an .xlsx sheet read through the streaming reader (xlsx-read.ts
   * gridFromXlsxSheetStream) rather than the workbook's model: for one large sheet read once (the
   * previous run's Breaks sheet). Merged areas are not resolved on this path.
   */
  async readStreamed(ref: SourceRef): Promise<Grid> {
    const spec = parseSourceSpec(ref.sheet ?? "");
    if (!ref.sheet || isCsv(spec.file)) return this.read(ref);
    const base = path.basename(spec.file);
    await inputSize(spec.file);
    // The sheet's XML read directly where that is certain to give exceljs's cells (xlsx-sheet-fast.ts),
    // else exceljs's streaming reader; anything unexpected in the direct read goes to exceljs too.
    let r: { grid?: Grid; sheets: string[] } | undefined;
    if (this.directSheets) {
      try {
        r = fastSheetGrid(await fs.readFile(spec.file), spec.sheet, base);
      } catch {
        r = undefined;
      }
    }
    r ??= await gridFromXlsxSheetStream(spec.file, spec.sheet, base).catch((e: unknown) => {
      throw unreadable(spec.file, e);
    });
    if (r.grid) return r.grid;
    throw sheetNotFound(spec, r.sheets);
  }

  /** ref.sheet is a source spec: "file.csv", "book.xlsx" (first sheet) or "book.xlsx#Sheet". */
  async read(ref: SourceRef): Promise<Grid> {
    if (!ref.sheet) throw new InputError("invalid", { sheet: "(input)" }, "no input file given");
    const spec = parseSourceSpec(ref.sheet);
    const base = path.basename(spec.file);
    const size = await inputSize(spec.file);
    if (isCsv(spec.file)) {
      if (size >= MAX_CSV_BYTES)
        throw new InputError(
          "invalid",
          { sheet: base },
          `${base} is ${(size / 2 ** 30).toFixed(1)} GiB; a CSV file must be under 2 GiB (offsets into it are 32-bit): split it, by date or by account`,
        );
      if (size < this.columnarBytes) return gridFromCsvText(await fs.readFile(spec.file, "utf8"), base);
      // One read(2) of the whole file, straight into the scanner's memory: fs.promises.readFile reads
      // in 512 KB pieces, a turn of the event loop each (measured 80-100 ms for 108 MB against
      // 65-70 ms); nothing else waits on this thread.
      return columnarGridFromCsvFile(spec.file, base);
    }
    const wb = await this.workbook(spec.file);
    const ws = spec.sheet ? wb.getWorksheet(spec.sheet) : wb.worksheets[0];
    if (!ws)
      throw sheetNotFound(
        spec,
        wb.worksheets.map((w) => w.name),
      );
    return gridFromWorksheet(ws, dateSystemOf(wb), base);
  }

  async writeSheet(sheet: OutputSheet, progress?: Progress): Promise<string> {
    // Only sheets this run wrote live in the output workbook, so replacing one is always replacing our own.
    const i = this.sheets.findIndex((s) => s.name === sheet.name);
    if (i >= 0) this.sheets.splice(i, 1);
    this.sheets.push(sheet);
    this.model = undefined;
    progress?.(1, `Wrote ${sheet.name}`);
    return sheet.name;
  }

  private buildModel(): ExcelJS.Workbook {
    const wb = new (excel().Workbook)();
    wb.creator = "Back Office Toolkit";
    for (const sheet of this.sheets) writeOutputSheet(wb, sheet);
    return wb;
  }

  /**
   * Writes the output workbook: the sheets' XML written directly and streamed into the zip
   * (xlsx-direct-write.ts); through exceljs's model instead when the sheets hold no more than the
   * `streamRows` option's body rows (by default none do: STREAM_ROWS). A fixed timestamp keeps
   * identical inputs giving identical files.
   */
  async save(file: string): Promise<void> {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const fixed = new Date(Date.UTC(2000, 0, 1));
    const rows = this.sheets.reduce((n, s) => n + s.rows.length, 0);
    if (rows > this.streamRows) {
      await writeXlsxDirect(file, this.sheets, fixed);
      return;
    }
    const wb = this.outputWorkbook;
    wb.created = fixed;
    wb.modified = fixed;
    await withDeterministicRuleIds(() => wb.xlsx.writeFile(file));
  }

  /** The output as an exceljs workbook (built from the sheets written so far). */
  get outputWorkbook(): ExcelJS.Workbook {
    this.model ??= this.buildModel();
    return this.model;
  }
}
