/**
 * The pane's services over a workbook (src/taskpane/excel-services.ts createServices), wired to the
 * Office.js adapter running on the in-memory Excel host: sources listed, headers previewed below a
 * title line, mappings proposed, the trade kind's default profile run end to end (the same runRecon
 * as `bo recon`), progress and the AbortSignal passed through. The workbook and the expected breaks
 * are test/browser/trade-seed.ts, counted by hand there from the default passes of
 * src/core/recon/kinds.ts.
 */
import { columnLetter } from "../../src/core/errors";
import { ExcelWorkbook } from "../../src/excel/workbook";
import { createMemoryHost } from "../../src/excel/memory-host";
import { createServices } from "../../src/taskpane/excel-services";
import type { ReconProfile } from "../../src/core/recon/profile";
import {
  BOOKS,
  BOOKS_FORMATS,
  BOOKS_SHEET,
  BOOKS_TABLE,
  BOOKS_TABLE_ADDRESS,
  CUSTODIAN,
  CUSTODIAN_SHEET,
  EXPECTED_BREAKS,
  EXPECTED_COUNTS,
} from "../browser/trade-seed";

/** 2026-10-28, the day after the seed's settlement date: a fixed run date keeps ages reproducible. */
const RUN_DATE = { year: 2026, month: 10, day: 28 };

function setup() {
  const host = createMemoryHost();
  host.addSheet(BOOKS_SHEET, BOOKS, BOOKS_FORMATS);
  host.addTable(BOOKS_SHEET, BOOKS_TABLE_ADDRESS, BOOKS_TABLE);
  host.addSheet(CUSTODIAN_SHEET, CUSTODIAN);
  return { host, services: createServices(new ExcelWorkbook(host.run), () => RUN_DATE) };
}

async function tradeProfile(services: ReturnType<typeof setup>["services"]): Promise<ReconProfile> {
  const profile = services.defaultProfile("trade");
  const fields = services.standardFields("trade");
  profile.left.source = { table: BOOKS_TABLE };
  profile.right.source = { sheet: CUSTODIAN_SHEET };
  profile.left.mapping = services.proposeMapping(
    (await services.previewSource(profile.left.source)).headers,
    fields,
  ).mapping;
  profile.right.mapping = services.proposeMapping(
    (await services.previewSource(profile.right.source)).headers,
    fields,
  ).mapping;
  return profile;
}

/** The Breaks sheet's table as objects by header (the preamble above the header row skipped). */
function breakRows(values: (string | number | boolean)[][]): Record<string, string | number | boolean>[] {
  const h = values.findIndex((r) => r[0] === "Break ID");
  const header = values[h].map(String);
  return values
    .slice(h + 1)
    .filter((r) => r.some((v) => v !== ""))
    .map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
}

describe("createServices over the Office.js adapter", () => {
  test("lists the workbook's tables and sheets", async () => {
    const { services } = setup();
    const list = await services.listSources();
    expect(list.sheets).toEqual([BOOKS_SHEET, CUSTODIAN_SHEET]);
    expect(list.tables).toEqual([{ name: BOOKS_TABLE, sheet: BOOKS_SHEET }]);
  });

  test("previews the custodian's headers below its title line and proposes the mapping", async () => {
    const { services } = setup();
    const p = await services.previewSource({ sheet: CUSTODIAN_SHEET });
    expect(p.headerRow).toBe(2);
    const m = services.proposeMapping(p.headers, services.standardFields("trade")).mapping;
    // The trade fields' aliases (src/core/recon/kinds.ts) name each of these headers.
    expect(m).toMatchObject({
      ref: "Client Ref",
      account: "Acct",
      security: "CUSIP",
      side: "Txn Type",
      tradeDate: "Trade Dt",
      settleDate: "Settle Dt",
      quantity: "Qty",
      amount: "Net Amount",
      currency: "Ccy",
    });
  });

  test("runs the trade default profile: summary, conservation, and the hand-counted breaks", async () => {
    const { host, services } = setup();
    const progress: number[] = [];
    const result = await services.runRecon(
      await tradeProfile(services),
      (f) => progress.push(f),
      new AbortController().signal,
    );
    expect(result.sheets).toEqual({ breaks: "Breaks", summary: "Summary" });
    const s = result.summary;
    expect([s.left.rows, s.left.matched, s.left.inBreaks]).toEqual([
      EXPECTED_COUNTS.books.rows,
      EXPECTED_COUNTS.books.matched,
      EXPECTED_COUNTS.books.inBreaks,
    ]);
    expect([s.right.rows, s.right.matched, s.right.inBreaks]).toEqual([
      EXPECTED_COUNTS.custodian.rows,
      EXPECTED_COUNTS.custodian.matched,
      EXPECTED_COUNTS.custodian.inBreaks,
    ]);
    expect(s.conservation.holds).toBe(true);
    expect(result.breaks).toBe(EXPECTED_BREAKS.length);
    // The unreadable price is reported with its sheet, row and column.
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/Custodian.*11.*Price|Price.*11/);
    expect(progress[progress.length - 1]).toBe(1);

    const rows = breakRows(host.getSheet("Breaks").values);
    expect(
      rows.map((r) => [r.Codes, r["Books rows"] || null, r["Custodian rows"] || null, r["Trade reference"]]),
    ).toEqual(EXPECTED_BREAKS.map((b) => [b.codes, b.books, b.custodian, b.ref]));
    // A break lists the differing field with both values (render.ts breakDetail).
    expect(rows[0].Detail).toMatch(/Quantity: Books 500 vs Custodian 450/);
    expect(rows.every((r) => r["Run status"] === "new")).toBe(true);
    // The Summary sheet's conservation block: rows in = matched + in breaks + excluded, per side.
    const summary = host.getSheet("Summary").values;
    expect(summary).toContainEqual(["Books", 10, 5, 5, 0, 10, true]);
    expect(summary).toContainEqual(["Custodian", 10, 6, 4, 0, 10, true]);
  });

  test("a comment typed in the Breaks sheet survives a re-run, and the break is persisting", async () => {
    const { host, services } = setup();
    const profile = await tradeProfile(services);
    await services.runRecon(profile, () => undefined, new AbortController().signal);
    const values = host.getSheet("Breaks").values;
    const h = values.findIndex((r) => r[0] === "Break ID");
    const col = values[h].indexOf("Comment");
    const address = `${columnLetter(col)}${h + 2}`; // the first break's row (1-based, below the header)
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Breaks").getRange(address).values = [["chasing the custodian"]];
      await ctx.sync();
    });
    await services.runRecon(profile, () => undefined, new AbortController().signal);
    const rows = breakRows(host.getSheet("Breaks").values);
    expect(rows[0].Codes).toBe("QUANTITY");
    expect(rows[0].Comment).toBe("chasing the custodian");
    expect(rows.map((r) => r["Run status"])).toEqual(EXPECTED_BREAKS.map(() => "persisting"));
    // The add-in's own sheet is replaced, not duplicated.
    expect(host.sheetNames()).toEqual([BOOKS_SHEET, CUSTODIAN_SHEET, "Breaks", "Summary"]);
  });

  test("profiles are saved in the workbook, listed by name and loaded back as saved", async () => {
    const { services } = setup();
    expect(await services.listProfiles()).toEqual([]);
    const profile = await tradeProfile(services);
    profile.name = "Trade daily";
    profile.passes[0].compare[2] = { field: "amount", kind: "absolute", tolerance: "0.05" };
    await services.saveProfile(profile);
    await services.saveProfile({ ...profile, name: "Another" });
    // Saving again under the same name replaces it rather than listing it twice.
    await services.saveProfile(profile);
    expect(await services.listProfiles()).toEqual(["Another", "Trade daily"]);
    expect(await services.loadProfile("Trade daily")).toEqual(profile);
    await expect(services.loadProfile("Nope")).rejects.toThrow("no profile named 'Nope' is saved in this workbook");
  });

  test("an aborted signal stops the run before anything is written", async () => {
    const { host, services } = setup();
    const profile = await tradeProfile(services);
    const ctl = new AbortController();
    ctl.abort();
    await expect(services.runRecon(profile, () => undefined, ctl.signal)).rejects.toThrow();
    expect(host.sheetNames()).toEqual([BOOKS_SHEET, CUSTODIAN_SHEET]);
  });
});
