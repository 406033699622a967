/**
 * YEARFRAC(start_date, end_date, [basis]) exactly as Excel computes it.
 *
 * Sources: Microsoft's YEARFRAC reference page; Microsoft's reference code for basis 0 (OASIS
 * office-formula list, 2008); D. A. Wheeler's analysis of Excel's basis 1 ("YEARFRAC", dwheeler.com),
 * checked against his published Excel results in ../shared/reference/published-vectors.jsonl.
 */
import { numError } from "../errors";
import { Civil, basisArg, civil, dateArg, excelIsLeapYear, serialOf } from "./calendar";
import { days30360Basis0, days30360European } from "./daycount";

export function yearfrac(startDate: number, endDate: number, basis = 0): number {
  let s = dateArg(startDate, "start_date");
  let e = dateArg(endDate, "end_date");
  const b = basisArg(basis);
  if (s > e) [s, e] = [e, s];
  switch (b) {
    case 0:
      return days30360Basis0(s, e) / 360;
    case 1:
      return actualActualExcel(s, e);
    case 2:
      return (e - s) / 360;
    case 3:
      return (e - s) / 365;
    case 4:
      return days30360European(s, e) / 360;
  }
  throw numError(`basis ${basis} is not supported`);
}

/**
 * Basis 1 (Wheeler's reconstruction, which reproduces every Excel result he published):
 * - if the dates "appear" to be at most one year apart (same year, or the next year with an end
 *   month/day not after the start's), divide the actual days by 366 when the span is within one leap
 *   year, includes a February 29th, or ends on one; else by 365;
 * - otherwise divide by the average length of the calendar years the span touches (first to last,
 *   inclusive).
 */
function actualActualExcel(s: number, e: number): number {
  const a = civil(s);
  const b = civil(e);
  const days = e - s;
  if (appearsAtMostOneYear(a, b)) {
    let yearLength = 365;
    if (a.y === b.y && excelIsLeapYear(a.y)) yearLength = 366;
    else if (feb29Between(s, a, e, b) || (b.m === 2 && b.d === 29)) yearLength = 366;
    return days / yearLength;
  }
  const years = b.y - a.y + 1;
  const daysInYears = serialOf(b.y + 1, 1, 1) - serialOf(a.y, 1, 1);
  return days / (daysInYears / years);
}

function appearsAtMostOneYear(a: Civil, b: Civil): boolean {
  if (a.y === b.y) return true;
  return a.y + 1 === b.y && (a.m > b.m || (a.m === b.m && a.d >= b.d));
}

/** A February 29th on or after the start and before the end (years differ by at most one). */
function feb29Between(s: number, a: Civil, e: number, b: Civil): boolean {
  if (excelIsLeapYear(a.y) && s < serialOf(a.y, 3, 1)) return true;
  return excelIsLeapYear(b.y) && e >= serialOf(b.y, 3, 1);
}
