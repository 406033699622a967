/**
 * The reconciliation slice as a workflow over any WorkbookPort: read both sides, find the header
 * row, parse key and amount cells (reporting each bad cell by sheet, row and column), compare with
 * src/core/recon/slice, and write the Breaks sheet. The task pane (Office adapter) and the CLI
 * (file adapter) run exactly this code.
 */
import { Decimal } from "../../core/money";
import { InputError, columnLetter } from "../../core/errors";
import { SliceBreak, SliceRow, accountedRows, compareSlice } from "../../core/recon/slice";
import { parseNumberCell } from "../cells";
import type { CellValue, Grid, OutputSheet, Progress, SourceRef, WorkbookPort } from "../port";
import { normaliseHeader } from "../table";
import type { ReconSliceRequest, ReconSliceResult, SliceCounts, SliceSide, SourcePreview } from "./recon-slice-types";

const HEADER_SCAN_ROWS = 30;

function isBlank(v: CellValue): boolean {
  return v === null || v === "" || (typeof v === "string" && v.trim() === "");
}

/** The header row: the first row (of the first 30) with the most non-blank text cells. */
function findHeaderRow(grid: Grid, wanted: string[] = []): number {
  const want = wanted.map(normaliseHeader);
  let best = -1;
  let bestScore = -1;
  const limit = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = grid.values[i];
    const names = row.filter((v) => typeof v === "string" && v.trim() !== "").map((v) => normaliseHeader(String(v)));
    // A header row names what the user picked; failing that, it is the widest row of text.
    const hits = want.filter((w) => names.includes(w)).length;
    const score = hits * 1000 + names.length;
    if (names.length >= 2 && score > bestScore) {
      best = i;
      bestScore = score;
      if (want.length > 0 && hits === want.length) break;
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

interface SideData {
  rows: SliceRow[];
  blankRows: number;
  errors: string[];
}

/** Column index of a header text on the header row; throws an InputError naming sheet and header row. */
function columnOf(grid: Grid, headerIndex: number, header: string, side: SliceSide): number {
  const want = normaliseHeader(header);
  const row = grid.values[headerIndex];
  const found: number[] = [];
  row.forEach((v, i) => {
    if (typeof v === "string" && normaliseHeader(v) === want) found.push(i);
  });
  const headerRow = grid.top + headerIndex;
  if (found.length === 0) {
    const have = row.filter((v) => !isBlank(v)).map((v) => `'${String(v).trim()}'`);
    throw new InputError(
      "missing-column",
      { sheet: grid.sheet, row: headerRow, column: header },
      `${side.label}: column '${header}' not found on header row ${headerRow}; headers are ${have.join(", ")}`,
    );
  }
  if (found.length > 1) {
    throw new InputError(
      "ambiguous-column",
      { sheet: grid.sheet, row: headerRow, column: header },
      `${side.label}: column '${header}' appears ${found.length} times on header row ${headerRow} (columns ${found
        .map((i) => columnLetter(grid.left + i))
        .join(", ")})`,
    );
  }
  return found[0];
}

function readSide(grid: Grid, side: SliceSide): SideData {
  const h = findHeaderRow(grid, [side.key, side.value]);
  if (h < 0) {
    throw new InputError("no-header", { sheet: grid.sheet }, `${side.label}: no header row found in ${grid.label}`);
  }
  const kc = columnOf(grid, h, side.key, side);
  const vc = columnOf(grid, h, side.value, side);
  const keyHeader = String(grid.values[h][kc]).trim();
  const valHeader = String(grid.values[h][vc]).trim();
  const rows: SliceRow[] = [];
  const errors: string[] = [];
  let blankRows = 0;
  for (let i = h + 1; i < grid.values.length; i++) {
    const cells = grid.values[i];
    if (cells.every(isBlank)) {
      blankRows++;
      continue;
    }
    const excelRow = grid.top + i;
    const rowErrors: string[] = [];
    const kv = cells[kc];
    let key: string | undefined;
    if (isBlank(kv)) {
      rowErrors.push(
        new InputError(
          "blank",
          { sheet: grid.sheet, row: excelRow, column: keyHeader, columnLetter: columnLetter(grid.left + kc) },
          "key is blank",
        ).message,
      );
    } else {
      key = String(kv).trim();
    }
    const parsed = parseNumberCell(cells[vc]);
    let value: Decimal | undefined;
    if (parsed.ok) value = parsed.value;
    else {
      rowErrors.push(
        new InputError(
          parsed.kind,
          { sheet: grid.sheet, row: excelRow, column: valHeader, columnLetter: columnLetter(grid.left + vc) },
          parsed.detail,
          cells[vc],
        ).message,
      );
    }
    errors.push(...rowErrors);
    rows.push({ row: excelRow, key, value, errors: rowErrors });
  }
  return { rows, blankRows, errors };
}

function num(d: Decimal | undefined): CellValue {
  return d === undefined ? null : d.toNumber();
}

function breakRow(b: SliceBreak, id: number): CellValue[] {
  return [
    id,
    b.code,
    b.key,
    b.leftRows.join(", "),
    b.rightRows.join(", "),
    num(b.leftValue),
    num(b.rightValue),
    num(b.difference),
    b.detail,
  ];
}

export function summarise(req: ReconSliceRequest, c: SliceCounts): string {
  const parts = [
    `${c.differences} amount difference${c.differences === 1 ? "" : "s"}`,
    `${c.missingRight} missing in ${req.right.label}`,
    `${c.missingLeft} missing in ${req.left.label}`,
    `${c.duplicates} duplicate key${c.duplicates === 1 ? "" : "s"}`,
    `${c.rowErrors} row error${c.rowErrors === 1 ? "" : "s"}`,
  ];
  return `${req.left.label} ${c.leftRows} rows, ${req.right.label} ${c.rightRows} rows: ${c.matched} matched, ${c.breaks} break${
    c.breaks === 1 ? "" : "s"
  } (${parts.join(", ")})`;
}

function parseTolerance(t: string | number): Decimal {
  let d: Decimal;
  try {
    d = new Decimal(typeof t === "number" ? t : t.trim());
  } catch {
    throw new InputError("invalid", { sheet: "(settings)", column: "Tolerance" }, `tolerance '${t}' is not a number`);
  }
  if (d.isNegative() || !d.isFinite()) {
    throw new InputError(
      "invalid",
      { sheet: "(settings)", column: "Tolerance" },
      `tolerance must be zero or more, got '${t}'`,
    );
  }
  return d;
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new Error("Cancelled by the user; nothing was written.");
}

/**
 * Run the slice. Nothing is written until both sides have been read and compared, so a cancelled or
 * failed run leaves the workbook as it was.
 */
export async function runReconSlice(
  port: WorkbookPort,
  req: ReconSliceRequest,
  progress: Progress = () => undefined,
  signal?: AbortSignal,
): Promise<ReconSliceResult> {
  const tolerance = parseTolerance(req.tolerance);
  progress(0.05, `Reading ${req.left.label}`);
  const leftGrid = await port.read(req.left);
  checkAborted(signal);
  progress(0.3, `Reading ${req.right.label}`);
  const rightGrid = await port.read(req.right);
  checkAborted(signal);
  progress(0.55, "Comparing");
  const L = readSide(leftGrid, req.left);
  const R = readSide(rightGrid, req.right);
  const cmp = compareSlice(L.rows, R.rows, tolerance, { left: req.left.label, right: req.right.label });
  const acc = accountedRows(cmp);
  if (acc.left !== L.rows.length || acc.right !== R.rows.length) {
    // Conservation is a hard invariant: a run that loses rows must not produce a report.
    throw new Error(
      `internal error: conservation failed (left ${acc.left}/${L.rows.length}, right ${acc.right}/${R.rows.length})`,
    );
  }
  const count = (code: SliceBreak["code"]) => cmp.breaks.filter((b) => b.code === code).length;
  const counts: SliceCounts = {
    leftRows: L.rows.length,
    rightRows: R.rows.length,
    matched: cmp.matches.length,
    breaks: cmp.breaks.length,
    missingLeft: count("MISSING_LEFT"),
    missingRight: count("MISSING_RIGHT"),
    differences: count("AMOUNT"),
    duplicates: count("DUPLICATE"),
    rowErrors: count("ROW_ERROR"),
    blankRows: L.blankRows + R.blankRows,
  };
  const summary = summarise(req, counts);
  checkAborted(signal);
  progress(0.7, "Writing Breaks");
  const out: OutputSheet = {
    name: req.outputSheet ?? "Breaks",
    tableName: "BO_Breaks",
    preamble: [
      `Reconciliation ${req.left.label} (${leftGrid.label}) vs ${req.right.label} (${rightGrid.label}), tolerance ${tolerance.toFixed()}`,
      summary,
    ],
    columns: [
      { header: "Break", numberFormat: "0", width: 7 },
      { header: "Code", width: 14 },
      { header: "Key", width: 16 },
      { header: `${req.left.label} rows`, width: 12 },
      { header: `${req.right.label} rows`, width: 12 },
      { header: `${req.left.label} ${req.left.value}`, numberFormat: "#,##0.00;[Red]-#,##0.00", width: 16 },
      { header: `${req.right.label} ${req.right.value}`, numberFormat: "#,##0.00;[Red]-#,##0.00", width: 16 },
      { header: "Difference", numberFormat: "#,##0.00;[Red]-#,##0.00", width: 14 },
      { header: "Detail", width: 60 },
    ],
    rows: cmp.breaks.map((b, i) => breakRow(b, i + 1)),
  };
  const sheet = await port.writeSheet(out, (f, m) => progress(0.7 + 0.3 * f, m));
  progress(1, "Done");
  return { sheet, counts, summary, errors: [...L.errors, ...R.errors] };
}
