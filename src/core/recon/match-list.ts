/**
 * A run's matches, columnar: a million matches are a few typed arrays rather than a million objects
 * with two arrays each (at 1M x 1M rows those objects were about 150 MB of young garbage that the
 * collector copied as it survived, docs/bench.md).
 *
 * Match i came from pass passNames[pass[i]]; its left rows are leftRows[leftStart[i] ..
 * leftStart[i + 1]) and its right rows likewise (row numbers as the user sees them: Excel row, CSV
 * line). Differences within tolerance are kept by match index, only for the matches that have them.
 * `at(i)` gives one match as the documented Match object; iterating gives them all.
 */
import type { FieldDiff, Match } from "./profile";

const NO_DIFFS: readonly FieldDiff[] = Object.freeze([]);

export class MatchList implements Iterable<Match> {
  constructor(
    readonly passNames: readonly string[],
    readonly pass: Uint16Array,
    readonly leftStart: Int32Array,
    readonly leftRows: Int32Array,
    readonly rightStart: Int32Array,
    readonly rightRows: Int32Array,
    readonly diffs: ReadonlyMap<number, FieldDiff[]>,
  ) {}

  get length(): number {
    return this.pass.length;
  }

  /** Match i as an object (made on demand). */
  at(i: number): Match {
    if (i < 0 || i >= this.length) throw new RangeError(`match ${i} of ${this.length}`);
    return {
      pass: this.passNames[this.pass[i]],
      leftRows: Array.from(this.leftRows.subarray(this.leftStart[i], this.leftStart[i + 1])),
      rightRows: Array.from(this.rightRows.subarray(this.rightStart[i], this.rightStart[i + 1])),
      diffs: this.diffs.get(i) ?? (NO_DIFFS as FieldDiff[]),
    };
  }

  *[Symbol.iterator](): Iterator<Match> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  toArray(): Match[] {
    return Array.from(this);
  }

  map<T>(fn: (m: Match, i: number) => T): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) out.push(fn(this.at(i), i));
    return out;
  }

  /** A list from Match objects (tests, and results built by hand). */
  static of(matches: readonly Match[]): MatchList {
    const b = new MatchListBuilder();
    for (const m of matches) b.add(b.passIndex(m.pass), m.leftRows, m.rightRows, m.diffs);
    return b.finish();
  }
}

function grown<T extends Int32Array | Uint16Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as { new (n: number): T })(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** Builds a MatchList one match at a time (the engine), optionally re-ordered at the end. */
export class MatchListBuilder {
  private names: string[] = [];
  private pass: Uint16Array;
  private lStart: Int32Array;
  private rStart: Int32Array;
  private lRows: Int32Array;
  private rRows: Int32Array;
  private diffs = new Map<number, FieldDiff[]>();
  private n = 0;

  /**
   * With the sides' sizes (the engine: a row is in one match at most, so a run has at most
   * min(left, right) matches), the arrays are made once at their final size instead of doubling
   * from small: at 1M rows the doublings allocated and copied about twice the final 18 MB.
   */
  constructor(sides?: { left: number; right: number }) {
    const matches = sides ? Math.min(sides.left, sides.right) : 1024;
    this.pass = new Uint16Array(Math.max(matches, 1));
    this.lStart = new Int32Array(Math.max(matches, 1) + 1);
    this.rStart = new Int32Array(Math.max(matches, 1) + 1);
    this.lRows = new Int32Array(Math.max(sides ? sides.left : 1024, 1));
    this.rRows = new Int32Array(Math.max(sides ? sides.right : 1024, 1));
  }

  get length(): number {
    return this.n;
  }

  /** The index of a pass name (added the first time it is seen). */
  passIndex(name: string): number {
    let k = this.names.indexOf(name);
    if (k < 0) {
      k = this.names.length;
      this.names.push(name);
    }
    return k;
  }

  /** Adds a match (rows as the user sees them) and returns its index. */
  add(
    pass: number,
    left: number | ArrayLike<number>,
    right: number | ArrayLike<number>,
    diffs?: readonly FieldDiff[],
  ): number {
    const i = this.n++;
    this.pass = grown(this.pass, this.n);
    this.lStart = grown(this.lStart, this.n + 1);
    this.rStart = grown(this.rStart, this.n + 1);
    this.pass[i] = pass;
    this.lStart[i + 1] = this.push("l", this.lStart[i], left);
    this.rStart[i + 1] = this.push("r", this.rStart[i], right);
    if (diffs !== undefined && diffs.length > 0) this.diffs.set(i, [...diffs]);
    return i;
  }

  /** add() for one row a side (the engine's common case, a million times): no temporary, no call per side. */
  addPair(pass: number, left: number, right: number, diffs?: readonly FieldDiff[]): number {
    const i = this.n++;
    if (this.n > this.pass.length || this.n >= this.lStart.length || this.n >= this.rStart.length) {
      this.pass = grown(this.pass, this.n);
      this.lStart = grown(this.lStart, this.n + 1);
      this.rStart = grown(this.rStart, this.n + 1);
    }
    const l = this.lStart[i];
    const r = this.rStart[i];
    if (l >= this.lRows.length) this.lRows = grown(this.lRows, l + 1);
    if (r >= this.rRows.length) this.rRows = grown(this.rRows, r + 1);
    this.pass[i] = pass;
    this.lRows[l] = left;
    this.rRows[r] = right;
    this.lStart[i + 1] = l + 1;
    this.rStart[i + 1] = r + 1;
    if (diffs !== undefined && diffs.length > 0) this.diffs.set(i, [...diffs]);
    return i;
  }

  private push(side: "l" | "r", at: number, rows: number | ArrayLike<number>): number {
    const n = typeof rows === "number" ? 1 : rows.length;
    let a = side === "l" ? this.lRows : this.rRows;
    a = grown(a, at + n);
    if (typeof rows === "number") a[at] = rows;
    else for (let k = 0; k < n; k++) a[at + k] = rows[k];
    if (side === "l") this.lRows = a;
    else this.rRows = a;
    return at + n;
  }

  /** Left and right row counts of match i. */
  sizes(i: number): [number, number] {
    return [this.size(i, "left"), this.size(i, "right")];
  }

  /** Row count of match i on one side (no temporary: the engine asks a million times). */
  size(i: number, side: "left" | "right"): number {
    return side === "left" ? this.lStart[i + 1] - this.lStart[i] : this.rStart[i + 1] - this.rStart[i];
  }

  /** The list, its matches in `order` (every index once) or as added. */
  finish(order?: Int32Array): MatchList {
    const n = this.n;
    if (order === undefined) {
      return new MatchList(
        this.names,
        this.pass.slice(0, n),
        this.lStart.slice(0, n + 1),
        this.lRows.slice(0, this.lStart[n]),
        this.rStart.slice(0, n + 1),
        this.rRows.slice(0, this.rStart[n]),
        this.diffs,
      );
    }
    if (order.length !== n) throw new Error(`internal error: match order has ${order.length} of ${n} matches`);
    const pass = new Uint16Array(n);
    const lStart = new Int32Array(n + 1);
    const rStart = new Int32Array(n + 1);
    const lRows = new Int32Array(this.lStart[n]);
    const rRows = new Int32Array(this.rStart[n]);
    const diffs = new Map<number, FieldDiff[]>();
    let lp = 0;
    let rp = 0;
    const srcPass = this.pass;
    const srcLS = this.lStart;
    const srcRS = this.rStart;
    const srcL = this.lRows;
    const srcR = this.rRows;
    // Matches with diffs are few: found through the map's keys, not a lookup per match.
    let withDiffs: Int32Array | undefined;
    if (this.diffs.size > 0) {
      withDiffs = new Int32Array(n).fill(-1);
      for (const i of this.diffs.keys()) withDiffs[i] = i;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      pass[k] = srcPass[i];
      const le = srcLS[i + 1];
      for (let j = srcLS[i]; j < le; j++) lRows[lp++] = srcL[j];
      const re = srcRS[i + 1];
      for (let j = srcRS[i]; j < re; j++) rRows[rp++] = srcR[j];
      lStart[k + 1] = lp;
      rStart[k + 1] = rp;
      if (withDiffs !== undefined && withDiffs[i] >= 0) diffs.set(k, this.diffs.get(i)!);
    }
    return new MatchList(this.names, pass, lStart, lRows, rStart, rRows, diffs);
  }
}
