/**
 * A small trade reconciliation workbook in the shapes of issue 4's samples: a books blotter (an Excel
 * table with real date and number cells) against a custodian sheet (text dates dd/mm/yyyy, thousands
 * separators, accounting negatives, CUSIPs instead of ISINs, B/S side codes, a blank client
 * reference, a partial settlement, text in a number cell). Shared by the browser test and the
 * services unit test, which both run the trade kind's default profile (src/core/recon/kinds.ts) on it.
 *
 * Expected outcome, counted by hand from the rows below with the default trade passes:
 *   pass "reference" (keys: ref; 1:N, custodian rows summed; quantity exact, price relative 0.0001,
 *   amount absolute 0.01, settle date, side and currency exact; a failing pair is a break), then
 *   pass "economics" (keys: account, security, side, trade date, quantity; 1:1; amount within 2
 *   minor units, settle date -1..+3 business days).
 * Identifiers: CUSIP 037833100 = ISIN US0378331005 (Apple), 594918104 = US5949181045 (Microsoft),
 * 459200101 = US4592001014 (IBM), 023135106 = US0231351067 (Amazon) (issuers' published codes; the
 * CUSIP -> US ISIN derivation is ISO 6166's: "US" + CUSIP + Luhn check digit).
 */
type Cell = string | number | boolean | null;

/** 2026-10-26 (a Monday) and 2026-10-27 as Excel 1900-system serials: days since 1899-12-30. */
const TD = 46321;
const SD = 46322;

export const BOOKS_SHEET = "Blotter";
export const BOOKS_TABLE = "Books";
/** A2:J12: header on row 2, data on Excel rows 3..12. */
export const BOOKS_TABLE_ADDRESS = "A2:J12";

export const BOOKS_HEADERS = [
  "Trade Ref",
  "Account",
  "ISIN",
  "Side",
  "Trade Date",
  "Settle Date",
  "Quantity",
  "Price",
  "Net Amount",
  "Currency",
];

export const BOOKS: Cell[][] = [
  ["Books: trade blotter at 27 October 2026"],
  BOOKS_HEADERS,
  ["T001", "ACC1", "US0378331005", "BUY", TD, SD, 1000, 150, 150000, "USD"], // row 3: = Custodian row 3
  ["T002", "ACC1", "US5949181045", "BUY", TD, SD, 2000, 400, 800000, "USD"], // row 4: = Custodian rows 4 + 5 (partial settlements)
  ["T003", "ACC2", "US4592001014", "SELL", TD, SD, 500, 200, 100000, "USD"], // row 5: Custodian row 6 has 450: QUANTITY
  ["T004", "ACC2", "US0231351067", "BUY", TD, SD, 100, 180.255, 18025.5, "USD"], // row 6: Custodian 18,025.51, within 0.01: matched
  ["T005", "ACC3", "US0378331005", "SELL", TD, SD, 10, 123.45, -1234.5, "USD"], // row 7: Custodian "(1,234.50)": matched
  ["T006", "ACC3", "US5949181045", "BUY", TD, SD, 300, 410, 123000, "USD"], // row 8: not at the custodian: MISSING_RIGHT
  ["T007", "ACC4", "US4592001014", "BUY", TD, SD, 50, 210, 10500, "USD"], // row 9: T007 twice in the books:
  ["T007", "ACC4", "US4592001014", "BUY", TD, SD, 50, 210, 10500, "USD"], // row 10: DUPLICATE with Custodian row 9
  ["T008", "ACC5", "US0231351067", "SELL", TD, SD, 40, 182, 7280, "USD"], // row 11: Custodian row 10 (blank ref), pass 2
  ["T009", "ACC5", "US0378331005", "BUY", TD, SD, 70, 151, 10570, "USD"], // row 12: its Custodian row 11 is unreadable: MISSING_RIGHT
];

/** Date cells formatted as dates, as a books export has them; everything else General. */
export const BOOKS_FORMATS: string[][] = BOOKS.map((_, r) =>
  r >= 2 ? ["General", "General", "General", "General", "yyyy-mm-dd", "yyyy-mm-dd"] : [],
);

export const CUSTODIAN_SHEET = "Custodian";

export const CUSTODIAN: Cell[][] = [
  ["Custodian confirmations, account statement 27/10/2026"],
  ["Client Ref", "Acct", "CUSIP", "Txn Type", "Trade Dt", "Settle Dt", "Qty", "Price", "Net Amount", "Ccy"],
  ["T001", "ACC1", "037833100", "B", "26/10/2026", "27/10/2026", "1,000", 150, "150,000.00", "USD"], // row 3
  ["T002", "ACC1", "594918104", "B", "26/10/2026", "27/10/2026", "1,200", 400, "480,000.00", "USD"], // row 4
  ["T002", "ACC1", "594918104", "B", "26/10/2026", "27/10/2026", "800", 400, "320,000.00", "USD"], // row 5
  ["T003", "ACC2", "459200101", "S", "26/10/2026", "27/10/2026", "450", 200, "100,000.00", "USD"], // row 6
  ["T004", "ACC2", "023135106", "Buy", "26/10/2026", "27/10/2026", "100", 180.255, "18,025.51", "USD"], // row 7
  ["T005", "ACC3", "037833100", "Sell", "26/10/2026", "27/10/2026", "10", 123.45, "(1,234.50)", "USD"], // row 8
  ["T007", "ACC4", "459200101", "B", "26/10/2026", "27/10/2026", "50", 210, "10,500.00", "USD"], // row 9
  ["", "ACC5", "023135106", "S", "26/10/2026", "27/10/2026", "40", 182, "7,280.00", "USD"], // row 10: blank client reference
  ["T009", "ACC5", "037833100", "B", "26/10/2026", "27/10/2026", "70", "n/a", "10,570.00", "USD"], // row 11: text price: ROW_ERROR
  ["T010", "ACC6", "594918104", "B", "26/10/2026", "27/10/2026", "25", 405, "10,125.00", "USD"], // row 12: not in the books: MISSING_LEFT
];

/**
 * Breaks by the hand count above: codes, Books rows, Custodian rows as the Breaks sheet writes them,
 * in the engine's order (src/core/recon/engine.ts: breaks holding left rows in left-row order, then
 * right-only breaks in right-row order).
 */
export const EXPECTED_BREAKS: { codes: string; books: string | null; custodian: string | null; ref: string }[] = [
  { codes: "QUANTITY", books: "5", custodian: "6", ref: "T003" },
  { codes: "MISSING_RIGHT", books: "8", custodian: null, ref: "T006" },
  { codes: "DUPLICATE", books: "9, 10", custodian: "9", ref: "T007" },
  { codes: "MISSING_RIGHT", books: "12", custodian: null, ref: "T009" },
  { codes: "ROW_ERROR", books: null, custodian: "11", ref: "T009" },
  { codes: "MISSING_LEFT", books: null, custodian: "12", ref: "T010" },
];

/** Rows per side and where they went: books 5 matched (T001, T002, T004, T005, T008) + 5 in breaks; custodian 6 + 4. */
export const EXPECTED_COUNTS = {
  books: { rows: 10, matched: 5, inBreaks: 5 },
  custodian: { rows: 10, matched: 6, inBreaks: 4 },
};
