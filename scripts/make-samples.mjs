// Generates the bundled sample files in samples/ deterministically (seeded PRNG), so they can be
// re-made and reviewed. Books: an .xlsx export with real date and number cells, a title row and a
// few typed mistakes an analyst would meet. Custodian: a .csv with text dates (dd/mm/yyyy), thousands
// separators, parentheses negatives and its own column names.
//   node scripts/make-samples.mjs
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";

let seed = 20261031;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rnd() * a.length)];

const securities = [
  ["US0378331005", "Apple Inc", 229.87],
  ["US5949181045", "Microsoft Corp", 415.12],
  ["GB0002634946", "BAE Systems", 12.64],
  ["DE0007164600", "SAP SE", 238.4],
  ["FR0000131104", "BNP Paribas", 64.21],
  ["US912828YK06", "US Treasury 1.5% 2026", 97.53],
  ["XS2462605671", "EIB 2.75% 2028", 99.1],
  ["JP3633400001", "Toyota Motor", 2741.5],
];
const accounts = ["FUND-A-001", "FUND-A-002"];
const utc = (y, m, d) => new Date(Date.UTC(y, m - 1, d));
const trades = [];
for (let i = 1; i <= 40; i++) {
  const [isin, name, px] = pick(securities);
  const side = rnd() < 0.55 ? "BUY" : "SELL";
  const qty = Math.round(100 + rnd() * 9900);
  const price = Math.round(px * (0.98 + rnd() * 0.04) * 10000) / 10000;
  const gross = Math.round(qty * price * 100) / 100;
  const fees = Math.round(gross * 0.0005 * 100) / 100;
  const net = side === "BUY" ? -(gross + fees) : gross - fees;
  const day = 1 + Math.floor(rnd() * 28);
  trades.push({
    ref: `T2610-${String(i).padStart(4, "0")}`,
    account: pick(accounts),
    isin,
    name,
    side,
    tradeDate: utc(2026, 10, day),
    settleDate: utc(2026, 10, Math.min(day + 2, 31)),
    qty,
    price,
    net: Math.round(net * 100) / 100,
    ccy: isin.startsWith("JP") ? "JPY" : isin.startsWith("GB") ? "GBP" : isin.startsWith("US") ? "USD" : "EUR",
  });
}

// --- Books (.xlsx) ---
const wb = new ExcelJS.Workbook();
wb.creator = "Back Office Toolkit samples";
wb.created = wb.modified = new Date(Date.UTC(2026, 9, 31));
const ws = wb.addWorksheet("Trades");
ws.getCell("A1").value = "Fund A - trade blotter, October 2026";
ws.getCell("A1").font = { bold: true };
const header = ["Trade Ref", "Account", "ISIN", "Security", "Side", "Trade Date", "Settle Date", "Quantity", "Price", "Net Amount", "Currency"];
ws.getRow(3).values = header;
ws.getRow(3).font = { bold: true };
const booksRows = trades.map((t) => [t.ref, t.account, t.isin, t.name, t.side, t.tradeDate, t.settleDate, t.qty, t.price, t.net, t.ccy]);
// What an analyst meets in a real blotter: a #N/A from a lookup, an amount typed as text, a blank row.
booksRows[6][9] = { formula: "VLOOKUP(A10,Fees!A:B,2,FALSE)", result: { error: "#N/A" } };
booksRows[11][9] = "1,234.50 pending";
booksRows.splice(20, 0, new Array(header.length).fill(null));
// A trade booked only in the books (custodian has not confirmed it yet).
booksRows.push(["T2610-0041", "FUND-A-001", "US0378331005", "Apple Inc", "BUY", utc(2026, 10, 30), utc(2026, 11, 3), 500, 230.1, -115061.53, "USD"]);
booksRows.forEach((r, i) => (ws.getRow(4 + i).values = r));
ws.getColumn(6).numFmt = "yyyy-mm-dd";
ws.getColumn(7).numFmt = "yyyy-mm-dd";
ws.getColumn(8).numFmt = "#,##0";
ws.getColumn(9).numFmt = "#,##0.0000";
ws.getColumn(10).numFmt = "#,##0.00;[Red](#,##0.00)";
ws.columns.forEach((c, i) => (c.width = [14, 12, 14, 22, 6, 12, 12, 10, 11, 14, 9][i]));
mkdirSync("samples", { recursive: true });
await wb.xlsx.writeFile("samples/books.xlsx");

// --- Custodian (.csv) ---
const fmtDate = (d) => `${String(d.getUTCDate()).padStart(2, "0")}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${d.getUTCFullYear()}`;
const fmtAmt = (n) => {
  const s = Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return n < 0 ? `(${s})` : s;
};
const q = (s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = [["Client Ref", "Acct", "ISIN", "Txn Type", "Trade Dt", "Settle Dt", "Qty", "Price", "Net Amount", "Ccy"].join(",")];
trades.forEach((t, i) => {
  if (i === 15) return; // not yet confirmed by the custodian: missing at custodian
  let net = t.net;
  if (i === 3) net = Math.round((net + 0.004) * 100) / 100; // rounding: within tolerance
  if (i === 9) net = Math.round((net - 125) * 100) / 100; // fee booked differently: a real break
  lines.push([q(t.ref), t.account, t.isin, t.side === "BUY" ? "Buy" : "Sell", fmtDate(t.tradeDate), fmtDate(t.settleDate), q(t.qty.toLocaleString("en-US")), String(t.price), q(fmtAmt(net)), t.ccy].join(","));
});
// The custodian echoes a trade the books do not have, and sends one confirmation twice.
lines.push(["T2610-0099", "FUND-A-002", "DE0007164600", "Sell", "29/10/2026", "31/10/2026", "250", "238.4", q(fmtAmt(59570.22)), "EUR"].join(","));
lines.push(lines[31]);
writeFileSync("samples/custodian.csv", lines.join("\r\n") + "\r\n");
console.log(`samples/books.xlsx: ${booksRows.length} rows; samples/custodian.csv: ${lines.length - 1} rows`);
