/**
 * What the task pane asks of its host, as plain callbacks. Components receive a TaskpaneServices
 * object as props and never touch Office.js; excel-services.ts is the one implementation used inside
 * Excel, and any other (unit tests, a future web host) only has to satisfy this.
 */
import type { FieldDef, ReconKind, ReconProfile, ReconSummary } from "../core/recon/profile";
import type { MappingProposal } from "../io/recon/mapping";
import type { Progress, SourceList, SourceRef } from "../io/port";
import type { AccrualsRequest, AccrualsResult } from "../io/workflows/accruals-types";
import type { SourcePreview } from "../io/recon/preview";

export type { Progress, SourceList, SourceRef, SourcePreview, MappingProposal, AccrualsRequest, AccrualsResult };

/** What a reconciliation run left behind, as the pane shows it. */
export interface ReconRunResult {
  /** Counts per side, per pass and per break code, and the conservation check, as the engine computed them. */
  summary: ReconSummary;
  /** Number of break rows written to the Breaks sheet. */
  breaks: number;
  /** Sheets actually written: a name may carry " (2)" when the user owns a sheet of ours. */
  sheets: { breaks: string; summary: string };
  /** Input problems, each naming sheet, row and column; the rows they concern are ROW_ERROR breaks. */
  errors: string[];
  /** What the engine could not do as the profile asked (a pass skipped, a field not mapped), in words. */
  warnings: string[];
}

export interface TaskpaneServices {
  /** Tables and sheets of the open workbook, for the source pickers. */
  listSources(): Promise<SourceList>;
  /** Header row and header texts of one source (title lines above it skipped), for the mapping step. */
  previewSource(ref: SourceRef): Promise<SourcePreview>;
  /** Canonical fields of a kind, with the header texts each is proposed for. */
  standardFields(kind: ReconKind): FieldDef[];
  /** The column mapping proposed for a side's headers; the user reviews and edits it. */
  proposeMapping(headers: readonly string[], fields: readonly FieldDef[]): MappingProposal;
  /** A built-in kind's default profile (passes, tolerances), with the sides named as given. */
  defaultProfile(kind: "trade" | "position" | "cash", labels?: { left?: string; right?: string }): ReconProfile;
  /**
   * Run the reconciliation and write its Breaks and Summary sheets; the analyst columns of the
   * previous Breaks sheet are carried forward. Rejects on errors that stop the whole run (a missing
   * mapped column, an unreadable source, an invalid profile); per-row problems come back in
   * result.errors. Aborting the signal stops the run at its next checkpoint, before anything is written
   * if it is still reading or matching.
   */
  runRecon(profile: ReconProfile, onProgress: Progress, signal: AbortSignal): Promise<ReconRunResult>;
  /** Store the profile in the workbook under profile.name (replacing one of that name). */
  saveProfile(profile: ReconProfile): Promise<void>;
  /** Names of the profiles stored in the workbook, sorted. */
  listProfiles(): Promise<string[]>;
  /** A stored profile, validated; rejects with the reason when it is missing or invalid. */
  loadProfile(name: string): Promise<ReconProfile>;
  /** Month-end accruals over the workbook's sheets; writes the Accruals, Journal and schedule sheets. */
  runAccruals(req: AccrualsRequest, onProgress: Progress, signal: AbortSignal): Promise<AccrualsResult>;
}
