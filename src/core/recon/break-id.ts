/**
 * Stable break ids.
 *
 * An analyst's owner, status and comment are carried from one run to the next by the break's id,
 * so the id must depend only on what the break is about, never on where its rows happen to sit:
 *
 *   canonical key = family "|" sides "|" field=value "|" field=value ...
 *
 * - family: "E" for existence breaks (MISSING_LEFT, MISSING_RIGHT, DUPLICATE, ROW_ERROR) and "D"
 *   for differences between paired rows (QUANTITY, AMOUNT, ... and INVALID_ID on a pair), so a trade
 *   that was missing yesterday and is paired with a difference today is a new break;
 * - sides: "L", "R" or "LR", the sides that have rows in the break;
 * - the break-id fields (the profile's breakIdFields, default the first pass's keys) with canonical
 *   values: normalised text, ISO dates, numbers as decimal text without trailing zeros.
 *
 * id = "B-" + the first 10 hex digits (40 bits) of FNV-1a 64 of the key's UTF-8 bytes. Two breaks
 * of one run with the same id (identical keys) get "-2", "-3" ... in output order (left row order,
 * then right-only rows in right order), which is deterministic for identical inputs.
 */

export type BreakFamily = "existence" | "difference";

export interface BreakIdParts {
  family: BreakFamily;
  sides: "L" | "R" | "LR";
  /** [field, canonical value] in the order of the break-id fields; blank values as "". */
  values: Array<[string, string]>;
}

const encoder = new TextEncoder();

/**
 * FNV-1a 64 (Fowler/Noll/Vo, offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3) over the UTF-8
 * bytes of `text`, as 16 hex digits. Computed in four 16-bit limbs so that it needs no BigInt.
 * ASCII text (break ids' usual keys) is hashed from its char codes, which are its UTF-8 bytes,
 * copied into a scratch array; other text is encoded first.
 */
export function fnv1a64(text: string): string {
  const n = text.length;
  if (n > scratch.length) scratch = new Uint8Array(2 * n);
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80) {
      const bytes = encoder.encode(text);
      return fnv1a64Bytes(bytes, bytes.length);
    }
    scratch[k] = c;
  }
  return fnv1a64Bytes(scratch, n);
}

/** ASCII text's char codes, which are its UTF-8 bytes (reused: a run hashes tens of thousands of ids). */
let scratch = new Uint8Array(256);

/** FNV-1a 64 over bytes[0, n). */
function fnv1a64Bytes(bytes: Uint8Array, n: number): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let k = 0; k < n; k++) {
    h0 ^= bytes[k];
    // (h3 h2 h1 h0) x (0x0000 0x0100 0x0000 0x01b3), keeping the low 64 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex64(h3, h2, h1, h0);
}

const HEX2: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

function hex64(h3: number, h2: number, h1: number, h0: number): string {
  return (
    HEX2[h3 >>> 8] +
    HEX2[h3 & 0xff] +
    HEX2[h2 >>> 8] +
    HEX2[h2 & 0xff] +
    HEX2[h1 >>> 8] +
    HEX2[h1 & 0xff] +
    HEX2[h0 >>> 8] +
    HEX2[h0 & 0xff]
  );
}

export function breakIdKey(parts: BreakIdParts): string {
  let key = (parts.family === "existence" ? "E" : "D") + "|" + parts.sides;
  for (const [f, v] of parts.values) key += "|" + f + "=" + v;
  return key;
}

/** The id before any collision suffix: "B-" + 10 hex digits. */
export function breakId(parts: BreakIdParts): string {
  return "B-" + fnv1a64(breakIdKey(parts)).slice(0, 10);
}
