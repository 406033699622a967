/**
 * Ribbon commands. This bundle is loaded into the shared-runtime page (taskpane.html), which the
 * manifest names as the FunctionFile, so every ExecuteFunction button's <FunctionName> must be
 * associated here (test/unit/manifest.test.ts checks the names match).
 */

/**
 * "Recalculate" button: a full recalculation (what Ctrl+Alt+F9 does). BO functions are recalculated
 * only when their arguments change; after pasting new prices or rates into a workbook on manual
 * calculation, or after a new build of the add-in changed a function, this brings every cell up to date.
 */
export async function recalculateWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Excel.run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
    });
  } catch (error) {
    // A ribbon command has no UI of its own; the shared runtime's console is where it can be seen.
    console.error("Back Office Toolkit: recalculation failed", error);
  } finally {
    // Office shows the button as busy until the command reports completion.
    event.completed();
  }
}

// The page also opens outside Excel (a plain browser tab, the browser tests' in-memory host), where
// Office.js is absent or has no ribbon to serve.
if (typeof Office !== "undefined" && Office.actions) {
  Office.actions.associate("recalculateWorkbook", recalculateWorkbook);
}
