/**
 * Office round trips for a reconciliation, measured on the memory Excel host: how many syncs, how big
 * each request and response is, how many rows travel per chunk. Wall-clock time inside the host says
 * nothing about Excel, so this reports counts and bytes; the limits they are compared with are
 * Excel's own (5 MB per request/response, docs/office-adapter.md).
 *
 * Plain TypeScript with no Node-only API, so a bench runner bundled by webpack (or jest) can import it:
 *
 *   import { benchOfficeRoundTrips } from "./bench-office";
 *   const r = await benchOfficeRoundTrips(100_000);                      // naive key compare inline
 *   const r = await benchOfficeRoundTrips(100_000, (port) => runRecon(port)); // the real workflow
 *   console.log(r.syncs, r.requestBytes.max, r.responseBytes.max, r.rowsPerChunk);
 *
 * The workbook: "Books" and "Custodian", `rowsPerSide` trade rows each (ref, account, ISIN, side,
 * trade date serial, quantity, price, amount, currency) under a header row, with about 5% of rows
 * differing: 2% amounts off, 1.5% only in Books, 1.5% only at the custodian.
 */
import { createMemoryHost } from "../src/excel/memory-host";
import { ExcelWorkbook } from "../src/excel/workbook";
import type { CellValue, WorkbookPort } from "../src/io/port";

export interface SizeSummary {
  max: number;
  mean: number;
}

export interface OfficeBenchResult {
  rowsPerSide: number;
  syncs: number;
  runs: number;
  requestBytes: SizeSummary;
  responseBytes: SizeSummary;
  /** Rows per read chunk the adapter settled on (after sampling the first chunk). */
  rowsPerChunk: number;
  /** Most rows in one write chunk. */
  rowsPerWriteChunk: number;
  cellsRead: number;
  cellsWritten: number;
  /** Rows written to the Breaks sheet (naive compare only; -1 when runSlice did the work). */
  breaks: number;
}

export const TRADE_HEADERS = [
  "Ref",
  "Account",
  "ISIN",
  "Side",
  "Trade date",
  "Quantity",
  "Price",
  "Amount",
  "Currency",
];
const TRADE_FORMATS = ["@", "@", "@", "General", "yyyy-mm-dd", "#,##0", "0.0000", "#,##0.00", "General"];

/** Park-Miller LCG: the same workbook on every run and every machine. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** ISIN check digit (ISO 6166): letters as 10..35, then Luhn over the digit string. */
export function isinCheckDigit(body: string): number {
  const digits = body
    .toUpperCase()
    .split("")
    .map((ch) => (ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch))
    .join("");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts at the rightmost digit, since the check digit will sit to its right.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isin(n: number): string {
  const body = `US${String(n).padStart(9, "0")}`;
  return body + isinCheckDigit(body);
}

type Trade = CellValue[];

function trade(i: number, rand: () => number): Trade {
  const quantity = 100 * (1 + Math.floor(rand() * 500));
  const price = Math.round((5 + rand() * 495) * 10000) / 10000;
  return [
    `TR${String(i).padStart(8, "0")}`,
    `ACC-${String(1 + Math.floor(rand() * 400)).padStart(4, "0")}`,
    isin(37833100 + Math.floor(rand() * 5000)),
    rand() < 0.5 ? "BUY" : "SELL",
    45292 + Math.floor(rand() * 366), // 2024-01-01 onwards, 1900 date system
    quantity,
    price,
    Math.round(quantity * price * 100) / 100,
    ["USD", "EUR", "GBP"][Math.floor(rand() * 3)],
  ];
}

/** Books and Custodian rows with ~5% differences, deterministic for a given size. */
export function tradeBook(rowsPerSide: number): { books: Trade[]; custodian: Trade[] } {
  const rand = prng(20261121);
  const books: Trade[] = [];
  const custodian: Trade[] = [];
  for (let i = 0; i < rowsPerSide; i++) {
    const t = trade(i, rand);
    books.push(t);
    const r = rand();
    if (r < 0.015) {
      custodian.push(trade(rowsPerSide + i, rand)); // a trade the books lack; this one the custodian lacks
    } else if (r < 0.035) {
      const c = [...t];
      c[7] = Math.round(((c[7] as number) + 0.01 + Math.floor(rand() * 1000)) * 100) / 100;
      custodian.push(c);
    } else {
      custodian.push([...t]);
    }
  }
  return { books, custodian };
}

/**
 * Naive comparison by Ref on Amount, for the benchmark only: the engine's reconciliation (Decimal
 * amounts, tolerances, duplicates, row errors) is src/core/recon; this just gives the write side a
 * realistic number of rows when no runSlice is passed.
 */
async function naiveRecon(port: WorkbookPort): Promise<number> {
  // One after the other, as the pane does: two Excel.run batches in flight would interleave.
  const left = await port.read({ sheet: "Books" });
  const right = await port.read({ sheet: "Custodian" });
  const keyed = new Map<string, CellValue>();
  for (const row of right.values.slice(1)) keyed.set(String(row[0]), row[7]);
  const breaks: CellValue[][] = [];
  for (const row of left.values.slice(1)) {
    const ref = String(row[0]);
    if (!keyed.has(ref)) breaks.push([ref, "MISSING_RIGHT", row[7], null]);
    else {
      const other = keyed.get(ref);
      if (other !== row[7]) breaks.push([ref, "AMOUNT", row[7], other ?? null]);
      keyed.delete(ref);
    }
  }
  for (const [ref, amount] of keyed) breaks.push([ref, "MISSING_LEFT", null, amount]);
  await port.writeSheet({
    name: "Breaks",
    tableName: "Breaks",
    preamble: ["Breaks: Books vs Custodian (benchmark)"],
    columns: [
      { header: "Ref", numberFormat: "@" },
      { header: "Break" },
      { header: "Books amount", numberFormat: "#,##0.00" },
      { header: "Custodian amount", numberFormat: "#,##0.00" },
    ],
    rows: breaks,
  });
  return breaks.length;
}

function summary(xs: number[]): SizeSummary {
  if (xs.length === 0) return { max: 0, mean: 0 };
  let max = 0;
  let sum = 0;
  for (const x of xs) {
    max = Math.max(max, x);
    sum += x;
  }
  return { max, mean: Math.round(sum / xs.length) };
}

export async function benchOfficeRoundTrips(
  rowsPerSide: number,
  runSlice?: (port: WorkbookPort) => Promise<void>,
): Promise<OfficeBenchResult> {
  const host = createMemoryHost();
  const { books, custodian } = tradeBook(rowsPerSide);
  const formats = (n: number) => [
    TRADE_HEADERS.map(() => "General"),
    ...Array.from({ length: n }, () => TRADE_FORMATS),
  ];
  host.addSheet("Books", [TRADE_HEADERS, ...(books as (string | number)[][])], formats(books.length));
  host.addSheet("Custodian", [TRADE_HEADERS, ...(custodian as (string | number)[][])], formats(custodian.length));
  host.resetStats();

  const port = new ExcelWorkbook(host.run);
  let breaks = -1;
  if (runSlice) await runSlice(port);
  else breaks = await naiveRecon(port);

  const log = host.stats.log;
  return {
    rowsPerSide,
    syncs: host.stats.syncs,
    runs: host.stats.runs,
    requestBytes: summary(host.stats.requestBytes),
    responseBytes: summary(host.stats.responseBytes),
    rowsPerChunk: port.lastReadRowsPerChunk,
    rowsPerWriteChunk: port.lastWriteRowsPerChunk,
    cellsRead: log.reduce((a, l) => a + l.cellsRead, 0),
    cellsWritten: log.reduce((a, l) => a + l.cellsWritten, 0),
    breaks,
  };
}
