/**
 * Security identifiers: shape and check-digit rules for ISIN, CUSIP, SEDOL and FIGI, classification
 * of whatever a user's file puts in an identifier column, and the derivations ISIN <-> CUSIP/SEDOL.
 *
 * Sources (see docs/identifiers.md):
 * - ISIN: ISO 6166. 2-letter country code, 9-character alphanumeric NSIN, 1 check digit: Luhn
 *   (mod 10) over the digits obtained by writing each letter as its value A=10 .. Z=35.
 * - CUSIP: ANSI X9.6 (CUSIP Global Services). 8 characters (A-Z, 0-9 and, for private placement
 *   numbers, * @ # valued 36, 37, 38) and a "modulus 10 double-add-double" check digit.
 * - SEDOL: London Stock Exchange SEDOL Masterfile technical specification. 6 characters, no vowels,
 *   weights 1,3,1,7,3,9, then a check digit making the weighted sum a multiple of 10. Numeric only
 *   before 2004-01-26; since then issued as a consonant followed by 5 digits or consonants.
 * - FIGI: Object Management Group FIGI specification (OpenFIGI). 12 characters: two consonants not in
 *   BS BM GG GB GH KY VG (reserved so a FIGI never looks like an ISIN of those countries), "G",
 *   8 digits or consonants, and a check digit computed like the CUSIP's.
 *
 * Everything here runs once per cell of files with a million rows: lookup tables are built once at
 * module load, validation walks the string with charCodeAt and allocates nothing, and a string that
 * is already clean (the usual case) is returned as is by normaliseId.
 */

export type IdType = "ISIN" | "CUSIP" | "SEDOL" | "FIGI" | "TICKER" | "UNKNOWN";

export interface ClassifiedId {
  type: IdType;
  /** For ISIN, CUSIP, SEDOL, FIGI: the check digit and character rules hold. For TICKER: well-formed. */
  valid: boolean;
  /** Trimmed, upper case, spaces and dashes removed. */
  normalised: string;
  /** Why the identifier is invalid or unknown (absent when valid). */
  reason?: string;
}

/** A derived identifier, or why it cannot be derived. Invalid inputs are never derived. */
export type Derivation = { ok: true; value: string } | { ok: false; reason: string };

// ---- Tables (built once) -------------------------------------------------------------------------

/** Character value: 0-9 digits, A=10 .. Z=35, * @ # = 36 37 38 (CUSIP only); -1 otherwise. */
const VALUE = new Int8Array(65536).fill(-1);
for (let d = 0; d < 10; d++) VALUE[48 + d] = d;
for (let l = 0; l < 26; l++) VALUE[65 + l] = 10 + l;
VALUE[42] = 36; // *
VALUE[64] = 37; // @
VALUE[35] = 38; // #

const VOWEL = new Uint8Array(128);
for (const c of "AEIOU") VOWEL[c.charCodeAt(0)] = 1;

/** Luhn doubling of one digit: 2d, minus 9 when that has two digits (the sum of its digits). */
const LUHN_DOUBLE = new Int8Array(10);
for (let d = 0; d < 10; d++) LUHN_DOUBLE[d] = d * 2 > 9 ? d * 2 - 9 : d * 2;

/** Double-add-double: digit sum of v and of 2v, for character values 0..38 (2v has at most 2 digits). */
const DIGIT_SUM = new Int8Array(39);
const DIGIT_SUM_DOUBLED = new Int8Array(39);
for (let v = 0; v < 39; v++) {
  DIGIT_SUM[v] = Math.floor(v / 10) + (v % 10);
  DIGIT_SUM_DOUBLED[v] = Math.floor((2 * v) / 10) + ((2 * v) % 10);
}

const SEDOL_WEIGHTS = [1, 3, 1, 7, 3, 9];

/** FIGI prefixes that are ISO 3166 country codes reserved against collisions with ISINs. */
const FIGI_EXCLUDED_PREFIXES = new Set(["BS", "BM", "GG", "GB", "GH", "KY", "VG"].map((p) => prefixCode(p, 0)));

/** The first two characters from i as one number, so the prefix test needs no substring. */
function prefixCode(s: string, i: number): number {
  return s.charCodeAt(i) * 65536 + s.charCodeAt(i + 1);
}

/** Characters a clean identifier may contain; anything else sends normaliseId to its slow path. */
const CLEAN = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLEAN[c] = 1;
for (let c = 65; c <= 90; c++) CLEAN[c] = 1;
for (const c of "*@#./") CLEAN[c.charCodeAt(0)] = 1;

/** Whitespace (including no-break spaces pasted from web pages) and dashes of any kind. */
const STRIP = /[\s\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\-\u2010-\u2015\u2212]+/g;

// ---- Character predicates --------------------------------------------------------------------------

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 65 && c <= 90;
}

function isAlnumAt(s: string, i: number): boolean {
  const v = VALUE[s.charCodeAt(i)];
  return v >= 0 && v <= 35;
}

function isConsonantOrDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90 && VOWEL[c] === 0);
}

function isConsonantAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 65 && c <= 90 && VOWEL[c] === 0;
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

// ---- Normalisation -----------------------------------------------------------------------------------

/**
 * Trimmed, upper case, with spaces and dashes removed ("us-0378 331005 " -> "US0378331005").
 * A string that is already clean is returned unchanged, without allocating.
 */
export function normaliseId(s: string): string {
  const n = s.length;
  let clean = n > 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || CLEAN[c] === 0) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  STRIP.lastIndex = 0;
  return s.toUpperCase().replace(STRIP, "");
}

// ---- ISIN (ISO 6166) --------------------------------------------------------------------------------

/**
 * Luhn sum over the digits of s[0, end) with letters expanded to two digits (A=10 .. Z=35), read from
 * the right; the first digit read is doubled when doubleFirst. Characters must already be checked.
 */
function luhnSum(s: string, end: number, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let i = end - 1; i >= 0; i--) {
    const v = VALUE[s.charCodeAt(i)];
    if (v < 10) {
      sum += double ? LUHN_DOUBLE[v] : v;
      double = !double;
    } else {
      // Two digits: the units digit is to the right, so it is read first.
      const units = v % 10;
      const tens = (v - units) / 10;
      sum += double ? LUHN_DOUBLE[units] : units;
      sum += double ? tens : LUHN_DOUBLE[tens];
    }
  }
  return sum;
}

/** The 11-character ISIN body has the ISIN shape: 2 letters then 9 letters or digits. */
function isIsinBody(s: string): boolean {
  if (!isLetterAt(s, 0) || !isLetterAt(s, 1)) return false;
  for (let i = 2; i < 11; i++) if (!isAlnumAt(s, i)) return false;
  return true;
}

function isIsinShape(s: string): boolean {
  return s.length === 12 && isIsinBody(s) && isDigitAt(s, 11);
}

/** ISIN check digit (0-9) of an 11-character body: country code + NSIN. */
export function isinCheckDigit(body: string): number {
  const b = normaliseId(body);
  if (b.length !== 11 || !isIsinBody(b))
    throw new IdentifierError(`ISIN body '${body}' must be 2 letters and 9 letters or digits`);
  return (10 - (luhnSum(b, 11, true) % 10)) % 10;
}

/** True for a 12-character ISIN whose check digit holds. Expects a normalised string (see normaliseId). */
export function isValidIsin(s: string): boolean {
  return isIsinShape(s) && luhnSum(s, 12, false) % 10 === 0;
}

// ---- CUSIP (ANSI X9.6) -------------------------------------------------------------------------------

function cusipSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = VALUE[s.charCodeAt(i)];
    // 1-based even positions (2, 4, 6, 8) are doubled.
    sum += (i & 1) === 1 ? DIGIT_SUM_DOUBLED[v] : DIGIT_SUM[v];
  }
  return sum;
}

function isCusipBody(s: string): boolean {
  for (let i = 0; i < 8; i++) if (VALUE[s.charCodeAt(i)] < 0) return false;
  return true;
}

function isCusipShape(s: string): boolean {
  return s.length === 9 && isCusipBody(s) && isDigitAt(s, 8);
}

/** CUSIP check digit (0-9) of an 8-character body (A-Z, 0-9, * @ #). */
export function cusipCheckDigit(body: string): number {
  const b = normaliseId(body);
  if (b.length !== 8 || !isCusipBody(b))
    throw new IdentifierError(`CUSIP body '${body}' must be 8 letters, digits or * @ #`);
  return (10 - (cusipSum(b) % 10)) % 10;
}

/** True for a 9-character CUSIP whose check digit holds. Expects a normalised string. */
export function isValidCusip(s: string): boolean {
  return isCusipShape(s) && (cusipSum(s) + digitAt(s, 8)) % 10 === 0;
}

// ---- SEDOL (London Stock Exchange) ------------------------------------------------------------------

/** 6 letters or digits, either all digits (issued before 2004) or starting with a letter. */
function isSedolBodyShape(s: string): boolean {
  for (let i = 0; i < 6; i++) if (!isAlnumAt(s, i)) return false;
  if (isLetterAt(s, 0)) return true;
  for (let i = 1; i < 6; i++) if (!isDigitAt(s, i)) return false;
  return true;
}

function sedolVowelIndex(s: string): number {
  for (let i = 0; i < 6; i++) if (VOWEL[s.charCodeAt(i)] === 1) return i;
  return -1;
}

function sedolSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += SEDOL_WEIGHTS[i] * VALUE[s.charCodeAt(i)];
  return sum;
}

function isSedolShape(s: string): boolean {
  return s.length === 7 && isSedolBodyShape(s) && isDigitAt(s, 6);
}

/** SEDOL check digit (0-9) of a 6-character body. */
export function sedolCheckDigit(body: string): number {
  const b = normaliseId(body);
  if (b.length !== 6 || !isSedolBodyShape(b))
    throw new IdentifierError(`SEDOL body '${body}' must be 6 digits, or a letter and 5 letters or digits`);
  const vowel = sedolVowelIndex(b);
  if (vowel >= 0)
    throw new IdentifierError(`SEDOL body '${body}' contains the vowel ${b[vowel]}; SEDOLs never use vowels`);
  return (10 - (sedolSum(b) % 10)) % 10;
}

/** True for a 7-character SEDOL without vowels whose check digit holds. Expects a normalised string. */
export function isValidSedol(s: string): boolean {
  return isSedolShape(s) && sedolVowelIndex(s) < 0 && (sedolSum(s) + digitAt(s, 6)) % 10 === 0;
}

// ---- FIGI (OMG) ------------------------------------------------------------------------------------------

function isFigiBody(s: string): boolean {
  if (!isConsonantAt(s, 0) || !isConsonantAt(s, 1) || s.charCodeAt(2) !== 71 /* G */) return false;
  for (let i = 3; i < 11; i++) if (!isConsonantOrDigitAt(s, i)) return false;
  return !FIGI_EXCLUDED_PREFIXES.has(prefixCode(s, 0));
}

function figiSum(s: string): number {
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    const v = VALUE[s.charCodeAt(i)];
    sum += (i & 1) === 1 ? DIGIT_SUM_DOUBLED[v] : DIGIT_SUM[v];
  }
  return sum;
}

function isFigiShape(s: string): boolean {
  return s.length === 12 && isDigitAt(s, 11) && isFigiBody(s);
}

/** FIGI check digit (0-9) of an 11-character body. */
export function figiCheckDigit(body: string): number {
  const b = normaliseId(body);
  if (b.length !== 11 || !isFigiBody(b))
    throw new IdentifierError(
      `FIGI body '${body}' must be 2 consonants (not BS BM GG GB GH KY VG), G, and 8 consonants or digits`,
    );
  return (10 - (figiSum(b) % 10)) % 10;
}

/** True for a 12-character FIGI whose prefix, characters and check digit hold. Expects a normalised string. */
export function isValidFigi(s: string): boolean {
  return isFigiShape(s) && (figiSum(s) + digitAt(s, 11)) % 10 === 0;
}

// ---- Classification ------------------------------------------------------------------------------------

/** A programming error: a check digit asked of a body that is not one. Data problems are results, not throws. */
export class IdentifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdentifierError";
  }
}

/**
 * A ticker as exchanges, Bloomberg and Refinitiv write it once spaces are gone: a root of 1-8 letters
 * or digits ("AAPL", "0005", "VODLN" from "VOD LN") and optionally "." or "/" and a 1-4 character
 * suffix ("BRK.B", "BRK/B", "VOD.L"). Longer runs are more likely a mistyped identifier than a ticker.
 */
function isTickerShape(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n && isAlnumAt(s, i)) i++;
  if (i === 0 || i > 8) return false;
  if (i === n) return true;
  const c = s.charCodeAt(i);
  if (c !== 46 /* . */ && c !== 47 /* / */) return false;
  const suffix = n - i - 1;
  if (suffix < 1 || suffix > 4) return false;
  for (let j = i + 1; j < n; j++) if (!isAlnumAt(s, j)) return false;
  return true;
}

function checkDigitReason(expected: number): string {
  return `check digit should be ${expected}`;
}

/**
 * What an identifier is, and whether it is valid: trimmed, upper-cased, spaces and dashes removed,
 * then recognised by shape (ISIN and FIGI 12 characters, CUSIP 9, SEDOL 7). A string with an
 * identifier's shape but a wrong check digit is that type, invalid, with the digit it should have.
 * Other short codes of letters, digits, "." and "/" are tickers; anything else is UNKNOWN.
 *
 * A 12-character string can have both the ISIN and the FIGI shape ("BBG..." is also Barbados + NSIN):
 * whichever check digit holds decides; when both or neither hold, a "BBG" prefix means FIGI.
 */
export function classifyId(s: string): ClassifiedId {
  const id = normaliseId(s);
  const n = id.length;
  if (n === 0) return { type: "UNKNOWN", valid: false, normalised: id, reason: "blank identifier" };
  if (n === 12) {
    const isinShape = isIsinShape(id);
    if (isinShape) {
      const figiShape = isFigiShape(id);
      const isinOk = luhnSum(id, 12, false) % 10 === 0;
      const figiOk = figiShape && (figiSum(id) + digitAt(id, 11)) % 10 === 0;
      const bbg = figiShape && id.charCodeAt(0) === 66 && id.charCodeAt(1) === 66; // "BB" + "G"
      if (figiOk && (bbg || !isinOk)) return { type: "FIGI", valid: true, normalised: id };
      if (isinOk) return { type: "ISIN", valid: true, normalised: id };
      if (bbg)
        return {
          type: "FIGI",
          valid: false,
          normalised: id,
          reason: checkDigitReason(figiCheckDigit(id.slice(0, 11))),
        };
      return { type: "ISIN", valid: false, normalised: id, reason: checkDigitReason(isinCheckDigit(id.slice(0, 11))) };
    }
  } else if (n === 9) {
    if (isCusipShape(id)) {
      const expected = (10 - (cusipSum(id) % 10)) % 10;
      if (expected === digitAt(id, 8)) return { type: "CUSIP", valid: true, normalised: id };
      return { type: "CUSIP", valid: false, normalised: id, reason: checkDigitReason(expected) };
    }
  } else if (n === 7) {
    if (isSedolShape(id)) {
      const vowel = sedolVowelIndex(id);
      if (vowel >= 0)
        return {
          type: "SEDOL",
          valid: false,
          normalised: id,
          reason: `contains the vowel ${id[vowel]}; SEDOLs never use vowels`,
        };
      const expected = (10 - (sedolSum(id) % 10)) % 10;
      if (expected === digitAt(id, 6)) return { type: "SEDOL", valid: true, normalised: id };
      return { type: "SEDOL", valid: false, normalised: id, reason: checkDigitReason(expected) };
    }
  }
  if (isTickerShape(id)) return { type: "TICKER", valid: true, normalised: id };
  return {
    type: "UNKNOWN",
    valid: false,
    normalised: id,
    reason: `'${id}' (${n} characters) is not shaped like an ISIN or FIGI (12), CUSIP (9), SEDOL (7) or a ticker`,
  };
}

/** Validity as one given type (after normaliseId); false for TICKER and UNKNOWN, which have no check. */
export function isValidAs(type: IdType, s: string): boolean {
  const id = normaliseId(s);
  switch (type) {
    case "ISIN":
      return isValidIsin(id);
    case "CUSIP":
      return isValidCusip(id);
    case "SEDOL":
      return isValidSedol(id);
    case "FIGI":
      return isValidFigi(id);
    default:
      return false;
  }
}

/** "ISIN", "CUSIP", ... or "INVALID ISIN: check digit should be 5", as BO.IDTYPE shows it. */
export function describeId(c: ClassifiedId): string {
  if (c.valid || c.type === "UNKNOWN") return c.type;
  return `INVALID ${c.type}: ${c.reason}`;
}

// ---- Derivations -------------------------------------------------------------------------------------

/** Countries whose ISIN NSIN is the CUSIP (CUSIP Global Services is their numbering agency). */
const CUSIP_COUNTRIES = new Set(["US", "CA"]);

function invalidReason(what: string, c: ClassifiedId): string {
  if (c.type === what) return `${what} ${c.normalised} is invalid: ${c.reason}`;
  if (c.type === "UNKNOWN") return `not a ${what}: ${c.reason}`;
  return `not a ${what}: '${c.normalised}' looks like ${c.valid ? "a" : "an invalid"} ${c.type}`;
}

/**
 * ISIN of a CUSIP: country ("US" or "CA") + CUSIP + ISIN check digit. Refused when the CUSIP's own
 * check digit fails, and for private placement numbers (* @ #), which an ISIN cannot contain.
 */
export function isinFromCusip(cusip: string, country = "US"): Derivation {
  const cc = normaliseId(country);
  if (!CUSIP_COUNTRIES.has(cc))
    return { ok: false, reason: `country '${country}': only US and CA ISINs are built from a CUSIP` };
  const c = classifyId(cusip);
  if (c.type !== "CUSIP" || !c.valid) return { ok: false, reason: invalidReason("CUSIP", c) };
  if (!isIsinBody(cc + c.normalised.slice(0, 9)))
    return { ok: false, reason: `CUSIP ${c.normalised} is a private placement number (* @ #), which has no ISIN` };
  const body = cc + c.normalised;
  return { ok: true, value: body + isinCheckDigit(body) };
}

/** ISIN of a SEDOL: "GB00" + SEDOL + ISIN check digit. Refused when the SEDOL is invalid. */
export function isinFromSedol(sedol: string): Derivation {
  const c = classifyId(sedol);
  if (c.type !== "SEDOL" || !c.valid) return { ok: false, reason: invalidReason("SEDOL", c) };
  const body = "GB00" + c.normalised;
  return { ok: true, value: body + isinCheckDigit(body) };
}

/** The CUSIP inside a valid US or CA ISIN (characters 3-11), itself check-digit validated. */
export function cusipFromIsin(isin: string): Derivation {
  const c = classifyId(isin);
  if (c.type !== "ISIN" || !c.valid) return { ok: false, reason: invalidReason("ISIN", c) };
  const cc = c.normalised.slice(0, 2);
  if (!CUSIP_COUNTRIES.has(cc))
    return { ok: false, reason: `ISIN ${c.normalised} is from ${cc}; only US and CA ISINs contain a CUSIP` };
  const cusip = c.normalised.slice(2, 11);
  if (!isValidCusip(cusip))
    return { ok: false, reason: `ISIN ${c.normalised} contains ${cusip}, whose CUSIP check digit fails` };
  return { ok: true, value: cusip };
}

/** The SEDOL inside a valid "GB00" ISIN (characters 5-11), itself validated. */
export function sedolFromIsin(isin: string): Derivation {
  const c = classifyId(isin);
  if (c.type !== "ISIN" || !c.valid) return { ok: false, reason: invalidReason("ISIN", c) };
  if (!c.normalised.startsWith("GB00"))
    return { ok: false, reason: `ISIN ${c.normalised} does not start with GB00, so it contains no SEDOL` };
  const sedol = c.normalised.slice(4, 11);
  if (!isValidSedol(sedol))
    return { ok: false, reason: `ISIN ${c.normalised} contains ${sedol}, which is not a valid SEDOL` };
  return { ok: true, value: sedol };
}
