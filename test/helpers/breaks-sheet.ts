/**
 * A small Breaks-like output sheet (preamble, a table, a linked column, text, numbers, dates,
 * booleans, blanks) and a Summary, for the tests that write a workbook and read it back
 * (xlsx-stream-read.test.ts, xlsx-sheet-fast.test.ts).
 */
import type { OutputSheet } from "../../src/io/port";

export const BREAKS_SHEET: OutputSheet = {
  name: "Breaks",
  tableName: "Breaks",
  preamble: ["Trade reconciliation: breaks", "2 breaks"],
  columns: [
    { header: "Break ID", numberFormat: "@" },
    { header: "Books rows", numberFormat: "@", links: ["#'Books'!A5", null] },
    { header: "Age (days)", numberFormat: "0" },
    { header: "First seen", numberFormat: "yyyy-mm-dd" },
    { header: "Amount", numberFormat: "#,##0.00" },
    { header: "Open", numberFormat: "General" },
    { header: "Comment" },
  ],
  rows: [
    ["B-1", "5", 12, 46326, 1234.5, true, 'Custodian said "tomorrow" & <soon>'],
    ["B-2", null, 0, 46327, -0.01, false, null],
  ],
};

export const SUMMARY_SHEET: OutputSheet = { name: "Summary", columns: [{ header: "Category" }], rows: [["PRICE"]] };
