/**
 * Text columns kept as bytes (src/core/recon/records.ts PooledText): the loader keeps a CSV column
 * of mostly distinct plain values (references) as a byte pool, the join maps two pools on the bytes
 * (join.ts dictionaryMapPools), and the worker hands the pool over as typed arrays.
 *
 * The reference for each is the string path it replaces: the same file read by papaparse (every
 * value a string), dictionaryMap over string lists, CodeMap over plain columns.
 */
import fc from "fast-check";
import { buildCrosswalk } from "../../src/core/ids";
import { STANDARD_FIELDS } from "../../src/core/recon/kinds";
import { CodeMap, dictionaryMap, dictionaryMapPools } from "../../src/core/recon/join";
import { Normaliser } from "../../src/core/recon/normalise";
import type { SideConfig } from "../../src/core/recon/profile";
import {
  PooledText,
  revivedText,
  textAt,
  type TextColumn,
  type TextPool,
  valueAt,
  valueCount,
} from "../../src/core/recon/records";
import { packSet, unpackSet } from "../../src/cli/side-worker";
import { columnarGridFromCsvText } from "../../src/io/file/csv-columns";
import { gridFromCsvText } from "../../src/io/file/csv-read";
import type { Grid } from "../../src/io/port";
import { loadRecordSet } from "../../src/io/recon/load";
import { dayFromCivil } from "../../src/core/dates/civil";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import { parseProfile } from "../../src/io/recon/profile-store";
import { runRecon } from "../../src/io/recon/workflow";
import { generateTrades } from "../../scripts/bench/gen-trades";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TRADE = STANDARD_FIELDS.trade;
const SIDE: SideConfig = {
  label: "Custodian",
  mapping: { ref: "Client Ref", account: "Acct", quantity: "Qty" },
};

function load(grid: Grid, side: SideConfig = SIDE) {
  return loadRecordSet(grid, side, "right", TRADE, {
    requiredFields: ["quantity"],
    crosswalk: buildCrosswalk([]),
    sideTable: "trade",
  });
}

/** A file of `n` distinct references (some repeated as partials, some blank) and few accounts. */
function file(n: number, tweak: (ref: string, i: number) => string = (r) => r): string {
  const lines = ["Client Ref,Acct,Qty"];
  for (let i = 0; i < n; i++) {
    const ref = tweak(`TR${String((i * 7919) % 1000003).padStart(8, "0")}`, i);
    lines.push(`${ref},ACC-${i % 17},${i % 9}`);
    if (i % 101 === 0) lines.push(`${ref},ACC-${i % 17},1`); // a partial: the same reference again
    if (i % 997 === 0) lines.push(`,ACC-1,2`); // a blank reference
  }
  return lines.join("\n") + "\n";
}

/** The loaded ref column as plain data (values through the getter). */
function refColumn(grid: Grid) {
  const r = load(grid);
  const col = r.set.text.ref;
  return {
    pooled: col instanceof PooledText,
    codes: Array.from(col.codes),
    values: [...col.values],
    errors: r.errors.map((e) => e.message),
    rows: Array.from(r.set.rows),
    accounts: r.set.text.account.values,
  };
}

describe("the loader keeps a column of mostly distinct plain values as bytes", () => {
  const n = 25_000;

  test("a reference column read by column is pooled and gives papaparse's values, codes and rows", () => {
    const text = file(n);
    const got = refColumn(columnarGridFromCsvText(text, "c.csv"));
    const expected = refColumn(gridFromCsvText(text, "c.csv"));
    expect(got.pooled).toBe(true);
    expect(expected.pooled).toBe(false);
    expect({ ...got, pooled: undefined }).toEqual({ ...expected, pooled: undefined });
    // Accounts repeat: read as strings, not pooled.
    expect(load(columnarGridFromCsvText(text, "c.csv")).set.text.account).not.toBeInstanceOf(PooledText);
  });

  test.each([
    [
      "a lower-case reference (upper-case folding changes it)",
      (r: string, i: number) => (i === 20_500 ? r.toLowerCase() : r),
    ],
    ["a reference with a space", (r: string, i: number) => (i === 20_500 ? `${r} X` : r)],
    ["an Excel error", (r: string, i: number) => (i === 20_500 ? "#N/A" : r)],
    ["a non-ASCII reference", (r: string, i: number) => (i === 20_500 ? `${r}é` : r)],
  ])("%s: read as strings, with the same result (and the error reported)", (_name, tweak) => {
    const text = file(n, tweak);
    const got = refColumn(columnarGridFromCsvText(text, "c.csv"));
    const expected = refColumn(gridFromCsvText(text, "c.csv"));
    expect(got.pooled).toBe(false);
    expect(got).toEqual(expected);
  });

  test("a normaliser with an equivalence table never keeps bytes (a value could be a synonym)", () => {
    expect(new Normaliser({ equivalences: { X: ["Y"] } }).keepsBytes(Buffer.from("TR1"), 0, 3)).toBe(false);
    expect(new Normaliser({}).keepsBytes(Buffer.from("TR1"), 0, 3)).toBe(true);
  });
});

describe("Normaliser.keepsBytes", () => {
  test("true only where apply() gives the text back unchanged and it is not blank (fast-check)", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "Z", "0", " ", "\t", "-", "#", "é", "\u00a0", "_"),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        text,
        fc.constantFrom("upper", "lower", "none") as fc.Arbitrary<"upper" | "lower" | "none">,
        (t, mode) => {
          const norm = new Normaliser({ case: mode });
          const b = Buffer.from(t, "utf8");
          if (norm.keepsBytes(b, 0, b.length)) {
            expect(norm.apply(t)).toBe(t);
            expect(t.trim()).not.toBe("");
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(new Normaliser({ case: "upper" }).keepsBytes(Buffer.from("TR0001"), 0, 6)).toBe(true);
  });
});

/** A pool of the given distinct values. */
function poolOf(values: string[]): TextPool {
  const bytes = Buffer.from(values.join(""), "latin1");
  const offsets = new Int32Array(values.length + 1);
  let o = 0;
  values.forEach((v, i) => {
    offsets[i] = o;
    o += v.length;
  });
  offsets[values.length] = o;
  return { bytes: new Uint8Array(bytes), offsets };
}

const distinct = (max: number) =>
  fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{1,6}$/), { maxLength: max }).map((a) => a.filter((v) => v !== ""));

describe("dictionaryMapPools is dictionaryMap on the bytes", () => {
  test("same order, shuffled, with values on one side only (fast-check)", () => {
    fc.assert(
      fc.property(distinct(60), distinct(60), fc.boolean(), (a, b, sameOrder) => {
        // Shared values in the same order on both sides, or shuffled on one.
        const into = sameOrder ? [...new Set([...a, ...b])].sort() : [...new Set([...b, ...a])];
        const from = sameOrder ? [...a].sort() : a;
        expect(Array.from(dictionaryMapPools(poolOf(from), poolOf(into)))).toEqual(
          Array.from(dictionaryMap(from, into)),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe("PooledText", () => {
  const values = ["TR1", "TR2", "X9"];
  const col = new PooledText(Int32Array.from([0, -1, 1, 0, 2]), poolOf(values));

  test("values, valueAt, textAt and valueCount agree with a plain column", () => {
    const plain: TextColumn = { codes: col.codes, values };
    expect(valueCount(col)).toBe(3);
    expect([0, 1, 2].map((c) => valueAt(col, c))).toEqual(values);
    expect([0, 1, 2, 3, 4].map((i) => textAt(col, i))).toEqual([0, 1, 2, 3, 4].map((i) => textAt(plain, i)));
    expect(col.values).toEqual(values);
  });

  test("CodeMap over two pooled columns gives the ids it gives over plain ones (eager and lazy)", () => {
    const build = new PooledText(Int32Array.from([0, 1, 2, 1]), poolOf(["A", "B", "C"]));
    const probe = new PooledText(Int32Array.from([0, 1, -1, 2]), poolOf(["C", "D", "A"]));
    const plainB: TextColumn = { codes: build.codes, values: ["A", "B", "C"] };
    const plainP: TextColumn = { codes: probe.codes, values: ["C", "D", "A"] };
    for (const make of [
      (b: TextColumn, p: TextColumn) => CodeMap.eager(b, p),
      (b: TextColumn, p: TextColumn) => CodeMap.lazy(b, p, [0, 1, 2, 3]),
    ]) {
      const pooled = make(build, probe);
      const plain = make(plainB, plainP);
      expect([0, 1, 2, -1].map((c) => pooled.build(c))).toEqual([0, 1, 2, -1].map((c) => plain.build(c)));
      expect([0, 1, 2, -1].map((c) => pooled.probe(c))).toEqual([0, 1, 2, -1].map((c) => plain.probe(c)));
    }
  });

  test("crosses a thread as typed arrays and is a PooledText again (packSet, structured clone, unpackSet)", () => {
    const set = load(columnarGridFromCsvText(file(25_000), "c.csv")).set;
    expect(set.text.ref).toBeInstanceOf(PooledText);
    const { set: packed, transfer } = packSet(set);
    expect(transfer).toContain(set.text.ref.pool!.bytes.buffer);
    const arrived = unpackSet(structuredClone(packed));
    expect(arrived.text.ref).toBeInstanceOf(PooledText);
    expect(arrived.text.ref.values).toEqual(set.text.ref.values);
    expect(revivedText(arrived.text.ref)).toBe(arrived.text.ref);
  });
});

describe("a reconciliation of pooled references gives the result of one read as strings", () => {
  test("the bench's trade files at 25,000 rows a side (matches, breaks, rows, errors)", async () => {
    const files = generateTrades(25_000, mkdtempSync(join(tmpdir(), "bo-pooled-")));
    const path = "samples/profiles/trade.json";
    const profile = parseProfile(readFileSync(path, "utf8"), path);
    const run = async (port: FileWorkbook) => {
      const r = await runRecon(port, profile, {
        leftRef: { sheet: files.books },
        rightRef: { sheet: files.custodian },
        master: await port.read({ sheet: files.master }),
        runDate: dayFromCivil(2026, 12, 31),
        links: "none",
      });
      return {
        matches: r.result.matches.toArray(),
        breaks: r.result.breaks,
        summary: r.result.summary,
        breakRows: r.breakRows,
        errors: r.errors.map((e) => e.message),
      };
    };
    const port = new FileWorkbook({ columnarBytes: 0 });
    const left = await port.read({ sheet: files.books });
    expect(
      load(left, { label: "Books", mapping: { ref: "Trade Ref", quantity: "Quantity" } }).set.text.ref,
    ).toBeInstanceOf(PooledText);
    const pooled = await run(new FileWorkbook({ columnarBytes: 0 }));
    const strings = await run(new FileWorkbook({ columnarBytes: Number.MAX_SAFE_INTEGER }));
    expect(pooled).toEqual(strings);
    expect(strings.breaks.length).toBeGreaterThan(1000);
  });
});
