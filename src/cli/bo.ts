/**
 * `bo`: the Back Office Toolkit engine on .xlsx and .csv files, for batch runs and for users
 * without the task pane. Same engine, same workflows as the add-in.
 */
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { ExcelError, InputError } from "../core/errors";
import { callFunction, listFunctions } from "../../functions/lib/registry";
import { formatValue, parseCliArg } from "./fn-args";
import { ACCRUE_HELP, cmdAccrue } from "./accrue";
import { RECON_HELP, cmdRecon } from "./recon";

declare const BO_VERSION: string | undefined;
const VERSION = typeof BO_VERSION === "string" ? BO_VERSION : "dev";

const HELP = `bo ${VERSION} - Back Office Toolkit for Excel, on files

Usage:
${ACCRUE_HELP}
${RECON_HELP}  bo fn NAME ARG...       Evaluate a custom function by its Excel name (BO.YEARFRAC or YEARFRAC).
                          Dates as ISO (2012-01-01) or serials; ranges as JSON arrays ([[1,2],[3,4]]);
                          "" for an omitted optional argument.
  bo fn --jsonl [FILE]    One call per line {"fn": "BO.YEARFRAC", "args": [...]} from FILE or stdin;
                          one result per line {"value": ...} or {"error": "#NUM!", "message": "..."}.
  bo fn --list            List the functions.
  bo --help | --version

Files: .xlsx (typed cells) or .csv (text; numbers like "1,234.50" and "(12.00)" are understood).
Rows in messages and reports are the row numbers you see in Excel (a CSV's line numbers).
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`bo: ${message}\n`);
  process.exit(code);
}

function errorMessage(e: unknown): string {
  if (e instanceof InputError || e instanceof ExcelError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

function evaluate(name: string, args: unknown[]): { value: unknown } | { error: string; message: string } {
  try {
    return { value: callFunction(name, args) };
  } catch (e) {
    if (e instanceof ExcelError) return { error: e.code, message: e.message };
    return { error: "#VALUE!", message: errorMessage(e) };
  }
}

async function cmdFnJsonl(file: string | undefined): Promise<void> {
  const input = file ? createReadStream(file, "utf8") : process.stdin;
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === "") continue;
    let call: { fn?: unknown; args?: unknown };
    try {
      call = JSON.parse(line);
    } catch {
      process.stdout.write(JSON.stringify({ error: "#VALUE!", message: `line ${n}: not valid JSON` }) + "\n");
      continue;
    }
    if (typeof call.fn !== "string" || (call.args !== undefined && !Array.isArray(call.args))) {
      process.stdout.write(
        JSON.stringify({ error: "#VALUE!", message: `line ${n}: expected {"fn": NAME, "args": [...]}` }) + "\n",
      );
      continue;
    }
    process.stdout.write(JSON.stringify(evaluate(call.fn, (call.args as unknown[]) ?? [])) + "\n");
  }
}

async function cmdFn(argv: string[]): Promise<void> {
  if (argv[0] === "--list") {
    process.stdout.write(
      listFunctions()
        .map((f) => `BO.${f}`)
        .join("\n") + "\n",
    );
    return;
  }
  if (argv[0] === "--jsonl") return cmdFnJsonl(argv[1]);
  if (argv.length === 0) fail("fn: give a function name, e.g. bo fn BO.YEARFRAC 2012-01-01 2012-07-30 1");
  const [name, ...rest] = argv;
  const r = evaluate(name, rest.map(parseCliArg));
  if ("error" in r) {
    process.stdout.write(`${r.error}\n`);
    process.stderr.write(`${r.message}\n`);
    process.exit(1);
  }
  process.stdout.write(formatValue(r.value) + "\n");
}

export async function main(argv: string[]): Promise<void> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return;
    case "--version":
    case "-v":
      process.stdout.write(`${VERSION}\n`);
      return;
    case "recon":
      process.exitCode = await cmdRecon(rest);
      return;
    case "fn":
      return cmdFn(rest);
    case "accrue":
      return cmdAccrue(rest);
    default:
      fail(`unknown command '${cmd}' (see bo --help)`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => fail(errorMessage(e), 1));
