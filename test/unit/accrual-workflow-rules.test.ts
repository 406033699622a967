/**
 * Rules of the accrual workflow beyond the sample: the independent income check, loans as payables,
 * deposits paying periodic interest, the default calendar, bonds issued or maturing inside the period.
 * Expected amounts are hand-worked from the conventions' definitions (ISDA 2006 §4.16) as cited.
 */
import { parseIso } from "../../src/core/dates/civil";
import { serialFromDay } from "../../src/core/dates/excel-serial";
import { Decimal } from "../../src/core/money";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { runAccruals } from "../../src/io/workflows/accruals";
import type { AccrualsRequest } from "../../src/io/workflows/accruals-types";

type Cell = string | number | boolean | null;
const D = (iso: string) => parseIso(iso)!;
const S = (iso: string) => serialFromDay(D(iso));
const HEAD = [
  "Id",
  "Type",
  "Currency",
  "Face",
  "Rate",
  "Frequency",
  "Convention",
  "Issue",
  "Maturity",
  "Start",
  "Calendar",
];

async function run(sheets: Record<string, Cell[][]>, extra: Partial<AccrualsRequest> = {}) {
  const host = createMemoryHost();
  for (const [name, values] of Object.entries(sheets)) host.addSheet(name, values);
  const req: AccrualsRequest = {
    instruments: { sheet: "Instruments" },
    from: D("2026-10-01"),
    to: D("2026-10-31"),
    ...(sheets.Payments ? { payments: { sheet: "Payments" } } : {}),
    ...(sheets.Opening ? { opening: { sheet: "Opening" } } : {}),
    ...(sheets.Holidays ? { holidays: { sheet: "Holidays" } } : {}),
    ...extra,
  };
  const result = await runAccruals(new ExcelWorkbook(host.run), req);
  return { host, result };
}

const CORP: Cell[] = ["C1", "BOND", "USD", 2000000, 0.05125, 2, "30/360", S("2021-10-01"), S("2031-10-01"), null, null];

describe("the income check: accrued from the balances vs the contractual interest of the period", () => {
  it("a coupon due in the period but missing from Payments is flagged, with the amount it is short", async () => {
    const { result } = await run({ Instruments: [HEAD, CORP] });
    const c1 = result.items[0];
    // Without the 51,250 coupon of 1 Oct the balance fell from 50,965.28 to 8,541.67.
    expect(c1.accrued).toBe("-42423.61");
    expect(c1.check).toBe("0");
    expect(c1.notes.join(" ")).toMatch(/differs from the scheduled income 8,826\.39 by -51,250\.00/);
    expect(result.warnings.some((w) => w.startsWith("C1: accrued -42,423.61 differs"))).toBe(true);
  });

  it("with the coupon recorded the check is quiet; a given opening that differs from the computed one is noted", async () => {
    const { result } = await run({
      Instruments: [HEAD, CORP],
      Payments: [
        ["Id", "Date", "Amount"],
        ["C1", S("2026-10-01"), 51250],
      ],
      Opening: [
        ["Id", "Opening Accrual"],
        ["C1", 50000],
      ],
    });
    const notes = result.items[0].notes.join(" ");
    expect(notes).toMatch(/opening 50,000\.00 differs from the computed 50,965\.28 at 2026-09-30/);
    // The 965.28 the opening is short of shows up in accrued, and the income check says so.
    expect(result.items[0].accrued).toBe(new Decimal("8826.39").plus("965.28").toFixed(2));
    expect(notes).toMatch(/differs from the scheduled income 8,826\.39 by 965\.28/);
  });
});

describe("loans, periodic deposits, calendars, bonds starting and ending in the period", () => {
  it("a loan is a payable: Dr Interest expense / Cr Interest payable; interest paid is Dr Interest payable / Cr Cash", async () => {
    const { host, result } = await run({
      Instruments: [
        HEAD,
        ["L1", "LOAN", "EUR", 1000000, 0.036, null, "ACT/360", null, S("2027-03-31"), S("2026-09-30"), null],
      ],
      Payments: [
        ["Id", "Date", "Amount"],
        ["L1", S("2026-10-15"), 500],
      ],
    });
    // 1,000,000 x 3.6% x 31/360 = 3,100.00 (ACT/360): 30 Sep to 31 Oct.
    expect(result.items[0]).toMatchObject({ opening: "0.00", closing: "3100.00", paid: "500.00", accrued: "3600.00" });
    const j = host.getSheet("Journal").values;
    const h = j.findIndex((r) => r[0] === "Date");
    const lines = j.slice(h + 1).map((r) => [r[2], r[3], r[4]]);
    expect(lines).toEqual([
      ["Interest expense", 3600, ""],
      ["Interest payable", "", 3600],
      ["Interest payable", 500, ""],
      ["Cash", "", 500],
    ]);
    expect(result.totals.byCurrency.EUR.payable.closing).toBe("3100.00");
  });

  it("a deposit with quarterly interest: the quarter ending 31 Oct is due on Monday 2 Nov, so it is still receivable at 31 Oct", async () => {
    // 5,000,000 at 4% ACT/365F from 31 Jul 2026, quarterly back from 31 Jul 2027: periods end 31 Oct (a Saturday: paid Monday 2 Nov).
    const { result } = await run({
      Instruments: [
        HEAD,
        ["Q1", "DEPOSIT", "GBP", 5000000, 0.04, 4, "ACT/365F", null, S("2027-07-31"), S("2026-07-31"), null],
      ],
    });
    const q = result.items[0];
    // Opening: 61 days (31 Jul -> 30 Sep); closing: the whole 92-day quarter, not yet paid.
    expect(q.opening).toBe(new Decimal(200000).times(61).div(365).toDecimalPlaces(2).toFixed(2));
    expect(q.closing).toBe(new Decimal(200000).times(92).div(365).toDecimalPlaces(2).toFixed(2));
    expect(q.notes).toEqual([]);
  });

  it("a holiday on the payment date moves the deposit's interest out of the period with the request's default calendar", async () => {
    // Quarterly deposit paying 30 Oct (Friday) unless 30 Oct is a holiday of calendar XX: then Monday 2 Nov.
    const inst: Cell[][] = [
      HEAD,
      ["Q2", "DEPOSIT", "USD", 1000000, 0.05, 4, "ACT/360", null, S("2027-07-30"), S("2026-07-30"), null],
    ];
    const holidays: Cell[][] = [
      ["Calendar", "Date"],
      ["XX", S("2026-10-30")],
    ];
    const plain = (await run({ Instruments: inst, Holidays: holidays })).result.items[0];
    const xx = (await run({ Instruments: inst, Holidays: holidays }, { calendar: "XX" })).result.items[0];
    // Weekends only: interest of 30 Jul -> 30 Oct (92 days) is due on 30 Oct, in the period; closing is 1 day.
    expect(plain.closing).toBe(new Decimal(50000).times(1).div(360).toDecimalPlaces(2).toFixed(2));
    // Calendar XX: due 2 Nov, so the whole quarter is still receivable at 31 Oct, plus the new day.
    expect(xx.closing).toBe(new Decimal(50000).times(93).div(360).toDecimalPlaces(2).toFixed(2));
  });

  it("a bond issued in the period opens at 0 (computed); one maturing in the period closes at 0 after its last coupon", async () => {
    const { result } = await run({
      Instruments: [
        HEAD,
        ["NEW", "BOND", "USD", 1000000, 0.06, 2, "30/360", S("2026-10-15"), S("2031-10-15"), null, null],
        ["OLD", "BOND", "USD", 1000000, 0.04, 2, "30/360", S("2021-10-15"), S("2026-10-15"), null, null],
      ],
      Payments: [
        ["Id", "Date", "Amount"],
        ["OLD", S("2026-10-15"), 20000],
      ],
    });
    const [nw, old] = result.items;
    // 60,000 x 16/360 = 2,666.67 (30/360: 15 Oct -> 31 Oct is 16 days).
    expect(nw).toMatchObject({
      opening: "0.00",
      closing: "2666.67",
      accrued: "2666.67",
      openingSource: "computed at 2026-09-30",
    });
    // 40,000 x 165/360 = 18,333.33 at 30 Sep (15 Apr -> 30 Sep); the 20,000 coupon closes it.
    expect(old).toMatchObject({ opening: "18333.33", closing: "0.00", paid: "20000.00", accrued: "1666.67" });
    expect(old.notes).toEqual([]);
  });
});
