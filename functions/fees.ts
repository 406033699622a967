/**
 * Fund fee custom functions (BO.FEEACCRUAL, BO.MGMTFEE, BO.FEETIER, BO.PERFFEE, BO.EXPENSEACCRUAL):
 * thin wrappers over src/core/fees.
 *
 * Convention (see ./lib/registry.ts): every export is a custom function whose name, upper-cased, is
 * its Excel name; helpers stay unexported. Ids never change once shipped.
 *
 * Ranges arrive as 2-D arrays (a single value typed into a range argument arrives as [[value]]).
 * Blank rows at the end of a range are ignored, so a user may select more rows than they fill;
 * a blank row between filled rows is an error. Excel may hand the empty cells of a number range
 * over as 0, so trailing 0s in a date range (serial 0 is no date) also end it, and the other
 * ranges may run on past the last date with blanks or 0s. Errors name the argument and the row of the range
 * (1 = the range's first row): #VALUE! for the wrong kind of value, #NUM! for a number out of range.
 */
import { Decimal } from "../src/core/money";
import { Day, dayFromSerial, serialFromDay } from "../src/core/dates";
import { ExcelError, numError, valueError } from "../src/core/errors";
import {
  DaysInYearPolicy,
  FeeBase,
  FeeError,
  ManagementFeeResult,
  NavPoint,
  RateSchedule,
  accrueFixedExpense,
  accrueManagementFee,
  annualFee,
  checkSchedule,
  computePerformanceFee,
} from "../src/core/fees";
import { argDate, argNumber, argText, optional, toExcel } from "./lib/args";

/**
 * Daily management fee accrual from a NAV series, spilled as a table: a header row, then one row
 * per calendar day from the day after the first NAV date to the last NAV date, each day accruing on
 * the last NAV before it (weekends and holidays on the prior available NAV). When a minimum applies
 * and accruals fall short, a last row "Minimum true-up" brings the cumulative to the period total.
 * @customfunction FEEACCRUAL
 * @param nav_dates NAV dates (a column or row of dates or serials), in ascending order.
 * @param nav_values NAVs on those dates (same number of cells as nav_dates).
 * @param rate_or_schedule An annual rate (0.0075 for 0.75%), or a two-column range of breakpoints and rates: first column the assets from which the rate applies (first row 0), second the annual rate.
 * @param [days_in_year] 365 (default), 360, or "actual" (365 or 366 by the accrual day's year).
 * @param [method] For a schedule: "marginal" (default; each slice at its own rate) or "cliff" (whole base at the band's rate); add "average" to charge on the period's average NAV instead of each day's prior NAV, e.g. "cliff average".
 * @param [minimum] Annual minimum fee, pro-rated daily; the period is trued up to it at the end.
 * @returns Table: Date, Base, Rate (effective annual), Daily accrual, Cumulative.
 */
export function feeaccrual(
  nav_dates: number[][],
  nav_values: number[][],
  rate_or_schedule: number[][],
  days_in_year?: unknown,
  method?: string,
  minimum?: number,
): unknown[][] {
  return toExcel(() => {
    const r = runManagementFee(nav_dates, nav_values, rate_or_schedule, days_in_year, method, minimum);
    const out: (string | number)[][] = [["Date", "Base", "Rate", "Daily accrual", "Cumulative"]];
    for (const d of r.days) {
      out.push([
        serialFromDay(d.day),
        d.base.toNumber(),
        d.rate.toNumber(),
        d.amount.toNumber(),
        d.cumulative.toNumber(),
      ]);
    }
    if (!r.minimumTrueUp.isZero())
      out.push(["Minimum true-up", "", "", r.minimumTrueUp.toNumber(), r.total.toNumber()]);
    return out;
  });
}

/**
 * Management fee for the period covered by a NAV series (the day after the first NAV date to the last
 * NAV date), accrued daily on the prior available NAV and rounded once to cents; with a minimum,
 * the larger of the accrued fee and the pro-rated minimum.
 * @customfunction MGMTFEE
 * @param nav_dates NAV dates (a column or row of dates or serials), in ascending order.
 * @param nav_values NAVs on those dates (same number of cells as nav_dates).
 * @param rate_or_schedule An annual rate (0.0075 for 0.75%), or a two-column range of breakpoints and rates (first breakpoint 0).
 * @param [days_in_year] 365 (default), 360, or "actual" (365 or 366 by the accrual day's year).
 * @param [method] "marginal" (default) or "cliff" for a schedule; add "average" to charge on the period's average NAV.
 * @param [minimum] Annual minimum fee, pro-rated daily over the period.
 * @returns The fee for the period, rounded to cents.
 */
export function mgmtfee(
  nav_dates: number[][],
  nav_values: number[][],
  rate_or_schedule: number[][],
  days_in_year?: unknown,
  method?: string,
  minimum?: number,
): number {
  return toExcel(() =>
    runManagementFee(nav_dates, nav_values, rate_or_schedule, days_in_year, method, minimum).total.toNumber(),
  );
}

/**
 * Annual fee on an amount of assets by a breakpoint schedule (full precision, not rounded).
 * @customfunction FEETIER
 * @param assets The fee base (e.g. net assets).
 * @param schedule Two-column range: assets from which the rate applies (first row 0), annual rate.
 * @param [method] "marginal" (default; each slice at its own rate) or "cliff" (whole base at the rate of the band it falls in).
 * @returns The annual fee.
 */
export function feetier(assets: number, schedule: number[][], method?: string): number {
  return toExcel(() => {
    const base = new Decimal(argNumber(assets, "assets"));
    if (base.isNegative()) throw numError(`argument assets must not be negative, got ${base.toString()}`);
    const { mode } = parseMethod(method);
    return annualFee(parseSchedule(schedule, "schedule", mode), base).toNumber();
  });
}

/**
 * Performance fee at every NAV with a high-water mark (no hurdle; the fee on redeemed shares
 * crystallises when they redeem), crystallising yearly on the
 * anniversary of the first NAV date (or on first_crystallisation and every year after), spilled as
 * a table: Date, GAV, HWM, Fee per share, Accrual, NAV, Crystallised.
 * @customfunction PERFFEE
 * @param nav_dates NAV dates in ascending order; the first is the launch (or last crystallisation).
 * @param gav_values NAV per share before this period's performance fee, on those dates.
 * @param shares Shares in issue on those dates.
 * @param rate Performance fee rate (0.2 for 20%).
 * @param hwm High-water mark at the first date (the launch price, or the NAV at the last fee).
 * @param [first_crystallisation] End of the first crystallisation period (at least a year after the first date).
 * @returns Table of the fee at every NAV; Crystallised shows the amount paid at each period end and on shares redeemed (a fall in shares).
 */
export function perffee(
  nav_dates: number[][],
  gav_values: number[][],
  shares: number[][],
  rate: number,
  hwm: number,
  first_crystallisation?: number,
): unknown[][] {
  return toExcel(() => {
    const dates = readColumn(nav_dates, "nav_dates", true);
    const gavs = readColumn(gav_values, "gav_values");
    const units = readColumn(shares, "shares");
    const n = sameLength([
      ["nav_dates", dates],
      ["gav_values", gavs],
      ["shares", units],
    ]);
    const series = Array.from({ length: n }, (_, i) => ({
      day: dateCell(dates.cells[i], dates.label(i)),
      gav: nonNegativeCell(gavs.cells[i], gavs.label(i)),
      shares: nonNegativeCell(units.cells[i], units.label(i)),
    }));
    const first = optional(first_crystallisation);
    const r = withFeeErrors({ navSeries: dates }, () =>
      computePerformanceFee(
        {
          rate: new Decimal(argNumber(rate, "rate")),
          initialPrice: new Decimal(argNumber(hwm, "hwm")),
          firstCrystallisation:
            first === undefined
              ? undefined
              : dayFromSerialArg(argDate(first, "first_crystallisation"), "first_crystallisation"),
        },
        series,
      ),
    );
    const out: (string | number)[][] = [["Date", "GAV", "HWM", "Fee per share", "Accrual", "NAV", "Crystallised"]];
    for (const row of r.rows) {
      // Fee paid at this NAV: at the period end and on shares redeemed at it.
      const paidToday = r.crystallisations.filter((c) => c.day === row.day);
      const paid =
        paidToday.length === 0 ? "" : paidToday.reduce((t, c) => t.plus(c.amount), new Decimal(0)).toNumber();
      out.push([
        serialFromDay(row.day),
        row.gav.toNumber(),
        row.hwm.toNumber(),
        row.feePerShare.toNumber(),
        row.accrual.toNumber(),
        row.nav.toNumber(),
        paid,
      ]);
    }
    return out;
  });
}

/**
 * Fixed expense (audit, legal, directors' fees...) accrued over a period from an annual budget,
 * booked in cents without daily drift: the exact total for the period rounded once.
 * @customfunction EXPENSEACCRUAL
 * @param annual_budget The annual budget.
 * @param start First day of the accrual period.
 * @param end Last day of the accrual period (included).
 * @param [method] "per-day" (default: budget / days in year each day), "per-year" (budget / days in the budget year) or "per-month" (budget / 12 spread over each month's days).
 * @param [days_in_year] For "per-day": "actual" (default; 365 or 366 by the day's year), 365 or 360.
 * @param [fiscal_year_start_month] For "per-year": first month of the budget year, 1-12 (default 1).
 * @returns The expense accrued over the period, rounded to cents.
 */
export function expenseaccrual(
  annual_budget: number,
  start: number,
  end: number,
  method?: string,
  days_in_year?: unknown,
  fiscal_year_start_month?: number,
): number {
  return toExcel(() => {
    const budget = new Decimal(argNumber(annual_budget, "annual_budget"));
    const period = {
      start: dayFromSerialArg(argDate(start, "start"), "start"),
      end: dayFromSerialArg(argDate(end, "end"), "end"),
    };
    if (period.end < period.start) throw numError("argument end is before start");
    const m = argText(method, "method", "per-day").trim().toLowerCase();
    if (m !== "per-day" && m !== "per-year" && m !== "per-month") {
      throw valueError(`argument method must be "per-day", "per-year" or "per-month", got '${m}'`);
    }
    const daysInYear = optional(days_in_year) === undefined ? "actual" : parseDaysInYear(days_in_year);
    const fyMonth = argNumber(fiscal_year_start_month, "fiscal_year_start_month", 1);
    if (!Number.isInteger(fyMonth) || fyMonth < 1 || fyMonth > 12) {
      throw numError(`argument fiscal_year_start_month must be a whole number 1-12, got ${fyMonth}`);
    }
    return withFeeErrors({}, () =>
      accrueFixedExpense(
        { annualBudget: budget, method: m, daysInYear, fiscalYearStartMonth: fyMonth },
        period,
      ).total.toNumber(),
    );
  });
}

// ---- helpers (unexported: every export is registered as a custom function) ----

function runManagementFee(
  nav_dates: unknown,
  nav_values: unknown,
  rate_or_schedule: unknown,
  days_in_year: unknown,
  method: unknown,
  minimum: unknown,
): ManagementFeeResult {
  const dates = readColumn(nav_dates, "nav_dates", true);
  const values = readColumn(nav_values, "nav_values");
  const n = sameLength([
    ["nav_dates", dates],
    ["nav_values", values],
  ]);
  if (n < 2)
    throw valueError(
      "nav_dates needs at least two NAVs: the fee accrues from the day after the first date to the last date",
    );
  const series: NavPoint[] = Array.from({ length: n }, (_, i) => ({
    day: dateCell(dates.cells[i], dates.label(i)),
    nav: nonNegativeCell(values.cells[i], values.label(i)),
  }));
  const { mode, base } = parseMethod(method);
  const schedule = parseSchedule(rate_or_schedule, "rate_or_schedule", mode);
  const policy = parseDaysInYear(days_in_year);
  const min = optional(minimum);
  let annualMinimum: Decimal | undefined;
  if (min !== undefined) {
    annualMinimum = new Decimal(argNumber(min, "minimum"));
    if (annualMinimum.isNegative())
      throw numError(`argument minimum must not be negative, got ${annualMinimum.toString()}`);
  }
  const period = { start: series[0].day + 1, end: series[n - 1].day };
  return withFeeErrors({ navSeries: dates }, () =>
    accrueManagementFee({ schedule, base, daysInYear: policy, annualMinimum }, series, period),
  );
}

interface Column {
  cells: unknown[];
  /** "nav_dates row 3" (or "column 3" for a range laid out as a row). */
  label: (i: number) => string;
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A one-column or one-row range (or a single value) as a list, trailing blanks dropped. */
function readColumn(range: unknown, name: string, trailingZeroIsBlank = false): Column {
  const grid = Array.isArray(range) ? (range as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[range]];
  const rows = grid.length;
  const cols = Math.max(0, ...grid.map((r) => r.length));
  let cells: unknown[];
  let unit: string;
  if (cols <= 1) {
    cells = grid.map((r) => r[0]);
    unit = "row";
  } else if (rows === 1) {
    cells = grid[0];
    unit = "column";
  } else {
    throw valueError(`argument ${name} must be a single column or row, got ${rows} rows x ${cols} columns`);
  }
  let end = cells.length;
  while (end > 0 && (isBlank(cells[end - 1]) || (trailingZeroIsBlank && cells[end - 1] === 0))) end--;
  cells = cells.slice(0, end);
  const label = (i: number) => `${name} ${unit} ${i + 1}`;
  const gap = cells.findIndex(isBlank);
  if (gap >= 0) throw valueError(`${label(gap)} is blank (blank cells are only allowed after the last value)`);
  return { cells, label };
}

function sameLength(columns: [string, Column][]): number {
  const [firstName, first] = columns[0];
  for (const [name, c] of columns.slice(1)) {
    if (c.cells.length > first.cells.length && c.cells.slice(first.cells.length).every((x) => x === 0)) {
      c.cells = c.cells.slice(0, first.cells.length);
    }
    if (c.cells.length !== first.cells.length) {
      throw valueError(
        `${firstName} has ${first.cells.length} values but ${name} has ${c.cells.length}; give one per date`,
      );
    }
  }
  return first.cells.length;
}

function dateCell(v: unknown, label: string): Day {
  return dayFromSerialArg(argDate(v, label), label);
}

function dayFromSerialArg(serial: number, label: string): Day {
  if (serial < 1) throw numError(`${label}: ${serial} is not a date (Excel dates start at serial 1, 1900-01-01)`);
  if (serial === 60) throw numError(`${label}: serial 60 is 1900-02-29, a day that never existed`);
  return dayFromSerial(serial);
}

function nonNegativeCell(v: unknown, label: string): Decimal {
  const d = new Decimal(argNumber(v, label));
  if (d.isNegative()) throw numError(`${label} must not be negative, got ${d.toString()}`);
  return d;
}

/** A rate or a [from, rate] schedule range. */
function parseSchedule(v: unknown, name: string, mode: "marginal" | "cliff"): RateSchedule {
  const grid = Array.isArray(v) ? (v as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[v]];
  if (grid.length === 1 && grid[0].length === 1) {
    const rate = new Decimal(argNumber(grid[0][0], name));
    if (rate.isNegative()) throw numError(`argument ${name} must not be negative, got ${rate.toString()}`);
    return { kind: "flat", rate };
  }
  let end = grid.length;
  while (end > 0 && grid[end - 1].every(isBlank)) end--;
  const rows = grid.slice(0, end);
  if (rows.some((r) => r.length !== 2)) {
    throw valueError(
      `argument ${name} must be one rate or two columns (breakpoint, rate), got ${Math.max(...grid.map((r) => r.length))} columns`,
    );
  }
  const bands = rows.map((r, i) => {
    const label = `${name} row ${i + 1}`;
    return {
      floor: new Decimal(argNumber(r[0], `${label} breakpoint`)),
      rate: new Decimal(argNumber(r[1], `${label} rate`)),
    };
  });
  const schedule: RateSchedule = { kind: mode, bands };
  const row = { label: (i: number) => `${name} row ${i + 1}` };
  withFeeErrors({ schedule: row, "schedule rate": row, "schedule breakpoint": row }, () => checkSchedule(schedule));
  return schedule;
}

function parseMethod(v: unknown): { mode: "marginal" | "cliff"; base: FeeBase } {
  const text = argText(v, "method", "marginal").trim().toLowerCase();
  let mode: "marginal" | "cliff" = "marginal";
  let base: FeeBase = "prior-nav";
  for (const word of text.split(/[\s,;+]+/).filter(Boolean)) {
    if (word === "marginal" || word === "tiered") mode = "marginal";
    else if (word === "cliff") mode = "cliff";
    else if (word === "average" || word === "avg") base = "average";
    else if (word === "prior" || word === "nav") base = "prior-nav";
    else throw valueError(`argument method: unknown word '${word}' (use marginal or cliff, optionally with average)`);
  }
  return { mode, base };
}

function parseDaysInYear(v: unknown): DaysInYearPolicy {
  const o = optional(v);
  if (o === undefined) return "365";
  const text = argText(o, "days_in_year").trim().toLowerCase();
  if (text === "365") return "365";
  if (text === "360") return "360";
  if (text === "actual" || text === "act") return "actual";
  if (text === "366")
    throw numError('argument days_in_year: 366 is not a policy; use "actual" for 366 in leap years and 365 otherwise');
  throw numError(`argument days_in_year must be 365, 360 or "actual", got '${text}'`);
}

/** Runs core code, turning a FeeError into an ExcelError that names the argument and its row. */
function withFeeErrors<T>(labels: Record<string, Pick<Column, "label">>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof FeeError)) throw e;
    const where = labels[e.field];
    const prefix = where && e.index !== undefined ? `${where.label(e.index)}: ` : "";
    throw new ExcelError(e.kind === "out-of-range" ? "#NUM!" : "#VALUE!", `${prefix}${e.message}`);
  }
}
