/** How `bo fn` turns command-line words into function arguments and results into text. */

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * "1" -> 1, "true"/"false" -> booleans (Excel's TRUE/FALSE too), "" -> null (an omitted optional
 * argument), "[...]" -> a JSON array (a range), anything else stays text: ISO dates are text that
 * the functions coerce to serials as Excel coerces "2012-01-01".
 */
export function parseCliArg(word: string): unknown {
  const w = word.trim();
  if (w === "") return null;
  if (NUMBER.test(w)) return Number(w);
  if (/^true$/i.test(w)) return true;
  if (/^false$/i.test(w)) return false;
  if (w.startsWith("[")) {
    try {
      return JSON.parse(w);
    } catch {
      return word;
    }
  }
  return word;
}

/** Numbers print as JavaScript's shortest round-trip form (what Excel stores, to the last digit). */
export function formatValue(v: unknown): string {
  if (Array.isArray(v))
    return v.map((row) => (Array.isArray(row) ? row.map(formatValue).join("\t") : formatValue(row))).join("\n");
  if (v === null || v === undefined) return "";
  return String(v);
}
