import { makeStyles, SelectTabData, Tab, TabList, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { AccrualsPanel } from "./components/AccrualsPanel";
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
        <Tab value="reconcile" data-testid="tab-reconcile">
          Reconcile
        </Tab>
        <Tab value="accruals" data-testid="tab-accruals">
          Accruals
        </Tab>
        <Tab value="nav" data-testid="tab-nav">
          NAV
        </Tab>
        <Tab value="reports" data-testid="tab-reports">
          Reports
        </Tab>
      </TabList>
      {/* Reconcile stays mounted while hidden so a running reconciliation and its result survive a tab switch. */}
      <div role="tabpanel" aria-label="Reconcile" hidden={tab !== "reconcile"}>
        <ReconcilePanel services={services} />
      </div>
      {/* Kept mounted while hidden, like Reconcile: a month-end run and its result survive a tab switch. */}
      <div role="tabpanel" aria-label="Accruals" data-testid="panel-accruals" hidden={tab !== "accruals"}>
        <AccrualsPanel listSources={services.listSources} runAccruals={services.runAccruals} />
      </div>
      {tab === "nav" && (
        <PlaceholderPanel
          title="NAV"
          coming="A NAV strike from positions, prices, FX rates, cash and accruals, with NAV per share by class."
          functions={[
            {
              formula: "=BO.PRICE(settlement, maturity, rate, yld, redemption, frequency)",
              note: "bond price per 100",
            },
            { formula: "=BO.ACCRINTM(issue, settlement, rate, par)", note: "interest accrued to maturity" },
          ]}
        />
      )}
      {tab === "reports" && (
        <PlaceholderPanel
          title="Reports"
          coming="A month-end pack built from the Breaks, Accruals and NAV sheets. Until then, the Breaks sheet that Reconcile writes is an ordinary Excel table you can filter and annotate."
          functions={[
            { formula: "=BO.COUPONS(settlement, maturity, frequency, convention)", note: "spills a coupon schedule" },
          ]}
        />
      )}
    </main>
  );
}
