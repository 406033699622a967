// `npm run demo`: the main jobs on the bundled samples, no Excel needed. Builds the CLI if it is not
// built yet, then runs the three reconciliations with their profiles (samples/profiles/*.json),
// runs the trade reconciliation a second time with --previous to show breaks that remember, and
// runs the month-end accruals on samples/accruals.xlsx. Everything goes to out/demo/.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const sh = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync("dist/cli/bo.js") || process.env.BO_REBUILD === "1") sh("npx", ["webpack", "--mode", "production"]);
// A fixed run date: the samples are October 2026 month-end files, and ages are counted to it.
const runDate = "2026-10-31";
const written = [];
const recon = (kind, extra = []) => {
  const out = `out/demo/recon-${kind}.xlsx`;
  sh("node", [
    "dist/cli/bo.js",
    "recon",
    "--profile",
    `samples/profiles/${kind}.json`,
    "--out",
    out,
    "--run-date",
    runDate,
    ...extra,
  ]);
  written.push(out, ...extra.filter((a) => a.endsWith(".json")));
  return out;
};
console.log("== Trade reconciliation: books vs custodian confirmations ==");
const trade = recon("trade", ["--json", "out/demo/recon-trade.json"]);
console.log("\n== Position reconciliation: holdings vs custodian holdings ==");
recon("position");
console.log("\n== Cash reconciliation: ledger vs bank statement ==");
recon("cash");

console.log("\n== Trade reconciliation again, a day later, remembering the first run (--previous) ==");
console.log(
  `(an analyst would have typed owners, statuses and comments into ${trade}'s Breaks sheet; they carry forward)`,
);
const again = "out/demo/recon-trade-day2.xlsx";
sh("node", [
  "dist/cli/bo.js",
  "recon",
  "--profile",
  "samples/profiles/trade.json",
  "--previous",
  trade,
  "--out",
  again,
  "--run-date",
  "2026-11-02",
]);
written.push(again);

console.log("\n== Month-end accruals, October 2026 ==");
const accruals = "out/demo/accruals.xlsx";
sh("node", [
  "dist/cli/bo.js",
  "accrue",
  "--workbook",
  "samples/accruals.xlsx",
  "--period",
  "2026-10",
  "--out",
  accruals,
]);
written.push(accruals);
console.log(`\nDemo output:\n${written.map((f) => `  ${resolve(f)}`).join("\n")}`);
