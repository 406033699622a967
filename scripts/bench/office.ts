/**
 * Office.js round trips for the reconciliation slice (read both sides, compare, write Breaks) through
 * the Office adapter on the in-memory Excel host, at two sizes, so the growth is visible: syncs must
 * grow with rows / chunk, never with rows. Peers, computed on the same workbook:
 * - "template single load": the yo-office template's pattern, one range.load("values") of each used
 *   range and one sync: 1 round trip, but its response size is printed against Excel's 5 MB limit;
 * - "per-row sync": a loop that syncs once per row (what eslint-plugin-office-addins forbids).
 */
import { benchOfficeRoundTrips, tradeBook, TRADE_HEADERS } from "../bench-office";
import { runReconSlice } from "../../src/io/workflows/recon-slice";
import { fmt, mb, record } from "./common";

const LIMIT = 5 * 1024 * 1024;

export async function benchOffice(rows: number): Promise<void> {
  const sizes = [Math.max(1000, Math.round(rows / 10)), rows];
  const results = [];
  for (const n of sizes) {
    console.log(`\nOffice adapter, reconciliation slice ${fmt(n)} x ${fmt(n)} rows (memory Excel host)`);
    const r = await benchOfficeRoundTrips(n, async (port) => {
      await runReconSlice(port, {
        left: { sheet: "Books", label: "Books", key: "Ref", value: "Amount" },
        right: { sheet: "Custodian", label: "Custodian", key: "Ref", value: "Amount" },
        tolerance: "0.01",
      });
    });
    results.push(r);
    const { books, custodian } = tradeBook(n);
    const singleLoad = Math.max(
      JSON.stringify([TRADE_HEADERS, ...books]).length,
      JSON.stringify([TRADE_HEADERS, ...custodian]).length,
    );
    const perRow = books.length + custodian.length + 2;
    record(
      "office",
      `context.sync() calls, ${fmt(n)} rows/side`,
      fmt(r.syncs),
      "per-row sync loop",
      fmt(perRow),
      `${(r.syncs / perRow).toFixed(5)}x`,
    );
    record(
      "office",
      `largest response, ${fmt(n)} rows/side`,
      mb(r.responseBytes.max),
      "template single load",
      `${mb(singleLoad)}${singleLoad > LIMIT ? " (over Excel's 5 MB limit: fails)" : ""}`,
      `${(r.responseBytes.max / singleLoad).toFixed(3)}x`,
    );
    console.log(
      `  rows per read chunk ${fmt(r.rowsPerChunk)}, per write chunk ${fmt(r.rowsPerWriteChunk)}; request bytes max ${mb(r.requestBytes.max)} mean ${mb(r.requestBytes.mean)}; response bytes max ${mb(r.responseBytes.max)} mean ${mb(r.responseBytes.mean)}; Excel.run calls ${r.runs}`,
    );
  }
  const [a, b] = results;
  console.log(
    `  growth: rows x${(b.rowsPerSide / a.rowsPerSide).toFixed(0)} -> syncs x${(b.syncs / a.syncs).toFixed(2)} (${a.syncs} -> ${b.syncs})`,
  );
}
