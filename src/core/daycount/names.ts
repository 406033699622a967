/**
 * Looking a convention up by name.
 *
 * Names are compared after normalising: upper case, "ACTUAL" -> "ACT", and spaces, slashes,
 * parentheses, dots, hyphens and underscores removed. So "Actual/Actual (ISDA)", "ACT/ACT ISDA",
 * "act_act_isda" and "ACT/ACT.ISDA" are one key. Where standards give one name two meanings the
 * choice below is deliberate and documented in docs/daycounts.md:
 *  - "ACT/365" is ACT/365F (FpML; ISDA 2006 dropped it) — in SWIFT MT and the 2000 ISDA
 *    Definitions it meant Actual/Actual.
 *  - "ACT/ACT" and "Actual/Actual" are ACT/ACT ISDA (ISDA 2006 §4.16(b), Strata); bond desks often
 *    mean ICMA, which must then be named.
 *  - "30/360" is 30/360 ISDA, Bond Basis (ISDA 2006 §4.16(f), FpML), not 30U/360.
 *  - "30/360 ISMA" is 30E/360 (Strata); QuantLib's Thirty360::ISMA is Bond Basis.
 *  - "German" is 30E/360 ISDA (QuantLib Thirty360::German); "Special German" is 30E/360.
 */
import { valueError } from "../errors";
import { DAY_COUNTS, DayCount } from "./conventions";

export function normaliseName(name: string): string {
  return name
    .toUpperCase()
    .replace(/ACTUAL/g, "ACT")
    .replace(/[\s/().\-_]+/g, "");
}

const BY_KEY: ReadonlyMap<string, DayCount> = (() => {
  const map = new Map<string, DayCount>();
  for (const dc of DAY_COUNTS) {
    for (const n of [dc.name, ...dc.aliases]) {
      const key = normaliseName(n);
      const seen = map.get(key);
      if (seen && seen !== dc) {
        // A programming error in the alias tables: fail at load, not at a user's lookup.
        throw new Error(`day count alias "${n}" names both ${seen.name} and ${dc.name}`);
      }
      map.set(key, dc);
    }
  }
  return map;
})();

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** Canonical names of the conventions whose names or aliases are closest to `name` (at most `limit`). */
export function closeDayCountNames(name: string, limit = 3): string[] {
  const key = normaliseName(name);
  const best = new Map<string, number>();
  for (const [k, dc] of BY_KEY) {
    const d = editDistance(key, k);
    if (d < (best.get(dc.name) ?? Infinity)) best.set(dc.name, d);
  }
  return [...best.entries()]
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([n]) => n);
}

/** The convention for a name or alias; #VALUE! naming the closest conventions if there is none. */
export function dayCountOf(name: string): DayCount {
  const dc = BY_KEY.get(normaliseName(name));
  if (dc) return dc;
  throw valueError(
    `unknown day count convention "${name}"; did you mean ${closeDayCountNames(name)
      .map((n) => `"${n}"`)
      .join(", ")}? (BO.DAYCOUNTS() lists them all)`,
  );
}
