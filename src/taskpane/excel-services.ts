/**
 * TaskpaneServices inside Excel: the Office.js workbook adapter plus the shared workflows (the same
 * runRecon and runAccruals as `bo recon` and `bo accrue`). The only module under src/taskpane that
 * imports src/excel, so the components stay host-free.
 */
import { dayFromCivil } from "../core/dates/civil";
import { defaultProfile, STANDARD_FIELDS } from "../core/recon/kinds";
import { ExcelWorkbook } from "../excel/workbook";
import type { WorkbookPort } from "../io/port";
import { proposeMapping } from "../io/recon/mapping";
import { listWorkbookProfiles, loadWorkbookProfile, saveWorkbookProfile } from "../io/recon/profile-store";
import { runRecon } from "../io/recon/workflow";
import { runAccruals } from "../io/workflows/accruals";
import { previewSource } from "../io/recon/preview";
import type { ReconRunResult, TaskpaneServices } from "./services";

/** An input problem as one line of text: InputErrors carry their own sheet/row/column wording. */
function lineOf(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
}

/**
 * The run date is the user's calendar day where Excel runs, taken once at the boundary: break ages
 * are counted from it in whole days, and nothing downstream touches Date.
 */
function today(): { year: number; month: number; day: number } {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** Services over any WorkbookPort; the pane uses it with the Office adapter (createExcelServices). */
export function createServices(
  port: WorkbookPort,
  runDate: () => { year: number; month: number; day: number } = today,
): TaskpaneServices {
  return {
    listSources: () => port.listSources(),
    previewSource: (ref) => previewSource(port, ref),
    standardFields: (kind) => STANDARD_FIELDS[kind],
    proposeMapping: (headers, fields) => proposeMapping(headers, fields),
    defaultProfile: (kind, labels) => defaultProfile(kind, labels),
    runRecon: async (profile, onProgress, signal): Promise<ReconRunResult> => {
      const d = runDate();
      const out = await runRecon(port, profile, {
        runDate: dayFromCivil(d.year, d.month, d.day),
        progress: onProgress,
        signal,
        previous: "from-workbook",
      });
      return {
        summary: out.result.summary,
        breaks: out.result.breaks.length,
        sheets: out.sheets,
        errors: out.errors.map(lineOf),
        warnings: out.warnings,
      };
    },
    saveProfile: (profile) => saveWorkbookProfile(port, profile),
    listProfiles: async () => [...(await listWorkbookProfiles(port))].sort((a, b) => a.localeCompare(b)),
    loadProfile: async (name) => {
      const profile = await loadWorkbookProfile(port, name);
      if (!profile) throw new Error(`no profile named '${name}' is saved in this workbook`);
      return profile;
    },
    runAccruals: (req, onProgress, signal) => runAccruals(port, req, onProgress, signal),
  };
}

export function createExcelServices(): TaskpaneServices {
  return createServices(new ExcelWorkbook());
}
