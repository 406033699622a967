/**
 * Field comparisons between a left selection and a right selection of records.
 *
 * A selection is one record index, or a group of indices (1:N partial settlements, N:M). For a
 * group, summed fields are added exactly; every other field must agree within the group, which
 * `disagreements` checks before any comparison is made (a group whose partials carry different
 * currencies is a break saying so, not a comparison of the first partial's currency).
 *
 * Numbers are compared as exact scaled integers (scales aligned), dates as day numbers, text as the
 * loader's normalised strings. Differences are reported left - right: decimal text for numbers,
 * business days for dates.
 */
import { businessDaysBetween, type Calendar } from "../calendar";
import { formatIso } from "../dates/civil";
import { minorUnits } from "../money";
import { FIELD_BREAK_CODE, type BreakCode, type ComparisonRule, type FieldDiff, type FieldType } from "./profile";
import { CodeMap } from "./join";
import { NO_DAY, textAt, type NumColumn, type RecordSet, type TextColumn, valueAt, valueCount } from "./records";
import { abs, add, align, cmp, formatScaled, isZero, mul, parseScaled, pow10, rescale, sub, type Int } from "./scaled";

export type Sel = number | number[];

/** The verdict of one rule on one pair: same value, different but within tolerance, or failing. */
export const SAME = 0;
export const WITHIN = 1;
export const FAIL = 2;

type Kind = "text" | "number" | "date";

interface Tol {
  int: Int;
  scale: number;
  text: string;
}

interface Compiled {
  field: string;
  code: BreakCode;
  rule: ComparisonRule;
  type: Kind;
  summed: boolean;
  lt?: TextColumn;
  rt?: TextColumn;
  ln?: NumColumn;
  rn?: NumColumn;
  ld?: Int32Array;
  rd?: Int32Array;
  tol?: Tol;
  byL?: TextColumn;
  byR?: TextColumn;
  tols?: Map<string, Tol>;
  curL?: TextColumn;
  curR?: TextColumn;
  /** Minor units by currency code, per side, filled as met: -2 not yet looked up, -1 none. */
  muL?: Int8Array;
  muR?: Int8Array;
  cal?: Calendar;
  /** Text: the right side's codes in the left's (undefined: compare the strings); built on first use. */
  tmap?: CodeMap;
  tmapDone?: boolean;
  /** The rule in words when they do not depend on the rows (made once: every diff shares them). */
  words?: string;
}

export function kindOf(t: FieldType | undefined): Kind | undefined {
  if (t === undefined) return undefined;
  return t === "number" ? "number" : t === "date" ? "date" : "text";
}

/** The field is declared and its column is present. */
function hasColumn(rs: RecordSet, field: string): boolean {
  const t = rs.fields[field];
  if (t === undefined) return false;
  return t === "number"
    ? rs.num[field] !== undefined
    : t === "date"
      ? rs.date[field] !== undefined
      : rs.text[field] !== undefined;
}

export function codeOf(rule: { field: string; code?: BreakCode }): BreakCode {
  return rule.code ?? FIELD_BREAK_CODE[rule.field] ?? rule.field.toUpperCase();
}

function tolOf(text: string): Tol {
  const { int, scale } = parseScaled(text);
  return { int: abs(int), scale, text: text.trim() };
}

/** Business days from a to b (positive when b is later), counting [a, b) as businessDaysBetween does. */
export function businessDayDiff(a: number, b: number, cal: Calendar): number {
  return a === b ? 0 : businessDaysBetween(a, b, cal);
}

/** -1, 0 or 1 as tolerance a is smaller than, equal to or larger than b. */
function compareTol(a: Tol, b: Tol): number {
  const [x, y] = align(a.int, a.scale, b.int, b.scale);
  return cmp(x, y);
}

/** |d| (scale sd) <= t (scale st), exactly. */
function withinAbs(d: Int, sd: number, t: Int, st: number): boolean {
  const [x, y] = align(abs(d), sd, t, st);
  return cmp(x, y) <= 0;
}

export class Comparer {
  readonly rules: Compiled[] = [];
  /** The diff of the last evalRule that did not return SAME. */
  diff: FieldDiff | undefined;
  /** The diffs and failing codes of the last compareAll. */
  diffs: FieldDiff[] | undefined;
  codes: BreakCode[] | undefined;

  constructor(
    rules: ComparisonRule[],
    readonly left: RecordSet,
    readonly right: RecordSet,
    summed: ReadonlySet<string>,
    calendar: (name?: string) => Calendar,
    warnings: string[],
    where: string,
  ) {
    for (const rule of rules) {
      const lk = hasColumn(left, rule.field) ? kindOf(left.fields[rule.field]) : undefined;
      const rk = hasColumn(right, rule.field) ? kindOf(right.fields[rule.field]) : undefined;
      if (lk === undefined || rk === undefined) {
        const side = lk === undefined ? left.label : right.label;
        warnings.push(`${where}: ${rule.field} is not mapped in ${side}; its comparison was skipped`);
        continue;
      }
      if (lk !== rk) {
        warnings.push(
          `${where}: ${rule.field} is read as ${lk} in ${left.label} but ${rk} in ${right.label}; its comparison was skipped`,
        );
        continue;
      }
      // Every property present from the start: one hidden class for all rules, so the per-pair
      // reads in same() and evalRule stay monomorphic.
      const c: Compiled = {
        field: rule.field,
        code: codeOf(rule),
        rule,
        type: lk,
        summed: lk === "number" && summed.has(rule.field),
        lt: undefined,
        rt: undefined,
        ln: undefined,
        rn: undefined,
        ld: undefined,
        rd: undefined,
        tol: undefined,
        byL: undefined,
        byR: undefined,
        tols: undefined,
        curL: undefined,
        curR: undefined,
        muL: undefined,
        muR: undefined,
        cal: undefined,
        tmap: undefined,
        tmapDone: false,
        words: undefined,
      };
      if (lk === "text") {
        if (rule.kind !== "exact")
          throw new Error(`${where}: a ${rule.kind} comparison needs a number or date field; ${rule.field} is text`);
        c.lt = left.text[rule.field];
        c.rt = right.text[rule.field];
      } else if (lk === "number") {
        if (rule.kind === "date-window")
          throw new Error(`${where}: a date window needs a date field; ${rule.field} is a number`);
        c.ln = left.num[rule.field];
        c.rn = right.num[rule.field];
        if (rule.kind === "absolute") {
          c.tol = tolOf(rule.tolerance);
          if (rule.byField) {
            c.byL = left.text[rule.byField];
            c.byR = right.text[rule.byField];
            if (!c.byL && !c.byR)
              warnings.push(
                `${where}: ${rule.byField} is not mapped on either side; ${rule.field} uses the tolerance ${rule.tolerance}`,
              );
            c.tols = new Map(Object.entries(rule.tolerances ?? {}).map(([k, v]) => [k.trim().toUpperCase(), tolOf(v)]));
          }
        } else if (rule.kind === "relative") {
          c.tol = tolOf(rule.tolerance);
        } else if (rule.kind === "minor-units") {
          const cf = rule.currencyField ?? "currency";
          c.curL = left.text[cf];
          c.curR = right.text[cf];
        }
      } else {
        if (rule.kind !== "exact" && rule.kind !== "date-window") {
          throw new Error(`${where}: a ${rule.kind} comparison needs a number field; ${rule.field} is a date`);
        }
        c.ld = left.date[rule.field];
        c.rd = right.date[rule.field];
        c.cal = calendar(rule.kind === "date-window" ? rule.calendar : undefined);
      }
      this.rules.push(c);
    }
  }

  // ---- values of a selection -----------------------------------------------------------------

  private numOf(col: NumColumn, sel: Sel, summed: boolean): Int {
    if (typeof sel === "number") return col.ints[sel];
    if (!summed) return col.ints[sel[0]];
    let s: Int = 0;
    for (let k = 0; k < sel.length; k++) {
      const v = col.ints[sel[k]];
      if (v !== v) return NaN;
      s = add(s, v);
    }
    return s;
  }

  private first(sel: Sel): number {
    return typeof sel === "number" ? sel : sel[0];
  }

  /** Display value of one side of a rule (decimal text, ISO date, text), null when blank. */
  display(c: Compiled, side: "left" | "right", sel: Sel): string | null {
    if (c.type === "text") {
      const v = textAt(side === "left" ? c.lt! : c.rt!, this.first(sel));
      return v || null;
    }
    if (c.type === "date") {
      const d = (side === "left" ? c.ld! : c.rd!)[this.first(sel)];
      return d === NO_DAY ? null : formatIso(d);
    }
    const col = side === "left" ? c.ln! : c.rn!;
    const v = this.numOf(col, sel, c.summed);
    return typeof v === "number" && v !== v ? null : formatScaled(v, col.scale);
  }

  // ---- one rule on one pair ------------------------------------------------------------------

  /**
   * True when rule c certainly holds with no difference for one row a side: equal codes, days or
   * integers at one scale, or blank on both sides. False means only "evaluate it" (evalRule may still
   * find SAME). Allocates nothing, so a million agreeing pairs make no diff, string or temporary.
   */
  same(c: Compiled, li: Sel, ri: Sel): boolean {
    if (typeof li !== "number" || typeof ri !== "number") return false;
    if (c.type === "number") {
      const ln = c.ln!;
      const rn = c.rn!;
      if (ln.scale !== rn.scale) return false;
      const a = ln.ints[li];
      const b = rn.ints[ri];
      return a === b || (a !== a && b !== b);
    }
    if (c.type === "date") return c.ld![li] === c.rd![ri];
    const map = c.tmapDone ? c.tmap : this.textMap(c);
    if (map !== undefined) return map.build(c.lt!.codes[li]) === map.probe(c.rt!.codes[ri]);
    return (textAt(c.lt!, li) || undefined) === (textAt(c.rt!, ri) || undefined);
  }

  /**
   * same() over many pairs at once: out[k] = 1 when every rule holds with no difference for the
   * pair (pl[k], pr[k]) (one row a side), 0 when the pair must be compared in full. A tight loop per
   * rule over two columns: the columns are read in order, and each loop is optimised once.
   */
  sameMany(pl: Int32Array, pr: Int32Array, n: number): Uint8Array {
    const out = new Uint8Array(n).fill(1);
    for (const c of this.rules) {
      if (c.type === "number") {
        const ln = c.ln!;
        const rn = c.rn!;
        const s = Math.max(ln.scale, rn.scale);
        sameNumbers(ln.ints, rn.ints, pow10(s - ln.scale), pow10(s - rn.scale), pl, pr, n, out);
      } else if (c.type === "date") sameDays(c.ld!, c.rd!, pl, pr, n, out);
      else {
        const map = c.tmapDone ? c.tmap : this.textMap(c);
        if (map !== undefined) sameCodes(c.lt!.codes, c.rt!.codes, map, pl, pr, n, out);
        else sameTexts(c.lt!, c.rt!, pl, pr, n, out);
      }
    }
    return out;
  }

  /**
   * A text rule compares codes through a CodeMap when the dictionaries are small next to the rows
   * (sides, currencies, accounts): the map costs a hash per distinct value, a string compare per
   * pair is saved. A field of mostly distinct values (a reference) keeps comparing strings.
   */
  private textMap(c: Compiled): CodeMap | undefined {
    c.tmapDone = true;
    const lt = c.lt!;
    const rt = c.rt!;
    if (valueCount(lt) + valueCount(rt) <= (this.left.size + this.right.size) / 4) c.tmap = CodeMap.eager(lt, rt);
    return c.tmap;
  }

  /** evalRule(c, li, ri, false) !== FAIL: the rule holds, exactly or within tolerance. Allocates nothing for text, dates and exact numbers. */
  holds(c: Compiled, li: Sel, ri: Sel): boolean {
    return this.same(c, li, ri) || this.evalRule(c, li, ri, false) !== FAIL;
  }

  /** Verdict of one rule; with wantDiff (the default) the FieldDiff of a difference is left in `diff`. */
  evalRule(c: Compiled, li: Sel, ri: Sel, wantDiff = true): number {
    this.diff = undefined;
    if (c.type === "text") {
      // The loader gives undefined for a blank; an empty string is treated the same.
      const a = textAt(c.lt!, this.first(li)) || undefined;
      const b = textAt(c.rt!, this.first(ri)) || undefined;
      if (a === b) return SAME;
      if (wantDiff) this.diff = { field: c.field, code: c.code, left: a ?? null, right: b ?? null, rule: "exact" };
      return FAIL;
    }
    if (c.type === "date") return this.evalDate(c, li, ri, wantDiff);
    return this.evalNumber(c, li, ri, wantDiff);
  }

  private evalDate(c: Compiled, li: Sel, ri: Sel, wantDiff: boolean): number {
    const a = c.ld![this.first(li)];
    const b = c.rd![this.first(ri)];
    if (a === b) return SAME;
    const rule = c.rule;
    const cal = c.cal!;
    let ok = false;
    if (a !== NO_DAY && b !== NO_DAY && rule.kind === "date-window") {
      const cd = b - a;
      // Business days never outnumber calendar days, so a calendar difference inside the window is
      // inside it in business days too; only the rest needs a calendar walk.
      if (cd >= -rule.before && cd <= rule.after) ok = true;
      else {
        const bd = businessDayDiff(a, b, cal);
        ok = bd >= -rule.before && bd <= rule.after;
      }
    }
    if (!wantDiff) return ok ? WITHIN : FAIL;
    this.diff = {
      field: c.field,
      code: c.code,
      left: a === NO_DAY ? null : formatIso(a),
      right: b === NO_DAY ? null : formatIso(b),
      rule:
        rule.kind === "date-window"
          ? (c.words ??= `within -${rule.before}..+${rule.after} business days (${cal.name})`)
          : "exact",
    };
    if (a !== NO_DAY && b !== NO_DAY) this.diff.difference = String(businessDayDiff(b, a, cal));
    return ok ? WITHIN : FAIL;
  }

  private evalNumber(c: Compiled, li: Sel, ri: Sel, wantDiff: boolean): number {
    const ln = c.ln!;
    const rn = c.rn!;
    const a = this.numOf(ln, li, c.summed);
    const b = this.numOf(rn, ri, c.summed);
    if (ln.scale === rn.scale && a === b) return SAME;
    const aBlank = typeof a === "number" && a !== a;
    const bBlank = typeof b === "number" && b !== b;
    if (aBlank && bBlank) return SAME;
    if (aBlank || bBlank) {
      if (!wantDiff) return FAIL;
      this.diff = {
        field: c.field,
        code: c.code,
        left: aBlank ? null : formatScaled(a, ln.scale),
        right: bBlank ? null : formatScaled(b, rn.scale),
        rule: this.numberWords(c, li, ri),
      };
      return FAIL;
    }
    // Aligned without a temporary tuple: this runs once per compared number field per pair.
    const s = ln.scale > rn.scale ? ln.scale : rn.scale;
    const x = rescale(a, s - ln.scale);
    const y = rescale(b, s - rn.scale);
    const d = sub(x, y);
    if (isZero(d)) return SAME;
    const ok = this.numberHolds(c, li, ri, d, s, x, y);
    if (!wantDiff) return ok ? WITHIN : FAIL;
    this.diff = {
      field: c.field,
      code: c.code,
      left: formatScaled(a, ln.scale),
      right: formatScaled(b, rn.scale),
      difference: formatScaled(d, s),
      rule: this.numberWords(c, li, ri),
    };
    return ok ? WITHIN : FAIL;
  }

  /** Whether a number rule holds for the aligned difference d (scale s) of x and y. */
  private numberHolds(c: Compiled, li: Sel, ri: Sel, d: Int, s: number, x: Int, y: Int): boolean {
    const rule = c.rule;
    switch (rule.kind) {
      case "absolute": {
        const tol = c.tols ? this.strictestTolerance(c, li, ri) : c.tol!;
        return withinAbs(d, s, tol.int, tol.scale);
      }
      case "relative": {
        const tol = c.tol!;
        // |d| / 10^s <= t / 10^ts x m / 10^s  <=>  |d| x 10^ts <= t x m
        const ax = abs(x);
        const ay = abs(y);
        const m = cmp(ax, ay) >= 0 ? ax : ay;
        return cmp(mul(abs(d), rescale(1, tol.scale)), mul(tol.int, m)) <= 0;
      }
      case "minor-units": {
        const mu = this.strictestMinorUnits(c, li, ri);
        return mu >= 0 && withinAbs(d, s, rule.units, mu);
      }
      default:
        return false;
    }
  }

  /** A number rule in words, as a diff shows it. */
  private numberWords(c: Compiled, li: Sel, ri: Sel): string {
    const rule = c.rule;
    switch (rule.kind) {
      case "exact":
        return "exact";
      case "absolute": {
        if (!c.tols) return (c.words ??= `absolute ${c.tol!.text}`);
        const tol = this.strictestTolerance(c, li, ri);
        return `absolute ${tol.text} (${rule.byField} ${this.tolKey ?? "blank"})`;
      }
      case "relative":
        return (c.words ??= `relative ${c.tol!.text}`);
      case "minor-units": {
        const mu = this.strictestMinorUnits(c, li, ri);
        if (mu < 0) {
          // Without a known currency there is no minor unit to measure by: compare exactly and say so.
          const named = new Set<string>();
          for (const [col, sel] of [
            [c.curL, li],
            [c.curR, ri],
          ] as const) {
            if (col)
              for (const i of typeof sel === "number" ? [sel] : sel) if (col.codes[i] >= 0) named.add(textAt(col, i)!);
          }
          return `exact (no minor unit for currency ${named.size ? [...named].sort().join("/") : "blank"})`;
        }
        return `${rule.units} minor units of ${this.ccy} (${formatScaled(rule.units, mu)})`;
      }
      default:
        return rule.kind;
    }
  }

  /** The by-field value behind the last strictestTolerance (undefined: none on any row). */
  private tolKey: string | undefined;

  /**
   * The by-field's value picks the tolerance. Over every row on both sides (a group's rows may
   * differ, and either side may be blank) the strictest applies, ties to the first value
   * alphabetically, so that neither row order nor swapping the sides changes a verdict.
   */
  private strictestTolerance(c: Compiled, li: Sel, ri: Sel): Tol {
    this.tolKey = undefined;
    let tol = c.tol!;
    for (const [col, sel] of [
      [c.byL, li],
      [c.byR, ri],
    ] as const) {
      if (!col) continue;
      const n = typeof sel === "number" ? 1 : sel.length;
      for (let k = 0; k < n; k++) {
        const key = textAt(col, typeof sel === "number" ? sel : sel[k])
          ?.trim()
          .toUpperCase();
        if (key === undefined || key === "") continue;
        const t = c.tols!.get(key) ?? c.tol!;
        if (this.tolKey === undefined) {
          this.tolKey = key;
          tol = t;
          continue;
        }
        const order = compareTol(t, tol);
        if (order < 0 || (order === 0 && key < this.tolKey)) {
          this.tolKey = key;
          tol = t;
        }
      }
    }
    return tol;
  }

  /** The currency behind the last strictestMinorUnits. */
  private ccy: string | undefined;

  /**
   * The currency's minor unit measures the tolerance. Over every row on both sides the currency
   * with the most decimals (the strictest) applies, ties to the first code alphabetically, so that
   * neither row order nor swapping the sides changes a verdict. -1 when no row has a known currency.
   */
  private strictestMinorUnits(c: Compiled, li: Sel, ri: Sel): number {
    let ccy: string | undefined;
    let mu = -1;
    for (let side = 0; side < 2; side++) {
      const col = side === 0 ? c.curL : c.curR;
      if (!col) continue;
      let cache = side === 0 ? c.muL : c.muR;
      if (cache === undefined) {
        cache = new Int8Array(valueCount(col)).fill(-2);
        if (side === 0) c.muL = cache;
        else c.muR = cache;
      }
      const sel = side === 0 ? li : ri;
      const n = typeof sel === "number" ? 1 : sel.length;
      for (let k = 0; k < n; k++) {
        const code = col.codes[typeof sel === "number" ? sel : sel[k]];
        if (code < 0) continue;
        let m = cache[code];
        if (m === -2) {
          try {
            m = minorUnits(valueAt(col, code));
          } catch {
            m = -1;
          }
          cache[code] = m;
        }
        if (m < 0) continue;
        const v = valueAt(col, code);
        if (mu < 0 || m > mu || (m === mu && v < ccy!)) {
          ccy = v;
          mu = m;
        }
      }
    }
    this.ccy = ccy;
    return mu;
  }

  // ---- every rule on one pair ----------------------------------------------------------------

  /**
   * Runs every rule (skipping `skip` fields): FAIL if any failed, WITHIN if some differed within
   * tolerance, SAME otherwise. Leaves the diffs (created only when needed) in `diffs` and the failing
   * codes, in rule order, in `codes`.
   */
  compareAll(li: Sel, ri: Sel, skip?: ReadonlySet<string>): number {
    let verdict = SAME;
    let diffs: FieldDiff[] | undefined;
    let codes: BreakCode[] | undefined;
    for (let k = 0; k < this.rules.length; k++) {
      const c = this.rules[k];
      if (skip && skip.has(c.field)) continue;
      if (this.same(c, li, ri)) continue;
      const v = this.evalRule(c, li, ri);
      if (v === SAME) continue;
      if (v > verdict) verdict = v;
      const diff = this.diff!;
      if (v === WITHIN) diff.withinTolerance = true;
      else if (!(codes ??= []).includes(diff.code)) codes.push(diff.code);
      (diffs ??= []).push(diff);
    }
    this.diffs = diffs;
    this.codes = codes;
    return verdict;
  }

  /**
   * Fields that are not summed must hold one value across a group's rows. Returns, in rule order,
   * one diff per field that does not (every distinct value of each side listed), or undefined.
   */
  disagreements(li: Sel, ri: Sel): FieldDiff[] | undefined {
    let out: FieldDiff[] | undefined;
    for (const c of this.rules) {
      if (c.summed) continue;
      // Rows holding one stored value show one value: no strings needed (the common case).
      if (this.uniform(c, "left", li) && this.uniform(c, "right", ri)) continue;
      const lv = this.distinct(c, "left", li);
      const rv = this.distinct(c, "right", ri);
      if (lv.length <= 1 && rv.length <= 1) continue;
      (out ??= []).push({
        field: c.field,
        code: c.code,
        left: lv.join(" | "),
        right: rv.join(" | "),
        rule: "must agree across the grouped rows",
      });
    }
    return out;
  }

  /** Every row of the selection holds the same code, day or integer (blank counting as one value). */
  private uniform(c: Compiled, side: "left" | "right", sel: Sel): boolean {
    if (typeof sel === "number" || sel.length <= 1) return true;
    const first = sel[0];
    if (c.type === "text") {
      const codes = (side === "left" ? c.lt! : c.rt!).codes;
      const v = codes[first];
      for (let k = 1; k < sel.length; k++) if (codes[sel[k]] !== v) return false;
      return true;
    }
    if (c.type === "date") {
      const days = side === "left" ? c.ld! : c.rd!;
      const v = days[first];
      for (let k = 1; k < sel.length; k++) if (days[sel[k]] !== v) return false;
      return true;
    }
    const ints = (side === "left" ? c.ln! : c.rn!).ints;
    const v = ints[first];
    for (let k = 1; k < sel.length; k++) {
      const w = ints[sel[k]];
      if (w !== v && (w === w || v === v)) return false;
    }
    return true;
  }

  private distinct(c: Compiled, side: "left" | "right", sel: Sel): string[] {
    if (typeof sel === "number") return [this.display(c, side, sel) ?? "(blank)"];
    const values = new Set<string>();
    for (const i of sel) values.add(this.display(c, side, i) ?? "(blank)");
    return [...values];
  }
}

// ---- sameMany's loops: one per kind of column ---------------------------------------------------

/**
 * Numbers at the larger scale (ma, mb: the powers of ten bringing each side there). Equal while
 * exact means a zero difference; beyond 2^53 the pair is left to the full comparison.
 */
function sameNumbers(
  a: Float64Array,
  b: Float64Array,
  ma: number,
  mb: number,
  pl: Int32Array,
  pr: Int32Array,
  n: number,
  out: Uint8Array,
): void {
  for (let k = 0; k < n; k++) {
    const x = a[pl[k]] * ma;
    const y = b[pr[k]] * mb;
    if (x === y ? x > Number.MAX_SAFE_INTEGER || x < -Number.MAX_SAFE_INTEGER : x === x || y === y) out[k] = 0;
  }
}

function sameDays(a: Int32Array, b: Int32Array, pl: Int32Array, pr: Int32Array, n: number, out: Uint8Array): void {
  for (let k = 0; k < n; k++) if (a[pl[k]] !== b[pr[k]]) out[k] = 0;
}

function sameCodes(
  a: Int32Array,
  b: Int32Array,
  map: CodeMap,
  pl: Int32Array,
  pr: Int32Array,
  n: number,
  out: Uint8Array,
): void {
  for (let k = 0; k < n; k++) if (map.build(a[pl[k]]) !== map.probe(b[pr[k]])) out[k] = 0;
}

function sameTexts(a: TextColumn, b: TextColumn, pl: Int32Array, pr: Int32Array, n: number, out: Uint8Array): void {
  for (let k = 0; k < n; k++) if ((textAt(a, pl[k]) || undefined) !== (textAt(b, pr[k]) || undefined)) out[k] = 0;
}
