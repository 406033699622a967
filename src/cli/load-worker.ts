/**
 * Worker-thread entry (dist/cli/load-worker.js): reads and loads one reconciliation side for
 * `bo recon` (src/cli/side-worker.ts says why and how the result is sent back).
 */
import { parentPort } from "node:worker_threads";
import { InputError } from "../core/errors";
import { FileWorkbook } from "../io/file/file-workbook";
import { crosswalkOf, loadSideFromGrid, type SideLoadRequest } from "../io/recon/workflow";
import { packError, packSet, type WorkerReply } from "./side-worker";

async function main(request: SideLoadRequest): Promise<void> {
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const grid = await new FileWorkbook().read(request.ref);
    const head = { sheet: grid.sheet, top: grid.top, left: grid.left, rows: grid.values.slice(0, 40) };
    const s = loadSideFromGrid(grid, request, crosswalkOf(request));
    const packed = packSet(s.load.set);
    transfer = packed.transfer;
    reply = {
      ok: true,
      sheet: s.sheet,
      dateSystem: s.dateSystem,
      side: s.side,
      warnings: s.warnings,
      load: { ...s.load, set: packed.set, errors: s.load.errors.map(packError) },
      head,
    };
  } catch (e) {
    reply =
      e instanceof InputError
        ? { ok: false, input: packError(e), message: e.message }
        : { ok: false, message: (e as Error).message ?? String(e), stack: (e as Error).stack };
  }
  parentPort!.postMessage(reply, transfer);
}

// Started before the side is known (side-worker.ts startSideWorker): the request comes as a message.
parentPort!.once("message", (request: SideLoadRequest) => void main(request));
