/**
 * Office.js round trips for a reconciliation (read both sides, reconcile, write Breaks and Summary)
 * through the Office adapter on the in-memory Excel host, at two sizes, so the growth is visible:
 * syncs must grow with rows / chunk, never with rows. Peers, on the same workbook:
 * - "per-row sync loop": a loop that syncs once per row (what eslint-plugin-office-addins forbids);
 * - "template single load": the yo-office template's pattern, one range.load("values") of each used
 *   range and one sync: 1 round trip, but its response size is printed against Excel's 5 MB limit.
 */
import { tradeBook, TRADE_HEADERS } from "../bench-office";
import { fmt, mb, record } from "./common";
import { benchReconOffice } from "./recon";

const LIMIT = 5 * 1024 * 1024;

export async function benchOffice(rows: number): Promise<void> {
  const sizes = [Math.max(1000, Math.round(rows / 10)), rows];
  const results = [];
  for (const n of sizes) {
    const r = await benchReconOffice(n);
    results.push(r);
    const { books, custodian } = tradeBook(n);
    const singleLoad = Math.max(
      JSON.stringify([TRADE_HEADERS, ...books]).length,
      JSON.stringify([TRADE_HEADERS, ...custodian]).length,
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
      `  bytes per sync: request mean ${mb(r.requestBytes.mean)} max ${mb(r.requestBytes.max)}; response mean ${mb(r.responseBytes.mean)} max ${mb(r.responseBytes.max)}`,
    );
  }
  const [a, b] = results;
  console.log(
    `  growth: rows x${(b.rowsPerSide / a.rowsPerSide).toFixed(0)} -> syncs x${(b.syncs / a.syncs).toFixed(2)} (${a.syncs} -> ${b.syncs})`,
  );
}
