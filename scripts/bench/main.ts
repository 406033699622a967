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

const scale = Number(process.env.BENCH_SCALE ?? "1");
const n = (x: number) => Math.max(1000, Math.round(x * scale));

async function main(): Promise<void> {
  const started = new Date().toISOString();
  console.log(
    `Back Office Toolkit bench, ${started}, node ${process.version}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, scale ${scale}`,
  );
  await benchOffice(n(200_000));
  benchFunctions(n(1_000_000));
  benchDaycount(n(1_000_000));
  benchSchedules(n(10_000));
  await benchRecon(scale);
  mkdirSync("out", { recursive: true });
  const md = `# Bench ${started}\n\nnode ${process.version}, ${cpus().length} cores, scale ${scale}\n\n${table()}\n`;
  writeFileSync("out/bench.md", md);
  console.log(`\n${md}\nWritten to out/bench.md`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
