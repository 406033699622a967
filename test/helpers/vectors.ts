/**
 * Published test vectors (../shared/reference/published-vectors.jsonl, one JSON object a line:
 * fn, args, expect, tol, source, note), with ISO date strings converted to Excel serials as Excel
 * would hold them in cells.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseIso, serialFromDay } from "../../src/core/dates";

export interface Vector {
  /** Function or routine, e.g. "EXCEL.YEARFRAC". */
  fn: string;
  /** Positional arguments as published (ISO dates as text); empty when the vector names its arguments. */
  rawArgs: unknown[];
  /** Positional arguments with ISO dates as 1900-system serials. */
  args: unknown[];
  /** Named arguments, for routines published with an object of inputs (FEE.*, NAV.*, ACCRUED), as published. */
  named?: Record<string, unknown>;
  /** Expected value as published; ISO date results are also given as serials in expectSerial. */
  expect: unknown;
  expectSerial?: number;
  tol: number;
  source: string;
  note?: string;
  /** 1-based line in the file, for test names. */
  line: number;
}

/** The repository root is test/helpers/../..; the shared folder sits next to the checkout. */
export const VECTORS_PATH = path.resolve(__dirname, "..", "..", "..", "shared", "reference", "published-vectors.jsonl");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Serial for an ISO date string, or undefined for anything else. */
export function isoToSerial(v: unknown): number | undefined {
  if (typeof v !== "string" || !ISO_DATE.test(v)) return undefined;
  const day = parseIso(v);
  return day === undefined ? undefined : serialFromDay(day);
}

function convert(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(convert);
  return isoToSerial(v) ?? v;
}

export function loadVectors(filter?: (fn: string) => boolean): Vector[] {
  const text = readFileSync(VECTORS_PATH, "utf8");
  const out: Vector[] = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === "") return;
    const o = JSON.parse(lineText) as {
      fn: string;
      args?: unknown;
      expect: unknown;
      tol?: number;
      source: string;
      note?: string;
    };
    if (filter && !filter(o.fn)) return;
    const positional = Array.isArray(o.args);
    const rawArgs = positional ? (o.args as unknown[]) : [];
    out.push({
      fn: o.fn,
      rawArgs,
      args: rawArgs.map(convert),
      named: positional || o.args === undefined ? undefined : (o.args as Record<string, unknown>),
      expect: o.expect,
      expectSerial: isoToSerial(o.expect),
      tol: o.tol ?? 0,
      source: o.source,
      note: o.note,
      line: i + 1,
    });
  });
  return out;
}

/** The EXCEL.* vectors (Excel worksheet functions). */
export function excelVectors(): Vector[] {
  return loadVectors((fn) => fn.startsWith("EXCEL."));
}
