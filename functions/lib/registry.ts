/**
 * Excel name -> custom function, for the CLI's `bo fn NAME ARGS...` and for tests.
 *
 * Built from the exports of the functions/*.ts modules, following the convention that each custom
 * function is an exported function whose name, upper-cased, is its Excel name (its
 * `@customfunction NAME` id). An export ending in "Fn" is registered without the suffix: that is how
 * a function whose Excel name is a reserved word in JavaScript is written (yieldFn -> YIELD).
 * Names are looked up case-insensitively, with or without the add-in's "BO." namespace.
 */
import { ExcelError } from "../../src/core/errors";

// ---- Custom-function modules: one import line per functions/*.ts file; add yours here. ----
import * as excel from "../excel";
import * as daycount from "../daycount";
import * as fees from "../fees";
import * as ids from "../ids";
import * as accrual from "../accrual";
const MODULES: Record<string, Record<string, unknown>> = {
  excel,
  daycount,
  fees,
  ids,
  accrual,
};
// ---- End of custom-function modules. ----

type CustomFunction = (...args: never[]) => unknown;

function excelName(exportName: string): string {
  const base = exportName.length > 2 && exportName.endsWith("Fn") ? exportName.slice(0, -2) : exportName;
  return base.toUpperCase();
}

function buildRegistry(): Map<string, CustomFunction> {
  const map = new Map<string, CustomFunction>();
  for (const [moduleName, mod] of Object.entries(MODULES)) {
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const name = excelName(exportName);
      if (map.has(name))
        throw new Error(`custom function ${name} is exported twice (again by functions/${moduleName}.ts)`);
      map.set(name, value as CustomFunction);
    }
  }
  return map;
}

const REGISTRY = buildRegistry();

function normalise(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith("BO.") ? upper.slice(3) : upper;
}

/** The custom function for an Excel name ("YEARFRAC", "BO.YEARFRAC", "yearfrac"), if any. */
export function lookupFunction(name: string): CustomFunction | undefined {
  return REGISTRY.get(normalise(name));
}

/** Calls a custom function by Excel name with already-parsed arguments; #NAME? for unknown names. */
export function callFunction(name: string, args: unknown[]): unknown {
  const fn = lookupFunction(name);
  if (!fn) throw new ExcelError("#NAME?", `unknown function ${name}; see \`bo fn --list\``);
  return (fn as (...a: unknown[]) => unknown)(...args);
}

/** Excel names of every registered function, sorted. */
export function listFunctions(): string[] {
  return [...REGISTRY.keys()].sort();
}
