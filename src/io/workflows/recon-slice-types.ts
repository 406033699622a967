/**
 * Contract of the thin reconciliation slice: two sources, one key column on each, one number column
 * compared within an absolute tolerance. The task pane and the CLI both call runReconSlice
 * (./recon-slice.ts) with these shapes; the Office and file adapters provide the WorkbookPort.
 */
import type { SourceRef } from "../port";

export interface SliceSide extends SourceRef {
  /** What the user calls this side in messages and in the Breaks sheet, e.g. "Books". */
  label: string;
  /** Header text of the key column. */
  key: string;
  /** Header text of the number column to compare. */
  value: string;
}

export interface ReconSliceRequest {
  left: SliceSide;
  right: SliceSide;
  /** Absolute tolerance as decimal text ("0.01") or a number; differences with |diff| <= tolerance match. */
  tolerance: string | number;
  /** Output sheet name; default "Breaks". Never replaces a sheet the user wrote. */
  outputSheet?: string;
}

export type SliceBreakCode = "MISSING_LEFT" | "MISSING_RIGHT" | "AMOUNT" | "DUPLICATE" | "ROW_ERROR";

export interface SliceCounts {
  leftRows: number;
  rightRows: number;
  matched: number;
  breaks: number;
  missingLeft: number;
  missingRight: number;
  differences: number;
  duplicates: number;
  rowErrors: number;
  blankRows: number;
}

export interface ReconSliceResult {
  /** Sheet actually written (may be "Breaks (2)" if the user owns a sheet named "Breaks"). */
  sheet: string;
  counts: SliceCounts;
  /** One line for the pane / terminal, e.g. "Books 120 rows, Custodian 118 rows: 112 matched, 9 breaks (...)" */
  summary: string;
  /** Per-row errors in the inputs, as messages naming sheet, row and column. */
  errors: string[];
}

/** A source as the pane shows it for choosing columns. */
export interface SourcePreview {
  label: string;
  headerRow: number;
  headers: string[];
  dataRows: number;
}
