/**
 * Large `bo recon` outputs are saved through exceljs's streaming writer (src/io/file/xlsx-stream-write.ts,
 * used by FileWorkbook.save above STREAM_ROWS body rows). Here the same reconciliation's Breaks and
 * Summary sheets are saved both ways and read back: every cell value, number format, link and the
 * Status drop-down must agree, and the streamed Breaks range carries filter buttons instead of a table.
 * The input is the bench's trade generator (scripts/bench/gen-trades.ts) at 3,000 rows, with the
 * sample trade profile; its injected breaks (6 per 100 trades) are counted in gen-trades.ts.
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
      // The model path writes blank cells as empty text; the streamed one leaves them empty.
      if (shown === "" || shown === null) return;
      cells.push({
        v: shown,
        ...(c.numFmt && c.numFmt !== "General" ? { fmt: c.numFmt } : {}),
        ...(link ? { link } : {}),
      });
    });
    out[n] = cells;
  });
  return out;
}

describe("FileWorkbook.save: streamed and modelled workbooks hold the same cells", () => {
  let modelled: ExcelJS.Workbook;
  let streamed: ExcelJS.Workbook;
  let breaks = 0;
  beforeAll(async () => {
    const a = join(tmp, "model.xlsx");
    const b = join(tmp, "stream.xlsx");
    breaks = await reconTo(a, Number.MAX_SAFE_INTEGER);
    expect(await reconTo(b, 0)).toBe(breaks);
    modelled = new ExcelJS.Workbook();
    await modelled.xlsx.readFile(a);
    streamed = new ExcelJS.Workbook();
    await streamed.xlsx.readFile(b);
  }, 60_000);

  it("finds the generator's injected breaks (6 per 100 trades: gen-trades.ts)", () => {
    expect(breaks).toBe(180);
  });

  it("has the same sheets with the same values, number formats and links", () => {
    expect(streamed.worksheets.map((w) => w.name)).toEqual(modelled.worksheets.map((w) => w.name));
    for (const ws of modelled.worksheets) {
      const m = dump(ws);
      const s = dump(streamed.getWorksheet(ws.name)!);
      expect(s.length).toBe(m.length);
      expect(s).toEqual(m);
    }
    const links = dump(streamed.getWorksheet("Breaks")!)
      .flat()
      .filter((c) => c.link);
    expect(links.length).toBeGreaterThanOrEqual(breaks);
  });

  it("keeps the Status drop-down and gives the Breaks range filter buttons instead of a table", () => {
    const ws = streamed.getWorksheet("Breaks")!;
    const header = dump(ws).findIndex((r) => r?.some((c) => c.v === "Break ID"));
    const status = (ws.getRow(header).values as unknown[]).indexOf("Status");
    const cell = ws.getCell(header + 1, status);
    expect(cell.dataValidation).toMatchObject({
      type: "list",
      formulae: ['"open,investigating,resolved,written off"'],
    });
    expect((ws as unknown as { autoFilter?: unknown }).autoFilter).toBeTruthy();
    expect(Object.keys((modelled.getWorksheet("Breaks") as unknown as { tables: object }).tables)).toEqual(["Breaks"]);
  });
});
