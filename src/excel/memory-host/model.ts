/**
 * The workbook the memory host stands for: sheets of cells, number formats, tables, custom
 * properties. Plain data with no proxy semantics (those live in host.ts); tests inspect it directly.
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, formatAddress } from "../address";

export type Cell = string | number | boolean;

export class HostError extends Error {
  /** Same codes as OfficeExtension.Error.code, so adapter code can branch on them. */
  readonly code: string;
  readonly debugInfo: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

let nextId = 1;

/** Range.hyperlink as Office.js takes it (ExcelApi 1.7). */
export interface HyperlinkModel {
  address?: string;
  documentReference?: string;
  textToDisplay?: string;
  screenTip?: string;
}

/** A conditional format added to a range: its type, the rule and the fill colour its format sets. */
export interface ConditionalFormatModel {
  rect: Rect;
  type: string;
  rule?: unknown;
  fill?: string;
}

/** Range.dataValidation as set: the rule and the error alert. */
export interface DataValidationModel {
  rect: Rect;
  rule?: unknown;
  errorAlert?: unknown;
}

export interface ChartModel {
  name: string;
  type: string;
  /** The source data's rectangle on its sheet. */
  source: Rect;
  seriesBy: string;
  title?: string;
  /** Top-left (and optional bottom-right) cell given to setPosition. */
  position?: [string, string | undefined];
}

export class SheetModel {
  readonly id = `sheet${nextId++}`;
  name: string;
  /** Row-major; missing rows or cells are blank (""). */
  values: (Cell[] | undefined)[] = [];
  /** Row-major; missing entries are "General". */
  formats: (string[] | undefined)[] = [];
  readonly customProperties = new Map<string, { key: string; value: string }>();
  frozenRows = 0;
  /** Column widths in points, set explicitly or by autofit. */
  readonly columnWidths = new Map<number, number>();
  /** Rectangles whose font was set bold (formatting is recorded, not rendered). */
  readonly boldRects: Rect[] = [];
  /** Hyperlinks by "row,column" (0-based). */
  readonly hyperlinks = new Map<string, HyperlinkModel>();
  conditionalFormats: ConditionalFormatModel[] = [];
  dataValidations: DataValidationModel[] = [];
  charts: ChartModel[] = [];
  deleted = false;

  constructor(name: string) {
    this.name = name;
  }

  get(r: number, c: number): Cell {
    return this.values[r]?.[c] ?? "";
  }

  getFormat(r: number, c: number): string {
    return this.formats[r]?.[c] ?? "General";
  }

  setCell(r: number, c: number, v: Cell): void {
    let row = this.values[r];
    if (!row) {
      if (v === "") return;
      row = this.values[r] = [];
    }
    while (row.length < c) row.push("");
    row[c] = v;
  }

  setFormat(r: number, c: number, f: string): void {
    let row = this.formats[r];
    if (!row) {
      if (f === "General") return;
      row = this.formats[r] = [];
    }
    while (row.length < c) row.push("General");
    row[c] = f;
  }

  /** Bounding box of non-blank cells (and, unless valuesOnly, of non-General formats), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    const scan = (rows: (unknown[] | undefined)[], blank: unknown) => {
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (!row) continue;
        let lo = -1;
        let hi = -1;
        for (let c = 0; c < row.length; c++) {
          if (row[c] !== blank && row[c] !== undefined) {
            if (lo < 0) lo = c;
            hi = c;
          }
        }
        if (lo < 0) continue;
        if (top < 0 || r < top) top = r;
        if (r > bottom) bottom = r;
        left = Math.min(left, lo);
        right = Math.max(right, hi);
      }
    };
    scan(this.values, "");
    if (!valuesOnly) scan(this.formats, "General");
    if (top < 0) return null;
    return { row: top, column: left, rowCount: bottom - top + 1, columnCount: right - left + 1 };
  }

  clear(rect: Rect): void {
    const whole = rect.row === 0 && rect.column === 0 && rect.rowCount >= MAX_ROWS && rect.columnCount >= MAX_COLUMNS;
    if (whole) {
      this.values = [];
      this.formats = [];
      this.columnWidths.clear();
      this.boldRects.length = 0;
      this.hyperlinks.clear();
      // Range.clear() (format included) removes conditional formats; data validation, like Excel's
      // Clear All, stays (Range.dataValidation.clear() removes it); charts float above cells and stay.
      this.conditionalFormats = [];
      return;
    }
    for (const key of [...this.hyperlinks.keys()]) {
      const [r, c] = key.split(",").map(Number);
      if (r >= rect.row && r < rect.row + rect.rowCount && c >= rect.column && c < rect.column + rect.columnCount)
        this.hyperlinks.delete(key);
    }
    const end = rect.row + rect.rowCount;
    for (const [rows, blank] of [
      [this.values, ""],
      [this.formats, "General"],
    ] as const) {
      for (let r = rect.row; r < Math.min(end, rows.length); r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = rect.column; c < Math.min(rect.column + rect.columnCount, row.length); c++) row[c] = blank;
      }
    }
  }
}

export class TableModel {
  readonly id = `table${nextId++}`;
  constructor(
    public name: string,
    public sheet: SheetModel,
    /** Header row included. */
    public rect: Rect,
  ) {}
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  active: SheetModel | null = null;
  dateSystem: "1900" | "1904" = "1900";
  /** Workbook.settings (ExcelApi 1.4): the add-in's key/value settings saved in the document. */
  readonly settings = new Map<string, unknown>();

  findSheet(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  findTable(name: string): TableModel | undefined {
    const key = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === key);
  }

  addSheet(name: string): SheetModel {
    validateSheetName(name);
    if (this.findSheet(name)) throw new HostError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
    const s = new SheetModel(name);
    this.sheets.push(s);
    if (!this.active) this.active = s;
    return s;
  }

  deleteSheet(s: SheetModel): void {
    if (this.sheets.length === 1)
      throw new HostError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.tables = this.tables.filter((t) => t.sheet !== s);
    this.sheets = this.sheets.filter((x) => x !== s);
    s.deleted = true;
    if (this.active === s) this.active = this.sheets[0];
  }

  address(s: SheetModel, rect: Rect): string {
    return formatAddress(s.name, rect);
  }
}

/** Excel's sheet-name rules: 1..31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export function validateSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new HostError("InvalidArgument", `'${name}' is not a valid worksheet name.`);
  }
}

/** Excel's table-name rules (simplified): a letter, _ or \ first; then letters, digits, _ and .; not a cell reference. */
export function validateTableName(name: string): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.]{0,254}$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) {
    throw new HostError("InvalidArgument", `'${name}' is not a valid table name.`);
  }
}
