/**
 * src/io/recon/memory.ts: breaks that remember (issue 4, item 5). The analyst's owner, status,
 * reason and comment are carried from the previous Breaks sheet by break id; breaks are new,
 * persisting or resolved since the last run; ages count whole days to the run date.
 *
 * Results here are written by hand (the engine has its own tests); the previous sheet is the grid
 * the adapters produce from renderBreaks (preamble lines, one blank row, header, rows), edited the
 * way an analyst would: analyst columns typed in, an extra column of their own, rows re-sorted.
 */
import { dayFromCivil, type Day } from "../../src/core/dates/civil";
import { MatchList } from "../../src/core/recon/match-list";
import { InputError } from "../../src/core/errors";
import type { Break, ReconResult } from "../../src/core/recon/profile";
import type { CellValue, Grid, OutputSheet } from "../../src/io/port";
import { BREAK_HEADERS, bucketLabels, bucketOf, carryForward, readPreviousBreaks } from "../../src/io/recon/memory";
import { renderBreaks } from "../../src/io/recon/render";
import { tradeProfile } from "./recon-workflow-fixtures";

const D = (y: number, m: number, d: number): Day => dayFromCivil(y, m, d);

function brk(id: string, ref: string, codes: string[], leftRows: number[], rightRows: number[], ageDate?: Day): Break {
  return { id, codes, leftRows, rightRows, keys: { ref }, diffs: [], detail: `${codes.join(", ")} on ${ref}`, ageDate };
}

function result(breaks: Break[]): ReconResult {
  const side = (label: string) => ({ label, rows: 0, matched: 0, inBreaks: 0, excluded: 0, totals: {} });
  return {
    profile: "Trade reconciliation",
    matches: MatchList.of([]),
    breaks,
    suggestions: [],
    excluded: [],
    summary: {
      left: side("Books"),
      right: side("Custodian"),
      passes: [],
      breaksByCode: {},
      suggestions: 0,
      conservation: { leftIn: 0, leftOut: 0, rightIn: 0, rightOut: 0, holds: true },
    },
  };
}

/** The grid an adapter's writeSheet produces and read() gives back: preamble, a blank row, header, rows. */
function gridOf(sheet: OutputSheet): Grid {
  const width = sheet.columns.length;
  const pad = (row: CellValue[]) => Array.from({ length: width }, (_, i) => row[i] ?? "");
  const pre = (sheet.preamble ?? []).map((l) => pad([l]));
  const values = [
    ...pre,
    ...(pre.length > 0 ? [pad([])] : []),
    sheet.columns.map((c) => c.header),
    ...sheet.rows.map(pad),
  ];
  return { sheet: sheet.name, top: 1, left: 0, values, dateSystem: "1900", label: `${sheet.name}!A1` };
}

/** Types into the analyst columns of the row whose Break ID is `id`, as a user would. */
function edit(grid: Grid, id: string, cells: Record<string, string>): void {
  const headerIndex = grid.values.findIndex((r) => r[0] === BREAK_HEADERS.id);
  const header = grid.values[headerIndex];
  const row = grid.values.find((r) => r[0] === id)!;
  for (const [h, v] of Object.entries(cells)) row[header.indexOf(h)] = v;
}

const profile = tradeProfile();
const labels = { left: "Books", right: "Custodian", fields: { ref: "Trade reference" } };
const sources = { left: { sheet: "Books" }, right: { sheet: "Custodian" } };

const day1 = D(2026, 10, 30);
const day2 = D(2026, 11, 2);
const run1 = result([
  brk("B-aaaa", "T2", ["QUANTITY"], [5], [3], D(2026, 10, 21)),
  brk("B-bbbb", "T3", ["MISSING_RIGHT"], [6], [], D(2026, 10, 26)),
  brk("B-cccc", "T4", ["MISSING_LEFT"], [], [4], D(2026, 10, 27)),
]);
// Next day T3 has arrived at the custodian; T2 and T4 are still open.
const run2 = result([
  brk("B-aaaa", "T2", ["QUANTITY"], [5], [3], D(2026, 10, 21)),
  brk("B-cccc", "T4", ["MISSING_LEFT"], [], [5], D(2026, 10, 27)),
]);

describe("carryForward", () => {
  test("a first run: every break new, open, first seen on the run date, aged from its trade date", () => {
    const rows = carryForward(run1, undefined, day1);
    expect(rows.map((r) => [r.id, r.runStatus, r.status, r.firstSeen, r.age, r.ageSinceFirstSeen, r.bucket])).toEqual([
      ["B-aaaa", "new", "open", day1, 9, 0, "6-30"], // 21 Oct -> 30 Oct
      ["B-bbbb", "new", "open", day1, 4, 0, "2-5"],
      ["B-cccc", "new", "open", day1, 3, 0, "2-5"],
    ]);
  });

  test("comments survive a re-run; a break gone since the last run is listed once as resolved, with its comment", () => {
    const sheet1 = renderBreaks(carryForward(run1, undefined, day1), run1, profile, labels, sources, { runDate: day1 });
    const grid1 = gridOf(sheet1);
    edit(grid1, "B-aaaa", {
      Owner: "Ana",
      Status: "investigating",
      Reason: "BOOKING",
      Comment: "custodian short 50, chasing",
    });
    edit(grid1, "B-bbbb", { Owner: "Ben", Comment: "late confirmation expected" });
    // The analyst adds a column of their own and sorts the table: both are tolerated.
    const h = grid1.values.findIndex((r) => r[0] === BREAK_HEADERS.id);
    grid1.values = grid1.values.map((r, i) => [...r, i === h ? "My notes" : i > h ? "x" : ""]);
    grid1.values = [...grid1.values.slice(0, h + 1), ...grid1.values.slice(h + 1).reverse()];

    const previous = readPreviousBreaks(grid1);
    expect(previous.get("B-aaaa")).toMatchObject({
      owner: "Ana",
      status: "investigating",
      reason: "BOOKING",
      comment: "custodian short 50, chasing",
      firstSeen: day1,
    });

    const rows2 = carryForward(run2, previous, day2);
    expect(
      rows2.map((r) => [r.id, r.runStatus, r.owner, r.status, r.comment, r.firstSeen, r.ageSinceFirstSeen]),
    ).toEqual([
      ["B-aaaa", "persisting", "Ana", "investigating", "custodian short 50, chasing", day1, 3],
      ["B-cccc", "persisting", "", "open", "", day1, 3],
      ["B-bbbb", "resolved", "Ben", "open", "late confirmation expected", day1, 3],
    ]);

    // The resolved row shows what it was about (from the previous sheet's cells).
    const sheet2 = renderBreaks(rows2, run2, profile, labels, sources, { runDate: day2 });
    const resolvedRow = sheet2.rows[2];
    expect(resolvedRow.slice(0, 5)).toEqual(["B-bbbb", "resolved", "MISSING_RIGHT", "MISSING_RIGHT on T3", "T3"]);
    expect(resolvedRow.slice(-4)).toEqual(["Ben", "open", null, "late confirmation expected"]);

    // A third run with the same inputs: the resolved break is not carried again, the comment on T2 still is.
    const rows3 = carryForward(run2, readPreviousBreaks(gridOf(sheet2)), D(2026, 11, 3));
    expect(rows3.map((r) => r.id)).toEqual(["B-aaaa", "B-cccc"]);
    expect(rows3[0].comment).toBe("custodian short 50, chasing");
    expect(rows3[0].firstSeen).toBe(day1);
  });

  test("a break listed as resolved that comes back is new again, with its comment and first-seen day", () => {
    const sheet1 = renderBreaks(carryForward(run1, undefined, day1), run1, profile, labels, sources);
    const grid1 = gridOf(sheet1);
    edit(grid1, "B-bbbb", { Comment: "late confirmation expected" });
    const rows2 = carryForward(run2, readPreviousBreaks(grid1), day2); // B-bbbb resolved
    const grid2 = gridOf(renderBreaks(rows2, run2, profile, labels, sources));
    const rows3 = carryForward(run1, readPreviousBreaks(grid2), D(2026, 11, 3)); // B-bbbb is back
    const back = rows3.find((r) => r.id === "B-bbbb")!;
    expect([back.runStatus, back.comment, back.firstSeen]).toEqual(["new", "late confirmation expected", day1]);
  });

  test("identical inputs and previous sheet give identical rows and identical sheets", () => {
    const prev = readPreviousBreaks(
      gridOf(renderBreaks(carryForward(run1, undefined, day1), run1, profile, labels, sources)),
    );
    const a = carryForward(run2, prev, day2);
    const b = carryForward(
      run2,
      readPreviousBreaks(gridOf(renderBreaks(carryForward(run1, undefined, day1), run1, profile, labels, sources))),
      day2,
    );
    expect(a).toEqual(b);
    expect(renderBreaks(a, run2, profile, labels, sources, { runDate: day2 })).toEqual(
      renderBreaks(b, run2, profile, labels, sources, { runDate: day2 }),
    );
  });
});

describe("readPreviousBreaks", () => {
  test("a sheet that is not a Breaks sheet is a clear InputError (the run goes on without memory)", () => {
    const grid: Grid = {
      sheet: "Breaks",
      top: 1,
      left: 0,
      values: [["My own notes"], ["Ref", "Comment"]],
      dateSystem: "1900",
      label: "Breaks!A1:B2",
    };
    expect(() => readPreviousBreaks(grid)).toThrow(InputError);
    expect(() => readPreviousBreaks(grid)).toThrow(
      /not a Breaks sheet.*'Break ID', 'Owner', 'Status', 'Reason', 'Comment'/,
    );
  });

  test("First seen written as a date serial is read back as the same day; text dates are read too", () => {
    const grid: Grid = {
      sheet: "Breaks",
      top: 1,
      left: 0,
      values: [
        ["Break ID", "First seen", "Owner", "Status", "Reason", "Comment"],
        ["B-1", 46325, "", "open", "", ""], // serial 46325 = 2026-10-30 (25569 + 20756)
        ["B-2", "2026-10-01", "", "open", "", ""],
      ],
      dateSystem: "1900",
      label: "Breaks",
    };
    const m = readPreviousBreaks(grid);
    expect(m.get("B-1")?.firstSeen).toBe(D(2026, 10, 30));
    expect(m.get("B-2")?.firstSeen).toBe(D(2026, 10, 1));
  });
});

describe("ageing buckets", () => {
  test("upper bounds [1, 5, 30] give 0-1, 2-5, 6-30, >30 (the default profile's buckets)", () => {
    expect(bucketLabels([1, 5, 30])).toEqual(["0-1", "2-5", "6-30", ">30"]);
    expect([0, 1, 2, 5, 6, 30, 31].map((d) => bucketOf(d, [1, 5, 30]))).toEqual([
      "0-1",
      "0-1",
      "2-5",
      "2-5",
      "6-30",
      "6-30",
      ">30",
    ]);
  });
});
