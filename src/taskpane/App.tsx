import { makeStyles, SelectTabData, Tab, TabList, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { PlaceholderPanel } from "./components/PlaceholderPanel";
import { ReconcilePanel } from "./components/ReconcilePanel";
import type { TaskpaneServices } from "./services";

export type AppTab = "reconcile" | "accruals" | "nav" | "reports";

const useStyles = makeStyles({
  root: {
    boxSizing: "border-box",
    width: "100%",
    maxWidth: "100%",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  // Task panes open 320 px wide in Excel desktop; four tabs must wrap rather than scroll sideways.
  tabs: { flexWrap: "wrap" },
});

export interface AppProps {
  services: TaskpaneServices;
}

export function App({ services }: AppProps) {
  const styles = useStyles();
  const [tab, setTab] = useState<AppTab>("reconcile");
  return (
    <main className={styles.root}>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, data: SelectTabData) => setTab(data.value as AppTab)}
        aria-label="Back Office Toolkit"
      >
        <Tab value="reconcile" data-testid="tab-reconcile">Reconcile</Tab>
        <Tab value="accruals" data-testid="tab-accruals">Accruals</Tab>
        <Tab value="nav" data-testid="tab-nav">NAV</Tab>
        <Tab value="reports" data-testid="tab-reports">Reports</Tab>
      </TabList>
      {/* Reconcile stays mounted while hidden so a running reconciliation and its result survive a tab switch. */}
      <div role="tabpanel" aria-label="Reconcile" hidden={tab !== "reconcile"}>
        <ReconcilePanel services={services} />
      </div>
      {tab === "accruals" && (
        <PlaceholderPanel
          title="Accruals"
          coming="A form to accrue interest, management fees and fixed expenses over a period, written to an Accruals sheet with one line per day count period."
          functions={["=BO.YEARFRAC(start, end, basis)", "=BO.DAYCOUNT(start, end, convention)"]}
        />
      )}
      {tab === "nav" && (
        <PlaceholderPanel
          title="NAV"
          coming="A NAV strike from positions, prices, FX rates, cash and accruals, with NAV per share by class and a proof of every figure."
          functions={["=BO.YEARFRAC(start, end, basis)"]}
        />
      )}
      {tab === "reports" && (
        <PlaceholderPanel
          title="Reports"
          coming="A month-end pack built from the Breaks, Accruals and NAV sheets, with a fingerprint that shows whether it changed after sign-off."
          functions={["=BO.YEARFRAC(start, end, basis)"]}
        />
      )}
    </main>
  );
}
