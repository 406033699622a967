/**
 * Loading one reconciliation side on a worker thread (src/cli/load-worker.ts), so that `bo recon`
 * reads and loads its two sides on two cores: the main thread loads the other side meanwhile.
 *
 * What comes back crosses cheaply: typed arrays are transferred (moved, not copied), including each
 * text column's codes; a text column's distinct values are cloned once each (a value repeated a
 * million times, an account or a security, is one string). Input errors are sent as their parts and
 * made InputErrors again here, with the same messages.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { InputError, type CellLocation, type InputErrorKind } from "../core/errors";
import { revivedText, type RecordSet } from "../core/recon/records";
import type { CellValue } from "../io/port";
import type { LoadResult } from "../io/recon/load";
import type { SideLoad, SideLoadRequest } from "../io/recon/workflow";

export interface PackedError {
  kind: InputErrorKind;
  where: CellLocation;
  detail: string;
  raw?: unknown;
}

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
      load: Omit<LoadResult, "set" | "errors"> & { set: RecordSet; errors: PackedError[] };
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

/** The set as it crosses to the main thread, and the buffers to transfer (move) with it. */
export function packSet(set: RecordSet): { set: RecordSet; transfer: ArrayBuffer[] } {
  const buffers = new Set<ArrayBuffer>();
  const take = (a: { buffer: ArrayBufferLike }) => buffers.add(a.buffer as ArrayBuffer);
  take(set.rows);
  for (const c of Object.values(set.num)) take(c.ints);
  for (const d of Object.values(set.date)) take(d);
  for (const t of Object.values(set.text)) {
    take(t.codes);
    if (t.pool) {
      take(t.pool.bytes);
      take(t.pool.offsets);
    }
  }
  return { set, transfer: [...buffers] };
}

/** The set as it arrived: a column kept as bytes is a PooledText again (records.ts revivedText). */
export function unpackSet(set: RecordSet): RecordSet {
  for (const f of Object.keys(set.text)) set.text[f] = revivedText(set.text[f]);
  return set;
}

/** The bundled worker next to the bundled CLI (dist/cli/load-worker.js); absent when run from source. */
export function workerFile(): string | undefined {
  const file = path.join(__dirname, "load-worker.js");
  return existsSync(file) ? file : undefined;
}

/**
 * A worker thread started now, to load one side when asked: starting a thread and its bundle takes
 * 60-80 ms, spent while this thread still reads the profile, the security master and the previous
 * run's breaks. `track` is given the worker so the caller can end it if the run stops early (it
 * waits, idle, for a side that may never be asked for). The returned function sends the request;
 * `onHead` receives the grid's first rows before the side is handed back.
 */
export function startSideWorker(
  file: string,
  track: (w: Worker) => void,
): (request: SideLoadRequest, onHead: (head: SideHead) => void) => Promise<SideLoad> {
  const worker = new Worker(file);
  track(worker);
  let settled = false;
  // A failure before the side is asked for is kept for when it is.
  let failed: Error | undefined;
  let fail = (e: Error): void => {
    failed = e;
  };
  worker.once("error", (e) => {
    if (!settled) fail(e);
    settled = true;
  });
  let side = "";
  worker.once("exit", (code) => {
    if (!settled) fail(new Error(`the load worker${side} stopped (exit code ${code})`));
    settled = true;
  });
  return (request, onHead) =>
    new Promise<SideLoad>((resolve, reject) => {
      if (failed) return reject(failed);
      side = ` for the ${request.name} side`;
      fail = reject;
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
      worker.postMessage(request);
    });
}
