/**
 * Task pane entry: waits for Office.js, then renders the app with the Excel-backed services.
 * Outside Excel (Office.js missing, or a plain browser tab) it renders an explanation instead of a
 * pane whose every action would fail.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { StrictMode } from "react";
import type { ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { HostMessage } from "./components/HostMessage";
import { createExcelServices } from "./excel-services";

function render(content: ReactNode): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  // StrictMode runs effects twice in development builds, which shakes out previews or runs that
  // would not survive a remount; production builds are unaffected.
  createRoot(container).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>{content}</FluentProvider>
    </StrictMode>,
  );
}

if (typeof Office === "undefined") {
  render(<HostMessage problem="no-office" />);
} else {
  void Office.onReady((info) => {
    // Compared as text: Office.HostType.Excel is the string "Excel", and hosts that stand in for
    // Office.js (the browser test's in-memory host) need not define the enum.
    if (String(info.host) === "Excel") render(<App services={createExcelServices()} />);
    else render(<HostMessage problem="not-excel" />);
  });
}
