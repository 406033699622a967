/** Timing and reporting helpers for `npm run bench`. Every figure is printed beside its peer as a ratio. */

export interface Timed<T> {
  ms: number;
  value: T;
}

export function time<T>(fn: () => T): Timed<T> {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Best of n runs: the least disturbed measurement on a shared 2-core machine. */
export function best<T>(n: number, fn: () => T): Timed<T> {
  let b: Timed<T> | undefined;
  for (let i = 0; i < n; i++) {
    const t = time(fn);
    if (!b || t.ms < b.ms) b = t;
  }
  return b!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

const rows: string[][] = [];

export function record(
  section: string,
  metric: string,
  ours: string,
  peerName: string,
  peer: string,
  ratio: string,
): void {
  rows.push([section, metric, ours, peerName, peer, ratio]);
  console.log(`  ${metric}: ours ${ours} | ${peerName} ${peer} | ratio ${ratio}`);
}

export function table(): string {
  const head = ["section", "metric", "ours", "peer", "peer value", "ratio"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  return lines.join("\n");
}
