/**
 * Counts round trips to Excel. `attach` makes a context count its own `context.sync()` calls, so the
 * adapter keeps writing plain `context.sync()` (which eslint-plugin-office-addins checks for
 * load-before-read and sync-before-read) and tests and the benchmark still see the sync budget per
 * user action (docs/office-adapter.md) measured on the adapter itself, not on a host that might count
 * differently.
 */
export interface SyncStats {
  /** Excel.run batches started. */
  runs: number;
  /** context.sync() calls made (including failed ones). */
  syncs: number;
}

export interface Syncable {
  sync(...args: never[]): Promise<unknown>;
}

export class SyncCounter {
  private totals: SyncStats = { runs: 0, syncs: 0 };

  get stats(): SyncStats {
    return { ...this.totals };
  }

  countRun(): void {
    this.totals.runs++;
  }

  /** Wraps this context's own sync (an instance property shadowing the prototype's method). */
  attach<C extends Syncable>(context: C): C {
    const original = context.sync.bind(context) as (...args: unknown[]) => Promise<unknown>;
    const counted = (...args: unknown[]) => {
      this.totals.syncs++;
      return original(...args);
    };
    (context as unknown as { sync: typeof counted }).sync = counted;
    return context;
  }

  reset(): void {
    this.totals = { runs: 0, syncs: 0 };
  }
}
