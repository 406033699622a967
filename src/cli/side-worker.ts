/**
 * Loading one reconciliation side on a worker thread (src/cli/load-worker.ts), so that `bo recon`
 * reads and loads its two sides on two cores: the main thread loads the other side meanwhile.
 *
 * What comes back is packed to cross cheaply: typed arrays are transferred (moved, not copied); each
 * text column is sent as its distinct values and an Int32Array of indexes, so a value repeated a
 * million times (an account, a security) is cloned once and is again one string on this side, as the
 * loader leaves it. Input errors are sent as their parts and made InputErrors again here, with the
 * same messages.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { InputError, type CellLocation, type InputErrorKind } from "../core/errors";
import type { RecordSet } from "../core/recon/records";
import type { CellValue } from "../io/port";
import type { LoadResult } from "../io/recon/load";
import type { SideLoad, SideLoadRequest } from "../io/recon/workflow";

export interface PackedError {
  kind: InputErrorKind;
  where: CellLocation;
  detail: string;
  raw?: unknown;
}

interface PackedText {
  values: string[];
  /** Index into values; -1 for undefined (blank). */
  index: Int32Array;
}

/** A RecordSet with its repetitive text columns packed (the others are sent as they are). */
type PackedSet = Omit<RecordSet, "text"> & { text: Record<string, PackedText | (string | undefined)[]> };

export interface SideHead {
  sheet: string;
  top: number;
  left: number;
  rows: CellValue[][];
}

/** The worker's answer: the side loaded, or the InputError (or other failure) that stopped it. */
export type WorkerReply =
  | {
      ok: true;
      sheet: string;
      dateSystem: SideLoad["dateSystem"];
      side: SideLoad["side"];
      warnings: string[];
      load: Omit<LoadResult, "set" | "errors"> & { set: PackedSet; errors: PackedError[] };
      /** The grid's first rows, for the CLI to name columns by letter (LinkingPort's heads). */
      head: SideHead;
    }
  | { ok: false; input?: PackedError; message: string; stack?: string };

export function packError(e: InputError): PackedError {
  return { kind: e.kind, where: e.where, detail: e.detail, raw: e.raw };
}

export function unpackError(p: PackedError): InputError {
  return new InputError(p.kind, p.where, p.detail, p.raw);
}

/** The set packed for postMessage, and the buffers to transfer with it. */
export function packSet(set: RecordSet): { set: PackedSet; transfer: ArrayBuffer[] } {
  const buffers = new Set<ArrayBuffer>();
  const take = (a: { buffer: ArrayBufferLike }) => buffers.add(a.buffer as ArrayBuffer);
  take(set.rows);
  for (const c of Object.values(set.num)) take(c.ints);
  for (const d of Object.values(set.date)) take(d);
  const text: PackedSet["text"] = {};
  for (const [field, column] of Object.entries(set.text)) {
    if (mostlyDistinct(column)) {
      // References: a table of distinct values would cost more to build than cloning them (tried:
      // one joined string and offsets, sliced again here, measured no faster).
      text[field] = column;
      continue;
    }
    const ids = new Map<string, number>();
    const values: string[] = [];
    const index = new Int32Array(column.length);
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      if (v === undefined) {
        index[i] = -1;
        continue;
      }
      let k = ids.get(v);
      if (k === undefined) {
        k = values.length;
        values.push(v);
        ids.set(v, k);
      }
      index[i] = k;
    }
    text[field] = { values, index };
    take(index);
  }
  return { set: { ...set, text }, transfer: [...buffers] };
}

/** Whether most of the first few thousand values differ from each other. */
function mostlyDistinct(column: readonly (string | undefined)[]): boolean {
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < column.length && n < 4096; i++) {
    const v = column[i];
    if (v === undefined) continue;
    n++;
    seen.add(v);
  }
  return seen.size * 2 > n;
}

export function unpackSet(p: PackedSet): RecordSet {
  const text: Record<string, (string | undefined)[]> = {};
  for (const [field, packed] of Object.entries(p.text)) {
    if (Array.isArray(packed)) {
      text[field] = packed;
      continue;
    }
    const { values, index } = packed;
    const column = new Array<string | undefined>(index.length);
    for (let i = 0; i < index.length; i++) column[i] = index[i] < 0 ? undefined : values[index[i]];
    text[field] = column;
  }
  return { ...p, text };
}

/** The bundled worker next to the bundled CLI (dist/cli/load-worker.js); absent when run from source. */
export function workerFile(): string | undefined {
  const file = path.join(__dirname, "load-worker.js");
  return existsSync(file) ? file : undefined;
}

/**
 * Loads a side on a new worker thread. `onHead` receives the grid's first rows before the side is
 * handed back. `track` is given the worker so the caller can end it if the run stops early.
 */
export function loadSideInWorker(
  file: string,
  request: SideLoadRequest,
  onHead: (head: SideHead) => void,
  track: (w: Worker) => void,
): Promise<SideLoad> {
  return new Promise<SideLoad>((resolve, reject) => {
    const worker = new Worker(file, { workerData: request });
    track(worker);
    let settled = false;
    worker.once("message", (r: WorkerReply) => {
      settled = true;
      void worker.terminate();
      if (!r.ok) {
        if (r.input) reject(unpackError(r.input));
        else reject(Object.assign(new Error(r.message), { stack: r.stack }));
        return;
      }
      onHead(r.head);
      resolve({
        sheet: r.sheet,
        dateSystem: r.dateSystem,
        side: r.side,
        warnings: r.warnings,
        load: { ...r.load, set: unpackSet(r.load.set), errors: r.load.errors.map(unpackError) },
      });
    });
    worker.once("error", (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the load worker for the ${request.name} side stopped (exit code ${code})`));
      settled = true;
    });
  });
}
