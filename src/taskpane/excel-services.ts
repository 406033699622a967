/**
 * TaskpaneServices inside Excel: the Office.js workbook adapter plus the shared recon workflow.
 * The only module under src/taskpane that imports src/excel, so the components stay host-free.
 */
import { ExcelWorkbook } from "../excel/workbook";
import type { WorkbookPort } from "../io/port";
import { previewSource, runReconSlice } from "../io/workflows/recon-slice";
import type { TaskpaneServices } from "./services";

/** Services over any WorkbookPort; the pane uses it with the Office adapter (createExcelServices). */
export function createServices(port: WorkbookPort): TaskpaneServices {
  return {
    listSources: () => port.listSources(),
    previewSource: (ref) => previewSource(port, ref),
    runReconcile: (req, onProgress, signal) => runReconSlice(port, req, onProgress, signal),
  };
}

export function createExcelServices(): TaskpaneServices {
  return createServices(new ExcelWorkbook());
}
