/**
 * src/io/file/csv-scan.wat / csv-scan.ts: the CSV layout scan in WebAssembly.
 *
 * The reference is scanLayout (csv-columns.ts, JavaScript), itself checked against papaparse in
 * csv-columns.test.ts: on any bytes, plain or not, the module must give the same layout (or say
 * "not plain" where scanLayout does), and a grid scanned by either must read the same by column.
 */
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { columnarGridFromCsv, columnarGridFromCsvFile, scanLayout } from "../../src/io/file/csv-columns";
import { detectDelimiter, gridFromCsvText } from "../../src/io/file/csv-read";
import { WasmCsv } from "../../src/io/file/csv-scan";
import type { Grid } from "../../src/io/port";
import { BLANK, FALLBACK, OK, type Scaled, scanScaledBytes, TOO_PRECISE } from "../../src/io/recon/fast-number";

const ROOT = join(__dirname, "..", "..");

/** Pieces that make plain files, odd files and every 16-byte boundary case between them. */
const PIECE = fc.constantFrom(
  "a",
  "bc",
  "x".repeat(15),
  "y".repeat(17),
  "0123456789012345678901234567890123",
  " ",
  "\t",
  ",",
  ";",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "é",
  "\u00a0",
  "\u3000",
  '"1,234.50"',
  '" "',
  '"a""b"',
  '"line\nbreak"',
);

const anyText = fc.array(PIECE, { maxLength: 60 }).map((p) => p.join(""));

/** Well-formed files: quoted and plain fields, blank and short records, LF or CRLF, maybe a BOM. */
const plainText = fc
  .record({
    rows: fc.array(
      fc.array(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9 .\-\u00e9\u00a0]{0,40}$/),
          fc.stringMatching(/^[a-z ,;"\n\u3000]{0,30}$/).map((t) => `"${t.replace(/"/g, '""')}"`),
          fc.constantFrom("", " ", "\u00a0", "\u3000 "),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      { maxLength: 25 },
    ),
    eol: fc.constantFrom("\n", "\r\n"),
    delim: fc.constantFrom(",", ";", "\t", "|"),
    trailing: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(
    ({ rows, eol, delim, trailing, bom }) =>
      (bom ? "\ufeff" : "") + rows.map((r) => r.join(delim)).join(eol) + (trailing && rows.length > 0 ? eol : ""),
  );

/** The first line's delimiter as columnarGridFromCsv picks it. */
function delimOf(b: Buffer, begin: number): number {
  const lf = b.indexOf(10, begin);
  return detectDelimiter(b.toString("utf8", begin, lf < 0 ? b.length : lf + 1)).charCodeAt(0);
}

function layouts(text: string, delim?: number) {
  const b = Buffer.from(text, "utf8");
  const begin = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const d = delim ?? delimOf(b, begin);
  const lf = b.indexOf(10, begin);
  const crlf = lf > 0 && b[lf - 1] === 13;
  const js = scanLayout(b, begin, d, crlf);
  const w = WasmCsv.fromBytes(b)!;
  const wasm = w.layout(begin, d, crlf);
  return { js, wasm, bytes: w.bytes };
}

/** A layout without its reader, as plain arrays. nonBlank 2 (the module's "decide in JS") kept. */
function plain(l: NonNullable<ReturnType<typeof scanLayout>>) {
  return {
    count: l.count,
    lines: Array.from(l.lines),
    firstField: Array.from(l.firstField),
    fieldStarts: Array.from(l.fieldStarts),
    recordEnds: Array.from(l.recordEnds),
    doubled: [...l.doubled].sort((a, b) => a - b),
    width: l.width,
    nonBlank: Array.from(l.nonBlank),
  };
}

function sameLayout(text: string, delim?: number): void {
  const { js, wasm } = layouts(text, delim);
  expect(wasm).not.toBeNull();
  if (js === undefined) {
    expect(wasm).toBeUndefined();
    return;
  }
  expect(wasm).toBeDefined();
  const a = plain(js);
  const b = plain(wasm!);
  // 2: a field starts with a byte that may begin Unicode whitespace; settled in JS (csv-columns.ts).
  b.nonBlank.forEach((v, i) => {
    if (v === 2) b.nonBlank[i] = a.nonBlank[i];
    else expect(v).toBe(a.nonBlank[i]);
  });
  expect(b).toEqual(a);
}

/** Every column of every record as the loader reads them, and the line of every record. */
function byColumn(g: Grid, afterIndex: number) {
  const c = g.columns;
  if (!c) return undefined;
  const width = Math.max(0, ...Array.from({ length: Math.min(g.values.length, 5) }, (_, i) => g.values[i]!.length));
  const cols = Array.from({ length: width }, (_, j) => j);
  const d = c.read(cols, afterIndex);
  return {
    rows: Array.from(d.rows),
    blankRows: d.blankRows,
    cells: cols.map((_, j) =>
      Array.from({ length: d.size }, (_, k) => d.special[j].get(k) ?? d.decode(d.starts[j][k], d.ends[j][k])),
    ),
    lines: Array.from({ length: g.values.length }, (_, i) => c.lineOf(i)),
  };
}

describe("the WebAssembly scan gives scanLayout's layout", () => {
  test("on any arrangement of delimiters, quotes, line endings and whitespace (fast-check)", () => {
    fc.assert(
      fc.property(anyText, (t) => sameLayout(t)),
      { numRuns: 3000 },
    );
  });

  test("on well-formed files of every delimiter, line ending and field shape (fast-check)", () => {
    fc.assert(
      fc.property(plainText, (t) => sameLayout(t)),
      { numRuns: 1500 },
    );
  });

  test.each([
    ["empty after the BOM", "\ufeff"],
    ["one field, no line ending", "abc"],
    ["a field ending exactly on a 16-byte boundary", `${"x".repeat(16)},${"y".repeat(31)}\n${"z".repeat(32)}`],
    ["a quoted line break before the last record", 'a,b\n"x\ny",2\nz,3\n'],
    ["a doubled quote at the end", 'a,b\n1,"x"""\n'],
    ["three doubled quotes in one field (one entry for the field)", '"a""b""a""b"'],
    ["an unterminated quote", 'a,b\n"x,2\n'],
    ["a bare carriage return", "a,b\n1,2\r3,4\n"],
    ["mixed line endings", "a,b\r\n1,2\n3,4\r\n"],
    ["blank records of spaces, no-break spaces and ideographic spaces", 'a,b\n , \n\u00a0,\u3000\n"\u00a0",\n1,2\n'],
  ])("%s", (_name, text) => sameLayout(text));

  test("one scan per instance (its arrays are views of the module's memory)", () => {
    const w = WasmCsv.fromBytes(Buffer.from("a,b\n1,2\n"))!;
    expect(w.layout(0, 44, false)).toBeDefined();
    expect(() => w.layout(0, 44, false)).toThrow(/one scan/);
  });
});

describe("Layout.column and firsts", () => {
  test("each cell's first repeat; distinct values past the first 20,000 are their own firsts unless all are asked for", () => {
    // 30,000 distinct values, then all of them again: the first 20,000 are remembered.
    const values = Array.from({ length: 30_000 }, (_, i) => `V${i}`);
    const text = "h,k\n" + [...values, ...values].map((v, i) => `${v},${i % 3}`).join("\n") + "\n";
    const w = WasmCsv.fromBytes(Buffer.from(text))!;
    const layout = w.layout(0, 44, false)!;
    const col = layout.column!(0, 0)!;
    const f = col.firsts();
    expect(f.length).toBe(60_000);
    expect(Array.from(f.subarray(0, 30_000))).toEqual(values.map((_, i) => i));
    expect(f[30_000]).toBe(0);
    expect(f[30_000 + 19_999]).toBe(19_999);
    expect(f[30_000 + 20_000]).toBe(50_000);
    expect(f[59_999]).toBe(59_999);
    // Every value remembered: the column's dictionary.
    const all = col.firsts(true);
    expect(all[30_000 + 20_000]).toBe(20_000);
    expect(all[59_999]).toBe(29_999);
    expect(Array.from(all.subarray(0, 30_000))).toEqual(values.map((_, i) => i));
    const k = layout.column!(1, 0)!.firsts();
    expect(Array.from(k.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    // Asked again after the same record: the same cells; after another: not here (read in JavaScript).
    expect(Array.from(layout.column!(0, 0)!.starts)).toEqual(Array.from(col.starts));
    expect(layout.column!(0, 1)).toBeUndefined();
  });
});

describe("firsts(true): a column's dictionary, in order or not", () => {
  /** The reference: each cell's first cell with the same text (empty cells: the first empty one). */
  const reference = (values: string[]) => {
    const seen = new Map<string, number>();
    return values.map((v, k) => {
      if (!seen.has(v)) seen.set(v, k);
      return seen.get(v)!;
    });
  };
  const firstsOf = (values: string[]) => {
    // A second column keeps a record with an empty value from being a blank record.
    const text = values.map((v) => `${v},x`).join("\n") + "\n";
    const layout = WasmCsv.fromBytes(Buffer.from(text))!.layout(0, 44, false)!;
    return Array.from(layout.column!(0, -1)!.firsts(true));
  };
  const value = fc.stringMatching(/^[A-Z0-9]{0,5}$/);

  test("ascending, with repeats, with values out of order, and with empty cells (fast-check)", () => {
    const column = fc.oneof(
      // Ascending (byte order), repeats adjacent.
      fc.array(value, { maxLength: 80 }).map((a) => a.flatMap((v, i) => (i % 3 === 0 ? [v, v] : [v])).sort()),
      // Mostly ascending, with some values moved (descents: new ones and repeats of earlier ones).
      fc.tuple(fc.array(value, { maxLength: 80 }), fc.array(fc.nat(79), { maxLength: 10 })).map(([a, moves]) => {
        const sorted = [...a].sort();
        for (const m of moves) if (m < sorted.length) sorted.push(sorted[m]);
        return sorted;
      }),
      fc.array(value, { maxLength: 80 }),
    );
    fc.assert(
      fc.property(column, (values) => {
        expect(firstsOf(values)).toEqual(reference(values));
      }),
      { numRuns: 1500 },
    );
  });

  test("over 20,000 values out of order: hashed instead, the same answer", () => {
    const values = Array.from({ length: 45_000 }, (_, i) => `V${(i * 7919) % 40_000}`);
    expect(firstsOf(values)).toEqual(reference(values));
  });
});

describe("numbers read by the module are scanScaledBytes's", () => {
  // Number shapes (groups, parentheses, signs before and after, currency, decimals, trailing zeros,
  // more than 15 significant digits or 10 decimals) and arbitrary bytes, including the ones above
  // 0x7F that scanScaledBytes accepts on their own (0xA0, 0xA3, 0xA4, 0xA5).
  const shaped = fc.stringMatching(/^[ ($\-+]{0,2}[0-9]{0,9}(,[0-9]{1,4}){0,3}([.,][0-9]{0,13})?[ )\-$]{0,2}$/);
  const bytes = fc.oneof(
    shaped.map((t) => Buffer.from(t, "latin1")),
    fc.uint8Array({ maxLength: 14 }).map((a) => Buffer.from(a)),
    fc
      .array(fc.constantFrom(32, 9, 0xa0, 0xa3, 0xa4, 0xa5, 36, 40, 41, 43, 44, 45, 46, 48, 49, 53, 57, 120), {
        maxLength: 16,
      })
      .map((a) => Buffer.from(a)),
  );

  test("every status, integer and scale, both decimal marks (fast-check)", () => {
    fc.assert(
      fc.property(bytes, fc.boolean(), (b, comma) => {
        const got = WasmCsv.fromBytes(b)!.number(0, b.length, comma);
        const out: Scaled = { int: 0, scale: 0 };
        const st = scanScaledBytes(b, comma, out, 0, b.length);
        expect(got.status).toBe(st);
        if (st === OK) expect({ int: got.int, scale: got.scale }).toEqual(out);
      }),
      { numRuns: 5000 },
    );
  });

  test.each([
    ["1,234.50", false, OK, 12345, 1],
    ["(1,234.50)", false, OK, -12345, 1],
    ["12.00-", false, OK, -12, 0],
    ["$ -12", false, OK, -12, 0],
    ["1.234,5", true, OK, 12345, 1],
    ["0.000", false, OK, 0, 0],
    ["-0", false, OK, 0, 0],
    ["999999999999999", false, OK, 999999999999999, 0],
    ["1234567890123456", false, FALLBACK, 0, 0],
    ["0.00000000001", false, TOO_PRECISE, 0, 0],
    ["  ", false, BLANK, 0, 0],
    ["12,34", false, FALLBACK, 0, 0],
  ])("%s (decimal comma %s)", (text, comma, status, int, scale) => {
    const b = Buffer.from(text as string, "latin1");
    const got = WasmCsv.fromBytes(b)!.number(0, b.length, comma as boolean);
    expect(got.status).toBe(status);
    if (status === OK) expect({ int: got.int, scale: got.scale }).toEqual({ int, scale });
  });

  test("a column at once: statuses, integers and scales (0 where not OK)", () => {
    const text = 'q\n1,2.5\n"(3,000.10)"\nten\n\n 7 \n';
    const w = WasmCsv.fromBytes(Buffer.from(text))!;
    const layout = w.layout(0, 59 /* ; : one column */, false)!;
    const n = layout.column!(0, 0)!.numbers(false);
    expect(Array.from(n.status)).toEqual([FALLBACK, OK, FALLBACK, OK]);
    expect(Array.from(n.ints)).toEqual([0, -30001, 0, 7]);
    expect(Array.from(n.scales)).toEqual([0, 1, 0, 0]);
  });
});

describe("a grid scanned in WebAssembly reads as one scanned in JavaScript", () => {
  test("every column, blank records, line numbers, first rows (fast-check)", () => {
    fc.assert(
      fc.property(fc.oneof(plainText, anyText), fc.nat(3), (t, after) => {
        const b = Buffer.from(t, "utf8");
        const js = columnarGridFromCsv(b, "f.csv", "js");
        const wasm = columnarGridFromCsv(b, "f.csv", "wasm");
        expect(wasm.values.length).toBe(js.values.length);
        for (let i = 0; i < Math.min(3, js.values.length); i++) expect(wasm.values[i]).toEqual(js.values[i]);
        expect(byColumn(wasm, after)).toEqual(byColumn(js, after));
      }),
      { numRuns: 1500 },
    );
  });

  test("a file is read into the module's memory and gives papaparse's cells", () => {
    const dir = mkdtempSync(join(tmpdir(), "bo-scan-"));
    const text = '\ufeffRef,Qty,Amount\r\nT1,"1,000","(12.50)"\r\n,,\r\nT2,5,"a ""quoted"" note"\r\nT3,7\r\n';
    const file = join(dir, "c.csv");
    writeFileSync(file, text);
    const g = columnarGridFromCsvFile(file, "c.csv");
    expect(g.columns).toBeDefined();
    expect([...g.values]).toEqual(gridFromCsvText(text, "c.csv").values);
    const d = g.columns!.read([0, 1, 2], 0);
    expect(Array.from(d.rows)).toEqual([2, 4, 5]);
    expect(d.blankRows).toBe(1);
    const cell = (j: number, k: number) => d.special[j].get(k) ?? d.decode(d.starts[j][k], d.ends[j][k]);
    expect([0, 1, 2].map((k) => cell(2, k))).toEqual(["(12.50)", 'a "quoted" note', ""]);
  });
});

test("the committed module is csv-scan.wat compiled (npm run build:wasm)", () => {
  const script =
    'import { readFileSync } from "node:fs";' +
    'import { wasmFromWat, moduleText } from "./scripts/wasm-compile.mjs";' +
    'const src = "src/io/file/csv-scan.wat";' +
    "process.stdout.write(moduleText(src, await wasmFromWat(readFileSync(src, 'utf8'), src)));";
  const fresh = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  expect(readFileSync(join(ROOT, "src/io/file/csv-scan-wasm.ts"), "utf8")).toBe(fresh);
});
