/**
 * JSON.stringify(value, null, 2), text for text, in pieces: the elements of an array that is a
 * top-level object's value (or the top-level value) are stringified one at a time. `bo recon --json`
 * at 1M rows writes a document of 165 MB (950,000 matches); made as one string it was held twice
 * (the string and its UTF-8 copy) at the run's end. test/unit/json-pieces.test.ts checks the text
 * against JSON.stringify.
 */

/** Every line after the first moved right by `pad` (a value's text placed at a depth). */
function indent(text: string, pad: string): string {
  return text.indexOf("\n") < 0 ? text : text.replace(/\n/g, `\n${pad}`);
}

/** Elements per piece: stringified together (one call and one re-indent a piece, not one each). */
const BATCH = 4096;

function* arrayPieces(a: readonly unknown[], pad: string): Generator<string> {
  if (a.length === 0) {
    yield "[]";
    return;
  }
  yield "[";
  for (let i = 0; i < a.length; i += BATCH) {
    // "[\n  e1,\n  e2\n]": the elements' lines, each already two spaces in, moved in by `pad`. An
    // element JSON has no text for (a function, undefined) is null, in a batch as in the whole.
    const t = JSON.stringify(a.slice(i, i + BATCH), null, 2);
    yield `${i === 0 ? "\n" : ",\n"}${pad}${indent(t.slice(2, -2), pad)}`;
  }
  yield `\n${pad}]`;
}

/** The pieces of JSON.stringify(value, null, 2); joined, the same text. */
export function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) {
    yield* arrayPieces(value, "");
    return;
  }
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    const t = JSON.stringify(value, null, 2);
    if (t !== undefined) yield t;
    return;
  }
  let first = true;
  yield "{";
  for (const [key, v] of Object.entries(value)) {
    const head = `${first ? "\n" : ",\n"}  ${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield head;
      yield* arrayPieces(v, "  ");
    } else {
      // A value JSON has no text for (undefined, a function) leaves its key out, as JSON.stringify does.
      const t = JSON.stringify(v, null, 2);
      if (t === undefined) continue;
      yield head + indent(t, "  ");
    }
    first = false;
  }
  yield first ? "}" : "\n}";
}
