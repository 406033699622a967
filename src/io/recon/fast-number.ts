/**
 * Numbers for the reconciliation loader as exact scaled integers (value = int / 10^scale), read
 * without creating a Decimal per cell.
 *
 * A million-row custodian file is ten million number cells such as "1,234.50", "(12.00)" or
 * "12.00-". `scanScaled` reads the common shapes in one pass over the characters, accumulating the
 * digits into a float64 (exact below 2^53, which 15 significant digits always are), and writes the
 * answer into a caller-owned object, so the hot loop allocates nothing. Anything it does not
 * recognise with certainty (currency codes, percent signs, exponents, Indian or space grouping,
 * malformed text) is handed to `parseNumberCell` (src/io/cells.ts), the reference reader, so the
 * two can never disagree: the fast path only ever answers for inputs whose reading is unambiguous,
 * and a property test (test/unit/recon-load-number.test.ts) checks it against parseNumberCell.
 *
 * Limits, as the RecordSet contract requires: at most 15 significant digits (Excel keeps 15; a
 * 16th digit in a file is noise or an identifier in the wrong column) and at most 10 decimals.
 */
import type { Decimal } from "../../core/money/decimal";
import { parseNumberCell } from "../cells";
import type { CellValue } from "../port";

export const MAX_SCALE = 10;
export const MAX_SIGNIFICANT = 15;

/** Reusable output of scanScaled/readScaled. */
export interface Scaled {
  int: number;
  scale: number;
}

/** Status codes of scanScaled/readScaled (numbers, so the hot loop compares integers). */
export const OK = 0;
/** The fast path cannot be sure: ask parseNumberCell. */
export const FALLBACK = 1;
export const BLANK = 2;
/** Not a number; readScaled puts the reason in `lastDetail`. */
export const INVALID = 3;
/** A number that cannot be held exactly (more than 15 significant digits or 10 decimals). */
export const TOO_PRECISE = 4;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Space, tab, no-break space (as a string's character; see scanScaled for bytes). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** € as a code below 256 (scanScaled maps U+20AC to it), so the scanner reads one byte a character. */
const EURO = 0xa4;

/** Currency symbols the fast path peels ($, €, £, ¥); every other marker goes to parseNumberCell. */
function isFastCurrency(c: number): boolean {
  return c === 36 || c === EURO || c === 0xa3 || c === 0xa5;
}

/** Characters of a string cell as scanScaledBytes reads them (below 256; a longer cell is not for the fast path). */
const scratch = new Uint8Array(64);

/**
 * Reads number text (s, or s.slice(from, to)) into out. Returns OK, BLANK, TOO_PRECISE or FALLBACK
 * (never INVALID: a doubtful text is always the reference reader's to judge). The characters are
 * copied as bytes (U+00A0, £ and ¥ as their latin1 codes, € as EURO, any other non-ASCII character
 * as 0xFF, which nothing accepts) and read by scanScaledBytes.
 */
export function scanScaled(s: string, decimalComma: boolean, out: Scaled, from = 0, to = s.length): number {
  const len = to - from;
  if (len > scratch.length) return FALLBACK;
  for (let k = 0; k < len; k++) {
    const c = s.charCodeAt(from + k);
    scratch[k] = c < 0x80 || c === 0xa0 || c === 0xa3 || c === 0xa5 ? c : c === 0x20ac ? EURO : 0xff;
  }
  return scanScaledBytes(scratch, decimalComma, out, 0, len);
}

/**
 * scanScaled over bytes [from, to) of a CSV file, read in place. The file is UTF-8, so its
 * non-ASCII characters are several bytes, the first of them 0xC2 or above: none is accepted, the
 * scan gives FALLBACK, and the cell's decoded text goes to the reference reader. (A byte accepted
 * above 0x7F, such as 0xA0, can only follow such a lead byte in UTF-8, so it is never reached.)
 */
export function scanScaledBytes(s: Uint8Array, decimalComma: boolean, out: Scaled, from: number, to: number): number {
  const n = to;
  let i = from;
  while (i < n && isSpace(s[i])) i++;
  if (i === n) return BLANK;
  const decimalChar = decimalComma ? 44 : 46;
  const groupChar = decimalComma ? 46 : 44;
  let negative = false;
  let signs = 0;
  let paren = false;
  let c = s[i];
  if (c === 40 /* ( */) {
    paren = true;
    negative = true;
    signs++;
    i++;
    while (i < n && isSpace(s[i])) i++;
    c = i < n ? s[i] : -1;
  }
  if (c === 45 /* - */ || c === 43 /* + */) {
    if (signs > 0) return FALLBACK;
    if (c === 45) negative = true;
    signs++;
    i++;
    while (i < n && isSpace(s[i])) i++;
    c = i < n ? s[i] : -1;
  }
  if (isFastCurrency(c)) {
    i++;
    while (i < n && isSpace(s[i])) i++;
    c = i < n ? s[i] : -1;
    if (c === 45 && signs === 0) {
      negative = true;
      signs++;
      i++;
      c = i < n ? s[i] : -1;
    }
  }
  let int = 0;
  let sig = 0;
  let digits = 0;
  let run = 0;
  let groups = 0;
  for (; i < n; i++) {
    c = s[i];
    if (isDigit(c)) {
      const d = c - 48;
      if (sig > 0 || d !== 0) sig++;
      int = int * 10 + d;
      run++;
      digits++;
      continue;
    }
    if (c === groupChar) {
      // Western groups only: 1-3 digits, then exactly 3 between separators.
      if (run === 0 || (groups === 0 ? run > 3 : run !== 3)) return FALLBACK;
      groups++;
      run = 0;
      continue;
    }
    break;
  }
  if (groups > 0 && run !== 3) return FALLBACK;
  let scale = 0;
  if (i < n && c === decimalChar) {
    i++;
    for (; i < n; i++) {
      c = s[i];
      if (!isDigit(c)) break;
      const d = c - 48;
      if (sig > 0 || d !== 0) sig++;
      int = int * 10 + d;
      scale++;
      digits++;
    }
  }
  if (digits === 0 || sig > MAX_SIGNIFICANT) return FALLBACK;
  while (i < n && isSpace(s[i])) i++;
  if (i < n && isFastCurrency(s[i])) {
    i++;
    while (i < n && isSpace(s[i])) i++;
  }
  if (i < n && s[i] === 45 && signs === 0) {
    negative = true;
    signs++;
    i++;
    while (i < n && isSpace(s[i])) i++;
  }
  if (paren) {
    if (i >= n || s[i] !== 41 /* ) */) return FALLBACK;
    i++;
    while (i < n && isSpace(s[i])) i++;
  }
  if (i !== n) return FALLBACK;
  // Trailing zeros of the fraction carry no value; dropping them keeps scales small.
  while (scale > 0 && int % 10 === 0) {
    int /= 10;
    scale--;
  }
  if (scale > MAX_SCALE) return TOO_PRECISE;
  out.int = negative && int !== 0 ? -int : int;
  out.scale = scale;
  return OK;
}

/** Scaled integer of a Decimal, or TOO_PRECISE. */
export function scaledFromDecimal(d: Decimal, out: Scaled): number {
  if (d.isZero()) {
    out.int = 0;
    out.scale = 0;
    return OK;
  }
  if (d.sd() > MAX_SIGNIFICANT) return TOO_PRECISE;
  const scale = Math.max(0, d.dp());
  if (scale > MAX_SCALE) return TOO_PRECISE;
  const int = Number(d.times(10 ** scale).toFixed(0));
  if (!Number.isSafeInteger(int)) return TOO_PRECISE;
  out.int = int;
  out.scale = scale;
  return OK;
}

/** Why the last readScaled call answered INVALID (parseNumberCell's words and kind). */
export let lastDetail = "";
export let lastKind: "not-a-number" | "excel-error" = "not-a-number";

/**
 * Any cell to a scaled integer: typed numbers (at Excel's 15 significant digits), text through the
 * fast path, then parseNumberCell. Returns OK, BLANK, INVALID (see lastDetail) or TOO_PRECISE.
 */
export function readScaled(v: CellValue | undefined, decimalComma: boolean, out: Scaled): number {
  if (typeof v === "string") {
    const r = scanScaled(v, decimalComma, out);
    if (r !== FALLBACK) return r;
  } else if (typeof v === "number") {
    if (Number.isSafeInteger(v) && v < 1e15 && v > -1e15) {
      out.int = v === 0 ? 0 : v;
      out.scale = 0;
      return OK;
    }
    if (Number.isFinite(v)) {
      // Excel shows (and the user typed) 15 significant digits; the double's binary tail is noise.
      const r = scanScaled(v.toPrecision(MAX_SIGNIFICANT), false, out);
      if (r !== FALLBACK) return r;
    }
  } else if (v === null || v === undefined) return BLANK;
  const parsed = parseNumberCell(v, decimalComma ? { decimalComma: true } : undefined);
  if (!parsed.ok) {
    if (parsed.kind === "blank") return BLANK;
    lastDetail = parsed.detail;
    lastKind = parsed.kind === "excel-error" ? "excel-error" : "not-a-number";
    return INVALID;
  }
  return scaledFromDecimal(parsed.value, out);
}

export type ParseScaledResult =
  { ok: true; int: number; scale: number } | { ok: false; kind: "blank" | "invalid" | "too-precise"; detail: string };

/** One value, allocating its answer: for tests and callers outside hot loops. */
export function parseScaled(v: CellValue, opts?: { decimalComma?: boolean }): ParseScaledResult {
  const out: Scaled = { int: 0, scale: 0 };
  const r = readScaled(v, opts?.decimalComma === true, out);
  if (r === OK) return { ok: true, int: out.int, scale: out.scale };
  if (r === BLANK) return { ok: false, kind: "blank", detail: "the cell is blank" };
  if (r === TOO_PRECISE)
    return {
      ok: false,
      kind: "too-precise",
      detail: `${String(v)} cannot be held exactly: more than ${MAX_SIGNIFICANT} significant digits or ${MAX_SCALE} decimals`,
    };
  return { ok: false, kind: "invalid", detail: lastDetail };
}
