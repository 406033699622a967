/**
 * .csv to Grid with papaparse (RFC 4180 quoting); delimiter comma, semicolon, tab or pipe, from the header.
 * Every value stays text: a CSV has no types, so numbers and dates are parsed later with the same
 * cell parsers as workbook cells, and errors name the file and the row. Empty lines are kept as blank
 * rows so that row numbers stay equal to the line numbers a user sees in an editor (unless a quoted
 * field spans lines).
 */
import Papa from "papaparse";
import type { CellValue, Grid } from "../port";

const DELIMITERS = [",", ";", "\t", "|"];

/**
 * The delimiter is the candidate that occurs most often, outside quotes, on the first non-blank line
 * (the header). Deciding from the header alone is predictable; papaparse's own guess looks at field
 * count consistency and can be thrown by blank lines.
 */
export function detectDelimiter(body: string): string {
  let start = 0;
  while (start < body.length && (body[start] === "\r" || body[start] === "\n")) start++;
  let end = body.indexOf("\n", start);
  if (end < 0) end = body.length;
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = start; i < end; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ",";
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export function gridFromCsvText(text: string, label: string): Grid {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: detectDelimiter(body) });
  const rows = parsed.data as string[][];
  // papaparse yields one empty record for a trailing newline; it is not a line of the file.
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "" && /\r?\n$/.test(body))
    rows.pop();
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const values: CellValue[][] = rows.map((r) => {
    if (r.length === width) return r;
    const padded: CellValue[] = r.slice();
    while (padded.length < width) padded.push("");
    return padded;
  });
  return { sheet: label, top: 1, left: 0, values, dateSystem: "1900", label };
}
