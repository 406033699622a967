/**
 * Trade files for the reconciliation bench, in the shapes of samples/ (scripts/make-samples.mjs):
 *
 * - books.csv: the fund's blotter. CSV with ISO dates and plain numbers rather than the sample's
 *   .xlsx, because a 1M-row .xlsx cannot be written or read by exceljs within the bench's time budget;
 *   the headers are the sample's, so samples/profiles/trade.json reads it unchanged.
 * - custodian.csv: text dates dd/mm/yyyy, thousands separators, parenthesised negatives, CUSIP on
 *   one US row in three and SEDOL on one GB row in two instead of the ISIN, a Status column.
 * - master.csv: ISIN, CUSIP, SEDOL for every security (DuckDB's cross-walk is a join to it; ours
 *   derives CUSIP -> US ISIN and SEDOL -> GB ISIN with check digits, and reads the master too).
 *
 * Injected per 100 trades (deterministic, by trade number mod 100), about 5% breaks:
 *   0 quantity differs (QUANTITY + AMOUNT)   1 price differs (PRICE)   2 settles a day late (SETTLE_DATE)
 *   3 missing at the custodian (MISSING_RIGHT)   4 a custodian-only trade (MISSING_LEFT)
 *   5 blank reference and sent twice (DUPLICATE in the economics pass)
 * and, not breaks: 10-12 partial settlements (two custodian rows, summed by the 1:N reference pass),
 * 20-24 blank client reference (matched by the economics pass on account, security, side, trade date,
 * quantity).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { cusipCheckDigit, isinCheckDigit, sedolCheckDigit } from "../../src/core/ids";
import { civilFromDay } from "../../src/core/dates/civil";

export interface TradeFiles {
  dir: string;
  books: string;
  custodian: string;
  master: string;
  rows: number;
  custodianRows: number;
  /** Breaks the injection should give, by code (counted as injected, for a sanity check). */
  injected: Record<string, number>;
}

interface Sec {
  isin: string;
  cusip?: string;
  sedol?: string;
  ccy: string;
}

function securities(): Sec[] {
  const out: Sec[] = [];
  for (let k = 0; k < 1200; k++) {
    const body = `9${String(k).padStart(5, "0")}AB`;
    const cusip = body + cusipCheckDigit(body);
    const ib = `US${cusip}`;
    out.push({ isin: ib + isinCheckDigit(ib), cusip, ccy: "USD" });
  }
  for (let k = 0; k < 600; k++) {
    const body = `B${String(k).padStart(5, "0")}`;
    const sedol = body + sedolCheckDigit(body);
    const ib = `GB00${sedol}`;
    out.push({ isin: ib + isinCheckDigit(ib), sedol, ccy: "GBP" });
  }
  for (let k = 0; k < 200; k++) {
    const ib = `DE000${String(k).padStart(6, "0")}`;
    out.push({ isin: ib + isinCheckDigit(ib), ccy: "EUR" });
  }
  return out;
}

/** Buffered writer: one write per ~1 MB, so a 100 MB file costs a hundred syscalls. */
class Out {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(file: string) {
    this.fd = openSync(file, "w");
  }
  line(s: string): void {
    this.parts.push(s);
    this.size += s.length + 2;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join("\r\n") + "\r\n");
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    // On disk before anything is timed: otherwise the kernel writes the 200 MB back while the first
    // runs read it, and whichever program runs first pays for it.
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

const DAY0 = 20454; // 2026-01-01 as days since 1970-01-01
function civil(day: number): [number, number, number] {
  const c = civilFromDay(day);
  return [c.y, c.m, c.d];
}
const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const iso = (day: number) => {
  const [y, m, d] = civil(day);
  return `${y}-${p2(m)}-${p2(d)}`;
};
const dmy = (day: number) => {
  const [y, m, d] = civil(day);
  return `${p2(d)}/${p2(m)}/${y}`;
};
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
function addBusiness(day: number, n: number): number {
  let d = day;
  for (let k = n; k > 0;) {
    d++;
    if (weekday(d) !== 0 && weekday(d) !== 6) k--;
  }
  return d;
}
function grouped(int: number): string {
  const s = String(int);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ",";
    out += s[i];
  }
  return out;
}
/** Cents as custodian text: "1,234.56", "(1,234.56)". */
function money(cents: number): string {
  const a = Math.abs(cents);
  const s = `${grouped(Math.floor(a / 100))}.${p2(a % 100)}`;
  return cents < 0 ? `(${s})` : s;
}
const plainMoney = (cents: number) =>
  `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100)}.${p2(Math.abs(cents) % 100)}`;

export function generateTrades(rows: number, dir: string): TradeFiles {
  mkdirSync(dir, { recursive: true });
  const secs = securities();
  let s = 20261121;
  const rand = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const businessDays: number[] = [];
  for (let d = DAY0; d < DAY0 + 300; d++) if (weekday(d) !== 0 && weekday(d) !== 6) businessDays.push(d);

  const master = new Out(join(dir, "master.csv"));
  master.line("ISIN,CUSIP,SEDOL");
  for (const x of secs) master.line(`${x.isin},${x.cusip ?? ""},${x.sedol ?? ""}`);
  master.close();

  const books = new Out(join(dir, "books.csv"));
  books.line("Trade Ref,Account,ISIN,Side,Trade Date,Settle Date,Quantity,Price,Net Amount,Currency");
  const cust = new Out(join(dir, "custodian.csv"));
  cust.line("Client Ref,Acct,Security ID,Txn Type,Trade Dt,Settle Dt,Qty,Price,Net Amount,Ccy,Status");
  let custodianRows = 0;
  const injected: Record<string, number> = {};
  const inj = (code: string) => (injected[code] = (injected[code] ?? 0) + 1);
  const custLine = (
    ref: string,
    acct: string,
    id: string,
    side: string,
    td: number,
    sd: number,
    qty: number,
    priceTenK: number,
    net: number,
    ccy: string,
  ) => {
    cust.line(
      `${ref},${acct},${id},${side === "BUY" ? "Buy" : "Sell"},${dmy(td)},${dmy(sd)},"${grouped(qty)}",${priceTenK / 10000},"${money(net)}",${ccy},SETTLED`,
    );
    custodianRows++;
  };
  for (let i = 0; i < rows; i++) {
    const sec = secs[Math.floor(rand() * secs.length)];
    const acct = `ACC-${String(1 + Math.floor(rand() * 400)).padStart(4, "0")}`;
    const side = rand() < 0.55 ? "BUY" : "SELL";
    const qty = 1 + Math.floor(rand() * 99_999);
    const priceTenK = 50_000 + Math.floor(rand() * 4_950_000); // 5.0000 .. 500.0000
    const gross = Math.round((qty * priceTenK) / 100);
    const fee = Math.round(gross * 0.0005);
    const net = side === "BUY" ? -(gross + fee) : gross - fee;
    const td = businessDays[Math.floor(rand() * businessDays.length)];
    const sd = addBusiness(td, 2);
    const ref = `TR${String(i).padStart(8, "0")}`;
    books.line(
      `${ref},${acct},${sec.isin},${side},${iso(td)},${iso(sd)},${qty},${priceTenK / 10000},${plainMoney(net)},${sec.ccy}`,
    );

    const r = i % 100;
    const id = sec.cusip && i % 3 === 0 ? sec.cusip : sec.sedol && i % 2 === 0 ? sec.sedol : sec.isin;
    if (r === 3) {
      inj("MISSING_RIGHT");
      continue;
    }
    if (r === 0) {
      const q = qty + 100;
      const g = Math.round((q * priceTenK) / 100);
      const f = Math.round(g * 0.0005);
      custLine(ref, acct, id, side, td, sd, q, priceTenK, side === "BUY" ? -(g + f) : g - f, sec.ccy);
      inj("QUANTITY");
    } else if (r === 1) {
      custLine(ref, acct, id, side, td, sd, qty, priceTenK + 1000, net, sec.ccy);
      inj("PRICE");
    } else if (r === 2) {
      custLine(ref, acct, id, side, td, addBusiness(sd, 1), qty, priceTenK, net, sec.ccy);
      inj("SETTLE_DATE");
    } else if (r === 5) {
      custLine("", acct, id, side, td, sd, qty, priceTenK, net, sec.ccy);
      custLine("", acct, id, side, td, sd, qty, priceTenK, net, sec.ccy);
      inj("DUPLICATE");
    } else if (r >= 10 && r <= 12 && qty > 1) {
      const q1 = Math.floor(qty * 0.6);
      const n1 = Math.round((net * q1) / qty);
      custLine(ref, acct, id, side, td, sd, q1, priceTenK, n1, sec.ccy);
      custLine(ref, acct, id, side, td, sd, qty - q1, priceTenK, net - n1, sec.ccy);
    } else if (r >= 20 && r <= 24) {
      custLine("", acct, id, side, td, sd, qty, priceTenK, net, sec.ccy);
    } else {
      custLine(ref, acct, id, side, td, sd, qty, priceTenK, net, sec.ccy);
    }
    if (r === 4) {
      // A trade only the custodian has, on a day and account of its own.
      custLine(`CX${String(i).padStart(8, "0")}`, "ACC-9999", sec.isin, side, td, sd, qty, priceTenK, net, sec.ccy);
      inj("MISSING_LEFT");
    }
  }
  books.close();
  cust.close();
  return {
    dir,
    books: join(dir, "books.csv"),
    custodian: join(dir, "custodian.csv"),
    master: join(dir, "master.csv"),
    rows,
    custodianRows,
    injected,
  };
}
