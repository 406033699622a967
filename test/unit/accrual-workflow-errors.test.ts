/**
 * Bad input in the month-end accrual workflow (issue 3, "Must show"): each problem is an error that
 * names sheet, row and column; the item it concerns is left out and listed in the Accrual errors
 * sheet; every other item is still computed; a run that fails as a whole writes nothing.
 * Runs on the in-memory Excel host through the Office.js adapter, as the task pane does.
 */
import { parseIso } from "../../src/core/dates/civil";
import { serialFromDay } from "../../src/core/dates/excel-serial";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost, MemoryHost } from "../../src/excel/memory-host";
import { runAccruals } from "../../src/io/workflows/accruals";
import type { AccrualsRequest } from "../../src/io/workflows/accruals-types";

type Cell = string | number | boolean | null;
const S = (iso: string) => serialFromDay(parseIso(iso)!);

/**
 * A small fund: row 4 bond B1 (US calendar), row 5 deposit D1, row 6 gilt G1 (UK calendar), and a
 * management fee on NAV. Columns: A Id, B Type, C Description, D Currency, E Face, F Rate,
 * G Frequency, H Convention, I Issue, J Maturity, K Start, L Ex Days, M Calendar.
 */
function sheets(): Record<string, Cell[][]> {
  return {
    Instruments: [
      ["Test fund - instruments"],
      [],
      [
        "Id",
        "Type",
        "Description",
        "Currency",
        "Face",
        "Rate",
        "Frequency",
        "Convention",
        "Issue",
        "Maturity",
        "Start",
        "Ex Days",
        "Calendar",
      ],
      [
        "B1",
        "BOND",
        "Bond 5% 2030",
        "USD",
        1000000,
        0.05,
        2,
        "30/360",
        S("2024-01-15"),
        S("2030-01-15"),
        null,
        null,
        "US",
      ],
      [
        "D1",
        "DEPOSIT",
        "Deposit 4%",
        "USD",
        5000000,
        0.04,
        null,
        "ACT/360",
        null,
        S("2026-12-31"),
        S("2026-09-01"),
        null,
        null,
      ],
      ["G1", "BOND", "Gilt 4% 2030", "GBP", 1000000, 0.04, 2, "ACT/ACT ICMA", null, S("2030-12-07"), null, 6, "UK"],
    ],
    Fees: [
      ["Id", "Type", "Currency", "Rate", "Base"],
      ["M1", "MGMT", "USD", 0.01, "NAV"],
    ],
    NAV: [
      ["Date", "NAV"],
      [S("2026-09-30"), 50000000],
      [S("2026-10-15"), 51000000],
    ],
    Holidays: [
      ["Calendar", "Date"],
      ["US", S("2026-10-12")],
      ["UK", S("2026-12-25")],
    ],
  };
}

function host(edit?: (s: Record<string, Cell[][]>) => void): MemoryHost {
  const s = sheets();
  edit?.(s);
  const h = createMemoryHost();
  for (const [name, values] of Object.entries(s)) h.addSheet(name, values);
  return h;
}

const REQ: AccrualsRequest = {
  instruments: { sheet: "Instruments" },
  fees: { sheet: "Fees" },
  nav: { sheet: "NAV" },
  holidays: { sheet: "Holidays" },
  from: parseIso("2026-10-01")!,
  to: parseIso("2026-10-31")!,
};

async function run(edit?: (s: Record<string, Cell[][]>) => void, req: AccrualsRequest = REQ) {
  const h = host(edit);
  const result = await runAccruals(new ExcelWorkbook(h.run), req);
  return { h, result, ids: result.items.map((i) => i.id) };
}

describe("a clean run of the small fund", () => {
  it("computes all four items with no errors (the baseline every case below departs from)", async () => {
    const { result, ids } = await run();
    expect(result.errors).toEqual([]);
    expect(ids).toEqual(["B1", "D1", "G1", "M1"]);
    expect(result.items.every((i) => i.check === "0")).toBe(true);
  });
});

describe("each bad input is an error naming sheet, row and column; its item is left out and the rest computed", () => {
  it("unknown convention", async () => {
    const { result, ids } = await run((s) => (s.Instruments[3][7] = "ACT/999"));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^sheet 'Instruments', row 4, column 'Convention' \(H\): unknown day count convention "ACT\/999"/,
    );
    expect(ids).toEqual(["D1", "G1", "M1"]);
  });

  it("frequency not 1/2/4/12", async () => {
    const { result, ids } = await run((s) => (s.Instruments[3][6] = 3));
    expect(result.errors).toEqual([
      "sheet 'Instruments', row 4, column 'Frequency' (G): frequency must be 1, 2, 4 or 12 payments a year, found 3",
    ]);
    expect(ids).toEqual(["D1", "G1", "M1"]);
  });

  it("rate as text", async () => {
    const { result, ids } = await run((s) => (s.Instruments[4][5] = "four percent"));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^sheet 'Instruments', row 5, column 'Rate' \(F\): expected a number, found 'four percent'/,
    );
    expect(ids).toEqual(["B1", "G1", "M1"]);
  });

  it("a rate written as percentage points (4 for 4%) is refused, not read as 400%", async () => {
    const { result, ids } = await run((s) => (s.Instruments[4][5] = 4));
    expect(result.errors[0]).toMatch(/^sheet 'Instruments', row 5, column 'Rate' \(F\): rate 4 is more than 100%/);
    expect(ids).toEqual(["B1", "G1", "M1"]);
  });

  it("date text that cannot be read", async () => {
    const { result, ids } = await run((s) => (s.Instruments[3][9] = "31/31/2030"));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^sheet 'Instruments', row 4, column 'Maturity' \(J\): /);
    expect(ids).toEqual(["D1", "G1", "M1"]);
  });

  it("holiday table with a text date: the holiday row is an error, the item on that calendar is left out, the others computed", async () => {
    const { result, ids } = await run((s) => s.Holidays.push(["UK", "Christmas"]));
    expect(result.errors[0]).toMatch(/^sheet 'Holidays', row 4, column 'Date' \(B\): expected a date/);
    expect(result.errors[1]).toMatch(
      /^sheet 'Instruments', row 6, column 'Calendar' \(M\): calendar 'UK' cannot be used/,
    );
    expect(result.errors).toHaveLength(2);
    expect(ids).toEqual(["B1", "D1", "M1"]);
  });

  it("missing required column: the sheet's items cannot be read, the other sheets' items are computed", async () => {
    const { result, ids } = await run((s) => {
      s.Fees = s.Fees.map((r) => [r[0], r[1], r[3], r[4]]); // no Currency column
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^sheet 'Fees', row 1, column 'Currency': required column 'Currency' not found in header row 1/,
    );
    expect(ids).toEqual(["B1", "D1", "G1"]);
  });

  it("a column an item type needs (Maturity for a bond) missing from the sheet names the column and the row", async () => {
    const { result, ids } = await run((s) => {
      s.Instruments = s.Instruments.map((r) => r.filter((_, c) => c !== 9));
    });
    expect(
      result.errors.some((e) =>
        /^sheet 'Instruments', row 4, column 'Maturity': bond B1 needs a 'Maturity' column, and header row 3 has none/.test(
          e,
        ),
      ),
    ).toBe(true);
    expect(ids).toEqual(["M1"]);
  });

  it("duplicate Id: both rows are errors naming the Id column, both left out, the rest computed", async () => {
    const { result, ids } = await run((s) => (s.Instruments[4][0] = "b1"));
    expect(result.errors).toEqual([
      "sheet 'Instruments', row 4, column 'Id' (A): Id 'B1' is used by more than one item (Instruments!4, Instruments!5); every item needs its own Id",
      "sheet 'Instruments', row 5, column 'Id' (A): Id 'b1' is used by more than one item (Instruments!4, Instruments!5); every item needs its own Id",
    ]);
    expect(ids).toEqual(["G1", "M1"]);
  });

  it("duplicate Id across Instruments and Fees", async () => {
    const { result, ids } = await run((s) => (s.Fees[1][0] = "G1"));
    expect(result.errors.map((e) => e.slice(0, e.indexOf(":")))).toEqual([
      "sheet 'Instruments', row 6, column 'Id' (A)",
      "sheet 'Fees', row 2, column 'Id' (A)",
    ]);
    expect(ids).toEqual(["B1", "D1"]);
  });

  it("unknown currency code", async () => {
    const { result, ids } = await run((s) => (s.Instruments[4][3] = "USX"));
    expect(result.errors).toEqual([
      "sheet 'Instruments', row 5, column 'Currency' (D): 'USX' is not an ISO 4217 currency code",
    ]);
    expect(ids).toEqual(["B1", "G1", "M1"]);
  });

  it("a performance fee row without its terms names the missing High Water Mark column (the rest computed)", async () => {
    const { result, ids } = await run((s) => s.Fees.push(["P1", "PERF", "USD", 0.2, "NAV"]));
    expect(result.errors).toEqual([
      "sheet 'Fees', row 3, column 'High Water Mark': performance fee P1 needs a 'High Water Mark' column, and header row 1 has none",
    ]);
    expect(ids).toEqual(["B1", "D1", "G1", "M1"]);
  });

  it("tiers that cannot be read name the Tiers cell", async () => {
    const { result, ids } = await run((s) => {
      s.Fees = [
        ["Id", "Type", "Currency", "Tiers", "Base"],
        ["M1", "MGMT", "USD", "0:0.01;abc:0.0075", "NAV"],
      ];
    });
    expect(result.errors[0]).toMatch(
      /^sheet 'Fees', row 2, column 'Tiers' \(D\): tier 'abc:0.0075': the breakpoint expected a number/,
    );
    expect(ids).toEqual(["B1", "D1", "G1"]);
  });

  it("a payment for an unknown Id and a payment with a text amount: each named; the item with the bad payment is left out", async () => {
    const { result, ids } = await run(
      (s) => {
        s.Payments = [
          ["Id", "Date", "Amount"],
          ["ZZ9", S("2026-10-05"), 100],
          ["D1", S("2026-10-06"), "lots"],
        ];
      },
      { ...REQ, payments: { sheet: "Payments" } },
    );
    expect(result.errors[0]).toBe(
      "sheet 'Payments', row 2, column 'Id' (A): payment for Id 'ZZ9', which is not on the Instruments or Fees sheet",
    );
    expect(result.errors[1]).toMatch(
      /^sheet 'Payments', row 3, column 'Amount' \(C\): expected a number, found 'lots'/,
    );
    expect(ids).toEqual(["B1", "G1", "M1"]);
  });

  it("the Accrual errors sheet lists each error with sheet, row, column, cell and item", async () => {
    const { h } = await run((s) => (s.Instruments[3][6] = 3));
    const errors = h.getSheet("Accrual errors");
    const header = errors.values.findIndex((r) => r[0] === "Sheet");
    expect(errors.values[header]).toEqual(["Sheet", "Row", "Column", "Cell", "Item", "Kind", "Problem"]);
    expect(errors.values[header + 1].slice(0, 6)).toEqual(["Instruments", 4, "Frequency", "G4", "B1", "invalid"]);
    expect(errors.tables).toHaveLength(1);
  });
});

describe("a run that fails as a whole writes nothing", () => {
  it("an input sheet that does not exist: the run rejects and no output sheet appears", async () => {
    const h = host();
    const before = h.sheetNames();
    await expect(
      runAccruals(new ExcelWorkbook(h.run), { ...REQ, payments: { sheet: "No such sheet" } }),
    ).rejects.toThrow();
    expect(h.sheetNames()).toEqual(before);
  });

  it("cancelled after the computation, before the first write: nothing written", async () => {
    const h = host();
    const before = h.sheetNames();
    const ac = new AbortController();
    const progress = (_f: number, m: string) => {
      if (/journal/i.test(m)) ac.abort();
    };
    await expect(runAccruals(new ExcelWorkbook(h.run), REQ, progress, ac.signal)).rejects.toThrow(
      /Cancelled.*nothing was written/,
    );
    expect(h.sheetNames()).toEqual(before);
  });

  it("a period that ends before it starts is refused before anything is read or written", async () => {
    const h = host();
    const before = h.sheetNames();
    await expect(runAccruals(new ExcelWorkbook(h.run), { ...REQ, from: REQ.to, to: REQ.from })).rejects.toThrow(
      /period must end on or after its start/,
    );
    expect(h.sheetNames()).toEqual(before);
  });
});
