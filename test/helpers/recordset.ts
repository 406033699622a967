/**
 * Record sets from plain rows, for engine tests: what the loader (src/io/recon) would hand over,
 * without a grid. Numbers are given as decimal text ("1.50") or numbers and held exactly as scaled
 * integers (the column's scale is the most decimals given); dates as ISO text; text fields are
 * trimmed and upper-cased as the loader's default normalisation does.
 */
import { parseIso } from "../../src/core/dates/civil";
import { STANDARD_FIELDS } from "../../src/core/recon/kinds";
import type { FieldType } from "../../src/core/recon/profile";
import { KeyTable } from "../../src/core/recon/key-table";
import { BLANK_CODE, NO_DAY, type RecordSet, type RowProblem, type TextColumn } from "../../src/core/recon/records";

export type PlainValue = string | number | null | undefined;
export type PlainRow = Record<string, PlainValue>;

export interface BuildOptions {
  label?: string;
  /** Types of fields not among the standard fields (default: number for numbers, date for ISO text, else text). */
  fields?: Record<string, FieldType>;
  /** Fields to declare even if no row gives them a value. */
  declare?: string[];
  /** Problems by record index. */
  problems?: Record<number, RowProblem[]>;
  /** Exclusion reasons by record index. */
  excluded?: Record<number, string>;
  /** Row number of record 0 (default 2: a header in row 1). */
  firstRow?: number;
  /** Minimum scale per number field (to test 1.5 at scale 1 against 1.50 at scale 2). */
  scales?: Record<string, number>;
}

const STANDARD_TYPES = new Map<string, FieldType>();
for (const defs of Object.values(STANDARD_FIELDS))
  for (const d of defs) if (!STANDARD_TYPES.has(d.name)) STANDARD_TYPES.set(d.name, d.type);

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function decimals(v: PlainValue): number {
  if (v === null || v === undefined || v === "") return 0;
  const t = String(v).trim();
  const dot = t.indexOf(".");
  return dot < 0 ? 0 : t.length - dot - 1;
}

function scaledInt(v: PlainValue, scale: number): number {
  if (v === null || v === undefined || v === "") return NaN;
  const t = String(v).trim();
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m) return NaN;
  const frac = (m[3] ?? "").padEnd(scale, "0");
  const int = Number((m[2] || "0") + frac);
  return m[1] === "-" ? -int : int;
}

export function recordSet(side: "left" | "right", rows: PlainRow[], opts: BuildOptions = {}): RecordSet {
  const names = new Set<string>(opts.declare ?? []);
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const fields: Record<string, FieldType> = {};
  for (const f of names) {
    let t = opts.fields?.[f] ?? STANDARD_TYPES.get(f);
    if (!t) {
      const sample = rows.map((r) => r[f]).find((v) => v !== null && v !== undefined && v !== "");
      t = typeof sample === "number" ? "number" : typeof sample === "string" && ISO.test(sample) ? "date" : "text";
    }
    fields[f] = t;
  }
  const rs: RecordSet = {
    side,
    label: opts.label ?? (side === "left" ? "Books" : "Custodian"),
    sheet: side === "left" ? "books.xlsx" : "custodian.csv",
    size: rows.length,
    rows: Int32Array.from(rows, (_, i) => i + (opts.firstRow ?? 2)),
    fields,
    text: {},
    num: {},
    date: {},
    problems: new Map(Object.entries(opts.problems ?? {}).map(([k, v]) => [Number(k), v])),
    excluded: new Map(Object.entries(opts.excluded ?? {}).map(([k, v]) => [Number(k), v])),
  };
  for (const [f, t] of Object.entries(fields)) {
    if (t === "number") {
      const scale = Math.max(opts.scales?.[f] ?? 0, ...rows.map((r) => decimals(r[f])));
      rs.num[f] = { scale, ints: Float64Array.from(rows, (r) => scaledInt(r[f], scale)) };
    } else if (t === "date") {
      rs.date[f] = Int32Array.from(rows, (r) => {
        const v = r[f];
        return typeof v === "string" ? (parseIso(v) ?? NO_DAY) : NO_DAY;
      });
    } else {
      rs.text[f] = textColumn(
        rows.map((r) => {
          const v = r[f];
          if (v === null || v === undefined) return undefined;
          const s = String(v).trim().toUpperCase();
          return s === "" ? undefined : s;
        }),
      );
    }
  }
  return rs;
}

/** A text column from one value per record (undefined or "" for blank), interned as the loader does. */
export function textColumn(values: readonly (string | undefined)[]): TextColumn {
  const dict = new KeyTable(values.length);
  const codes = Int32Array.from(values, (v) => (v === undefined || v === "" ? BLANK_CODE : dict.id(v)));
  return { codes, values: dict.keyList };
}

/** Every record's value (undefined when blank). */
export function textValues(col: TextColumn): (string | undefined)[] {
  return Array.from(col.codes, (c) => (c < 0 ? undefined : col.values[c]));
}
