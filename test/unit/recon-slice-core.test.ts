import Decimal from "decimal.js";
import fc from "fast-check";
import { SliceRow, accountedRows, compareSlice } from "../../src/core/recon/slice";

const row = (r: number, key: string | undefined, value: string | undefined, errors: string[] = []): SliceRow => ({
  row: r,
  key,
  value: value === undefined ? undefined : new Decimal(value),
  errors,
});
const labels = { left: "Books", right: "Custodian" };

describe("compareSlice: known answers", () => {
  const left = [row(2, "A", "100.00"), row(3, "B", "50.004"), row(4, "C", "10"), row(5, "D", "1"), row(6, "D", "1"), row(7, "E", undefined, ["bad"])];
  const right = [row(2, "A", "100"), row(3, "B", "50"), row(4, "C", "12.5"), row(5, "D", "1"), row(6, "F", "7"), row(7, "E", "3")];
  const cmp = compareSlice(left, right, new Decimal("0.01"), labels);

  it("matches exact and within-tolerance pairs", () => {
    expect(cmp.matches.map((m) => [m.key, m.leftRow, m.rightRow, m.difference.toFixed()])).toEqual([
      ["A", 2, 2, "0"],
      ["B", 3, 3, "0.004"],
    ]);
  });
  it("reports an amount difference beyond tolerance with both values and left - right", () => {
    const b = cmp.breaks.find((x) => x.code === "AMOUNT")!;
    expect([b.key, b.leftRows, b.rightRows, b.leftValue!.toFixed(), b.rightValue!.toFixed(), b.difference!.toFixed()]).toEqual([
      "C", [4], [4], "10", "12.5", "-2.5",
    ]);
  });
  it("never pairs a duplicated key: all its rows on both sides go to one DUPLICATE break", () => {
    const b = cmp.breaks.find((x) => x.code === "DUPLICATE")!;
    expect([b.key, b.leftRows, b.rightRows]).toEqual(["D", [5, 6], [5]]);
  });
  it("names the side a row is missing from", () => {
    const b = cmp.breaks.find((x) => x.code === "MISSING_LEFT")!;
    expect([b.key, b.rightRows, b.detail]).toEqual(["F", [6], "missing in Books"]);
  });
  it("keeps a row with an unreadable amount as ROW_ERROR with its counterpart, not as missing", () => {
    const b = cmp.breaks.find((x) => x.code === "ROW_ERROR")!;
    expect([b.key, b.leftRows, b.rightRows, b.detail]).toEqual(["E", [7], [7], "bad"]);
  });
  it("accounts for every row exactly once", () => {
    expect(accountedRows(cmp)).toEqual({ left: 6, right: 6 });
  });
  it("tolerance is inclusive: |diff| = tolerance matches, one cent more does not", () => {
    const c = compareSlice([row(2, "X", "1.01"), row(3, "Y", "1.02")], [row(2, "X", "1.00"), row(3, "Y", "1.00")], new Decimal("0.01"), labels);
    expect(c.matches.map((m) => m.key)).toEqual(["X"]);
    expect(c.breaks.map((b) => b.key)).toEqual(["Y"]);
  });
});

const arbSide = fc.array(
  fc.record({
    key: fc.option(fc.constantFrom("K1", "K2", "K3", "K4", "K5", "K6"), { nil: undefined }),
    cents: fc.option(fc.integer({ min: -100000, max: 100000 }), { nil: undefined }),
  }),
  { maxLength: 25 },
).map((xs) => xs.map((x, i) => row(i + 2, x.key, x.cents === undefined ? undefined : new Decimal(x.cents).div(100).toFixed(), x.cents === undefined || x.key === undefined ? ["unreadable"] : [])));

describe("compareSlice: properties", () => {
  it("conservation: every input row ends in exactly one match or break", () => {
    fc.assert(
      fc.property(arbSide, arbSide, fc.integer({ min: 0, max: 500 }), (l, r, tol) => {
        const c = compareSlice(l, r, new Decimal(tol).div(100), labels);
        const seenL = [...c.matches.map((m) => m.leftRow), ...c.breaks.flatMap((b) => b.leftRows)].sort((a, b) => a - b);
        const seenR = [...c.matches.map((m) => m.rightRow), ...c.breaks.flatMap((b) => b.rightRows)].sort((a, b) => a - b);
        expect(seenL).toEqual(l.map((x) => x.row));
        expect(seenR).toEqual(r.map((x) => x.row));
      }),
    );
  });
  it("swapping the sides swaps the result: same matches mirrored, MISSING_LEFT <-> MISSING_RIGHT, differences negated", () => {
    fc.assert(
      fc.property(arbSide, arbSide, fc.integer({ min: 0, max: 500 }), (l, r, tol) => {
        const t = new Decimal(tol).div(100);
        const a = compareSlice(l, r, t, labels);
        const b = compareSlice(r, l, t, { left: labels.right, right: labels.left });
        const norm = (pairs: [number, number, string][]) => pairs.map((p) => p.join("|")).sort();
        expect(norm(b.matches.map((m) => [m.rightRow, m.leftRow, m.difference.neg().toFixed()]))).toEqual(
          norm(a.matches.map((m) => [m.leftRow, m.rightRow, m.difference.toFixed()])),
        );
        const flip: Record<string, string> = { MISSING_LEFT: "MISSING_RIGHT", MISSING_RIGHT: "MISSING_LEFT" };
        const sig = (code: string, lr: number[], rr: number[]) => `${code}|${lr.join(",")}|${rr.join(",")}`;
        expect(b.breaks.map((x) => sig(flip[x.code] ?? x.code, x.rightRows, x.leftRows)).sort()).toEqual(
          a.breaks.map((x) => sig(x.code, x.leftRows, x.rightRows)).sort(),
        );
      }),
    );
  });
});
