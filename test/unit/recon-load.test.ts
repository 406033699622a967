/**
 * src/io/recon/mapping.ts and load.ts: proposing the column mapping from headers, and reading one
 * side of a reconciliation into the columnar RecordSet, with every bad input of issue 4 ("missing
 * mapped column, text in a number field, unparseable date, blank key, duplicate header, empty side
 * — each a clear error naming sheet/file, row and column, and the run keeps every other row").
 *
 * Expected identifiers: Apple CUSIP 037833100 -> ISIN US0378331005 and BAE Systems SEDOL 0263494 ->
 * GB0002634946 (Wikipedia, "International Securities Identification Number"). Other expected
 * values are the cells of the grids below, read by hand.
 */
import { dayFromCivil } from "../../src/core/dates/civil";
import { buildCrosswalk } from "../../src/core/ids";
import { STANDARD_FIELDS } from "../../src/core/recon/kinds";
import type { SideConfig } from "../../src/core/recon/profile";
import { NO_DAY, RecordSet, numValue, textAt } from "../../src/core/recon/records";
import { textValues } from "../helpers/recordset";
import { gridFromCsvText } from "../../src/io/file/csv-read";
import type { CellValue, Grid } from "../../src/io/port";
import { loadRecordSet } from "../../src/io/recon/load";
import { headerWords, proposeMapping, proposeSideMapping } from "../../src/io/recon/mapping";

const TRADE = STANDARD_FIELDS.trade;

describe("proposeMapping", () => {
  // Header rows of samples/books.xlsx (sheet Trades, row 3) and samples/custodian.csv (line 1).
  const books = [
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
  const custodian = [
    "Client Ref",
    "Acct",
    "ISIN",
    "Txn Type",
    "Trade Dt",
    "Settle Dt",
    "Qty",
    "Price",
    "Net Amount",
    "Ccy",
  ];

  test("maps the books export's headers, preferring ISIN (listed first) over the security name", () => {
    const p = proposeMapping(books, TRADE);
    expect(p.mapping).toEqual({
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
    });
    expect(p.unmapped).toEqual(["Security"]);
    expect(p.missing).toEqual(["fees"]);
    expect(p.ambiguous).toEqual([]);
  });

  test("maps the custodian file's abbreviated headers through the aliases", () => {
    const p = proposeMapping(custodian, TRADE);
    expect(p.mapping).toEqual({
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
    });
    expect(p.unmapped).toEqual([]);
  });

  test("contained words map decorated headers; the longest alias wins", () => {
    const p = proposeMapping(["Trade Date (UTC)", "Net Amount USD", "Settlement Date Local"], TRADE);
    expect(p.mapping.tradeDate).toBe("Trade Date (UTC)");
    expect(p.mapping.amount).toBe("Net Amount USD");
    expect(p.mapping.settleDate).toBe("Settlement Date Local");
    expect(headerWords("settleDate")).toEqual(["settle", "date"]);
  });

  test("two headers at the same rank, or one header fitting two fields, are ambiguous and left unmapped", () => {
    const dup = proposeMapping(["Qty", "Qty", "Price"], TRADE);
    expect(dup.mapping.quantity).toBeUndefined();
    expect(dup.ambiguous).toContainEqual({ field: "quantity", headers: ["Qty", "Qty"] });
    const fields = [
      { name: "a", type: "text" as const, label: "A", aliases: ["Code"] },
      { name: "b", type: "text" as const, label: "B", aliases: ["Code"] },
    ];
    const shared = proposeMapping(["Code"], fields);
    expect(shared.mapping).toEqual({});
    expect(shared.ambiguous.map((a) => a.field)).toEqual(["a", "b"]);
    // Never two fields on one header, whatever the proposal.
    const p = proposeMapping(["Trade Date", "Value Date", "Amount", "Net Amount"], TRADE);
    const used = Object.values(p.mapping);
    expect(new Set(used).size).toBe(used.length);
  });
});

describe("proposeSideMapping", () => {
  test("finds the header row below a title and proposes from it", () => {
    const grid = gridFromCsvText("Custodian confirmations\n\nClient Ref,Acct,ISIN,Qty\nT1,A,US0378331005,1\n", "c.csv");
    const p = proposeSideMapping(grid, TRADE);
    if (p instanceof Error) throw p;
    expect(p.headerRow).toBe(3);
    expect(p.headers).toEqual(["Client Ref", "Acct", "ISIN", "Qty"]);
    expect(p.mapping).toEqual({ ref: "Client Ref", account: "Acct", security: "ISIN", quantity: "Qty" });
  });

  test("a sheet with no recognisable header is an error naming it", () => {
    const grid = gridFromCsvText("a,b\n1,2\n", "c.csv");
    const p = proposeSideMapping(grid, TRADE);
    expect(p).toBeInstanceOf(Error);
    expect((p as Error).message).toMatch(/no header row found in the first 2 rows of c.csv/);
  });
});

// -------------------------------------------------------------------------------------------------

const CUSTODIAN_MAPPING: Record<string, string> = {
  ref: "Client Ref",
  account: "Acct",
  security: "ISIN",
  side: "Txn Type",
  tradeDate: "Trade Dt",
  quantity: "Qty",
  amount: "Net Amount",
  currency: "Ccy",
};

function side(extra: Partial<SideConfig> = {}): SideConfig {
  return { label: "Custodian", mapping: CUSTODIAN_MAPPING, ...extra };
}

/** A custodian CSV as a file would give it: a title line, a blank line, then the header on line 3. */
const CSV = [
  "Custodian trade confirmations,,,,,,,",
  ",,,,,,,",
  "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy",
  'T1,FUND-A,037833100,Buy,23/10/2026,"3,373","765,153.81",usd',
  "T2,FUND-A,0263494,Sell,02/10/2026,100,(12.5),GBP",
  ",,,,,,,",
  ",FUND-B,US0378331005,B,01/10/2026,10,1.125,USD",
].join("\n");

function load(grid: Grid, s: SideConfig = side(), required: string[] = ["ref", "quantity"]) {
  return loadRecordSet(grid, s, "right", TRADE, {
    requiredFields: required,
    crosswalk: buildCrosswalk([]),
    sideTable: "trade",
  });
}

function texts(set: RecordSet, field: string) {
  const col = set.text[field];
  return col === undefined ? undefined : textValues(col);
}

function nums(set: RecordSet, field: string) {
  return Array.from({ length: set.size }, (_, i) => numValue(set.num[field], i));
}

describe("loadRecordSet: a clean custodian file", () => {
  const r = load(gridFromCsvText(CSV, "custodian.csv"));

  test("finds the header below the title, skips and counts blank rows, keeps CSV line numbers", () => {
    expect(r.errors).toEqual([]);
    expect(r.loaded).toBe(true);
    expect(r.headerRow).toBe(3);
    expect(r.blankRows).toBe(1);
    expect(Array.from(r.set.rows)).toEqual([4, 5, 7]);
    expect(r.set.sheet).toBe("custodian.csv");
  });

  test("text normalised, sides through the side table, currencies upper-cased, a blank key left blank", () => {
    expect(texts(r.set, "ref")).toEqual(["T1", "T2", undefined]);
    expect(texts(r.set, "side")).toEqual(["BUY", "SELL", "BUY"]);
    expect(texts(r.set, "currency")).toEqual(["USD", "GBP", "USD"]);
  });

  test("CUSIP and SEDOL cross-walked to their ISINs (check digits hold)", () => {
    expect(texts(r.set, "security")).toEqual(["US0378331005", "GB0002634946", "US0378331005"]);
  });

  test("numbers exact at the column's scale (most decimals seen), parentheses negative", () => {
    expect(r.set.num.amount.scale).toBe(3);
    expect(Array.from(r.set.num.amount.ints)).toEqual([765153810, -12500, 1125]);
    expect(nums(r.set, "quantity")).toEqual([3373, 100, 10]);
  });

  test("keepRaw keeps each mapped cell as written, for display", () => {
    const raw = loadRecordSet(gridFromCsvText(CSV, "custodian.csv"), side(), "right", TRADE, {
      requiredFields: ["ref"],
      keepRaw: true,
    });
    expect(raw.set.raw?.amount).toEqual(["765,153.81", "(12.5)", "1.125"]);
    expect(r.set.raw).toBeUndefined();
  });

  test("slashed dates read in the order the column proves (23/10 can only be day/month)", () => {
    expect(Array.from(r.set.date.tradeDate)).toEqual([
      dayFromCivil(2026, 10, 23),
      dayFromCivil(2026, 10, 2),
      dayFromCivil(2026, 10, 1),
    ]);
  });
});

describe("loadRecordSet: bad input is reported where it is, and the other rows load", () => {
  test("text in a number field: InputError naming file, line, header and column letter; ROW_ERROR on that record", () => {
    const csv =
      "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\nT1,A,US0378331005,Buy,2026-10-01,ten,5,USD\nT2,A,US0378331005,Buy,2026-10-01,3,5,USD\n";
    const r = load(gridFromCsvText(csv, "custodian.csv"));
    expect(r.loaded).toBe(true);
    expect(r.errors).toHaveLength(1);
    const e = r.errors[0];
    expect(e.where).toEqual({ sheet: "custodian.csv", row: 2, column: "Qty", columnLetter: "F" });
    expect(e.raw).toBe("ten");
    expect(e.message).toMatch(/sheet 'custodian.csv', row 2, column 'Qty' \(F\): expected a number, found 'ten'/);
    expect(r.set.problems.get(0)).toEqual([{ code: "ROW_ERROR", message: e.message }]);
    expect(r.set.size).toBe(2);
    expect(Number.isNaN(r.set.num.quantity.ints[0])).toBe(true);
    expect(nums(r.set, "quantity")[1]).toBe(3);
  });

  test("unparseable date: error naming the cell and what was expected; the date is left blank", () => {
    const csv =
      "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\nT1,A,US0378331005,Buy,2026-02-30,1,5,USD\nT2,A,US0378331005,Buy,2026-10-01,3,5,USD\n";
    const r = load(gridFromCsvText(csv, "custodian.csv"));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].where).toEqual({ sheet: "custodian.csv", row: 2, column: "Trade Dt", columnLetter: "E" });
    expect(r.errors[0].detail).toMatch(/expected a date/);
    expect(r.set.date.tradeDate[0]).toBe(NO_DAY);
    expect(r.set.date.tradeDate[1]).toBe(dayFromCivil(2026, 10, 1));
  });

  test("a date column whose order no date proves: one column error, dates blank, never guessed", () => {
    const csv =
      "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\nT1,A,US0378331005,Buy,05/06/2026,1,5,USD\nT2,A,US0378331005,Buy,2026-10-01,3,5,USD\n";
    const r = load(gridFromCsvText(csv, "custodian.csv"));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].where).toMatchObject({ sheet: "custodian.csv", row: 1, column: "Trade Dt", columnLetter: "E" });
    expect(r.errors[0].detail).toMatch(/05\/06\/2026.*set the column's date format/);
    expect(r.set.date.tradeDate[0]).toBe(NO_DAY);
    // The profile's explicit format settles it.
    const fixed = load(gridFromCsvText(csv, "custodian.csv"), side({ dateFormats: { tradeDate: "dd/mm/yyyy" } }));
    expect(fixed.errors).toEqual([]);
    expect(fixed.set.date.tradeDate[0]).toBe(dayFromCivil(2026, 6, 5));
  });

  test("a blank key is not an error (the engine reports it)", () => {
    const r = load(gridFromCsvText(CSV, "custodian.csv"));
    expect(r.errors).toEqual([]);
    expect(textAt(r.set.text.ref, 2)).toBeUndefined();
    expect(r.set.problems.size).toBe(0);
  });

  test("missing mapped column: the side cannot load; the error names the header row, the header expected and the headers found", () => {
    const r = load(
      gridFromCsvText(CSV, "custodian.csv"),
      side({ mapping: { ...CUSTODIAN_MAPPING, quantity: "Quantity" } }),
    );
    expect(r.loaded).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].kind).toBe("missing-column");
    expect(r.errors[0].where).toEqual({ sheet: "custodian.csv", row: 3, column: "Quantity" });
    expect(r.errors[0].detail).toContain("'Quantity'");
    expect(r.errors[0].detail).toContain("headers found: A 'Client Ref', B 'Acct'");
  });

  test("duplicate header in a mapped column: error naming both column letters", () => {
    const csv =
      "Client Ref,Acct,Qty,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\nT1,A,1,US0378331005,Buy,2026-10-01,1,5,USD\n";
    const r = load(gridFromCsvText(csv, "custodian.csv"));
    expect(r.loaded).toBe(false);
    expect(r.errors[0].kind).toBe("duplicate-header");
    expect(r.errors[0].detail).toMatch(/columns C and G of header row 1/);
  });

  test("a required field with no mapping at all cannot load", () => {
    const r = load(gridFromCsvText(CSV, "custodian.csv"), side(), ["ref", "price"]);
    expect(r.loaded).toBe(false);
    expect(r.errors[0].detail).toMatch(/no column is mapped to 'Price'/);
  });

  test("empty side: a header and no rows is a clear error naming the file and header row", () => {
    const r = load(
      gridFromCsvText("Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\n,,,,,,,\n", "custodian.csv"),
    );
    expect(r.loaded).toBe(false);
    expect(r.errors[0].kind).toBe("empty");
    expect(r.errors[0].message).toMatch(
      /sheet 'custodian.csv', row 1: Custodian: custodian.csv has no data rows below header row 1/,
    );
    const none = load(gridFromCsvText("", "custodian.csv"));
    expect(none.loaded).toBe(false);
    expect(none.errors[0].kind).toBe("empty");
  });

  test("unknown side value, invalid identifier and a number beyond 15 digits: each a problem on its record", () => {
    const csv = [
      "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy",
      "T1,A,037833101,Buy,2026-10-01,1,5,USD", // CUSIP with a wrong check digit
      "T2,A,US0378331005,Transfer,2026-10-01,1,5,USD",
      "T3,A,US0378331005,Sell,2026-10-01,1234567890123456,5,USD",
      "T4,A,US0378331005,Sell,2026-10-01,1,5,USD",
    ].join("\n");
    const r = load(gridFromCsvText(csv, "custodian.csv"));
    expect(r.set.problems.get(0)?.[0].code).toBe("INVALID_ID");
    expect(r.set.problems.get(0)?.[0].message).toMatch(/column 'ISIN' \(C\).*037833101/);
    // Never silently derived: the id stays as written.
    expect(textAt(r.set.text.security, 0)).toBe("037833101");
    expect(r.set.problems.get(1)?.[0]).toMatchObject({ code: "ROW_ERROR" });
    expect(r.set.problems.get(1)?.[0].message).toMatch(/unknown side 'Transfer'; expected one of BUY, SELL/);
    expect(r.set.problems.get(2)?.[0].message).toMatch(/cannot be held exactly/);
    expect(r.set.problems.has(3)).toBe(false);
    expect(r.errors).toHaveLength(3);
  });
});

describe("loadRecordSet: Excel error values", () => {
  test("#N/A in a number cell is reported as the Excel error it is (kind excel-error), the row kept", () => {
    const values: CellValue[][] = [
      ["Client Ref", "Qty"],
      ["T1", "#N/A"],
      ["T2", 7],
    ];
    const grid: Grid = { sheet: "Custodian", top: 1, left: 0, values, dateSystem: "1900", label: "Custodian!A1:B3" };
    const r = loadRecordSet(
      grid,
      { label: "Custodian", mapping: { ref: "Client Ref", quantity: "Qty" } },
      "right",
      TRADE,
      { requiredFields: ["ref"] },
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].kind).toBe("excel-error");
    expect(r.errors[0].message).toMatch(
      /sheet 'Custodian', row 2, column 'Qty' \(B\): the cell holds the Excel error #N\/A; expected a number/,
    );
    expect(nums(r.set, "quantity")).toEqual([NaN, 7]);
  });
});

describe("loadRecordSet: signs, exclusions, workbook cells", () => {
  const csv = [
    "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy",
    "T1,A,US0378331005,Buy,2026-10-01,100,1000.00,USD",
    "T2,A,US0378331005,Sell,2026-10-01,40,400.50,USD",
    "T3,A,US0378331005,Sell,2026-10-01,40,400.50,XXX",
  ].join("\n");

  test('sign convention "by-side": quantity BUY positive, SELL negative; amount the other way', () => {
    const r = load(gridFromCsvText(csv, "c.csv"), side({ signConvention: "by-side" }));
    expect(nums(r.set, "quantity")).toEqual([100, -40, -40]);
    expect(nums(r.set, "amount")).toEqual([-1000, 400.5, 400.5]);
  });

  test("negate flips a field's sign; exclusion rules mark records with their reason", () => {
    const r = load(
      gridFromCsvText(csv, "c.csv"),
      side({ negate: ["amount"], exclude: [{ field: "currency", equals: ["xxx"], reason: "test currency" }] }),
    );
    expect(nums(r.set, "amount")).toEqual([-1000, -400.5, -400.5]);
    expect([...r.set.excluded]).toEqual([[2, "test currency"]]);
  });

  test("a workbook side: typed numbers and date-formatted serials, rows as Excel shows them", () => {
    const values: CellValue[][] = [
      ["Fund A - trade blotter", null, null, null, null, null, null, null],
      [null, null, null, null, null, null, null, null],
      ["Trade Ref", "Account", "ISIN", "Side", "Trade Date", "Quantity", "Net Amount", "Currency"],
      ["T2610-0001", "FUND-A-001", "US0378331005", "BUY", 46318, 3373, -765153.81, "USD"],
      ["T2610-0002", "FUND-A-001", "US0378331005", "SELL", 46299, 0.1 + 0.2, 12, "USD"],
    ];
    const fmt = values.map((row) => row.map((_v, c) => (c === 4 ? "yyyy-mm-dd" : "General")));
    const grid: Grid = {
      sheet: "Trades",
      top: 1,
      left: 0,
      values,
      numberFormats: fmt,
      dateSystem: "1900",
      label: "Trades!A1:H5",
    };
    const mapping = {
      ref: "Trade Ref",
      account: "Account",
      security: "ISIN",
      side: "Side",
      tradeDate: "Trade Date",
      quantity: "Quantity",
      amount: "Net Amount",
      currency: "Currency",
    };
    const r = loadRecordSet(grid, { label: "Books", mapping }, "left", TRADE, { requiredFields: ["ref"] });
    expect(r.errors).toEqual([]);
    expect(Array.from(r.set.rows)).toEqual([4, 5]);
    // Serial 46318 is 2026-10-23 in the 1900 system (1970-01-01 is serial 25569; 25569 + 20749 days).
    expect(r.set.date.tradeDate[0]).toBe(dayFromCivil(2026, 10, 23));
    expect(nums(r.set, "quantity")).toEqual([3373, 0.3]);
    expect(Array.from(r.set.num.amount.ints)).toEqual([-76515381, 1200]);
  });
});
