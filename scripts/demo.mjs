// `npm run demo`: the main job on the bundled samples, no Excel needed. Builds the CLI if it is not
// built yet, then reconciles samples/books.xlsx (the fund's blotter) against samples/custodian.csv
// (the custodian's confirmations) and writes out/demo/breaks.xlsx.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const sh = (cmd, argv) => {
  const r = spawnSync(cmd, argv, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync("dist/cli/bo.js") || process.env.BO_REBUILD === "1") sh("npx", ["webpack", "--mode", "production"]);
const out = "out/demo/breaks.xlsx";
sh("node", [
  "dist/cli/bo.js", "recon",
  "--left", "samples/books.xlsx#Trades", "--left-label", "Books", "--left-key", "Trade Ref", "--left-value", "Net Amount",
  "--right", "samples/custodian.csv", "--right-label", "Custodian", "--right-key", "Client Ref", "--right-value", "Net Amount",
  "--tolerance", "0.01",
  "--out", out,
]);
console.log(`\nDemo output: ${resolve(out)}`);
