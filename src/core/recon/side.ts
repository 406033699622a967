/**
 * The engine's working state for one side, and key text built from a record's fields.
 */
import { formatIso } from "../dates/civil";
import { NO_DAY, textAt, valueAt, type RecordSet } from "./records";
import { canonicalText, numberKey } from "./scaled";

/** Where a record is: still unmatched (in the pool), matched, in a break, or excluded. */
export const POOL = 0;
export const MATCHED = 1;
export const BROKEN = 2;
export const EXCLUDED = 3;

export interface SideState {
  name: "left" | "right";
  rs: RecordSet;
  label: string;
  state: Uint8Array;
  /** Outcome index each record was assigned to; -1 unassigned, -2 excluded. */
  owner: Int32Array;
  /** 1 when the record carries an INVALID_ID problem. */
  invalid: Uint8Array;
}

export function newSide(rs: RecordSet, name: "left" | "right", label: string): SideState {
  const owner = new Int32Array(rs.size).fill(-1);
  return { name, rs, label, state: new Uint8Array(rs.size), owner, invalid: new Uint8Array(rs.size) };
}

const SEP = "\u001f";

/**
 * A function giving record i's key text over `fields` (undefined when any of them is blank), or
 * undefined when a field is not mapped on this side. Equal values give equal text: normalised
 * strings, day numbers, numbers by value (1.5 and 1.50 alike). Built once per pass, called per row.
 */
export function keyGetter(rs: RecordSet, fields: string[]): ((i: number) => string | undefined) | undefined {
  const parts: Array<(i: number) => string | undefined> = [];
  for (const f of fields) {
    const t = rs.fields[f];
    if (t === undefined) return undefined;
    if (t === "number") {
      const col = rs.num[f];
      if (!col) return undefined;
      const ints = col.ints;
      const scale = col.scale;
      parts.push((i) => {
        const v = ints[i];
        return v !== v ? undefined : numberKey(v, scale);
      });
    } else if (t === "date") {
      const col = rs.date[f];
      if (!col) return undefined;
      parts.push((i) => {
        const d = col[i];
        return d === NO_DAY ? undefined : String(d);
      });
    } else {
      const col = rs.text[f];
      if (!col) return undefined;
      const codes = col.codes;
      parts.push((i) => {
        const c = codes[i];
        return c < 0 ? undefined : valueAt(col, c) || undefined;
      });
    }
  }
  if (parts.length === 1) return parts[0];
  if (parts.length === 0) return () => "";
  return (i) => {
    let k = parts[0](i);
    if (k === undefined) return undefined;
    for (let p = 1; p < parts.length; p++) {
      const v = parts[p](i);
      if (v === undefined) return undefined;
      k += SEP + v;
    }
    return k;
  };
}

/** A field's value for display and break ids: normalised text, ISO date, decimal text; "" when blank or unmapped. */
export function canonicalValue(rs: RecordSet, field: string, i: number): string {
  const t = rs.fields[field];
  if (t === undefined) return "";
  if (t === "number") {
    const col = rs.num[field];
    if (!col) return "";
    const v = col.ints[i];
    return v !== v ? "" : canonicalText(v, col.scale);
  }
  if (t === "date") {
    const d = rs.date[field]?.[i];
    return d === undefined || d === NO_DAY ? "" : formatIso(d);
  }
  const col = rs.text[field];
  return col === undefined ? "" : (textAt(col, i) ?? "");
}
