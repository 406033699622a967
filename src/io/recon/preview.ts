/**
 * What the task pane shows of a source before the user maps its columns: where the header row is,
 * the header texts and how many data rows follow. Title lines and blank rows above the header are
 * allowed.
 */
import { InputError } from "../../core/errors";
import type { CellValue, Grid, SourceRef, WorkbookPort } from "../port";

const HEADER_SCAN_ROWS = 30;

/** A source as the pane shows it for choosing columns. */
export interface SourcePreview {
  label: string;
  headerRow: number;
  headers: string[];
  dataRows: number;
}

function isBlank(v: CellValue): boolean {
  return v === null || v === "" || (typeof v === "string" && v.trim() === "");
}

/** The header row: among the first 30 rows, the first with the most non-blank text cells (at least two). */
export function findHeaderRow(grid: Grid): number {
  let best = -1;
  let bestCount = 1;
  const limit = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    let count = 0;
    for (const v of grid.values[i]) if (typeof v === "string" && v.trim() !== "") count++;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  return best;
}

export async function previewSource(port: WorkbookPort, ref: SourceRef): Promise<SourcePreview> {
  const grid = await port.read(ref);
  const h = findHeaderRow(grid);
  if (h < 0) {
    throw new InputError(
      "no-header",
      { sheet: grid.sheet },
      `no header row found in the first ${HEADER_SCAN_ROWS} rows of ${grid.label}`,
    );
  }
  const headers = grid.values[h].map((v) => (v === null ? "" : String(v).trim()));
  let dataRows = 0;
  for (let i = h + 1; i < grid.values.length; i++) if (!grid.values[i].every(isBlank)) dataRows++;
  return { label: grid.label, headerRow: grid.top + h, headers, dataRows };
}
