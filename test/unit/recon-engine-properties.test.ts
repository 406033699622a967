/**
 * Properties of the reconciliation engine over random record sets and random profiles (fast-check),
 * as issue 4 asks: conservation (every row ends in exactly one place), swapping the sides swaps the
 * result, re-running gives the identical result, and break ids do not move when unrelated rows are
 * added or rows are reordered. Small value domains make keys collide often (duplicates, groups,
 * blanks, near misses).
 */
import fc from "fast-check";
import { reconcile } from "../../src/core/recon/engine";
import type {
  Break,
  ComparisonRule,
  FieldDiff,
  Match,
  PassConfig,
  ReconProfile,
  ReconResult,
} from "../../src/core/recon/profile";
import type { RowProblem } from "../../src/core/recon/records";
import { recordSet, type BuildOptions, type PlainRow } from "../helpers/recordset";

const rowArb: fc.Arbitrary<PlainRow> = fc.record({
  ref: fc.constantFrom("A", "B", "C", "D", ""),
  account: fc.constantFrom("X", "Y", ""),
  quantity: fc.constantFrom("1", "2", "1.5", "100", ""),
  amount: fc.constantFrom("10.00", "10.01", "9.99", "10.5", "20", "-5.25", ""),
  currency: fc.constantFrom("USD", "JPY", "EUR", "XAU"),
  assetClass: fc.constantFrom("EQUITY", "FIXED INCOME", "OTHER"),
  marketValue: fc.constantFrom("100", "105", "160", "100.01"),
  settleDate: fc.constantFrom("2024-03-01", "2024-03-02", "2024-03-04", "2024-03-05", "2024-03-08", ""),
});

const ruleArb: fc.Arbitrary<ComparisonRule> = fc.oneof(
  fc.constant<ComparisonRule>({ field: "quantity", kind: "exact" }),
  fc.constant<ComparisonRule>({ field: "currency", kind: "exact" }),
  fc.constant<ComparisonRule>({ field: "amount", kind: "absolute", tolerance: "0.01" }),
  fc.constant<ComparisonRule>({ field: "amount", kind: "relative", tolerance: "0.001" }),
  fc.constant<ComparisonRule>({ field: "amount", kind: "minor-units", units: 2 }),
  fc.constant<ComparisonRule>({
    field: "marketValue",
    kind: "absolute",
    tolerance: "0",
    byField: "assetClass",
    tolerances: { EQUITY: "10", "FIXED INCOME": "50" },
  }),
  fc
    .record({
      before: fc.integer({ min: 0, max: 2 }),
      after: fc.integer({ min: 0, max: 3 }),
      cal: fc.constantFrom(undefined, "TARGET"),
    })
    .map(({ before, after, cal }): ComparisonRule => ({
      field: "settleDate",
      kind: "date-window",
      before,
      after,
      ...(cal ? { calendar: cal } : {}),
    })),
  fc.constant<ComparisonRule>({ field: "settleDate", kind: "exact" }),
);

const KEY_FIELDS = ["ref", "account", "quantity", "settleDate", "currency"];

const matchingPassArb = (k: number): fc.Arbitrary<PassConfig> =>
  fc
    .record({
      keys: fc.subarray(KEY_FIELDS, { minLength: 1, maxLength: 3 }),
      cardinality: fc.constantFrom<PassConfig["cardinality"]>("1:1", "1:N", "N:1", "N:M"),
      compare: fc.uniqueArray(ruleArb, { maxLength: 4, selector: (r) => r.field }),
      onMismatch: fc.constantFrom<PassConfig["onMismatch"]>("break", "no-match"),
      groupDuplicates: fc.boolean(),
      sumFields: fc.constantFrom<string[] | undefined>(undefined, ["amount"], ["amount", "quantity"]),
    })
    .map((p) => {
      const pass: PassConfig = {
        name: `pass${k}`,
        keys: p.keys,
        cardinality: p.cardinality,
        compare: p.compare,
        onMismatch: p.onMismatch,
      };
      if (p.groupDuplicates) pass.groupDuplicates = true;
      if (p.sumFields) pass.sumFields = p.sumFields;
      return pass;
    });

const profileOf = (passes: PassConfig[], extra: Partial<ReconProfile> = {}): ReconProfile => ({
  version: 1,
  kind: "custom",
  name: "random",
  left: { label: "Books", mapping: {} },
  right: { label: "Custodian", mapping: {} },
  passes: passes.map((p, k) => ({ ...p, name: `pass${k}` })),
  ...extra,
});

const matchingProfileArb = fc.array(matchingPassArb(0), { minLength: 1, maxLength: 3 }).map((ps) => profileOf(ps));

const suggestionPasses: PassConfig[] = [
  {
    name: "scored",
    keys: ["account"],
    cardinality: "1:1",
    compare: [{ field: "amount", kind: "absolute", tolerance: "0.01" }],
    onMismatch: "no-match",
    scored: { threshold: 0.5, weights: { ref: 1, amount: 1, settleDate: 1 } },
  },
  {
    name: "subset",
    keys: ["account"],
    cardinality: "N:M",
    compare: [],
    onMismatch: "no-match",
    subsetSum: { field: "amount", dateField: "settleDate", window: 2, maxItems: 3, tolerance: "0.01" },
  },
];

interface Side {
  rows: PlainRow[];
  problems: Record<number, RowProblem[]>;
  excluded: Record<number, string>;
}

const sideArb: fc.Arbitrary<Side> = fc.array(rowArb, { maxLength: 12 }).chain((rows) =>
  fc
    .record({
      errors: fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 2 }),
      invalid: fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 2 }),
      excluded: fc.uniqueArray(fc.nat({ max: 11 }), { maxLength: 2 }),
    })
    .map(({ errors, invalid, excluded }) => {
      const problems: Record<number, RowProblem[]> = {};
      for (const i of invalid)
        if (i < rows.length) problems[i] = [{ code: "INVALID_ID", message: `row ${i + 2}: check digit` }];
      for (const i of errors)
        if (i < rows.length) (problems[i] ??= []).push({ code: "ROW_ERROR", message: `row ${i + 2}: unreadable` });
      const ex: Record<number, string> = {};
      for (const i of excluded) if (i < rows.length) ex[i] = "cancelled";
      return { rows, problems, excluded: ex };
    }),
);

function build(side: "left" | "right", s: Side, label: string, extra: BuildOptions = {}) {
  return recordSet(side, s.rows, {
    label,
    problems: s.problems,
    excluded: s.excluded,
    declare: Object.keys(s.rows[0] ?? {}),
    ...extra,
  });
}

const FIELDS = ["ref", "account", "quantity", "amount", "currency", "assetClass", "marketValue", "settleDate"];
const declareAll: BuildOptions = { declare: FIELDS };

/** Every row number of a side appears exactly once across matches, breaks and exclusions. */
function placements(r: ReconResult, side: "left" | "right"): Map<number, number> {
  const seen = new Map<number, number>();
  const mark = (row: number) => seen.set(row, (seen.get(row) ?? 0) + 1);
  for (const m of r.matches) (side === "left" ? m.leftRows : m.rightRows).forEach(mark);
  for (const b of r.breaks) (side === "left" ? b.leftRows : b.rightRows).forEach(mark);
  for (const e of r.excluded) if (e.side === side) mark(e.row);
  return seen;
}

describe("conservation", () => {
  test("every input row ends in exactly one place, for random inputs and random profiles (suggestion passes included)", () => {
    fc.assert(
      fc.property(sideArb, sideArb, matchingProfileArb, fc.boolean(), (l, r, profile, withSuggestions) => {
        const p = withSuggestions ? profileOf([...profile.passes, ...suggestionPasses]) : profile;
        const res = reconcile(p, build("left", l, "Books", declareAll), build("right", r, "Custodian", declareAll));
        for (const [side, n] of [
          ["left", l.rows.length],
          ["right", r.rows.length],
        ] as const) {
          const seen = placements(res, side);
          expect(seen.size).toBe(n);
          for (let row = 2; row < n + 2; row++) expect(seen.get(row)).toBe(1);
        }
        expect(res.summary.conservation).toEqual({
          leftIn: l.rows.length,
          leftOut: l.rows.length,
          rightIn: r.rows.length,
          rightOut: r.rows.length,
          holds: true,
        });
        const s = res.summary.left;
        expect(s.matched + s.inBreaks + s.excluded).toBe(s.rows);
        // Suggestions never take rows out of the result: a suggested row is still in a break.
        for (const sug of res.suggestions)
          for (const row of sug.leftRows) expect(res.breaks.some((b) => b.leftRows.includes(row))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- swapping the sides -------------------------------------------------------------------------

function swapProfile(p: ReconProfile): ReconProfile {
  const flip: Record<string, PassConfig["cardinality"]> = { "1:1": "1:1", "1:N": "N:1", "N:1": "1:N", "N:M": "N:M" };
  return {
    ...p,
    left: p.right,
    right: p.left,
    passes: p.passes.map((pass) => ({
      ...pass,
      cardinality: flip[pass.cardinality],
      compare: pass.compare.map((c) => (c.kind === "date-window" ? { ...c, before: c.after, after: c.before } : c)),
    })),
  };
}

// A Saturday and the Monday after are different dates zero business days apart: "0" negates to "0".
const negate = (d: string | undefined) =>
  d === undefined || /^[0.]+$/.test(d) ? d : d.startsWith("-") ? d.slice(1) : `-${d}`;
const flipWords = (rule: string) => rule.replace(/^within -(\d+)\.\.\+(\d+)/, (_m, b, a) => `within -${a}..+${b}`);

function diffView(d: FieldDiff, swapped: boolean) {
  return swapped
    ? {
        field: d.field,
        code: d.code,
        left: d.right,
        right: d.left,
        difference: negate(d.difference),
        rule: flipWords(d.rule),
        within: !!d.withinTolerance,
      }
    : {
        field: d.field,
        code: d.code,
        left: d.left,
        right: d.right,
        difference: d.difference,
        rule: d.rule,
        within: !!d.withinTolerance,
      };
}

const SWAP_CODE: Record<string, string> = { MISSING_LEFT: "MISSING_RIGHT", MISSING_RIGHT: "MISSING_LEFT" };

function matchView(m: Match, swapped: boolean): string {
  return JSON.stringify({
    pass: m.pass,
    l: swapped ? m.rightRows : m.leftRows,
    r: swapped ? m.leftRows : m.rightRows,
    diffs: m.diffs.map((d) => diffView(d, swapped)),
  });
}

function breakView(b: Break, swapped: boolean): string {
  return JSON.stringify({
    codes: swapped ? b.codes.map((c) => SWAP_CODE[c] ?? c) : b.codes,
    pass: b.pass,
    l: swapped ? b.rightRows : b.leftRows,
    r: swapped ? b.leftRows : b.rightRows,
    diffs: b.diffs.map((d) => diffView(d, swapped)),
    closest: b.closestMiss && {
      rows: b.closestMiss.rows,
      score: b.closestMiss.score,
      failed: b.closestMiss.failed.map((d) => diffView(d, swapped)),
    },
  });
}

describe("swapping the sides swaps the result", () => {
  test("MISSING_LEFT <-> MISSING_RIGHT, 1:N <-> N:1, windows mirrored, differences negated, summary sides swapped", () => {
    fc.assert(
      fc.property(sideArb, sideArb, matchingProfileArb, (l, r, profile) => {
        const a = reconcile(profile, build("left", l, "Books", declareAll), build("right", r, "Custodian", declareAll));
        const b = reconcile(
          swapProfile(profile),
          build("left", r, "Custodian", declareAll),
          build("right", l, "Books", declareAll),
        );
        expect(b.matches.map((m) => matchView(m, true)).sort()).toEqual(
          a.matches.map((m) => matchView(m, false)).sort(),
        );
        expect(b.breaks.map((x) => breakView(x, true)).sort()).toEqual(a.breaks.map((x) => breakView(x, false)).sort());
        expect(b.summary.left).toEqual(a.summary.right);
        expect(b.summary.right).toEqual(a.summary.left);
        expect(b.summary.passes.map((p) => [p.name, p.matchedRight, p.matchedLeft, p.rateRight, p.rateLeft])).toEqual(
          a.summary.passes.map((p) => [p.name, p.matchedLeft, p.matchedRight, p.rateLeft, p.rateRight]),
        );
        const codes = (x: ReconResult, swapped: boolean) =>
          Object.entries(x.summary.breaksByCode)
            .map(([c, n]) => `${swapped ? (SWAP_CODE[c] ?? c) : c}=${n}`)
            .sort();
        expect(codes(b, true)).toEqual(codes(a, false));
      }),
      { numRuns: 300 },
    );
  });
});

describe("determinism", () => {
  test("re-running identical inputs gives an identical result", () => {
    fc.assert(
      fc.property(sideArb, sideArb, matchingProfileArb, (l, r, profile) => {
        const p = profileOf([...profile.passes, ...suggestionPasses]);
        const first = reconcile(p, build("left", l, "Books", declareAll), build("right", r, "Custodian", declareAll));
        const second = reconcile(p, build("left", l, "Books", declareAll), build("right", r, "Custodian", declareAll));
        expect(second).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });
});

// ---- break ids ------------------------------------------------------------------------------------

/** Rows with references unique on their side and never blank, so the break-id field tells breaks apart. */
const uniqueRefSideArb: fc.Arbitrary<PlainRow[]> = fc
  .uniqueArray(fc.constantFrom("A", "B", "C", "D", "E", "F", "G", "H"), { maxLength: 8 })
  .chain((refs) => fc.tuple(...refs.map((ref) => rowArb.map((row) => ({ ...row, ref })))))
  .map((rows) => rows as PlainRow[]);

/** Rows whose every key field holds a value no generated row has: they can join no existing key. */
const unrelatedRows = (n: number, tag: string): PlainRow[] =>
  Array.from({ length: n }, (_, k) => ({
    ref: `NEW-${tag}${k}`,
    account: "ZZ",
    quantity: "999",
    amount: "1.00",
    currency: "CHF",
    assetClass: "EQUITY",
    marketValue: "1",
    settleDate: "2030-01-02",
  }));

/** Break id by the references of its rows ("L:A,R:A"), which identify a break across reorderings. */
function idsByContent(res: ReconResult, left: PlainRow[], right: PlainRow[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of res.breaks) {
    const content = [
      ...b.leftRows.map((row) => `L:${left[row - 2].ref}`),
      ...b.rightRows.map((row) => `R:${right[row - 2].ref}`),
    ]
      .sort()
      .join(",");
    out.set(content, b.id);
  }
  return out;
}

function permute<T>(xs: T[], keys: number[]): T[] {
  return xs
    .map((x, k) => ({ x, key: keys[k % Math.max(keys.length, 1)] ?? 0, k }))
    .sort((a, b) => a.key - b.key || a.k - b.k)
    .map((e) => e.x);
}

describe("break ids are stable", () => {
  test("adding unrelated rows or reordering rows leaves every existing break's id unchanged", () => {
    fc.assert(
      fc.property(
        uniqueRefSideArb,
        uniqueRefSideArb,
        matchingProfileArb,
        fc.array(fc.integer(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer(), { minLength: 1, maxLength: 20 }),
        fc.nat({ max: 4 }),
        (left, right, profile, lkeys, rkeys, extra) => {
          const p = { ...profile, breakIdFields: ["ref"] };
          const run = (l: PlainRow[], r: PlainRow[]) =>
            reconcile(p, recordSet("left", l, declareAll), recordSet("right", r, declareAll));
          const base = idsByContent(run(left, right), left, right);
          for (const id of base.values()) expect(id).toMatch(/^B-[0-9a-f]{10}$/);

          const l2 = permute([...left, ...unrelatedRows(extra, "L")], lkeys);
          const r2 = permute([...right, ...unrelatedRows(extra, "R")], rkeys);
          const after = idsByContent(run(l2, r2), l2, r2);
          for (const [content, id] of base) expect(after.get(content)).toBe(id);
        },
      ),
      { numRuns: 300 },
    );
  });
});
