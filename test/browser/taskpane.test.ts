/**
 * Drives the BUILT task pane (dist/, the production webpack output) in Debian's chromium with
 * playwright-core. Office.js is replaced by the in-memory Excel host (dist/test-host/fake-office.js,
 * from src/excel/memory-host), served in place of Microsoft's CDN script; every other external
 * request is blocked, so the test runs offline and proves the pane needs nothing else.
 *
 * The workbook is seeded by appending `__boHost.addSheet(...)` / `addTable(...)` calls to the fake
 * Office.js script itself: scripts run in document order, so the sheets exist before taskpane.js (and
 * the pane's first listSources) runs, without any seeding hook in the host.
 *
 * The trade workbook and its expected breaks are test/browser/trade-seed.ts, counted by hand there
 * from the trade kind's default passes (src/core/recon/kinds.ts). Row numbers are Excel rows.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
} from "./trade-seed";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const FAKE_OFFICE = path.join(DIST, "test-host", "fake-office.js");
const SHOTS = path.join(ROOT, "out", "browser");
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const OFFICE_JS = /^https:\/\/appsforoffice\.microsoft\.com\/.*office\.js(\?.*)?$/;

type Cell = string | number | boolean | null;

/** window.__boHost as installed by dist/test-host/fake-office.js (src/excel/memory-host/fake-office.ts). */
type BoHost = import("../../src/excel/memory-host/fake-office").BoHost;

/** A seeded sheet: its values from A1, and optionally number formats of the same shape. */
type SeedSheet = Cell[][] | { values: Cell[][]; formats: string[][] };

/** The trade workbook: the Books table (on sheet Blotter, below a title line) and the Custodian sheet. */
const TRADE_SHEETS: Record<string, SeedSheet> = {
  [BOOKS_SHEET]: { values: BOOKS, formats: BOOKS_FORMATS },
  [CUSTODIAN_SHEET]: CUSTODIAN,
};
const TRADE_TABLES = [{ sheet: BOOKS_SHEET, address: BOOKS_TABLE_ADDRESS, name: BOOKS_TABLE }];
const BOOKS_CHOICE = `${BOOKS_TABLE} (table on ${BOOKS_SHEET})`;

/** Notes a user keeps in a sheet that happens to be called "Breaks". */
const USER_BREAKS: Cell[][] = [["My break notes"], ["T003", "custodian says 450, chasing broker"]];

// ---- build, server, browser ----------------------------------------------------------------------

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Written after this test's own successful build (out/ is gitignored). */
const BUILD_STAMP = path.join(SHOTS, ".build-stamp");

/**
 * Why dist/ cannot be tested as it is, or null. The build counts as current when its newest output,
 * or this test's last successful build, is newer than every source: webpack leaves identical outputs
 * untouched (compareBeforeEmit), so one output's mtime alone says nothing, and a failed production
 * build emits nothing at all.
 */
function buildProblem(): string | null {
  const required = [path.join(DIST, "taskpane.html"), path.join(DIST, "taskpane.js"), FAKE_OFFICE];
  const missing = required.filter((f) => !fs.existsSync(f));
  if (missing.length > 0) return `missing ${missing.map((f) => path.relative(ROOT, f)).join(", ")}`;
  const built = Math.max(newestMtime(DIST), newestMtime(BUILD_STAMP));
  const inputs = ["src", "functions", "webpack.config.js", "package-lock.json"].map((p) =>
    newestMtime(path.join(ROOT, p)),
  );
  return Math.max(...inputs) > built ? "sources changed since the last build" : null;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json",
  ".xml": "application/xml",
};

function serveDist(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  expect(fs.existsSync(CHROMIUM)).toBe(true);
  const problem = buildProblem();
  // Under `npm test` (scripts/test.mjs) the runner has just built dist/, or was told it is fresh
  // (BO_SKIP_BUILD=1); rebuilding here would rewrite dist/ while other suites read it. Likewise
  // BO_BROWSER_NO_REBUILD=1 (iterating on this test in a checkout others keep editing). A missing
  // build is built in every case.
  const runnerBuilt = process.env.npm_lifecycle_event === "test";
  const trustDist = runnerBuilt || process.env.BO_BROWSER_NO_REBUILD === "1";
  if (problem && !(trustDist && problem.startsWith("sources"))) {
    // The whole production build (2 shared cores: about a minute).
    console.log(`browser test: building dist/ (${problem})`);
    // Throws (failing every test) when the build fails: testing the previous build would pass silently.
    execFileSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, stdio: "inherit" });
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(BUILD_STAMP, new Date().toISOString() + "\n");
  }
  server = await serveDist();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface Opened {
  context: BrowserContext;
  page: Page;
  /** External requests the page attempted (all blocked). */
  blocked: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
}

interface PaneOptions {
  width?: number;
  tables?: { sheet: string; address: string; name: string }[];
  /** What answers the office.js request: the seeded fake (default), a given script, or a network failure. */
  office?: "fake" | "blocked" | { script: string };
  /** Script appended after the seed (e.g. workbook settings carried over from an earlier page). */
  extraSeed?: string;
  /** The element to wait for before handing the page over. */
  readyTestId?: string;
}

function seedScript(sheets: Record<string, SeedSheet>, tables: PaneOptions["tables"] = []): string {
  return Object.entries(sheets)
    .map(([name, s]) =>
      Array.isArray(s)
        ? `window.__boHost.addSheet(${JSON.stringify(name)}, ${JSON.stringify(s)});`
        : `window.__boHost.addSheet(${JSON.stringify(name)}, ${JSON.stringify(s.values)}, ${JSON.stringify(s.formats)});`,
    )
    .concat(
      tables.map(
        (t) =>
          `window.__boHost.addTable(${JSON.stringify(t.sheet)}, ${JSON.stringify(t.address)}, ${JSON.stringify(t.name)});`,
      ),
    )
    .join("\n");
}

/** A fresh context (own storage) with the pane loaded on a workbook holding `sheets`. */
async function openPane(sheets: Record<string, SeedSheet>, options: PaneOptions = {}): Promise<Opened> {
  const { width = 360, tables = [], office = "fake", readyTestId = "panel-reconcile", extraSeed = "" } = options;
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const officeJs =
    office === "fake"
      ? fs.readFileSync(FAKE_OFFICE, "utf8") + "\n;\n" + seedScript(sheets, tables) + "\n" + extraSeed + "\n"
      : office === "blocked"
        ? null
        : office.script;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/")) return route.continue();
    if (OFFICE_JS.test(url)) {
      return officeJs === null
        ? route.abort("internetdisconnected")
        : route.fulfill({ status: 200, contentType: "text/javascript", body: officeJs });
    }
    if (url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`${origin}/taskpane.html`);
  await page.getByTestId(readyTestId).waitFor();
  return { context, page, blocked, pageErrors };
}

async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole("option", { name: option, exact: true }).click();
  // The closed dropdown shows the choice; waiting for it also waits out the listbox closing.
  await page.getByTestId(testId).filter({ hasText: option }).waitFor();
}

/** Choose the trade kind and both sources, then wait until both sides' mappings are proposed. */
async function chooseTrade(page: Page, rightSource = CUSTODIAN_SHEET): Promise<void> {
  await pick(page, "recon-kind", "Position");
  await pick(page, "recon-kind", "Trade");
  await pick(page, "left-source", BOOKS_CHOICE);
  await pick(page, "right-source", rightSource);
  // Proposed from the headers once they are read (src/io/recon/mapping.ts).
  await page.getByTestId("left-map-ref").filter({ hasText: "Trade Ref" }).waitFor();
  await page.getByTestId("right-map-ref").filter({ hasText: "Client Ref" }).waitFor();
}

async function runAndWait(page: Page): Promise<string> {
  const run = page.getByTestId("recon-run");
  await run.waitFor();
  expect(await run.isEnabled()).toBe(true);
  await run.click();
  const summary = page.getByTestId("recon-summary");
  await summary.waitFor({ timeout: 30_000 });
  return (await summary.textContent()) ?? "";
}

/** A sheet of the host workbook, or null when there is no sheet of that name. */
function hostSheet(page: Page, name: string) {
  return page.evaluate((n) => (window as unknown as { __boHost: BoHost }).__boHost.getSheet(n) ?? null, name);
}

/** The Breaks table as objects by header (the preamble above the header row skipped). */
function breakRows(values: Cell[][]): Record<string, Cell>[] {
  const h = values.findIndex((r) => r[0] === "Break ID");
  expect(h).toBeGreaterThanOrEqual(0);
  const header = values[h].map(String);
  return values
    .slice(h + 1)
    .filter((r) => r.some((v) => v !== "" && v !== null))
    .map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] === "" ? null : r[i]])));
}

/** Write one cell through Excel.run (the fake's Excel is the memory host the test reads with __boHost). */
async function typeInCell(page: Page, sheet: string, address: string, value: string): Promise<void> {
  await page.evaluate(
    ([s, a, v]) =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(s).getRange(a).values = [[v]];
        await ctx.sync();
      }),
    [sheet, address, value] as const,
  );
}

function columnLetter(i: number): string {
  let n = i + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

describe("task pane, built, in chromium on the in-memory Excel host", () => {
  test("Reconcile (trade): proposed mapping accepted, run, Breaks and Summary as counted by hand; a comment survives a re-run", async () => {
    const { context, page, blocked, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      // A few proposals (aliases in src/core/recon/kinds.ts): the custodian's own header texts.
      for (const [testId, header] of [
        ["right-map-settleDate", "Settle Dt"],
        ["right-map-tradeDate", "Trade Dt"],
        ["right-map-security", "CUSIP"],
        ["right-map-quantity", "Qty"],
        ["right-map-side", "Txn Type"],
        ["left-map-amount", "Net Amount"],
      ]) {
        expect(await page.getByTestId(testId).textContent()).toContain(header);
      }
      expect(await page.getByTestId("right-unmapped").textContent()).toBe("Every column is mapped.");
      // The trade default passes, in order, with their keys as chips.
      expect(await page.getByTestId("pass-0-name").inputValue()).toBe("reference");
      expect(await page.getByTestId("pass-1-name").inputValue()).toBe("economics");
      expect(await page.getByTestId("pass-0-keys").textContent()).toContain("Trade reference");
      expect(await page.getByTestId("pass-2").count()).toBe(0);

      // Tolerance validation (the slice's rule): an error under the field disables Run.
      const tolerance = page.getByTestId("pass-0-rule-amount-tolerance");
      expect(await tolerance.inputValue()).toBe("0.01");
      await tolerance.fill("-0.01");
      await page.getByRole("alert").filter({ hasText: "Tolerance cannot be negative" }).waitFor();
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await tolerance.fill("0.01");

      const summary = await runAndWait(page);
      const b = EXPECTED_COUNTS.books;
      const c = EXPECTED_COUNTS.custodian;
      expect(summary).toContain(`Books: ${b.rows} rows, ${b.matched} matched, ${b.inBreaks} in breaks, 0 excluded`);
      expect(summary).toContain(`Custodian: ${c.rows} rows, ${c.matched} matched, ${c.inBreaks} in breaks, 0 excluded`);
      expect(await page.getByTestId("recon-conservation").textContent()).toMatch(/^rows in = rows out: yes/);
      const codes = await page.getByTestId("recon-codes").locator("li").allTextContents();
      expect(codes).toEqual([
        "MISSING_LEFT (missing in Books): 1",
        "MISSING_RIGHT (missing in Custodian): 2",
        "QUANTITY: 1",
        "DUPLICATE: 1",
        "ROW_ERROR: 1",
      ]);
      const rates = await page.getByTestId("recon-pass-rates").locator("li").allTextContents();
      // Rows matched over rows that entered the pass, by hand from the seed: "reference" sees all 10
      // books rows and the 9 readable custodian rows and matches T001, T002 (2 custodian rows), T004,
      // T005; "economics" sees the 3 books and 2 custodian rows left unpaired and matches T008.
      expect(rates).toEqual(["reference: Books 40%, Custodian 55.6%", "economics: Books 33.3%, Custodian 50%"]);
      const result = (await page.getByTestId("recon-result").textContent()) ?? "";
      expect(result).toContain(`${EXPECTED_BREAKS.length} breaks`);
      expect(result).toContain("“Breaks”");
      expect(result).toContain("“Summary”");
      expect(result).toMatch(/kept when you run again/);
      // The text price is a row error naming sheet, row and column.
      const listed = await page.getByTestId("recon-row-error").allTextContents();
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatch(/sheet 'Custodian', row 11, column 'Price' \(H\).*n\/a/);

      const sheet = await hostSheet(page, "Breaks");
      expect(sheet).not.toBeNull();
      const rows = breakRows(sheet!.values);
      expect(rows.map((r) => [r.Codes, r["Books rows"], r["Custodian rows"], r["Trade reference"]])).toEqual(
        EXPECTED_BREAKS.map((e) => [e.codes, e.books, e.custodian, e.ref]),
      );
      // A difference names the field and both values; the unreadable cell names where it is.
      expect(rows[0].Detail).toMatch(/Quantity: Books 500 vs Custodian 450/);
      expect(rows[4].Detail).toMatch(/sheet 'Custodian', row 11, column 'Price' \(H\)/);
      expect(rows.every((r) => r["Run status"] === "new")).toBe(true);
      expect(sheet!.tables.length).toBe(1);

      // The Summary proves conservation: rows in = matched + in breaks + excluded, per side.
      const summarySheet = await hostSheet(page, "Summary");
      expect(summarySheet).not.toBeNull();
      const conservation = summarySheet!.values.filter((r) => r[0] === "Books" || r[0] === "Custodian");
      expect(conservation).toContainEqual(
        expect.arrayContaining(["Books", b.rows, b.matched, b.inBreaks, 0, b.rows, true]),
      );
      expect(conservation).toContainEqual(
        expect.arrayContaining(["Custodian", c.rows, c.matched, c.inBreaks, 0, c.rows, true]),
      );

      // The analyst types a comment on the QUANTITY break in Excel; the re-run keeps it.
      const values = sheet!.values;
      const h = values.findIndex((r) => r[0] === "Break ID");
      const commentCol = values[h].indexOf("Comment");
      const quantityRow = values.findIndex((r) => r[2] === "QUANTITY");
      await typeInCell(page, "Breaks", `${columnLetter(commentCol)}${quantityRow + 1}`, "custodian short 50, chasing");
      await runAndWait(page);
      expect(await hostSheet(page, "Breaks (2)")).toBeNull();
      const again = breakRows((await hostSheet(page, "Breaks"))!.values);
      const quantity = again.find((r) => r.Codes === "QUANTITY")!;
      expect(quantity.Comment).toBe("custodian short 50, chasing");
      expect(quantity["Run status"]).toBe("persisting");
      expect(quantity["Break ID"]).toBe(rows[0]["Break ID"]);
      expect(again).toHaveLength(EXPECTED_BREAKS.length);

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("an edited tolerance reaches the engine: amount tolerance 0 turns T004's one-cent difference into an AMOUNT break", async () => {
    const { context, page, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      await page.getByTestId("pass-0-rule-amount-tolerance").fill("0");
      await runAndWait(page);
      const rows = breakRows((await hostSheet(page, "Breaks"))!.values);
      const amount = rows.find((r) => r["Trade reference"] === "T004");
      // Books row 6 (18025.50) against Custodian row 7 ("18,025.51"), difference -0.01 (seed comments).
      expect(amount).toBeDefined();
      expect(amount!.Codes).toBe("AMOUNT");
      expect([amount!["Books rows"], amount!["Custodian rows"]]).toEqual(["6", "7"]);
      expect(amount!.Detail).toMatch(/Net amount: Books 18025\.5 vs Custodian 18025\.51, difference -0\.01/);
      expect(rows).toHaveLength(EXPECTED_BREAKS.length + 1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("passes can be added, reordered and removed; a pass without keys blocks Run", async () => {
    const { context, page, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      await page.getByTestId("pass-add").click();
      expect(await page.getByTestId("pass-2-name").inputValue()).toBe("pass 3");
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await page.getByTestId("pass-2-add-key").click();
      await page.getByRole("option", { name: "Account", exact: true }).click();
      expect(await page.getByTestId("pass-2-keys").textContent()).toContain("Account");
      expect(await page.getByTestId("recon-run").isEnabled()).toBe(true);
      await page.getByTestId("pass-2-up").click();
      expect(await page.getByTestId("pass-1-name").inputValue()).toBe("pass 3");
      expect(await page.getByTestId("pass-2-name").inputValue()).toBe("economics");
      await page.getByTestId("pass-1-remove").click();
      expect(await page.getByTestId("pass-2").count()).toBe(0);
      expect(await page.getByTestId("pass-1-name").inputValue()).toBe("economics");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Custom kind: one empty pass; Run waits for a key; with the reference as key it runs", async () => {
    const { context, page, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      await pick(page, "recon-kind", "Custom");
      expect(await page.getByTestId("pass-0-name").inputValue()).toBe("pass 1");
      expect(await page.getByTestId("pass-1").count()).toBe(0);
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      // The sources stay chosen and their columns are proposed again for the custom field list.
      await page.getByTestId("right-map-ref").filter({ hasText: "Client Ref" }).waitFor();
      await page.getByTestId("pass-0-add-key").click();
      await page.getByRole("option", { name: "Trade reference", exact: true }).click();
      await runAndWait(page);
      // By hand: 1:1 on the reference with no comparisons. T001, T003, T004, T005 pair; T002 (twice
      // at the custodian) and T007 (twice in the books) are DUPLICATE; T006, T008 (blank reference at
      // the custodian) and T009 (its custodian row unreadable) are missing at the custodian; the blank
      // reference row and T010 are missing in the books; the "n/a" price is a ROW_ERROR.
      const codes = await page.getByTestId("recon-codes").locator("li").allTextContents();
      expect(codes).toEqual([
        "MISSING_LEFT (missing in Books): 2",
        "MISSING_RIGHT (missing in Custodian): 3",
        "DUPLICATE: 2",
        "ROW_ERROR: 1",
      ]);
      expect(await page.getByTestId("recon-conservation").textContent()).toMatch(/^rows in = rows out: yes/);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a profile saved in the workbook is listed after the pane is reopened, and loads as saved", async () => {
    const first = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    let settings: [string, unknown][];
    try {
      const { page } = first;
      await chooseTrade(page);
      await page.getByTestId("pass-0-rule-amount-tolerance").fill("0.05");
      await page.getByTestId("profile-name").fill("Trade daily");
      await page.getByTestId("profile-save").click();
      await page.getByTestId("profile-status").filter({ hasText: "Saved “Trade daily” in this workbook." }).waitFor();
      await page.getByTestId("profile-list").click();
      await page.getByRole("option", { name: "Trade daily", exact: true }).waitFor();
      await page.keyboard.press("Escape");
      // What the workbook file would carry: its settings (Workbook.settings, where profiles live).
      settings = await page.evaluate(() =>
        Excel.run(async (ctx) => {
          const items = ctx.workbook.settings;
          items.load("items/key,items/value");
          await ctx.sync();
          return items.items.map((i): [string, unknown] => [i.key, i.value]);
        }),
      );
      expect(first.pageErrors).toEqual([]);
    } finally {
      await first.context.close();
    }
    expect(settings.length).toBeGreaterThan(0);

    // Reopen: a new page on the same workbook, its settings restored before the pane starts (the
    // memory host applies a batch's sync at once, so they are there before the pane's first read).
    const restore = `Excel.run(async (ctx) => { for (const [k, v] of ${JSON.stringify(settings)}) ctx.workbook.settings.add(k, v); await ctx.sync(); });`;
    const second = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES, extraSeed: restore });
    try {
      const { page } = second;
      // A fresh pane starts from the trade default with no sources chosen.
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await pick(page, "profile-list", "Trade daily");
      await page.getByTestId("profile-load").click();
      await page.getByTestId("profile-status").filter({ hasText: "Loaded “Trade daily”." }).waitFor();
      // Sources, mapping and the edited tolerance come back as saved.
      await page.getByTestId("left-source").filter({ hasText: BOOKS_CHOICE }).waitFor();
      await page.getByTestId("right-source").filter({ hasText: CUSTODIAN_SHEET }).waitFor();
      await page.getByTestId("right-map-settleDate").filter({ hasText: "Settle Dt" }).waitFor();
      expect(await page.getByTestId("pass-0-rule-amount-tolerance").inputValue()).toBe("0.05");
      expect(await page.getByTestId("profile-name").inputValue()).toBe("Trade daily");
      await runAndWait(page);
      expect(breakRows((await hostSheet(page, "Breaks"))!.values)).toHaveLength(EXPECTED_BREAKS.length);
      expect(second.pageErrors).toEqual([]);
    } finally {
      await second.context.close();
    }
  });

  test("a Breaks sheet the user made is left untouched; the output goes to Breaks (2)", async () => {
    const { context, page, pageErrors } = await openPane(
      { ...TRADE_SHEETS, Breaks: USER_BREAKS },
      { tables: TRADE_TABLES },
    );
    try {
      const before = await hostSheet(page, "Breaks");
      await chooseTrade(page);
      await runAndWait(page);
      expect(await page.getByTestId("recon-result").textContent()).toContain("“Breaks (2)”");
      const after = await hostSheet(page, "Breaks");
      expect(after).toEqual(before);
      const written = await hostSheet(page, "Breaks (2)");
      expect(written).not.toBeNull();
      expect(breakRows(written!.values)).toHaveLength(EXPECTED_BREAKS.length);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a header written on two columns cannot be mapped", async () => {
    // The custodian's header row with its Price column also headed "Qty".
    const twice: Cell[][] = [CUSTODIAN[1].map((h) => (h === "Price" ? "Qty" : h)), ...CUSTODIAN.slice(2, 4)];
    const { context, page, pageErrors } = await openPane({ ...TRADE_SHEETS, Twice: twice }, { tables: TRADE_TABLES });
    try {
      await pick(page, "right-source", "Twice");
      await page.getByTestId("right-map-ref").filter({ hasText: "Client Ref" }).waitFor();
      // Columns are found by header text, so an ambiguous header is offered disabled, with the reason.
      expect(await page.getByTestId("right-map-quantity").textContent()).toContain("(not mapped)");
      await page.getByTestId("right-map-quantity").click();
      const option = page.getByRole("option", { name: "Qty (on 2 columns: rename one to use it)" });
      expect(await option.getAttribute("aria-disabled")).toBe("true");
      await page.keyboard.press("Escape");
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a run that stops (column renamed after it was mapped) is reported in an error bar; Refresh then asks for the column", async () => {
    const { context, page, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      // The user renames the header in Excel while the pane still shows the old mapping.
      await typeInCell(page, CUSTODIAN_SHEET, "F2", "Settled");
      await page.getByTestId("recon-run").click();
      const error = page.getByTestId("recon-error");
      await error.waitFor({ timeout: 30_000 });
      expect(await error.textContent()).toMatch(/Settle Dt/);
      expect(await page.getByTestId("recon-summary").count()).toBe(0);
      expect(await hostSheet(page, "Breaks")).toBeNull();

      // Refresh re-reads the headers: the vanished column is unmapped ("Settled" is no alias of the
      // settlement date, so nothing is guessed) and Run waits until the user maps it.
      await page.getByTestId("recon-refresh").click();
      await page.getByTestId("right-map-settleDate").filter({ hasText: "(not mapped)" }).waitFor();
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      expect(await page.getByTestId("right-unmapped").textContent()).toContain("Settled");
      await pick(page, "right-map-settleDate", "Settled");
      expect(await page.getByTestId("recon-run").isEnabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Cancel during a run: progress is shown, the run stops and nothing is written", async () => {
    const { context, page, pageErrors } = await openPane(TRADE_SHEETS, { tables: TRADE_TABLES });
    try {
      await chooseTrade(page);
      // Hold every Excel.run until released, so the run is caught mid-way. The pane's adapter calls
      // the global Excel.run when it runs a batch, so wrapping it now is enough.
      await page.evaluate(() => {
        const w = window as unknown as {
          __release?: () => void;
          Excel: { run: (...a: unknown[]) => Promise<unknown> };
        };
        const gate = new Promise<void>((resolve) => (w.__release = resolve));
        const run = w.Excel.run.bind(w.Excel);
        w.Excel.run = async (...a: unknown[]) => {
          await gate;
          return run(...a);
        };
      });
      await page.getByTestId("recon-run").click();
      const progress = page.getByTestId("recon-progress");
      await progress.filter({ hasText: "Reading Books" }).waitFor();
      expect(await page.getByRole("progressbar").count()).toBe(1);
      await page.getByTestId("recon-cancel").click();
      await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
      const cancelled = page.getByTestId("recon-cancelled");
      await cancelled.waitFor({ timeout: 30_000 });
      expect(await cancelled.textContent()).toContain("Run cancelled.");
      expect(await progress.count()).toBe(0);
      expect(await hostSheet(page, "Breaks")).toBeNull();
      expect(await hostSheet(page, "Summary")).toBeNull();
      expect(await page.getByTestId("recon-run").isEnabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("outside Excel the pane explains itself instead of showing controls that would fail", async () => {
    // Page errors are not asserted here: functions.js calls CustomFunctions.associate on load, which
    // only exists inside Excel; the pane must (and does) render its message regardless.
    // Office.js unreachable (offline, proxy): there is no Office global at all.
    const offline = await openPane({}, { office: "blocked", readyTestId: "host-message" });
    try {
      expect(await offline.page.getByTestId("host-message").textContent()).toMatch(/Office\.js could not be loaded/);
      expect(await offline.page.getByTestId("panel-reconcile").count()).toBe(0);
    } finally {
      await offline.context.close();
    }
    // Office.js loaded in a plain browser tab: office.js resolves onReady with host null there.
    const plainTab = `window.Office = { onReady: (cb) => Promise.resolve().then(() => { const i = { host: null, platform: null }; if (cb) cb(i); return i; }) };`;
    const browserTab = await openPane({}, { office: { script: plainTab }, readyTestId: "host-message" });
    try {
      expect(await browserTab.page.getByTestId("host-message").textContent()).toMatch(/running outside Excel/);
      expect(await browserTab.page.getByTestId("panel-reconcile").count()).toBe(0);
    } finally {
      await browserTab.context.close();
    }
  });

  test("at 320 px the pane does not scroll sideways (screenshots in out/browser/)", async () => {
    // Excel allows 31-character sheet names; a long one must not widen the pane either.
    const longName = "Custodian statement Oct (final)";
    const { context, page, pageErrors } = await openPane(
      { ...TRADE_SHEETS, [longName]: CUSTODIAN },
      { width: 320, tables: TRADE_TABLES },
    );
    try {
      const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await pick(page, "right-source", longName);
      await page.getByTestId("right-source").click();
      await page.getByRole("listbox").waitFor();
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await page.keyboard.press("Escape");
      await chooseTrade(page);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await page.getByTestId("pass-1-rule-settleDate-kind").click();
      await page.getByRole("listbox").waitFor();
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await page.keyboard.press("Escape");
      await runAndWait(page);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, "taskpane-320.png"), fullPage: true });
      // Close-ups for a person to look at: a pass card and the run's outcome.
      await page.getByTestId("pass-0").screenshot({ path: path.join(SHOTS, "taskpane-320-pass.png") });
      await page.getByTestId("recon-summary").screenshot({ path: path.join(SHOTS, "taskpane-320-summary.png") });
      await page.getByTestId("right-mapping").screenshot({ path: path.join(SHOTS, "taskpane-320-mapping.png") });
      for (const tab of ["accruals", "nav", "reports"]) {
        await page.getByTestId(`tab-${tab}`).click();
        const panel = page.getByTestId(`panel-${tab}`);
        await panel.waitFor();
        if (tab === "accruals") await page.getByTestId("accruals-run").waitFor();
        expect(await scrollWidth()).toBeLessThanOrEqual(320);
        await page.screenshot({ path: path.join(SHOTS, `taskpane-320-${tab}.png`), fullPage: true });
      }
      for (const tab of ["nav", "reports"]) {
        // Placeholders say what works today and offer no buttons that do nothing.
        await page.getByTestId(`tab-${tab}`).click();
        const panel = page.getByTestId(`panel-${tab}`);
        expect(await panel.textContent()).toContain("=BO.");
        expect(await panel.getByRole("button").count()).toBe(0);
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
