/**
 * `npm run bench`: the numbers that matter, each beside a named peer measured in the same run, as
 * ratios. Tests never assert on time; this is where time is reported. Output also goes to
 * out/bench.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { benchDaycount, benchFunctions, benchSchedules } from "./functions";
import { benchOffice } from "./office";
import { benchRecon } from "./recon";
import { table } from "./common";
import { generateTrades } from "./gen-trades";

const scale = Number(process.env.BENCH_SCALE ?? "1");
const n = (x: number) => Math.max(1000, Math.round(x * scale));

/**
 * Arguments (after `npm run bench --`): `--only office|functions|recon` runs one section (the table
 * then holds that section only); `--generate ROWS DIR` writes the reconciliation's trade files of
 * ROWS rows a side into DIR and stops (to profile `bo recon` by hand on the bench's own data).
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const gen = argv.indexOf("--generate");
  if (gen >= 0) {
    const rows = Number(argv[gen + 1]);
    const dir = argv[gen + 2];
    if (!Number.isInteger(rows) || rows < 1 || !dir) throw new Error("usage: --generate ROWS DIR");
    const files = generateTrades(rows, dir);
    console.log(JSON.stringify(files, null, 2));
    return;
  }
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  if (only !== undefined && !["office", "functions", "recon"].includes(only))
    throw new Error(`--only takes office, functions or recon, not ${only}`);
  const run = (section: string) => only === undefined || only === section;
  const started = new Date().toISOString();
  console.log(
    `Back Office Toolkit bench, ${started}, node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, scale ${scale}`,
  );
  if (run("office")) await benchOffice(n(200_000));
  if (run("functions")) {
    benchFunctions(n(1_000_000));
    benchDaycount(n(1_000_000));
    benchSchedules(n(10_000));
  }
  if (run("recon")) await benchRecon(scale);
  mkdirSync("out", { recursive: true });
  const md = `# Bench ${started}\n\nnode ${process.version}, ${cpus().length} cores, scale ${scale}\n\n${table()}\n`;
  writeFileSync("out/bench.md", md);
  console.log(`\n${md}\nWritten to out/bench.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
