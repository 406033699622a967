/**
 * functions.json, generated from the JSDoc of functions/*.ts exactly as the build does it
 * (custom-functions-metadata's generateCustomFunctionsMetadata, which CustomFunctionsMetadataPlugin
 * calls, on the same file list webpack.config.js uses), without running webpack.
 *
 * Rules: Microsoft's "Autogenerate JSON metadata for custom functions" and "Custom functions naming
 * guidelines" (learn.microsoft.com/office/dev/add-ins/excel): ids and names unique, letters, digits,
 * periods and underscores, starting with a letter; ids never change once shipped, so the registry the
 * CLI uses (functions/lib/registry.ts) must resolve each id to the very function Excel will call.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { listFunctions, lookupFunction } from "../../functions/lib/registry";

// webpack.config.js is CommonJS without type declarations; only its function-file list is needed.
const { functionFiles } = require("../../webpack.config.js") as { functionFiles: () => string[] };

interface Parameter {
  name: string;
  description?: string;
  type?: string;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: Parameter[];
}
interface Association {
  id: string;
  functionName: string;
  sourceFileName: string;
}

const EXCEL_NAME = /^[A-Z][A-Z0-9._]*$/;

/** Everything wrong with a functions.json's function list, one message per problem. */
function metadataProblems(list: FunctionMetadata[]): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  for (const f of list) {
    if (!f.description?.trim()) problems.push(`${f.id}: no description`);
    for (const p of f.parameters) if (!p.description?.trim()) problems.push(`${f.id}(${p.name}): no description`);
    if (!EXCEL_NAME.test(f.id)) problems.push(`${f.id}: id is not upper case letters, digits, periods, underscores`);
    if (!EXCEL_NAME.test(f.name))
      problems.push(`${f.name}: name is not upper case letters, digits, periods, underscores`);
    if (seenIds.has(f.id)) problems.push(`${f.id}: id used twice`);
    if (seenNames.has(f.name)) problems.push(`${f.name}: name used twice`);
    seenIds.add(f.id);
    seenNames.add(f.name);
  }
  return problems;
}

const files = functionFiles();
let metadataJson = "";
let functions: FunctionMetadata[] = [];
let associations: Association[] = [];
let errors: string[] = [];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(files);
  errors = result.errors;
  metadataJson = result.metadataJson;
  associations = result.associate as Association[];
  functions = errors.length === 0 ? (JSON.parse(metadataJson).functions as FunctionMetadata[]) : [];
});

describe("custom-function metadata (functions.json)", () => {
  it("is generated from every functions/*.ts file and none of functions/lib", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/[\\/]functions[\\/][^\\/]+\.ts$/);
      expect(statSync(file).isFile()).toBe(true);
    }
  });

  it("generates without errors", () => {
    expect(errors).toEqual([]);
    expect(functions.length).toBeGreaterThan(0);
  });

  it("stays under 1 MB", () => {
    expect(Buffer.byteLength(metadataJson, "utf8")).toBeLessThan(1024 * 1024);
  });

  it("describes every function and parameter, with unique upper-case ids and names", () => {
    expect(metadataProblems(functions)).toEqual([]);
  });

  it("lists exactly the functions the registry (and so `bo fn`) knows", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(listFunctions());
  });

  it("makes the registry resolve each id to the same function the build associates with it", () => {
    expect(associations.length).toBe(functions.length);
    const mismatched = associations.filter((a) => {
      const exported = (require(a.sourceFileName) as Record<string, unknown>)[a.functionName];
      return typeof exported !== "function" || lookupFunction(a.id) !== exported;
    });
    expect(mismatched.map((a) => `${a.id} -> ${a.functionName}`)).toEqual([]);
  });
});

describe("metadataProblems", () => {
  it("catches an undocumented parameter in real generated metadata", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bo-metadata-"));
    try {
      const file = join(dir, "bad.ts");
      const source = ["/**", " * Adds one.", " * @customfunction addOne", " * @param x", " */"];
      writeFileSync(
        file,
        [...source, "export function addOne(x: number): number {", "  return x + 1;", "}"].join("\n"),
      );
      const result = await generateCustomFunctionsMetadata([file]);
      expect(result.errors).toEqual([]);
      const bad = JSON.parse(result.metadataJson).functions as FunctionMetadata[];
      expect(metadataProblems(bad)).toEqual(["ADDONE(x): no description"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("catches an id and a name used twice", () => {
    const one: FunctionMetadata = { id: "PRICE", name: "PRICE", description: "Price.", parameters: [] };
    expect(metadataProblems([one, { ...one }])).toEqual(["PRICE: id used twice", "PRICE: name used twice"]);
  });

  it("catches ids and names Excel would not accept", () => {
    const fn: FunctionMetadata = { id: "price", name: "BO-PRICE", description: "Price.", parameters: [] };
    expect(metadataProblems([fn])).toEqual([
      "price: id is not upper case letters, digits, periods, underscores",
      "BO-PRICE: name is not upper case letters, digits, periods, underscores",
    ]);
  });
});
