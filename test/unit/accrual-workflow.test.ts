/**
 * The month-end accrual workflow on the bundled sample (samples/accruals.xlsx, made by
 * scripts/make-accrual-samples.mjs) through both doors: the file adapter (the CLI's) and the Office.js
 * adapter on the in-memory Excel host (the task pane's). Expected amounts are worked by hand from the
 * conventions' published definitions (ISDA 2006 §4.16, ICMA Rule 251) and cited per test.
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { bondAccrued } from "../../src/core/accrual/bond";
import { holidayCalendar } from "../../src/core/calendar/calendar";
import { dayFromCivil, parseIso } from "../../src/core/dates/civil";
import { serialFromDay } from "../../src/core/dates/excel-serial";
import { Decimal, roundMoney } from "../../src/core/money";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost, MemoryHost } from "../../src/excel/memory-host";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { monthPeriod, runAccruals } from "../../src/io/workflows/accruals";
import type { AccrualsRequest, AccrualsResult } from "../../src/io/workflows/accruals-types";
import { cmdAccrue } from "../../src/cli/accrue";

const root = resolve(__dirname, "../..");
const SAMPLE = join(root, "samples/accruals.xlsx");
const D = (iso: string) => parseIso(iso)!;
const OCTOBER = monthPeriod("2026-10")!;

function fileRequest(extra: Partial<AccrualsRequest> = {}): AccrualsRequest {
  const s = (name: string) => ({ sheet: `${SAMPLE}#${name}` });
  return {
    instruments: s("Instruments"),
    fees: s("Fees"),
    nav: s("NAV"),
    opening: s("Opening"),
    payments: s("Payments"),
    holidays: s("Holidays"),
    ...OCTOBER,
    outputDateSystem: "1900",
    ...extra,
  };
}

/** The sample's sheets typed into the memory host as a user's workbook: dates as serials with date formats. */
async function hostWithSample(): Promise<MemoryHost> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const host = createMemoryHost();
  for (const ws of wb.worksheets) {
    const values: (string | number | boolean | null)[][] = [];
    const formats: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const vr: (string | number | boolean | null)[] = [];
      const fr: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = ws.getCell(r, c);
        const v = cell.value;
        if (v instanceof Date)
          vr.push(serialFromDay(dayFromCivil(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate())));
        else if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") vr.push(v);
        else vr.push(null);
        fr.push(cell.numFmt || "General");
      }
      values.push(vr);
      formats.push(fr);
    }
    host.addSheet(ws.name, values, formats);
  }
  return host;
}

function hostRequest(): AccrualsRequest {
  return {
    instruments: { sheet: "Instruments" },
    fees: { sheet: "Fees" },
    nav: { sheet: "NAV" },
    opening: { sheet: "Opening" },
    payments: { sheet: "Payments" },
    holidays: { sheet: "Holidays" },
    ...OCTOBER,
  };
}

const item = (r: AccrualsResult, id: string) => {
  const it = r.items.find((i) => i.id === id);
  if (!it) throw new Error(`no item ${id} in ${r.items.map((i) => i.id).join(", ")}`);
  return it;
};

/** Rows of an output table: header found by its first cell, then the rows under it. */
function tableRows(values: unknown[][], firstHeader: string): { header: string[]; rows: unknown[][] } {
  const h = values.findIndex((row) => row[0] === firstHeader);
  if (h < 0) throw new Error(`no header '${firstHeader}'`);
  const header = values[h].map(String);
  const rows = values.slice(h + 1).filter((row) => row.some((v) => v !== "" && v !== null && v !== undefined));
  return { header, rows };
}

const dec = (v: unknown) => new Decimal(v === "" || v === null || v === undefined ? 0 : (v as number));

describe("the sample fund, October 2026, through the file adapter (the CLI's door)", () => {
  let result: AccrualsResult;
  let port: FileWorkbook;
  beforeAll(async () => {
    port = new FileWorkbook();
    result = await runAccruals(port, fileRequest());
  });

  it("rolls forward the nine good items and leaves out the frequency-3 bond with an error naming sheet, row and column", () => {
    expect(result.items.map((i) => i.id)).toEqual([
      "UST-2034",
      "CORP-2031",
      "UKT-2030",
      "DEP-USD-1",
      "DEP-GBP-1",
      "MGMT-A",
      "ADMIN-A",
      "AUDIT",
      "PERF-A",
    ]);
    expect(result.errors).toEqual([
      "sheet 'Instruments', row 9, column 'Frequency' (G): frequency must be 1, 2, 4 or 12 payments a year, found 3",
    ]);
    expect(result.totals.itemsLeftOut).toBe(1);
    expect(result.sheets).toEqual(["Accruals", "Journal", "Accrual schedule", "Accrual errors"]);
  });

  it("every roll-forward ties exactly: opening + accrued - paid = closing in Decimal, and the check is 0", () => {
    for (const it of result.items) {
      const lhs = new Decimal(it.opening).plus(it.accrued).minus(it.paid);
      expect({ id: it.id, diff: lhs.minus(it.closing).toString(), check: it.check }).toEqual({
        id: it.id,
        diff: "0",
        check: "0",
      });
    }
  });

  it("the written Accruals table ties row by row, recomputed from the cells", () => {
    const ws = port.outputWorkbook.getWorksheet("Accruals")!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    const { header, rows } = tableRows(values, "Id");
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      const diff = dec(row[col("Opening accrual")])
        .plus(dec(row[col("Accrued in period")]))
        .minus(dec(row[col("Paid/received in period")]))
        .minus(dec(row[col("Closing accrual")]));
      expect(diff.isZero()).toBe(true);
      expect(row[col("Check")]).toBe(0);
    }
    expect(ws.getCell(`E${values.findIndex((r) => r[0] === "Id") + 2}`).numFmt).toMatch(/#,##0\.00/);
  });

  it("the journal balances per currency, and every accrual and payment is in it", () => {
    expect(Object.keys(result.totals.byCurrency)).toEqual(["GBP", "USD"]);
    for (const t of Object.values(result.totals.byCurrency)) {
      expect(t.debits).toBe(t.credits);
      expect(new Decimal(t.debits).gt(0)).toBe(true);
    }
    const ws = port.outputWorkbook.getWorksheet("Journal")!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    const { header, rows } = tableRows(values, "Date");
    const col = (name: string) => header.indexOf(name);
    const byCcy = new Map<string, Decimal>();
    for (const row of rows) {
      const c = String(row[col("Currency")]);
      byCcy.set(c, (byCcy.get(c) ?? new Decimal(0)).plus(dec(row[col("Amount")])));
      // Exactly one side per line.
      expect((row[col("Debit")] === "") !== (row[col("Credit")] === "")).toBe(true);
    }
    expect([...byCcy.values()].every((s) => s.isZero())).toBe(true);
    // 9 accruals + 4 payments, two lines each (sample: Payments sheet has 4 rows in October; the
    // performance fee does not crystallise in October, so it has no payment).
    expect(rows).toHaveLength(26);
    // Dates are serials formatted yyyy-mm-dd (exceljs reads them back as Dates).
    expect(ws.getCell(`A${values.findIndex((r) => r[0] === "Date") + 2}`).numFmt).toBe("yyyy-mm-dd");
  });

  it("UST 4.25% 2034: closing = bondAccrued at 2026-10-31 = 5,000,000 x 4.25% x 169 / (2 x 184) = 97,588.32 (ICMA Rule 251)", () => {
    const direct = bondAccrued({
      settlement: D("2026-10-31"),
      maturity: D("2034-11-15"),
      issue: D("2024-11-15"),
      rate: "0.0425",
      frequency: 2,
      convention: "ACT/ACT ICMA",
      face: 5000000,
    });
    const ust = item(result, "UST-2034");
    expect(ust.closing).toBe(roundMoney(direct.accrued, "USD").toFixed(2));
    expect(ust.closing).toBe("97588.32");
    expect(ust.opening).toBe("79687.50"); // Opening sheet; = 212,500 x 138 / 368
    expect(ust.accrued).toBe("17900.82"); // 212,500 x 31 / 368 = 17,900.815...
    expect(ust.notes).toEqual([]);
  });

  it("corporate 5.125% 30/360: coupon received on 1 Oct; closing = bondAccrued at 31 Oct = 2,000,000 x 5.125% x 30/360 (ISDA 2006 §4.16(f))", () => {
    const corp = item(result, "CORP-2031");
    const direct = bondAccrued({
      settlement: D("2026-10-31"),
      maturity: D("2031-10-01"),
      issue: D("2021-10-01"),
      rate: "0.05125",
      frequency: 2,
      convention: "30/360",
      face: 2000000,
    });
    expect(corp.closing).toBe(roundMoney(direct.accrued, "USD").toFixed(2));
    expect(corp.closing).toBe("8541.67");
    expect(corp.paid).toBe("51250.00");
    // 31 days of 30/360 interest: 30 Sep -> 1 Oct (1) + 1 Oct -> 31 Oct (30): 102,500 x 31 / 360.
    expect(corp.accrued).toBe("8826.39");
  });

  it("gilt 0 3/8% 2030 without an Opening row: opening computed at 30 Sep, coupon 5,625 received 22 Oct, closing 9 days of the next period", () => {
    const g = item(result, "UKT-2030");
    expect(g.openingSource).toBe("computed at 2026-09-30");
    // 3,000,000 x 0.375% / 2 = 5,625 a period; 161 of 183 days at 30 Sep, 9 of 182 at 31 Oct (ICMA Rule 251).
    expect(g.opening).toBe(roundMoney(new Decimal(11250).times(161).div(366), "GBP").toFixed(2));
    expect(g.closing).toBe(roundMoney(new Decimal(11250).times(9).div(364), "GBP").toFixed(2));
    expect(g.paid).toBe("5625.00");
  });

  it("known-answer deposit: USD 10,000,000 at 4.10% ACT/360 from 15 Sep: closing 46 days = 52,388.89, accrued 31 days = 35,305.56 (ISDA 2006 §4.16(e))", () => {
    const dep = item(result, "DEP-USD-1");
    expect(dep.closing).toBe("52388.89"); // 410,000 x 46 / 360 = 52,388.888...
    expect(dep.accrued).toBe("35305.56"); // 52,388.89 - 17,083.33
    expect(new Decimal(410000).times(31).div(360).toDecimalPlaces(2).toFixed(2)).toBe("35305.56");
  });

  it("a deposit maturing in the period closes at 0 once its interest (91 days ACT/365F) is received", () => {
    const dep = item(result, "DEP-GBP-1");
    expect(dep.closing).toBe("0.00");
    expect(dep.paid).toBe("24619.86"); // 2,500,000 x 3.95% x 91 / 365 = 24,619.863...
    expect(dep.notes).toEqual([]); // the payment equals the interest due: the income check is quiet
  });

  it("the tiered management fee is held at its pro-rated minimum: 300,000 x 31 / 365 = 25,479.45", () => {
    const m = item(result, "MGMT-A");
    expect(m.accrued).toBe("25479.45");
    expect(m.paid).toBe("24657.53");
    expect(m.notes.join(" ")).toMatch(/minimum fee applies/);
  });

  it("the audit fee accrues 48,000 / 365 a day for 31 days (per-day, actual days in 2026)", () => {
    expect(item(result, "AUDIT").accrued).toBe(new Decimal(48000).times(31).div(365).toDecimalPlaces(2).toFixed(2));
  });

  it("the performance fee (10% over HWM 100, 2% hard hurdle from 31 Dec 2025, 250,000 shares) moves with NAV per share", () => {
    const p = item(result, "PERF-A");
    // Opening at the NAV of 30 Sep (273 days): hurdle NAV = 100 x (1 + 2% x 273/365) = 101.495890...;
    //   accrual = 10% x (104.4455 - 101.495890...) x 250,000 = 73,740.24 (docs/fees.md, hard hurdle).
    const accrual = (perShare: string, days: number) =>
      new Decimal(perShare)
        .minus(new Decimal(100).times(new Decimal("0.02").times(days).div(365).plus(1)))
        .times("0.1")
        .times(250000)
        .toDecimalPlaces(2);
    expect(p.opening).toBe(accrual("104.4455", 273).toFixed(2));
    expect(p.opening).toBe("73740.24");
    // Closing at the NAV of 30 Oct (303 days): 10% x (105.4577 - 101.660273...) x 250,000 = 94,935.65.
    expect(p.closing).toBe(accrual("105.4577", 303).toFixed(2));
    expect(p.closing).toBe("94935.65");
    expect(p.paid).toBe("0.00"); // the year crystallises on 31 Dec
    expect(p.accrued).toBe("21195.41");
    expect(p.openingSource).toBe("computed at NAV of 2026-09-30");
  });

  it("the schedule sheet carries every line an auditor needs, with dates formatted yyyy-mm-dd", () => {
    const ws = port.outputWorkbook.getWorksheet("Accrual schedule")!;
    const values: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    const { header, rows } = tableRows(values, "Item");
    expect(header).toEqual(expect.arrayContaining(["Period start", "Period end", "Days", "Year fraction", "Amount"]));
    const firstRow = values.findIndex((r) => r[0] === "Item") + 2;
    expect(ws.getCell(firstRow, header.indexOf("From") + 1).numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell(firstRow, header.indexOf("Year fraction") + 1).numFmt).toBe("0.0000000000");
    // 31 daily fee lines for each of the two NAV fees, 31 daily expense lines for the audit fee.
    expect(rows.filter((r) => r[0] === "MGMT-A" && r[2] === "Daily fee")).toHaveLength(31);
    expect(rows.filter((r) => r[0] === "AUDIT" && r[2] === "Daily expense")).toHaveLength(31);
    // One performance-fee line per NAV date: 30 Sep (the opening) and the 22 NAV dates of October.
    expect(rows.filter((r) => r[0] === "PERF-A" && /^Performance fee at NAV/.test(String(r[2])))).toHaveLength(23);
    // Income lines of each instrument add up to its accrued amount (to the cent).
    for (const id of ["UST-2034", "CORP-2031", "UKT-2030", "DEP-USD-1", "DEP-GBP-1"]) {
      const income = rows
        .filter((r) => r[0] === id && /earned in the period/.test(String(r[2])))
        .reduce((s, r) => s.plus(dec(r[header.indexOf("Amount")])), new Decimal(0));
      expect(income.toDecimalPlaces(2).minus(item(result, id).accrued).abs().lte("0.01")).toBe(true);
    }
  });
});

describe("the same sample through the Office.js adapter on the memory host (the task pane's door)", () => {
  it("gives the same roll-forward as the file door and writes four tables with number formats", async () => {
    const host = await hostWithSample();
    const port = new ExcelWorkbook(host.run);
    const excel = await runAccruals(port, hostRequest());
    const file = await runAccruals(new FileWorkbook(), fileRequest());
    expect(excel.items).toEqual(file.items);
    expect(excel.errors).toEqual(file.errors);
    const acc = host.getSheet("Accruals");
    expect(acc.tables).toHaveLength(1);
    const { header, rows } = tableRows(acc.values, "Id");
    expect(rows).toHaveLength(9);
    const opening = header.indexOf("Opening accrual");
    const hRow = acc.values.findIndex((r) => r[0] === "Id");
    expect(acc.numberFormats[hRow + 1][opening]).toMatch(/#,##0\.00/);
    for (const row of rows) {
      const tie = dec(row[opening])
        .plus(dec(row[opening + 1]))
        .minus(dec(row[opening + 2]))
        .minus(dec(row[opening + 3]));
      expect(tie.isZero()).toBe(true);
    }
    const journal = host.getSheet("Journal");
    const j = tableRows(journal.values, "Date");
    const jRow = journal.values.findIndex((r) => r[0] === "Date");
    expect(journal.numberFormats[jRow + 1][0]).toBe("yyyy-mm-dd");
    // The accrual lines are dated 2026-10-31 as the workbook's own serial.
    expect(j.rows[0][0]).toBe(serialFromDay(D("2026-10-31")));
    expect(
      host.getSheet("Accrual errors").values.some((r) => r[0] === "Instruments" && r[1] === 9 && r[2] === "Frequency"),
    ).toBe(true);
  });

  it("links each Accruals Id to its input row and each error's Cell to the bad cell, in the same workbook", async () => {
    const host = await hostWithSample();
    await runAccruals(new ExcelWorkbook(host.run), hostRequest());
    const acc = host.getSheet("Accruals");
    const hRow = acc.values.findIndex((r) => r[0] === "Id");
    const first = `A${hRow + 2}`; // the first body row, as an A1 address
    expect(acc.values[hRow + 1][0]).toBe("UST-2034");
    expect(Object.values(acc.hyperlinks[first] ?? {}).join(" ")).toContain("'Instruments'!A4");
    const errors = host.getSheet("Accrual errors");
    const eRow = errors.values.findIndex((r) => r[0] === "Sheet");
    expect(Object.values(errors.hyperlinks[`D${eRow + 2}`] ?? {}).join(" ")).toContain("'Instruments'!G9");
    // Notes that say "differs" are filled (none in the sample, but the rule is on the Notes column).
    expect(acc.conditionalFormats.some((f) => f.address.includes("L"))).toBe(true);
  });

  it("re-running replaces its own sheets instead of adding copies", async () => {
    const host = await hostWithSample();
    const port = new ExcelWorkbook(host.run);
    await runAccruals(port, hostRequest());
    const before = host.sheetNames();
    const again = await runAccruals(port, hostRequest());
    expect(again.sheets).toEqual(["Accruals", "Journal", "Accrual schedule", "Accrual errors"]);
    expect(host.sheetNames()).toEqual(before);
  });
});

describe("ex-coupon at the period end: the holder's receivable is the bond's (negative) accrued interest plus the coupon it will receive", () => {
  it("gilt on 2026-10-15 (ex since 14 Oct): closing = bondAccrued(15 Oct) + 5,625 = 3,000,000 x 0.375% x 176 / (2 x 183)", async () => {
    const r = await runAccruals(new FileWorkbook(), fileRequest({ from: D("2026-10-01"), to: D("2026-10-15") }));
    const g = item(r, "UKT-2030");
    const ex = bondAccrued({
      settlement: D("2026-10-15"),
      maturity: D("2030-10-22"),
      rate: "0.00375",
      frequency: 2,
      convention: "ACT/ACT ICMA",
      face: 3000000,
      exCouponDays: 6,
      calendar: holidayCalendar([D("2026-08-31"), D("2026-12-25"), D("2026-12-28")]),
    });
    expect(ex.exCoupon).toBe(true);
    expect(ex.accrued.isNegative()).toBe(true);
    expect(g.closing).toBe(roundMoney(ex.accrued.plus(5625), "GBP").toFixed(2));
    expect(g.closing).toBe(roundMoney(new Decimal(11250).times(176).div(366), "GBP").toFixed(2));
    expect(g.check).toBe("0");
  });
});

describe("bo accrue (cmdAccrue)", () => {
  it("writes the output workbook and prints the summary and the error with its sheet, row and column", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "bo-accrue-")), "accruals.xlsx");
    const chunks: string[] = [];
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
      chunks.push(String(s));
      return true;
    });
    try {
      await cmdAccrue(["--workbook", SAMPLE, "--period", "2026-10", "--out", out]);
    } finally {
      spy.mockRestore();
    }
    const text = chunks.join("");
    expect(text).toMatch(/^Accruals 2026-10-01 to 2026-10-31: 9 items rolled forward, 1 left out, 1 input error/);
    expect(text).toContain("sheet 'Instruments', row 9, column 'Frequency' (G)");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Accruals", "Journal", "Accrual schedule", "Accrual errors"]);
    // The Id links back to the input row, in the input file, relative to the output workbook.
    const ws = wb.getWorksheet("Accruals")!;
    let idCell: ExcelJS.Cell | undefined;
    ws.eachRow((row) => {
      if (!idCell && row.getCell(1).text === "UST-2034") idCell = row.getCell(1);
    });
    const rel = relative(dirname(out), SAMPLE).split(sep).join("/");
    expect(idCell!.hyperlink).toBe(`${rel}#'Instruments'!A4`);
  });

  it("refuses a period that is not a month, and --period with --from", async () => {
    await expect(cmdAccrue(["--workbook", SAMPLE, "--period", "2026-13"])).rejects.toThrow(/yyyy-mm/);
    await expect(cmdAccrue(["--workbook", SAMPLE, "--period", "2026-10", "--from", "2026-10-01"])).rejects.toThrow(
      /not both/,
    );
    await expect(cmdAccrue(["--workbook", SAMPLE])).rejects.toThrow(/--period/);
  });

  it("monthPeriod: 2028-02 is 1 to 29 February (leap year), 2026-12 ends on 31 December", () => {
    expect(monthPeriod("2028-02")).toEqual({ from: D("2028-02-01"), to: D("2028-02-29") });
    expect(monthPeriod("2026-12")).toEqual({ from: D("2026-12-01"), to: D("2026-12-31") });
    expect(monthPeriod("October")).toBeUndefined();
  });
});
