// `npm run demo`: the main job on the bundled samples, no Excel needed. Builds the CLI if it is not
// built yet, then reconciles samples/books.xlsx (the fund's blotter) against samples/custodian.csv
// (the custodian's confirmations) and writes out/demo/breaks.xlsx, then runs the month-end accruals
// on samples/accruals.xlsx and writes out/demo/accruals.xlsx.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const sh = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync("dist/cli/bo.js") || process.env.BO_REBUILD === "1") sh("npx", ["webpack", "--mode", "production"]);
console.log("== Reconciliation: books vs custodian ==");
const out = "out/demo/breaks.xlsx";
sh("node", [
  "dist/cli/bo.js", "recon",
  "--left", "samples/books.xlsx#Trades", "--left-label", "Books", "--left-key", "Trade Ref", "--left-value", "Net Amount",
  "--right", "samples/custodian.csv", "--right-label", "Custodian", "--right-key", "Client Ref", "--right-value", "Net Amount",
  "--tolerance", "0.01",
  "--out", out,
]);
console.log("\n== Month-end accruals, October 2026 ==");
const accruals = "out/demo/accruals.xlsx";
sh("node", ["dist/cli/bo.js", "accrue", "--workbook", "samples/accruals.xlsx", "--period", "2026-10", "--out", accruals]);
console.log(`\nDemo output:\n  ${resolve(out)}\n  ${resolve(accruals)}`);
