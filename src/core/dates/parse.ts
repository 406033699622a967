/**
 * Date text as users and their systems write it, to engine `Day` numbers.
 *
 * Formats (`DateFormat`):
 * - "iso"        2026-10-30 (1- or 2-digit month/day tolerated; also 2026/10/30 and 2026.10.30,
 *                which no one reads day-first). An ISO date-time such as
 *                2026-10-30T14:05:00Z or "2026-10-30 14:05" keeps the date exactly as written: the
 *                time and any UTC offset are dropped, never applied (a trade dated the 30th in
 *                New York stays the 30th).
 * - "dd/mm/yyyy" 30/10/2026, 30.10.2026, 30-10-2026, 1/2/26.
 * - "mm/dd/yyyy" 10/30/2026, 10.30.2026, 10-30-2026, 2/1/26.
 *                For both: separators / . - (the same one twice), 1- or 2-digit day and month,
 *                2- or 4-digit year, optional trailing time ("10/30/2026 12:00:00 AM") dropped.
 * - "yyyymmdd"   20261030 (exactly eight digits).
 * - "d-mmm-yyyy" 30-Oct-2026, 30 Oct 2026, 30-OCT-26, 30 October 2026, 1-Sept-2026 (English month
 *                names, any case; separators - space / .).
 *
 * Two-digit years follow Excel's default (Windows "interpret a two-digit year as 1930..2029"):
 * 00-29 -> 2000-2029, 30-99 -> 1930-1999. See `expandTwoDigitYear`.
 *
 * Without a format only unambiguous text is accepted: iso, yyyymmdd, d-mmm-yyyy, and a slashed
 * date whose order cannot be misread (one of the first two parts is above 12, or both are equal).
 * "05/06/2026" is refused because 5 June and 6 May are both plausible: the caller must say which
 * (or infer it from the whole column with `inferDateFormat`).
 *
 * JavaScript Date is never used: it parses in the local time zone and guesses formats.
 */
import { Day, dayFromCivil, isValidCivil } from "./civil";

export type DateFormat = "iso" | "dd/mm/yyyy" | "mm/dd/yyyy" | "yyyymmdd" | "d-mmm-yyyy";

export const DATE_FORMATS: readonly DateFormat[] = ["iso", "dd/mm/yyyy", "mm/dd/yyyy", "yyyymmdd", "d-mmm-yyyy"];

/** An example of each format, for messages ("expected a date like 30/10/2026"). */
export const DATE_FORMAT_EXAMPLE: Readonly<Record<DateFormat, string>> = {
  iso: "2026-10-30",
  "dd/mm/yyyy": "30/10/2026",
  "mm/dd/yyyy": "10/30/2026",
  yyyymmdd: "20261030",
  "d-mmm-yyyy": "30-Oct-2026",
};

export function isDateFormat(s: unknown): s is DateFormat {
  return typeof s === "string" && (DATE_FORMATS as readonly string[]).includes(s);
}

/** Excel's default two-digit-year window: 00-29 -> 2000-2029, 30-99 -> 1930-1999. */
export function expandTwoDigitYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** Month 1..12 from an English name or its 3-letter abbreviation ("Sept" too), any case. */
function monthFromName(name: string): number | undefined {
  const n = name.toLowerCase();
  if (n.length < 3) return undefined;
  for (let i = 0; i < 12; i++) {
    const full = MONTHS[i];
    if (n.length === 3 ? full.startsWith(n) : n === full || (i === 8 && n === "sept")) return i + 1;
  }
  return undefined;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Trailing time of day after a date: " 14:05", " 14:05:00.123", " 12:00:00 AM", "T14:05:00Z", "T14:05+02:00". */
const TIME_SUFFIX = /^(?:[T ]|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp][Mm]|Z|[+-]\d{2}(?::?\d{2})?)?$/;

function restIsTime(s: string, from: number): boolean {
  return from === s.length || TIME_SUFFIX.test(s.slice(from));
}

/** The value and length of the run of 1..maxLen digits at s[i]; undefined if none or longer. */
function readDigits(s: string, i: number, maxLen: number): { v: number; n: number } | undefined {
  let v = 0;
  let n = 0;
  while (i + n < s.length && n < maxLen + 1 && isDigit(s.charCodeAt(i + n))) {
    v = v * 10 + (s.charCodeAt(i + n) - 48);
    n++;
  }
  return n === 0 || n > maxLen ? undefined : { v, n };
}

function civilDay(y: number, m: number, d: number): Day | undefined {
  return isValidCivil(y, m, d) ? dayFromCivil(y, m, d) : undefined;
}

function parseIsoText(s: string): Day | undefined {
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    // The common case, yyyy-mm-dd exactly, without allocating.
    let y = 0;
    for (let i = 0; i < 4; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      y = y * 10 + c;
    }
    const m1 = s.charCodeAt(5) - 48,
      m2 = s.charCodeAt(6) - 48,
      d1 = s.charCodeAt(8) - 48,
      d2 = s.charCodeAt(9) - 48;
    if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
    return civilDay(y, m1 * 10 + m2, d1 * 10 + d2);
  }
  if (s.length < 8) return undefined;
  for (let i = 0; i < 4; i++) if (!isDigit(s.charCodeAt(i))) return undefined;
  // Year-first dates are never ambiguous, so yyyy/mm/dd and yyyy.mm.dd (common in Asian and some
  // custodian systems) are read too, with the same separator twice.
  const sep = s.charCodeAt(4);
  if (sep !== 45 /* - */ && sep !== 47 /* / */ && sep !== 46 /* . */) return undefined;
  const m = readDigits(s, 5, 2);
  if (!m || s.charCodeAt(5 + m.n) !== sep) return undefined;
  const d = readDigits(s, 6 + m.n, 2);
  if (!d) return undefined;
  if (!restIsTime(s, 6 + m.n + d.n)) return undefined;
  return civilDay(+s.slice(0, 4), m.v, d.v);
}

function parseCompact(s: string): Day | undefined {
  if (s.length !== 8) return undefined;
  for (let i = 0; i < 8; i++) if (!isDigit(s.charCodeAt(i))) return undefined;
  return civilDay(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
}

/** The three numbers of a slashed date "a/b/y" (or with . or -), year already expanded. */
interface SlashParts {
  a: number;
  b: number;
  y: number;
}

function splitSlashed(s: string): SlashParts | undefined {
  const a = readDigits(s, 0, 2);
  if (!a) return undefined;
  const sep = s.charCodeAt(a.n);
  if (sep !== 47 /* / */ && sep !== 46 /* . */ && sep !== 45 /* - */) return undefined;
  const b = readDigits(s, a.n + 1, 2);
  if (!b || s.charCodeAt(a.n + 1 + b.n) !== sep) return undefined;
  const yStart = a.n + b.n + 2;
  const y = readDigits(s, yStart, 4);
  if (!y || (y.n !== 2 && y.n !== 4)) return undefined;
  if (!restIsTime(s, yStart + y.n)) return undefined;
  return { a: a.v, b: b.v, y: y.n === 2 ? expandTwoDigitYear(y.v) : y.v };
}

function isMonthSep(c: number): boolean {
  return c === 45 || c === 32 || c === 47 || c === 46; // - space / .
}

function parseDayMonthName(s: string): Day | undefined {
  const d = readDigits(s, 0, 2);
  if (!d) return undefined;
  let i = d.n;
  if (!isMonthSep(s.charCodeAt(i))) return undefined;
  i++;
  const nameStart = i;
  while (i < s.length) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    i++;
  }
  const m = monthFromName(s.slice(nameStart, i));
  if (m === undefined) return undefined;
  // "30 Oct. 2026": a full stop after the abbreviation is common; skip it and any spaces.
  if (s.charCodeAt(i) === 46 && s.charCodeAt(i + 1) === 32) i++;
  if (!isMonthSep(s.charCodeAt(i))) return undefined;
  i++;
  const y = readDigits(s, i, 4);
  if (!y || (y.n !== 2 && y.n !== 4)) return undefined;
  if (!restIsTime(s, i + y.n)) return undefined;
  return civilDay(y.n === 2 ? expandTwoDigitYear(y.v) : y.v, m, d.v);
}

/**
 * Day of a date text in the given format, or undefined if the text is not a valid date in it.
 * Without a format, only unambiguous text is read (see the module comment).
 */
export function parseDateText(text: string, format?: DateFormat): Day | undefined {
  const s = text.trim();
  switch (format) {
    case "iso":
      return parseIsoText(s);
    case "yyyymmdd":
      return parseCompact(s);
    case "d-mmm-yyyy":
      return parseDayMonthName(s);
    case "dd/mm/yyyy": {
      const p = splitSlashed(s);
      return p && civilDay(p.y, p.b, p.a);
    }
    case "mm/dd/yyyy": {
      const p = splitSlashed(s);
      return p && civilDay(p.y, p.a, p.b);
    }
    case undefined: {
      const c0 = s.charCodeAt(0);
      if (!isDigit(c0)) return undefined;
      if (s.length === 8) {
        const compact = parseCompact(s);
        if (compact !== undefined) return compact;
      }
      const iso = parseIsoText(s);
      if (iso !== undefined) return iso;
      const p = splitSlashed(s);
      if (p) {
        if (p.a === p.b || (p.a > 12 && p.b <= 12)) return civilDay(p.y, p.b, p.a);
        if (p.b > 12 && p.a <= 12) return civilDay(p.y, p.a, p.b);
        return undefined;
      }
      return parseDayMonthName(s);
    }
  }
}

/**
 * True for a slashed date that reads as a valid date both as dd/mm and as mm/dd with different
 * results ("05/06/2026"): the text alone cannot say which day it is.
 */
export function isAmbiguousSlashedDate(text: string): boolean {
  const p = splitSlashed(text.trim());
  return (
    p !== undefined &&
    p.a !== p.b &&
    p.a <= 12 &&
    p.b <= 12 &&
    civilDay(p.y, p.a, p.b) !== undefined &&
    civilDay(p.y, p.b, p.a) !== undefined
  );
}

/** What a column of date texts looks like; see `analyseDateTexts`. */
export interface DateTextAnalysis {
  /** Samples (non-blank) read by each self-describing format. */
  iso: number;
  yyyymmdd: number;
  dMmmYyyy: number;
  /** Slashed samples, and the first sample proving each order (a first part > 12 proves dd/mm). */
  slashed: number;
  ddmmEvidence?: string;
  mmddEvidence?: string;
  /** Non-blank samples that are no date in any format. */
  unreadable: number;
}

/** Counts which formats a column's texts fit. Blank samples are ignored. */
export function analyseDateTexts(samples: readonly string[]): DateTextAnalysis {
  const r: DateTextAnalysis = { iso: 0, yyyymmdd: 0, dMmmYyyy: 0, slashed: 0, unreadable: 0 };
  for (const raw of samples) {
    const s = raw.trim();
    if (s === "") continue;
    if (parseCompact(s) !== undefined) r.yyyymmdd++;
    else if (parseIsoText(s) !== undefined) r.iso++;
    else if (parseDayMonthName(s) !== undefined) r.dMmmYyyy++;
    else {
      const p = splitSlashed(s);
      const asDdmm = p && civilDay(p.y, p.b, p.a);
      const asMmdd = p && civilDay(p.y, p.a, p.b);
      if (asDdmm === undefined && asMmdd === undefined) {
        r.unreadable++;
        continue;
      }
      r.slashed++;
      if (asMmdd === undefined && r.ddmmEvidence === undefined) r.ddmmEvidence = s;
      if (asDdmm === undefined && r.mmddEvidence === undefined) r.mmddEvidence = s;
    }
  }
  return r;
}

/**
 * The one format that reads a whole column of date texts:
 * - slashed dates decide the order: dd/mm/yyyy if some first part is above 12, mm/dd/yyyy if some
 *   second part is; `{ ambiguous: true }` if no sample tells; undefined if samples prove both
 *   (the column mixes the two orders, so no format reads it);
 * - otherwise the self-describing format most samples use (iso, yyyymmdd or d-mmm-yyyy);
 * - undefined if no sample is a date.
 * Self-describing samples mixed with slashed ones do not change the slashed order: callers read
 * those with `parseDateText(text)` and only the slashed ones need the inferred order.
 */
export function inferDateFormat(samples: readonly string[]): DateFormat | { ambiguous: true } | undefined {
  return formatFromAnalysis(analyseDateTexts(samples));
}

export function formatFromAnalysis(a: DateTextAnalysis): DateFormat | { ambiguous: true } | undefined {
  if (a.slashed > 0) {
    if (a.ddmmEvidence !== undefined && a.mmddEvidence !== undefined) return undefined;
    if (a.ddmmEvidence !== undefined) return "dd/mm/yyyy";
    if (a.mmddEvidence !== undefined) return "mm/dd/yyyy";
    return { ambiguous: true };
  }
  const best = Math.max(a.iso, a.yyyymmdd, a.dMmmYyyy);
  if (best === 0) return undefined;
  return a.iso === best ? "iso" : a.yyyymmdd === best ? "yyyymmdd" : "d-mmm-yyyy";
}
