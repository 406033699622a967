/**
 * Performance fees (Fees rows of Type PERF) in the month-end accrual workflow, through both doors:
 * the file adapter (the CLI's: an .xlsx written to a temporary folder) and the Office.js adapter on
 * the in-memory Excel host (the task pane's). The fee rules are computePerformanceFee's (docs/fees.md:
 * fee per share = rate x max(0, NAV per share - max(HWM, hurdle NAV)) under a hard hurdle, the whole
 * gain over the HWM once the hurdle is beaten under a soft one; hurdle NAV = HWM x (1 + r x days/365);
 * crystallisation at the last NAV on or before each annual period end, ESMA34-39-992). Every expected
 * amount below is worked by hand from those rules, with the arithmetic in the comments.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseIso } from "../../src/core/dates/civil";
import { computePerformanceFee } from "../../src/core/fees";
import { Decimal } from "../../src/core/money";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { monthPeriod, runAccruals } from "../../src/io/workflows/accruals";
import type { AccrualsRequest, AccrualsResult } from "../../src/io/workflows/accruals-types";

type Cell = string | number | boolean | null;
type Sheets = Record<string, Cell[][]>;
const D = (iso: string) => parseIso(iso)!;
const SEPTEMBER = monthPeriod("2026-09")!;
const OCTOBER = monthPeriod("2026-10")!;
const INSTRUMENTS: Cell[][] = [["Id", "Type", "Currency", "Face", "Rate", "Convention", "Maturity", "Start"]];
const FEES_HEAD: Cell[] = [
  "Id",
  "Type",
  "Currency",
  "Rate",
  "High Water Mark",
  "Period Start",
  "Hurdle",
  "Hurdle Type",
];

/**
 * The hand-worked fund: 20% over a HWM of 100.00 set at 2026-08-31, no hurdle, 1,000,000 shares,
 * NAV per share 104 at 30 September and 102 at 30 October (a Friday: the last NAV of the month).
 */
function reversalFund(): Sheets {
  return {
    Instruments: INSTRUMENTS,
    Fees: [FEES_HEAD, ["PF1", "PERF", "USD", 0.2, 100, "2026-08-31", null, null]],
    NAV: [
      ["Date", "NAV", "NAV per share", "Shares"],
      ["2026-09-30", 104000000, 104, 1000000],
      ["2026-10-30", 102000000, 102, 1000000],
    ],
  };
}

function request(sheets: Sheets, period: { from: number; to: number }, place = (s: string) => s): AccrualsRequest {
  return {
    instruments: { sheet: place("Instruments") },
    ...(sheets.Fees ? { fees: { sheet: place("Fees") } } : {}),
    ...(sheets.NAV ? { nav: { sheet: place("NAV") } } : {}),
    ...(sheets.Opening ? { opening: { sheet: place("Opening") } } : {}),
    ...(sheets.Payments ? { payments: { sheet: place("Payments") } } : {}),
    ...period,
  };
}

/** The task pane's door: the sheets typed into the memory host, the Office.js adapter over it. */
async function viaExcel(sheets: Sheets, period = OCTOBER) {
  const host = createMemoryHost();
  for (const [name, values] of Object.entries(sheets)) host.addSheet(name, values);
  const result = await runAccruals(new ExcelWorkbook(host.run), request(sheets, period));
  const table = (sheet: string, first: string) => rowsOf(host.getSheet(sheet).values, first);
  return { result, table };
}

/** The CLI's door: the same sheets saved as an .xlsx, read and written by the file adapter. */
async function viaFile(sheets: Sheets, period = OCTOBER) {
  const wb = new ExcelJS.Workbook();
  for (const [name, values] of Object.entries(sheets)) wb.addWorksheet(name).addRows(values);
  const path = join(mkdtempSync(join(tmpdir(), "bo-perf-")), "fund.xlsx");
  await wb.xlsx.writeFile(path);
  const port = new FileWorkbook();
  const result = await runAccruals(
    port,
    request(sheets, period, (s) => `${path}#${s}`),
  );
  const table = (sheet: string, first: string) => {
    const values: unknown[][] = [];
    port.outputWorkbook.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row) => {
      // Hyperlinked cells (each Id) read back as { text, hyperlink }.
      const plain = (v: unknown) => (v !== null && typeof v === "object" && "text" in v ? v.text : v);
      values.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? "date" : plain(v))));
    });
    return rowsOf(values, first);
  };
  return { result, table };
}

/** Rows of an output table as records by header, found by the header's first cell. */
function rowsOf(values: unknown[][], first: string): Record<string, unknown>[] {
  const h = values.findIndex((row) => row[0] === first);
  if (h < 0) throw new Error(`no header '${first}'`);
  const header = values[h].map(String);
  return values
    .slice(h + 1)
    .filter((row) => row.some((v) => v !== "" && v !== null && v !== undefined))
    .map((row) => Object.fromEntries(header.map((k, i) => [k, row[i] ?? null])));
}

const item = (r: AccrualsResult, id: string) => {
  const it = r.items.find((i) => i.id === id);
  if (!it) throw new Error(`no item ${id}: errors ${r.errors.join(" | ")}`);
  return it;
};
const n = (v: unknown) => new Decimal(v === null || v === "" || v === undefined ? 0 : (v as number));

describe.each([
  ["the file adapter (bo accrue)", viaFile],
  ["the Office.js adapter on the memory host (task pane)", viaExcel],
] as const)("hand-worked performance fee through %s", (_door, via) => {
  it("September: from the period start the accrual rises to 800,000 = 20% x (104 - 100) x 1,000,000", async () => {
    const { result } = await via(reversalFund(), SEPTEMBER);
    expect(result.errors).toEqual([]);
    const pf = item(result, "PF1");
    // No NAV between the period start (31 Aug, priced at the HWM: no fee) and 31 Aug: opening 0.
    expect(pf).toMatchObject({ type: "PERF", opening: "0.00", accrued: "800000.00", paid: "0.00" });
    expect(pf).toMatchObject({
      closing: "800000.00",
      check: "0",
      openingSource: "computed at period start 2026-08-31 (0)",
    });
  });

  it("October: 104 -> 102 takes the accrual from 800,000 to 400,000, a reversal of 400,000 booked as such", async () => {
    const { result, table } = await via(reversalFund());
    expect(result.errors).toEqual([]);
    const pf = item(result, "PF1");
    // Opening: 0.20 x (104 - 100) x 1,000,000 = 800,000 (September's closing, so the months chain).
    // Closing: 0.20 x (102 - 100) x 1,000,000 = 400,000. Accrued = 400,000 - 800,000 + 0 paid = -400,000.
    expect(pf).toMatchObject({ opening: "800000.00", accrued: "-400000.00", paid: "0.00", closing: "400000.00" });
    expect(pf.check).toBe("0");
    expect(pf.openingSource).toBe("computed at NAV of 2026-09-30");
    expect(pf.sources).toBe("Fees!2; NAV!2-3");
    expect(pf.notes.join(" ")).toMatch(/^reversal: the performance-fee accrual fell by 400,000\.00/);

    // The Accruals row ties from the cells as written.
    const acc = table("Accruals", "Id").find((r) => r.Id === "PF1")!;
    expect(
      n(acc["Opening accrual"])
        .plus(n(acc["Accrued in period"]))
        .minus(n(acc["Paid/received in period"]))
        .minus(n(acc["Closing accrual"]))
        .toString(),
    ).toBe("0");
    expect(acc["Accrued in period"]).toBe(-400000);
    expect(acc.Check).toBe(0);

    // Journal: a negative accrual swaps the sides, Dr Performance fee payable / Cr Performance fee expense.
    const lines = table("Journal", "Date").filter((r) => r.Item === "PF1");
    expect(lines.map((l) => [l.Account, l.Debit || null, l.Credit || null])).toEqual([
      ["Performance fee payable", 400000, null],
      ["Performance fee expense", null, 400000],
    ]);
    expect(String(lines[0].Narrative)).toMatch(/performance fee reversed/);

    // Schedule: the arithmetic per NAV date, 0.20 x excess = fee per share, x shares = accrual.
    const sched = table("Accrual schedule", "Item").filter((r) => r.Item === "PF1");
    const atNav = sched.filter((r) => /^Performance fee at NAV/.test(String(r.Line)));
    expect(
      atNav.map((r) => [
        r["NAV per share"],
        r.HWM,
        r["Hurdle NAV"],
        r["Excess per share"],
        r["Fee per share"],
        r.Shares,
        r.Amount,
      ]),
    ).toEqual([
      [104, 100, 100, 4, 0.8, 1000000, 800000],
      [102, 100, 100, 2, 0.4, 1000000, 400000],
    ]);
    expect(atNav.map((r) => r.Line)).toEqual(["Performance fee at NAV (before the period)", "Performance fee at NAV"]);
    expect(sched.find((r) => r.Line === "Closing: accrual at the NAV of 2026-10-30")?.Amount).toBe(400000);
  });

  it("crystallisation with a 5% hard hurdle: the year's fee is paid on 30 Oct 2026 and the accrual closes at 0", async () => {
    const sheets: Sheets = {
      Instruments: INSTRUMENTS,
      Fees: [FEES_HEAD, ["PF2", "PERF", "USD", 0.2, 100, "2025-10-31", 0.05, "hard"]],
      NAV: [
        ["Date", "NAV", "NAV per share", "Shares"],
        ["2026-09-30", 110000000, 110, 1000000],
        ["2026-10-30", 112000000, 112, 1000000],
      ],
    };
    const { result, table } = await via(sheets);
    expect(result.errors).toEqual([]);
    const pf = item(result, "PF2");
    // 30 Sep: 334 days since 31 Oct 2025; hurdle NAV = 100 x (1 + 5% x 334/365) = 104.575342...;
    //   fee per share = 0.20 x (110 - 104.575342...) = 1.084931...; x 1,000,000 = 1,084,931.51.
    const hurdleSep = new Decimal(100).times(new Decimal(0.05).times(334).div(365).plus(1));
    const openingFull = new Decimal(0.2).times(new Decimal(110).minus(hurdleSep)).times(1000000);
    expect(pf.opening).toBe(openingFull.toFixed(2));
    expect(pf.opening).toBe("1084931.51");
    // 30 Oct (364 days; the last NAV on or before the period end 31 Oct 2026): hurdle NAV 104.986301...,
    //   fee per share 0.20 x (112 - 104.986301...) = 1.402739...; crystallised 1,402,739.73, paid.
    expect(pf.paid).toBe("1402739.73");
    expect(pf.closing).toBe("0.00");
    // Accrued = 0 - 1,084,931.51 + 1,402,739.73 = 317,808.22.
    expect(pf.accrued).toBe("317808.22");
    expect(pf.check).toBe("0");
    // HWM after = NAV after the fee = 112 - 1.402739... = 110.597260...
    expect(pf.notes.join(" ")).toMatch(
      /crystallised 1,402,739\.73 on 2026-10-30 \(period end\); HWM 100 -> 110\.5972602739726/,
    );
    // Schedule at 30 Oct: hurdle NAV 100 + 5 x 364/365 = 104.986301...; excess over it 7.013698...
    //   (hard hurdle: the excess over max(HWM, hurdle NAV)); fee per share = 0.20 x excess.
    const at = table("Accrual schedule", "Item").filter((r) => r.Item === "PF2" && r.Line === "Performance fee at NAV");
    expect(at).toHaveLength(1);
    const hurdleOct = new Decimal(100).plus(new Decimal(5).times(364).div(365));
    expect(at[0]["Hurdle NAV"]).toBeCloseTo(hurdleOct.toNumber(), 10);
    expect(at[0]["Excess per share"]).toBeCloseTo(new Decimal(112).minus(hurdleOct).toNumber(), 10);
    expect(at[0]["Fee per share"]).toBeCloseTo(new Decimal(112).minus(hurdleOct).times(0.2).toNumber(), 10);
    const pay = table("Journal", "Date").filter((r) => r.Item === "PF2" && String(r.Journal).startsWith("PAY"));
    expect(pay.map((l) => [l.Account, l.Debit || null, l.Credit || null])).toEqual([
      ["Performance fee payable", 1402739.73, null],
      ["Cash", null, 1402739.73],
    ]);
  });

  it("a soft hurdle charges the whole gain over the HWM once beaten: 0.20 x (112 - 100) x 1,000,000 = 2,400,000", async () => {
    const sheets: Sheets = {
      Instruments: INSTRUMENTS,
      Fees: [FEES_HEAD, ["PF3", "PERF", "USD", 0.2, 100, "2025-12-31", 0.05, "soft"]],
      NAV: [
        ["Date", "NAV", "NAV per share", "Shares"],
        ["2026-09-30", 103000000, 103, 1000000],
        ["2026-10-30", 112000000, 112, 1000000],
      ],
    };
    const pf = item((await via(sheets)).result, "PF3");
    // 30 Sep: hurdle NAV 100 x (1 + 5% x 273/365) = 103.739726... > 103: not beaten, opening 0.
    expect(pf.opening).toBe("0.00");
    expect(pf.closing).toBe("2400000.00");
    expect(pf.accrued).toBe("2400000.00");
  });

  it("a NAV sheet without a Shares column: the error names the sheet and column; the PERF item is left out, the rest computed", async () => {
    const sheets: Sheets = {
      Instruments: INSTRUMENTS,
      Fees: [FEES_HEAD, ["PF1", "PERF", "USD", 0.2, 100, "2026-08-31", null, null], ["M1", "MGMT", "USD", 0.01]],
      NAV: [
        ["Date", "NAV", "GAV per share"],
        ["2026-09-30", 104000000, 104],
        ["2026-10-30", 102000000, 102],
      ],
    };
    const { result, table } = await via(sheets);
    expect(result.errors).toEqual([
      "sheet 'NAV', row 1, column 'Shares': performance fee PF1 needs a 'Shares' column (or 'Shares Outstanding') on the NAV sheet, and header row 1 has none",
    ]);
    expect(result.items.map((i) => i.id)).toEqual(["M1"]);
    expect(result.totals.itemsLeftOut).toBe(1);
    expect(table("Accrual errors", "Sheet")).toEqual([
      expect.objectContaining({ Sheet: "NAV", Row: 1, Column: "Shares", Item: "PF1", Kind: "missing-column" }),
    ]);
  });
});

describe("performance fee input errors and the opening and payments sheets (memory host)", () => {
  it("no NAV per share column: the error names the NAV sheet and the column", async () => {
    const s = reversalFund();
    s.NAV = s.NAV.map((r) => [r[0], r[1], r[3]]);
    const { result } = await viaExcel(s);
    expect(result.errors).toEqual([
      "sheet 'NAV', row 1, column 'NAV per share': performance fee PF1 needs a 'NAV per share' column (or 'GAV per share') on the NAV sheet, and header row 1 has none",
    ]);
    expect(result.items).toEqual([]);
  });

  it("a blank NAV per share on a NAV date of the period names that cell", async () => {
    const s = reversalFund();
    s.NAV[2][2] = null;
    const { result } = await viaExcel(s);
    expect(result.errors).toEqual([
      "sheet 'NAV', row 3, column 'NAV per share' (C): performance fee PF1 needs 'NAV per share' on every NAV date from 2026-09-01 to 2026-10-31; the cell for 2026-10-30 is blank",
    ]);
  });

  it("crystallising more often than once a year is refused on the Crystallisation cell (ESMA34-39-992 guideline 3)", async () => {
    const s = reversalFund();
    s.Fees[0] = [...FEES_HEAD, "Crystallisation"];
    s.Fees[1] = [...s.Fees[1], "quarterly"];
    const { result } = await viaExcel(s);
    expect(result.errors[0]).toMatch(
      /^sheet 'Fees', row 2, column 'Crystallisation' \(I\): crystallisation every 3 months is more often than once a year/,
    );
  });

  it("a Period Start whose year ended before the month is refused on that cell (the HWM may have moved since)", async () => {
    const s = reversalFund();
    s.Fees[1][5] = "2025-09-30"; // annual: that period ended 2026-09-30, before October
    const { result } = await viaExcel(s);
    expect(result.errors).toEqual([
      "sheet 'Fees', row 2, column 'Period Start' (F): the crystallisation period that opened on 2025-09-30 ended on 2026-09-30, before 2026-10-01: set Period Start and High Water Mark to those of the last crystallisation",
    ]);
  });

  it("a given opening that differs from the computed one is used and noted; the roll-forward still ties", async () => {
    const s = reversalFund();
    s.Opening = [
      ["Id", "Opening Accrual"],
      ["PF1", 750000],
    ];
    const pf = item((await viaExcel(s)).result, "PF1");
    expect(pf.opening).toBe("750000.00");
    expect(pf.openingSource).toBe("Opening!B2");
    // 400,000 - 750,000 = -350,000: the 50,000 the opening is short of shows in accrued.
    expect(pf.accrued).toBe("-350000.00");
    expect(pf.check).toBe("0");
    expect(pf.notes[0]).toBe("opening 750,000.00 differs from the computed 800,000.00 (computed at NAV of 2026-09-30)");
  });
});

describe("a Payments row for a performance fee (memory host)", () => {
  it("is compared with what crystallised (nothing in October here) and noted; the crystallisations are what is booked", async () => {
    const s = reversalFund();
    s.Payments = [
      ["Id", "Date", "Amount"],
      ["PF1", "2026-10-05", 50000],
    ];
    const pf = item((await viaExcel(s)).result, "PF1");
    expect(pf.paid).toBe("0.00");
    expect(pf.accrued).toBe("-400000.00");
    expect(pf.notes).toContain(
      "Payments shows 50,000.00 paid, which differs from the 0.00 crystallised in the period (the crystallisations are booked)",
    );
  });
});

describe("redemptions crystallise the fee on the redeemed shares (memory host)", () => {
  it("400,000 of 1,000,000 shares redeem at 102: 0.40 x 400,000 = 160,000 paid, 240,000 stays accrued", async () => {
    const s = reversalFund();
    s.NAV[2][3] = 600000;
    const { result, table } = await viaExcel(s);
    const pf = item(result, "PF1");
    // Fee per share at 102 is 0.20 x (102 - 100) = 0.40 (docs/fees.md, crystalliseOnRedemption):
    //   redeemed 400,000 x 0.40 = 160,000 crystallised and paid; 600,000 x 0.40 = 240,000 accrued.
    //   Accrued = 240,000 - 800,000 + 160,000 = -400,000 (the same fall in fee per share, 0.40, on 1,000,000).
    expect(pf).toMatchObject({ opening: "800000.00", paid: "160000.00", closing: "240000.00" });
    expect(pf).toMatchObject({ accrued: "-400000.00", check: "0" });
    expect(pf.notes.join(" ")).toMatch(/crystallised 160,000\.00 on 2026-10-30 \(redemption\); HWM 100 -> 100/);
    const pay = table("Journal", "Date").filter((r) => r.Item === "PF1" && String(r.Journal).startsWith("PAY"));
    expect(pay.map((l) => [l.Account, l.Debit || null, l.Credit || null])).toEqual([
      ["Performance fee payable", 160000, null],
      ["Cash", null, 160000],
    ]);
  });
});

describe("a crystallisation period that starts inside the month (memory host)", () => {
  it("opens at 0 and says so: 20% x (102 - 100) x 1,000,000 = 400,000 accrued from a 15 Oct start", async () => {
    const s = reversalFund();
    s.Fees[1][5] = "2026-10-15";
    const pf = item((await viaExcel(s)).result, "PF1");
    // Only the 30 Oct NAV is after the start: accrual 0.20 x (102 - 100) x 1,000,000 = 400,000.
    expect(pf).toMatchObject({ opening: "0.00", accrued: "400000.00", closing: "400000.00", check: "0" });
    expect(pf.openingSource).toBe("computed at period start 2026-10-15 (0)");
    expect(pf.notes[0]).toMatch(
      /^the crystallisation period starts inside the month \(2026-10-15\): opening taken as 0/,
    );
  });
});

describe("property: the PERF roll-forward ties exactly and chains from month to month", () => {
  it("random NAV per share paths, rates and shares: check 0, September closing = October opening, accrued = the engine's changes", async () => {
    const navDays = ["2026-09-15", "2026-09-30", "2026-10-15", "2026-10-30"];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 8000, max: 13000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 1000, max: 3000000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        async (prices, shares, pct) => {
          const perShare = prices.map((p) => new Decimal(p).div(100));
          const rate = new Decimal(pct).div(100);
          const sheets: Sheets = {
            Instruments: INSTRUMENTS,
            Fees: [FEES_HEAD, ["PF", "PERF", "USD", rate.toNumber(), 100, "2026-08-31", null, null]],
            NAV: [
              ["Date", "NAV", "NAV per share", "Shares"],
              ...navDays.map((d, i) => [d, 1, perShare[i].toNumber(), shares[i]]),
            ],
          };
          const sep = item((await viaExcel(sheets, SEPTEMBER)).result, "PF");
          const oct = item((await viaExcel(sheets, OCTOBER)).result, "PF");
          for (const x of [sep, oct]) {
            expect(x.check).toBe("0");
            expect(new Decimal(x.opening).plus(x.accrued).minus(x.paid).toFixed(2)).toBe(x.closing);
          }
          expect(oct.opening).toBe(sep.closing);
          // The engine directly (period end 31 Aug 2027, so nothing crystallises): October's expense
          // is the sum of the day-by-day changes at its NAVs (redemptions included), to the cent.
          const engine = computePerformanceFee(
            { rate, initialPrice: new Decimal(100), firstCrystallisation: D("2027-08-31") },
            [{ day: D("2026-08-31"), gav: new Decimal(100), shares: new Decimal(shares[0]) }].concat(
              navDays.map((d, i) => ({ day: D(d), gav: perShare[i], shares: new Decimal(shares[i]) })),
            ),
          );
          const octChange = engine.rows
            .filter((r) => r.day >= OCTOBER.from)
            .reduce((s, r) => s.plus(r.change), new Decimal(0));
          expect(new Decimal(oct.accrued).minus(octChange).abs().lte("0.02")).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
