/**
 * Progress across several adapter calls. ExcelWorkbook reports each call's chunks as 0..1; a workflow
 * that reads two sources and writes one sheet gives each call its slice of the bar, so the user sees
 * one bar that only moves forward:
 *
 *   const bar = new ProgressReporter(onProgress);
 *   await port.read(left, bar.slice(0, 0.4));
 *   await port.read(right, bar.slice(0.4, 0.8));
 *   await port.writeSheet(out, bar.slice(0.8, 1));
 */
import type { Progress } from "../io/port";

export class ProgressReporter {
  private reached = 0;

  constructor(private readonly sink?: Progress) {}

  /** A Progress mapping 0..1 onto [from, to] of the whole; never reports a step backwards. */
  slice(from: number, to: number): Progress {
    return (fraction, message) => {
      const f = Math.min(1, Math.max(0, fraction));
      const overall = from + (to - from) * f;
      if (overall < this.reached) return;
      this.reached = overall;
      this.sink?.(overall, message);
    };
  }
}
