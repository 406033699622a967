/**
 * .csv to Grid with papaparse (RFC 4180 quoting, delimiter detection: comma, semicolon, tab, pipe).
 * Every value stays text: a CSV has no types, so numbers and dates are parsed later with the same
 * cell parsers as workbook cells, and errors name the file and the row. Empty lines are kept as blank
 * rows so that row numbers stay equal to the line numbers a user sees in an editor (unless a quoted
 * field spans lines).
 */
import Papa from "papaparse";
import type { CellValue, Grid } from "../port";

export function gridFromCsvText(text: string, label: string): Grid {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: "" });
  const rows = parsed.data as string[][];
  // papaparse yields one empty record for a trailing newline; it is not a line of the file.
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "" && /\r?\n$/.test(body)) rows.pop();
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
