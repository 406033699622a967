/**
 * What the task pane asks of its host, as plain async callbacks. Components receive a
 * TaskpaneServices object as props and never touch Office.js; excel-services.ts is the one
 * implementation used inside Excel, and any other (tests, a future web host) only has to satisfy this.
 */
import type { Progress, SourceList, SourceRef } from "../io/port";
import type { ReconSliceRequest, ReconSliceResult, SourcePreview } from "../io/workflows/recon-slice-types";

export type { Progress, SourceList, SourceRef, ReconSliceRequest, ReconSliceResult, SourcePreview };

export interface TaskpaneServices {
  /** Tables and sheets of the open workbook, for the source pickers. */
  listSources(): Promise<SourceList>;
  /** Header row and header texts of one source, for the column pickers. */
  previewSource(ref: SourceRef): Promise<SourcePreview>;
  /**
   * Run the reconciliation and write its Breaks sheet. Rejects on errors that stop the whole run
   * (missing column, unreadable source); per-row problems come back in result.errors instead.
   * Aborting the signal asks the run to stop at its next checkpoint.
   */
  runReconcile(req: ReconSliceRequest, onProgress: Progress, signal: AbortSignal): Promise<ReconSliceResult>;
}
