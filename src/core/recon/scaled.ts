/**
 * Exact arithmetic on the record set's scaled integers (value = int / 10^scale).
 *
 * The hot path stays in float64: an integer times a power of ten is computed exactly whenever the
 * result is below 2^53, which is the case for every amount a fund books at the scales the loader
 * picks. Only when a product or sum would leave that range does a value become a BigInt, so the
 * result is exact either way and never rounded silently.
 */

/** An exact scaled integer: a float64 holding an integer below 2^53, or a BigInt beyond that. */
export type Int = number | bigint;

const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

export function pow10(n: number): number {
  return POW10[n] ?? 10 ** n;
}

function big(v: Int): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}

/** v x 10^n exactly (n >= 0). */
export function rescale(v: Int, n: number): Int {
  if (n === 0) return v;
  if (typeof v === "number") {
    const r = v * pow10(n);
    if (Number.isSafeInteger(r) && n <= 22) return r;
  }
  return big(v) * 10n ** BigInt(n);
}

export function add(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return big(a) + big(b);
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return big(a) - big(b);
}

export function mul(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r;
  }
  return big(a) * big(b);
}

export function abs(a: Int): Int {
  return a < 0 ? (typeof a === "bigint" ? -a : -a) : a;
}

export function isZero(a: Int): boolean {
  return typeof a === "bigint" ? a === 0n : a === 0;
}

/** -1, 0 or 1. Mixed number/bigint comparison is exact in JavaScript. */
export function cmp(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Both values at the larger scale, exactly. */
export function align(a: Int, sa: number, b: Int, sb: number): [Int, Int, number] {
  const s = Math.max(sa, sb);
  return [rescale(a, s - sa), rescale(b, s - sb), s];
}

/** Parse decimal text ("0.01", "-12.5", "1e-4") into a scaled integer. Throws on anything else. */
export function parseScaled(text: string): { int: Int; scale: number } {
  const t = text.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new Error(`"${text}" is not a decimal number`);
  const frac = m[3] ?? "";
  let digits = (m[2] + frac).replace(/^0+(?=\d)/, "");
  let scale = frac.length - (m[4] ? parseInt(m[4], 10) : 0);
  if (scale < 0) {
    digits += "0".repeat(-scale);
    scale = 0;
  }
  const n = Number(digits);
  const int: Int = Number.isSafeInteger(n) ? n : BigInt(digits);
  return { int: m[1] === "-" ? (typeof int === "bigint" ? -int : -int) : int, scale };
}

/** Decimal text of int / 10^scale, keeping the scale's decimals ("1.50"). */
export function formatScaled(v: Int, scale: number): string {
  const neg = v < 0;
  let digits = (neg ? -v : v).toString();
  if (typeof v === "number" && /e/i.test(digits)) digits = BigInt(neg ? -v : v).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
    digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
  }
  return neg ? "-" + digits : digits;
}

/** Decimal text with trailing fractional zeros removed: the value, not its representation. */
export function canonicalText(v: Int, scale: number): string {
  let x = v;
  let s = scale;
  if (typeof x === "number") {
    while (s > 0 && x % 10 === 0) {
      x /= 10;
      s--;
    }
  } else {
    while (s > 0 && x % 10n === 0n) {
      x /= 10n;
      s--;
    }
  }
  return formatScaled(x, s);
}

/**
 * Key text of a float64 scaled integer: equal values give equal text whatever their scale
 * (1.5 at scale 1 and 1.50 at scale 2 both give "15/1"). Cheaper than canonicalText in the hot loop.
 */
export function numberKey(int: number, scale: number): string {
  let x = int;
  let s = scale;
  while (s > 0 && x % 10 === 0) {
    x /= 10;
    s--;
  }
  return s === 0 ? String(x) : x + "/" + s;
}

/**
 * The exact sum of the scaled integers ints[0, n) (NaN, a blank, skipped): a column's total.
 *
 * Each value is split at 2^32 (v = hi x 2^32 + lo, 0 <= lo < 2^32, both exact for |v| < 2^53) and
 * the parts are summed in float64, exact for up to 2^21 values; blocks of 2^20 are carried into a
 * BigInt. The loop has no call and no BigInt, so once optimised it stays optimised: a float64 sum
 * falling back to BigInt on overflow was deoptimised by its first overflow and went on unoptimised,
 * boxing every value (about 16 MB of garbage per million rows).
 */
export function sumExact(ints: Float64Array, n: number): Int {
  const BLOCK = 1 << 20;
  const parts = new Float64Array(2);
  let total = 0n;
  for (let start = 0; start < n; start += BLOCK) {
    blockSum(ints, start, Math.min(n, start + BLOCK), parts);
    total += BigInt(parts[0]) * 4294967296n + BigInt(parts[1]);
  }
  return total >= -9007199254740991n && total <= 9007199254740991n ? Number(total) : total;
}

/** Sums of the high and low 32-bit parts of ints[start, end), into out[0] and out[1]. */
function blockSum(ints: Float64Array, start: number, end: number, out: Float64Array): void {
  let hi = 0;
  let lo = 0;
  for (let i = start; i < end; i++) {
    const v = ints[i];
    if (v !== v) continue;
    const h = Math.floor(v / 4294967296);
    hi += h;
    lo += v - h * 4294967296;
  }
  out[0] = hi;
  out[1] = lo;
}
