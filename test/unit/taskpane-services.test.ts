/**
 * The pane's services over a workbook (src/taskpane/excel-services.ts createServices), wired to the
 * Office.js adapter running on the in-memory Excel host. Checks the wiring the components rely on:
 * sources listed, headers previewed below a title line, progress and the AbortSignal passed through
 * to runReconSlice. Expected values are counted by hand from the small workbook below; the matching
 * rule is the contract in src/io/workflows/recon-slice-types.ts (|difference| <= tolerance matches).
 */
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { createServices } from "../../src/taskpane/excel-services";
import type { ReconSliceRequest } from "../../src/taskpane/services";

function setup() {
  const host = createMemoryHost();
  host.addSheet("Books", [
    ["Books at 31 October 2026"],
    [],
    ["Ref", "Account", "Amount"],
    ["T1", "A", 100],
    ["T2", "A", 200],
    ["T3", "B", 300],
  ]);
  host.addSheet("Custodian", [
    ["Client Ref", "Net Amount"],
    ["T1", 100],
    ["T2", 200.005],
    ["T3", 301],
  ]);
  return { host, services: createServices(new ExcelWorkbook(host.run)) };
}

const request: ReconSliceRequest = {
  left: { sheet: "Books", label: "Books", key: "Ref", value: "Amount" },
  right: { sheet: "Custodian", label: "Custodian", key: "Client Ref", value: "Net Amount" },
  tolerance: "0.01",
};

describe("createServices over the Office.js adapter", () => {
  test("lists the workbook's sheets", async () => {
    const { services } = setup();
    const list = await services.listSources();
    expect(list.sheets).toEqual(["Books", "Custodian"]);
    expect(list.tables).toEqual([]);
  });

  test("previews headers below a title line, with the Excel row of the header", async () => {
    const { services } = setup();
    const p = await services.previewSource({ sheet: "Books" });
    expect(p.headerRow).toBe(3);
    expect(p.headers).toEqual(["Ref", "Account", "Amount"]);
    expect(p.dataRows).toBe(3);
  });

  test("runs the reconciliation, reporting progress up to 1, and writes Breaks", async () => {
    const { host, services } = setup();
    const seen: number[] = [];
    const result = await services.runReconcile(request, (f) => seen.push(f), new AbortController().signal);
    // T1 equal, T2 within 0.01 (0.005), T3 off by 1.
    expect(result.counts.matched).toBe(2);
    expect(result.counts.differences).toBe(1);
    expect(result.sheet).toBe("Breaks");
    expect(host.sheetNames()).toContain("Breaks");
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  test("an aborted signal stops the run before anything is written", async () => {
    const { host, services } = setup();
    const ctl = new AbortController();
    ctl.abort();
    await expect(services.runReconcile(request, () => undefined, ctl.signal)).rejects.toThrow(/cancel/i);
    expect(host.sheetNames()).toEqual(["Books", "Custodian"]);
  });
});
