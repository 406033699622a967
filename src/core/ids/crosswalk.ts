/**
 * Security-master cross-walk: any identifier a file carries (ISIN, CUSIP, SEDOL, ticker, FIGI) to the
 * canonical ISIN that reconciliation matches on.
 *
 * Order of resolution: the security master first (the user's own mapping wins), else derivation from a
 * CUSIP or SEDOL whose check digit holds (US/CA + CUSIP, GB00 + SEDOL), else unresolved with a reason.
 * A key that the master maps to two ISINs is a conflict: reported when the master is built and
 * unresolved when asked for, never settled by picking one. One ISIN with several SEDOLs (listings on
 * several exchanges) or several FIGIs is normal and not a conflict.
 *
 * resolve() is memoised on the raw text: a million-row file repeats a few thousand securities, so
 * almost every call is one Map lookup returning a shared (frozen) Resolution.
 */
import { InputError } from "../errors";
import { classifyId, cusipFromIsin, isinFromCusip, isinFromSedol, normaliseId, sedolFromIsin } from "./identifiers";

export interface SecurityRow {
  isin?: string;
  cusip?: string;
  sedol?: string;
  ticker?: string;
  figi?: string;
  name?: string;
  /** Row number as the user sees it (Excel row, CSV line), for problem reports; default index + 1. */
  row?: number;
}

/**
 * How an identifier reached its ISIN:
 * - "isin": it is a valid ISIN (inMaster says whether the master lists it);
 * - "cusip" | "sedol" | "ticker": found in that column of the master;
 * - "master": found in the master by FIGI, or as the CUSIP/SEDOL inside a master ISIN (US/CA, GB00);
 * - "derived-cusip" | "derived-sedol": not in the master, ISIN derived from a check-digit-valid code;
 * - "none": unresolved (reason says why).
 */
export type ResolveVia = "isin" | "cusip" | "sedol" | "ticker" | "derived-cusip" | "derived-sedol" | "master" | "none";

export interface Resolution {
  readonly isin?: string;
  readonly via: ResolveVia;
  /** True when isin is set. */
  readonly valid: boolean;
  readonly reason?: string;
  /** True when the answer came from the security master. */
  readonly inMaster: boolean;
  /** For a conflict: every ISIN the master gives the key, sorted. */
  readonly candidates?: readonly string[];
}

export interface MasterConflict {
  /** The normalised identifier. */
  key: string;
  /** The master columns it appears in ("cusip", "sedol", "ticker", "figi", or "isin" for an embedded code). */
  fields: string[];
  isins: string[];
  rows: number[];
}

export interface CrosswalkOptions {
  /** Sheet or file name of the master, for problem reports. Default "security master". */
  source?: string;
  /** Country for ISINs derived from CUSIPs not in the master: "US" (default) or "CA". */
  cusipCountry?: "US" | "CA";
}

/** What the master says about one security. */
export interface SecurityRecord {
  isin: string;
  cusips: string[];
  sedols: string[];
  tickers: string[];
  figis: string[];
  names: string[];
  rows: number[];
}

type KeyField = "isin" | "cusip" | "sedol" | "ticker" | "figi";
type EntryVia = "isin" | "cusip" | "sedol" | "ticker" | "master";

/** Kept small: a master of 100k securities has several hundred thousand keys. */
interface Entry {
  /** One resolution shared by every lookup of this key, settled in finish(). */
  resolution: Resolution | undefined;
  /** The first ISIN given for the key; further distinct ones go to others (a conflict). */
  isin: string | undefined;
  others: Set<string> | undefined;
  rows: number[];
  /** Bit set of FIELD_BIT: the columns the key appears in. */
  fields: number;
  /** From a code embedded in a master ISIN or a FIGI ("master") until an explicit column names it. */
  via: EntryVia;
  /** Set when the key came from a master row whose own ISIN is unusable. */
  broken: string | undefined;
}

const FIELD_BIT: Record<KeyField, number> = { isin: 1, cusip: 2, sedol: 4, ticker: 8, figi: 16 };

function fieldNames(bits: number): string[] {
  return (Object.keys(FIELD_BIT) as KeyField[]).filter((f) => (bits & FIELD_BIT[f]) !== 0).sort();
}

const MEMO_LIMIT = 1 << 18;

const VIA_OF_FIELD: Record<KeyField, EntryVia> = {
  isin: "isin",
  cusip: "cusip",
  sedol: "sedol",
  ticker: "ticker",
  figi: "master",
};

const CHECKED_FIELDS: ReadonlyArray<["cusip" | "sedol" | "figi", "CUSIP" | "SEDOL" | "FIGI"]> = [
  ["cusip", "CUSIP"],
  ["sedol", "SEDOL"],
  ["figi", "FIGI"],
];

function freeze(r: Resolution): Resolution {
  return Object.freeze(r);
}

function unresolved(reason: string, inMaster = false, candidates?: string[]): Resolution {
  return freeze(
    candidates
      ? { via: "none", valid: false, reason, inMaster, candidates }
      : { via: "none", valid: false, reason, inMaster },
  );
}

export class Crosswalk {
  /** Problems found in the master: invalid identifiers and conflicts, each naming its row and column. */
  readonly problems: InputError[] = [];
  readonly conflicts: MasterConflict[] = [];
  private readonly index = new Map<string, Entry>();
  private readonly records = new Map<string, SecurityRecord>();
  private readonly memo = new Map<string, Resolution>();
  private readonly source: string;
  private readonly cusipCountry: "US" | "CA";

  constructor(rows: Iterable<SecurityRow>, options: CrosswalkOptions = {}) {
    this.source = options.source ?? "security master";
    this.cusipCountry = options.cusipCountry ?? "US";
    let i = 0;
    for (const row of rows) {
      i++;
      this.addRow(row, row.row ?? i);
    }
    this.finish();
  }

  /** Number of distinct ISINs in the master. */
  get size(): number {
    return this.records.size;
  }

  /** Everything the master lists for an ISIN (all SEDOLs of its listings, tickers, ...), if present. */
  recordOf(isin: string): SecurityRecord | undefined {
    return this.records.get(normaliseId(isin));
  }

  /** The canonical ISIN of any identifier; see ResolveVia for the order tried. */
  resolve(id: string): Resolution {
    const hit = this.memo.get(id);
    if (hit !== undefined) return hit;
    const r = this.compute(id);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(id, r);
    return r;
  }

  private compute(id: string): Resolution {
    const c = classifyId(id);
    const key = c.normalised;
    if (key.length === 0) return unresolved("blank identifier");
    const entry = this.index.get(key);
    if (entry !== undefined) return entry.resolution as Resolution;
    switch (c.type) {
      case "ISIN":
        return c.valid
          ? freeze({ isin: key, via: "isin", valid: true, inMaster: false })
          : unresolved(`ISIN ${key} is invalid: ${c.reason}`);
      case "CUSIP": {
        if (!c.valid) return unresolved(`CUSIP ${key} is invalid: ${c.reason}`);
        const d = isinFromCusip(key, this.cusipCountry);
        return d.ok
          ? freeze({ isin: d.value, via: "derived-cusip", valid: true, inMaster: false })
          : unresolved(d.reason);
      }
      case "SEDOL": {
        if (!c.valid) return unresolved(`SEDOL ${key} is invalid: ${c.reason}`);
        const d = isinFromSedol(key);
        return d.ok
          ? freeze({ isin: d.value, via: "derived-sedol", valid: true, inMaster: false })
          : unresolved(d.reason);
      }
      case "FIGI":
        return unresolved(
          c.valid
            ? `FIGI ${key} is not in the ${this.source}; an ISIN cannot be derived from a FIGI`
            : `FIGI ${key} is invalid: ${c.reason}`,
        );
      case "TICKER":
        return unresolved(`ticker ${key} is not in the ${this.source}; an ISIN cannot be derived from a ticker`);
      default:
        return unresolved(c.reason ?? `'${key}' is not an identifier`);
    }
  }

  private problem(
    kind: "invalid" | "duplicate-key" | "blank",
    row: number,
    column: string,
    detail: string,
    raw?: unknown,
  ): void {
    this.problems.push(new InputError(kind, { sheet: this.source, row, column }, detail, raw));
  }

  private addRow(row: SecurityRow, rowNo: number): void {
    // null as well as undefined: rows read from JSON or from blank cells carry either.
    const rawIsin = row.isin === undefined || row.isin === null ? "" : normaliseId(String(row.isin));
    let isin: string | undefined;
    let broken: string | undefined;
    if (rawIsin.length > 0) {
      const c = classifyId(rawIsin);
      if (c.type === "ISIN" && c.valid) isin = rawIsin;
      else {
        const why = c.type === "ISIN" ? c.reason : (c.reason ?? `it looks like a ${c.type}`);
        broken = `its ISIN '${rawIsin}' is invalid (${why})`;
        this.problem("invalid", rowNo, "isin", `ISIN '${rawIsin}' is invalid: ${why}`, row.isin);
      }
    } else {
      // No ISIN column value: derive one from the row's own CUSIP or SEDOL when they are valid.
      const fromCusip = row.cusip ? isinFromCusip(String(row.cusip), this.cusipCountry) : undefined;
      const fromSedol = row.sedol ? isinFromSedol(String(row.sedol)) : undefined;
      const derived = [fromCusip, fromSedol].filter((d) => d?.ok).map((d) => (d as { value: string }).value);
      if (derived.length === 2 && derived[0] !== derived[1]) {
        broken = `it has no ISIN, and its CUSIP and SEDOL give different ISINs (${derived[0]}, ${derived[1]})`;
        this.problem(
          "invalid",
          rowNo,
          "isin",
          `no ISIN; the CUSIP gives ${derived[0]} but the SEDOL gives ${derived[1]}`,
        );
      } else if (derived.length > 0) {
        isin = derived[0];
      } else if (row.cusip || row.sedol || row.ticker || row.figi) {
        broken = "it has no ISIN, and no valid CUSIP or SEDOL to derive one from";
        this.problem("blank", rowNo, "isin", "no ISIN, and no valid CUSIP or SEDOL to derive one from");
      }
    }

    let record: SecurityRecord | undefined;
    if (isin !== undefined) {
      record = this.records.get(isin);
      if (record === undefined) {
        record = { isin, cusips: [], sedols: [], tickers: [], figis: [], names: [], rows: [] };
        this.records.set(isin, record);
      }
      record.rows.push(rowNo);
      if (row.name && !record.names.includes(row.name)) record.names.push(row.name);
      this.add(isin, isin, "isin", rowNo, undefined);
      // The CUSIP or SEDOL inside the ISIN resolves to it even when the master has no such column.
      const inner = isin.startsWith("GB00") ? sedolFromIsin(isin) : cusipFromIsin(isin);
      if (inner.ok) this.add(inner.value, isin, "isin-embedded", rowNo, undefined);
    }

    for (const [field, type] of CHECKED_FIELDS) {
      const raw = row[field];
      if (raw === undefined || raw === null || String(raw).trim() === "") continue;
      const key = normaliseId(String(raw));
      const c = classifyId(key);
      if (c.type !== type || !c.valid) {
        // Kept in the index as given: files from the same source carry the same code, and the
        // master is the user's own mapping. The problem is reported so it gets fixed.
        this.problem(
          "invalid",
          rowNo,
          field,
          `${type} '${key}' is invalid: ${c.type === type ? c.reason : `it looks like ${c.type}`}`,
          raw,
        );
      }
      this.add(key, isin, field, rowNo, broken);
      if (record) pushUnique(field === "cusip" ? record.cusips : field === "sedol" ? record.sedols : record.figis, key);
    }
    if (row.ticker !== undefined && row.ticker !== null && String(row.ticker).trim() !== "") {
      const key = normaliseId(String(row.ticker));
      this.add(key, isin, "ticker", rowNo, broken);
      if (record) pushUnique(record.tickers, key);
    }
  }

  private add(
    key: string,
    isin: string | undefined,
    field: KeyField | "isin-embedded",
    rowNo: number,
    broken: string | undefined,
  ): void {
    const via: EntryVia = field === "isin-embedded" ? "master" : VIA_OF_FIELD[field];
    let e = this.index.get(key);
    if (e === undefined) {
      e = { resolution: undefined, isin: undefined, others: undefined, rows: [], fields: 0, via, broken };
      this.index.set(key, e);
    } else if (e.via === "master" && via !== "master" && via !== "isin") {
      e.via = via;
    }
    if (isin !== undefined) {
      if (e.isin === undefined) e.isin = isin;
      else if (e.isin !== isin) (e.others ??= new Set()).add(isin);
    } else if (broken !== undefined && e.broken === undefined) e.broken = broken;
    e.fields |= FIELD_BIT[field === "isin-embedded" ? "isin" : field];
    // Rows arrive in order, so a repeat of this row is always the last one (no linear search).
    if (e.rows[e.rows.length - 1] !== rowNo) e.rows.push(rowNo);
  }

  /** Settles each key's shared resolution and reports conflicts, once the whole master is read. */
  private finish(): void {
    for (const [key, e] of this.index) {
      if (e.isin !== undefined && e.others === undefined) {
        e.resolution = freeze({ isin: e.isin, via: e.via, valid: true, inMaster: true });
      } else if (e.isin !== undefined && e.others !== undefined) {
        const isins = [e.isin, ...e.others].sort();
        const fields = fieldNames(e.fields);
        this.conflicts.push({ key, fields, isins, rows: [...e.rows] });
        const detail = `${key} maps to ${isins.length} ISINs in the ${this.source}: ${isins.join(", ")} (rows ${e.rows.join(", ")})`;
        this.problem("duplicate-key", e.rows[0], fields.join("/"), detail, key);
        e.resolution = unresolved(detail, true, isins);
      } else {
        e.resolution = unresolved(
          `${key} is in the ${this.source} (row ${e.rows.join(", ")}) but ${e.broken ?? "it has no ISIN"}`,
          true,
        );
      }
    }
  }
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Builds a cross-walk from security-master rows (see Crosswalk). */
export function buildCrosswalk(rows: Iterable<SecurityRow>, options?: CrosswalkOptions): Crosswalk {
  return new Crosswalk(rows, options);
}
