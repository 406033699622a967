/**
 * Counts round trips to Excel. Every `context.sync()` in the adapter goes through `SyncCounter.sync`,
 * so tests and the benchmark can check the sync budget per user action (docs/office-adapter.md)
 * against the real adapter rather than against a host that might count differently.
 */
export interface SyncStats {
  /** Excel.run batches started. */
  runs: number;
  /** context.sync() calls made (including failed ones). */
  syncs: number;
}

export interface Syncable {
  sync(): Promise<unknown>;
}

export class SyncCounter {
  private totals: SyncStats = { runs: 0, syncs: 0 };

  get stats(): SyncStats {
    return { ...this.totals };
  }

  countRun(): void {
    this.totals.runs++;
  }

  async sync(context: Syncable): Promise<void> {
    this.totals.syncs++;
    await context.sync();
  }

  reset(): void {
    this.totals = { runs: 0, syncs: 0 };
  }
}
