import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalM } });

/** Why the pane cannot work here: Office.js did not load, or the page is not running inside Excel. */
export type HostProblem = "no-office" | "not-excel";

export function HostMessage({ problem }: { problem: HostProblem }) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="host-message">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Open this pane inside Excel.</MessageBarTitle>
          {problem === "no-office"
            ? "Office.js could not be loaded (offline, or blocked by a proxy), so the pane cannot reach a workbook. Check the network and reopen the add-in from Excel's Home tab."
            : "This page is running outside Excel, so there is no workbook to read. Open Excel, then the Back Office Toolkit add-in from the Home tab. The command line tool (bo) runs the same reconciliation on .xlsx and .csv files."}
        </MessageBarBody>
      </MessageBar>
    </div>
  );
}
