// Generates the reconciliation samples in samples/ deterministically (seeded PRNG, fixed dates), so
// they can be re-made, reviewed and counted: the tests derive their expected breaks from the
// scenarios written here (each one is labelled with the break it should give).
//   node scripts/make-samples.mjs
//
// trade:    samples/books.xlsx (sheet Trades: title row, real date and number cells) vs
//           samples/custodian.csv (text dates dd/mm/yyyy, thousands separators, (negatives), CUSIP or
//           SEDOL instead of ISIN on some rows, blank client references, partial settlements, a status
//           column with a cancelled row)
// position: samples/positions.xlsx (sheet Holdings) vs samples/custodian-holdings.csv
// cash:     samples/cash-ledger.xlsx (sheet Ledger) vs samples/bank-statement.csv (DR/CR column)
// master:   samples/security-master.csv (ISIN, CUSIP, SEDOL, Ticker, Name) for identifiers that cannot
//           be derived (a Japanese SEDOL, a German SEDOL)
// The accruals sample (samples/accruals.xlsx) is made by scripts/make-accrual-samples.mjs.
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";

let seed = 20261031;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (a) => a[Math.floor(rnd() * a.length)];
const assert = (ok, msg) => {
  if (!ok) throw new Error(`make-samples: ${msg}`);
};

// ---- identifiers, with their check digits computed (so every id is valid unless made invalid on purpose)
const alnum = (ch) => (ch >= "0" && ch <= "9" ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55);
function isinCheck(body) {
  const digits = [...body].map((ch) => String(alnum(ch))).join("");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
function cusipCheck(body) {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let v = alnum(body[i]);
    if (i % 2 === 1) v *= 2;
    sum += Math.floor(v / 10) + (v % 10);
  }
  return String((10 - (sum % 10)) % 10);
}
function sedolCheck(body) {
  const w = [1, 3, 1, 7, 3, 9];
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += alnum(body[i]) * w[i];
  return String((10 - (sum % 10)) % 10);
}
const usSec = (cusip8, name, px) => {
  const cusip = cusip8 + cusipCheck(cusip8);
  const body = `US${cusip}`;
  return { isin: body + isinCheck(body), cusip, name, px, ccy: "USD" };
};
const gbSec = (sedol6, name, px) => {
  const sedol = sedol6 + sedolCheck(sedol6);
  const body = `GB00${sedol}`;
  return { isin: body + isinCheck(body), sedol, name, px, ccy: "GBP" };
};
const otherSec = (body, name, px, ccy, sedol6) => ({
  isin: body + isinCheck(body),
  ...(sedol6 ? { sedol: sedol6 + sedolCheck(sedol6) } : {}),
  name,
  px,
  ccy,
});

const SECURITIES = {
  AAPL: usSec("03783310", "Apple Inc", 229.87),
  MSFT: usSec("59491810", "Microsoft Corp", 415.12),
  TSLA: usSec("88160R10", "Tesla Inc", 251.44),
  BA: gbSec("026349", "BAE Systems plc", 12.64),
  BP: gbSec("079805", "BP plc", 4.31),
  SAP: otherSec("DE000716460", "SAP SE", 238.4, "EUR", "484628"),
  BNP: otherSec("FR000013110", "BNP Paribas", 64.21, "EUR"),
  TM: otherSec("JP363340000", "Toyota Motor", 2741.5, "JPY", "690064"),
};
// Real-world spot checks: these are the published ISINs of Apple, Microsoft and BAE Systems.
assert(SECURITIES.AAPL.isin === "US0378331005", "Apple ISIN");
assert(SECURITIES.MSFT.isin === "US5949181045", "Microsoft ISIN");
assert(SECURITIES.BA.isin === "GB0002634946", "BAE ISIN");
const BONDS = {
  UST: { ...usSec("91282CJL", "US Treasury 4.5% 2033", 98.765), bond: true },
  EIB: { ...otherSec("XS246260567", "EIB 2.75% 2028", 99.1, "EUR"), bond: true },
  GILT: { ...gbSec("BMGR2W", "UK Gilt 0.25% 2031", 81.42), bond: true },
};

// ---- dates: Day numbers for arithmetic; a Date only at the exceljs boundary (UTC midnight)
const dayOf = (y, m, d) => Math.floor(Date.UTC(y, m - 1, d) / 86400000);
const civil = (day) => {
  const dt = new Date(day * 86400000);
  return [dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate()];
};
const cellDate = (day) => new Date(day * 86400000);
const weekday = (day) => (((day + 4) % 7) + 7) % 7; // 0 = Sunday; 1970-01-01 was a Thursday
const addBusiness = (day, n) => {
  let d = day;
  let k = n;
  while (k > 0) {
    d++;
    if (weekday(d) !== 0 && weekday(d) !== 6) k--;
  }
  return d;
};
const ddmmyyyy = (day) => {
  const [y, m, d] = civil(day);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
};
const octBusinessDays = [];
for (let d = dayOf(2026, 10, 1); d <= dayOf(2026, 10, 28); d++)
  if (weekday(d) !== 0 && weekday(d) !== 6) octBusinessDays.push(d);

// ---- text formats of the outside world's files
const grouped = (n, decimals) =>
  Math.abs(n).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const money = (cents) => {
  const s = grouped(Math.abs(cents) / 100, 2);
  return cents < 0 ? `(${s})` : s;
};
const csvCell = (s) => (/[",\r\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
const csv = (rows) => rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

async function saveWorkbook(wb, file) {
  wb.creator = "Back Office Toolkit samples";
  wb.created = wb.modified = new Date(Date.UTC(2026, 9, 31));
  await wb.xlsx.writeFile(file);
}

mkdirSync("samples/profiles", { recursive: true });

// =====================================================================================
// Trades: 60 booked trades in October 2026; the custodian's confirmations with injected differences.
// =====================================================================================
const ACCOUNTS = ["FUND-A-001", "FUND-A-002"];
const tickers = Object.keys(SECURITIES);
// Scenario positions (1-based trade numbers) and what each should give in the default trade profile:
const SCN = {
  withinTolerance: 3, // custodian net amount 1 cent off: within 0.01, matched by pass 1
  partial2: 7, // settled in two partial settlements (two custodian rows, same reference): pass 1 sums them
  bookError: 9, // books Net Amount is #N/A (a broken lookup): ROW_ERROR on that books row
  quantity: 11, // custodian confirms 100 fewer shares (net amount accordingly): QUANTITY + AMOUNT
  price: 14, // custodian price keyed 0.10 higher, net amount agrees: PRICE
  partial3: 22, // three partial settlements: pass 1 sums them
  settleDate: 26, // custodian settles T+3 instead of T+2: SETTLE_DATE
  missingRight: 30, // not confirmed by the custodian: MISSING_RIGHT
  invalidId: 41, // custodian gives a CUSIP with a wrong check digit: INVALID_ID
  cancelled: 50, // the custodian also sends a CANCELLED copy of this confirmation: excluded by the profile
  // Blank client reference at the custodian: matched by pass 2 (account, security, side, trade date, quantity).
  blankRef: [5, 18, 33, 47],
  blankRefLateSettle: 33, // ... and settles one business day late: within pass 2's -1..+3 window, matched
  duplicateConfirmation: 47, // ... and is sent twice: two identical custodian rows, DUPLICATE in pass 2
};
const forced = { [SCN.invalidId]: "AAPL", [SCN.quantity]: "MSFT", [SCN.price]: "AAPL" };
const trades = [];
for (let i = 1; i <= 60; i++) {
  const tk = forced[i] ?? pick(tickers);
  const sec = SECURITIES[tk];
  const side = rnd() < 0.55 ? "BUY" : "SELL";
  const qty = tk === "TM" ? 100 * Math.round(5 + rnd() * 95) : Math.round(100 + rnd() * 9900);
  const priceTenK = Math.round(sec.px * (0.98 + rnd() * 0.04) * 10000);
  const grossCents = Math.round((qty * priceTenK) / 100);
  const feeCents = Math.round(grossCents * 0.0005);
  const net = side === "BUY" ? -(grossCents + feeCents) : grossCents - feeCents;
  const tradeDate = pick(octBusinessDays);
  trades.push({
    i,
    ref: `T2610-${String(i).padStart(4, "0")}`,
    account: pick(ACCOUNTS),
    tk,
    sec,
    side,
    qty,
    priceTenK,
    net,
    tradeDate,
    settleDate: addBusiness(tradeDate, 2),
  });
}
// Pass 2 keys must identify the blank-reference trades on their own.
for (const n of SCN.blankRef) {
  const t = trades[n - 1];
  const same = trades.filter(
    (u) =>
      u.account === t.account && u.tk === t.tk && u.side === t.side && u.tradeDate === t.tradeDate && u.qty === t.qty,
  );
  assert(same.length === 1, `trade ${n} is not unique on pass 2's keys`);
}

// ---- Books (.xlsx): title, blank row, header on row 3; a blank row after trade 20
{
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Trades");
  ws.getCell("A1").value = "Fund A - trade blotter, October 2026";
  ws.getCell("A1").font = { bold: true };
  const header = [
    "Trade Ref",
    "Account",
    "ISIN",
    "Security",
    "Side",
    "Trade Date",
    "Settle Date",
    "Quantity",
    "Price",
    "Net Amount",
    "Currency",
  ];
  ws.getRow(3).values = header;
  ws.getRow(3).font = { bold: true };
  const rows = trades.map((t) => [
    t.ref,
    t.account,
    t.sec.isin,
    t.sec.name,
    t.side,
    cellDate(t.tradeDate),
    cellDate(t.settleDate),
    t.qty,
    t.priceTenK / 10000,
    t.net / 100,
    t.sec.ccy,
  ]);
  rows[SCN.bookError - 1][9] = { formula: "VLOOKUP(A12,Fees!A:B,2,FALSE)", result: { error: "#N/A" } };
  rows.splice(20, 0, new Array(header.length).fill(null));
  rows.forEach((r, k) => (ws.getRow(4 + k).values = r));
  ws.getColumn(6).numFmt = "yyyy-mm-dd";
  ws.getColumn(7).numFmt = "yyyy-mm-dd";
  ws.getColumn(8).numFmt = "#,##0";
  ws.getColumn(9).numFmt = "#,##0.0000";
  ws.getColumn(10).numFmt = "#,##0.00;[Red](#,##0.00)";
  ws.columns.forEach((c, k) => (c.width = [14, 12, 14, 22, 6, 12, 12, 10, 11, 14, 9][k]));
  await saveWorkbook(wb, "samples/books.xlsx");
}

// ---- Custodian (.csv)
{
  const head = [
    "Client Ref",
    "Acct",
    "Security ID",
    "Txn Type",
    "Trade Dt",
    "Settle Dt",
    "Qty",
    "Price",
    "Net Amount",
    "Ccy",
    "Status",
  ];
  const out = [head];
  const idOf = (t) => {
    if (t.i === SCN.invalidId) return t.sec.cusip.slice(0, 8) + String((Number(t.sec.cusip[8]) + 3) % 10);
    if (t.sec.cusip && t.i % 3 === 0) return t.sec.cusip; // US custodian habit: CUSIP
    if (t.sec.sedol && t.i % 2 === 0) return t.sec.sedol; // UK/JP/DE listings by SEDOL (JP and DE need the master)
    return t.sec.isin;
  };
  const row = (t, o = {}) => [
    o.ref ?? t.ref,
    t.account,
    idOf(t),
    t.side === "BUY" ? "Buy" : "Sell",
    ddmmyyyy(t.tradeDate),
    ddmmyyyy(o.settleDate ?? t.settleDate),
    grouped(o.qty ?? t.qty, 0),
    String((o.priceTenK ?? t.priceTenK) / 10000),
    money(o.net ?? t.net),
    t.sec.ccy,
    o.status ?? "SETTLED",
  ];
  for (const t of trades) {
    if (t.i === SCN.missingRight) continue;
    const ref = SCN.blankRef.includes(t.i) ? "" : undefined;
    if (t.i === SCN.partial2 || t.i === SCN.partial3) {
      const parts = t.i === SCN.partial2 ? [0.6, 0.4] : [0.5, 0.3, 0.2];
      let qLeft = t.qty;
      let nLeft = t.net;
      parts.forEach((p, k) => {
        const last = k === parts.length - 1;
        const q = last ? qLeft : Math.round(t.qty * p);
        const n = last ? nLeft : Math.round((t.net * q) / t.qty);
        qLeft -= q;
        nLeft -= n;
        out.push(row(t, { qty: q, net: n, status: "PART SETTLED" }));
      });
      continue;
    }
    const o = { ref };
    if (t.i === SCN.withinTolerance) o.net = t.net + 1;
    if (t.i === SCN.quantity) {
      o.qty = t.qty - 100;
      const g = Math.round((o.qty * t.priceTenK) / 100);
      o.net = t.side === "BUY" ? -(g + Math.round(g * 0.0005)) : g - Math.round(g * 0.0005);
    }
    if (t.i === SCN.price) o.priceTenK = t.priceTenK + 1000;
    if (t.i === SCN.settleDate) o.settleDate = addBusiness(t.tradeDate, 3);
    if (t.i === SCN.blankRefLateSettle) o.settleDate = addBusiness(t.settleDate, 1);
    out.push(row(t, o));
    if (t.i === SCN.duplicateConfirmation) out.push(row(t, o));
    if (t.i === SCN.cancelled) out.push(row(t, { status: "CANCELLED" }));
  }
  // A confirmation the books do not have (booked by the custodian against our account): MISSING_LEFT.
  const extra = {
    i: 99,
    ref: "T2610-0099",
    account: "FUND-A-002",
    sec: SECURITIES.BNP,
    side: "SELL",
    qty: 250,
    priceTenK: 642100,
    net: 1604447,
    tradeDate: dayOf(2026, 10, 29),
    settleDate: dayOf(2026, 11, 2),
  };
  out.push(row(extra));
  writeFileSync("samples/custodian.csv", csv(out));
  console.log(`samples/books.xlsx: ${trades.length} trades; samples/custodian.csv: ${out.length - 1} rows`);
}

// ---- Security master: identifiers that derivation cannot resolve (non-GB SEDOLs) plus the rest
{
  const rows = [["ISIN", "CUSIP", "SEDOL", "Ticker", "Name"]];
  for (const [tk, s] of Object.entries({ ...SECURITIES, ...BONDS }))
    rows.push([s.isin, s.cusip ?? "", s.sedol ?? "", tk, s.name]);
  writeFileSync("samples/security-master.csv", csv(rows));
}

// =====================================================================================
// Positions: month-end holdings per account and security.
// =====================================================================================
const POS = {
  mvWithinEquity: ["FUND-A-001", "AAPL"], // custodian MV 6.40 higher (price source): within $10 for equities, matched
  mvBreakEquity: ["FUND-A-002", "SAP"], // custodian MV 35.00 lower: beyond $10, MARKET_VALUE
  mvWithinBond: ["FUND-A-001", "UST"], // custodian MV 42.50 higher: within $50 for fixed income, matched
  mvBreakBond: ["FUND-A-002", "EIB"], // custodian MV 180.00 lower: beyond $50, MARKET_VALUE
  quantity: ["FUND-A-001", "MSFT"], // booking error, 10 shares: QUANTITY + MARKET_VALUE
  split: ["FUND-A-002", "TSLA"], // 2-for-1 split processed by the custodian, not yet in the books: QUANTITY only (MV agrees)
  missingRight: ["FUND-A-002", "BP"], // bought on 30 Oct, not yet settled at the custodian: MISSING_RIGHT
};
{
  const all = { ...SECURITIES, ...BONDS };
  const holdings = [];
  for (const account of ACCOUNTS)
    for (const tk of Object.keys(all)) {
      const s = all[tk];
      const qty = s.bond
        ? 1000 * Math.round(250 + rnd() * 4750)
        : tk === "TM"
          ? 100 * Math.round(10 + rnd() * 190)
          : Math.round(500 + rnd() * 19500);
      const priceTenK = Math.round(s.px * 10000);
      const mv = s.bond ? Math.round((qty * priceTenK) / 10000) : Math.round((qty * priceTenK) / 100);
      holdings.push({ account, tk, s, qty, priceTenK, mv, cls: s.bond ? "Fixed Income" : "Equity" });
    }
  const is = (h, k) => h.account === k[0] && h.tk === k[1];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Holdings");
  ws.getCell("A1").value = "Fund A - holdings at 30 October 2026";
  ws.getCell("A1").font = { bold: true };
  ws.getRow(3).values = ["Account", "ISIN", "Security", "Asset Class", "Quantity", "Price", "Market Value", "Currency"];
  ws.getRow(3).font = { bold: true };
  holdings.forEach((h, k) => {
    ws.getRow(4 + k).values = [h.account, h.s.isin, h.s.name, h.cls, h.qty, h.priceTenK / 10000, h.mv / 100, h.s.ccy];
  });
  ws.getColumn(5).numFmt = "#,##0";
  ws.getColumn(6).numFmt = "#,##0.0000";
  ws.getColumn(7).numFmt = "#,##0.00";
  ws.columns.forEach((c, k) => (c.width = [12, 14, 24, 13, 12, 11, 16, 9][k]));
  await saveWorkbook(wb, "samples/positions.xlsx");

  const out = [["Account", "Security ID", "Description", "Position", "Close Price", "Market Val", "Ccy"]];
  holdings.forEach((h, k) => {
    if (is(h, POS.missingRight)) return;
    let { qty, priceTenK, mv } = h;
    if (is(h, POS.mvWithinEquity)) mv += 640;
    if (is(h, POS.mvBreakEquity)) mv -= 3500;
    if (is(h, POS.mvWithinBond)) mv += 4250;
    if (is(h, POS.mvBreakBond)) mv -= 18000;
    if (is(h, POS.quantity)) {
      qty += 10;
      mv = Math.round((qty * priceTenK) / 100);
    }
    if (is(h, POS.split)) {
      qty *= 2;
      priceTenK = priceTenK / 2;
    }
    const id = h.s.cusip && k % 3 === 0 ? h.s.cusip : h.s.sedol && k % 2 === 0 ? h.s.sedol : h.s.isin;
    out.push([h.account, id, h.s.name.toUpperCase(), grouped(qty, 0), String(priceTenK / 10000), money(mv), h.s.ccy]);
  });
  // Shares received in a spin-off, not yet booked: MISSING_LEFT (a corporate action the books lag).
  out.push([
    "FUND-A-001",
    "US" + "8816SP10" + cusipCheck("8816SP10") + isinCheck("US8816SP10" + cusipCheck("8816SP10")),
    "TESLA ENERGY SPINCO",
    "1,250",
    "18.4",
    money(2300000),
    "USD",
  ]);
  writeFileSync("samples/custodian-holdings.csv", csv(out));
  console.log(
    `samples/positions.xlsx: ${holdings.length} holdings; samples/custodian-holdings.csv: ${out.length - 1} rows`,
  );
}

// =====================================================================================
// Cash: the operating account's ledger vs the bank statement, October 2026.
// =====================================================================================
{
  const ledger = [];
  const payees = [
    "Custody fees",
    "Audit fee",
    "Legal counsel",
    "Index licence",
    "Transfer agent",
    "Board fees",
    "Broker commission",
    "Depositary fee",
  ];
  for (let k = 1; k <= 36; k++) {
    const receipt = rnd() < 0.4;
    const cents = Math.round((receipt ? 20000 + rnd() * 480000 : 800 + rnd() * 60000) * 100);
    ledger.push({
      k,
      account: k % 4 === 0 ? "OPS-EUR-002" : "OPS-USD-001",
      ccy: k % 4 === 0 ? "EUR" : "USD",
      valueDate: pick(octBusinessDays),
      reference: `${receipt ? "RCV" : "PAY"}-${String(26100 + k)}`,
      description: receipt ? `Subscription receipt ${k}` : pick(payees),
      amount: receipt ? cents : -cents,
    });
  }
  const CASH = {
    lateWithin: [2, 9], // bank value date one business day later: within 0..+2, matched by reference
    blankRef: [4, 15, 27], // bank gives no reference: matched by pass 2 on account, currency and amount
    valueDateBreak: 12, // bank value date five business days later, same reference: VALUE_DATE
    feesNetted: 20, // bank credits the receipt net of a 25.00 charge: AMOUNT (same reference)
    outstanding: 31, // payment not yet presented at the bank: MISSING_RIGHT
  };
  ledger[CASH.feesNetted - 1].amount = 5000000; // a receipt of 50,000.00
  ledger[CASH.feesNetted - 1].description = "Subscription receipt, investor 2231";
  ledger[CASH.feesNetted - 1].reference = "RCV-26120";
  // One remittance settling three invoices (ledger receivables), paid as a single bank credit.
  const invoices = [420000, 315050, 264950];
  const invDay = dayOf(2026, 10, 21);
  invoices.forEach((a, n) =>
    ledger.push({
      k: 37 + n,
      account: "OPS-USD-001",
      ccy: "USD",
      valueDate: invDay,
      reference: `INV-${1001 + n}`,
      description: `Securities lending fee invoice ${1001 + n}`,
      amount: a,
    }),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ledger");
  ws.getCell("A1").value = "Fund A - cash ledger, October 2026";
  ws.getCell("A1").font = { bold: true };
  ws.getRow(3).values = ["Account", "Value Date", "Reference", "Description", "Amount", "Currency"];
  ws.getRow(3).font = { bold: true };
  ledger.forEach(
    (l, n) =>
      (ws.getRow(4 + n).values = [l.account, cellDate(l.valueDate), l.reference, l.description, l.amount / 100, l.ccy]),
  );
  ws.getColumn(2).numFmt = "yyyy-mm-dd";
  ws.getColumn(5).numFmt = "#,##0.00;[Red]-#,##0.00";
  ws.columns.forEach((c, k) => (c.width = [13, 12, 12, 34, 14, 9][k]));
  await saveWorkbook(wb, "samples/cash-ledger.xlsx");

  const out = [
    ["Account Number", "Booking Date", "Value Date", "Customer Ref", "Narrative", "Amount", "DR/CR", "Currency"],
  ];
  for (const l of ledger) {
    if (l.k === CASH.outstanding || l.k >= 37) continue;
    let vd = l.valueDate;
    let amount = l.amount;
    if (CASH.lateWithin.includes(l.k)) vd = addBusiness(vd, 1);
    if (l.k === CASH.valueDateBreak) vd = addBusiness(vd, 5);
    if (l.k === CASH.feesNetted) amount -= 2500;
    const ref = CASH.blankRef.includes(l.k) ? "" : l.reference;
    out.push([
      l.account,
      ddmmyyyy(vd),
      ddmmyyyy(vd),
      ref,
      l.description.toUpperCase(),
      grouped(Math.abs(amount) / 100, 2),
      amount < 0 ? "DR" : "CR",
      l.ccy,
    ]);
  }
  const remit = invoices.reduce((a, b) => a + b, 0);
  out.push([
    "OPS-USD-001",
    ddmmyyyy(addBusiness(invDay, 1)),
    ddmmyyyy(addBusiness(invDay, 1)),
    "ACME REMIT 0042",
    "ACME CAPITAL REMITTANCE INV 1001-1003",
    grouped(remit / 100, 2),
    "CR",
    "USD",
  ]);
  // Interest credited by the bank, not yet in the ledger: MISSING_LEFT.
  out.push([
    "OPS-USD-001",
    "30/10/2026",
    "30/10/2026",
    "INT OCT26",
    "CREDIT INTEREST OCTOBER",
    "1,318.77",
    "CR",
    "USD",
  ]);
  writeFileSync("samples/bank-statement.csv", csv(out));
  console.log(`samples/cash-ledger.xlsx: ${ledger.length} items; samples/bank-statement.csv: ${out.length - 1} rows`);
}
