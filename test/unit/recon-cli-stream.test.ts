/**
 * Large `bo recon` outputs are written directly as SpreadsheetML (src/io/file/xlsx-direct-write.ts,
 * used by FileWorkbook.save above STREAM_ROWS body rows) instead of through exceljs's workbook model.
 * Here the same reconciliation's Breaks and Summary sheets are saved both ways and read back: every
 * cell value, number format, font, link, the Status drop-down, the tables, the conditional fills and
 * the data bars must agree. The input is the bench's trade generator (scripts/bench/gen-trades.ts) at
 * 3,000 rows, with the sample trade profile; its injected breaks (6 per 100 trades) are counted in
 * gen-trades.ts.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateTrades } from "../../scripts/bench/gen-trades";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { parseProfile } from "../../src/io/recon/profile-store";
import { runRecon } from "../../src/io/recon/workflow";

const root = resolve(__dirname, "../..");
const tmp = mkdtempSync(join(tmpdir(), "bo-stream-"));

async function reconTo(file: string, streamRows: number): Promise<number> {
  const files = generateTrades(3000, join(tmp, "data"));
  const profilePath = join(root, "samples/profiles/trade.json");
  const profile = parseProfile(readFileSync(profilePath, "utf8"), profilePath);
  const port = new FileWorkbook({ streamRows });
  const master = await port.read({ sheet: files.master });
  const run = await runRecon(port, profile, {
    leftRef: { sheet: files.books },
    rightRef: { sheet: files.custodian },
    master,
    runDate: 20758,
    links: {
      left: { sheet: "books.csv", file: "data/books.csv", addressable: false },
      right: { sheet: "custodian.csv", file: "data/custodian.csv", addressable: false },
    },
  });
  await port.save(file);
  return run.result.breaks.length;
}

interface CellDump {
  v: unknown;
  fmt?: string;
  link?: string;
  font?: string;
}

function dump(ws: ExcelJS.Worksheet): CellDump[][] {
  const out: CellDump[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: CellDump[] = [];
    row.eachCell({ includeEmpty: false }, (c) => {
      const v = c.value as unknown;
      const link =
        v && typeof v === "object" && "hyperlink" in (v as object) ? (v as { hyperlink: string }).hyperlink : undefined;
      const shown = link !== undefined ? (v as { text: string }).text : v;
      // The model path writes blank cells as empty text; the direct one leaves them empty.
      if (shown === "" || shown === null) return;
      // A size left out is the default 11 pt (the model leaves it out, the direct writer writes it).
      const font = c.font ? JSON.stringify([c.font.bold, c.font.size ?? 11, c.font.underline, c.font.color?.argb]) : "";
      cells.push({
        v: shown,
        ...(c.numFmt && c.numFmt !== "General" ? { fmt: c.numFmt } : {}),
        ...(link ? { link } : {}),
        ...(font && font !== JSON.stringify([undefined, 11, undefined, undefined]) ? { font } : {}),
      });
    });
    out[n] = cells;
  });
  return out;
}

describe("FileWorkbook.save: directly written and modelled workbooks hold the same cells", () => {
  let modelled: ExcelJS.Workbook;
  let direct: ExcelJS.Workbook;
  let breaks = 0;
  beforeAll(async () => {
    const a = join(tmp, "model.xlsx");
    const b = join(tmp, "direct.xlsx");
    breaks = await reconTo(a, Number.MAX_SAFE_INTEGER);
    expect(await reconTo(b, 0)).toBe(breaks);
    modelled = new ExcelJS.Workbook();
    await modelled.xlsx.readFile(a);
    direct = new ExcelJS.Workbook();
    await direct.xlsx.readFile(b);
  }, 60_000);

  it("finds the generator's injected breaks (6 per 100 trades: gen-trades.ts)", () => {
    expect(breaks).toBe(180);
  });

  it("has the same sheets with the same values, number formats, fonts and links", () => {
    expect(direct.worksheets.map((w) => w.name)).toEqual(modelled.worksheets.map((w) => w.name));
    for (const ws of modelled.worksheets) {
      const m = dump(ws);
      const d = dump(direct.getWorksheet(ws.name)!);
      expect(d.length).toBe(m.length);
      expect(d).toEqual(m);
    }
    const links = dump(direct.getWorksheet("Breaks")!)
      .flat()
      .filter((c) => c.link);
    expect(links.length).toBeGreaterThanOrEqual(breaks);
  });

  it("keeps the Status drop-down, the tables, the conditional fills and the data bars", () => {
    const ws = direct.getWorksheet("Breaks")!;
    const header = dump(ws).findIndex((r) => r?.some((c) => c.v === "Break ID"));
    const status = (ws.getRow(header).values as unknown[]).indexOf("Status");
    const cell = ws.getCell(header + 1, status);
    expect(cell.dataValidation).toMatchObject({
      type: "list",
      formulae: ['"open,investigating,resolved,written off"'],
    });
    const tables = (w: ExcelJS.Worksheet) => Object.keys((w as unknown as { tables: object }).tables);
    const rules = (w: ExcelJS.Worksheet) =>
      (
        w as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: unknown }[] }[] }
      ).conditionalFormattings.map((c) => [c.ref, c.rules[0].type, c.rules[0].formulae]);
    for (const name of ["Breaks", "Summary"]) {
      const m = modelled.getWorksheet(name)!;
      const d = direct.getWorksheet(name)!;
      expect(tables(d)).toEqual(tables(m));
      expect(rules(d)).toEqual(rules(m));
      expect(d.views[0]).toMatchObject({ state: "frozen", ySplit: (m.views[0] as { ySplit: number }).ySplit });
    }
    expect(tables(ws)).toEqual(["Breaks"]);
    expect(rules(direct.getWorksheet("Summary")!).map((r) => r[1])).toContain("dataBar");
  });
});
