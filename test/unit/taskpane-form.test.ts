/**
 * The Reconcile form as data (src/taskpane/recon-form.ts): source choices from a SourceList, what
 * blocks the Run button, and the ReconSliceRequest handed to runReconSlice. Shapes come from
 * src/io/port.ts and src/io/workflows/recon-slice-types.ts.
 */
import {
  buildRequest,
  columnOptions,
  draftProblems,
  errorDigest,
  initialDraft,
  keepColumns,
  sourceChoices,
} from "../../src/taskpane/recon-form";
import type { ReconDraft } from "../../src/taskpane/recon-form";

const list = {
  sheets: ["Books", "Custodian", "Trades"],
  tables: [{ name: "Trades", sheet: "Blotter" }],
};

function ready(): ReconDraft {
  const d = initialDraft();
  return {
    left: { ...d.left, sourceId: "sheet:Books", key: "Ref", value: "Amount" },
    right: { ...d.right, sourceId: "table:Trades", key: "Client Ref", value: "Net Amount" },
    tolerance: "0.01",
  };
}

describe("sourceChoices", () => {
  test("lists tables then sheets, with ids that keep a table and a sheet of the same name apart", () => {
    const c = sourceChoices(list);
    expect(c.map((x) => x.id)).toEqual(["table:Trades", "sheet:Books", "sheet:Custodian", "sheet:Trades"]);
    expect(c[0]).toEqual({
      id: "table:Trades",
      text: "Trades (table on Blotter)",
      kind: "table",
      ref: { table: "Trades" },
    });
    expect(c[3]).toEqual({ id: "sheet:Trades", text: "Trades", kind: "sheet", ref: { sheet: "Trades" } });
  });
});

describe("initialDraft", () => {
  test("names the sides Books and Custodian, as the brief and DOMAIN.md's trade reconciliation do", () => {
    const d = initialDraft();
    expect([d.left.label, d.right.label]).toEqual(["Books", "Custodian"]);
    expect(d.left.sourceId).toBe("");
  });
});

describe("draftProblems / buildRequest", () => {
  const choices = sourceChoices(list);

  test("a complete draft has no problems and becomes the request, tolerance kept as text", () => {
    expect(draftProblems(ready(), choices)).toEqual([]);
    expect(buildRequest(ready(), choices)).toEqual({
      left: { sheet: "Books", label: "Books", key: "Ref", value: "Amount" },
      right: { table: "Trades", label: "Custodian", key: "Client Ref", value: "Net Amount" },
      tolerance: "0.01",
    });
  });

  test("labels are trimmed in the request", () => {
    const d = ready();
    d.left.label = "  Fund books ";
    expect(buildRequest(d, choices)?.left.label).toBe("Fund books");
  });

  test("the empty form lists every missing piece, left side first", () => {
    const p = draftProblems(initialDraft(), choices);
    expect(p).toEqual([
      "Books: choose a table or sheet.",
      "Books: choose the key column.",
      "Books: choose the column to compare.",
      "Custodian: choose a table or sheet.",
      "Custodian: choose the key column.",
      "Custodian: choose the column to compare.",
    ]);
    expect(buildRequest(initialDraft(), choices)).toBeNull();
  });

  test("a source that is no longer in the workbook blocks the run", () => {
    const d = ready();
    d.right.sourceId = "sheet:Deleted";
    expect(draftProblems(d, choices)).toEqual(["Custodian: choose a table or sheet."]);
    expect(buildRequest(d, choices)).toBeNull();
  });

  test("a blank name, equal names and a bad tolerance each block the run", () => {
    const blank = ready();
    blank.right.label = "  ";
    expect(draftProblems(blank, choices)).toEqual(["Right side: give it a name."]);

    const same = ready();
    same.right.label = "books";
    expect(draftProblems(same, choices)).toEqual(["Give the two sides different names."]);

    const tol = ready();
    tol.tolerance = "-1";
    expect(draftProblems(tol, choices)).toHaveLength(1);
    expect(buildRequest(tol, choices)).toBeNull();
  });
});

describe("keepColumns", () => {
  test("keeps picks the new headers still have and clears the others", () => {
    const side = { sourceId: "sheet:Books", label: "Books", key: "Ref", value: "Amount" };
    expect(keepColumns(side, ["Ref", "Account", "Amount"])).toEqual(side);
    expect(keepColumns(side, ["Ref", "Net"])).toEqual({ ...side, value: "" });
    expect(keepColumns(side, [])).toEqual({ ...side, key: "", value: "" });
  });
});

describe("errorDigest", () => {
  const errors = Array.from({ length: 23 }, (_, i) => `Books row ${i + 4}, column C: not a number`);
  test("shows the first 20 and counts the rest", () => {
    const d = errorDigest(errors);
    expect(d.shown).toEqual(errors.slice(0, 20));
    expect(d.more).toBe(3);
  });
  test("no 'more' when everything fits", () => {
    expect(errorDigest(errors.slice(0, 5))).toEqual({ shown: errors.slice(0, 5), more: 0 });
  });
});

describe("columnOptions", () => {
  test("each non-blank header once, in order, counting repeats (the workflow refuses a header on two columns)", () => {
    expect(columnOptions(["Ref", "", "Amount", " Amount ", "Acct", "  "])).toEqual([
      { header: "Ref", count: 1 },
      { header: "Amount", count: 2 },
      { header: "Acct", count: 1 },
    ]);
  });
});
