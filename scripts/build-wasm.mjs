/**
 * Compiles the WebAssembly text sources (src/**\/*.wat) into TypeScript modules that hold the binary
 * as base64 (<name>-wasm.ts beside the source), so that webpack, ts-jest and the CLI need nothing
 * special to load them. The generated modules are committed; test/unit/csv-scan.test.ts compiles
 * the sources again (wasmFromWat) and fails if a committed module is stale.
 *
 *   npm run build:wasm
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { wasmFromWat, moduleText } from "./wasm-compile.mjs";

const root = join(fileURLToPath(import.meta.url), "..", "..");

function wats(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return wats(p);
    return name.endsWith(".wat") ? [p] : [];
  });
}

for (const file of wats(join(root, "src"))) {
  const bytes = await wasmFromWat(readFileSync(file, "utf8"), file);
  const out = file.replace(/\.wat$/, "-wasm.ts");
  writeFileSync(out, moduleText(relative(root, file), bytes));
  console.log(`${relative(root, out)}: ${bytes.length} bytes of WebAssembly`);
}
