/** src/io/json-pieces.ts: joined, the pieces are JSON.stringify(value, null, 2), character for character. */
import fc from "fast-check";
import { jsonPieces } from "../../src/io/json-pieces";

const joined = (v: unknown) => [...jsonPieces(v)].join("");

describe("jsonPieces", () => {
  test("any JSON value, and objects of arrays of objects (fast-check)", () => {
    const element = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(element, { maxLength: 5 })), { maxKeys: 6 }),
          fc.array(element, { maxLength: 5 }),
        ),
        (v) => {
          expect(joined(v)).toBe(JSON.stringify(v, null, 2));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("arrays longer than a piece (4,096 elements a piece): pieces joined at their seams", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      i % 7 === 0 ? undefined : { i, rows: [i, i + 1], s: `v${i}` },
    );
    const v = { summary: { n: 1 }, matches: many, breaks: [{ id: "B-1", nested: { deep: [1, [2, { x: null }]] } }] };
    expect(joined(v)).toBe(JSON.stringify(v, null, 2));
    expect(joined(many)).toBe(JSON.stringify(many, null, 2));
    expect([...jsonPieces(v)].length).toBeGreaterThan(4);
  });

  test("what JSON has no text for: undefined values leave their key out, in arrays they are null", () => {
    const v = {
      a: undefined,
      b: [1, undefined, () => 1, { c: undefined, d: [] }],
      e: () => 2,
      f: {},
      g: [],
      h: new Date(Date.UTC(2026, 0, 2)),
      "1": "integer-like key first",
    };
    expect(joined(v)).toBe(JSON.stringify(v, null, 2));
    expect(joined({})).toBe("{}");
    expect(joined({ a: undefined })).toBe("{}");
    expect(joined(undefined)).toBe("");
  });
});
