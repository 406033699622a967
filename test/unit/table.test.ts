/**
 * src/io/table.ts: header location, column mapping, typed records.
 *
 * Grids here mimic what Office.js Range.values and the file adapters hand over (see
 * src/io/port.ts): blank cells are "" (or null from files), merged header cells arrive as the
 * value in the first cell and "" in the rest (Office.js Range.values documentation), error cells
 * are their text, dates are serials with a date number format. Serial anchors: Microsoft DATE
 * function page (45658 = 2025-01-01) and "Date systems in Excel" (1904 serial = 1900 serial - 1462).
 * Column letters: Excel's A..Z, AA naming.
 */
import { dayFromCivil } from "../../src/core/dates/civil";
import { InputError } from "../../src/core/errors";
import { Decimal } from "../../src/core/money";
import type { CellValue, Grid } from "../../src/io/port";
import {
  FieldSpec,
  isDateNumberFormat,
  locateHeader,
  mapColumns,
  normaliseHeader,
  readRecords,
} from "../../src/io/table";

const SPECS: FieldSpec[] = [
  { field: "tradeRef", label: "Trade Ref", aliases: ["Client Reference", "Reference"], type: "text", required: true },
  { field: "tradeDate", label: "Trade Date", aliases: ["Trade Dt", "TD"], type: "date", required: true },
  {
    field: "settleDate",
    label: "Settlement Date",
    aliases: ["Settle Date", "Settle Dt", "SD"],
    type: "date",
    required: true,
  },
  { field: "quantity", label: "Quantity", aliases: ["Qty", "Shares"], type: "number", required: true },
  { field: "netAmount", label: "Net Amount", aliases: ["Net", "Consideration"], type: "number", required: true },
  { field: "currency", label: "Currency", aliases: ["Ccy"], type: "text", required: false, upper: true },
  { field: "cancelled", label: "Cancelled", aliases: ["Cxl"], type: "bool", required: false },
];

function grid(values: CellValue[][], extra: Partial<Grid> = {}): Grid {
  return { sheet: "Books", top: 1, left: 0, values, dateSystem: "1900", label: "Books!A1:G20", ...extra };
}

function header(g: Grid) {
  const h = locateHeader(g, SPECS);
  if (h instanceof InputError) throw h;
  return h;
}

const D = (y: number, m: number, d: number) => dayFromCivil(y, m, d);

describe("normaliseHeader", () => {
  test("lower case, letters and digits only", () => {
    expect(normaliseHeader("Settle Dt.")).toBe("settledt");
    expect(normaliseHeader("  Net_Amount (USD) ")).toBe("netamountusd");
    expect(normaliseHeader("Qté")).toBe("qté");
    expect(normaliseHeader("---")).toBe("");
  });
});

describe("locateHeader", () => {
  test("title lines and blank rows above the header are skipped", () => {
    const g = grid([
      ["Trade blotter - Fund A", "", ""],
      ["Run 2026-10-30", "", ""],
      ["", "", ""],
      ["Trade Ref", "Trade Date", "Settle Dt", "Qty", "Net", "Ccy"],
      ["T1", 45658, 45660, 100, 1234.5, "usd"],
    ]);
    const h = header(g);
    expect(h.index).toBe(3);
    expect(h.row).toBe(4);
    expect(h.matched).toBe(6);
  });
  test("row numbers follow the grid's top", () => {
    const g = grid([["x"], ["Trade Ref", "Qty"]], { top: 10 });
    expect(header(g).row).toBe(11);
  });
  test("the row matching the most fields wins, not the first that matches one", () => {
    const g = grid([["Reference: monthly close"], ["Reference", "Qty", "Net"]]);
    // "Reference: monthly close" is not a header text; even a row matching one alias loses to one matching three
    const g2 = grid([
      ["Net", "", ""],
      ["Reference", "Qty", "Net"],
    ]);
    expect(header(g).index).toBe(1);
    expect(header(g2).index).toBe(1);
  });
  test("no header in the first maxScan rows -> no-header naming the sheet", () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < 40; i++) rows.push([`note ${i}`]);
    rows.push(["Trade Ref", "Qty"]);
    const e = locateHeader(grid(rows), SPECS);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).kind).toBe("no-header");
    expect((e as InputError).message).toMatch(/^sheet 'Books': no header row found in the first 30 rows/);
    expect(locateHeader(grid(rows), SPECS, 50)).not.toBeInstanceOf(InputError);
  });
  test("an empty sheet is reported as empty", () => {
    expect((locateHeader(grid([["", ""], [null]]), SPECS) as InputError).kind).toBe("empty");
  });
});

describe("mapColumns", () => {
  test("aliases map after normalising (Settle Dt. -> settleDate)", () => {
    const g = grid([["Client Reference", "Trade Dt", "Settle Dt.", "Shares", "Consideration", "CCY", "Broker"]]);
    const m = mapColumns(g, 0, SPECS);
    expect(m.errors).toEqual([]);
    expect(m.mapping).toEqual({ tradeRef: 0, tradeDate: 1, settleDate: 2, quantity: 3, netAmount: 4, currency: 5 });
    expect(m.unmapped).toEqual(["Broker"]);
  });

  test("missing required column: names the field, the sheet and the header row, and lists the headers found", () => {
    const g = grid([["Fund A"], ["Trade Ref", "Trade Date", "Qty", "Net"]]);
    const m = mapColumns(g, 1, SPECS);
    expect(m.errors).toHaveLength(1);
    const e = m.errors[0];
    expect(e.kind).toBe("missing-column");
    expect(e.where).toEqual({ sheet: "Books", row: 2 });
    expect(e.message).toBe(
      "sheet 'Books', row 2: no column for 'Settlement Date' (required) in header row 2: looked for 'Settlement Date', 'Settle Date', 'Settle Dt', 'SD'; headers found: A 'Trade Ref', B 'Trade Date', C 'Qty', D 'Net'",
    );
  });

  test("a missing optional column is not an error", () => {
    const g = grid([["Trade Ref", "Trade Date", "SD", "Qty", "Net"]]);
    expect(mapColumns(g, 0, SPECS).errors).toEqual([]);
  });

  test("ambiguous: two columns match one field, both named with their letters; the field is not guessed", () => {
    const g = grid([["Trade Ref", "Trade Date", "Settle Date", "Qty", "Net", "Settlement Date"]]);
    const m = mapColumns(g, 0, SPECS);
    expect(m.mapping.settleDate).toBeUndefined();
    expect(m.errors.map((e) => e.kind)).toEqual(["ambiguous-column"]);
    expect(m.errors[0].detail).toBe(
      "'Settlement Date' matches more than one column: 'Settle Date' (C) and 'Settlement Date' (F); choose one in the column mapping",
    );
  });

  test("an override picks the column and settles the ambiguity", () => {
    const g = grid([["Trade Ref", "Trade Date", "Settle Date", "Qty", "Net", "Settlement Date"]]);
    const m = mapColumns(g, 0, SPECS, { settleDate: "Settlement Date" });
    expect(m.errors).toEqual([]);
    expect(m.mapping.settleDate).toBe(5);
    expect(m.unmapped).toEqual(["Settle Date"]);
    const bad = mapColumns(g, 0, SPECS, { settleDate: "Value Date" });
    expect(bad.errors[0].kind).toBe("missing-column");
    expect(bad.errors[0].detail).toMatch(
      /^the column 'Value Date' chosen for 'Settlement Date' is not in header row 1/,
    );
  });

  test("duplicate header text is reported with both letters", () => {
    const g = grid([["Trade Ref", "Trade Date", "SD", "Qty", "Net", "Comment", "Comment"]]);
    const m = mapColumns(g, 0, SPECS);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0].kind).toBe("duplicate-header");
    expect(m.errors[0].detail).toMatch(/'Comment' appears in 2 columns \(F, G\) of header row 1/);
    // a duplicated header that a field needs: one duplicate-header error, the field left unmapped
    const g2 = grid([["Trade Ref", "Trade Date", "SD", "Qty", "Net", "Net"]]);
    const m2 = mapColumns(g2, 0, SPECS);
    expect(m2.errors.map((e) => e.kind)).toEqual(["duplicate-header"]);
    expect(m2.mapping.netAmount).toBeUndefined();
  });

  test("a column that two fields would share is not mapped to either", () => {
    const specs: FieldSpec[] = [
      { field: "gross", label: "Gross", aliases: ["Amount"], type: "number", required: false },
      { field: "net", label: "Net", aliases: ["Amount"], type: "number", required: false },
    ];
    const m = mapColumns(grid([["Amount"]]), 0, specs);
    expect(m.mapping).toEqual({});
    expect(m.errors[0].kind).toBe("ambiguous-column");
    expect(m.errors[0].detail).toMatch(/'Amount' \(A\) matches both 'Gross' and 'Net'/);
  });

  test("merged header cell: a blank header over data is reported; trailing blank columns are not", () => {
    const g = grid(
      [
        ["Trade Ref", "Trade Date", "SD", "Amounts", "", "", ""],
        ["", "", "", "Qty", "Net", "", ""],
        ["T1", 45658, 45660, 100, 1234.5, "", ""],
      ],
      { left: 2 },
    );
    const m = mapColumns(g, 0, SPECS);
    const blank = m.errors.filter((e) => e.kind === "blank");
    expect(blank).toHaveLength(1);
    expect(blank[0].where.columnLetter).toBe("G"); // grid starts at column C
    expect(blank[0].detail).toMatch(
      /column G has data but no header in header row 1 \(next to 'Amounts': a merged header cell\?\)/,
    );
  });

  test("columns are lettered from the grid's left edge (AA after Z)", () => {
    const row: CellValue[] = ["Trade Ref", "Trade Date", "SD", "Qty", "Net", "Net"];
    const m = mapColumns(grid([row], { left: 24 }), 0, SPECS);
    expect(m.errors[0].detail).toMatch(/\(AC, AD\)/);
  });
});

describe("readRecords", () => {
  const HEADER = ["Trade Ref", "Trade Date", "Settle Dt", "Qty", "Net", "Ccy", "Cxl"];

  function read(rows: CellValue[][], extra: Partial<Grid> = {}, specs = SPECS) {
    const g = grid([["Blotter"], HEADER, ...rows], extra);
    const h = locateHeader(g, specs);
    if (h instanceof InputError) throw h;
    const m = mapColumns(g, h.index, specs);
    expect(m.errors).toEqual([]);
    return readRecords(g, h.index, m.mapping, specs);
  }

  test("typed values, Excel row numbers, blank rows skipped and counted", () => {
    const r = read([
      ["T1", 45658, 45660, 100, "1,234.50", " usd ", false],
      ["", "", "", "", "", "", ""],
      [null, null],
      ["T2", 45659, 45661, "(50)", -617.25, "EUR", "Y"],
    ]);
    expect(r.blankRows).toBe(2);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.row)).toEqual([3, 6]);
    const [a, b] = r.records;
    expect(a.errors).toEqual([]);
    expect(a.values.tradeRef).toBe("T1");
    expect(a.values.tradeDate).toBe(D(2025, 1, 1));
    expect(a.values.settleDate).toBe(D(2025, 1, 3));
    expect((a.values.quantity as Decimal).toFixed()).toBe("100");
    expect((a.values.netAmount as Decimal).toFixed()).toBe("1234.5");
    expect(a.values.currency).toBe("USD");
    expect(a.values.cancelled).toBe(false);
    expect((b.values.quantity as Decimal).toFixed()).toBe("-50");
    expect(b.values.cancelled).toBe(true);
  });

  test("text in a number column: error with sheet, Excel row, header, letter, raw value and what was expected; record kept", () => {
    const r = read([
      ["T1", 45658, 45660, "abc", 10, "USD", ""],
      ["T2", 45658, 45660, 5, 10, "USD", ""],
    ]);
    expect(r.records).toHaveLength(2);
    const [a, b] = r.records;
    expect(a.values.quantity).toBeUndefined();
    expect(a.values.tradeRef).toBe("T1");
    expect(a.errors).toHaveLength(1);
    const e = a.errors[0];
    expect(e.kind).toBe("not-a-number");
    expect(e.raw).toBe("abc");
    expect(e.where).toEqual({ sheet: "Books", row: 3, column: "Qty", columnLetter: "D" });
    expect(e.message).toBe("sheet 'Books', row 3, column 'Qty' (D): expected a number, found 'abc'");
    expect(b.errors).toEqual([]);
  });

  test("#N/A in a cell is an excel-error on that record", () => {
    const r = read([["T1", 45658, 45660, 100, "#N/A", "USD", ""]]);
    const e = r.records[0].errors[0];
    expect(e.kind).toBe("excel-error");
    expect(e.where.columnLetter).toBe("E");
    expect(e.detail).toBe("the cell holds the Excel error #N/A; expected a number");
  });

  test("a blank required field is a 'blank' error; a blank optional field is just undefined", () => {
    const r = read([["T1", 45658, "", 100, 5, "", ""]]);
    const rec = r.records[0];
    expect(rec.values.currency).toBeUndefined();
    expect(rec.values.cancelled).toBeUndefined();
    expect(rec.errors).toHaveLength(1);
    expect(rec.errors[0].kind).toBe("blank");
    expect(rec.errors[0].message).toBe(
      "sheet 'Books', row 3, column 'Settle Dt' (C): 'Settlement Date' is required but the cell is blank",
    );
  });

  test("dates in several formats in one column: serials, iso, d-mmm-yyyy, yyyymmdd and slashed dates in the order the column proves", () => {
    const r = read([
      ["T1", 45658, "2025-01-03", 1, 1, "", ""],
      ["T2", "2025-01-02", "03-Jan-2025", 1, 1, "", ""],
      ["T3", "20250102", "13/01/2025", 1, 1, "", ""],
      ["T4", 45658, "05/02/2025", 1, 1, "", ""], // 5 Feb: the column's 13/01/2025 proves day/month
    ]);
    expect(r.errors).toEqual([]);
    const sd = r.records.map((x) => x.values.settleDate);
    const td = r.records.map((x) => x.values.tradeDate);
    expect(td).toEqual([D(2025, 1, 1), D(2025, 1, 2), D(2025, 1, 2), D(2025, 1, 1)]);
    expect(sd).toEqual([D(2025, 1, 3), D(2025, 1, 3), D(2025, 1, 13), D(2025, 2, 5)]);
    for (const rec of r.records) expect(rec.errors).toEqual([]);
  });

  test("the same column read month/day when a second part above 12 proves it", () => {
    const r = read([
      ["T1", 45658, "01/13/2025", 1, 1, "", ""],
      ["T2", 45658, "02/05/2025", 1, 1, "", ""],
    ]);
    expect(r.records[1].values.settleDate).toBe(D(2025, 2, 5));
  });

  test("a column whose slashed dates never show their order: each ambiguous cell is an error asking for the format", () => {
    const r = read([["T1", 45658, "05/02/2025", 1, 1, "", ""]]);
    const e = r.records[0].errors[0];
    expect(e.kind).toBe("not-a-date");
    expect(e.detail).toMatch(/could be day\/month or month\/day; set the column's date format/);
  });

  test("a column mixing dd/mm and mm/dd: a column error and no slashed date guessed", () => {
    const r = read([
      ["T1", 45658, "13/01/2025", 1, 1, "", ""],
      ["T2", 45658, "01/13/2025", 1, 1, "", ""],
      ["T3", 45658, "2025-01-20", 1, 1, "", ""],
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].detail).toMatch(/mixes day\/month and month\/day dates \('13\/01\/2025' .* '01\/13\/2025'/);
    expect(r.records[0].values.settleDate).toBeUndefined();
    expect(r.records[1].values.settleDate).toBeUndefined();
    expect(r.records[2].values.settleDate).toBe(D(2025, 1, 20));
  });

  test("an explicit dateFormat is used as given", () => {
    const specs = SPECS.map((s) => (s.field === "settleDate" ? { ...s, dateFormat: "mm/dd/yyyy" as const } : s));
    const r = read([["T1", 45658, "02/05/2025", 1, 1, "", ""]], {}, specs);
    expect(r.records[0].values.settleDate).toBe(D(2025, 2, 5));
    const r2 = read([["T1", 45658, "2025-02-05", 1, 1, "", ""]], {}, specs);
    expect(r2.records[0].errors[0].detail).toBe("expected a date as mm/dd/yyyy (e.g. 10/30/2026), found '2025-02-05'");
  });

  test("1904 date system: the same day is 1,462 less", () => {
    const r = read([["T1", 45658 - 1462, 45660 - 1462, 1, 1, "", ""]], { dateSystem: "1904" });
    expect(r.records[0].values.tradeDate).toBe(D(2025, 1, 1));
    expect(r.records[0].values.settleDate).toBe(D(2025, 1, 3));
  });

  test("serial 60 in a date column is reported, not turned into a day", () => {
    const r = read([["T1", 60, 45660, 1, 1, "", ""]]);
    expect(r.records[0].errors[0].detail).toMatch(/serial 60/);
  });

  test("number formats: a date-formatted 8-digit number is a serial (and out of range); unformatted it is yyyymmdd", () => {
    const rows: CellValue[][] = [["Blotter"], HEADER, ["T1", 20250102, 45660, 1, 1, "", ""]];
    const fmt = (f: string) => [
      [""],
      HEADER.map(() => "General"),
      ["General", f, "yyyy-mm-dd", "General", "General", "General", "General"],
    ];
    const g1 = grid(rows, { numberFormats: fmt("General") });
    const g2 = grid(rows, { numberFormats: fmt("dd/mm/yyyy") });
    const m = mapColumns(g1, 1, SPECS);
    expect(readRecords(g1, 1, m.mapping, SPECS).records[0].values.tradeDate).toBe(D(2025, 1, 2));
    expect(readRecords(g2, 1, m.mapping, SPECS).records[0].errors[0].detail).toMatch(/outside Excel's dates/);
  });

  test("rows shorter than the header read missing cells as blank", () => {
    const r = read([["T1", 45658, 45660, 1, 1]]);
    expect(r.records[0].errors).toEqual([]);
    expect(r.records[0].values.currency).toBeUndefined();
  });
});

describe("isDateNumberFormat", () => {
  test.each([
    ["yyyy-mm-dd", true],
    ["dd/mm/yyyy", true],
    ["m/d/yyyy", true],
    ["[$-409]d-mmm-yy;@", true],
    ["mmm yyyy", true],
    ["General", false],
    ["#,##0.00", false],
    ["0%", false],
    ["h:mm:ss", false],
    ['"Qty "0', false],
    ["[Red]#,##0", false],
  ])("%s -> %s (Microsoft, 'Number format codes')", (f, expected) => {
    expect(isDateNumberFormat(f)).toBe(expected);
  });
});
