// `npm test`: build the add-in once (the manifest, functions.json, CLI and browser tests check the
// built artefacts, as a user would get them), run every jest project, and end with the plain line
// "N passed, N failed" that CI reads. Extra arguments go to jest (e.g. `npm test -- test/unit/slice`).
// BO_SKIP_BUILD=1 skips the build when dist/ is known to be fresh.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";

const args = process.argv.slice(2);
const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: "inherit", env: process.env });

if (process.env.BO_SKIP_BUILD !== "1") {
  console.log("> webpack --mode production");
  const b = run("npx", ["webpack", "--mode", "production"]);
  if (b.status !== 0) {
    console.log("build failed");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}
mkdirSync("out", { recursive: true });
const resultFile = "out/jest-results.json";
const j = run("npx", ["jest", "--json", `--outputFile=${resultFile}`, ...args]);
let passed = 0;
let failed = 0;
if (existsSync(resultFile)) {
  const r = JSON.parse(readFileSync(resultFile, "utf8"));
  passed = r.numPassedTests;
  // A suite that fails to load runs no tests; count it as a failure so it cannot pass unnoticed.
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  const pending = r.numPendingTests + r.numTodoTests;
  if (pending > 0) {
    console.log(`${pending} skipped or todo test(s): not allowed in this project`);
    failed += pending;
  }
} else {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(j.status === 0 && failed === 0 ? 0 : 1);
