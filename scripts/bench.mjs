// `npm run bench`: builds the benchmark for Node and runs it. Sizes can be scaled down for a quick
// look with BENCH_SCALE=0.1. Results are printed as ratios against named peers and written to
// out/bench.md for the docs.
import { spawnSync } from "node:child_process";

const sh = (cmd, argv, extra = {}) => {
  const r = spawnSync(cmd, argv, { stdio: "inherit", ...extra });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
sh("npx", ["webpack", "--config", "webpack.bench.config.js"], { stdio: ["inherit", "ignore", "inherit"] });
sh("node", ["--max-old-space-size=8192", "--expose-gc", "dist/bench/bench.js", ...process.argv.slice(2)]);
