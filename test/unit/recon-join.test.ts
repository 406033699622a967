/**
 * Integer join keys (src/core/recon/join.ts): dictionaries translated between the sides, keys of
 * several fields hashed as tuples of integers, and the fall-back to key text. The semantics are
 * those of key text (src/core/recon/side.ts keyGetter, docs/recon-engine.md "Keys"): text by the
 * normalised value ("" is blank), dates by day, numbers by value whatever their scale (1.5 = 1.50),
 * and a row with a blank key field has no group. Known answers are worked by hand; the properties
 * compare against key text on random record sets.
 */
import fc from "fast-check";
import { ABSENT, BLANK, CodeMap, KeyJoin, dictionaryMap } from "../../src/core/recon/join";
import { Comparer, FAIL, SAME } from "../../src/core/recon/compare";
import { MatchListBuilder } from "../../src/core/recon/match-list";
import { sumExact } from "../../src/core/recon/scaled";
import { weekendCalendar } from "../../src/core/calendar";
import type { ComparisonRule } from "../../src/core/recon/profile";
import type { RecordSet, TextColumn } from "../../src/core/recon/records";
import { keyGetter } from "../../src/core/recon/side";
import { recordSet, type PlainRow } from "../helpers/recordset";

/** The answer dictionaryMap must give, by a Map over `into`. */
function naiveMap(from: string[], into: string[]): number[] {
  const at = new Map<string, number>();
  into.forEach((v, k) => {
    if (v !== "" && !at.has(v)) at.set(v, k);
  });
  return from.map((v) => (v === "" ? BLANK : (at.get(v) ?? ABSENT)));
}

const all = (n: number) => Array.from({ length: n }, (_, k) => k);

/** Groups of every build row and of every probe row, joining all rows of both sides. */
function groupsOf(build: RecordSet, probe: RecordSet, fields: string[]) {
  const j = KeyJoin.of(build, probe, fields, all(build.size), all(probe.size))!;
  const b = all(build.size).map((k) => j.add(k));
  const p = all(probe.size).map((q) => j.find(q));
  return { how: j.how, b, p, groups: j.groups };
}

describe("dictionaryMap", () => {
  test("values in the same order with a gap longer than the look-ahead, an extra value, and a blank", () => {
    // into: A..H; from lacks B-F (a run of five, longer than the four entries compared) and has X.
    const into = ["A", "B", "C", "D", "E", "F", "G", "H"];
    const from = ["A", "G", "X", "", "H"];
    expect(Array.from(dictionaryMap(from, into))).toEqual([0, 6, ABSENT, BLANK, 7]);
  });

  test("neither list in order: every value hashed", () => {
    expect(Array.from(dictionaryMap(["Q", "A", "Z", "M"], ["M", "Z", "B", "A"]))).toEqual([ABSENT, 3, 1, 0]);
  });

  test("only `from` ascends (the inverse search fills the answer) and `into` has an empty value", () => {
    expect(Array.from(dictionaryMap(["A", "C", "D"], ["D", "", "A", "B"]))).toEqual([2, ABSENT, 0]);
  });

  test("random dictionaries in every order agree with a Map, including searches given up as too costly", () => {
    const universe = all(6000).map((k) => `V${String(k).padStart(5, "0")}`);
    const order = fc.constantFrom("sorted", "reversed", "shuffled", "kept");
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        order,
        order,
        fc.boolean(),
        fc.integer(),
        (n, pIn, pFrom, oIn, oFrom, blank, seed) => {
          let x = seed | 0;
          const rand = () => {
            x = (Math.imul(x, 1103515245) + 12345) | 0;
            return ((x >>> 8) & 0xffff) / 0x10000;
          };
          const arrange = (vals: string[], how: string) => {
            const out = [...vals];
            if (how === "reversed") out.reverse();
            else if (how === "shuffled")
              for (let i = out.length - 1; i > 0; i--) {
                const j = Math.floor(rand() * (i + 1));
                [out[i], out[j]] = [out[j], out[i]];
              }
            else if (how === "kept")
              // mostly in order: a few neighbours swapped
              for (let i = 1; i < out.length; i += 7) [out[i - 1], out[i]] = [out[i], out[i - 1]];
            return out;
          };
          const base = universe.slice(0, n);
          const into = arrange(
            base.filter(() => rand() * 100 < pIn),
            oIn,
          );
          const from = arrange(
            base.filter(() => rand() * 100 < pFrom),
            oFrom,
          );
          if (blank) {
            into.splice(Math.floor(rand() * (into.length + 1)), 0, "");
            from.splice(Math.floor(rand() * (from.length + 1)), 0, "");
          }
          expect(Array.from(dictionaryMap(from, into))).toEqual(naiveMap(from, into));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("CodeMap", () => {
  const col = (values: string[], codes: number[]): TextColumn => ({ codes: Int32Array.from(codes), values });

  test("eager: codes of two differently ordered dictionaries meet on the build side's codes; '' is blank", () => {
    const build = col(["B", "A", ""], [0, 1, 2, -1]);
    const probe = col(["A", "C", "B", ""], [0, 1, 2, 3]);
    const m = CodeMap.eager(build, probe);
    expect([0, 1, 2, -1].map((c) => m.build(c))).toEqual([0, 1, BLANK, BLANK]);
    expect([0, 1, 2, 3, -1].map((c) => m.probe(c))).toEqual([1, ABSENT, 0, BLANK, BLANK]);
  });

  test("lazy: only the given build rows' values have ids; other values are absent", () => {
    const build = col(["K1", "K2", "K3", "K4"], [3, 0, 1, 2]);
    const probe = col(["K4", "K2", "K3"], [0, 1, 2]);
    // Rows 0 and 2 (K4 and K2) only.
    const m = CodeMap.lazy(build, probe, [0, 2]);
    expect(m.size).toBe(2);
    expect(m.build(3)).toBe(0); // K4 first
    expect(m.build(1)).toBe(1); // K2
    expect([0, 1, 2].map((c) => m.probe(c))).toEqual([0, 1, ABSENT]); // K3 is in no given row
  });

  test("for(): eager when the dictionaries are small next to the rows, lazy otherwise, same answers", () => {
    const values = all(100).map((k) => `R${k}`);
    const build = col(values, all(100));
    const probe = col([...values].reverse(), all(100));
    const few = [5, 17];
    const lazy = CodeMap.for(build, probe, few, 2);
    const eager = CodeMap.eager(build, probe);
    for (const c of [5, 17]) {
      const id = lazy.build(c);
      expect(id).toBeGreaterThanOrEqual(0);
      // the probe code of the same value gives the same id
      expect(lazy.probe(99 - c)).toBe(id);
      expect(eager.probe(99 - c)).toBe(c);
    }
    expect(lazy.probe(99 - 6)).toBe(ABSENT);
  });
});

describe("KeyJoin: known answers", () => {
  test("one text field, dictionaries in different orders: joined by value, blank and unknown values have no group", () => {
    const l = recordSet("left", [{ ref: "B" }, { ref: "A" }, { ref: "C" }, { ref: "A" }, { ref: "" }]);
    const r = recordSet("right", [{ ref: "A" }, { ref: "X" }, { ref: "C" }, { ref: "" }, { ref: "B" }]);
    expect(l.text.ref.values).toEqual(["B", "A", "C"]);
    expect(r.text.ref.values).toEqual(["A", "X", "C", "B"]);
    expect(groupsOf(l, r, ["ref"])).toEqual({ how: "text", b: [0, 1, 2, 1, -1], p: [1, -1, 2, -1, 0], groups: 3 });
  });

  test("a dictionary value '' is blank on either side", () => {
    const l = recordSet("left", [{ ref: "A" }, { ref: "B" }]);
    const r = recordSet("right", [{ ref: "A" }, { ref: "B" }]);
    l.text.ref = { codes: Int32Array.from([0, 1]), values: ["", "B"] };
    r.text.ref = { codes: Int32Array.from([1, 0]), values: ["", "B"] };
    expect(groupsOf(l, r, ["ref"])).toEqual({ how: "text", b: [-1, 0], p: [0, -1], groups: 1 });
  });

  test("numbers by value across scales: 1.5 (scale 1) joins 1.50 (scale 2), not 1.51; -0 joins 0", () => {
    const l = recordSet("left", [{ quantity: "1.5" }, { quantity: "2" }, { quantity: "0" }]);
    const r = recordSet("right", [{ quantity: "1.50" }, { quantity: "1.51" }, { quantity: "2.00" }, { quantity: "0" }]);
    expect(l.num.quantity.scale).toBe(1);
    expect(r.num.quantity.scale).toBe(2);
    l.num.quantity.ints[2] = -0;
    expect(groupsOf(l, r, ["quantity"])).toEqual({ how: "tuple", b: [0, 1, 2], p: [0, -1, 1, 2], groups: 3 });
  });

  test("several fields mixing text, date and number; a blank in any field keeps the row out", () => {
    const l = recordSet("left", [
      { account: "X", tradeDate: "2024-03-01", quantity: "10" },
      { account: "X", tradeDate: "2024-03-01", quantity: "11" },
      { account: "Y", tradeDate: "2024-03-01", quantity: "10" },
      { account: "X", tradeDate: "2024-03-04", quantity: "10" },
      { account: "X", tradeDate: "2024-03-01", quantity: "10.0" },
      { account: "", tradeDate: "2024-03-01", quantity: "10" },
      { account: "X", tradeDate: "", quantity: "10" },
      { account: "X", tradeDate: "2024-03-01", quantity: "" },
    ]);
    const r = recordSet("right", [
      { account: "Y", tradeDate: "2024-03-01", quantity: "10.00" },
      { account: "X", tradeDate: "2024-03-04", quantity: "10" },
      { account: "X", tradeDate: "2024-03-01", quantity: "10" },
      { account: "X", tradeDate: "2024-03-02", quantity: "10" },
      { account: "Z", tradeDate: "2024-03-01", quantity: "10" },
      { account: "", tradeDate: "2024-03-01", quantity: "10" },
    ]);
    // Left rows 0 and 4 are one key (10 = 10.0); groups numbered in the order rows are added.
    expect(groupsOf(l, r, ["account", "tradeDate", "quantity"])).toEqual({
      how: "tuple",
      b: [0, 1, 2, 3, 0, -1, -1, -1],
      p: [2, 3, 0, -1, -1, -1],
      groups: 4,
    });
  });

  test("a field read as text on one side and a number on the other falls back to key text", () => {
    const l = recordSet("left", [{ ref: "15" }, { ref: "15.0" }, { ref: "7" }], { fields: { ref: "text" } });
    const r = recordSet("right", [{ ref: "15" }, { ref: "7.00" }, { ref: "8" }], { fields: { ref: "number" } });
    // Key text of a number drops trailing zeros ("15", "7"), text is compared as written.
    expect(groupsOf(l, r, ["ref"])).toEqual({ how: "string", b: [0, 1, 2], p: [0, 2, -1], groups: 3 });
  });

  test("a number that would leave 2^53 at the common scale falls back to key text, with the same answer", () => {
    // 9e15 at scale 0 is exact, but at the right side's scale 2 it would be 9e17.
    const l = recordSet("left", [{ amount: "9000000000000000" }, { amount: "3" }]);
    const r = recordSet("right", [{ amount: "3.00" }, { amount: "3.25" }]);
    expect(groupsOf(l, r, ["amount"])).toEqual({ how: "string", b: [0, 1], p: [1, -1], groups: 2 });
    // A key field not mapped on a side: no join at all (the pass is skipped with a warning).
    expect(KeyJoin.of(l, r, ["amount", "account"], [0, 1], [0, 1])).toBeUndefined();
  });

  test("no key fields: every row is one group", () => {
    const l = recordSet("left", [{ ref: "A" }, { ref: "B" }]);
    const r = recordSet("right", [{ ref: "C" }]);
    expect(groupsOf(l, r, [])).toEqual({ how: "tuple", b: [0, 0], p: [0], groups: 1 });
  });

  test("only the rows given take part: a large dictionary joined for two rows (lazy code map)", () => {
    const rows: PlainRow[] = all(300).map((k) => ({ ref: `T${k}` }));
    const l = recordSet("left", rows);
    const r = recordSet("right", [...rows].reverse());
    const j = KeyJoin.of(l, r, ["ref"], [10, 250], [0, 49, 289, 100])!;
    expect([0, 1].map((k) => j.add(k))).toEqual([0, 1]);
    // probe rows: T299, T250, T10, T199
    expect([0, 1, 2, 3].map((q) => j.find(q))).toEqual([-1, 1, 0, -1]);
  });
});

/** Random sides over small domains, so keys collide, repeat and are blank. */
const joinRowArb: fc.Arbitrary<PlainRow> = fc.record({
  ref: fc.constantFrom("A", "B", "C", "D", "E", ""),
  account: fc.constantFrom("X", "Y", "Z", ""),
  quantity: fc.constantFrom("1", "2", "1.5", "1.50", "100", "-3", ""),
  settleDate: fc.constantFrom("2024-03-01", "2024-03-02", "2024-03-04", ""),
  currency: fc.constantFrom("USD", "JPY", "EUR"),
});

describe("KeyJoin: the groups of key text", () => {
  test("same partition and numbering as a string table over keyGetter, for any rows, fields, scales and row subsets", () => {
    fc.assert(
      fc.property(
        fc.array(joinRowArb, { maxLength: 40 }),
        fc.array(joinRowArb, { maxLength: 40 }),
        fc.subarray(["ref", "account", "quantity", "settleDate", "currency"]),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        fc.boolean(),
        (lrows, rrows, fields, ls, rs, subset) => {
          const l = recordSet("left", lrows, { scales: { quantity: ls } });
          const r = recordSet("right", rrows, { scales: { quantity: rs } });
          const pick = (n: number) => all(n).filter((k) => !subset || k % 3 !== 1);
          const bRows = pick(l.size);
          const pRows = pick(r.size);
          const lk = keyGetter(l, fields);
          const rk = keyGetter(r, fields);
          const j = KeyJoin.of(l, r, fields, bRows, pRows);
          if (!lk || !rk) {
            expect(j).toBeUndefined();
            return;
          }
          // The reference: key text, numbered in the order rows are added.
          const ids = new Map<string, number>();
          bRows.forEach((i, k) => {
            const key = lk(i);
            let want = -1;
            if (key !== undefined) {
              if (!ids.has(key)) ids.set(key, ids.size);
              want = ids.get(key)!;
            }
            expect(j!.add(k)).toBe(want);
          });
          pRows.forEach((i, q) => {
            const key = rk(i);
            expect(j!.find(q)).toBe(key === undefined ? -1 : (ids.get(key) ?? -1));
          });
          expect(j!.groups).toBe(ids.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Comparer.same and holds", () => {
  const rules: ComparisonRule[] = [
    { field: "currency", kind: "exact" },
    { field: "ref", kind: "exact" },
    { field: "quantity", kind: "exact" },
    { field: "quantity", kind: "absolute", tolerance: "0.5" },
    { field: "settleDate", kind: "exact" },
    { field: "settleDate", kind: "date-window", before: 1, after: 2 },
  ];

  test("same() implies SAME, holds() is evalRule(..., false) !== FAIL, compareAll unchanged, sameMany exact", () => {
    fc.assert(
      fc.property(
        // Enough rows that small dictionaries are compared through code maps, few enough to check every pair.
        fc.array(joinRowArb, { minLength: 0, maxLength: 30 }),
        fc.array(joinRowArb, { minLength: 0, maxLength: 30 }),
        fc.nat({ max: 2 }),
        (lrows, rrows, rs) => {
          const l = recordSet("left", lrows, { declare: ["ref", "account", "quantity", "settleDate", "currency"] });
          const r = recordSet("right", rrows, {
            declare: ["ref", "account", "quantity", "settleDate", "currency"],
            scales: { quantity: rs },
          });
          const pl: number[] = [];
          const pr: number[] = [];
          for (let i = 0; i < l.size; i++) for (let j = 0; j < r.size; j++) (pl.push(i), pr.push(j));
          for (const rule of rules) {
            const cmp = new Comparer([rule], l, r, new Set(), () => weekendCalendar(), [], "test");
            const c = cmp.rules[0];
            for (let i = 0; i < l.size; i++) {
              for (let j = 0; j < r.size; j++) {
                const v = cmp.evalRule(c, i, j, false);
                if (cmp.same(c, i, j)) expect(v).toBe(SAME);
                expect(cmp.holds(c, i, j)).toBe(v !== FAIL);
                expect(cmp.compareAll(i, j)).toBe(cmp.evalRule(c, i, j));
              }
            }
          }
          // sameMany over every pair at once, all rules together: 1 exactly where every rule gives
          // SAME (the values here are far from 2^53, where it would leave a pair to compareAll).
          const all = new Comparer(rules, l, r, new Set(), () => weekendCalendar(), [], "test");
          const flags = all.sameMany(Int32Array.from(pl), Int32Array.from(pr), pl.length);
          pl.forEach((i, k) => expect(flags[k]).toBe(all.compareAll(i, pr[k]) === SAME ? 1 : 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("text compared through a code map: the dictionaries differ per side, '' counts as blank", () => {
    // 20 rows a side over 2 currencies: small dictionaries next to the rows, so codes are compared.
    const lrows = all(20).map((k) => ({ currency: k % 2 ? "USD" : "EUR" }));
    const rrows = all(20).map((k) => ({ currency: k % 2 ? "EUR" : "USD" }));
    const l = recordSet("left", lrows);
    const r = recordSet("right", rrows);
    expect(l.text.currency.values).toEqual(["EUR", "USD"]);
    expect(r.text.currency.values).toEqual(["USD", "EUR"]);
    const cmp = new Comparer([{ field: "currency", kind: "exact" }], l, r, new Set(), () => weekendCalendar(), [], "t");
    const c = cmp.rules[0];
    expect(cmp.same(c, 0, 1)).toBe(true); // EUR, EUR
    expect(cmp.same(c, 0, 0)).toBe(false); // EUR, USD
    expect(c.tmap).toBeDefined();
    // A value "" on one side and a blank on the other are the same (both blank).
    l.text.currency = { codes: Int32Array.from(all(20), () => 0), values: [""] };
    r.text.currency.codes.fill(-1);
    const cmp2 = new Comparer(
      [{ field: "currency", kind: "exact" }],
      l,
      r,
      new Set(),
      () => weekendCalendar(),
      [],
      "t",
    );
    expect(cmp2.same(cmp2.rules[0], 3, 4)).toBe(true);
    expect(cmp2.evalRule(cmp2.rules[0], 3, 4)).toBe(SAME);
  });
});

describe("MatchListBuilder.addPair", () => {
  test("one row a side, mixed with groups, across many growths of its arrays", () => {
    const b = new MatchListBuilder();
    b.passIndex("p");
    let want = 0;
    for (let i = 0; i < 5000; i++) {
      if (i % 7 === 0) {
        b.add(0, [i, i + 1], [i]);
        want += 2;
      } else {
        b.addPair(0, i, i + 100);
        want += 1;
      }
    }
    const list = b.finish();
    expect(list.length).toBe(5000);
    expect(list.leftRows.length).toBe(want);
    expect(list.at(4999)).toEqual({ pass: "p", leftRows: [4999], rightRows: [5099], diffs: [] });
    expect(list.at(4998).leftRows).toEqual([4998, 4999]);
    let total = 0;
    for (let i = 0; i < 5000; i++) total += b.size(i, "left");
    expect(total).toBe(want);
  });
});

describe("sumExact (column totals)", () => {
  test("matches a BigInt sum over more than one block, with negatives, blanks and values near 2^53", () => {
    const n = (1 << 20) + 77;
    const ints = new Float64Array(n);
    let want = 0n;
    let x = 12345;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      let v: number;
      if (i % 101 === 0) v = NaN;
      else if (i % 997 === 0) v = (x & 1 ? 1 : -1) * (Number.MAX_SAFE_INTEGER - (i % 13));
      else v = x * 1000 + (i % 1000);
      ints[i] = v;
      if (v === v) want += BigInt(v);
    }
    const got = sumExact(ints, n);
    expect(BigInt(got)).toBe(want);
    // Small totals come back as numbers, so their text is the same either way.
    expect(sumExact(Float64Array.from([1.5e15, -2, NaN, 7]), 4)).toBe(1500000000000005);
    expect(sumExact(Float64Array.from([-0, -0]), 2)).toBe(0);
    expect(typeof sumExact(Float64Array.from([9007199254740991, 9007199254740991]), 2)).toBe("bigint");
  });
});
