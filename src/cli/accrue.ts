/**
 * `bo accrue`: the month-end accrual workflow (src/io/workflows/accruals.ts) on an .xlsx workbook,
 * writing a new workbook with the Accruals, Journal, Accrual schedule and Accrual errors sheets.
 * The input workbook is never written to.
 */
import { parseArgs } from "node:util";
import * as path from "node:path";
import { excel } from "../io/file/exceljs";
import { formatIso, parseIso } from "../core/dates/civil";
import { InputError } from "../core/errors";
import { FileWorkbook, parseSourceSpec } from "../io/file/file-workbook";
import type { SourceRef } from "../io/port";
import { monthPeriod, runAccruals } from "../io/workflows/accruals";
import type { AccrualsRequest } from "../io/workflows/accruals-types";

export const ACCRUE_HELP = `  bo accrue --workbook FILE.xlsx --period YYYY-MM [options]
      Month-end accruals: roll forward every bond, deposit, loan, fee and expense over the period
      and write Accruals, Journal, Accrual schedule and Accrual errors sheets.
      --workbook FILE.xlsx              reads its Instruments, Fees, NAV, Opening, Payments and
                                        Holidays sheets (each but Instruments optional)
      --instruments/--fees/--nav/--opening/--payments/--holidays FILE[#Sheet]
                                        take that table from elsewhere (.xlsx or .csv)
      --period 2026-10 | --from 2026-10-01 --to 2026-10-31
      --calendar NAME                   calendar for instruments without one (default WEEKEND)
      --out OUT.xlsx                    output workbook (default out/accruals.xlsx)
      --strict                          exit with code 3 when any input row had an error
`;

const SOURCES = ["instruments", "fees", "nav", "opening", "payments", "holidays"] as const;
type SourceKey = (typeof SOURCES)[number];
const DEFAULT_SHEET: Record<SourceKey, string> = {
  instruments: "Instruments",
  fees: "Fees",
  nav: "NAV",
  opening: "Opening",
  payments: "Payments",
  holidays: "Holidays",
};

function usage(message: string): never {
  throw new InputError("invalid", { sheet: "(command line)" }, `accrue: ${message} (see bo --help)`);
}

function dayArg(text: string, what: string): number {
  const d = parseIso(text);
  if (d === undefined) usage(`${what} must be a date as yyyy-mm-dd, got '${text}'`);
  return d;
}

/** Sheet names of an .xlsx file, to pick up the optional tables a --workbook has. */
async function sheetNames(file: string): Promise<string[]> {
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(
      "invalid",
      { sheet: path.basename(file) },
      `cannot read workbook ${file}: ${(e as Error).message}`,
    );
  }
  return wb.worksheets.map((w) => w.name);
}

function relativeFiles(refs: Partial<Record<SourceKey, SourceRef>>, out: string): Partial<Record<SourceKey, string>> {
  const dir = path.dirname(path.resolve(out));
  const files: Partial<Record<SourceKey, string>> = {};
  for (const key of SOURCES) {
    const ref = refs[key];
    if (ref?.sheet)
      files[key] = path
        .relative(dir, path.resolve(parseSourceSpec(ref.sheet).file))
        .split(path.sep)
        .join("/");
  }
  return files;
}

export async function cmdAccrue(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workbook: { type: "string" },
      instruments: { type: "string" },
      fees: { type: "string" },
      nav: { type: "string" },
      opening: { type: "string" },
      payments: { type: "string" },
      holidays: { type: "string" },
      period: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      calendar: { type: "string" },
      out: { type: "string", default: "out/accruals.xlsx" },
      strict: { type: "boolean", default: false },
    },
    strict: true,
  });

  let from: number;
  let to: number;
  if (values.period !== undefined) {
    if (values.from !== undefined || values.to !== undefined) usage("give either --period or --from/--to, not both");
    const p = monthPeriod(values.period);
    if (!p) usage(`--period must be a month as yyyy-mm (e.g. 2026-10), got '${values.period}'`);
    ({ from, to } = p);
  } else if (values.from !== undefined && values.to !== undefined) {
    from = dayArg(values.from, "--from");
    to = dayArg(values.to, "--to");
    if (to < from) usage(`--to ${values.to} is before --from ${values.from}`);
  } else {
    usage("--period (or both --from and --to) is required");
  }

  const refs: Partial<Record<SourceKey, SourceRef>> = {};
  if (values.workbook !== undefined) {
    const wbFile = parseSourceSpec(values.workbook).file;
    const names = new Set((await sheetNames(wbFile)).map((n) => n.toLowerCase()));
    for (const key of SOURCES) {
      if (names.has(DEFAULT_SHEET[key].toLowerCase())) refs[key] = { sheet: `${wbFile}#${DEFAULT_SHEET[key]}` };
    }
  }
  for (const key of SOURCES) {
    const given = values[key];
    if (given !== undefined) refs[key] = { sheet: given };
  }
  if (!refs.instruments) {
    usage(
      values.workbook !== undefined
        ? `${values.workbook} has no 'Instruments' sheet; name it with --instruments FILE#Sheet`
        : "--workbook FILE.xlsx or --instruments FILE[#Sheet] is required",
    );
  }

  const req: AccrualsRequest = {
    instruments: refs.instruments,
    fees: refs.fees,
    nav: refs.nav,
    opening: refs.opening,
    payments: refs.payments,
    holidays: refs.holidays,
    from,
    to,
    calendar: values.calendar,
    // The output is a new workbook in the 1900 date system, whatever the inputs use.
    outputDateSystem: "1900",
    // Links from output rows to the input rows, as paths relative to the output workbook.
    links: { files: relativeFiles(refs, values.out!) },
  };
  const port = new FileWorkbook();
  const tty = process.stderr.isTTY;
  const result = await runAccruals(port, req, (f, m) => {
    if (tty) process.stderr.write(`\r${"#".repeat(Math.round(f * 20)).padEnd(20, ".")} ${m}`.padEnd(70));
  });
  if (tty) process.stderr.write("\n");
  await port.save(values.out!);

  const out = process.stdout;
  out.write(`${result.summary}\n`);
  if (result.errors.length > 0) {
    out.write(`${result.errors.length} input error(s), the items concerned left out:\n`);
    for (const e of result.errors.slice(0, 10)) out.write(`  ${e}\n`);
    if (result.errors.length > 10)
      out.write(`  ... and ${result.errors.length - 10} more in the ${result.sheets[3]} sheet\n`);
  }
  if (result.warnings.length > 0) {
    out.write(`${result.warnings.length} note(s):\n`);
    for (const w of result.warnings.slice(0, 10)) out.write(`  ${w}\n`);
    if (result.warnings.length > 10) out.write(`  ... and ${result.warnings.length - 10} more in the Notes column\n`);
  }
  out.write(
    `Period ${formatIso(from)} to ${formatIso(to)}. Wrote ${path.resolve(values.out!)} (sheets ${result.sheets.join(", ")})\n`,
  );
  if (values.strict && result.errors.length > 0) process.exitCode = 3;
}
