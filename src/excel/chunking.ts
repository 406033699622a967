/**
 * How many rows go in one request. Excel rejects a request or a response over 5 MB
 * ("RequestPayloadSizeLimitExceeded" / "ResponsePayloadSizeLimitExceeded") and a range over 5 million
 * cells; Excel on the web is where users hit it. Rows are sized by their JSON, since that is what
 * crosses the wire:
 *  - writes: the rows are in hand, so each chunk is filled row by row up to the byte budget (exact);
 *  - reads: the first chunk is sized from the column count with a generous per-cell guess, then every
 *    later chunk from the largest row seen so far (a sample that grows with the read).
 * Round trips therefore grow as rows / rowsPerChunk, never per row.
 */

/** Excel's payload limit (Office add-in resource limits: 5 MB for requests and responses). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** Excel's limit on the cells of one range operation. */
export const CELL_LIMIT = 5_000_000;

export interface ChunkBudget {
  /** Target JSON bytes of one request/response. Below the limit to leave room for the envelope. */
  bytes: number;
  /** Most cells in one chunk's range. */
  cells: number;
}

/** 80% of the limits: the request also carries addresses and commands, and a later row may be longer than any sampled. */
export const DEFAULT_BUDGET: ChunkBudget = { bytes: Math.floor(PAYLOAD_LIMIT_BYTES * 0.8), cells: CELL_LIMIT / 2 };

/** Guess for a cell never seen: a 40-character text value plus a 30-character number format, quoted. */
export const ASSUMED_BYTES_PER_CELL = 80;

/** UTF-8 length of a string, without building the encoded copy. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** JSON bytes of one row as it travels (plus its separating comma). */
export function rowBytes(row: readonly unknown[]): number {
  return utf8Length(JSON.stringify(row)) + 1;
}

/** Rows per chunk for rows of `bytesPerRow` and `columns` cells; at least 1. */
export function rowsForBudget(bytesPerRow: number, columns: number, budget: ChunkBudget = DEFAULT_BUDGET): number {
  const byBytes = Math.floor(budget.bytes / Math.max(1, bytesPerRow));
  const byCells = Math.floor(budget.cells / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}

/** First read chunk, before any row has been seen. `formats` doubles the guess (values + numberFormat). */
export function firstReadChunkRows(columns: number, formats: boolean, budget: ChunkBudget = DEFAULT_BUDGET): number {
  return rowsForBudget(columns * ASSUMED_BYTES_PER_CELL * (formats ? 2 : 1), columns, budget);
}

/**
 * Splits rows [0, rows.length) into chunks whose JSON stays under the byte budget and whose cells
 * stay under the cell budget. `fixedBytes` is what the first chunk carries besides rows (setup commands).
 */
export function planWriteChunks(
  rows: readonly (readonly unknown[])[],
  columns: number,
  budget: ChunkBudget = DEFAULT_BUDGET,
  fixedBytes = 0,
): { start: number; end: number }[] {
  const maxRows = Math.max(1, Math.floor(budget.cells / Math.max(1, columns)));
  const chunks: { start: number; end: number }[] = [];
  // A chunk travels as a JSON array: rowBytes counts each row's comma, and the brackets add 2.
  let start = 0;
  let bytes = fixedBytes + 2;
  for (let i = 0; i < rows.length; i++) {
    const b = rowBytes(rows[i]);
    if (i > start && (bytes + b > budget.bytes || i - start >= maxRows)) {
      chunks.push({ start, end: i });
      start = i;
      bytes = 2;
    }
    bytes += b;
  }
  if (rows.length > start) chunks.push({ start, end: rows.length });
  return chunks;
}

/** True for Excel's payload-size errors, which a smaller chunk can avoid. */
export function isPayloadLimitError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}
