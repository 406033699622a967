/**
 * Small trade reconciliation inputs shared by the recon memory, render and workflow tests.
 *
 * Books (a workbook sheet, typed cells, a title line above the header on row 3) against a custodian
 * file (text cells as a CSV gives them: text dates, thousands separators, a CUSIP instead of an ISIN).
 * Built so that the answer can be read by hand:
 *   T1  on both sides, equal                      -> matched (pass "reference")
 *   T2  quantity 500 in the books, 450 at custodian -> QUANTITY break (and AMOUNT: 10,000.00 vs 9,000.00)
 *   T3  books only                                -> MISSING_RIGHT ("Missing in Custodian")
 *   T4  custodian only                            -> MISSING_LEFT ("Missing in Books")
 * custodianCsv(["T1", "T2", "T3", "T4"]) is the next day's file, in which T3 has arrived.
 * Apple's CUSIP 037833100 is ISIN US0378331005 (Wikipedia, "International Securities Identification Number").
 */
import { defaultProfile } from "../../src/core/recon/kinds";
import type { ReconProfile } from "../../src/core/recon/profile";
import type { CellValue } from "../../src/io/port";

/** Excel serial (1900 system) of a civil date: 1970-01-01 is serial 25569. */
export function serial(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86400000) + 25569;
}

export const BOOKS_HEADER = [
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

export function booksValues(rows: string[] = ["T1", "T2", "T3"]): (CellValue | null)[][] {
  const all: Record<string, CellValue[]> = {
    T1: ["T1", "FUND-A", "US0378331005", "BUY", serial(2026, 10, 20), serial(2026, 10, 22), 100, 20, -2000, "USD"],
    T2: ["T2", "FUND-A", "US0378331005", "SELL", serial(2026, 10, 21), serial(2026, 10, 23), 500, 20, 10000, "USD"],
    T3: ["T3", "FUND-A", "US0378331005", "BUY", serial(2026, 10, 26), serial(2026, 10, 28), 10, 20, -200, "USD"],
  };
  return [["Fund A - trade blotter, October 2026"], [], BOOKS_HEADER, ...rows.map((r) => all[r])];
}

export function booksFormats(values: (CellValue | null)[][]): string[][] {
  return values.map((row, r) => row.map((_v, c) => (r >= 3 && (c === 4 || c === 5) ? "yyyy-mm-dd" : "General")));
}

export const CUSTODIAN_HEADER = "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Settle Dt,Qty,Price,Net Amount,Ccy";

export function custodianCsv(rows: string[] = ["T1", "T2", "T4"]): string {
  const all: Record<string, string> = {
    T1: 'T1,FUND-A,037833100,Buy,20/10/2026,22/10/2026,100,20.00,"(2,000.00)",USD',
    T2: 'T2,FUND-A,US0378331005,Sell,21/10/2026,23/10/2026,450,20.00,"9,000.00",USD',
    T3: "T3,FUND-A,US0378331005,Buy,26/10/2026,28/10/2026,10,20.00,(200.00),USD",
    T4: "T4,FUND-A,US0378331005,Buy,27/10/2026,29/10/2026,5,20.00,(100.00),USD",
  };
  return [CUSTODIAN_HEADER, ...rows.map((r) => all[r])].join("\n") + "\n";
}

/** Custodian rows as typed into a sheet (text cells, as pasted from the CSV). */
export function custodianValues(rows: string[] = ["T1", "T2", "T4"]): string[][] {
  return custodianCsv(rows)
    .trim()
    .split("\n")
    .map((line) => line.match(/("[^"]*"|[^,]+|(?<=,)(?=,|$))/g)!.map((c) => c.replace(/^"|"$/g, "")));
}

export function tradeProfile(): ReconProfile {
  const p = defaultProfile("trade");
  p.left.mapping = {
    ref: "Trade Ref",
    account: "Account",
    security: "ISIN",
    side: "Side",
    tradeDate: "Trade Date",
    settleDate: "Settle Date",
    quantity: "Quantity",
    price: "Price",
    amount: "Net Amount",
    currency: "Currency",
  };
  p.right.mapping = {
    ref: "Client Ref",
    account: "Acct",
    security: "ISIN",
    side: "Txn Type",
    tradeDate: "Trade Dt",
    settleDate: "Settle Dt",
    quantity: "Qty",
    price: "Price",
    amount: "Net Amount",
    currency: "Ccy",
  };
  p.left.source = { sheet: "Books" };
  p.right.source = { sheet: "Custodian" };
  return p;
}
