/**
 * Contract of the month-end accrual workflow (issue 3, item 6). The task pane (Office adapter) and
 * `bo accrue` (file adapter) both call runAccruals (./accruals.ts) with these shapes.
 * docs/accrual-workflow.md describes the input layout, the outputs and the rules.
 */
import type { Day } from "../../core/dates/civil";
import type { DateSystem } from "../../core/dates/excel-serial";
import type { SourceRef } from "../port";

export interface AccrualsRequest {
  /** Bonds, deposits and loans (required). */
  instruments: SourceRef;
  /** Fee and expense terms (MGMT, ADMIN, EXPENSE, PERF). */
  fees?: SourceRef;
  /** NAV (and GAV) series the fees accrue on; NAV per share and Shares for performance fees. */
  nav?: SourceRef;
  /** Previous period's closing accrual per Id. Absent: instruments computed, fees 0 (said in the output). */
  opening?: SourceRef;
  /** Cash received (coupons, interest) and paid (interest, fees) per Id and date. */
  payments?: SourceRef;
  /** Holiday table: Calendar, Date (and an optional Description), for the instruments' Calendar column. */
  holidays?: SourceRef;
  /** First and last day of the period, both included. */
  from: Day;
  to: Day;
  /** Calendar for instruments whose Calendar cell is blank: a Holidays name, TARGET or WEEKEND. Default WEEKEND. */
  calendar?: string;
  /**
   * Date system of the workbook the sheets are written to (dates are written as serials). Default:
   * that of the Instruments source, which is right in Excel (same workbook); the CLI writes a new
   * 1900-system workbook and says so.
   */
  outputDateSystem?: DateSystem;
  /**
   * Hyperlinks from output rows to the input rows they came from (the Id of each Accruals row, the
   * Cell of each error). "in-workbook" (default): the inputs are sheets of the workbook written to,
   * as in Excel. "none". Or the file each input is in, relative to the output workbook (the CLI).
   */
  links?: "in-workbook" | "none" | { files: Partial<Record<AccrualInput, string>> };
  /** Output sheet names (defaults: Accruals, Journal, Accrual schedule, Accrual errors). */
  sheetNames?: Partial<Record<AccrualSheetKey, string>>;
}

export type AccrualInput = "instruments" | "fees" | "nav" | "opening" | "payments" | "holidays";

export type AccrualSheetKey = "accruals" | "journal" | "schedule" | "errors";

export type ItemType = "BOND" | "DEPOSIT" | "LOAN" | "MGMT" | "ADMIN" | "EXPENSE" | "PERF";

/** One item's roll-forward, amounts as exact decimal strings in the currency's minor units. */
export interface ItemRollForward {
  id: string;
  type: ItemType;
  description: string;
  currency: string;
  opening: string;
  accrued: string;
  paid: string;
  closing: string;
  /** opening + accrued - paid - closing, recomputed from the written values: always "0" in a result. */
  check: string;
  /** Where the opening came from: "Opening!B5", "computed at 2026-09-30", "computed at NAV of 2026-09-30" (PERF) or "none (0)". */
  openingSource: string;
  /** Input rows the item was built from, e.g. "Instruments!7; Payments!4". */
  sources: string;
  /** Warnings that do not stop the item (income check, opening differs from computed...). */
  notes: string[];
}

export interface SideTotals {
  opening: string;
  accrued: string;
  paid: string;
  closing: string;
}

/** Receivables (bonds, deposits) and payables (loans, fees, expenses) are totalled apart: adding them means nothing. */
export interface CurrencyTotals {
  receivable: SideTotals;
  payable: SideTotals;
  /** Journal debits and credits for the currency (equal, checked). */
  debits: string;
  credits: string;
}

export interface AccrualsTotals {
  items: number;
  /** Items left out because of an error in their input. */
  itemsLeftOut: number;
  journalLines: number;
  byCurrency: Record<string, CurrencyTotals>;
}

export interface AccrualsResult {
  /** Sheets actually written, in order (a name may carry " (2)" if the user owns one of ours). */
  sheets: string[];
  /** One line for the pane and the terminal. */
  summary: string;
  /** Input errors, each naming sheet, row and column; the items they concern were left out. */
  errors: string[];
  /** Notes that did not stop an item (also in the Notes column of the Accruals sheet). */
  warnings: string[];
  totals: AccrualsTotals;
  items: ItemRollForward[];
}
