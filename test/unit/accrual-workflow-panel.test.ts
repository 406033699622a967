/**
 * The Accruals panel's form logic (what the pane sends to runAccruals) and a server render of the
 * component (it builds without Office.js and shows its pickers, period and Run button).
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { parseIso } from "../../src/core/dates/civil";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { runAccruals } from "../../src/io/workflows/accruals";
import {
  AccrualsPanel,
  accrualsDraftFrom,
  accrualsProblems,
  buildAccrualsRequest,
  previousMonth,
  sourceOptions,
} from "../../src/taskpane/components/AccrualsPanel";

const D = (iso: string) => parseIso(iso)!;
const LIST = {
  sheets: ["Instruments", "fees", "NAV", "Notes", "Holidays"],
  tables: [{ name: "Payments", sheet: "Cash" }],
};

describe("Accruals panel form", () => {
  it("preselects each source by name, case-insensitively, a table before a sheet, none when absent", () => {
    const d = accrualsDraftFrom(LIST, "2026-10");
    expect(d.sources).toEqual({
      instruments: "sheet:Instruments",
      fees: "sheet:fees",
      nav: "sheet:NAV",
      opening: "",
      payments: "table:Payments",
      holidays: "sheet:Holidays",
    });
  });

  it("offers tables then sheets", () => {
    expect(sourceOptions(LIST).map((o) => o.key)).toEqual([
      "table:Payments",
      "sheet:Instruments",
      "sheet:fees",
      "sheet:NAV",
      "sheet:Notes",
      "sheet:Holidays",
    ]);
  });

  it("a month 2026-10 becomes the period 2026-10-01..2026-10-31 and the chosen refs; optional none is left out", () => {
    const req = buildAccrualsRequest(accrualsDraftFrom(LIST, "2026-10"));
    expect(req).toEqual({
      instruments: { sheet: "Instruments" },
      fees: { sheet: "fees" },
      nav: { sheet: "NAV" },
      opening: undefined,
      payments: { table: "Payments" },
      holidays: { sheet: "Holidays" },
      from: D("2026-10-01"),
      to: D("2026-10-31"),
    });
  });

  it("custom dates are used as given", () => {
    const d = { ...accrualsDraftFrom(LIST, "2026-10"), custom: true, from: "2026-10-01", to: "2026-10-15" };
    expect(accrualsProblems(d)).toEqual([]);
    expect(buildAccrualsRequest(d)).toMatchObject({ from: D("2026-10-01"), to: D("2026-10-15") });
  });

  it("says what stops a run: no Instruments, a month that is not yyyy-mm, dates out of order", () => {
    const none = accrualsDraftFrom({ sheets: [], tables: [] }, "October");
    expect(accrualsProblems(none)).toEqual([
      "Choose the Instruments sheet.",
      "Enter the month as yyyy-mm, e.g. 2026-10.",
    ]);
    const backwards = { ...accrualsDraftFrom(LIST, "2026-10"), custom: true, from: "2026-10-31", to: "2026-10-01" };
    expect(accrualsProblems(backwards)).toEqual(["The period ends before it starts."]);
  });

  it("offers the month just ended: January's close is for December of the year before", () => {
    expect(previousMonth({ y: 2027, m: 1 })).toBe("2026-12");
    expect(previousMonth({ y: 2026, m: 11 })).toBe("2026-10");
  });

  it("the request it builds runs the workflow on a workbook whose sheets it picked", async () => {
    const host = createMemoryHost();
    host.addSheet("Instruments", [
      ["Id", "Type", "Currency", "Principal", "Rate", "Convention", "Start", "Maturity"],
      ["DEP", "DEPOSIT", "USD", 1000000, 0.036, "ACT/360", "2026-10-01", "2027-01-01"],
    ]);
    const port = new ExcelWorkbook(host.run);
    const req = buildAccrualsRequest(accrualsDraftFrom(await port.listSources(), "2026-10"));
    const r = await runAccruals(port, req);
    // 1,000,000 x 3.6% x 30 / 360 = 3,000.00 (ACT/360, ISDA 2006 §4.16(e)): 1 Oct to 31 Oct.
    expect(r.items.map((i) => [i.id, i.closing])).toEqual([["DEP", "3000.00"]]);
  });
});

describe("Accruals panel render", () => {
  it("renders without Office.js: six source pickers, the month, Run", () => {
    const html = renderToString(
      createElement(
        FluentProvider,
        { theme: webLightTheme },
        createElement(AccrualsPanel, {
          listSources: async () => LIST,
          runAccruals: async () => {
            throw new Error("not run in this test");
          },
          initialMonth: "2026-10",
        }),
      ),
    );
    for (const key of ["instruments", "fees", "nav", "opening", "payments", "holidays"]) {
      expect(html).toContain(`data-testid="accruals-source-${key}"`);
    }
    expect(html).toContain('value="2026-10"');
    expect(html).toContain("Run accruals");
  });
});
