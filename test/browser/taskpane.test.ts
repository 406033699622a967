/**
 * Drives the BUILT task pane (dist/, the production webpack output) in Debian's chromium with
 * playwright-core. Office.js is replaced by the in-memory Excel host (dist/test-host/fake-office.js,
 * from src/excel/memory-host), served in place of Microsoft's CDN script; every other external
 * request is blocked, so the test runs offline and proves the pane needs nothing else.
 *
 * The workbook is seeded by appending a few `__boHost.addSheet(...)` calls to the fake Office.js
 * script itself: scripts run in document order, so the sheets exist before taskpane.js (and the
 * pane's first listSources) runs, without any seeding hook in the host.
 *
 * Expected Breaks rows follow the rules documented in src/core/recon/slice.ts (every row ends in
 * exactly one place; duplicates are never paired; a row error lists its counterpart) and the
 * contract in src/io/workflows/recon-slice-types.ts (|difference| <= tolerance matches). Row numbers
 * are the Excel rows of the seed below, counted by hand.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";

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

// ---- the seed workbook ---------------------------------------------------------------------------

/** Books: a title line and a blank line above the header (row 3); data in Excel rows 4..12. */
const BOOKS: Cell[][] = [
  ["Books: trade blotter at 31 October 2026"],
  [],
  ["Ref", "Account", "Amount"],
  ["T001", "ACC1", 1000], // row 4: equal to Custodian row 2
  ["T002", "ACC1", 100.3], // row 5: Custodian 100.31, difference exactly 0.01 = tolerance: matches
  ["T003", "ACC2", 500], // row 6: Custodian 505, beyond tolerance: AMOUNT
  ["T004", "ACC2", 75], // row 7: no Custodian row: MISSING_RIGHT
  ["T005", "ACC3", "(1,234.50)"], // row 8: accounting negative, -1234.50 = Custodian row 5: matches
  ["T006", "ACC3", "abc"], // row 9: not a number: ROW_ERROR with Custodian row 6
  ["T007", "ACC3", 20], // row 10: Custodian row 7 holds #N/A: ROW_ERROR
  ["T008", "ACC4", ""], // row 11: blank amount: ROW_ERROR with Custodian row 8
  ["T009", "ACC4", 42], // row 12: key twice at Custodian (rows 9, 10): DUPLICATE
];

/** Custodian: header in row 1; data in Excel rows 2..11. */
const CUSTODIAN: Cell[][] = [
  ["Client Ref", "Acct", "Net Amount"],
  ["T001", "ACC1", 1000], // row 2
  ["T002", "ACC1", 100.31], // row 3
  ["T003", "ACC2", 505], // row 4
  ["T005", "ACC3", -1234.5], // row 5
  ["T006", "ACC3", 10], // row 6
  ["T007", "ACC3", "#N/A"], // row 7: an Excel error value, as Office.js reports it
  ["T008", "ACC4", 30], // row 8
  ["T009", "ACC4", 42], // row 9
  ["T009", "ACC4", 42], // row 10
  ["T010", "ACC5", 60], // row 11: no Books row: MISSING_LEFT
];

/** Notes a user keeps in a sheet that happens to be called "Breaks". */
const USER_BREAKS: Cell[][] = [["My break notes"], ["T003", "custodian says 505, chasing broker"]];

const HEADER = [
  "Break",
  "Code",
  "Key",
  "Books rows",
  "Custodian rows",
  "Books Amount",
  "Custodian Net Amount",
  "Difference",
  "Detail",
];

/**
 * Expected break rows without Detail, in the engine's documented order (left rows in order, then
 * right-only keys). Values: the amount as read (blank when unreadable); Difference = Books - Custodian.
 */
const EXPECTED_BREAKS: Cell[][] = [
  [1, "AMOUNT", "T003", "6", "4", 500, 505, -5],
  [2, "MISSING_RIGHT", "T004", "7", "", 75, "", ""],
  [3, "ROW_ERROR", "T006", "9", "6", "", 10, ""],
  [4, "ROW_ERROR", "T007", "10", "7", 20, "", ""],
  [5, "ROW_ERROR", "T008", "11", "8", "", 30, ""],
  [6, "DUPLICATE", "T009", "12", "9, 10", "", "", ""],
  [7, "MISSING_LEFT", "T010", "", "11", "", 60, ""],
];

/** Each row error names sheet, Excel row and column (header and letter), per core/errors.ts describeLocation. */
const ROW_ERROR_DETAIL: Record<string, RegExp> = {
  T006: /sheet 'Books', row 9, column 'Amount' \(C\).*abc/i,
  T007: /sheet 'Custodian', row 7, column 'Net Amount' \(C\).*#N\/A/i,
  T008: /sheet 'Books', row 11, column 'Amount' \(C\).*blank/i,
};

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
  /** The element to wait for before handing the page over. */
  readyTestId?: string;
}

/** A fresh context (own storage) with the pane loaded on a workbook holding `sheets`. */
async function openPane(sheets: Record<string, Cell[][]>, options: PaneOptions = {}): Promise<Opened> {
  const { width = 360, tables = [], office = "fake", readyTestId = "panel-reconcile" } = options;
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const seed = Object.entries(sheets)
    .map(([name, values]) => `window.__boHost.addSheet(${JSON.stringify(name)}, ${JSON.stringify(values)});`)
    .concat(
      tables.map(
        (t) =>
          `window.__boHost.addTable(${JSON.stringify(t.sheet)}, ${JSON.stringify(t.address)}, ${JSON.stringify(t.name)});`,
      ),
    )
    .join("\n");
  const officeJs =
    office === "fake"
      ? fs.readFileSync(FAKE_OFFICE, "utf8") + "\n;\n" + seed + "\n"
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

/** Fill the form the way a user would: sources, then columns (enabled once headers are read). */
async function fillForm(page: Page, rightSource = "Custodian"): Promise<void> {
  await pick(page, "left-source", "Books");
  await pick(page, "left-key", "Ref");
  await pick(page, "left-value", "Amount");
  await pick(page, "right-source", rightSource);
  await pick(page, "right-key", "Client Ref");
  await pick(page, "right-value", "Net Amount");
  await page.getByTestId("recon-tolerance").fill("0.01");
}

async function runAndWait(page: Page): Promise<string> {
  const run = page.getByTestId("recon-run");
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

/** Values of a sheet as rows with trailing blanks trimmed, so the comparison ignores padding. */
function trimmed(values: Cell[][]): Cell[][] {
  const rows = values.map((r) => {
    const row = r.map((v) => (v === null ? "" : v));
    while (row.length > 0 && row[row.length - 1] === "") row.pop();
    return row;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** The Breaks block as written: preamble lines, then the header row, then one row per break. */
function splitBreaks(values: Cell[][]): { preamble: Cell[][]; header: Cell[]; rows: Cell[][] } {
  const rows = trimmed(values);
  const h = rows.findIndex((r) => r[0] === "Break" && r[1] === "Code");
  expect(h).toBeGreaterThanOrEqual(0);
  return { preamble: rows.slice(0, h), header: rows[h], rows: rows.slice(h + 1) };
}

const SUMMARY_HEAD = "Books 9 rows, Custodian 10 rows: 3 matched, 7 breaks";

describe("task pane, built, in chromium on the in-memory Excel host", () => {
  test("Reconcile: pick sides and columns, run, and the Breaks sheet holds exactly the expected breaks", async () => {
    const { context, page, blocked, pageErrors } = await openPane({ Books: BOOKS, Custodian: CUSTODIAN });
    try {
      // Run stays disabled until the form is complete.
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await fillForm(page);

      // Tolerance validation: an error under the field disables Run; a valid value re-enables it.
      await page.getByTestId("recon-tolerance").fill("-0.01");
      await page.getByRole("alert").filter({ hasText: "Tolerance cannot be negative" }).waitFor();
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await page.getByTestId("recon-tolerance").fill("0.01");

      const summary = await runAndWait(page);
      // Counts by hand from the seed: matched T001, T002 (|100.3 - 100.31| = 0.01 <= 0.01), T005.
      expect(summary.startsWith(SUMMARY_HEAD)).toBe(true);
      for (const part of [
        "1 amount difference",
        "1 missing in Custodian",
        "1 missing in Books",
        "1 duplicate key",
        "3 row errors",
      ]) {
        expect(summary).toContain(part);
      }
      const title = await page.getByTestId("recon-result").textContent();
      expect(title).toContain("“Breaks”");

      // The pane lists the three row errors, each naming sheet, row and column.
      const listed = await page.getByTestId("recon-row-error").allTextContents();
      expect(listed).toHaveLength(3);
      expect(listed.some((t) => ROW_ERROR_DETAIL.T006.test(t))).toBe(true);
      expect(listed.some((t) => ROW_ERROR_DETAIL.T007.test(t))).toBe(true);
      expect(listed.some((t) => ROW_ERROR_DETAIL.T008.test(t))).toBe(true);
      expect(await page.getByTestId("recon-more-errors").count()).toBe(0);

      const sheet = await hostSheet(page, "Breaks");
      expect(sheet).not.toBeNull();
      const { preamble, header, rows } = splitBreaks(sheet!.values);
      expect(preamble.flat().join("\n")).toContain(SUMMARY_HEAD);
      expect(header).toEqual(HEADER);
      expect(rows.map((r) => [...r.slice(0, 8), ...Array(8).fill("")].slice(0, 8))).toEqual(EXPECTED_BREAKS);
      for (const r of rows) {
        const key = String(r[2]);
        const detail = String(r[8] ?? "");
        if (ROW_ERROR_DETAIL[key]) expect(detail).toMatch(ROW_ERROR_DETAIL[key]);
        else expect(detail).not.toBe("");
      }
      // "(1,234.50)" parsed as -1234.50 and matched: T005 is in no break row.
      expect(rows.some((r) => r[2] === "T005")).toBe(false);
      expect(sheet!.tables.length).toBe(1);

      // Running again replaces the add-in's own Breaks sheet rather than adding "Breaks (2)".
      await runAndWait(page);
      expect(await hostSheet(page, "Breaks (2)")).toBeNull();
      expect(splitBreaks((await hostSheet(page, "Breaks"))!.values).rows).toHaveLength(EXPECTED_BREAKS.length);

      expect(pageErrors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a Breaks sheet the user made is left untouched; the output goes to Breaks (2) (right side read from a table)", async () => {
    const { context, page, pageErrors } = await openPane(
      { Books: BOOKS, Custodian: CUSTODIAN, Breaks: USER_BREAKS },
      { tables: [{ sheet: "Custodian", address: "A1:C11", name: "CustodianTrades" }] },
    );
    try {
      const before = await hostSheet(page, "Breaks");
      await fillForm(page, "CustodianTrades (table on Custodian)");
      const summary = await runAndWait(page);
      expect(summary.startsWith(SUMMARY_HEAD)).toBe(true);
      expect(await page.getByTestId("recon-result").textContent()).toContain("“Breaks (2)”");

      const after = await hostSheet(page, "Breaks");
      expect(after).toEqual(before);
      expect(trimmed(after!.values)).toEqual(USER_BREAKS);
      const written = await hostSheet(page, "Breaks (2)");
      expect(written).not.toBeNull();
      expect(splitBreaks(written!.values).rows).toHaveLength(EXPECTED_BREAKS.length);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("more than 20 row errors: the pane lists 20, collapsibly, and counts the rest", async () => {
    // 23 unreadable amounts (Books rows 2..24); the Custodian side has the same keys with numbers.
    const refs = Array.from({ length: 23 }, (_, i) => `R${String(i + 1).padStart(2, "0")}`);
    const books: Cell[][] = [["Ref", "Amount"], ...refs.map((r) => [r, "n/a"])];
    const custodian: Cell[][] = [["Client Ref", "Net Amount"], ...refs.map((r) => [r, 1])];
    const { context, page, pageErrors } = await openPane({ Books: books, Custodian: custodian });
    try {
      await fillForm(page);
      await runAndWait(page);
      const items = page.getByTestId("recon-row-error");
      expect(await items.count()).toBe(20);
      expect(await items.first().textContent()).toMatch(/sheet 'Books', row 2, column 'Amount' \(B\)/);
      expect(await page.getByTestId("recon-more-errors").textContent()).toBe("3 more in the Breaks sheet.");
      // The list folds away under its header.
      await page.getByRole("button", { name: "23 row errors" }).click();
      await items.first().waitFor({ state: "hidden" });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a header written on two columns cannot be picked", async () => {
    // The workflow finds columns by header text and refuses an ambiguous one, so the pane offers it
    // disabled, with the reason, instead of letting the run fail.
    const twice: Cell[][] = [
      ["Ref", "Amount", "Amount", "Fee"],
      ["T001", 1000, 1000, 1],
    ];
    const { context, page, pageErrors } = await openPane({ Twice: twice, Custodian: CUSTODIAN });
    try {
      await pick(page, "left-source", "Twice");
      await page.getByTestId("left-value").click();
      const option = page.getByRole("option", { name: "Amount (on 2 columns: rename one to use it)" });
      expect(await option.getAttribute("aria-disabled")).toBe("true");
      await page.getByRole("option", { name: "Fee", exact: true }).click();
      await page.getByTestId("left-value").filter({ hasText: "Fee" }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("a run that stops (column renamed after it was picked) is reported in an error bar, not thrown", async () => {
    const { context, page, pageErrors } = await openPane({ Books: BOOKS, Custodian: CUSTODIAN });
    try {
      await fillForm(page);
      // The user renames the header in Excel while the pane still shows the old choice.
      await page.evaluate(() =>
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem("Custodian").getRange("C1").values = [["Net Amt"]];
          await ctx.sync();
        }),
      );
      await page.getByTestId("recon-run").click();
      const error = page.getByTestId("recon-error");
      await error.waitFor({ timeout: 30_000 });
      expect(await error.textContent()).toMatch(/Custodian: column 'Net Amount' not found on header row 1/);
      expect(await page.getByTestId("recon-summary").count()).toBe(0);
      expect(await hostSheet(page, "Breaks")).toBeNull();

      // Refresh re-reads the headers: the vanished column is cleared, so Run waits for a new pick.
      await page.getByTestId("recon-refresh").click();
      await page.getByTestId("right-value").filter({ hasText: "Net Amount" }).waitFor({ state: "detached" });
      expect(await page.getByTestId("recon-run").isDisabled()).toBe(true);
      await pick(page, "right-value", "Net Amt");
      expect(await page.getByTestId("recon-run").isEnabled()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test("Cancel during a run: progress is shown, the run stops and nothing is written", async () => {
    const { context, page, pageErrors } = await openPane({ Books: BOOKS, Custodian: CUSTODIAN });
    try {
      await fillForm(page);
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

  test("at 320 px the pane does not scroll sideways (screenshot in out/browser/)", async () => {
    // Excel allows 31-character sheet names; a long one must not widen the pane either.
    const longName = "Custodian statement Oct (final)";
    const { context, page, pageErrors } = await openPane(
      { Books: BOOKS, Custodian: CUSTODIAN, [longName]: CUSTODIAN },
      { width: 320 },
    );
    try {
      const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await pick(page, "right-source", longName);
      await page.getByTestId("right-source").click();
      await page.getByRole("listbox").waitFor();
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      await page.keyboard.press("Escape");
      await fillForm(page);
      await runAndWait(page);
      expect(await scrollWidth()).toBeLessThanOrEqual(320);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, "taskpane-320.png"), fullPage: true });
      for (const tab of ["accruals", "nav", "reports"]) {
        await page.getByTestId(`tab-${tab}`).click();
        const panel = page.getByTestId(`panel-${tab}`);
        await panel.waitFor();
        // Placeholders say what works today and offer no buttons that do nothing.
        expect(await panel.textContent()).toContain("=BO.");
        expect(await panel.getByRole("button").count()).toBe(0);
        expect(await scrollWidth()).toBeLessThanOrEqual(320);
        await page.screenshot({ path: path.join(SHOTS, `taskpane-320-${tab}.png`), fullPage: true });
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
