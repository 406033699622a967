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
import { NO_DAY, textAt, type NumColumn, type RecordSet, type TextColumn } from "./records";
import { abs, add, align, cmp, formatScaled, isZero, mul, parseScaled, rescale, sub, type Int } from "./scaled";

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
  cal?: Calendar;
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
      const c: Compiled = {
        field: rule.field,
        code: codeOf(rule),
        rule,
        type: lk,
        summed: lk === "number" && summed.has(rule.field),
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

  private each(sel: Sel, fn: (i: number) => void): void {
    if (typeof sel === "number") fn(sel);
    else for (const i of sel) fn(i);
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
    let words = "exact";
    let ok = false;
    if (a !== NO_DAY && b !== NO_DAY && rule.kind === "date-window") {
      words = `within -${rule.before}..+${rule.after} business days (${cal.name})`;
      const cd = b - a;
      // Business days never outnumber calendar days, so a calendar difference inside the window is
      // inside it in business days too; only the rest needs a calendar walk.
      if (cd >= -rule.before && cd <= rule.after) ok = true;
      else {
        const bd = businessDayDiff(a, b, cal);
        ok = bd >= -rule.before && bd <= rule.after;
      }
    } else if (rule.kind === "date-window") {
      words = `within -${rule.before}..+${rule.after} business days (${cal.name})`;
    }
    if (!wantDiff) return ok ? WITHIN : FAIL;
    this.diff = {
      field: c.field,
      code: c.code,
      left: a === NO_DAY ? null : formatIso(a),
      right: b === NO_DAY ? null : formatIso(b),
      rule: words,
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
        rule: this.words(c, li, ri).words,
      };
      return FAIL;
    }
    // Aligned without a temporary tuple: this runs once per compared number field per pair.
    const s = ln.scale > rn.scale ? ln.scale : rn.scale;
    const x = rescale(a, s - ln.scale);
    const y = rescale(b, s - rn.scale);
    const d = sub(x, y);
    if (isZero(d)) return SAME;
    const { words, ok } = this.words(c, li, ri, d, s, x, y);
    if (!wantDiff) return ok ? WITHIN : FAIL;
    this.diff = {
      field: c.field,
      code: c.code,
      left: formatScaled(a, ln.scale),
      right: formatScaled(b, rn.scale),
      difference: formatScaled(d, s),
      rule: words,
    };
    return ok ? WITHIN : FAIL;
  }

  /** The rule in words and, given the aligned difference, whether it holds. */
  private words(c: Compiled, li: Sel, ri: Sel, d?: Int, s = 0, x: Int = 0, y: Int = 0): { words: string; ok: boolean } {
    const rule = c.rule;
    switch (rule.kind) {
      case "exact":
        return { words: "exact", ok: false };
      case "absolute": {
        let tol = c.tol!;
        let words = `absolute ${tol.text}`;
        if (c.tols) {
          // The by-field's value picks the tolerance. Over every row on both sides (a group's rows
          // may differ, and either side may be blank) the strictest applies, ties to the first value
          // alphabetically, so that neither row order nor swapping the sides changes a verdict.
          let chosen: string | undefined;
          const consider = (v: string | undefined) => {
            const key = v?.trim().toUpperCase();
            if (key === undefined || key === "") return;
            const t = c.tols!.get(key) ?? c.tol!;
            if (chosen === undefined) {
              chosen = key;
              tol = t;
              return;
            }
            const order = compareTol(t, tol);
            if (order < 0 || (order === 0 && key < chosen)) {
              chosen = key;
              tol = t;
            }
          };
          const byL = c.byL;
          const byR = c.byR;
          if (byL) this.each(li, (i) => consider(textAt(byL, i)));
          if (byR) this.each(ri, (i) => consider(textAt(byR, i)));
          words = `absolute ${tol.text} (${rule.kind === "absolute" ? rule.byField : ""} ${chosen ?? "blank"})`;
        }
        return { words, ok: d !== undefined && withinAbs(d, s, tol.int, tol.scale) };
      }
      case "relative": {
        const tol = c.tol!;
        const words = `relative ${tol.text}`;
        if (d === undefined) return { words, ok: false };
        // |d| / 10^s <= t / 10^ts x m / 10^s  <=>  |d| x 10^ts <= t x m
        const ax = abs(x);
        const ay = abs(y);
        const m = cmp(ax, ay) >= 0 ? ax : ay;
        return { words, ok: cmp(mul(abs(d), rescale(1, tol.scale)), mul(tol.int, m)) <= 0 };
      }
      case "minor-units": {
        // The currency's minor unit measures the tolerance. Over every row on both sides the
        // currency with the most decimals (the strictest) applies, ties to the first code
        // alphabetically, so that neither row order nor swapping the sides changes a verdict.
        let ccy: string | undefined;
        let mu: number | undefined;
        const named = new Set<string>();
        const consider = (v: string | undefined) => {
          if (v === undefined) return;
          named.add(v);
          let m: number;
          try {
            m = minorUnits(v);
          } catch {
            return;
          }
          if (mu === undefined || m > mu || (m === mu && v < ccy!)) {
            ccy = v;
            mu = m;
          }
        };
        if (c.curL) this.each(li, (i) => consider(textAt(c.curL!, i)));
        if (c.curR) this.each(ri, (i) => consider(textAt(c.curR!, i)));
        if (mu === undefined) {
          // Without a known currency there is no minor unit to measure by: compare exactly and say so.
          return {
            words: `exact (no minor unit for currency ${named.size ? [...named].sort().join("/") : "blank"})`,
            ok: false,
          };
        }
        const words = `${rule.units} minor units of ${ccy} (${formatScaled(rule.units, mu)})`;
        return { words, ok: d !== undefined && withinAbs(d, s, rule.units, mu) };
      }
      default:
        return { words: rule.kind, ok: false };
    }
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

  private distinct(c: Compiled, side: "left" | "right", sel: Sel): string[] {
    if (typeof sel === "number") return [this.display(c, side, sel) ?? "(blank)"];
    const values = new Set<string>();
    for (const i of sel) values.add(this.display(c, side, i) ?? "(blank)");
    return [...values];
  }
}
