/**
 * src/io/file/csv-columns.ts (large CSV files read by column) and the loader's in-place readers
 * (src/io/recon/load.ts fastDay, src/io/recon/fast-number.ts scanScaled over a range).
 *
 * The reference for every expected value is the existing path: papaparse's grid
 * (gridFromCsvText, RFC 4180) and the loader reading it, parseDateText and scanScaled on a string.
 * The column path must give the same cells, the same records and the same errors; the one
 * intended difference is the row number of a record after a quoted field that spans lines, which
 * is its line in the file (RFC 4180 section 2.6: a quoted field may contain line breaks) where the
 * grid counts records.
 */
import fc from "fast-check";
import { dayFromCivil } from "../../src/core/dates/civil";
import { parseDateText } from "../../src/core/dates/parse";
import { buildCrosswalk } from "../../src/core/ids";
import { STANDARD_FIELDS } from "../../src/core/recon/kinds";
import type { SideConfig } from "../../src/core/recon/profile";
import { NO_DAY } from "../../src/core/recon/records";
import { columnarGridFromCsvText, type Scan } from "../../src/io/file/csv-columns";
import { gridFromCsvText } from "../../src/io/file/csv-read";
import { FileWorkbook, MAX_CSV_BYTES } from "../../src/io/file/file-workbook";
import type { Grid } from "../../src/io/port";
import { FALLBACK, OK, Scaled, scanScaled, scanScaledBytes } from "../../src/io/recon/fast-number";
import { fastDay, loadRecordSet } from "../../src/io/recon/load";
import { parseProfile } from "../../src/io/recon/profile-store";
import { runRecon } from "../../src/io/recon/workflow";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TRADE = STANDARD_FIELDS.trade;

const MAPPING: Record<string, string> = {
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
  return { label: "Custodian", mapping: MAPPING, ...extra };
}

function load(grid: Grid, s: SideConfig = side()) {
  return loadRecordSet(grid, s, "right", TRADE, {
    requiredFields: ["ref", "quantity"],
    crosswalk: buildCrosswalk([]),
    sideTable: "trade",
  });
}

/** Everything a load gives, in comparable form. */
function summary(r: ReturnType<typeof load>) {
  return {
    loaded: r.loaded,
    headerRow: r.headerRow,
    blankRows: r.blankRows,
    rows: Array.from(r.set.rows),
    text: r.set.text,
    num: Object.fromEntries(
      Object.entries(r.set.num).map(([f, c]) => [f, { scale: c.scale, ints: Array.from(c.ints) }]),
    ),
    date: Object.fromEntries(Object.entries(r.set.date).map(([f, d]) => [f, Array.from(d)])),
    problems: [...r.set.problems.entries()],
    excluded: [...r.set.excluded.entries()],
    errors: r.errors.map((e) => e.message),
  };
}

// Title and blank line above the header (header on line 3), a quoted field holding the delimiter, a
// doubled quote, a blank record, a short record, every kind of bad cell of issue 4, CRLF endings.
const CUSTODIAN = [
  "Custodian trade confirmations,,,,,,,",
  ",,,,,,,",
  "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy",
  'T1,FUND-A,037833100,Buy,23/10/2026,"3,373","765,153.81",usd',
  'T2,"FUND ""B""",0263494,Sell,02/10/2026,100,(12.5),GBP',
  ",,,,,,,",
  " , ,,,,,,",
  "T3,FUND-A,US0378331005,B,2026-10-01,10,1.125,USD",
  "T4,FUND-A,US0378331005,Buy,31/02/2026,ten,1,USD",
  "T5,FUND-A,XX123,Hold,01/10/2026,1,,USD",
  "T6,FUND-A",
  ",FUND-A,US0378331005,Buy,30/09/2026,1,12345678901234567,USD",
].join("\r\n");

describe("columnarGridFromCsvText gives papaparse's cells", () => {
  const cases: [string, string][] = [
    ["custodian, CRLF", CUSTODIAN],
    ["LF with a trailing newline", CUSTODIAN.replace(/\r\n/g, "\n") + "\n"],
    ["BOM, semicolons, blank lines at the end", "\ufeffa;b\n1;2\n\n\n"],
    ["a trailing delimiter and a ragged record", "a,b,c\n1,2,\n3\n4,5,6,7\n"],
    ["a quoted line break", 'a,b\n"x\ny",2\nz,3\n'],
    ["tabs", "a\tb\n1\t2"],
  ];
  test.each(cases)("%s", (_name, text) => {
    const expected = gridFromCsvText(text, "f.csv");
    const g = columnarGridFromCsvText(text, "f.csv");
    expect(g.columns).toBeDefined();
    expect(g.values.length).toBe(expected.values.length);
    // The first rows without parsing the whole file, then everything (parsed by papaparse).
    for (let i = 0; i < Math.min(3, expected.values.length); i++) expect(g.values[i]).toEqual(expected.values[i]);
    expect([...g.values]).toEqual(expected.values);
    expect({ ...g, values: undefined, columns: undefined }).toEqual({ ...expected, values: undefined });
  });

  const odd: [string, string][] = [
    ["a quote inside an unquoted field", 'a,b\nx"y,2\n'],
    ["text after a closing quote", 'a,b\n"x"y,2\n'],
    ["an unterminated quote", 'a,b\n"x,2\n'],
    ["mixed line endings", "a,b\r\n1,2\n3,4\r\n"],
    ["a bare carriage return", "a,b\n1,2\r3,4\n"],
  ];
  test.each(odd)("%s: not plain, so papaparse's grid itself (no columns)", (_name, text) => {
    const g = columnarGridFromCsvText(text, "f.csv");
    expect(g.columns).toBeUndefined();
    expect(g).toEqual(gridFromCsvText(text, "f.csv"));
  });

  test("columns.read: only the asked columns, blank records skipped and counted, doubled quotes undone", () => {
    const g = columnarGridFromCsvText('h1,h2,h3\n"a,1",b,c\n,,\n"x""y",,z\nlast\n', "f.csv");
    const d = g.columns!.read([2, 0], 0);
    expect(d.size).toBe(3);
    expect(d.blankRows).toBe(1);
    expect(Array.from(d.rows)).toEqual([2, 4, 5]);
    const cell = (j: number, k: number) => d.special[j].get(k) ?? d.decode(d.starts[j][k], d.ends[j][k]);
    expect([0, 1, 2].map((k) => cell(0, k))).toEqual(["c", "z", ""]);
    expect([0, 1, 2].map((k) => cell(1, k))).toEqual(["a,1", 'x"y', "last"]);
  });
});

describe("loadRecordSet reads a columnar CSV exactly as its grid", () => {
  const variants: [string, string, SideConfig][] = [
    ["custodian (CRLF, bad cells, blank and short records)", CUSTODIAN, side()],
    [
      "LF, with an exclusion on an unmapped-type field and a date format",
      CUSTODIAN.replace(/\r\n/g, "\n"),
      side({
        dateFormats: { tradeDate: "dd/mm/yyyy" },
        exclude: [{ field: "account", equals: ['FUND "B"'], reason: "test" }],
      }),
    ],
    ["by-side signs", CUSTODIAN, side({ signConvention: "by-side" })],
    [
      // No doubled quote: the WebAssembly reader gives the columns and each cell's first repeat
      // (csv-scan.wat); a repeated bad cell is reported on every row it is on.
      "no doubled quote, repeated bad cells",
      CUSTODIAN.replace('"FUND ""B"""', "FUND-B") +
        "\r\nT7,#N/A,US0378331005,Hold,01/10/2026,1,1,USD\r\nT8,#N/A,US0378331005,Hold,01/10/2026,1,1,USD\r\nT9,FUND-B,0263494,Sell,01/10/2026,1,1,GBP",
      side(),
    ],
    [
      "ambiguous slashed dates",
      "Client Ref,Acct,ISIN,Txn Type,Trade Dt,Qty,Net Amount,Ccy\nT1,A,US0378331005,Buy,05/06/2026,1,1,USD\nT2,A,US0378331005,Buy,2026-06-05,1,1,USD\n",
      side(),
    ],
  ];
  const scans: Scan[] = ["wasm", "js"];
  test.each(variants.flatMap(([name, text, s]) => scans.map((scan) => [name, scan, text, s] as const)))(
    "%s (%s scan)",
    (_name, scan, text, s) => {
      const expected = summary(load(gridFromCsvText(text, "custodian.csv"), s));
      const got = summary(load(columnarGridFromCsvText(text, "custodian.csv", scan), s));
      expect(got).toEqual(expected);
      expect(expected.errors.length).toBeGreaterThan(0);
    },
  );

  test("a record after a quoted field spanning lines is numbered by its line in the file", () => {
    const text = 'Client Ref,Qty,Acct\nT1,1,"two\nlines"\nT2,2,A\n\nT3,3,A\n';
    const s: SideConfig = { label: "C", mapping: { ref: "Client Ref", quantity: "Qty", account: "Acct" } };
    const grid = gridFromCsvText(text, "c.csv");
    const col = columnarGridFromCsvText(text, "c.csv");
    // Lines: 1 header, 2-3 T1, 4 T2, 5 blank, 6 T3. The grid numbers records (1..5).
    expect(Array.from(load(col, s).set.rows)).toEqual([2, 4, 6]);
    expect(Array.from(load(grid, s).set.rows)).toEqual([2, 3, 5]);
    expect(load(col, s).set.text.account).toEqual(load(grid, s).set.text.account);
  });

  test("a CSV file of 2 GiB or more is refused with a clear error before anything is read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bo-csvbig-"));
    const file = join(dir, "huge.csv");
    writeFileSync(file, "a,b\n");
    truncateSync(file, MAX_CSV_BYTES); // sparse: no disk is used
    await expect(new FileWorkbook().read({ sheet: file })).rejects.toThrow(
      /huge\.csv is 2\.0 GiB; a CSV file must be under 2 GiB/,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  test("FileWorkbook reads CSV files from columnarBytes by column, smaller ones whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bo-csvcol-"));
    const file = join(dir, "c.csv");
    writeFileSync(file, CUSTODIAN);
    const big = await new FileWorkbook({ columnarBytes: 0 }).read({ sheet: file });
    const small = await new FileWorkbook().read({ sheet: file });
    expect(big.columns).toBeDefined();
    expect(small.columns).toBeUndefined();
    expect(summary(load(big))).toEqual(summary(load(small)));
  });
});

describe("in-place readers agree with the string readers", () => {
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  test("fastDay answers only where parseDateText gives the same valid day (fast-check)", () => {
    const formats = [undefined, "iso", "dd/mm/yyyy", "mm/dd/yyyy", "yyyymmdd", "d-mmm-yyyy"] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 39 }),
        fc.constantFrom("iso", "dmy", "junk"),
        fc.constantFrom(...formats),
        (y, m, d, shape, format) => {
          const text =
            shape === "iso"
              ? `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
              : shape === "dmy"
                ? `${pad(d, 2)}/${pad(m, 2)}/${pad(y, 4)}`
                : `${pad(d, 2)}-${pad(m, 2)}/${pad(y, 4)}`;
          const line = `x,${text},y`;
          const day = fastDay(Buffer.from(line), 2, 2 + text.length, format);
          if (day !== NO_DAY) expect(day).toBe(parseDateText(text, format) ?? parseDateText(text));
        },
      ),
      { numRuns: 3000 },
    );
    // And it does answer the common shapes (else the fast path would be dead code).
    expect(fastDay(Buffer.from("2026-10-30"), 0, 10, undefined)).toBe(dayFromCivil(2026, 10, 30));
    expect(fastDay(Buffer.from("30/10/2026"), 0, 10, "dd/mm/yyyy")).toBe(dayFromCivil(2026, 10, 30));
    expect(fastDay(Buffer.from("10/30/2026"), 0, 10, "mm/dd/yyyy")).toBe(dayFromCivil(2026, 10, 30));
  });

  test("scanScaledBytes over a range of a file's bytes agrees with scanScaled on the cell's string (fast-check)", () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[ ($£€\u00a0-]{0,2}[0-9]{0,7}(,[0-9]{3}){0,2}(\.[0-9]{0,12})?[ )-]{0,2}$/),
      fc.string({ maxLength: 12 }),
      fc.string({ maxLength: 12, unit: "binary" }),
    );
    fc.assert(
      fc.property(cell, fc.constantFrom(",", ";", "\t", "|", '"'), fc.boolean(), (v, delim, dc) => {
        const bytes = Buffer.from(`${delim}${v}${delim}9`, "utf8");
        const len = Buffer.byteLength(v, "utf8");
        const a: Scaled = { int: 0, scale: 0 };
        const b: Scaled = { int: 0, scale: 0 };
        const ra = scanScaledBytes(bytes, dc, a, 1, 1 + len);
        const rb = scanScaled(v, dc, b);
        // ASCII cells read the same; a non-ASCII character (several UTF-8 bytes) is left to the
        // reference reader by the byte scanner, while the string scanner may peel it (£, €, no-break space).
        if (Buffer.byteLength(v, "utf8") === v.length) expect(ra).toBe(rb);
        else if (ra !== FALLBACK) expect(ra).toBe(rb);
        if (ra !== FALLBACK) expect(a).toEqual(b);
      }),
      { numRuns: 3000 },
    );
    const out: Scaled = { int: 0, scale: 0 };
    expect(scanScaledBytes(Buffer.from('x,"(1,234.50)",y'), false, out, 3, 13)).toBe(OK);
    expect(out).toEqual({ int: -12345, scale: 1 });
    expect(scanScaledBytes(Buffer.from("£12"), false, out, 0, 4)).toBe(FALLBACK);
    expect(scanScaled("£12", false, out)).toBe(OK);
  });
});

describe("bo recon's workflow gives the same result whether the samples' CSV files are read by column or whole", () => {
  // samples/ (scripts/make-samples.mjs): each kind's workbook side against its CSV side.
  const kinds: [string, string, string][] = [
    ["trade", "samples/books.xlsx#Trades", "samples/custodian.csv"],
    ["position", "samples/positions.xlsx#Holdings", "samples/custodian-holdings.csv"],
    ["cash", "samples/cash-ledger.xlsx#Ledger", "samples/bank-statement.csv"],
  ];
  test.each(kinds)("%s", async (kind, left, right) => {
    const path = `samples/profiles/${kind}.json`;
    const profile = parseProfile(readFileSync(path, "utf8"), path);
    const run = async (port: FileWorkbook) => {
      const master = await port.read({ sheet: "samples/security-master.csv" });
      const r = await runRecon(port, profile, {
        leftRef: { sheet: left },
        rightRef: { sheet: right },
        master,
        runDate: dayFromCivil(2026, 11, 2),
        links: "none",
      });
      return { result: r.result, breakRows: r.breakRows, errors: r.errors.map((e) => e.message), sides: r.sides };
    };
    // The sample is plain RFC 4180, so it does take the column path.
    expect((await new FileWorkbook({ columnarBytes: 0 }).read({ sheet: right })).columns).toBeDefined();
    const whole = await run(new FileWorkbook());
    const byColumn = await run(new FileWorkbook({ columnarBytes: 0 }));
    expect(byColumn).toEqual(whole);
    expect(whole.result.breaks.length).toBeGreaterThan(0);
  });
});
