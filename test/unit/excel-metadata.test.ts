/**
 * The JSDoc of functions/excel.ts, read by the same generator the webpack plugin uses
 * (custom-functions-metadata), must describe every function and parameter, and its ids must be the
 * names the registry (and so the CLI) knows them by.
 */
import * as path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata/lib/generate";
import { listFunctions } from "../../functions/lib/registry";

interface Parameter {
  name: string;
  description?: string;
  type: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
  result: { type: string };
}

describe("functions/excel.ts metadata (functions.json)", () => {
  let functions: FunctionMetadata[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata([path.resolve(__dirname, "../../functions/excel.ts")], false);
    errors = result.errors;
    functions = (JSON.parse(result.metadataJson) as { functions: FunctionMetadata[] }).functions;
  });

  it("generates without errors, one function per Excel function", () => {
    expect(errors).toEqual([]);
    expect(functions.map((f) => f.id).sort()).toEqual(
      [
        "ACCRINT",
        "ACCRINTM",
        "COUPDAYBS",
        "COUPDAYS",
        "COUPDAYSNC",
        "COUPNCD",
        "COUPNUM",
        "COUPPCD",
        "DAYS360",
        "PRICE",
        "YEARFRAC",
        "YIELD",
      ].sort(),
    );
  });

  it("describes every function and every parameter, and returns numbers (dates as serials)", () => {
    for (const f of functions) {
      expect(f.description).toBeTruthy();
      expect(f.name).toBe(f.id);
      expect(f.result.type).toBe("number");
      for (const p of f.parameters) expect(`${f.id}.${p.name}: ${p.description ?? ""}`).toMatch(/: \S/);
    }
  });

  it("marks basis and the other Excel-optional arguments optional, and only those", () => {
    const optionalParams = functions.flatMap((f) =>
      f.parameters.filter((p) => p.optional).map((p) => `${f.id}.${p.name}`),
    );
    expect(optionalParams.sort()).toEqual(
      [
        "ACCRINT.basis",
        "ACCRINT.calcMethod",
        "ACCRINTM.basis",
        "ACCRINTM.par",
        "COUPDAYBS.basis",
        "COUPDAYS.basis",
        "COUPDAYSNC.basis",
        "COUPNCD.basis",
        "COUPNUM.basis",
        "COUPPCD.basis",
        "DAYS360.method",
        "PRICE.basis",
        "YEARFRAC.basis",
        "YIELD.basis",
      ].sort(),
    );
  });

  it("every id is a name the registry resolves", () => {
    const registered = listFunctions();
    for (const f of functions) expect(registered).toContain(f.id);
  });
});
