/**
 * Value normalisation before matching: the same side, cash direction, flag or currency written the
 * way each system writes it ("Buy", "B", "PURCHASE"; "US$", "usd") brought to one canonical value.
 *
 * A Normaliser is compiled once from a JSON-able config (trim, collapse inner whitespace, case fold,
 * equivalence tables {canonical: [synonyms]}) into one Map from folded synonym to canonical. Per value
 * it then costs a character scan and a Map lookup: a value already in folded form (the usual case in a
 * machine-written file) is looked up as is, without allocating; other values are folded once and the
 * folded text is memoised, since a million-row column repeats a handful of spellings.
 *
 * A value missing from a table declared closed is a typed problem (UnknownValueProblem), not an
 * exception: one bad cell is reported and the run goes on.
 */
import { CellLocation } from "../errors";
import { Decimal, currencyCodes, isCurrencyCode } from "../money";

export type CaseMode = "upper" | "lower" | "none";

/** JSON-able: stored in workbook settings and CLI config files. */
export interface NormaliserConfig {
  /** Name used in problem reports ("side", "currency"). Default "value". */
  name?: string;
  /** Remove leading and trailing whitespace (including no-break spaces). Default true. */
  trim?: boolean;
  /** Replace each run of inner whitespace by one space. Default true. */
  collapseWhitespace?: boolean;
  /** Case fold applied to values and to the table's synonyms. Default "upper" (case-insensitive matching). */
  case?: CaseMode;
  /** canonical -> synonyms. The canonical value matches itself; it is returned exactly as written here. */
  equivalences?: Record<string, string[]>;
  /** When true, a value that is in no table is reported as an UnknownValueProblem. Default false. */
  closed?: boolean;
}

export interface UnknownValueProblem {
  kind: "unknown-value";
  /** The normaliser's name ("side"). */
  table: string;
  /** The value as given. */
  value: string;
  /** The value after trimming and case folding, as it was looked up. */
  folded: string;
  /** The canonical values the table knows. */
  expected: readonly string[];
  where?: CellLocation;
  message: string;
}

/** A config whose tables contradict themselves (one synonym under two canonical values). */
export class NormaliserConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NormaliserConfigError";
  }
}

const WHITESPACE_RUN = /[\s\u00a0\ufeff]+/g;
const FOLD_MEMO_LIMIT = 1 << 16;

/** Char codes that may need trimming or collapsing: ASCII controls and space. Non-ASCII goes the slow way. */
function isAsciiSpace(c: number): boolean {
  return c <= 32;
}

export class Normaliser {
  readonly name: string;
  readonly closed: boolean;
  /** Canonical values, in the order the config lists them. */
  readonly canonicals: readonly string[];
  private readonly trim: boolean;
  private readonly collapse: boolean;
  private readonly caseMode: CaseMode;
  private readonly table = new Map<string, string>();
  private readonly foldMemo = new Map<string, string>();
  private readonly config: NormaliserConfig;

  constructor(config: NormaliserConfig = {}) {
    this.config = JSON.parse(JSON.stringify(config)) as NormaliserConfig;
    this.name = config.name ?? "value";
    this.closed = config.closed ?? false;
    this.trim = config.trim ?? true;
    this.collapse = config.collapseWhitespace ?? true;
    this.caseMode = config.case ?? "upper";
    const canonicals: string[] = [];
    for (const [canonical, synonyms] of Object.entries(config.equivalences ?? {})) {
      canonicals.push(canonical);
      for (const synonym of [canonical, ...synonyms]) {
        const key = this.fold(synonym);
        const already = this.table.get(key);
        if (already !== undefined && already !== canonical)
          throw new NormaliserConfigError(
            `${this.name}: '${synonym}' is listed under both '${already}' and '${canonical}'`,
          );
        this.table.set(key, canonical);
      }
    }
    this.canonicals = canonicals;
  }

  /** True when the value needs no trimming, collapsing or case change (checked without allocating). */
  private isFolded(v: string): boolean {
    const n = v.length;
    if (n === 0) return true;
    if (this.trim && (isAsciiSpace(v.charCodeAt(0)) || isAsciiSpace(v.charCodeAt(n - 1)))) return false;
    const upper = this.caseMode === "upper";
    const lower = this.caseMode === "lower";
    let previousSpace = false;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 128) return false;
      if (isAsciiSpace(c)) {
        if (this.collapse && (c !== 32 || previousSpace)) return false;
        previousSpace = true;
        continue;
      }
      previousSpace = false;
      if (upper && c >= 97 && c <= 122) return false;
      if (lower && c >= 65 && c <= 90) return false;
    }
    return true;
  }

  /**
   * True when apply() gives back the text of bytes [s, e) unchanged and it is not blank: printable
   * ASCII without spaces, already in the case mode's case, and no equivalence table that could map
   * it (the loader then keeps the bytes: src/io/recon/load.ts). False says nothing.
   */
  keepsBytes(b: Uint8Array, s: number, e: number): boolean {
    const mode = this.bytesCase();
    return mode !== undefined && foldedAscii(b, s, e, mode);
  }

  /**
   * The case a value's bytes must already be in for keepsBytes (foldedAscii, for a loop over a
   * million values); undefined when no value is kept as bytes (an equivalence table).
   */
  bytesCase(): CaseMode | undefined {
    return this.table.size > 0 ? undefined : this.caseMode;
  }

  /** Trimmed, whitespace-collapsed, case-folded text, per the config (no table lookup). */
  fold(value: string): string {
    if (this.isFolded(value)) return value;
    const hit = this.foldMemo.get(value);
    if (hit !== undefined) return hit;
    let t = value;
    if (this.collapse) {
      WHITESPACE_RUN.lastIndex = 0;
      t = t.replace(WHITESPACE_RUN, " ");
    }
    // String.prototype.trim removes every Unicode space, the no-break space and the BOM included.
    if (this.trim) t = t.trim();
    if (this.caseMode === "upper") t = t.toUpperCase();
    else if (this.caseMode === "lower") t = t.toLowerCase();
    if (this.foldMemo.size >= FOLD_MEMO_LIMIT) this.foldMemo.clear();
    this.foldMemo.set(value, t);
    return t;
  }

  /** The canonical value, or undefined when the value is in no table. */
  lookup(value: string): string | undefined {
    return this.table.get(this.fold(value));
  }

  /** The canonical value when the table knows it, else the folded value (never throws). */
  apply(value: string): string {
    const folded = this.fold(value);
    const canonical = this.table.get(folded);
    return canonical === undefined ? folded : canonical;
  }

  /** False only for a value a closed table does not know. */
  isKnown(value: string): boolean {
    return !this.closed || this.table.has(this.fold(value));
  }

  /**
   * apply(), and for a closed table an UnknownValueProblem pushed onto problems when the value is in
   * no table (the folded value is still returned, so the row can be shown as it was).
   */
  applyChecked(value: string, problems: UnknownValueProblem[], where?: CellLocation): string {
    const folded = this.fold(value);
    const canonical = this.table.get(folded);
    if (canonical !== undefined) return canonical;
    if (this.closed) problems.push(this.unknown(value, folded, where));
    return folded;
  }

  /** The problem for a value this (closed) table does not know. */
  unknown(value: string, folded = this.fold(value), where?: CellLocation): UnknownValueProblem {
    const shown =
      this.canonicals.length > 12 ? `${this.canonicals.slice(0, 12).join(", ")}, ...` : this.canonicals.join(", ");
    return {
      kind: "unknown-value",
      table: this.name,
      value,
      folded,
      expected: this.canonicals,
      where,
      message: `unknown ${this.name} '${value}'; expected one of ${shown}`,
    };
  }

  /** The config it was compiled from (for saving with the workbook). */
  toJSON(): NormaliserConfig {
    return JSON.parse(JSON.stringify(this.config)) as NormaliserConfig;
  }
}

/**
 * Bytes [s, e) are a non-empty value that folding leaves as it is: printable ASCII without spaces,
 * already in `mode`'s case (Normaliser.keepsBytes without the equivalence tables).
 */
export function foldedAscii(b: Uint8Array, s: number, e: number, mode: CaseMode): boolean {
  if (s >= e) return false;
  const lo = mode === "upper" ? 97 : mode === "lower" ? 65 : 256;
  const hi = lo + 25;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c < 33 || c > 126 || (c >= lo && c <= hi)) return false;
  }
  return true;
}

/** Compiles a config once; keep the Normaliser and call apply() per value. */
export function compileNormaliser(config: NormaliserConfig): Normaliser {
  return new Normaliser(config);
}

// ---- Built-in tables ------------------------------------------------------------------------------

/** Trade side as blotters, confirmations and custodian files write it. */
export const SIDE_EQUIVALENCES: Readonly<Record<string, string[]>> = Object.freeze({
  BUY: ["BUY", "B", "BY", "PURCHASE", "BOUGHT"],
  SELL: ["SELL", "S", "SL", "SALE", "SOLD"],
});

/** Cash direction on ledgers and bank statements. */
export const CASH_DIRECTION_EQUIVALENCES: Readonly<Record<string, string[]>> = Object.freeze({
  DEBIT: ["DEBIT", "DR", "D"],
  CREDIT: ["CREDIT", "CR", "C"],
});

export const BOOLEAN_EQUIVALENCES: Readonly<Record<string, string[]>> = Object.freeze({
  TRUE: ["TRUE", "T", "Y", "YES", "1"],
  FALSE: ["FALSE", "F", "N", "NO", "0"],
});

/**
 * Currency names and symbols that name one currency unambiguously (symbols as CLDR writes them in
 * English: US$, CA$, A$, €, £). Deliberately absent: "$" and "¥" (several currencies), and GBX/GBp
 * (pence, a hundredth of GBP: mapping it to GBP would be off by a factor of 100; see MINOR_UNIT_QUOTES).
 */
export const CURRENCY_ALIASES: Readonly<Record<string, string[]>> = Object.freeze({
  USD: ["US$", "US DOLLAR", "US DOLLARS", "U.S. DOLLAR", "U.S. DOLLARS"],
  EUR: ["EURO", "EUROS", "€"],
  GBP: ["£", "STERLING", "POUND STERLING", "POUNDS STERLING"],
  JPY: ["YEN", "JAPANESE YEN"],
  CHF: ["SWISS FRANC", "SWISS FRANCS"],
  CAD: ["CA$", "CANADIAN DOLLAR", "CANADIAN DOLLARS"],
  AUD: ["A$", "AUSTRALIAN DOLLAR", "AUSTRALIAN DOLLARS"],
});

/** Codes without a minor unit that still appear as position currencies (precious metals, SDR). */
const NO_MINOR_UNIT_CODES = ["XAU", "XAG", "XPT", "XPD", "XDR"].filter((c) => isCurrencyCode(c));

function currencyEquivalences(): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const code of [...currencyCodes(), ...NO_MINOR_UNIT_CODES]) table[code] = [];
  for (const [code, aliases] of Object.entries(CURRENCY_ALIASES)) table[code] = [...aliases];
  return table;
}

export const SIDE = new Normaliser({ name: "side", equivalences: { ...SIDE_EQUIVALENCES }, closed: true });
export const CASH_DIRECTION = new Normaliser({
  name: "cash direction",
  equivalences: { ...CASH_DIRECTION_EQUIVALENCES },
  closed: true,
});
export const BOOLEAN = new Normaliser({ name: "flag", equivalences: { ...BOOLEAN_EQUIVALENCES }, closed: true });
/**
 * Prices quoted in a minor unit, as market data vendors write them: GBp/GBX pence, ZAc South African
 * cents, ILa Israeli agorot. Upper-casing "GBp" would turn pence into pounds, so these are matched
 * case-sensitively before folding and always reported.
 */
const MINOR_UNIT_QUOTES = new Map([
  ["GBp", "pence, a hundredth of GBP"],
  ["GBX", "pence, a hundredth of GBP"],
  ["ZAc", "cents, a hundredth of ZAR"],
  ["ILa", "agorot, a hundredth of ILS"],
]);

class CurrencyNormaliser extends Normaliser {
  override fold(value: string): string {
    const t = value.trim();
    return MINOR_UNIT_QUOTES.has(t) ? t : super.fold(value);
  }

  override unknown(value: string, folded = this.fold(value), where?: CellLocation): UnknownValueProblem {
    const problem = super.unknown(value, folded, where);
    const minor = MINOR_UNIT_QUOTES.get(folded);
    if (minor !== undefined)
      problem.message = `currency '${value}' is ${minor}: convert the amount and use the ISO code`;
    return problem;
  }
}

/** ISO 4217 codes (List One, with the withdrawn codes that historical files carry) plus CURRENCY_ALIASES. */
export const CURRENCY: Normaliser = new CurrencyNormaliser({
  name: "currency",
  equivalences: currencyEquivalences(),
  closed: true,
});

/** The ISO 4217 code for a currency as written ("usd", "US$", "Euro"), or undefined if unknown. */
export function normaliseCurrency(value: string): string | undefined {
  return CURRENCY.lookup(value);
}

export type Side = "BUY" | "SELL";

/** BUY or SELL for a side as written ("b", "Purchase", "SL"), or undefined if unknown. */
export function sideOf(value: string): Side | undefined {
  return SIDE.lookup(value) as Side | undefined;
}

// ---- Signs --------------------------------------------------------------------------------------------

export type SignedAmount = { ok: true; amount: Decimal } | { ok: false; problem: UnknownValueProblem };

/**
 * A custodian's absolute amount signed by its side, to compare with books that carry the sign.
 * buySign 1 (default) gives BUY +|amount| and SELL -|amount| (quantities, and cost in a blotter that
 * books purchases positive); buySign -1 the opposite (cash: a purchase pays money out).
 * An unknown side is a problem, not a guess.
 */
export function signBySide(amount: Decimal, side: string, buySign: 1 | -1 = 1): SignedAmount {
  const s = SIDE.lookup(side);
  if (s === undefined) return { ok: false, problem: SIDE.unknown(side) };
  const abs = amount.abs();
  const positive = (s === "BUY") === (buySign === 1);
  return { ok: true, amount: positive || abs.isZero() ? abs : abs.neg() };
}

/** The amount with its sign reversed, for a source whose convention is the opposite of ours (0 stays 0, never -0). */
export function negate(amount: Decimal): Decimal {
  return amount.isZero() ? amount.abs() : amount.neg();
}
