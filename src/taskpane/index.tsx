/**
 * Task pane entry: waits for Office.js, then renders the app with the Excel-backed services.
 * Outside Excel (Office.js missing, or a plain browser tab) it renders an explanation instead of a
 * pane whose every action would fail.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { HostMessage } from "./components/HostMessage";
import { createExcelServices } from "./excel-services";

function render(content: ReactNode): void {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  createRoot(container).render(<FluentProvider theme={webLightTheme}>{content}</FluentProvider>);
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
