/**
 * An in-memory stand-in for the part of the Excel JavaScript API that src/excel uses, with the same
 * proxy semantics: calls only queue commands; `context.sync()` sends them, applies them in order and
 * fills in what was loaded. Reading a property that was not loaded and synced throws
 * "PropertyNotLoaded" as Office.js does. Every sync is counted and its request and response are
 * measured as JSON; one over 5 MB, or a range over 5 million cells, fails with Excel's payload error
 * codes, so chunking mistakes fail in tests instead of in a customer's Excel on the web.
 *
 * Only what the adapter needs is modelled; see docs/office-adapter.md for the list of what is not.
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, formatAddress, parseA1, splitSheet } from "../address";
import {
  Cell,
  ChartModel,
  ConditionalFormatModel,
  DataValidationModel,
  HostError,
  HyperlinkModel,
  SheetModel,
  TableModel,
  WorkbookModel,
  validateSheetName,
  validateTableName,
} from "./model";

/** Excel's request/response limit (see src/excel/chunking.ts). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel's limit on cells in one range get/set ("5 million cells", same documentation). */
export const CELL_LIMIT = 5_000_000;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  /** Cells whose values were read (formats of the same cells are not counted again). */
  cellsRead: number;
  /** Cells whose values were written. */
  cellsWritten: number;
  calculationSuspended: boolean;
  screenUpdatingSuspended: boolean;
  /** Error code when the sync failed. */
  error?: string;
}

export interface HostStats {
  syncs: number;
  runs: number;
  requestBytes: number[];
  responseBytes: number[];
  log: SyncRecord[];
}

export function emptyStats(): HostStats {
  return { syncs: 0, runs: 0, requestBytes: [], responseBytes: [], log: [] };
}

// Measured by actually encoding, not by the adapter's counting shortcut (src/excel/chunking.ts), so
// that a mistake in the adapter's arithmetic cannot hide from the limit this host enforces.
const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

type Commit = () => void;
interface Action {
  wire: unknown;
  run(response: Record<string, unknown>, commits: Commit[], record: SyncRecord): void;
}

function notLoaded(prop: string): HostError {
  return new HostError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Parses load("a, b/c") / load(["a"]) / load({ select: "a" }) into property paths. */
function parseLoad(spec?: string | string[] | { select?: string | string[] }): string[][] | null {
  if (spec === undefined) return null;
  let list: string[];
  if (typeof spec === "string") list = spec.split(",");
  else if (Array.isArray(spec)) list = spec;
  else if (spec.select !== undefined) list = typeof spec.select === "string" ? spec.select.split(",") : spec.select;
  else return null;
  return list
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.split("/").map((x) => x.trim()));
}

export class RequestContext {
  /** @internal */ _queue: Action[] = [];
  readonly workbook: Workbook;
  private calcSuspended = false;
  private screenSuspended = false;
  private nextObject = 1;

  constructor(/** @internal */ readonly _host: { model: WorkbookModel; stats: HostStats }) {
    this.workbook = new Workbook(this);
  }

  /** @internal */ _newId(): number {
    return this.nextObject++;
  }

  /** @internal */ _enqueue(action: Action): void {
    this._queue.push(action);
  }

  /** @internal */ _suspend(what: "calc" | "screen"): void {
    if (what === "calc") this.calcSuspended = true;
    else this.screenSuspended = true;
  }

  async sync(): Promise<void> {
    const actions = this._queue;
    this._queue = [];
    const stats = this._host.stats;
    const record: SyncRecord = {
      requestBytes: 0,
      responseBytes: 0,
      cellsRead: 0,
      cellsWritten: 0,
      calculationSuspended: this.calcSuspended,
      screenUpdatingSuspended: this.screenSuspended,
    };
    this.calcSuspended = false;
    this.screenSuspended = false;
    stats.syncs++;
    stats.log.push(record);
    try {
      record.requestBytes = utf8Length(JSON.stringify(actions.map((a) => a.wire)));
      stats.requestBytes.push(record.requestBytes);
      if (record.requestBytes > PAYLOAD_LIMIT_BYTES) {
        throw new HostError(
          "RequestPayloadSizeLimitExceeded",
          `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`,
        );
      }
      const response: Record<string, unknown> = {};
      const commits: Commit[] = [];
      for (const a of actions) a.run(response, commits, record);
      record.responseBytes = utf8Length(JSON.stringify(response));
      stats.responseBytes.push(record.responseBytes);
      if (record.responseBytes > PAYLOAD_LIMIT_BYTES) {
        throw new HostError(
          "ResponsePayloadSizeLimitExceeded",
          `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`,
        );
      }
      for (const c of commits) c();
    } catch (e) {
      record.error = e instanceof HostError ? e.code : String(e);
      if (stats.responseBytes.length < stats.requestBytes.length) stats.responseBytes.push(0);
      throw e;
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- children of any model type share one map
type AnyObject = ClientObject<any>;

/** What every proxy shares: identity, lazy resolution to a model object, loaded values. */
abstract class ClientObject<T> {
  /** @internal */ readonly _id: number;
  /** @internal */ _loaded = new Map<string, unknown>();
  private resolved: { v: T | null } | null = null;
  private nullKnown: boolean | undefined;
  private children = new Map<string, AnyObject>();

  constructor(
    /** @internal */ protected readonly _ctx: RequestContext,
    private readonly resolver: () => T | null,
    options: { instantiate?: boolean; wire?: unknown } = {},
  ) {
    this._id = _ctx._newId();
    if (options.instantiate) {
      // Excel resolves object paths (getItem, add, getUsedRange) in request order, and a missing item
      // fails the sync it is sent in; queueing the resolution keeps both behaviours.
      _ctx._enqueue({
        wire: { id: this._id, ...(options.wire as object) },
        run: (_res, commits) => {
          const v = this._resolve();
          commits.push(() => (this.nullKnown = v === null));
        },
      });
    }
  }

  /** @internal */ _resolve(): T | null {
    if (!this.resolved) this.resolved = { v: this.resolver() };
    return this.resolved.v;
  }

  /** @internal */ _target(): T {
    const v = this._resolve();
    if (v === null) throw new HostError("ItemNotFound", "The requested resource doesn't exist.");
    return v;
  }

  /** @internal */ _fix(v: T): this {
    this.resolved = { v };
    this.nullKnown = false;
    return this;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded("isNullObject");
    return this.nullKnown;
  }

  /** @internal */ protected _child<C extends AnyObject>(name: string, make: () => C): C {
    let c = this.children.get(name);
    if (!c) {
      c = make();
      this.children.set(name, c);
    }
    return c as C;
  }

  /** @internal */ protected _get<V>(prop: string): V {
    if (!this._loaded.has(prop)) throw notLoaded(prop);
    return this._loaded.get(prop) as V;
  }

  /** @internal */ protected _set(prop: string, value: unknown, apply: (t: T, record: SyncRecord) => void): void {
    this._loaded.set(prop, value);
    this._ctx._enqueue({
      wire: { id: this._id, set: prop, value },
      run: (_r, _c, record) => apply(this._target(), record),
    });
  }

  /** @internal */ protected _call(method: string, args: unknown[], apply: (t: T, record: SyncRecord) => void): void {
    this._ctx._enqueue({
      wire: { id: this._id, call: method, args },
      run: (_r, _c, record) => apply(this._target(), record),
    });
  }

  /** Scalar properties readable with load(), each computed from the model at sync time. */
  /** @internal */ protected abstract _props(): Record<string, (t: T, record: SyncRecord) => unknown>;
  /** Navigation properties (worksheet, format, font) reachable in load paths. */
  /** @internal */ protected _nav(_name: string): AnyObject | undefined {
    return undefined;
  }

  load(spec?: string | string[] | { select?: string | string[] }): this {
    const paths = parseLoad(spec) ?? Object.keys(this._props()).map((p) => [p]);
    this._ctx._enqueue({
      wire: { id: this._id, load: paths.map((p) => p.join("/")) },
      run: (response, commits, record) => {
        const data: Record<string, unknown> = {};
        commits.push(this._snapshot(paths, data, record));
        response[String(this._id)] = data;
      },
    });
    return this;
  }

  /** @internal */ _snapshot(paths: string[][], out: Record<string, unknown>, record: SyncRecord): Commit {
    const target = this._resolve();
    const commits: Commit[] = [];
    const props = this._props();
    const own = new Map<string, unknown>();
    const nested = new Map<string, string[][]>();
    for (const p of paths) {
      if (p.length === 1 && props[p[0]]) {
        const v = target === null ? null : props[p[0]](target, record);
        own.set(p[0], v);
        out[p[0]] = v;
      } else if (p.length > 1) {
        nested.set(p[0], [...(nested.get(p[0]) ?? []), p.slice(1)]);
      } else if (!this._nav(p[0])) {
        throw new HostError("InvalidArgument", `Cannot load unknown property '${p[0]}'.`);
      }
    }
    for (const [name, sub] of nested) {
      const child = this._nav(name);
      if (!child) throw new HostError("InvalidArgument", `Cannot load unknown property '${name}'.`);
      const childOut: Record<string, unknown> = {};
      out[name] = childOut;
      commits.push(child._snapshot(sub, childOut, record));
    }
    return () => {
      for (const [k, v] of own) this._loaded.set(k, v);
      this.nullKnown = target === null;
      for (const c of commits) c();
    };
  }
}

/** A collection proxy: load("items/name") (or "name") fills `items`. */
abstract class Collection<M, P extends ClientObject<M>> extends ClientObject<M[]> {
  private loadedItems: P[] | undefined;

  get items(): P[] {
    if (!this.loadedItems) throw notLoaded("items");
    return this.loadedItems;
  }

  /** @internal */ protected abstract _item(model: M): P;

  /** @internal */ protected _props(): Record<string, (t: M[]) => unknown> {
    return {};
  }

  override load(spec?: string | string[] | { select?: string | string[] }): this {
    const parsed = parseLoad(spec) ?? [];
    const paths = parsed.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    this._ctx._enqueue({
      wire: { id: this._id, load: parsed.map((p) => p.join("/")) },
      run: (response, commits, record) => {
        const models = this._target();
        const items = models.map((m) => this._item(m)._fix(m));
        const out: Record<string, unknown>[] = [];
        const itemCommits = items.map((item) => {
          const data: Record<string, unknown> = {};
          out.push(data);
          return item._snapshot(paths.length ? paths : [], data, record);
        });
        response[String(this._id)] = { items: out };
        commits.push(() => {
          itemCommits.forEach((c) => c());
          this.loadedItems = items;
        });
      },
    });
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook, application, functions

class Workbook extends ClientObject<WorkbookModel> {
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  readonly application: Application;
  readonly functions: Functions;
  readonly settings: SettingCollection;

  constructor(ctx: RequestContext) {
    super(ctx, () => ctx._host.model);
    this.settings = new SettingCollection(ctx, () => ctx._host.model);
    this.worksheets = new WorksheetCollection(ctx, () => ctx._host.model.sheets.slice());
    this.tables = new TableCollection(ctx, () => ctx._host.model.tables.slice());
    this.application = new Application(ctx, () => ctx._host.model);
    this.functions = new Functions(ctx, () => ctx._host.model);
  }

  protected _props() {
    return {};
  }
}

class Application extends ClientObject<WorkbookModel> {
  protected _props() {
    return {};
  }
  suspendApiCalculationUntilNextSync(): void {
    this._ctx._suspend("calc");
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._suspend("screen");
  }
}

class FunctionResult extends ClientObject<{ value: unknown }> {
  protected _props() {
    return { value: (t: { value: unknown }) => t.value, error: () => null };
  }
  get value(): unknown {
    return this._get("value");
  }
}

/** Worksheet functions; only DATE, which the adapter uses to detect the workbook's date system. */
class Functions extends ClientObject<WorkbookModel> {
  protected _props() {
    return {};
  }
  date(year: number, month: number, day: number): FunctionResult {
    return new FunctionResult(this._ctx, () => {
      // DATE(y, m, d) as a serial in the workbook's own date system (simple in-range dates only).
      const daysFrom1970 = civilToDays(year, month, day);
      const serial1900 = daysFrom1970 + 25569; // 1970-01-01 is serial 25569 in the 1900 system.
      const model = this._target();
      return { value: model.dateSystem === "1904" ? serial1900 - 1462 : serial1900 };
    });
  }
}

function civilToDays(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil; local so the host has no dependency on the engine.
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

class WorksheetCollection extends Collection<SheetModel, Worksheet> {
  protected _item(m: SheetModel): Worksheet {
    return new Worksheet(this._ctx, () => m);
  }

  getItem(name: string): Worksheet {
    return new Worksheet(
      this._ctx,
      () => {
        const s = this._ctx._host.model.findSheet(name);
        if (!s) throw new HostError("ItemNotFound", `The requested resource doesn't exist (worksheet '${name}').`);
        return s;
      },
      { instantiate: true, wire: { getItem: name } },
    );
  }

  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this._ctx, () => this._ctx._host.model.findSheet(name) ?? null, {
      instantiate: true,
      wire: { getItemOrNullObject: name },
    });
  }

  add(name?: string): Worksheet {
    return new Worksheet(
      this._ctx,
      () => {
        const model = this._ctx._host.model;
        let n = name;
        for (let i = model.sheets.length + 1; n === undefined; i++) if (!model.findSheet(`Sheet${i}`)) n = `Sheet${i}`;
        return model.addSheet(n);
      },
      { instantiate: true, wire: { add: name } },
    );
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this._ctx, () => this._ctx._host.model.active, {
      instantiate: true,
      wire: { getActiveWorksheet: true },
    });
  }
}

class Worksheet extends ClientObject<SheetModel> {
  protected _props() {
    return {
      name: (s: SheetModel) => s.name,
      id: (s: SheetModel) => s.id,
      position: (s: SheetModel) => this._ctx._host.model.sheets.indexOf(s),
    };
  }

  protected override _nav(name: string): AnyObject | undefined {
    return name === "tables" || name === "customProperties" || name === "charts" ? this[name] : undefined;
  }

  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (s) => {
      validateSheetName(v);
      const other = this._ctx._host.model.findSheet(v);
      if (other && other !== s) throw new HostError("ItemAlreadyExists", `A sheet named '${v}' already exists.`);
      s.name = v;
    });
  }

  get tables(): TableCollection {
    return this._child(
      "tables",
      () =>
        new TableCollection(this._ctx, () => this._ctx._host.model.tables.filter((t) => t.sheet === this._target())),
    );
  }

  get customProperties(): CustomPropertyCollection {
    return this._child("customProperties", () => new CustomPropertyCollection(this._ctx, () => this._target()));
  }

  get freezePanes(): FreezePanes {
    return this._child("freezePanes", () => new FreezePanes(this._ctx, () => this._target()));
  }

  get charts(): ChartCollection {
    return this._child("charts", () => new ChartCollection(this._ctx, () => this._target()));
  }

  getRange(address?: string): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this._target();
        if (address === undefined)
          return { sheet, rect: { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS } };
        const { sheet: named, local } = splitSheet(address);
        if (named !== undefined && named.toLowerCase() !== sheet.name.toLowerCase()) {
          throw new HostError("InvalidArgument", `Address '${address}' is not on sheet '${sheet.name}'.`);
        }
        const rect = parseA1(local);
        if (!rect)
          throw new HostError(
            "InvalidArgument",
            `The argument is invalid or missing or has an incorrect format ('${address}').`,
          );
        return { sheet, rect };
      },
      { instantiate: true, wire: { getRange: address } },
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this._target();
        if (
          startRow < 0 ||
          startColumn < 0 ||
          rowCount < 1 ||
          columnCount < 1 ||
          startRow + rowCount > MAX_ROWS ||
          startColumn + columnCount > MAX_COLUMNS
        ) {
          throw new HostError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
        }
        return { sheet, rect: { row: startRow, column: startColumn, rowCount, columnCount } };
      },
      { instantiate: true, wire: { getRangeByIndexes: [startRow, startColumn, rowCount, columnCount] } },
    );
  }

  getUsedRange(valuesOnly?: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this._target();
        // A blank sheet's used range is A1, as in Excel.
        return {
          sheet,
          rect: sheet.usedRect(valuesOnly === true) ?? { row: 0, column: 0, rowCount: 1, columnCount: 1 },
        };
      },
      { instantiate: true, wire: { getUsedRange: valuesOnly } },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    return new Range(
      this._ctx,
      () => {
        const sheet = this._target();
        const rect = sheet.usedRect(valuesOnly === true);
        return rect ? { sheet, rect } : null;
      },
      { instantiate: true, wire: { getUsedRangeOrNullObject: valuesOnly } },
    );
  }

  activate(): void {
    this._call("activate", [], (s) => (this._ctx._host.model.active = s));
  }

  delete(): void {
    this._call("delete", [], (s) => this._ctx._host.model.deleteSheet(s));
  }
}

class FreezePanes extends ClientObject<SheetModel> {
  protected _props() {
    return {};
  }
  freezeRows(count?: number): void {
    this._call("freezeRows", [count], (s) => (s.frozenRows = count ?? 1));
  }
  unfreeze(): void {
    this._call("unfreeze", [], (s) => (s.frozenRows = 0));
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What a cell holds after `values` is set to v, the way Excel parses typed input: a leading
 * apostrophe forces text (and is not part of the value), text that reads as a number becomes a
 * number unless the cell is formatted as Text ("@"). Formulas are not evaluated (see the docs).
 */
function coerce(v: unknown, format: string): Cell {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new HostError("InvalidArgument", `Cannot write ${v} to a cell.`);
    return v;
  }
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") throw new HostError("InvalidArgument", `Cannot write a ${typeof v} to a cell.`);
  if (format === "@") return v;
  if (v.startsWith("'")) return v.slice(1);
  if (NUMERIC_TEXT.test(v.trim())) return Number(v.trim());
  return v;
}

function checkCells(rect: Rect, code: string): void {
  if (rect.rowCount * rect.columnCount > CELL_LIMIT) {
    throw new HostError(
      code,
      `The range has ${rect.rowCount * rect.columnCount} cells, over Excel's limit of ${CELL_LIMIT}.`,
    );
  }
}

function readBlock<V>(t: RangeTarget, get: (r: number, c: number) => V, record: SyncRecord): V[][] {
  checkCells(t.rect, "ResponsePayloadSizeLimitExceeded");
  const out: V[][] = new Array(t.rect.rowCount);
  for (let i = 0; i < t.rect.rowCount; i++) {
    const row: V[] = new Array(t.rect.columnCount);
    for (let j = 0; j < t.rect.columnCount; j++) row[j] = get(t.rect.row + i, t.rect.column + j);
    out[i] = row;
  }
  record.cellsRead += t.rect.rowCount * t.rect.columnCount;
  return out;
}

function writeBlock(
  t: RangeTarget,
  input: unknown,
  put: (r: number, c: number, v: unknown) => void,
  record: SyncRecord,
): void {
  const { rect } = t;
  // "Single input copy": one value (as [[v]], or bare) set on a larger range fills every cell, like
  // typing it with Ctrl+Enter (Excel JavaScript API advanced concepts, "Update" conventions).
  const rows = Array.isArray(input) ? (input as unknown[]) : null;
  const isOneByOne =
    rows !== null && rows.length === 1 && Array.isArray(rows[0]) && (rows[0] as unknown[]).length === 1;
  if (rows === null || (isOneByOne && rect.rowCount * rect.columnCount > 1)) {
    const single = rows === null ? input : (rows[0] as unknown[])[0];
    if (single === null || single === undefined) return;
    for (let i = 0; i < rect.rowCount; i++)
      for (let j = 0; j < rect.columnCount; j++) put(rect.row + i, rect.column + j, single);
    record.cellsWritten += rect.rowCount * rect.columnCount;
    return;
  }
  checkCells(rect, "RequestPayloadSizeLimitExceeded");
  if (rows.length !== rect.rowCount || rows.some((row) => !Array.isArray(row) || row.length !== rect.columnCount)) {
    throw new HostError(
      "InvalidArgument",
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
  }
  for (let i = 0; i < rect.rowCount; i++) {
    const row = rows[i] as unknown[];
    for (let j = 0; j < rect.columnCount; j++) {
      // null leaves the cell unchanged, as in Office.js.
      if (row[j] !== null && row[j] !== undefined) put(rect.row + i, rect.column + j, row[j]);
    }
  }
  record.cellsWritten += rect.rowCount * rect.columnCount;
}

class Range extends ClientObject<RangeTarget> {
  protected _props() {
    return {
      values: (t: RangeTarget, rec: SyncRecord) => readBlock(t, (r, c) => t.sheet.get(r, c), rec),
      // cellsRead/cellsWritten count cells of values; formats of the same cells are not counted twice.
      numberFormat: (t: RangeTarget, rec: SyncRecord) => readBlock(t, (r, c) => t.sheet.getFormat(r, c), { ...rec }),
      address: (t: RangeTarget) => formatAddress(t.sheet.name, t.rect),
      rowIndex: (t: RangeTarget) => t.rect.row,
      columnIndex: (t: RangeTarget) => t.rect.column,
      rowCount: (t: RangeTarget) => t.rect.rowCount,
      columnCount: (t: RangeTarget) => t.rect.columnCount,
      hyperlink: (t: RangeTarget) => t.sheet.hyperlinks.get(`${t.rect.row},${t.rect.column}`) ?? null,
    };
  }

  /** Range.hyperlink (ExcelApi 1.7): every cell of the range gets the link; textToDisplay becomes the cell's text. */
  get hyperlink(): HyperlinkModel | null {
    return this._get("hyperlink");
  }
  set hyperlink(v: HyperlinkModel | null) {
    this._set("hyperlink", v, (t) => {
      if (v !== null && v.address === undefined && v.documentReference === undefined)
        throw new HostError("InvalidArgument", "A hyperlink needs an address or a documentReference.");
      for (let r = t.rect.row; r < t.rect.row + t.rect.rowCount; r++)
        for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) {
          if (v === null) t.sheet.hyperlinks.delete(`${r},${c}`);
          else {
            t.sheet.hyperlinks.set(`${r},${c}`, { ...v });
            if (v.textToDisplay !== undefined) t.sheet.setCell(r, c, coerce(v.textToDisplay, t.sheet.getFormat(r, c)));
          }
        }
    });
  }

  get dataValidation(): DataValidation {
    return this._child("dataValidation", () => new DataValidation(this._ctx, () => this._target()));
  }

  get conditionalFormats(): ConditionalFormatCollection {
    return this._child("conditionalFormats", () => new ConditionalFormatCollection(this._ctx, () => this._target()));
  }

  protected override _nav(name: string): AnyObject | undefined {
    if (name === "format") return this.format;
    if (name === "worksheet") return this.worksheet;
    return undefined;
  }

  get values(): Cell[][] {
    return this._get("values");
  }
  set values(v: unknown[][] | unknown) {
    this._set("values", v, (t, rec) =>
      writeBlock(t, v, (r, c, x) => t.sheet.setCell(r, c, coerce(x, t.sheet.getFormat(r, c))), rec),
    );
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: unknown[][] | unknown) {
    this._set("numberFormat", v, (t, rec) =>
      writeBlock(
        t,
        v,
        (r, c, x) => {
          if (typeof x !== "string") throw new HostError("InvalidArgument", "A number format must be a string.");
          t.sheet.setFormat(r, c, x);
        },
        { ...rec },
      ),
    );
  }
  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }

  get format(): RangeFormat {
    return this._child("format", () => new RangeFormat(this._ctx, () => this._target()));
  }
  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this._ctx, () => this._target().sheet));
  }

  clear(): void {
    this._call("clear", [], (t) => t.sheet.clear(t.rect));
  }
}

class RangeFormat extends ClientObject<RangeTarget> {
  protected _props() {
    return {
      columnWidth: (t: RangeTarget) => {
        const widths = new Set<number>();
        for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++)
          widths.add(t.sheet.columnWidths.get(c) ?? DEFAULT_WIDTH);
        return widths.size === 1 ? [...widths][0] : null;
      },
    };
  }
  protected override _nav(name: string): AnyObject | undefined {
    return name === "font" ? this.font : undefined;
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(points: number) {
    this._set("columnWidth", points, (t) => {
      for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) t.sheet.columnWidths.set(c, points);
    });
  }
  get font(): RangeFont {
    return this._child("font", () => new RangeFont(this._ctx, () => this._target()));
  }
  /** Width from the longest text in each column of this range (roughly 7 points a character). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (t) => {
      for (let c = t.rect.column; c < t.rect.column + t.rect.columnCount; c++) {
        let longest = 0;
        const end = Math.min(t.rect.row + t.rect.rowCount, t.sheet.values.length);
        for (let r = t.rect.row; r < end; r++) longest = Math.max(longest, String(t.sheet.get(r, c)).length);
        t.sheet.columnWidths.set(c, Math.max(DEFAULT_WIDTH, longest * 7 + 5));
      }
    });
  }
}

const DEFAULT_WIDTH = 48;

class RangeFont extends ClientObject<RangeTarget> {
  protected _props() {
    return {
      bold: (t: RangeTarget) => t.sheet.boldRects.some((b) => contains(b, t.rect)),
    };
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this._set("bold", v, (t) => {
      if (v) t.sheet.boldRects.push(t.rect);
      else
        t.sheet.boldRects.splice(0, t.sheet.boldRects.length, ...t.sheet.boldRects.filter((b) => !contains(t.rect, b)));
    });
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount;
}

function inside(inner: Rect, outer: Rect): boolean {
  return contains(outer, inner);
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.rowCount <= outer.row + outer.rowCount &&
    inner.column + inner.columnCount <= outer.column + outer.columnCount
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

class TableCollection extends Collection<TableModel, Table> {
  constructor(ctx: RequestContext, resolver: () => TableModel[]) {
    super(ctx, resolver);
  }

  protected _item(m: TableModel): Table {
    return new Table(this._ctx, () => m);
  }

  getItem(name: string): Table {
    return new Table(
      this._ctx,
      () => {
        const t = this._target().find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!t) throw new HostError("ItemNotFound", `The requested resource doesn't exist (table '${name}').`);
        return t;
      },
      { instantiate: true, wire: { getItem: name } },
    );
  }

  getItemOrNullObject(name: string): Table {
    return new Table(this._ctx, () => this._target().find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null, {
      instantiate: true,
      wire: { getItemOrNullObject: name },
    });
  }

  /**
   * Adds a table over a Range, or over an address. As in Office.js, an address without a sheet name
   * means the ACTIVE sheet, even when called on a worksheet's own table collection.
   */
  add(address: Range | string, hasHeaders: boolean): Table {
    return new Table(
      this._ctx,
      () => {
        const model = this._ctx._host.model;
        let sheet: SheetModel | undefined | null;
        let rect: Rect | null;
        if (typeof address === "string") {
          const { sheet: named, local } = splitSheet(address);
          sheet = named !== undefined ? model.findSheet(named) : model.active;
          rect = parseA1(local);
        } else {
          ({ sheet, rect } = address._target());
        }
        if (!sheet) throw new HostError("InvalidArgument", `Cannot find the sheet of '${String(address)}'.`);
        if (!rect) throw new HostError("InvalidArgument", `The argument is invalid ('${String(address)}').`);
        if (model.tables.some((t) => t.sheet === sheet && overlaps(t.rect, rect))) {
          throw new HostError("InvalidOperation", "A table can't overlap another table.");
        }
        let i = model.tables.length + 1;
        while (model.findTable(`Table${i}`)) i++;
        const table = new TableModel(`Table${i}`, sheet, { ...rect });
        if (!hasHeaders) {
          // Excel inserts a header row above the data.
          throw new HostError("InvalidArgument", "The memory host models tables with headers only.");
        }
        // Header cells become unique text, as Excel renames blanks and duplicates (Column1, Amount2).
        const seen = new Set<string>();
        for (let j = 0; j < rect.columnCount; j++) {
          let h = String(sheet.get(rect.row, rect.column + j));
          if (h === "") h = `Column${j + 1}`;
          let candidate = h;
          for (let k = 2; seen.has(candidate.toLowerCase()); k++) candidate = `${h}${k}`;
          seen.add(candidate.toLowerCase());
          sheet.setCell(rect.row, rect.column + j, candidate);
        }
        // A table always has a body row.
        if (rect.rowCount === 1) table.rect.rowCount = 2;
        model.tables.push(table);
        return table;
      },
      {
        instantiate: true,
        wire: { add: [typeof address === "string" ? address : { range: address._id }, hasHeaders] },
      },
    );
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rowCount &&
    b.row < a.row + a.rowCount &&
    a.column < b.column + b.columnCount &&
    b.column < a.column + a.columnCount
  );
}

class Table extends ClientObject<TableModel> {
  protected _props() {
    return { name: (t: TableModel) => t.name, id: (t: TableModel) => t.id };
  }
  protected override _nav(name: string): AnyObject | undefined {
    return name === "worksheet" ? this.worksheet : undefined;
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (t) => {
      validateTableName(v);
      const other = this._ctx._host.model.findTable(v);
      if (other && other !== t) throw new HostError("ItemAlreadyExists", `A table named '${v}' already exists.`);
      t.name = v;
    });
  }
  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this._ctx, () => this._target().sheet));
  }
  private part(which: string, rect: (t: TableModel) => Rect): Range {
    return new Range(
      this._ctx,
      () => {
        const t = this._target();
        return { sheet: t.sheet, rect: rect(t) };
      },
      { instantiate: true, wire: { [which]: true } },
    );
  }
  getRange(): Range {
    return this.part("getRange", (t) => t.rect);
  }
  getHeaderRowRange(): Range {
    return this.part("getHeaderRowRange", (t) => ({ ...t.rect, rowCount: 1 }));
  }
  getDataBodyRange(): Range {
    return this.part("getDataBodyRange", (t) => ({ ...t.rect, row: t.rect.row + 1, rowCount: t.rect.rowCount - 1 }));
  }
  delete(): void {
    this._call("delete", [], (t) => {
      const model = this._ctx._host.model;
      model.tables = model.tables.filter((x) => x !== t);
      t.sheet.clear(t.rect);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheet custom properties (how the add-in marks the sheets it owns)

interface PropTarget {
  sheet: SheetModel;
  key: string;
}

class CustomPropertyCollection extends Collection<PropTarget, CustomProperty> {
  constructor(
    ctx: RequestContext,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(ctx, () => [...sheetOf().customProperties.values()].map((p) => ({ sheet: sheetOf(), key: p.key })));
  }
  protected _item(m: PropTarget): CustomProperty {
    return new CustomProperty(this._ctx, () => m);
  }
  private find(key: string): PropTarget | null {
    const sheet = this.sheetOf();
    const p = sheet.customProperties.get(key.toLowerCase());
    return p ? { sheet, key: p.key } : null;
  }
  /** Adds, or overwrites, the property with this key (keys are case-insensitive, as in Excel). */
  add(key: string, value: string): CustomProperty {
    return new CustomProperty(
      this._ctx,
      () => {
        if (key.length === 0 || key.length > 255)
          throw new HostError("InvalidArgument", "A custom property key must have 1 to 255 characters.");
        const sheet = this.sheetOf();
        sheet.customProperties.set(key.toLowerCase(), { key, value: String(value) });
        return { sheet, key };
      },
      { instantiate: true, wire: { add: [key, value] } },
    );
  }
  getItem(key: string): CustomProperty {
    return new CustomProperty(
      this._ctx,
      () => {
        const p = this.find(key);
        if (!p) throw new HostError("ItemNotFound", `The requested resource doesn't exist (custom property '${key}').`);
        return p;
      },
      { instantiate: true, wire: { getItem: key } },
    );
  }
  getItemOrNullObject(key: string): CustomProperty {
    return new CustomProperty(this._ctx, () => this.find(key), {
      instantiate: true,
      wire: { getItemOrNullObject: key },
    });
  }
}

class CustomProperty extends ClientObject<PropTarget> {
  protected _props() {
    return {
      key: (t: PropTarget) => t.sheet.customProperties.get(t.key.toLowerCase())?.key ?? t.key,
      value: (t: PropTarget) => t.sheet.customProperties.get(t.key.toLowerCase())?.value ?? null,
    };
  }
  get key(): string {
    return this._get("key");
  }
  get value(): string {
    return this._get("value");
  }
  set value(v: string) {
    this._set("value", v, (t) => t.sheet.customProperties.set(t.key.toLowerCase(), { key: t.key, value: String(v) }));
  }
  delete(): void {
    this._call("delete", [], (t) => t.sheet.customProperties.delete(t.key.toLowerCase()));
  }
}

// ---------------------------------------------------------------------------------------------
// Data validation (ExcelApi 1.8): recorded per range as set, not enforced

class DataValidation extends ClientObject<RangeTarget> {
  protected _props() {
    return { rule: (t: RangeTarget) => t.sheet.dataValidations.find((d) => sameRect(d.rect, t.rect))?.rule ?? null };
  }
  private entry(t: RangeTarget): DataValidationModel {
    let m = t.sheet.dataValidations.find((d) => sameRect(d.rect, t.rect));
    if (!m) t.sheet.dataValidations.push((m = { rect: { ...t.rect } }));
    return m;
  }
  get rule(): unknown {
    return this._get("rule");
  }
  set rule(v: unknown) {
    this._set("rule", v, (t) => {
      const list = (v as { list?: { source?: unknown } } | null)?.list;
      if (list !== undefined && typeof list.source !== "string")
        throw new HostError("InvalidArgument", "A list validation needs its source as text or a range address.");
      this.entry(t).rule = v;
    });
  }
  set errorAlert(v: unknown) {
    this._set("errorAlert", v, (t) => (this.entry(t).errorAlert = v));
  }
  /** Removes validation from every cell of the range (entries inside it go; others stay). */
  clear(): void {
    this._call("clear", [], (t) => {
      t.sheet.dataValidations = t.sheet.dataValidations.filter((d) => !inside(d.rect, t.rect));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Conditional formats (ExcelApi 1.6): recorded with their rule and fill, not evaluated

const CONDITIONAL_TYPES = [
  "ContainsText",
  "CellValue",
  "DataBar",
  "Custom",
  "ColorScale",
  "IconSet",
  "TopBottom",
  "PresetCriteria",
];

class ConditionalFormatCollection extends ClientObject<RangeTarget> {
  protected _props() {
    return {};
  }
  /** Removes the conditional formats inside the range. */
  clearAll(): void {
    this._call("clearAll", [], (t) => {
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((f) => !inside(f.rect, t.rect));
    });
  }
  add(type: string): ConditionalFormat {
    return new ConditionalFormat(
      this._ctx,
      () => {
        if (!CONDITIONAL_TYPES.includes(type))
          throw new HostError("InvalidArgument", `Unknown conditional format type '${type}'.`);
        const t = this._target();
        const m: ConditionalFormatModel = { rect: { ...t.rect }, type };
        t.sheet.conditionalFormats.push(m);
        return m;
      },
      { instantiate: true, wire: { add: type } },
    );
  }
}

class ConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected _props() {
    return { type: (m: ConditionalFormatModel) => m.type };
  }
  /** Only for a ContainsText format, as in Excel (the other accessors fail on a mismatched type). */
  get textComparison(): ConditionalRuleProxy {
    return this._child("textComparison", () => new ConditionalRuleProxy(this._ctx, () => this.checked("ContainsText")));
  }
  get cellValue(): ConditionalRuleProxy {
    return this._child("cellValue", () => new ConditionalRuleProxy(this._ctx, () => this.checked("CellValue")));
  }
  private checked(type: string): ConditionalFormatModel {
    const m = this._target();
    if (m.type !== type) throw new HostError("InvalidOperation", `This conditional format is ${m.type}, not ${type}.`);
    return m;
  }
}

class ConditionalRuleProxy extends ClientObject<ConditionalFormatModel> {
  protected _props() {
    return { rule: (m: ConditionalFormatModel) => m.rule ?? null };
  }
  get rule(): unknown {
    return this._get("rule");
  }
  set rule(v: unknown) {
    this._set("rule", v, (m) => (m.rule = v));
  }
  get format(): ConditionalFormatFormat {
    return this._child("format", () => new ConditionalFormatFormat(this._ctx, () => this._target()));
  }
}

class ConditionalFormatFormat extends ClientObject<ConditionalFormatModel> {
  protected _props() {
    return {};
  }
  get fill(): ConditionalFill {
    return this._child("fill", () => new ConditionalFill(this._ctx, () => this._target()));
  }
}

class ConditionalFill extends ClientObject<ConditionalFormatModel> {
  protected _props() {
    return { color: (m: ConditionalFormatModel) => m.fill ?? null };
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._set("color", v, (m) => (m.fill = v));
  }
}

// ---------------------------------------------------------------------------------------------
// Charts (ExcelApi 1.1): recorded (type, source range, series orientation, title, position), not drawn

class ChartCollection extends Collection<ChartModel, Chart> {
  constructor(
    ctx: RequestContext,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(ctx, () => sheetOf().charts.slice());
  }
  protected _item(m: ChartModel): Chart {
    return new Chart(this._ctx, () => m, this.sheetOf);
  }
  add(type: string, sourceData: Range, seriesBy = "Auto"): Chart {
    return new Chart(
      this._ctx,
      () => {
        const sheet = this.sheetOf();
        const src = sourceData._target();
        if (src.sheet !== sheet)
          throw new HostError("InvalidArgument", "The chart's source data must be on its worksheet.");
        let n = sheet.charts.length + 1;
        while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const m: ChartModel = { name: `Chart ${n}`, type, source: { ...src.rect }, seriesBy };
        sheet.charts.push(m);
        return m;
      },
      this.sheetOf,
      { instantiate: true, wire: { add: [type, seriesBy] } },
    );
  }
}

class Chart extends ClientObject<ChartModel> {
  constructor(
    ctx: RequestContext,
    resolver: () => ChartModel | null,
    private readonly sheetOf: () => SheetModel,
    options: { instantiate?: boolean; wire?: unknown } = {},
  ) {
    super(ctx, resolver, options);
  }
  protected _props() {
    return { name: (m: ChartModel) => m.name };
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this._set("name", v, (m) => (m.name = v));
  }
  get title(): ChartTitle {
    return this._child("title", () => new ChartTitle(this._ctx, () => this._target()));
  }
  setPosition(startCell: string, endCell?: string): void {
    this._call("setPosition", [startCell, endCell], (m) => (m.position = [startCell, endCell]));
  }
  delete(): void {
    this._call("delete", [], (m) => {
      const sheet = this.sheetOf();
      sheet.charts = sheet.charts.filter((c) => c !== m);
    });
  }
}

class ChartTitle extends ClientObject<ChartModel> {
  protected _props() {
    return { text: (m: ChartModel) => m.title ?? "" };
  }
  get text(): string {
    return this._get("text");
  }
  set text(v: string) {
    this._set("text", v, (m) => (m.title = v));
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook settings (ExcelApi 1.4): key/value pairs saved with the document, per add-in

interface SettingTarget {
  model: WorkbookModel;
  key: string;
}

class SettingCollection extends Collection<SettingTarget, Setting> {
  constructor(
    ctx: RequestContext,
    private readonly modelOf: () => WorkbookModel,
  ) {
    super(ctx, () => [...modelOf().settings.keys()].map((key) => ({ model: modelOf(), key })));
  }
  protected _item(m: SettingTarget): Setting {
    return new Setting(this._ctx, () => m);
  }
  /** Adds or replaces a setting; the value must survive JSON (Office serialises settings as JSON). */
  add(key: string, value: unknown): Setting {
    return new Setting(
      this._ctx,
      () => {
        if (key.length === 0) throw new HostError("InvalidArgument", "A setting needs a key.");
        const model = this.modelOf();
        model.settings.set(key, JSON.parse(JSON.stringify(value)));
        return { model, key };
      },
      { instantiate: true, wire: { add: [key, value] } },
    );
  }
  getItemOrNullObject(key: string): Setting {
    return new Setting(
      this._ctx,
      () => {
        const model = this.modelOf();
        return model.settings.has(key) ? { model, key } : null;
      },
      { instantiate: true, wire: { getItemOrNullObject: key } },
    );
  }
}

class Setting extends ClientObject<SettingTarget> {
  protected _props() {
    return {
      key: (t: SettingTarget) => t.key,
      value: (t: SettingTarget) => t.model.settings.get(t.key) ?? null,
    };
  }
  get key(): string {
    return this._get("key");
  }
  get value(): unknown {
    return this._get("value");
  }
  delete(): void {
    this._call("delete", [], (t) => t.model.settings.delete(t.key));
  }
}

export type { Workbook, Worksheet, Range, Table, CustomProperty };
