/**
 * `bo recon` on bad input (the built dist/cli/bo.js): each problem is a clear message naming the
 * sheet or file, the row and the column; a per-cell problem keeps every other row in the run (exit
 * 0, the row listed in the Breaks sheet), a side that cannot be read stops the run (exit 1) and
 * nothing is written; options and profiles that cannot be used are usage errors (exit 2).
 *
 * The inputs are four trades written here in the samples' shapes (books headers as in
 * samples/books.xlsx, custodian headers, text dates and number styles as in samples/custodian.csv)
 * and reconciled with samples/profiles/trade.json, so the expected matches are counted by hand.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const bo = join(root, "dist/cli/bo.js");
const tmp = mkdtempSync(join(tmpdir(), "bo-recon-err-"));

function run(args: string[]) {
  const r = spawnSync("node", [bo, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const BOOKS = [
  "Trade Ref,Account,ISIN,Side,Trade Date,Settle Date,Quantity,Price,Net Amount,Currency",
  'T1,FUND-A-001,US0378331005,BUY,2026-10-01,2026-10-05,100,229.87,"-22,987.00",USD',
  'T2,FUND-A-001,US5949181045,SELL,2026-10-02,2026-10-06,200,415.12,"83,024.00",USD',
  'T3,FUND-A-002,GB0002634946,BUY,2026-10-05,2026-10-07,1000,12.64,"-12,640.00",GBP',
  'T4,FUND-A-002,GB0002634946,SELL,2026-10-06,2026-10-08,500,12.70,"6,350.00",GBP',
];
const CUST_HEADER = "Client Ref,Acct,Security ID,Txn Type,Trade Dt,Settle Dt,Qty,Price,Net Amount,Ccy,Status";
// The same four trades as the custodian reports them: CUSIP for Apple, SEDOL for BAE, (negatives).
const CUST = [
  CUST_HEADER,
  'T1,FUND-A-001,037833100,Buy,01/10/2026,05/10/2026,100,229.87,"(22,987.00)",USD,SETTLED',
  'T2,FUND-A-001,US5949181045,Sell,02/10/2026,06/10/2026,200,415.12,"83,024.00",USD,SETTLED',
  'T3,FUND-A-002,0263494,Buy,05/10/2026,07/10/2026,"1,000",12.64,"(12,640.00)",GBP,SETTLED',
  'T4,FUND-A-002,0263494,Sell,06/10/2026,08/10/2026,500,12.70,"6,350.00",GBP,SETTLED',
];

function files(name: string, books: string[], cust: string[]) {
  const l = join(tmp, `${name}-books.csv`);
  const r = join(tmp, `${name}-custodian.csv`);
  writeFileSync(l, books.join("\n") + "\n");
  writeFileSync(r, cust.join("\n") + "\n");
  return { l, r, xlsx: join(tmp, `${name}.xlsx`), json: join(tmp, `${name}.json`) };
}

function recon(name: string, books: string[], cust: string[]) {
  const f = files(name, books, cust);
  const r = run([
    "recon",
    "--profile",
    "samples/profiles/trade.json",
    "--left",
    f.l,
    "--right",
    f.r,
    "--out",
    f.xlsx,
    "--json",
    f.json,
    "--run-date",
    "2026-10-31",
  ]);
  return { ...r, ...f, result: r.code === 0 ? JSON.parse(readFileSync(f.json, "utf8")) : undefined };
}

describe("bo recon: clean control", () => {
  it("matches all four hand-written trades (CUSIP and SEDOL cross-walked, (negatives) and 1,000 read)", () => {
    const r = recon("clean", BOOKS, CUST);
    expect(r.code).toBe(0);
    expect(r.out).toContain("reference: 4 Books rows with 4 Custodian rows");
    expect(r.out).toContain("Breaks: 0");
  });
});

describe("bo recon: a bad cell is reported where it is and every other row is reconciled", () => {
  it("text in a number field: names the file, line and column, and the other three trades match", () => {
    const cust = [...CUST];
    cust[2] = cust[2].replace(",200,", ",abc,");
    const r = recon("text-number", BOOKS, cust);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "sheet 'text-number-custodian.csv', row 3, column 'Qty' (G): expected a number, found 'abc'",
    );
    expect(r.out).toContain("reference: 3 Books rows with 3 Custodian rows");
    expect(r.result.summary.conservation.holds).toBe(true);
    expect(r.result.breaks.find((b: { codes: string[] }) => b.codes.includes("ROW_ERROR")).rightRows).toEqual([3]);
  });

  it("an unparseable date: names the file, line and column, and the other three trades match", () => {
    const cust = [...CUST];
    cust[3] = cust[3].replace("07/10/2026", "32/10/2026");
    const r = recon("bad-date", BOOKS, cust);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "sheet 'bad-date-custodian.csv', row 4, column 'Settle Dt' (F): expected a date as dd/mm/yyyy",
    );
    expect(r.out).toContain("found '32/10/2026'");
    expect(r.out).toContain("reference: 3 Books rows with 3 Custodian rows");
  });

  it("a blank key: a row that no pass can consider is named by file, line and column; the others match", () => {
    // Blank reference AND blank account: neither the reference pass nor the economics pass
    // (account, security, side, trade date, quantity) can consider the row.
    const books = [...BOOKS];
    books[4] = books[4].replace("T4,FUND-A-002,", ",,");
    const r = recon("blank-key", books, CUST);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /sheet 'blank-key-books\.csv', row 5, column 'Trade Ref' \(A\): Books: the key 'ref' is blank, so no pass could pair this row/,
    );
    expect(r.out).toContain("reference: 3 Books rows with 3 Custodian rows");
    expect(r.result.summary.conservation).toEqual({ leftIn: 4, leftOut: 4, rightIn: 4, rightOut: 4, holds: true });
  });
});

describe("bo recon: a side that cannot be read stops the run and writes nothing (exit 1)", () => {
  const expectNothingWritten = (r: { xlsx: string; json: string }) => {
    expect(existsSync(r.xlsx)).toBe(false);
    expect(existsSync(r.json)).toBe(false);
  };

  it("a missing mapped column: names the file, header row and the header expected, and lists those found", () => {
    const cust = [...CUST];
    cust[0] = cust[0].replace("Net Amount", "Net Amt");
    const r = recon("missing-col", BOOKS, cust);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "sheet 'missing-col-custodian.csv', row 1, column 'Net Amount': Custodian: the column 'Net Amount' mapped to 'Net amount' is not in header row 1",
    );
    expect(r.err).toContain("I 'Net Amt'");
    expectNothingWritten(r);
  });

  it("a duplicate header: names both column letters", () => {
    const cust = CUST.map((l, i) => (i === 0 ? `${l},Qty` : `${l},1`));
    const r = recon("dup-header", BOOKS, cust);
    expect(r.code).toBe(1);
    expect(r.err).toContain("sheet 'dup-header-custodian.csv', row 1, column 'Qty' (L)");
    expect(r.err).toContain("appears in columns G and L of header row 1");
    expectNothingWritten(r);
  });

  it("an empty side (a header and no rows): names the file", () => {
    const r = recon("empty", BOOKS, [CUST_HEADER]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/sheet 'empty-custodian\.csv'.*Custodian/);
    expect(r.err).toMatch(/no data|empty/i);
    expectNothingWritten(r);
  });

  it("an input file that does not exist", () => {
    const f = files("nofile", BOOKS, CUST);
    const r = run([
      "recon",
      "--profile",
      "samples/profiles/trade.json",
      "--left",
      f.l,
      "--right",
      join(tmp, "nope.csv"),
      "--out",
      f.xlsx,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("sheet 'nope.csv': file not found");
    expect(existsSync(f.xlsx)).toBe(false);
  });
});

describe("bo recon: usage errors (exit 2)", () => {
  it.each([
    [["recon", "--profile", "samples/profiles/trade.json"], "--out OUT.xlsx is required"],
    [["recon", "--out", "x.xlsx"], "give --profile P.json, or --kind trade|position|cash"],
    [["recon", "--kind", "swap", "--out", "x.xlsx"], "--kind expects trade, position or cash, found 'swap'"],
    [
      ["recon", "--profile", "samples/profiles/trade.json", "--out", "x.xlsx", "--run-date", "31/10/2026"],
      "--run-date expects a date YYYY-MM-DD",
    ],
    [["recon", "--profile", "samples/profiles/trade.json", "--out", "x.xlsx", "--bogus"], "Unknown option '--bogus'"],
    [
      ["recon", "--profile", "no-such-profile.json", "--out", "x.xlsx"],
      "cannot read the profile no-such-profile.json: ENOENT",
    ],
  ])("%j", (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("a profile that breaks the schema is named by JSON path (validateProfile's messages)", () => {
    const p = JSON.parse(readFileSync(join(root, "samples/profiles/trade.json"), "utf8"));
    p.passes[0].compare[1].tolerance = 0.0001; // a number, not decimal text
    const file = join(tmp, "bad-profile.json");
    writeFileSync(file, JSON.stringify(p));
    const r = run(["recon", "--profile", file, "--out", join(tmp, "bp.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("passes[0].compare[1].tolerance: expected decimal text");
  });
});
