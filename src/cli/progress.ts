/**
 * A one-line progress bar for the CLI. Drawn only when the stream is a terminal: on a pipe or a file
 * (CI logs, `bo recon ... 2> log`) carriage-return redraws would be noise, so nothing is written.
 * Redraws are throttled (a 1M-row run reports progress many times a second) and the line is cleared
 * when the run ends, so the summary that follows starts on a clean line.
 */
export interface ProgressBar {
  update(fraction: number, message: string): void;
  done(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const WIDTH = 24;

/** Renders the bar's text for a fraction 0..1: "[######..........]  37% Matching". */
export function barText(fraction: number, message: string, columns = 80): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * WIDTH);
  const line = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${String(Math.round(f * 100)).padStart(3)}% ${message}`;
  // Never wrap: a wrapped line cannot be redrawn with a carriage return.
  return line.length >= columns ? line.slice(0, Math.max(0, columns - 1)) : line;
}

export function progressBar(stream: ProgressStream = process.stderr, minIntervalMs = 80): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let drawn = 0;
  let lastMessage = "";
  const draw = (fraction: number, message: string) => {
    const text = barText(fraction, message, stream.columns ?? 80);
    stream.write(`\r${text.padEnd(drawn)}`);
    drawn = text.length;
  };
  return {
    update(fraction, message) {
      const now = Date.now();
      // Always draw a new step's first report, so short steps are still seen named.
      if (message === lastMessage && now - last < minIntervalMs && fraction < 1) return;
      last = now;
      lastMessage = message;
      draw(fraction, message);
    },
    done() {
      if (drawn > 0) stream.write(`\r${" ".repeat(drawn)}\r`);
      drawn = 0;
    },
  };
}
