/**
 * The thin reconciliation slice: one key, one amount, an absolute tolerance.
 *
 * A comparison is a value (what matched, what did not, by how much), kept apart from rendering
 * (datacompy's lesson). Rules an analyst relies on:
 * - every input row ends in exactly one place: a match or a break (conservation);
 * - duplicate keys are never paired silently: every row of a duplicated key is a DUPLICATE break;
 * - a row whose key or amount cannot be read is a ROW_ERROR break that says why, and its
 *   counterpart (if any) is listed with it rather than reported as missing.
 */
import { Decimal } from "../money";

export interface SliceRow {
  /** Row number as the user sees it (Excel row, or CSV line). */
  row: number;
  /** Normalised key; undefined when the cell was blank or unreadable. */
  key: string | undefined;
  value: Decimal | undefined;
  /** Why key or value could not be read (messages naming sheet, row and column). */
  errors: string[];
}

export type SliceBreakCode = "MISSING_LEFT" | "MISSING_RIGHT" | "AMOUNT" | "DUPLICATE" | "ROW_ERROR";

export interface SliceBreak {
  code: SliceBreakCode;
  key: string;
  leftRows: number[];
  rightRows: number[];
  leftValue?: Decimal;
  rightValue?: Decimal;
  /** left - right, when both are known. */
  difference?: Decimal;
  detail: string;
}

export interface SliceMatch {
  key: string;
  leftRow: number;
  rightRow: number;
  difference: Decimal;
}

export interface SliceComparison {
  matches: SliceMatch[];
  breaks: SliceBreak[];
  leftRows: number;
  rightRows: number;
}

interface Bucket {
  rows: SliceRow[];
}

function bucketByKey(rows: SliceRow[]): { byKey: Map<string, Bucket>; unkeyed: SliceRow[] } {
  const byKey = new Map<string, Bucket>();
  const unkeyed: SliceRow[] = [];
  for (const r of rows) {
    if (r.key === undefined) {
      unkeyed.push(r);
      continue;
    }
    const b = byKey.get(r.key);
    if (b) b.rows.push(r);
    else byKey.set(r.key, { rows: [r] });
  }
  return { byKey, unkeyed };
}

/**
 * Compare two sides. `labels` name the sides in break details ("missing in Custodian").
 * Output order is deterministic: breaks and matches follow the left side's row order, then
 * right-only rows in the right side's order, so identical inputs give identical sheets.
 */
export function compareSlice(
  left: SliceRow[],
  right: SliceRow[],
  tolerance: Decimal,
  labels: { left: string; right: string },
): SliceComparison {
  const L = bucketByKey(left);
  const R = bucketByKey(right);
  const matches: SliceMatch[] = [];
  const breaks: SliceBreak[] = [];

  const rowError = (side: "left" | "right", r: SliceRow, other?: SliceRow): SliceBreak => ({
    code: "ROW_ERROR",
    key: r.key ?? "",
    leftRows: side === "left" ? [r.row] : other ? [other.row] : [],
    rightRows: side === "right" ? [r.row] : other ? [other.row] : [],
    leftValue: side === "left" ? r.value : other?.value,
    rightValue: side === "right" ? r.value : other?.value,
    detail: r.errors.join("; "),
  });

  for (const r of L.unkeyed) breaks.push(rowError("left", r));

  const duplicate = (key: string, l: SliceRow[], rr: SliceRow[]): SliceBreak => {
    const sides: string[] = [];
    if (l.length > 1) sides.push(`${l.length} rows in ${labels.left}`);
    if (rr.length > 1) sides.push(`${rr.length} rows in ${labels.right}`);
    return {
      code: "DUPLICATE",
      key,
      leftRows: l.map((x) => x.row),
      rightRows: rr.map((x) => x.row),
      detail: `key '${key}' appears ${sides.join(" and ")}; duplicates are never paired automatically`,
    };
  };

  for (const [key, lb] of L.byKey) {
    const rb = R.byKey.get(key);
    const rrows = rb ? rb.rows : [];
    if (lb.rows.length > 1 || rrows.length > 1) {
      breaks.push(duplicate(key, lb.rows, rrows));
      continue;
    }
    const l = lb.rows[0];
    if (rrows.length === 0) {
      if (l.errors.length > 0) breaks.push(rowError("left", l));
      else
        breaks.push({
          code: "MISSING_RIGHT",
          key,
          leftRows: [l.row],
          rightRows: [],
          leftValue: l.value,
          detail: `missing in ${labels.right}`,
        });
      continue;
    }
    const r = rrows[0];
    if (l.errors.length > 0 || r.errors.length > 0 || l.value === undefined || r.value === undefined) {
      const parts = [...l.errors, ...r.errors];
      breaks.push({
        code: "ROW_ERROR",
        key,
        leftRows: [l.row],
        rightRows: [r.row],
        leftValue: l.value,
        rightValue: r.value,
        detail: parts.join("; "),
      });
      continue;
    }
    const diff = l.value.minus(r.value);
    if (diff.abs().lte(tolerance)) {
      matches.push({ key, leftRow: l.row, rightRow: r.row, difference: diff });
    } else {
      breaks.push({
        code: "AMOUNT",
        key,
        leftRows: [l.row],
        rightRows: [r.row],
        leftValue: l.value,
        rightValue: r.value,
        difference: diff,
        detail: `${labels.left} ${l.value.toFixed()} vs ${labels.right} ${r.value.toFixed()}: difference ${diff.toFixed()} beyond tolerance ${tolerance.toFixed()}`,
      });
    }
  }

  for (const r of R.unkeyed) breaks.push(rowError("right", r));
  for (const [key, rb] of R.byKey) {
    if (L.byKey.has(key)) continue;
    if (rb.rows.length > 1) {
      breaks.push(duplicate(key, [], rb.rows));
      continue;
    }
    const r = rb.rows[0];
    if (r.errors.length > 0) breaks.push(rowError("right", r));
    else
      breaks.push({
        code: "MISSING_LEFT",
        key,
        leftRows: [],
        rightRows: [r.row],
        rightValue: r.value,
        detail: `missing in ${labels.left}`,
      });
  }
  return { matches, breaks, leftRows: left.length, rightRows: right.length };
}

/** Rows accounted for on each side; equals the input counts when conservation holds. */
export function accountedRows(c: SliceComparison): { left: number; right: number } {
  let left = c.matches.length;
  let right = c.matches.length;
  for (const b of c.breaks) {
    left += b.leftRows.length;
    right += b.rightRows.length;
  }
  return { left, right };
}
