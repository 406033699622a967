/**
 * Join keys on integers: the rows of one side ("build") are grouped by their key fields and the rows
 * of the other side ("probe") find their group, without a key string per row.
 *
 * - A text field is joined through its dictionaries (records.ts TextColumn): the probe side's codes
 *   are translated into the build side's once per distinct value (CodeMap), so a row costs two array
 *   reads. A key of one text field (a trade reference) needs no hashing per row at all.
 * - Dates join on their day numbers; numbers on their value: both sides are brought to the larger
 *   scale (1.5 at scale 1 and 1.50 at scale 2 are both 150), exact while below 2^53.
 * - Several fields: a hash table over the tuple of those integers (open addressing over typed
 *   arrays; equal hashes are confirmed field by field).
 * - When a field is read as a different kind on each side (text on one, number on the other), or a
 *   number would not stay exact at the common scale, the whole key falls back to key text
 *   (side.ts keyGetter) and a string hash table (key-table.ts), which compares them as before.
 *
 * Semantics are those of key text: text by the loader's normalised value ("" is blank), dates by
 * day, numbers by value; a row with any blank key field has no group. Groups are numbered 0, 1, ...
 * in the order their first build row is added, whichever way the key is joined.
 *
 * The dictionaries' invariant is relied on: a dictionary holds each distinct value once (the
 * loader builds it with a KeyTable), so equal codes mean equal values within a side.
 */
import { fnv1aBytes, KeyTable, rehashed } from "./key-table";
import { NO_DAY, type RecordSet, type TextColumn, type TextPool, valueAt, valueCount } from "./records";
import { keyGetter } from "./side";

/** A code map's answer for a blank value (no code, or ""). */
export const BLANK = -1;
/** A code map's answer for a probe value that the build side does not have. */
export const ABSENT = -2;
const UNKNOWN = -3;

/** How many dictionary entries after the last hit are tried before hashing (files in the same order). */
const LOOKAHEAD = 4;

/**
 * For each value of `from`, the index of the equal value in `into`: ABSENT when `into` has none,
 * BLANK for "". Both lists must hold each value once (dictionaries).
 *
 * Hashing a million strings costs about 0.3 s here, mostly cache misses. Two files of one
 * reconciliation are often in the same order, and references often ascend, so before hashing:
 * - when either list ascends (checked in one pass), each value of the other is found in it by a
 *   search outwards from where the previous one was found: a few string comparisons a value while
 *   the orders agree; any gap is crossed in log steps, and the search is given up (hashing the
 *   rest) if it costs too many comparisons;
 * - otherwise each value is compared with the few entries after the previous hit.
 * Values not settled that way are hashed: a table over the smaller of them and the entries no
 * value took. Each list holds a value once, so a value found by comparison can be in neither, and
 * the result is the same as hashing everything.
 */
export function dictionaryMap(from: readonly string[], into: readonly string[]): Int32Array {
  const out = new Int32Array(from.length).fill(UNKNOWN);
  const taken = new Uint8Array(into.length);
  for (let c = 0; c < from.length; c++) if (from[c] === "") out[c] = BLANK;
  if (ascending(into)) searchSorted(from, into, out, taken, false);
  else if (ascending(from)) searchSorted(into, from, out, taken, true);
  else predict(from, into, out, taken);
  hashRest(from, into, out, taken);
  return out;
}

function ascending(values: readonly string[]): boolean {
  for (let k = 1; k < values.length; k++) if (!(values[k - 1] < values[k])) return false;
  return true;
}

/**
 * Finds each value of `seek` (in its order) in the ascending `sorted`, outwards from the previous
 * find. Not inverse: seek = from, sorted = into; a value not found is ABSENT. Inverse: seek = into,
 * sorted = from; a value found fills out[from index]. Stops when it costs more than about 16
 * comparisons a value (the orders disagree), leaving the rest UNKNOWN for hashRest.
 */
function searchSorted(
  seek: readonly string[],
  sorted: readonly string[],
  out: Int32Array,
  taken: Uint8Array,
  inverse: boolean,
): void {
  const n = sorted.length;
  let near = 0;
  let steps = 0;
  for (let s = 0; s < seek.length; s++) {
    if ((s & 1023) === 1023 && steps > 16 * s) return;
    const v = seek[s];
    if (v === "" || (!inverse && out[s] !== UNKNOWN)) continue;
    steps++;
    // The common case: the next entry (same order, no gap).
    let lo = near;
    let found = near < n && sorted[near] === v;
    if (!found) {
      // lo = the first index whose value is >= v: gallop from `near`, then bisect.
      let hi: number;
      if (near < n && sorted[near] < v) {
        lo = near + 1;
        let b = 1;
        while (lo + b - 1 < n && sorted[lo + b - 1] < v) {
          steps++;
          lo += b;
          b *= 2;
        }
        hi = lo + b - 1 < n ? lo + b - 1 : n;
      } else {
        hi = near < n ? near : n;
        let b = 1;
        while (hi - b >= 0 && !(sorted[hi - b] < v)) {
          steps++;
          hi -= b;
          b *= 2;
        }
        lo = hi - b + 1 > 0 ? hi - b + 1 : 0;
      }
      while (lo < hi) {
        steps++;
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      found = lo < n && sorted[lo] === v;
    }
    near = lo;
    if (found) {
      near = lo + 1;
      if (inverse) {
        out[lo] = s;
        taken[s] = 1;
      } else {
        out[s] = lo;
        taken[lo] = 1;
      }
    } else if (!inverse) out[s] = ABSENT;
  }
  // Every value was sought: what was not found is absent.
  for (let c = 0; c < out.length; c++) if (out[c] === UNKNOWN) out[c] = ABSENT;
}

/** Compares each value with the few entries after the previous hit; gives up on mostly misses. */
function predict(from: readonly string[], into: readonly string[], out: Int32Array, taken: Uint8Array): void {
  const n = into.length;
  let cursor = 0;
  let tries = 0;
  let hits = 0;
  for (let c = 0; c < from.length && n > 0; c++) {
    if (out[c] !== UNKNOWN) continue;
    const v = from[c];
    const end = cursor + LOOKAHEAD < n ? cursor + LOOKAHEAD : n;
    tries++;
    for (let k = cursor; k < end; k++) {
      if (into[k] === v) {
        hits++;
        out[c] = k;
        taken[k] = 1;
        cursor = k + 1;
        break;
      }
    }
    if (tries >= 1024 && hits * 2 < tries) return;
  }
}

/** Settles every UNKNOWN value by hashing: a table over the smaller of them and the untaken entries. */
function hashRest(from: readonly string[], into: readonly string[], out: Int32Array, taken: Uint8Array): void {
  const pending: number[] = [];
  for (let c = 0; c < out.length; c++) if (out[c] === UNKNOWN) pending.push(c);
  if (pending.length === 0) return;
  let untaken = 0;
  for (let k = 0; k < into.length; k++) if (!taken[k] && into[k] !== "") untaken++;
  // The table holds the smaller set, so that it stays in cache while the other is looked up.
  if (pending.length <= untaken) {
    const table = new KeyTable(pending.length);
    for (const c of pending) {
      table.id(from[c]);
      out[c] = ABSENT;
    }
    for (let k = 0; k < into.length; k++) {
      if (taken[k] || into[k] === "") continue;
      const id = table.get(into[k]);
      if (id >= 0 && out[pending[id]] === ABSENT) out[pending[id]] = k;
    }
  } else {
    const table = new KeyTable(untaken);
    const codeOf: number[] = [];
    for (let k = 0; k < into.length; k++) {
      if (taken[k] || into[k] === "") continue;
      table.id(into[k]);
      codeOf.push(k);
    }
    for (const c of pending) {
      const id = table.get(from[c]);
      out[c] = id < 0 ? ABSENT : codeOf[id];
    }
  }
}

/**
 * dictionaryMap for two dictionaries kept as bytes (records.ts PooledText): for each value of
 * `from`, the index of the equal value in `into`, or ABSENT (pool values are never blank). Each
 * value is first compared with the few entries after the previous hit (two files of one
 * reconciliation are often in the same order), the rest are hashed (FNV-1a over the bytes, a table
 * over the entries of `into` no value took).
 */
export function dictionaryMapPools(from: TextPool, into: TextPool): Int32Array {
  const nf = from.offsets.length - 1;
  const ni = into.offsets.length - 1;
  const fb = from.bytes;
  const fo = from.offsets;
  const ib = into.bytes;
  const io = into.offsets;
  const same = (c: number, k: number): boolean => {
    const s = fo[c];
    const len = fo[c + 1] - s;
    const t = io[k];
    if (io[k + 1] - t !== len) return false;
    for (let i = 0; i < len; i++) if (fb[s + i] !== ib[t + i]) return false;
    return true;
  };
  const out = new Int32Array(nf);
  const taken = new Uint8Array(ni);
  let pending = 0;
  let cursor = 0;
  for (let c = 0; c < nf; c++) {
    out[c] = UNKNOWN;
    const end = Math.min(ni, cursor + 2 * LOOKAHEAD);
    for (let k = cursor; k < end; k++) {
      if (taken[k] === 0 && same(c, k)) {
        out[c] = k;
        taken[k] = 1;
        cursor = k + 1;
        break;
      }
    }
    if (out[c] === UNKNOWN) pending++;
  }
  if (pending === 0) return out;
  let cap = 16;
  while (cap < 2 * (ni + 1)) cap *= 2;
  const mask = cap - 1;
  const table = new Int32Array(cap);
  for (let k = 0; k < ni; k++) {
    if (taken[k] === 1) continue;
    let slot = fnv1aBytes(ib, io[k], io[k + 1]) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = k + 1;
  }
  for (let c = 0; c < nf; c++) {
    if (out[c] !== UNKNOWN) continue;
    out[c] = ABSENT;
    for (let slot = fnv1aBytes(fb, fo[c], fo[c + 1]) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      if (same(c, table[slot] - 1)) {
        out[c] = table[slot] - 1;
        break;
      }
    }
  }
  return out;
}

/** int (>= 0) -> int, by open addressing: ids for the few codes met out of a large dictionary. */
class IntMap {
  private keys: Int32Array;
  private vals: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The value of key k, or UNKNOWN. */
  get(k: number): number {
    const keys = this.keys;
    for (let s = Math.imul(k, 0x9e3779b1) & this.mask; ; s = (s + 1) & this.mask) {
      const q = keys[s];
      if (q === k) return this.vals[s];
      if (q === -1) return UNKNOWN;
    }
  }

  set(k: number, v: number): void {
    const keys = this.keys;
    for (let s = Math.imul(k, 0x9e3779b1) & this.mask; ; s = (s + 1) & this.mask) {
      const q = keys[s];
      if (q === k) {
        this.vals[s] = v;
        return;
      }
      if (q === -1) {
        keys[s] = k;
        this.vals[s] = v;
        if (++this.size * 2 > keys.length) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let s = 0; s < oldKeys.length; s++) if (oldKeys[s] !== -1) this.set(oldKeys[s], oldVals[s]);
  }
}

/**
 * A text field's values on two sides as ids: build(code) gives the build side's id for one of its
 * codes, probe(code) the same id for a probe code of an equal value, or ABSENT. Blank gives BLANK.
 *
 * Eager: the whole probe dictionary is translated (dictionaryMap), ids are the build side's codes.
 * Lazy (dictionaries much larger than the rows joined, as for a few thousand unmatched rows keyed
 * by reference): only the values of the given build rows get ids, and a probe value is looked up
 * the first time it is met; a value that no given build row has is ABSENT.
 */
export class CodeMap {
  /** Ids are 0 .. size - 1. */
  readonly size: number;
  /** Eager: build code -> id (undefined: the id is the code) and probe code -> id. */
  private readonly bid: Int32Array | undefined;
  private readonly pid: Int32Array | undefined;
  /** Lazy: the same by code met, and the build values by id. */
  private readonly lazyB: IntMap | undefined;
  private readonly lazyP: IntMap | undefined;
  private readonly table: KeyTable | undefined;
  private readonly probeCol: TextColumn;

  private constructor(
    size: number,
    bid: Int32Array | undefined,
    pid: Int32Array | undefined,
    lazyB: IntMap | undefined,
    lazyP: IntMap | undefined,
    table: KeyTable | undefined,
    probeCol: TextColumn,
  ) {
    this.size = size;
    this.bid = bid;
    this.pid = pid;
    this.lazyB = lazyB;
    this.lazyP = lazyP;
    this.table = table;
    this.probeCol = probeCol;
  }

  static eager(build: TextColumn, probe: TextColumn): CodeMap {
    // Two columns kept as bytes are mapped on the bytes (no value is ever blank there).
    if (build.pool && probe.pool)
      return new CodeMap(
        valueCount(build),
        undefined,
        dictionaryMapPools(probe.pool, build.pool),
        undefined,
        undefined,
        undefined,
        probe,
      );
    const values = build.values;
    let bid: Int32Array | undefined;
    for (let c = 0; c < values.length; c++) {
      if (values[c] !== "") continue;
      bid ??= Int32Array.from(values, (_, k) => k);
      bid[c] = BLANK;
    }
    const pid = dictionaryMap(probe.values, values);
    return new CodeMap(values.length, bid, pid, undefined, undefined, undefined, probe);
  }

  /** Ids for the values of `rows` of the build side only (the rows that will be joined). */
  static lazy(build: TextColumn, probe: TextColumn, rows: ArrayLike<number>): CodeMap {
    const codes = build.codes;
    const n = valueCount(build);
    const lazyB = new IntMap(Math.min(rows.length, n));
    const table = new KeyTable(Math.min(rows.length, n));
    for (let k = 0; k < rows.length; k++) {
      const c = codes[rows[k]];
      if (c < 0 || lazyB.get(c) !== UNKNOWN) continue;
      const v = valueAt(build, c);
      lazyB.set(c, v === "" ? BLANK : table.id(v));
    }
    const lazyP = new IntMap(Math.min(rows.length, valueCount(probe)));
    return new CodeMap(table.size, undefined, undefined, lazyB, lazyP, table, probe);
  }

  /** Eager when translating the dictionaries costs no more than about the rows themselves. */
  static for(build: TextColumn, probe: TextColumn, buildRows: ArrayLike<number>, probeRows: number): CodeMap {
    return valueCount(build) + valueCount(probe) <= 2 * (buildRows.length + probeRows)
      ? CodeMap.eager(build, probe)
      : CodeMap.lazy(build, probe, buildRows);
  }

  build(code: number): number {
    if (code < 0) return BLANK;
    const lazyB = this.lazyB;
    if (lazyB !== undefined) {
      const v = lazyB.get(code);
      return v === UNKNOWN ? ABSENT : v;
    }
    const bid = this.bid;
    return bid === undefined ? code : bid[code];
  }

  probe(code: number): number {
    if (code < 0) return BLANK;
    const pid = this.pid;
    if (pid !== undefined) return pid[code];
    let v = this.lazyP!.get(code);
    if (v === UNKNOWN) {
      const s = valueAt(this.probeCol, code);
      if (s === "") v = BLANK;
      else {
        const id = this.table!.get(s);
        v = id < 0 ? ABSENT : id;
      }
      this.lazyP!.set(code, v);
    }
    return v;
  }
}

// ---- the join ------------------------------------------------------------------------------------

const STRING = 0;
const TEXT1 = 1;
const TUPLE = 2;

const TWO32 = 4294967296;

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x5bd1e995);
  return h ^ (h >>> 15);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The field is declared and its column present (keyGetter's test). */
function mapped(rs: RecordSet, f: string): boolean {
  const t = rs.fields[f];
  if (t === undefined) return false;
  if (t === "number") return rs.num[f] !== undefined;
  if (t === "date") return rs.date[f] !== undefined;
  return rs.text[f] !== undefined;
}

function kind(rs: RecordSet, f: string): "number" | "date" | "text" {
  const t = rs.fields[f];
  return t === "number" ? "number" : t === "date" ? "date" : "text";
}

/**
 * One key field's values for the rows joined, as numbers: b[k] for build row buildRows[k], p[q]
 * for probe row probeRows[q]. Text as CodeMap ids, dates as days, numbers at the common scale; NaN
 * where the row has no value to join on (blank, or a text value no build row has).
 */
export interface KeyPart {
  b: Float64Array;
  p: Float64Array;
}

/**
 * A field's KeyPart, or undefined when it cannot be joined on integers: read as a different kind
 * on each side, or a number that would not stay exact at the common scale (then key text is used).
 */
export function keyPart(
  build: RecordSet,
  buildRows: ArrayLike<number>,
  probe: RecordSet,
  probeRows: ArrayLike<number>,
  f: string,
): KeyPart | undefined {
  const t = kind(build, f);
  if (t !== kind(probe, f)) return undefined;
  const b = new Float64Array(buildRows.length);
  const p = new Float64Array(probeRows.length);
  // One small function per kind, shared by both sides and every field (and every join of a run),
  // so that each is optimised once rather than a loop per side and kind run cold.
  if (t === "text") {
    const map = CodeMap.for(build.text[f], probe.text[f], buildRows, probeRows.length);
    textIds(build.text[f].codes, buildRows, map, false, b);
    textIds(probe.text[f].codes, probeRows, map, true, p);
  } else if (t === "date") {
    days(build.date[f], buildRows, b);
    days(probe.date[f], probeRows, p);
  } else {
    const bn = build.num[f];
    const pn = probe.num[f];
    const s = Math.max(bn.scale, pn.scale);
    if (!scaled(bn.ints, buildRows, 10 ** (s - bn.scale), b) || !scaled(pn.ints, probeRows, 10 ** (s - pn.scale), p))
      return undefined;
  }
  return { b, p };
}

/** out[k] = the id of row rows[k]'s code (NaN when blank or absent). */
function textIds(codes: Int32Array, rows: ArrayLike<number>, map: CodeMap, probe: boolean, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) {
    const c = codes[rows[k]];
    const id = probe ? map.probe(c) : map.build(c);
    out[k] = id < 0 ? NaN : id;
  }
}

/** out[k] = row rows[k]'s day (NaN when blank). */
function days(col: Int32Array, rows: ArrayLike<number>, out: Float64Array): void {
  for (let k = 0; k < out.length; k++) {
    const d = col[rows[k]];
    out[k] = d === NO_DAY ? NaN : d;
  }
}

/** out[k] = ints[rows[k]] x mul; false when a value would not stay an exact integer (beyond 2^53). */
function scaled(ints: Float64Array, rows: ArrayLike<number>, mul: number, out: Float64Array): boolean {
  for (let k = 0; k < out.length; k++) {
    const v = ints[rows[k]] * mul;
    if (mul !== 1 && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER)) return false;
    out[k] = v;
  }
  return true;
}

/**
 * Groups build rows by key and finds probe rows' groups; see the module comment. Rows are named by
 * their position in the row lists the join was made for. Add every build row before finding any
 * probe row.
 */
export class KeyJoin {
  /** Groups created so far. */
  groups = 0;
  /** How the key is joined: "text" (one text field), "tuple" (integers) or "string" (key text). */
  readonly how: "text" | "tuple" | "string";
  private readonly mode: number;
  private readonly buildRows: ArrayLike<number>;
  private readonly probeRows: ArrayLike<number>;

  // STRING
  private bkey: ((i: number) => string | undefined) | undefined;
  private pkey: ((i: number) => string | undefined) | undefined;
  private strings: KeyTable | undefined;

  // TEXT1
  private bcodes: Int32Array = new Int32Array(0);
  private pcodes: Int32Array = new Int32Array(0);
  private map: CodeMap | undefined;
  private groupOfId: Int32Array = new Int32Array(0);

  // TUPLE
  private bparts: Float64Array[] = [];
  private pparts: Float64Array[] = [];
  private cur: Float64Array = new Float64Array(0);
  private slots: Int32Array = new Int32Array(0);
  private mask = 0;
  private hashes: Int32Array = new Int32Array(0);
  private tuples: Float64Array = new Float64Array(0);

  private constructor(mode: number, buildRows: ArrayLike<number>, probeRows: ArrayLike<number>) {
    this.mode = mode;
    this.how = mode === TEXT1 ? "text" : mode === TUPLE ? "tuple" : "string";
    this.buildRows = buildRows;
    this.probeRows = probeRows;
  }

  /**
   * A join of the `buildRows` of `build` with the `probeRows` of `probe` on `fields`; undefined
   * when a field is not mapped on a side (as keyGetter). `parts` caches KeyParts by field for
   * several joins of the same rows (the closest-miss indexes).
   */
  static of(
    build: RecordSet,
    probe: RecordSet,
    fields: readonly string[],
    buildRows: ArrayLike<number>,
    probeRows: ArrayLike<number>,
    parts?: Map<string, KeyPart | undefined>,
  ): KeyJoin | undefined {
    if (!fields.every((f) => mapped(build, f) && mapped(probe, f))) return undefined;
    if (fields.length === 1 && kind(build, fields[0]) === "text" && kind(probe, fields[0]) === "text") {
      const f = fields[0];
      const j = new KeyJoin(TEXT1, buildRows, probeRows);
      j.bcodes = build.text[f].codes;
      j.pcodes = probe.text[f].codes;
      j.map = CodeMap.for(build.text[f], probe.text[f], buildRows, probeRows.length);
      j.groupOfId = new Int32Array(j.map.size).fill(-1);
      return j;
    }
    const got: KeyPart[] = [];
    for (const f of fields) {
      let part = parts?.get(f);
      if (part === undefined && !parts?.has(f)) {
        part = keyPart(build, buildRows, probe, probeRows, f);
        parts?.set(f, part);
      }
      if (part === undefined) return KeyJoin.byText(build, probe, fields, buildRows, probeRows);
      got.push(part);
    }
    const j = new KeyJoin(TUPLE, buildRows, probeRows);
    j.bparts = got.map((x) => x.b);
    j.pparts = got.map((x) => x.p);
    const k = fields.length;
    j.cur = new Float64Array(k);
    let cap = 16;
    while (cap < buildRows.length * 2) cap *= 2;
    j.slots = new Int32Array(cap).fill(-1);
    j.mask = cap - 1;
    const n = Math.max(buildRows.length, 8);
    j.hashes = new Int32Array(n);
    j.tuples = new Float64Array(n * k);
    return j;
  }

  private static byText(
    build: RecordSet,
    probe: RecordSet,
    fields: readonly string[],
    buildRows: ArrayLike<number>,
    probeRows: ArrayLike<number>,
  ): KeyJoin {
    const j = new KeyJoin(STRING, buildRows, probeRows);
    j.bkey = keyGetter(build, fields as string[]);
    j.pkey = keyGetter(probe, fields as string[]);
    j.strings = new KeyTable(buildRows.length);
    return j;
  }

  /** The group of build row buildRows[k], created if new; -1 when a key field is blank. */
  add(k: number): number {
    if (this.mode === TEXT1) {
      const id = this.map!.build(this.bcodes[this.buildRows[k]]);
      if (id < 0) return -1;
      const groupOfId = this.groupOfId;
      let g = groupOfId[id];
      if (g < 0) groupOfId[id] = g = this.groups++;
      return g;
    }
    if (this.mode === TUPLE) return this.tuple(this.bparts, k, true);
    const key = this.bkey!(this.buildRows[k]);
    if (key === undefined) return -1;
    const g = this.strings!.id(key);
    if (g === this.groups) this.groups++;
    return g;
  }

  /** The group of probe row probeRows[q]; -1 when a key field is blank or no build row has its key. */
  find(q: number): number {
    if (this.mode === TEXT1) {
      const id = this.map!.probe(this.pcodes[this.probeRows[q]]);
      return id < 0 ? -1 : this.groupOfId[id];
    }
    if (this.mode === TUPLE) return this.tuple(this.pparts, q, false);
    const key = this.pkey!(this.probeRows[q]);
    return key === undefined ? -1 : this.strings!.get(key);
  }

  private tuple(parts: Float64Array[], at: number, build: boolean): number {
    const cur = this.cur;
    const k = parts.length;
    let h = 0x2545f491;
    for (let x = 0; x < k; x++) {
      const v = parts[x][at];
      if (v !== v) return -1;
      cur[x] = v;
      // Exact integers below 2^53: the low and high 32 bits (-0 hashes as 0, and equals it).
      h = mix(mix(h, v | 0), (v / TWO32) | 0);
    }
    h = finish(h);
    const slots = this.slots;
    const mask = this.mask;
    const tuples = this.tuples;
    const hashes = this.hashes;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const g = slots[s];
      if (g === -1) return build ? this.insert(s, h) : -1;
      if (hashes[g] !== h) continue;
      let x = 0;
      const base = g * k;
      while (x < k && tuples[base + x] === cur[x]) x++;
      if (x === k) return g;
    }
  }

  private insert(slot: number, h: number): number {
    const g = this.groups++;
    const k = this.cur.length;
    if (g >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
      const tuples = new Float64Array(hashes.length * k);
      tuples.set(this.tuples);
      this.tuples = tuples;
    }
    this.slots[slot] = g;
    this.hashes[g] = h;
    this.tuples.set(this.cur, g * k);
    if (this.groups * 2 > this.slots.length) this.grow();
    return g;
  }

  private grow(): void {
    this.slots = rehashed(this.hashes, this.groups, this.slots.length * 2);
    this.mask = this.slots.length - 1;
  }
}
