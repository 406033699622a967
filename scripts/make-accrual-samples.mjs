// Generates samples/accruals.xlsx deterministically (fixed data, seeded NAV walk, fixed workbook
// timestamps): the input of the month-end accrual workflow for a small fund, October 2026.
//   node scripts/make-accrual-samples.mjs
//   bo accrue --workbook samples/accruals.xlsx --period 2026-10 --out out/accruals.xlsx
//
// Northwind Income Fund (USD base; illustrative terms):
//   UST-2034   US Treasury 4.25% 15-Nov-2034, semi-annual, ACT/ACT ICMA (issued 15-Nov-2024)
//   CORP-2031  Northwind Capital 5.125% 01-Oct-2031, semi-annual 30/360: coupon received 1-Oct
//   UKT-2030   UK gilt 0 3/8% 22-Oct-2030, ACT/ACT ICMA, ex-dividend 7 London business days before
//              the coupon (trade date; 6 in settlement terms, see docs/accrual-workflow.md): goes ex
//              mid-month, coupon received 22-Oct; no Opening row, so its opening is computed
//   DEP-USD-1  USD time deposit 4.10% ACT/360, 15-Sep to 15-Dec
//   DEP-GBP-1  GBP deposit 3.95% ACT/365F, 31-Jul to 30-Oct: matures in the period, interest received
//   MGMT-A     management fee 1.00% to 20m, 0.75% above (marginal), annual minimum 300,000: the minimum bites
//   ADMIN-A    administration fee 6 bp flat on prior-day NAV
//   AUDIT      audit fee, annual budget 48,000 accrued per calendar day
//   BAD-2029   a bond entered with frequency 3: the demo's error row
import ExcelJS from "exceljs";
import { mkdirSync, writeFileSync } from "node:fs";

// The zip writer stamps every entry with "now" in local time: pin both so that the file is
// byte-for-byte the same on every run and machine (reviewable, diffable).
process.env.TZ = "UTC";

let seed = 20261031;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
// exceljs writes JavaScript Dates as Excel serials; UTC midnight keeps them time-zone free.
const d = (iso) => {
  const [y, m, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, day));
};

const wb = new ExcelJS.Workbook();
wb.creator = "Back Office Toolkit samples";
wb.created = wb.modified = new Date(Date.UTC(2026, 9, 31));

function sheet(name, title, headers, rows, formats) {
  const ws = wb.addWorksheet(name);
  ws.getCell("A1").value = title;
  ws.getCell("A1").font = { bold: true, size: 12 };
  ws.getRow(3).values = headers;
  ws.getRow(3).font = { bold: true };
  rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    row.values = r.map((v) => (v === undefined ? null : v));
    headers.forEach((h, c) => {
      const f = formats[h];
      if (f && r[c] !== undefined && r[c] !== null) row.getCell(c + 1).numFmt = f;
    });
  });
  headers.forEach((h, c) => (ws.getColumn(c + 1).width = Math.max(12, h.length + 2)));
  ws.getColumn(3).width = 44;
  ws.views = [{ state: "frozen", ySplit: 3 }];
  return ws;
}

const DATE = "yyyy-mm-dd";
const MONEY = "#,##0.00";
const PCT = "0.000%";

sheet(
  "Instruments",
  "Northwind Income Fund - instruments and accrual terms (October 2026 close)",
  [
    "Id",
    "Type",
    "Description",
    "Currency",
    "Face/Principal",
    "Rate",
    "Frequency",
    "Convention",
    "Issue",
    "First Coupon",
    "Maturity",
    "Start",
    "Ex Days",
    "Calendar",
  ],
  [
    [
      "UST-2034",
      "BOND",
      "US Treasury 4.25% 15-Nov-2034",
      "USD",
      5000000,
      0.0425,
      2,
      "ACT/ACT ICMA",
      d("2024-11-15"),
      null,
      d("2034-11-15"),
      null,
      null,
      "US",
    ],
    [
      "CORP-2031",
      "BOND",
      "Northwind Capital Corp 5.125% 01-Oct-2031",
      "USD",
      2000000,
      0.05125,
      2,
      "30/360",
      d("2021-10-01"),
      null,
      d("2031-10-01"),
      null,
      null,
      "US",
    ],
    [
      "UKT-2030",
      "BOND",
      "UK Treasury Gilt 0 3/8% 22-Oct-2030 (ex-div 7 business days)",
      "GBP",
      3000000,
      0.00375,
      2,
      "ACT/ACT ICMA",
      null,
      null,
      d("2030-10-22"),
      null,
      6,
      "UK",
    ],
    [
      "DEP-USD-1",
      "DEPOSIT",
      "USD time deposit 4.10%, Bank A",
      "USD",
      10000000,
      0.041,
      null,
      "ACT/360",
      null,
      null,
      d("2026-12-15"),
      d("2026-09-15"),
      null,
      "US",
    ],
    [
      "DEP-GBP-1",
      "DEPOSIT",
      "GBP time deposit 3.95%, Bank B",
      "GBP",
      2500000,
      0.0395,
      null,
      "ACT/365F",
      null,
      null,
      d("2026-10-30"),
      d("2026-07-31"),
      null,
      "UK",
    ],
    [
      "BAD-2029",
      "BOND",
      "Example Industries 6% 2029 (frequency typed as 3)",
      "USD",
      1000000,
      0.06,
      3,
      "30/360",
      d("2024-03-15"),
      null,
      d("2029-03-15"),
      null,
      null,
      "US",
    ],
  ],
  { "Face/Principal": MONEY, Rate: PCT, Issue: DATE, "First Coupon": DATE, Maturity: DATE, Start: DATE },
);

sheet(
  "Fees",
  "Northwind Income Fund - fee and expense terms",
  [
    "Id",
    "Type",
    "Description",
    "Currency",
    "Rate",
    "Annual Amount",
    "Base",
    "Days In Year",
    "Minimum",
    "Tiers",
    "Method",
    "Hurdle",
    "Hurdle Type",
    "High Water Mark",
    "Crystallisation",
    "Period Start",
  ],
  [
    [
      "MGMT-A",
      "MGMT",
      "Management fee: 1.00% to 20m, 0.75% above; minimum 300,000 a year",
      "USD",
      null,
      null,
      "NAV",
      "365",
      300000,
      "0:0.0100;20000000:0.0075",
      null,
    ],
    [
      "ADMIN-A",
      "ADMIN",
      "Administration fee 6 bp on prior-day NAV",
      "USD",
      0.0006,
      null,
      "NAV",
      "365",
      null,
      null,
      null,
    ],
    [
      "AUDIT",
      "EXPENSE",
      "Audit fee, annual budget accrued per calendar day",
      "USD",
      null,
      48000,
      null,
      "Actual",
      null,
      null,
      "per-day",
    ],
    // Performance fee: 10% of the gain per share over max(HWM, hurdle NAV), 2% a year hard hurdle from
    // the last crystallisation (31 Dec 2025, HWM 100.00), crystallised annually at 31 Dec. The fee is
    // computed at every NAV of the year; October's roll-forward is the change in the accrual.
    [
      "PERF-A",
      "PERF",
      "Performance fee 10% over HWM, 2% hard hurdle, annual crystallisation 31 Dec",
      "USD",
      0.1,
      null,
      null,
      "365",
      null,
      null,
      null,
      0.02,
      "hard",
      100,
      "annual",
      d("2025-12-31"),
    ],
  ],
  { Rate: PCT, "Annual Amount": MONEY, Minimum: MONEY, Hurdle: PCT, "High Water Mark": "0.0000", "Period Start": DATE },
);

// NAV on every weekday from the last September NAV to the last October business day.
const navRows = [];
let nav = 26150000;
for (let k = 0; k <= 30; k++) {
  const date = new Date(Date.UTC(2026, 8, 30 + k));
  const wd = date.getUTCDay();
  if (wd === 0 || wd === 6) continue;
  nav = Math.round(nav * (1 + (rnd() - 0.48) * 0.004) * 100) / 100;
  navRows.push([date, nav, Math.round((nav + 62000 + rnd() * 4000) * 100) / 100]);
}
// Per share for the performance fee: 250,000 shares in issue all month; NAV per share (before the
// performance-fee accrual) to 4 decimals. Derived from NAV, so the random walk above is unchanged.
const SHARES = 250000;
for (const row of navRows) row.push(Math.round((row[1] / SHARES) * 10000) / 10000, SHARES);
sheet(
  "NAV",
  "Northwind Income Fund - NAV (USD), after accruals",
  ["Date", "NAV", "GAV", "NAV per share", "Shares"],
  navRows,
  {
    Date: DATE,
    NAV: MONEY,
    GAV: MONEY,
    "NAV per share": "0.0000",
    Shares: "#,##0",
  },
);

// Last month's closing accruals. UKT-2030 has no row: its opening is computed from its terms.
sheet(
  "Opening",
  "Closing accruals brought forward from September 2026",
  ["Id", "Opening Accrual"],
  [
    ["UST-2034", 79687.5], // 5,000,000 x 4.25% x 138 / (2 x 184)
    ["CORP-2031", 50965.28], // 2,000,000 x 5.125% x 179 / 360
    ["DEP-USD-1", 17083.33], // 10,000,000 x 4.10% x 15 / 360
    ["DEP-GBP-1", 16503.42], // 2,500,000 x 3.95% x 61 / 365
    ["MGMT-A", 24657.53], // September: the minimum, 300,000 x 30 / 365
    ["ADMIN-A", 1290.41],
    ["AUDIT", 35901.37], // 48,000 x 273 / 365, January to September
  ],
  { "Opening Accrual": MONEY },
);

sheet(
  "Payments",
  "Cash received and paid, October 2026",
  ["Id", "Date", "Amount", "Description"],
  [
    ["CORP-2031", d("2026-10-01"), 51250, "Coupon 5.125% semi-annual"],
    ["MGMT-A", d("2026-10-08"), 24657.53, "September management fee"],
    ["UKT-2030", d("2026-10-22"), 5625, "Gilt coupon 0 3/8%"],
    ["DEP-GBP-1", d("2026-10-30"), 24619.86, "Deposit interest at maturity (91 days)"],
  ],
  { Date: DATE, Amount: MONEY },
);

sheet(
  "Holidays",
  "Holiday calendars (payment dates roll to the next business day; gilt ex-dividend dates count London business days)",
  ["Calendar", "Date", "Description"],
  [
    ["US", d("2026-10-12"), "Columbus Day"],
    ["US", d("2026-11-11"), "Veterans Day"],
    ["US", d("2026-11-26"), "Thanksgiving"],
    ["US", d("2026-12-25"), "Christmas Day"],
    ["UK", d("2026-08-31"), "Summer bank holiday"],
    ["UK", d("2026-12-25"), "Christmas Day"],
    ["UK", d("2026-12-28"), "Boxing Day (substitute)"],
  ],
  { Date: DATE },
);

mkdirSync("samples", { recursive: true });
const RealDate = Date;
const FIXED = RealDate.UTC(2026, 9, 31);
globalThis.Date = class extends RealDate {
  constructor(...args) {
    super(...(args.length ? args : [FIXED]));
  }
  static now() {
    return FIXED;
  }
};
try {
  writeFileSync("samples/accruals.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
} finally {
  globalThis.Date = RealDate;
}
console.log(`samples/accruals.xlsx: ${navRows.length} NAV dates`);
