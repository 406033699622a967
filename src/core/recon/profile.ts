/**
 * A reconciliation profile: everything that makes a reconciliation re-runnable the same way. It is
 * JSON (stored in the workbook by the add-in, or a file for the CLI), documented in
 * docs/recon-profile.md and checked by validateProfile (./profile-validate.ts).
 *
 * Field names are the engine's canonical names (STANDARD_FIELDS); the mapping of each side says
 * which header holds each field. Amounts and quantities are compared exactly (decimal), dates as
 * day numbers.
 */
import type { DateFormat } from "../dates/parse";
import type { MatchList } from "./match-list";

export type ReconKind = "trade" | "position" | "cash" | "custom";

export type FieldType = "text" | "id" | "number" | "date" | "side";

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  /** Header texts this field is proposed for (compared after normaliseHeader). */
  aliases: string[];
}

/**
 * Break codes. Stable: they are written to Breaks sheets and JSON results and matched across runs,
 * so a code, once shipped, is never renamed. Users may add their own reason codes (any other
 * upper-case word) in profiles and in the Breaks sheet's Reason column.
 */
export const BREAK_CODES = [
  "MISSING_LEFT", // on the right side only: "Missing in <left label>"
  "MISSING_RIGHT", // on the left side only: "Missing in <right label>"
  "QUANTITY",
  "PRICE",
  "AMOUNT",
  "TRADE_DATE",
  "SETTLE_DATE",
  "VALUE_DATE",
  "SIDE",
  "CURRENCY",
  "ACCOUNT",
  "MARKET_VALUE",
  "DUPLICATE",
  "INVALID_ID",
  "ROW_ERROR",
] as const;
export type StandardBreakCode = (typeof BREAK_CODES)[number];
export type BreakCode = StandardBreakCode | string;

/** The code a difference in a field gets unless the rule names another. */
export const FIELD_BREAK_CODE: Record<string, StandardBreakCode> = {
  quantity: "QUANTITY",
  price: "PRICE",
  amount: "AMOUNT",
  fees: "AMOUNT",
  tradeDate: "TRADE_DATE",
  settleDate: "SETTLE_DATE",
  valueDate: "VALUE_DATE",
  side: "SIDE",
  currency: "CURRENCY",
  account: "ACCOUNT",
  marketValue: "MARKET_VALUE",
};

export interface SideConfig {
  /** What the user calls this side: "Books", "Custodian", "Broker", "Bank". */
  label: string;
  /**
   * Where the data is. In the add-in: a table name, or a sheet (+ optional A1 address). For the CLI:
   * "file.csv", "book.xlsx" or "book.xlsx#Sheet" (overridden by --left/--right).
   */
  source?: { table?: string; sheet?: string; address?: string; file?: string };
  /** field -> header text on this side. Proposed from headers by proposeMapping, editable. */
  mapping: Record<string, string>;
  /** Explicit date formats per field (text dates); numbers in date cells are Excel serials. */
  dateFormats?: Record<string, DateFormat>;
  /** "1.234,50" style numbers on this side. */
  decimalComma?: boolean;
  /**
   * "signed": amounts and quantities carry their sign (books). "by-side": this side gives absolute
   * values and the side field gives the sign (SELL positive cash, BUY negative; quantity the other
   * way), as custodian files often do.
   */
  signConvention?: "signed" | "by-side";
  /** Fields whose sign is flipped on this side (e.g. a bank statement's debits). */
  negate?: string[];
  /** Rows excluded before matching, each with the reason shown in the summary. */
  exclude?: Array<{ field: string; equals: string[]; reason: string }>;
}

export interface NormaliseConfig {
  trim?: boolean; // default true
  case?: "upper" | "lower" | "none"; // default "upper" for text and id fields
  /** field -> { canonical: [synonyms] }, e.g. side: { BUY: ["Buy", "B", "PURCHASE"] }. Built-in side and DR/CR tables apply unless replaced. */
  equivalences?: Record<string, Record<string, string[]>>;
}

export interface CrosswalkConfig {
  /** The field holding security identifiers (default "security"). */
  field?: string;
  /** A security master: rows with ISIN and any of CUSIP, SEDOL, ticker. Source spec as SideConfig.source. */
  master?: { table?: string; sheet?: string; file?: string };
  /** Derive US/CA ISINs from CUSIPs and GB ISINs from SEDOLs, with check-digit validation (default true). */
  derive?: boolean;
}

export type ComparisonRule =
  | { field: string; kind: "exact"; code?: BreakCode }
  /** |left - right| <= tolerance (decimal text, in the field's units). */
  | {
      field: string;
      kind: "absolute";
      tolerance: string;
      code?: BreakCode;
      /**
       * Tolerance chosen by another field's value (e.g. byField "assetClass", tolerances
       * { EQUITY: "10", "FIXED INCOME": "50" }): the left row's value (the right's when the left is
       * blank), upper-cased and trimmed, picks the tolerance; values not listed use `tolerance`.
       */
      byField?: string;
      tolerances?: Record<string, string>;
    }
  /** |left - right| <= tolerance x max(|left|, |right|); tolerance as a fraction ("0.0005" = 5 bp). */
  | { field: string; kind: "relative"; tolerance: string; code?: BreakCode }
  /** |left - right| <= units x the currency's minor unit (2 cents of USD, 2 yen). */
  | { field: string; kind: "minor-units"; units: number; currencyField?: string; code?: BreakCode }
  /** right date within [left - before, left + after] business days. */
  | { field: string; kind: "date-window"; before: number; after: number; calendar?: string; code?: BreakCode };

export type Cardinality = "1:1" | "1:N" | "N:1" | "N:M";

export interface PassConfig {
  name: string;
  /** Fields that must be equal (after normalisation and cross-walk) for two rows to be candidates. */
  keys: string[];
  /**
   * 1:1 pairs single rows. 1:N, N:1 and N:M group the "N" side(s) by the keys and sum `sumFields`
   * within each group before comparing (partial settlements, split allocations).
   */
  cardinality: Cardinality;
  /** Fields summed within a group (default quantity, amount, marketValue where mapped). */
  sumFields?: string[];
  compare: ComparisonRule[];
  /**
   * "break": a candidate pair that fails a comparison is paired and reported as a break listing every
   * failing field. "no-match": it stays unmatched and goes on to the next pass.
   */
  onMismatch: "break" | "no-match";
  /**
   * Duplicate keys on a side (in a 1:1 pass, or on the "1" side of 1:N/N:1) are never paired
   * silently: they become DUPLICATE breaks, unless this is true, in which case the pass groups them.
   */
  groupDuplicates?: boolean;
  /**
   * A scored pass proposes, never matches: for rows still unmatched, candidates scoring at least
   * `threshold` (0..1, weighted share of agreeing fields) become suggestions.
   */
  scored?: { threshold: number; weights: Record<string, number>; maxCandidates?: number };
  /**
   * Cash N:M suggestions: one item on one side against a set of items on the other whose amounts sum
   * to it within the tolerance, inside a date window; bounded search (maxItems, maxCandidates).
   */
  subsetSum?: {
    field: string;
    dateField: string;
    window: number;
    maxItems: number;
    maxCandidates?: number;
    tolerance?: string;
  };
}

export interface ReconProfile {
  /** Schema version; bump on incompatible change. */
  version: 1;
  kind: ReconKind;
  name: string;
  left: SideConfig;
  right: SideConfig;
  normalise?: NormaliseConfig;
  crosswalk?: CrosswalkConfig;
  passes: PassConfig[];
  /** Fields whose values make a break's stable id (default: the first pass's keys). */
  breakIdFields?: string[];
  /** Ageing buckets' upper bounds in days, e.g. [1, 5, 30] -> 0-1, 2-5, 6-30, >30. */
  ageingBuckets?: number[];
  /** Date field that ages a break (tradeDate, valueDate); first-seen ageing is always kept too. */
  ageFrom?: string;
}

// ---------------------------------------------------------------------------------------------
// The result: a value, rendered separately (Breaks sheet, Summary sheet, JSON).

/** Rows are the row numbers a user sees (Excel row with header rows counted; a CSV's line number). */
export interface FieldDiff {
  field: string;
  code: BreakCode;
  left: string | number | null;
  right: string | number | null;
  /** left - right for numbers (decimal text), business days for dates; absent for text. */
  difference?: string;
  /** The rule that failed, in words: "absolute 0.01", "within -1..+3 business days". */
  rule: string;
  /** True when the values differ but the rule holds (kept on matches and beside failing fields). */
  withinTolerance?: boolean;
}

export interface ClosestMiss {
  /** Rows on the other side. */
  rows: number[];
  /** Fields that failed and by how much. */
  failed: FieldDiff[];
  /** Share of weighted fields that agreed (0..1). */
  score: number;
}

export interface Break {
  /** Stable across runs: derived from the side and the break-id fields' values, never from row numbers. */
  id: string;
  codes: BreakCode[];
  /** The pass that paired the rows, for differences; absent for existence breaks. */
  pass?: string;
  leftRows: number[];
  rightRows: number[];
  /** Break-id field values, for display. */
  keys: Record<string, string>;
  diffs: FieldDiff[];
  closestMiss?: ClosestMiss;
  /** Date the break ages from (tradeDate/valueDate as Day), if mapped. */
  ageDate?: number;
  detail: string;
}

/** One match; a run's matches are a MatchList (match-list.ts), which gives these one at a time. */
export interface Match {
  pass: string;
  leftRows: number[];
  rightRows: number[];
  /** Differences that were within tolerance (kept so a reviewer sees them). */
  diffs: FieldDiff[];
}

export interface Suggestion {
  pass: string;
  kind: "scored" | "subset-sum";
  leftRows: number[];
  rightRows: number[];
  score: number;
  detail: string;
}

export interface Excluded {
  side: "left" | "right";
  row: number;
  reason: string;
}

export interface PassStats {
  name: string;
  matchedLeft: number;
  matchedRight: number;
  /** Rows matched by this pass over rows that entered it, per side. */
  rateLeft: number;
  rateRight: number;
}

export interface SideSummary {
  label: string;
  rows: number;
  matched: number;
  inBreaks: number;
  excluded: number;
  /** Totals of number fields over all rows read, as decimal text (amount, quantity, marketValue). */
  totals: Record<string, string>;
}

export interface ReconSummary {
  left: SideSummary;
  right: SideSummary;
  passes: PassStats[];
  breaksByCode: Record<string, number>;
  suggestions: number;
  /** rows in = matched + in breaks + excluded, per side; `holds` is checked, never assumed. */
  conservation: { leftIn: number; leftOut: number; rightIn: number; rightOut: number; holds: boolean };
}

export interface ReconResult {
  profile: string;
  /** Columnar (match-list.ts): `at(i)` or iteration gives Match objects. */
  matches: MatchList;
  breaks: Break[];
  suggestions: Suggestion[];
  excluded: Excluded[];
  summary: ReconSummary;
  /** Things the engine could not do as the profile asked (a compared field not mapped on a side, a pass skipped), in words. */
  warnings?: string[];
}
