/**
 * The month-end accrual workflow over any WorkbookPort: read the Instruments, Fees, NAV, Opening,
 * Payments and Holidays tables, accrue every item over the period with src/core (bondAccrued,
 * depositInterest, accrueManagementFee, rollForwardExpense), and write four sheets as Excel tables:
 *   Accruals          one roll-forward row per item: opening + accrued - paid = closing, checked
 *   Journal           the period's double entries (accruals at period end, payments on their dates)
 *   Accrual schedule  every number behind the roll-forward (coupon periods, day counts, daily fees)
 *   Accrual errors    each bad input cell by sheet, row and column; the items it concerns are left out
 * The task pane and `bo accrue` run exactly this code; docs/accrual-workflow.md states the rules.
 *
 * Failure model: a bad cell costs its item (and only its item); a sheet that cannot be read, an
 * internal invariant that fails (an unbalanced journal) or a cancel fails the whole run, and then
 * nothing is written, because every sheet is built in memory before the first write.
 */
import { Calendar, calendarOf, holidayCalendar, weekendCalendar } from "../../core/calendar/calendar";
import { bondAccrued, bondSchedule, periodContext } from "../../core/accrual/bond";
import { depositInterest } from "../../core/accrual/deposit";
import { yearFractionDecimal } from "../../core/accrual/exact";
import {
  Day,
  addMonths,
  dayFromCivil,
  daysInMonth,
  endOfMonth,
  formatIso,
  isLastDayOfMonth,
} from "../../core/dates/civil";
import { DateSystem, serialFromDay } from "../../core/dates/excel-serial";
import { ACT_365L, ACT_ACT_ICMA, DayCount } from "../../core/daycount/conventions";
import { dayCountOf } from "../../core/daycount/names";
import { CellLocation, ExcelError, InputError, columnLetter } from "../../core/errors";
import {
  DaysInYearPolicy,
  ExpenseMethod,
  FeeBase,
  FeeError,
  Hurdle,
  HurdleType,
  NavPoint,
  PerfFeeRow,
  PerformanceFeeCalculator,
  PerformanceFeeTerms,
  RateBand,
  RateSchedule,
  accrueManagementFee,
  checkSchedule,
  rollForwardExpense,
} from "../../core/fees";
import { Decimal, isCurrencyCode, minorUnits, roundMoney } from "../../core/money";
import { Period, generateSchedule } from "../../core/schedule/schedule";
import { parseNumberCell } from "../cells";
import type { CellValue, Grid, OutputSheet, Progress, SourceRef, WorkbookPort } from "../port";
import { FieldSpec, ParsedRecord, RecordValue, locateHeader, mapColumns, readRecords } from "../table";
import type {
  AccrualInput,
  AccrualSheetKey,
  AccrualsRequest,
  AccrualsResult,
  AccrualsTotals,
  CurrencyTotals,
  ItemRollForward,
  ItemType,
} from "./accruals-types";

// ---------------------------------------------------------------------------------------------
// Input layout: fields and the header texts they answer to (docs/accrual-workflow.md lists them).

function spec(
  field: string,
  label: string,
  type: FieldSpec["type"],
  aliases: string[],
  required = false,
  upper = false,
): FieldSpec {
  return { field, label, type, aliases, required, upper };
}

export const INSTRUMENT_FIELDS: readonly FieldSpec[] = [
  spec("id", "Id", "text", ["Instrument Id", "Item Id", "Ref", "Reference", "Code"], true),
  spec("type", "Type", "text", ["Instrument Type", "Kind", "Asset Type"], true, true),
  spec("description", "Description", "text", ["Name", "Security Name", "Instrument Name", "Security"]),
  spec("currency", "Currency", "text", ["Ccy", "Curr", "Currency Code"], true, true),
  spec("face", "Face/Principal", "number", [
    "Face",
    "Principal",
    "Nominal",
    "Face Value",
    "Par",
    "Notional",
    "Par Amount",
  ]),
  spec("rate", "Rate", "number", ["Coupon", "Coupon Rate", "Interest Rate", "Rate %"]),
  spec("frequency", "Frequency", "number", ["Freq", "Coupon Frequency", "Coupons Per Year", "Payments Per Year"]),
  spec("convention", "Convention", "text", ["Day Count", "Daycount", "Basis", "Day Count Convention", "DCC"]),
  spec("issue", "Issue", "date", ["Issue Date", "Dated Date", "Interest Commencement", "Accrual Start"]),
  spec("firstCoupon", "First Coupon", "date", ["First Coupon Date", "First Interest Date"]),
  spec("maturity", "Maturity", "date", ["Maturity Date", "End Date", "Redemption Date"]),
  spec("start", "Start", "date", ["Start Date", "Value Date", "Deposit Start"]),
  spec("exDays", "Ex Days", "number", [
    "Ex Coupon Days",
    "Ex-Coupon Days",
    "Ex Dividend Days",
    "Ex-Div Days",
    "Ex Div",
  ]),
  spec("calendar", "Calendar", "text", ["Holiday Calendar", "Cal"]),
];

export const FEE_FIELDS: readonly FieldSpec[] = [
  spec("id", "Id", "text", ["Fee Id", "Item Id", "Ref", "Reference", "Code"], true),
  spec("type", "Type", "text", ["Fee Type", "Kind"], true, true),
  spec("description", "Description", "text", ["Name", "Fee Name"]),
  spec("currency", "Currency", "text", ["Ccy", "Curr", "Currency Code"], true, true),
  spec("rate", "Rate", "number", ["Fee Rate", "Annual Rate", "Rate %"]),
  spec("annualAmount", "Annual Amount", "number", ["Annual Budget", "Budget", "Annual Fee", "Fixed Amount"]),
  spec("base", "Base", "text", ["Fee Base", "Basis", "Base (NAV/GAV)"], false, true),
  spec("daysInYear", "Days In Year", "text", ["DIY", "Year Days", "Day Basis", "Days/Year"]),
  spec("minimum", "Minimum", "number", ["Minimum Fee", "Annual Minimum", "Min Fee", "Min"]),
  spec("tiers", "Tiers", "text", ["Breakpoints", "Tier Schedule", "Rate Tiers", "Bands"]),
  spec("tierMethod", "Tier Method", "text", ["Breakpoint Method", "Tiering"]),
  spec("method", "Method", "text", ["Expense Method", "Spread", "Accrual Method"]),
  // Performance fees (PERF): Rate is the share of the gain; the rest describe the current period.
  spec("hurdle", "Hurdle", "number", ["Hurdle Rate", "Hurdle (annual)", "Annual Hurdle", "Hurdle %"]),
  spec("hurdleType", "Hurdle Type", "text", ["Hurdle Kind", "Soft/Hard", "Hurdle Soft/Hard"]),
  spec("hwm", "High Water Mark", "number", ["HWM", "High-Water Mark", "HWM per share", "High Water Mark per share"]),
  spec("crystallisation", "Crystallisation", "text", [
    "Crystallization",
    "Crystallisation Frequency",
    "Crystallization Frequency",
    "Crystallisation Period",
    "Crystallization Period",
  ]),
  spec("periodStart", "Period Start", "date", [
    "Performance Period Start",
    "Crystallisation Period Start",
    "Crystallization Period Start",
    "Last Crystallisation",
    "Last Crystallization",
  ]),
];

export const NAV_FIELDS: readonly FieldSpec[] = [
  spec("date", "Date", "date", ["NAV Date", "Valuation Date", "Value Date", "As Of"], true),
  spec("nav", "NAV", "number", ["Net Asset Value", "Net Assets", "Fund NAV"], true),
  spec("gav", "GAV", "number", ["Gross Asset Value", "Gross Assets"]),
  // Performance fees only: the per-share NAV before the performance-fee accrual, and shares in issue.
  spec("perShare", "NAV per share", "number", ["GAV per share", "NAV/share", "NAVPS", "Price per share"]),
  spec("shares", "Shares", "number", ["Shares Outstanding", "Shares in Issue", "Units", "Units Outstanding"]),
];

export const OPENING_FIELDS: readonly FieldSpec[] = [
  spec("id", "Id", "text", ["Item Id", "Instrument Id", "Fee Id", "Ref", "Reference", "Code"], true),
  spec(
    "opening",
    "Opening Accrual",
    "number",
    ["Opening", "Opening Balance", "Brought Forward", "Previous Closing", "B/F"],
    true,
  ),
];

export const PAYMENT_FIELDS: readonly FieldSpec[] = [
  spec("id", "Id", "text", ["Item Id", "Instrument Id", "Fee Id", "Ref", "Reference", "Code"], true),
  spec("date", "Date", "date", ["Payment Date", "Pay Date", "Value Date", "Settlement Date", "Cash Date"], true),
  spec("amount", "Amount", "number", ["Paid", "Received", "Cash", "Payment Amount", "Cash Amount"], true),
  spec("description", "Description", "text", ["Narrative", "Memo", "Comment"]),
];

export const HOLIDAY_FIELDS: readonly FieldSpec[] = [
  spec("calendar", "Calendar", "text", ["Calendar Name", "Market", "Centre"], true, true),
  spec("date", "Date", "date", ["Holiday", "Holiday Date"], true),
  spec("description", "Description", "text", ["Holiday Name", "Name"]),
];

export const DEFAULT_SHEETS: Readonly<Record<AccrualSheetKey, string>> = {
  accruals: "Accruals",
  journal: "Journal",
  schedule: "Accrual schedule",
  errors: "Accrual errors",
};

const FREQUENCIES = new Set([1, 2, 4, 12]);
const ZERO = new Decimal(0);

// ---------------------------------------------------------------------------------------------
// Reading a table

interface Table {
  name: string;
  grid: Grid;
  headerRow: number;
  mapping: Record<string, number>;
  specs: readonly FieldSpec[];
  records: ParsedRecord[];
  /** False when the table cannot be used at all (no header, a required column missing). */
  usable: boolean;
}

/** The problems found, each with the item it cost (if any). */
interface Problem {
  error: InputError;
  item?: string;
}

class Problems {
  readonly list: Problem[] = [];
  add(error: InputError, item?: string): void {
    this.list.push({ error, item });
  }
}

async function readTable(
  port: WorkbookPort,
  ref: SourceRef,
  specs: readonly FieldSpec[],
  problems: Problems,
): Promise<Table> {
  const grid = await port.read(ref);
  const located = locateHeader(grid, specs);
  if (located instanceof InputError) {
    problems.add(located);
    return { name: grid.sheet, grid, headerRow: grid.top, mapping: {}, specs, records: [], usable: false };
  }
  // Required columns are checked here rather than by mapColumns so that the error names the column.
  const loose = specs.map((s) => ({ ...s, required: false }));
  const mapped = mapColumns(grid, located.index, loose);
  for (const e of mapped.errors) problems.add(e);
  let usable = true;
  for (const s of specs) {
    if (!s.required || mapped.mapping[s.field] !== undefined) continue;
    usable = false;
    const lookedFor = [s.label, ...s.aliases].map((n) => `'${n}'`).join(", ");
    problems.add(
      new InputError(
        "missing-column",
        { sheet: grid.sheet, row: located.row, column: s.label },
        `required column '${s.label}' not found in header row ${located.row} (looked for ${lookedFor}); nothing on this sheet can be used until it is added`,
      ),
    );
  }
  const read = readRecords(grid, located.index, mapped.mapping, specs);
  for (const e of read.errors) problems.add(e);
  return {
    name: grid.sheet,
    grid,
    headerRow: located.row,
    mapping: mapped.mapping,
    specs,
    records: usable ? read.records : [],
    usable,
  };
}

/** Where a field of a record sits (header text and letter when the column exists). */
function cellAt(t: Table, row: number, field: string): CellLocation {
  const col = t.mapping[field];
  const s = t.specs.find((x) => x.field === field);
  if (col === undefined) return { sheet: t.name, row, column: s?.label ?? field };
  const header = t.grid.values[t.headerRow - t.grid.top]?.[col];
  const text = typeof header === "string" && header.trim() !== "" ? header.trim() : (s?.label ?? field);
  return { sheet: t.name, row, column: text, columnLetter: columnLetter(t.grid.left + col) };
}

function rawOf(t: Table, row: number, field: string): CellValue | undefined {
  const col = t.mapping[field];
  if (col === undefined) return undefined;
  return t.grid.values[row - t.grid.top]?.[col];
}

const dec = (v: RecordValue): Decimal | undefined => (v instanceof Decimal ? v : undefined);
const day = (v: RecordValue): Day | undefined => (typeof v === "number" ? v : undefined);
const text = (v: RecordValue): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Ids match across sheets case-insensitively and without surrounding spaces. */
function idKey(id: string): string {
  return id.trim().toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Items

interface ScheduleLine {
  line: string;
  from?: Day;
  to?: Day;
  periodStart?: Day;
  periodEnd?: Day;
  paymentDate?: Day;
  exDate?: Day;
  convention?: string;
  days?: number;
  yearFraction?: Decimal;
  base?: Decimal;
  rate?: Decimal;
  amount?: Decimal;
  note?: string;
  /** Performance fees: the per-NAV arithmetic (fee per share = rate x excess; accrual = fee per share x shares). */
  perShare?: Decimal;
  hwm?: Decimal;
  hurdleNav?: Decimal;
  excess?: Decimal;
  feePerShare?: Decimal;
  shares?: Decimal;
}

interface PaymentRow {
  day: Day;
  amount: Decimal;
  row: number;
  description?: string;
}

interface Item {
  id: string;
  key: string;
  type: ItemType;
  description: string;
  currency: string;
  sheet: string;
  row: number;
  /** Accrues a receivable (income) or a payable (expense). */
  side: "asset" | "liability";
}

interface Computed {
  /** Instruments: the balance at the period end and at the day before the period, full precision. */
  closing?: Decimal;
  openingComputed?: Decimal;
  /** Instruments: contractual income of (from - 1, to], full precision, for the income check. */
  income?: Decimal;
  /** Fees: the period's accrual, in minor units. */
  accrued?: Decimal;
  /** Expenses: the engine's own roll-forward, in minor units. */
  expense?: { accrued: Decimal; trueUp: Decimal; paid: Decimal; closing: Decimal };
  /**
   * Performance fees: closing and openingComputed are the accrual (not yet crystallised) at the
   * last NAV on or before `to` and `from - 1`; what crystallised in the period is paid, in minor units.
   */
  perf?: { crystallised: PaymentRow[]; openingFrom: string; navRows: string };
  lines: ScheduleLine[];
  notes: string[];
}

interface Outcome {
  item: Item;
  roll: ItemRollForward;
  opening: Decimal;
  accrued: Decimal;
  paid: Decimal;
  closing: Decimal;
  payments: PaymentRow[];
  lines: ScheduleLine[];
}

/** An input problem that costs the item it is found on. */
class ItemError extends Error {
  constructor(readonly input: InputError) {
    super(input.message);
  }
}

function fail(where: CellLocation, detail: string, kind: InputError["kind"] = "invalid", raw?: unknown): never {
  throw new ItemError(new InputError(kind, where, detail, raw));
}

function need<T>(v: T | undefined, t: Table, row: number, field: string, what: string): T {
  if (v !== undefined) return v;
  const where = cellAt(t, row, field);
  if (t.mapping[field] === undefined) {
    fail(where, `${what} needs a '${where.column}' column, and header row ${t.headerRow} has none`, "missing-column");
  }
  fail(where, `${what} needs '${where.column}', but the cell is blank`, "blank");
}

/** An annual rate as a fraction; 4.25 meant as percent is refused rather than read as 425%. */
function checkRate(rate: Decimal, t: Table, row: number, allowNegative: boolean): Decimal {
  if (rate.abs().gt(1)) {
    fail(
      cellAt(t, row, "rate"),
      `rate ${rate.toString()} is more than 100%: write rates as fractions (0.0425) or percentages (4.25%)`,
      "invalid",
      rawOf(t, row, "rate"),
    );
  }
  if (!allowNegative && rate.isNegative())
    fail(cellAt(t, row, "rate"), `rate must not be negative, found ${rate.toString()}`);
  return rate;
}

function conventionOf(t: Table, row: number, name: string): DayCount {
  try {
    return dayCountOf(name);
  } catch (e) {
    if (e instanceof ExcelError) fail(cellAt(t, row, "convention"), e.message, "invalid", name);
    throw e;
  }
}

function frequencyOf(t: Table, row: number, f: Decimal): number {
  const n = f.toNumber();
  if (!FREQUENCIES.has(n)) {
    fail(
      cellAt(t, row, "frequency"),
      `frequency must be 1, 2, 4 or 12 payments a year, found ${f.toString()}`,
      "invalid",
      rawOf(t, row, "frequency"),
    );
  }
  return n;
}

function currencyOf(t: Table, row: number, code: string): string {
  if (!isCurrencyCode(code))
    fail(cellAt(t, row, "currency"), `'${code}' is not an ISO 4217 currency code`, "invalid", code);
  try {
    minorUnits(code);
  } catch (e) {
    fail(cellAt(t, row, "currency"), (e as Error).message, "invalid", code);
  }
  return code;
}

/** Runs an engine call, turning its errors into an error on the item's row (and column, if known). */
function engine<T>(where: CellLocation, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ItemError) throw e;
    if (e instanceof ExcelError || e instanceof FeeError || e instanceof RangeError) {
      fail(where, `${what}: ${e.message}`);
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Calendars

interface Calendars {
  byName: Map<string, Calendar>;
  /** Calendars whose holiday table has bad rows: name -> the first problem. */
  broken: Map<string, string>;
}

function buildCalendars(t: Table | undefined, problems: Problems): Calendars {
  const byDates = new Map<string, Day[]>();
  const broken = new Map<string, string>();
  if (t) {
    for (const r of t.records) {
      const name = text(r.values.calendar);
      if (r.errors.length > 0) {
        for (const e of r.errors) problems.add(e);
        // A calendar missing a holiday would move payment and ex-coupon dates without a word.
        if (name && !broken.has(name)) broken.set(name, r.errors[0].message);
        continue;
      }
      const d = day(r.values.date)!;
      const list = byDates.get(name!);
      if (list) list.push(d);
      else byDates.set(name!, [d]);
    }
  }
  const byName = new Map<string, Calendar>();
  for (const [name, days] of byDates) byName.set(name, holidayCalendar(days, { name }));
  return { byName, broken };
}

function resolveCalendar(cals: Calendars, name: string | undefined, fallback: Calendar, where: CellLocation): Calendar {
  if (name === undefined) return fallback;
  const key = name.trim().toUpperCase();
  const bad = cals.broken.get(key);
  if (bad !== undefined) fail(where, `calendar '${name}' cannot be used: its holiday table has a bad row (${bad})`);
  const cal = cals.byName.get(key);
  if (cal) return cal;
  try {
    return calendarOf(name);
  } catch {
    const known = [...cals.byName.keys()];
    fail(
      where,
      `unknown calendar '${name}': not in the holiday table${known.length ? ` (which has ${known.join(", ")})` : ""} and not TARGET or WEEKEND`,
      "invalid",
      name,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Instruments: the balance at a date and the income of a span, from the coupon (or interest) periods

/**
 * An interest-bearing item as periods plus `cum(p, d)`: interest accrued from p.start to d.
 * The balance receivable (payable for a loan) at the end of day d, in the settlement-date
 * convention that bondAccrued uses (accrued at d = interest from period start to d):
 *   - cum(p, d) for the period with p.start <= d < p.end (cum coupon: the holder keeps the coupon,
 *     so an ex-coupon bond's negative accrued interest is shown with its coupon receivable);
 *   - the whole of any period's interest that has ended (p.end <= d) but is paid after d;
 *   - nothing for interest whose payment date is on or before d: it is expected in Payments.
 */
interface InterestLeg {
  periods: readonly Period[];
  cum(p: Period, d: Day): Decimal;
  /** Interest starts to accrue (issue, deposit start). */
  accrualStart: Day;
}

function legBalance(leg: InterestLeg, d: Day): Decimal {
  let total = ZERO;
  if (d < leg.accrualStart) return total;
  for (const p of leg.periods) {
    if (p.start <= d && d < p.end) total = total.plus(leg.cum(p, d));
    else if (p.end <= d && p.paymentDate > d) total = total.plus(leg.cum(p, p.end));
  }
  return total;
}

/** Income of (a, b]: per period, cum at the later bound minus cum at the earlier, so it telescopes exactly. */
function legIncome(
  leg: InterestLeg,
  a: Day,
  b: Day,
  describe: (p: Period, x: Day, y: Day, amount: Decimal) => ScheduleLine,
): {
  income: Decimal;
  lines: ScheduleLine[];
} {
  let income = ZERO;
  const lines: ScheduleLine[] = [];
  for (const p of leg.periods) {
    const x = Math.max(a, p.start);
    const y = Math.min(b, p.end);
    if (x >= y) continue;
    const amount = leg.cum(p, y).minus(x === p.start ? ZERO : leg.cum(p, x));
    income = income.plus(amount);
    lines.push(describe(p, x, y, amount));
  }
  return { income, lines };
}

function computeBond(t: Table, r: ParsedRecord, item: Item, cal: Calendar, from: Day, to: Day): Computed {
  const v = r.values;
  const what = `bond ${item.id}`;
  const face = need(dec(v.face), t, r.row, "face", what);
  if (!face.gt(0)) fail(cellAt(t, r.row, "face"), `face amount must be greater than 0, found ${face.toString()}`);
  const rate = checkRate(need(dec(v.rate), t, r.row, "rate", what), t, r.row, false);
  const frequency = frequencyOf(t, r.row, need(dec(v.frequency), t, r.row, "frequency", what));
  const dc = conventionOf(t, r.row, need(text(v.convention), t, r.row, "convention", what));
  const maturity = need(day(v.maturity), t, r.row, "maturity", what);
  const issue = day(v.issue);
  const firstCoupon = day(v.firstCoupon);
  const exDaysD = dec(v.exDays);
  let exCouponDays: number | undefined;
  if (exDaysD !== undefined) {
    if (!exDaysD.isInteger() || exDaysD.isNegative()) {
      fail(cellAt(t, r.row, "exDays"), `ex-coupon days must be a whole number, 0 or more, found ${exDaysD.toString()}`);
    }
    exCouponDays = exDaysD.isZero() ? undefined : exDaysD.toNumber();
  }
  if (issue !== undefined && issue >= maturity)
    fail(cellAt(t, r.row, "issue"), `issue ${formatIso(issue)} is not before maturity ${formatIso(maturity)}`);
  if (firstCoupon !== undefined && (firstCoupon > maturity || (issue !== undefined && firstCoupon <= issue))) {
    fail(
      cellAt(t, r.row, "firstCoupon"),
      `first coupon ${formatIso(firstCoupon)} must be after the issue date and not after maturity`,
    );
  }
  if (firstCoupon !== undefined && issue === undefined && from - 1 < firstCoupon) {
    fail(
      cellAt(t, r.row, "issue"),
      `the period starts before the first coupon ${formatIso(firstCoupon)}: the issue date is needed to know when interest started`,
    );
  }
  const base = {
    maturity,
    rate,
    frequency,
    convention: dc,
    face,
    issue,
    firstCoupon,
    exCouponDays,
    calendar: cal,
    exCouponCalendar: cal,
  };
  const rowWhere: CellLocation = { sheet: t.name, row: r.row };
  const lines: ScheduleLine[] = [];
  const notes: string[] = [];
  if (maturity <= from - 1) {
    notes.push(`matured ${formatIso(maturity)}, before the period`);
    return { closing: ZERO, openingComputed: ZERO, income: ZERO, lines, notes };
  }
  // The schedule starts a little before the period so that a coupon that ended before it but is paid
  // inside it (a payment date rolled over a weekend) is known.
  const firstNeeded = from - 1 - 40;
  const settlementForSchedule =
    issue !== undefined
      ? issue
      : firstCoupon !== undefined
        ? Math.max(firstNeeded, firstCoupon)
        : Math.min(firstNeeded, maturity - 1);
  const periods = engine(rowWhere, `coupon schedule of ${item.id}`, () =>
    bondSchedule({ ...base, settlement: settlementForSchedule }),
  );
  const ctxOf = (p: Period) => periodContext(p, dc, { frequency, maturity, calendar: cal });
  const leg: InterestLeg = {
    periods,
    accrualStart: issue ?? periods[0].start,
    cum: (p, d) => face.times(rate).times(yearFractionDecimal(dc, p.start, d, ctxOf(p))),
  };
  const couponOf = (p: Period) => leg.cum(p, p.end);

  /** bondAccrued at d (what the brief and the market call accrued interest), plus coupons receivable. */
  const balanceAt = (d: Day, label: string): Decimal => {
    if (d < leg.accrualStart) {
      lines.push({ line: `${label}: not yet accruing (issue ${formatIso(leg.accrualStart)})`, to: d, amount: ZERO });
      return ZERO;
    }
    let total = ZERO;
    if (d < maturity) {
      const b = engine(rowWhere, `accrued interest of ${item.id} at ${formatIso(d)}`, () =>
        bondAccrued({ ...base, settlement: d }),
      );
      total = total.plus(b.accrued);
      lines.push({
        line: `${label}: accrued interest (bondAccrued${b.exCoupon ? ", ex coupon" : ""})`,
        from: b.exCoupon ? d : b.period.start,
        to: b.exCoupon ? b.period.end : d,
        periodStart: b.period.start,
        periodEnd: b.period.end,
        paymentDate: b.period.paymentDate,
        exDate: b.period.exDate,
        convention: dc.name,
        days: b.days,
        yearFraction: b.yearFraction,
        base: face,
        rate,
        amount: b.accrued,
      });
      if (b.exCoupon) {
        const c = couponOf(b.period);
        total = total.plus(c);
        lines.push({
          line: `${label}: coupon receivable (traded ex on ${formatIso(b.period.exDate!)}, paid ${formatIso(b.period.paymentDate)})`,
          periodStart: b.period.start,
          periodEnd: b.period.end,
          paymentDate: b.period.paymentDate,
          exDate: b.period.exDate,
          convention: dc.name,
          base: face,
          rate,
          amount: c,
        });
      }
    }
    for (const p of periods) {
      if (p.end <= d && p.paymentDate > d) {
        const c = couponOf(p);
        total = total.plus(c);
        lines.push({
          line: `${label}: coupon receivable (period ended ${formatIso(p.end)}, paid ${formatIso(p.paymentDate)})`,
          periodStart: p.start,
          periodEnd: p.end,
          paymentDate: p.paymentDate,
          convention: dc.name,
          base: face,
          rate,
          amount: c,
        });
      }
    }
    return total;
  };

  const openingComputed = balanceAt(from - 1, `Opening at ${formatIso(from - 1)}`);
  const inc = legIncome(leg, from - 1, to, (p, x, y, amount) => ({
    line: "Interest earned in the period",
    from: x,
    to: y,
    periodStart: p.start,
    periodEnd: p.end,
    paymentDate: p.paymentDate,
    exDate: p.exDate,
    convention: dc.name,
    days: dc.days(x, y, ctxOf(p)),
    yearFraction: yearFractionDecimal(dc, p.start, y, ctxOf(p)).minus(
      x === p.start ? ZERO : yearFractionDecimal(dc, p.start, x, ctxOf(p)),
    ),
    base: face,
    rate,
    amount,
  }));
  lines.push(...inc.lines);
  for (const p of periods) {
    if (p.paymentDate >= from && p.paymentDate <= to) {
      lines.push({
        line: "Coupon due in the period",
        periodStart: p.start,
        periodEnd: p.end,
        paymentDate: p.paymentDate,
        exDate: p.exDate,
        convention: dc.name,
        yearFraction: yearFractionDecimal(dc, p.start, p.end, ctxOf(p)),
        base: face,
        rate,
        amount: couponOf(p),
      });
    }
  }
  const closing = balanceAt(to, `Closing at ${formatIso(to)}`);
  return { closing, openingComputed, income: inc.income, lines, notes };
}

function computeDeposit(t: Table, r: ParsedRecord, item: Item, cal: Calendar, from: Day, to: Day): Computed {
  const v = r.values;
  const what = `${item.type.toLowerCase()} ${item.id}`;
  const principal = need(dec(v.face), t, r.row, "face", what);
  if (principal.isZero() || principal.isNegative()) {
    fail(cellAt(t, r.row, "face"), `principal must be greater than 0, found ${principal.toString()}`);
  }
  const rate = checkRate(need(dec(v.rate), t, r.row, "rate", what), t, r.row, true);
  const dc = conventionOf(t, r.row, need(text(v.convention), t, r.row, "convention", what));
  if (dc === ACT_ACT_ICMA || dc === ACT_365L) {
    fail(
      cellAt(t, r.row, "convention"),
      `${dc.name} needs a coupon schedule; a ${item.type.toLowerCase()} accrues on e.g. ACT/360 or ACT/365F`,
    );
  }
  const start = need(day(v.start) ?? day(v.issue), t, r.row, "start", what);
  const maturity = need(day(v.maturity), t, r.row, "maturity", what);
  if (maturity <= start)
    fail(cellAt(t, r.row, "maturity"), `maturity ${formatIso(maturity)} is not after the start ${formatIso(start)}`);
  const fD = dec(v.frequency);
  const rowWhere: CellLocation = { sheet: t.name, row: r.row };
  let periods: Period[];
  if (fD !== undefined) {
    const frequency = frequencyOf(t, r.row, fD);
    periods = engine(rowWhere, `interest periods of ${item.id}`, () =>
      generateSchedule({ start, maturity, frequency, calendar: cal }),
    );
  } else {
    // A term deposit pays its interest at maturity.
    periods = [{ start, end: maturity, paymentDate: maturity, isStub: false }];
  }
  const leg: InterestLeg = {
    periods,
    accrualStart: start,
    cum: (p, d) =>
      d <= p.start
        ? ZERO
        : engine(rowWhere, `interest of ${item.id}`, () =>
            depositInterest({ start: p.start, end: d, principal, rate, convention: dc, calendar: cal }),
          ).interest,
  };
  const lines: ScheduleLine[] = [];
  const describeBalance = (d: Day, label: string): Decimal => {
    const bal = legBalance(leg, d);
    const p = periods.find((x) => x.start <= d && d < x.end);
    if (p && d >= start) {
      const di = depositInterest({ start: p.start, end: d, principal, rate, convention: dc, calendar: cal });
      lines.push({
        line: `${label}: interest accrued since ${formatIso(p.start)}`,
        from: p.start,
        to: d,
        periodStart: p.start,
        periodEnd: p.end,
        paymentDate: p.paymentDate,
        convention: dc.name,
        days: di.days,
        yearFraction: di.yearFraction,
        base: principal,
        rate,
        amount: di.interest,
      });
    } else {
      lines.push({ line: `${label}: ${d < start ? "not started" : "matured"}`, to: d, amount: bal });
    }
    return bal;
  };
  const openingComputed = describeBalance(from - 1, `Opening at ${formatIso(from - 1)}`);
  const inc = legIncome(leg, from - 1, to, (p, x, y, amount) => ({
    line: item.type === "LOAN" ? "Interest charged in the period" : "Interest earned in the period",
    from: x,
    to: y,
    periodStart: p.start,
    periodEnd: p.end,
    paymentDate: p.paymentDate,
    convention: dc.name,
    days: dc.days(x, y, { maturity: p.end, calendar: cal }),
    base: principal,
    rate,
    amount,
  }));
  lines.push(...inc.lines);
  for (const p of periods) {
    if (p.paymentDate >= from && p.paymentDate <= to) {
      lines.push({
        line: "Interest due in the period",
        periodStart: p.start,
        periodEnd: p.end,
        paymentDate: p.paymentDate,
        convention: dc.name,
        base: principal,
        rate,
        amount: leg.cum(p, p.end),
      });
    }
  }
  const closing = describeBalance(to, `Closing at ${formatIso(to)}`);
  return { closing, openingComputed, income: inc.income, lines, notes: [] };
}

// ---------------------------------------------------------------------------------------------
// Fees

function parseTiers(t: Table, row: number, s: string): RateBand[] {
  const where = cellAt(t, row, "tiers");
  const bands: RateBand[] = [];
  const parts = s
    .split(";")
    .map((x) => x.trim())
    .filter((x) => x !== "");
  if (parts.length === 0)
    fail(
      where,
      `tiers '${s}' has no bands: write them as floor:rate;floor:rate, e.g. 0:0.0100;100000000:0.0075`,
      "invalid",
      s,
    );
  for (const part of parts) {
    const bits = part.split(":");
    if (bits.length !== 2) fail(where, `tier '${part}' is not floor:rate (e.g. 100000000:0.0075)`, "invalid", s);
    const floor = parseNumberCell(bits[0].trim());
    const rate = parseNumberCell(bits[1].trim());
    if (!floor.ok) fail(where, `tier '${part}': the breakpoint ${floor.detail}`, "not-a-number", s);
    if (!rate.ok) fail(where, `tier '${part}': the rate ${rate.detail}`, "not-a-number", s);
    if (rate.value.abs().gt(1))
      fail(
        where,
        `tier '${part}': rate ${rate.value.toString()} is more than 100%: write 0.0075 or 0.75%`,
        "invalid",
        s,
      );
    bands.push({ floor: floor.value, rate: rate.value });
  }
  try {
    checkSchedule({ kind: "marginal", bands });
  } catch (e) {
    if (e instanceof FeeError) fail(where, `tiers '${s}': ${e.message}`, "invalid", s);
    throw e;
  }
  return bands;
}

function daysInYearOf(t: Table, row: number, s: string | undefined, fallback: DaysInYearPolicy): DaysInYearPolicy {
  if (s === undefined) return fallback;
  const k = s.trim().toLowerCase().replace(/\s+/g, "");
  if (k === "365" || k === "365f" || k === "fixed") return "365";
  if (k === "360") return "360";
  if (k === "actual" || k === "act" || k === "366" || k === "365/366" || k === "actual/actual") return "actual";
  fail(cellAt(t, row, "daysInYear"), `days in year must be 365, 360 or Actual, found '${s}'`, "invalid", s);
}

function feeBaseOf(t: Table, row: number, s: string | undefined): FeeBase {
  if (s === undefined || s === "NAV" || s === "PRIOR NAV" || s === "PRIOR-DAY NAV") return "prior-nav";
  if (s === "GAV") return "gav";
  if (s === "AVERAGE" || s === "AVERAGE NAV" || s === "ANA") return "average";
  fail(cellAt(t, row, "base"), `fee base must be NAV, GAV or AVERAGE, found '${s}'`, "invalid", s);
}

interface NavSeries {
  points: NavPoint[];
  rows: number[];
  /** Per point (performance fees): NAV per share and shares in issue, when the cells are filled. */
  perShare: (Decimal | undefined)[];
  shares: (Decimal | undefined)[];
  table: Table;
  /** Why the series cannot be used (bad or duplicate rows), if so. */
  broken?: string;
  label: string;
}

function buildNav(t: Table | undefined, problems: Problems): NavSeries | undefined {
  if (!t) return undefined;
  if (!t.usable)
    return {
      points: [],
      rows: [],
      perShare: [],
      shares: [],
      table: t,
      broken: `the ${t.name} sheet cannot be read (see its error)`,
      label: t.name,
    };
  let broken: string | undefined;
  const good: { p: NavPoint; row: number; perShare?: Decimal; shares?: Decimal }[] = [];
  for (const r of t.records) {
    if (r.errors.length > 0) {
      for (const e of r.errors) problems.add(e);
      broken ??= r.errors[0].message;
      continue;
    }
    good.push({
      p: { day: day(r.values.date)!, nav: dec(r.values.nav)!, gav: dec(r.values.gav) },
      row: r.row,
      perShare: dec(r.values.perShare),
      shares: dec(r.values.shares),
    });
  }
  good.sort((a, b) => a.p.day - b.p.day || a.row - b.row);
  for (let i = 1; i < good.length; i++) {
    if (good[i].p.day !== good[i - 1].p.day) continue;
    const e = new InputError(
      "duplicate-key",
      cellAt(t, good[i].row, "date"),
      `NAV date ${formatIso(good[i].p.day)} appears twice (rows ${good[i - 1].row} and ${good[i].row}); keep one`,
    );
    problems.add(e);
    broken ??= e.message;
  }
  return {
    points: good.map((g) => g.p),
    rows: good.map((g) => g.row),
    perShare: good.map((g) => g.perShare),
    shares: good.map((g) => g.shares),
    table: t,
    broken,
    label: t.name,
  };
}

function computeFee(
  t: Table,
  r: ParsedRecord,
  item: Item,
  nav: NavSeries | undefined,
  from: Day,
  to: Day,
  opening: Decimal,
  payments: PaymentRow[],
): Computed {
  const v = r.values;
  const rowWhere: CellLocation = { sheet: t.name, row: r.row };
  const lines: ScheduleLine[] = [];
  if (item.type === "EXPENSE") {
    const budget = need(dec(v.annualAmount), t, r.row, "annualAmount", `expense ${item.id}`);
    const m = (text(v.method) ?? "per-day").trim().toLowerCase().replace(/\s+/g, "-");
    if (m !== "per-day" && m !== "per-year" && m !== "per-month") {
      fail(
        cellAt(t, r.row, "method"),
        `expense method must be per-day, per-year or per-month, found '${text(v.method)}'`,
      );
    }
    const terms = {
      annualBudget: budget,
      method: m as ExpenseMethod,
      daysInYear: daysInYearOf(t, r.row, text(v.daysInYear), "actual"),
      currency: item.currency,
    };
    const rf = engine(rowWhere, `expense ${item.id}`, () =>
      rollForwardExpense(
        terms,
        { start: from, end: to },
        opening,
        payments.map((p) => ({ day: p.day, amount: p.amount })),
      ),
    );
    for (const row of rf.rows) {
      lines.push({
        line: "Daily expense",
        from: row.day,
        to: row.day,
        base: budget,
        amount: row.accrued,
        note: `method ${m}${m === "per-day" ? `, days in year ${terms.daysInYear}` : ""}`,
      });
      if (!row.trueUp.isZero()) {
        lines.push({
          line: "True-up at payment",
          from: row.day,
          to: row.day,
          amount: row.trueUp,
          note: `paid ${row.paid.toFixed()}`,
        });
      }
    }
    return {
      expense: { accrued: rf.accrued, trueUp: rf.trueUp, paid: rf.paid, closing: rf.closing },
      lines,
      notes: rf.trueUp.isZero()
        ? []
        : [`true-up of ${fmtMoney(rf.trueUp, item.currency)} at payment included in accrued`],
    };
  }
  // MGMT and ADMIN: a fee on NAV (or GAV or average net assets).
  const what = `${item.type === "MGMT" ? "management" : "administration"} fee ${item.id}`;
  const tiersText = text(v.tiers);
  const rate = dec(v.rate);
  if (tiersText !== undefined && rate !== undefined) {
    fail(cellAt(t, r.row, "tiers"), `${what} has both a Rate and Tiers: give one`);
  }
  let schedule: RateSchedule;
  if (tiersText !== undefined) {
    const method = (text(v.tierMethod) ?? "marginal").trim().toLowerCase();
    if (method !== "marginal" && method !== "tiered" && method !== "cliff") {
      fail(
        cellAt(t, r.row, "tierMethod"),
        `tier method must be marginal (tiered) or cliff, found '${text(v.tierMethod)}'`,
      );
    }
    schedule = { kind: method === "cliff" ? "cliff" : "marginal", bands: parseTiers(t, r.row, tiersText) };
  } else {
    schedule = { kind: "flat", rate: checkRate(need(rate, t, r.row, "rate", what), t, r.row, false) };
  }
  const base = feeBaseOf(t, r.row, text(v.base));
  const minimum = dec(v.minimum);
  if (minimum !== undefined && minimum.isNegative())
    fail(cellAt(t, r.row, "minimum"), `minimum must not be negative, found ${minimum.toString()}`);
  const daysInYear = daysInYearOf(t, r.row, text(v.daysInYear), "365");
  if (!nav)
    fail(
      cellAt(t, r.row, "base"),
      `${what} accrues on the fund's ${base === "gav" ? "GAV" : "NAV"}, but no NAV sheet was given`,
    );
  if (nav.broken) fail({ sheet: nav.label }, `${what} cannot be accrued: the NAV series has a bad row (${nav.broken})`);
  const res = (() => {
    try {
      return accrueManagementFee(
        { schedule, base, daysInYear, annualMinimum: minimum, currency: item.currency },
        nav.points,
        { start: from, end: to },
      );
    } catch (e) {
      if (e instanceof FeeError) {
        if (e.field === "navSeries" && e.index !== undefined) {
          fail({ sheet: nav.label, row: nav.rows[e.index] }, `${what}: ${e.message}`);
        }
        fail(rowWhere, `${what}: ${e.message}`);
      }
      throw e;
    }
  })();
  for (const d of res.days) {
    lines.push({
      line: "Daily fee",
      from: d.day,
      to: d.day,
      base: d.base,
      rate: d.rate,
      amount: d.amount,
      note: `${base === "gav" ? "GAV" : base === "average" ? "average NAV" : "NAV"} of ${formatIso(d.baseDay)}; days in year ${daysInYear}`,
    });
  }
  const notes: string[] = [];
  if (!res.minimumTrueUp.isZero()) {
    lines.push({
      line: "Minimum fee true-up",
      from,
      to,
      base: minimum,
      amount: res.minimumTrueUp,
      note: `period minimum ${res.periodMinimum.toFixed()} vs accrued ${res.accrued.toFixed()}`,
    });
    notes.push(`minimum fee applies: topped up by ${fmtMoney(res.minimumTrueUp, item.currency)}`);
  }
  return { accrued: res.total, lines, notes };
}

// ---------------------------------------------------------------------------------------------
// Performance fees

/** Months between crystallisations: annual unless the Crystallisation cell says otherwise. */
function crystallisationMonthsOf(t: Table, row: number, s: string | undefined): number {
  if (s === undefined) return 12;
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  const named: Record<string, number> = {
    annual: 12,
    annually: 12,
    yearly: 12,
    semiannual: 6,
    semiannually: 6,
    halfyearly: 6,
    quarterly: 3,
    monthly: 1,
  };
  let months = named[k];
  const m = /^(\d+)(m|month|months|y|year|years)?$/.exec(k);
  if (months === undefined && m) months = Number(m[1]) * (m[2] && m[2].startsWith("y") ? 12 : 1);
  const where = cellAt(t, row, "crystallisation");
  if (months === undefined || months < 1)
    fail(where, `crystallisation must be annual (or a number of months, 12 or more), found '${s}'`, "invalid", s);
  if (months < 12) {
    fail(
      where,
      `crystallisation every ${months} month${months === 1 ? "" : "s"} is more often than once a year, which ESMA34-39-992 guideline 3 does not allow; the workflow accrues annual (or longer) periods`,
      "invalid",
      s,
    );
  }
  return months;
}

/**
 * A performance fee (computePerformanceFee's rules, docs/fees.md) accrued over the month: the engine
 * runs over every NAV of the current crystallisation period up to `to`, starting from an anchor at
 * Period Start priced at the HWM (no fee there by definition; the hurdle is measured from it).
 * Opening = the accrual at the last NAV on or before from - 1, closing = the same at `to`, and what
 * crystallised in between (period end or redemption) is the period's payment.
 */
function computePerf(t: Table, r: ParsedRecord, item: Item, nav: NavSeries | undefined, from: Day, to: Day): Computed {
  const v = r.values;
  const what = `performance fee ${item.id}`;
  const rate = checkRate(need(dec(v.rate), t, r.row, "rate", what), t, r.row, false);
  if (rate.gte(1)) fail(cellAt(t, r.row, "rate"), `performance fee rate must be below 100%, found ${rate.toString()}`);
  const hwm = need(dec(v.hwm), t, r.row, "hwm", what);
  if (!hwm.gt(0))
    fail(cellAt(t, r.row, "hwm"), `high water mark (per share) must be greater than 0, found ${hwm.toString()}`);
  const periodStart = need(day(v.periodStart), t, r.row, "periodStart", what);
  if (periodStart > to) {
    fail(
      cellAt(t, r.row, "periodStart"),
      `period start ${formatIso(periodStart)} is after the end of the accrual period ${formatIso(to)}`,
    );
  }
  const months = crystallisationMonthsOf(t, r.row, text(v.crystallisation));
  const hurdleRate = dec(v.hurdle);
  let hurdle: Hurdle = { kind: "none" };
  let daysInYear: DaysInYearPolicy = "365";
  if (hurdleRate !== undefined && !hurdleRate.isZero()) {
    if (hurdleRate.isNegative() || hurdleRate.gt(1)) {
      fail(
        cellAt(t, r.row, "hurdle"),
        `hurdle must be an annual rate from 0 to 100% (0.05 or 5%), found ${hurdleRate.toString()}`,
        "invalid",
        rawOf(t, r.row, "hurdle"),
      );
    }
    daysInYear = daysInYearOf(t, r.row, text(v.daysInYear), "365");
    hurdle = { kind: "fixed", annualRate: hurdleRate, daysInYear };
  }
  const typeText = text(v.hurdleType)?.trim().toLowerCase();
  if (typeText !== undefined && typeText !== "soft" && typeText !== "hard")
    fail(cellAt(t, r.row, "hurdleType"), `hurdle type must be soft or hard, found '${text(v.hurdleType)}'`);
  const hurdleType: HurdleType = typeText === "soft" ? "soft" : "hard";

  if (!nav)
    fail(cellAt(t, r.row, "type"), `${what} needs the fund's NAV per share and shares, but no NAV sheet was given`);
  if (nav.broken) fail({ sheet: nav.label }, `${what} cannot be accrued: the NAV series has a bad row (${nav.broken})`);
  const nt = nav.table;
  for (const [field, label, alias] of [
    ["perShare", "NAV per share", "GAV per share"],
    ["shares", "Shares", "Shares Outstanding"],
  ] as const) {
    if (nt.mapping[field] === undefined) {
      fail(
        { sheet: nt.name, row: nt.headerRow, column: label },
        `${what} needs a '${label}' column (or '${alias}') on the ${nt.name} sheet, and header row ${nt.headerRow} has none`,
        "missing-column",
      );
    }
  }
  // Every NAV of the current period up to `to`; each needs both per-share cells.
  const idx: number[] = [];
  nav.points.forEach((p, i) => {
    if (p.day > periodStart && p.day <= to) idx.push(i);
  });
  for (const i of idx) {
    for (const [field, vals] of [
      ["perShare", nav.perShare],
      ["shares", nav.shares],
    ] as const) {
      if (vals[i] === undefined) {
        const where = cellAt(nt, nav.rows[i], field);
        fail(
          where,
          `${what} needs '${where.column}' on every NAV date from ${formatIso(periodStart + 1)} to ${formatIso(to)}; the cell for ${formatIso(nav.points[i].day)} is blank`,
          "blank",
        );
      }
    }
  }
  const lastDay = idx.length ? nav.points[idx[idx.length - 1]].day : periodStart;
  if (lastDay < from) {
    fail(
      { sheet: nt.name, column: "Date" },
      `${what} has no NAV per share in ${formatIso(from)} to ${formatIso(to)} (the last is ${formatIso(lastDay)}); the period's accrual would be stale`,
    );
  }

  const firstCrystallisation = isLastDayOfMonth(periodStart)
    ? endOfMonth(addMonths(periodStart, months))
    : addMonths(periodStart, months);
  if (firstCrystallisation < from) {
    // The cells describe a period that closed before this month: its crystallisation moved the HWM
    // and restarted the hurdle, which only the fund's books know. Accruing on them would be silently wrong.
    fail(
      cellAt(t, r.row, "periodStart"),
      `the crystallisation period that opened on ${formatIso(periodStart)} ended on ${formatIso(firstCrystallisation)}, before ${formatIso(from)}: set Period Start and High Water Mark to those of the last crystallisation`,
      "invalid",
      rawOf(t, r.row, "periodStart"),
    );
  }
  const terms: PerformanceFeeTerms = {
    rate,
    initialPrice: hwm,
    hurdle,
    hurdleType,
    crystallisationMonths: months,
    firstCrystallisation,
    currency: item.currency,
  };
  const rowWhere: CellLocation = { sheet: t.name, row: r.row };
  const calc = engine(rowWhere, what, () => new PerformanceFeeCalculator(terms));
  // The series is complete up to `to`: the last NAV on or before a period end that is not after
  // `to` closes that period (the engine's own series rule would wait for a NAV after it).
  const lastOf = (k: number) => (end: Day) => (k + 1 < idx.length ? nav.points[idx[k + 1]].day > end : end <= to);
  const anchorShares = idx.length ? nav.shares[idx[0]]! : ZERO;
  engine(rowWhere, what, () =>
    calc.step({ day: periodStart, gav: hwm, shares: anchorShares }, 0, (end) =>
      idx.length ? nav.points[idx[0]].day > end : end <= to,
    ),
  );
  const rows: PerfFeeRow[] = idx.map((i, k) =>
    engine({ sheet: nt.name, row: nav.rows[i] }, what, () =>
      calc.step({ day: nav.points[i].day, gav: nav.perShare[i]!, shares: nav.shares[i]! }, k + 1, lastOf(k)),
    ),
  );
  const accrualAfter = (row: PerfFeeRow | undefined) => (row === undefined || row.crystallises ? ZERO : row.accrual);
  const openingRow = [...rows].reverse().find((x) => x.day <= from - 1);
  const closingRow = rows[rows.length - 1];

  const hurdleText =
    hurdle.kind === "fixed"
      ? `hurdle ${hurdleRate!.times(100).toString()}% a year (${hurdleType}), simple, days in year ${daysInYear}`
      : "no hurdle";
  const lines: ScheduleLine[] = [
    {
      line: "Period start: HWM per share, hurdle measured from here",
      from: periodStart,
      periodStart,
      periodEnd: firstCrystallisation,
      rate,
      hwm,
      hurdleNav: hwm,
      note: `rate ${rate.times(100).toString()}% of the excess; ${hurdleText}; crystallisation every ${months} months`,
    },
  ];
  rows.forEach((row, k) => {
    const excess = row.gav.gt(row.threshold) ? row.gav.minus(hurdleType === "soft" ? row.hwm : row.threshold) : ZERO;
    // The day's expense (negative: write-back) to 6 decimals; the Amount column has the accrual exactly.
    const notes = [`change ${row.change.toFixed(6)}`];
    if (!row.redemptionFee.isZero()) notes.push(`fee on redeemed shares ${row.redemptionFee.toFixed()} crystallised`);
    if (row.crystallises) notes.push("crystallises: the accrual becomes payable and the next period starts at 0");
    lines.push({
      line: row.day < from ? "Performance fee at NAV (before the period)" : "Performance fee at NAV",
      from: row.day,
      to: row.day,
      periodEnd: row.periodEnd,
      rate,
      amount: row.accrual,
      perShare: row.gav,
      hwm: row.hwm,
      hurdleNav: row.hurdleNav,
      excess,
      feePerShare: row.feePerShare,
      shares: nav.shares[idx[k]],
      note: notes.join("; "),
    });
  });
  const crystallised: PaymentRow[] = [];
  const notes: string[] = [];
  if (periodStart >= from) {
    // A launch in the month opens at 0. A crystallisation earlier in the month cannot be replayed from
    // these cells (it belongs to the previous period's HWM and start), so say what was assumed.
    notes.push(
      `the crystallisation period starts inside the month (${formatIso(periodStart)}): opening taken as 0 (a launch); if a crystallisation ended the previous period this month, run the month with that period's Period Start and High Water Mark`,
    );
  }
  for (const c of calc.crystallisations) {
    if (c.day < from || c.day > to) continue;
    const label = c.reason === "period-end" ? "period end" : "redemption";
    lines.push({
      line: `Crystallised (${label})`,
      from: c.day,
      to: c.day,
      periodEnd: c.periodEnd,
      amount: c.amount,
      feePerShare: c.feePerShare,
      hwm: c.hwmAfter,
      note: `HWM ${c.hwmBefore.toFixed()} -> ${c.hwmAfter.toFixed()}`,
    });
    notes.push(
      `crystallised ${fmtMoney(c.amount, item.currency)} on ${formatIso(c.day)} (${label}); HWM ${c.hwmBefore.toFixed()} -> ${c.hwmAfter.toFixed()}`,
    );
    if (!c.amount.isZero())
      crystallised.push({
        day: c.day,
        amount: c.amount,
        row: r.row,
        description: `performance fee crystallised at ${label}`,
      });
  }
  const openingComputed = accrualAfter(openingRow);
  const closing = accrualAfter(closingRow);
  lines.push({
    line: openingRow
      ? `Opening: accrual at the NAV of ${formatIso(openingRow.day)}`
      : "Opening: no NAV since the period start",
    to: openingRow?.day ?? periodStart,
    amount: openingComputed,
  });
  lines.push({
    line: closingRow
      ? `Closing: accrual at the NAV of ${formatIso(closingRow.day)}`
      : "Closing: no NAV since the period start",
    to: closingRow?.day ?? periodStart,
    amount: closing,
  });
  const first = idx.length ? nav.rows[idx[0]] : undefined;
  const last = idx.length ? nav.rows[idx[idx.length - 1]] : undefined;
  return {
    openingComputed,
    closing,
    perf: {
      crystallised,
      openingFrom: openingRow
        ? `computed at NAV of ${formatIso(openingRow.day)}`
        : `computed at period start ${formatIso(periodStart)} (0)`,
      navRows: first === undefined ? "" : `${nt.name}!${first === last ? first : `${first}-${last}`}`,
    },
    lines,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function fmtMoney(d: Decimal, currency: string): string {
  const units = minorUnits(currency);
  const [i, f] = d.abs().toFixed(units).split(".");
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${d.isNegative() && !d.isZero() ? "-" : ""}${grouped}${f ? "." + f : ""}`;
}

const MONEY = "#,##0.00;[Red]-#,##0.00";
const DATE = "yyyy-mm-dd";

interface JournalLine {
  date: Day;
  journal: string;
  account: string;
  debit?: Decimal;
  credit?: Decimal;
  currency: string;
  item: string;
  narrative: string;
}

const ACCOUNTS: Record<Item["side"], { balance: string; pnl: string }> = {
  asset: { balance: "Interest receivable", pnl: "Interest income" },
  liability: { balance: "Interest payable", pnl: "Interest expense" },
};

function accountsOf(item: Item): { balance: string; pnl: string } {
  if (item.type === "PERF") return { balance: "Performance fee payable", pnl: "Performance fee expense" };
  if (item.type === "MGMT" || item.type === "ADMIN" || item.type === "EXPENSE")
    return { balance: "Fees payable", pnl: "Fee expense" };
  return ACCOUNTS[item.side];
}

/**
 * Double entries. An asset accrual debits the receivable; a liability accrual debits the expense.
 * Negative amounts swap sides so that every line carries a positive amount.
 */
function journalFor(o: Outcome, to: Day, next: (kind: "ACR" | "PAY") => string): JournalLine[] {
  const { item } = o;
  const acc = accountsOf(item);
  const out: JournalLine[] = [];
  const pair = (kind: "ACR" | "PAY", date: Day, drAcc: string, crAcc: string, amount: Decimal, narrative: string) => {
    if (amount.isZero()) return;
    const [dr, cr] = amount.isNegative() ? [crAcc, drAcc] : [drAcc, crAcc];
    const a = amount.abs();
    const journal = next(kind);
    out.push({ date, journal, account: dr, debit: a, currency: item.currency, item: item.id, narrative });
    out.push({ date, journal, account: cr, credit: a, currency: item.currency, item: item.id, narrative });
  };
  const accruedText =
    item.side === "asset"
      ? "interest accrued"
      : item.type === "LOAN"
        ? "interest charged"
        : item.type === "PERF"
          ? o.accrued.isNegative()
            ? "performance fee reversed (accrual written back)"
            : "performance fee accrued"
          : "fee accrued";
  if (item.side === "asset")
    pair("ACR", to, acc.balance, acc.pnl, o.accrued, `${item.id} ${accruedText} in the period`);
  else pair("ACR", to, acc.pnl, acc.balance, o.accrued, `${item.id} ${accruedText} in the period`);
  for (const p of o.payments) {
    const what = p.description ? ` (${p.description})` : "";
    if (item.side === "asset") pair("PAY", p.day, "Cash", acc.balance, p.amount, `${item.id} received${what}`);
    else pair("PAY", p.day, acc.balance, "Cash", p.amount, `${item.id} paid${what}`);
  }
  return out;
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new Error("Cancelled by the user; nothing was written.");
}

/** Decimal of a number as written to a cell: what the check recomputes from. */
function asWritten(d: Decimal): Decimal {
  return new Decimal(d.toNumber());
}

// ---------------------------------------------------------------------------------------------
// The run

const INSTRUMENT_TYPES = new Set(["BOND", "DEPOSIT", "LOAN"]);
const FEE_TYPES = new Set(["MGMT", "ADMIN", "EXPENSE", "PERF"]);

export async function runAccruals(
  port: WorkbookPort,
  req: AccrualsRequest,
  progress: Progress = () => undefined,
  signal?: AbortSignal,
): Promise<AccrualsResult> {
  const { from, to } = req;
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from) {
    throw new InputError(
      "invalid",
      { sheet: "(settings)", column: "Period" },
      `the period must end on or after its start (from ${formatIso(from)} to ${formatIso(to)})`,
    );
  }
  const problems = new Problems();

  // 1. Read every table before computing anything.
  const sources: [keyof AccrualsRequest, string, readonly FieldSpec[]][] = [
    ["instruments", "Instruments", INSTRUMENT_FIELDS],
    ["fees", "Fees", FEE_FIELDS],
    ["nav", "NAV", NAV_FIELDS],
    ["opening", "Opening", OPENING_FIELDS],
    ["payments", "Payments", PAYMENT_FIELDS],
    ["holidays", "Holidays", HOLIDAY_FIELDS],
  ];
  const tables: Partial<Record<string, Table>> = {};
  let k = 0;
  for (const [key, label, specs] of sources) {
    k++;
    const ref = req[key] as SourceRef | undefined;
    if (!ref) continue;
    progress((0.4 * k) / sources.length, `Reading ${label}`);
    tables[key] = await readTable(port, ref, specs, problems);
    checkAborted(signal);
  }
  const inst = tables.instruments!;
  const outputSystem: DateSystem = req.outputDateSystem ?? inst.grid.dateSystem;

  // 2. Calendars, NAV, items (with duplicate Ids), opening balances and payments.
  progress(0.45, "Checking items");
  const cals = buildCalendars(tables.holidays, problems);
  const defaultCalendar = resolveCalendar(cals, req.calendar, weekendCalendar(), {
    sheet: "(settings)",
    column: "Calendar",
  });
  const nav = buildNav(tables.nav, problems);

  interface Candidate {
    t: Table;
    r: ParsedRecord;
    item: Item;
  }
  const candidates: Candidate[] = [];
  const leftOut = new Set<string>();
  const byKey = new Map<string, Candidate[]>();
  for (const t of [inst, tables.fees]) {
    if (!t) continue;
    const isFees = t === tables.fees;
    for (const r of t.records) {
      const id = text(r.values.id);
      if (r.errors.length > 0) {
        for (const e of r.errors) problems.add(e, id);
        if (id) leftOut.add(idKey(id));
        continue;
      }
      const type = text(r.values.type)!;
      const allowed = isFees ? FEE_TYPES : INSTRUMENT_TYPES;
      if (!allowed.has(type)) {
        problems.add(
          new InputError(
            "invalid",
            cellAt(t, r.row, "type"),
            `unknown ${isFees ? "fee" : "instrument"} type '${type}': expected ${[...allowed].join(", ")}`,
            type,
          ),
          id,
        );
        leftOut.add(idKey(id!));
        continue;
      }
      const item: Item = {
        id: id!,
        key: idKey(id!),
        type: type as ItemType,
        description: text(r.values.description) ?? "",
        currency: text(r.values.currency)!,
        sheet: t.name,
        row: r.row,
        side: type === "LOAN" || isFees ? "liability" : "asset",
      };
      const c = { t, r, item };
      candidates.push(c);
      const list = byKey.get(item.key);
      if (list) list.push(c);
      else byKey.set(item.key, [c]);
    }
  }
  const duplicates = new Set<string>();
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    duplicates.add(key);
    leftOut.add(key);
    const all = list.map((c) => `${c.t.name}!${c.r.row}`).join(", ");
    for (const c of list) {
      problems.add(
        new InputError(
          "duplicate-key",
          cellAt(c.t, c.r.row, "id"),
          `Id '${c.item.id}' is used by more than one item (${all}); every item needs its own Id`,
          c.item.id,
        ),
        c.item.id,
      );
    }
  }
  const knownKeys = new Set(byKey.keys());

  /**
   * The item key of an Opening or Payments row, or undefined when the row cannot be used: its own
   * cell errors are reported (and the item marked, so its roll-forward is not shown half-fed), and an
   * Id that is on neither the Instruments nor the Fees sheet is reported by sheet, row and column.
   */
  const itemKeyOf = (
    t: Table,
    r: Table["records"][number],
    id: string | undefined,
    what: string,
    bad: Set<string>,
  ): string | undefined => {
    const key = id ? idKey(id) : undefined;
    if (r.errors.length > 0) {
      for (const e of r.errors) problems.add(e, id);
      if (key) bad.add(key);
      return undefined;
    }
    if (!knownKeys.has(key!) && !leftOut.has(key!)) {
      problems.add(
        new InputError(
          "invalid",
          cellAt(t, r.row, "id"),
          `${what} for Id '${id}', which is not on the Instruments or Fees sheet`,
          id,
        ),
      );
      return undefined;
    }
    return key;
  };

  const openings = new Map<string, { amount: Decimal; row: number; where: string }>();
  const badOpening = new Set<string>();
  const openT = tables.opening;
  if (openT) {
    const seen = new Map<string, number>();
    for (const r of openT.records) {
      const id = text(r.values.id);
      const key = itemKeyOf(openT, r, id, "opening accrual", badOpening);
      if (key === undefined) continue;
      if (seen.has(key!)) {
        problems.add(
          new InputError(
            "duplicate-key",
            cellAt(openT, r.row, "id"),
            `Id '${id}' has a second opening accrual (rows ${seen.get(key!)} and ${r.row}); keep one`,
            id,
          ),
          id,
        );
        badOpening.add(key!);
        continue;
      }
      seen.set(key!, r.row);
      const col = cellAt(openT, r.row, "opening");
      openings.set(key!, {
        amount: dec(r.values.opening)!,
        row: r.row,
        where: `${openT.name}!${col.columnLetter ?? ""}${r.row}`,
      });
    }
  }

  const payments = new Map<string, PaymentRow[]>();
  const badPayment = new Set<string>();
  const payT = tables.payments;
  let paymentsOutside = 0;
  if (payT) {
    for (const r of payT.records) {
      const key = itemKeyOf(payT, r, text(r.values.id), "payment", badPayment);
      if (key === undefined) continue;
      const d = day(r.values.date)!;
      if (d < from || d > to) {
        paymentsOutside++;
        continue;
      }
      const p: PaymentRow = {
        day: d,
        amount: dec(r.values.amount)!,
        row: r.row,
        description: text(r.values.description),
      };
      const list = payments.get(key!);
      if (list) list.push(p);
      else payments.set(key!, [p]);
    }
  }

  // 3. Compute each item; an error in its inputs leaves it out and is reported.
  const outcomes: Outcome[] = [];
  const warnings: string[] = [];
  const openingNote = openT
    ? undefined
    : `no Opening sheet: instrument openings computed at ${formatIso(from - 1)}, performance fees at the last NAV on or before it, other fee openings 0`;
  let n = 0;
  for (const c of candidates) {
    n++;
    if (n % 16 === 0) {
      progress(0.45 + (0.25 * n) / candidates.length, `Accruing ${c.item.id}`);
      checkAborted(signal);
    }
    const { t, r, item } = c;
    if (duplicates.has(item.key)) continue;
    try {
      if (badOpening.has(item.key))
        fail(
          { sheet: openT!.name },
          `${item.id} is left out: its opening accrual row is wrong (see the error on ${openT!.name})`,
        );
      if (badPayment.has(item.key))
        fail(
          { sheet: payT!.name },
          `${item.id} is left out: one of its payment rows is wrong (see the error on ${payT!.name})`,
        );
      currencyOf(t, r.row, item.currency);
      const units = minorUnits(item.currency);
      const pays = (payments.get(item.key) ?? []).sort((a, b) => a.day - b.day || a.row - b.row);
      for (const p of pays) {
        if (p.amount.decimalPlaces() > units) {
          fail(
            cellAt(payT!, p.row, "amount"),
            `payment ${p.amount.toString()} has more decimals than ${item.currency} allows (${units})`,
            "invalid",
            p.amount.toString(),
          );
        }
      }
      const given = openings.get(item.key);
      if (given && given.amount.decimalPlaces() > units) {
        fail(
          cellAt(openT!, given.row, "opening"),
          `opening ${given.amount.toString()} has more decimals than ${item.currency} allows (${units})`,
          "invalid",
          given.amount.toString(),
        );
      }
      let paid = pays.reduce((s, p) => s.plus(p.amount), ZERO);
      /** The cash lines of the journal: the Payments rows, or a performance fee's crystallisations. */
      let cash = pays;
      const extraSources: string[] = [];
      const notes: string[] = [];
      let opening: Decimal;
      let accrued: Decimal;
      let closing: Decimal;
      let openingSource: string;
      let computed: Computed;
      if (INSTRUMENT_TYPES.has(item.type)) {
        const cal = resolveCalendar(cals, text(r.values.calendar), defaultCalendar, cellAt(t, r.row, "calendar"));
        computed =
          item.type === "BOND" ? computeBond(t, r, item, cal, from, to) : computeDeposit(t, r, item, cal, from, to);
        const openingCalc = roundMoney(computed.openingComputed!, item.currency);
        if (given) {
          opening = given.amount;
          openingSource = given.where;
          if (!opening.eq(openingCalc)) {
            notes.push(
              `opening ${fmtMoney(opening, item.currency)} differs from the computed ${fmtMoney(openingCalc, item.currency)} at ${formatIso(from - 1)}`,
            );
          }
        } else {
          opening = openingCalc;
          openingSource = `computed at ${formatIso(from - 1)}`;
        }
        closing = roundMoney(computed.closing!, item.currency);
        // Balance-based: what accrued is what the balance moved by, plus what was paid out of it.
        accrued = closing.minus(opening).plus(paid);
        // Independent check: the contractual income of the period, from the schedule.
        const income = roundMoney(computed.income!, item.currency);
        const unit = new Decimal(1).div(new Decimal(10).pow(units));
        if (accrued.minus(income).abs().gt(unit)) {
          notes.push(
            `accrued ${fmtMoney(accrued, item.currency)} differs from the scheduled ${item.type === "LOAN" ? "interest" : "income"} ${fmtMoney(income, item.currency)} by ${fmtMoney(accrued.minus(income), item.currency)}: check the payments recorded against the amounts due (Accrual schedule)`,
          );
        }
      } else if (item.type === "PERF") {
        computed = computePerf(t, r, item, nav, from, to);
        const perf = computed.perf!;
        const openingCalc = roundMoney(computed.openingComputed!, item.currency);
        if (given) {
          opening = given.amount;
          openingSource = given.where;
          if (!opening.eq(openingCalc)) {
            notes.push(
              `opening ${fmtMoney(opening, item.currency)} differs from the computed ${fmtMoney(openingCalc, item.currency)} (${perf.openingFrom})`,
            );
          }
        } else {
          opening = openingCalc;
          openingSource = perf.openingFrom;
        }
        // What crystallised is paid away from the accrual; a Payments row is only compared with it.
        const crystallised = perf.crystallised.reduce((s, p) => s.plus(p.amount), ZERO);
        if (pays.length > 0 && !paid.eq(crystallised)) {
          notes.push(
            `Payments shows ${fmtMoney(paid, item.currency)} paid, which differs from the ${fmtMoney(crystallised, item.currency)} crystallised in the period (the crystallisations are booked)`,
          );
        }
        paid = crystallised;
        cash = perf.crystallised;
        closing = roundMoney(computed.closing!, item.currency);
        // Accrual-based on the engine's balance: the change in the accrual plus what crystallised.
        accrued = closing.minus(opening).plus(paid);
        if (accrued.isNegative()) {
          notes.push(
            `reversal: the performance-fee accrual fell by ${fmtMoney(accrued.neg(), item.currency)} (performance fell), written back to Performance fee expense`,
          );
        }
        if (perf.navRows) extraSources.push(perf.navRows);
      } else {
        opening = given ? given.amount : ZERO;
        openingSource = given ? given.where : "none (0)";
        computed = computeFee(t, r, item, nav, from, to, opening, pays);
        if (computed.expense) {
          accrued = computed.expense.accrued.plus(computed.expense.trueUp);
          closing = computed.expense.closing;
          if (!computed.expense.paid.eq(paid))
            throw new Error(`internal error: ${item.id} paid ${computed.expense.paid} vs ${paid}`);
        } else {
          accrued = computed.accrued!;
          closing = opening.plus(accrued).minus(paid);
        }
      }
      notes.push(...computed.notes);
      const check = asWritten(opening).plus(asWritten(accrued)).minus(asWritten(paid)).minus(asWritten(closing));
      const sourceRows = [`${t.name}!${r.row}`, ...extraSources];
      if (given) sourceRows.push(given.where);
      if (pays.length) sourceRows.push(`${payT!.name}!${pays.map((p) => p.row).join(",")}`);
      const roll: ItemRollForward = {
        id: item.id,
        type: item.type,
        description: item.description,
        currency: item.currency,
        opening: opening.toFixed(units),
        accrued: accrued.toFixed(units),
        paid: paid.toFixed(units),
        closing: closing.toFixed(units),
        check: check.toFixed(),
        openingSource,
        sources: sourceRows.join("; "),
        notes,
      };
      if (!check.isZero()) {
        // Never hidden: the row stays on the sheet with its non-zero check, and is an error.
        problems.add(
          new InputError(
            "invalid",
            { sheet: t.name, row: r.row },
            `${item.id}: roll-forward does not tie: opening + accrued - paid - closing = ${check.toFixed()}`,
          ),
          item.id,
        );
      }
      for (const note of notes) warnings.push(`${item.id}: ${note}`);
      outcomes.push({ item, roll, opening, accrued, paid, closing, payments: cash, lines: computed.lines });
    } catch (e) {
      if (!(e instanceof ItemError)) throw e;
      problems.add(e.input, item.id);
      leftOut.add(item.key);
    }
  }
  checkAborted(signal);

  // 4. Journal, balanced per currency.
  progress(0.7, "Building the journal");
  const period = formatIso(from).slice(0, 7);
  let j = 0;
  const nextJournal = (kind: "ACR" | "PAY") => `${kind}-${period}-${String(++j).padStart(3, "0")}`;
  const journal = outcomes.flatMap((o) => journalFor(o, to, nextJournal));
  const byCurrency: Record<string, CurrencyTotals> = {};
  type Sums = { opening: Decimal; accrued: Decimal; paid: Decimal; closing: Decimal };
  const zeroSums = (): Sums => ({ opening: ZERO, accrued: ZERO, paid: ZERO, closing: ZERO });
  const sums = new Map<string, { receivable: Sums; payable: Sums; debits: Decimal; credits: Decimal }>();
  const bucket = (c: string) => {
    let s = sums.get(c);
    if (!s) sums.set(c, (s = { receivable: zeroSums(), payable: zeroSums(), debits: ZERO, credits: ZERO }));
    return s;
  };
  for (const o of outcomes) {
    const s = o.item.side === "asset" ? bucket(o.item.currency).receivable : bucket(o.item.currency).payable;
    s.opening = s.opening.plus(o.opening);
    s.accrued = s.accrued.plus(o.accrued);
    s.paid = s.paid.plus(o.paid);
    s.closing = s.closing.plus(o.closing);
  }
  for (const l of journal) {
    const s = bucket(l.currency);
    if (l.debit) s.debits = s.debits.plus(l.debit);
    if (l.credit) s.credits = s.credits.plus(l.credit);
  }
  for (const [c, s] of [...sums].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!s.debits.eq(s.credits)) {
      throw new Error(
        `internal error: the ${c} journal does not balance (debits ${s.debits.toFixed()}, credits ${s.credits.toFixed()}); nothing was written`,
      );
    }
    const u = minorUnits(c);
    const side = (x: Sums) => ({
      opening: x.opening.toFixed(u),
      accrued: x.accrued.toFixed(u),
      paid: x.paid.toFixed(u),
      closing: x.closing.toFixed(u),
    });
    byCurrency[c] = {
      receivable: side(s.receivable),
      payable: side(s.payable),
      debits: s.debits.toFixed(u),
      credits: s.credits.toFixed(u),
    };
  }

  // 5. Every sheet in memory, then the writes.
  const names = { ...DEFAULT_SHEETS, ...(req.sheetNames ?? {}) };
  const serial = (d: Day | undefined): CellValue => (d === undefined ? null : serialFromDay(d, outputSystem));
  const num = (d: Decimal | undefined): CellValue => (d === undefined ? null : d.toNumber());
  const errorsList = problems.list;
  const errorMessages = errorsList.map((p) => p.error.message);
  const itemsLeftOut = [...leftOut].filter((key) => !outcomes.some((o) => o.item.key === key)).length;
  const totals: AccrualsTotals = { items: outcomes.length, itemsLeftOut, journalLines: journal.length, byCurrency };
  const m = (v: string, c: string) => fmtMoney(new Decimal(v), c);
  const currencyLines = Object.entries(byCurrency).flatMap(([c, s]) =>
    (["receivable", "payable"] as const)
      .filter((k) => outcomes.some((o) => o.item.currency === c && (o.item.side === "asset") === (k === "receivable")))
      .map(
        (k) =>
          `${c} ${k === "receivable" ? "receivables" : "payables"}: opening ${m(s[k].opening, c)}, accrued ${m(s[k].accrued, c)}, ${k === "receivable" ? "received" : "paid"} ${m(s[k].paid, c)}, closing ${m(s[k].closing, c)}`,
      ),
  );
  const periodText = `${formatIso(from)} to ${formatIso(to)}`;
  const summary =
    `Accruals ${periodText}: ${outcomes.length} item${outcomes.length === 1 ? "" : "s"} rolled forward` +
    (itemsLeftOut ? `, ${itemsLeftOut} left out` : "") +
    `, ${errorMessages.length} input error${errorMessages.length === 1 ? "" : "s"}` +
    `, journal ${journal.length} lines balanced in ${Object.keys(byCurrency).length || 0} currenc${Object.keys(byCurrency).length === 1 ? "y" : "ies"}` +
    (currencyLines.length
      ? ` (closing ${Object.entries(byCurrency)
          .map(([c, s]) => `${c} receivable ${m(s.receivable.closing, c)}, payable ${m(s.payable.closing, c)}`)
          .join("; ")})`
      : "");
  const labelOf = (key: string) => (tables[key] ? tables[key]!.grid.label : "not given");
  const linkTo = (sheet: string, row: number | undefined, letter?: string): string | null => {
    const mode = req.links ?? "in-workbook";
    if (mode === "none" || row === undefined) return null;
    const key = sources.map(([k]) => k).find((k) => tables[k]?.name === sheet);
    if (key === undefined) return null;
    const place = `'${sheet.replace(/'/g, "''")}'!${letter ?? "A"}${row}`;
    if (mode === "in-workbook") return `#${place}`;
    const file = mode.files[key as AccrualInput];
    if (file === undefined) return null;
    // A CSV line cannot be addressed: the link opens the file.
    return /\.(csv|txt|tsv)$/i.test(file) ? file : `${file}#${place}`;
  };

  const accrualsSheet: OutputSheet = {
    name: names.accruals,
    tableName: "BO_Accruals",
    preamble: [
      `Month-end accruals ${periodText}`,
      `Instruments: ${labelOf("instruments")}; Fees: ${labelOf("fees")}; NAV: ${labelOf("nav")}; Opening: ${labelOf("opening")}; Payments: ${labelOf("payments")}; Holidays: ${labelOf("holidays")}`,
      openingNote ??
        `Opening accruals from ${labelOf("opening")}; items without a row there: instruments computed at ${formatIso(from - 1)}, performance fees at the last NAV on or before it, other fees 0`,
      ...currencyLines,
      "Check = Opening + Accrued - Paid - Closing, recomputed exactly from the amounts written; every row must show 0.",
      summary,
    ],
    columns: [
      { header: "Id", width: 14, links: outcomes.map((o) => linkTo(o.item.sheet, o.item.row)) },
      { header: "Type", width: 9 },
      { header: "Description", width: 34 },
      { header: "Currency", width: 9 },
      { header: "Opening accrual", numberFormat: MONEY, width: 16 },
      { header: "Accrued in period", numberFormat: MONEY, width: 16 },
      { header: "Paid/received in period", numberFormat: MONEY, width: 16 },
      { header: "Closing accrual", numberFormat: MONEY, width: 16 },
      { header: "Check", numberFormat: MONEY, width: 10 },
      { header: "Opening from", width: 22 },
      { header: "Source rows", width: 30 },
      { header: "Notes", width: 60 },
    ],
    // Notes that say a figure differs from what the terms give deserve a second look.
    conditional: [{ column: 11, rule: { kind: "text-contains", text: "differs" }, fill: "#FFEB9C" }],
    rows: outcomes.map((o) => [
      o.item.id,
      o.item.type,
      o.item.description,
      o.item.currency,
      num(o.opening),
      num(o.accrued),
      num(o.paid),
      num(o.closing),
      num(new Decimal(o.roll.check)),
      o.roll.openingSource,
      o.roll.sources,
      o.roll.notes.join("; "),
    ]),
  };

  const journalSheet: OutputSheet = {
    name: names.journal,
    tableName: "BO_Journal",
    preamble: [
      `Accrual journal ${periodText}`,
      `Accruals (ACR) dated ${formatIso(to)}, payments (PAY) on their dates. Debits equal credits in every currency: ${
        Object.entries(byCurrency)
          .map(([c, s]) => `${c} ${m(s.debits, c)}`)
          .join("; ") || "no lines"
      }.`,
    ],
    columns: [
      { header: "Date", numberFormat: DATE, width: 11 },
      { header: "Journal", width: 16 },
      { header: "Account", width: 22 },
      { header: "Debit", numberFormat: MONEY, width: 15 },
      { header: "Credit", numberFormat: MONEY, width: 15 },
      { header: "Amount", numberFormat: MONEY, width: 15 },
      { header: "Currency", width: 9 },
      { header: "Item", width: 14 },
      { header: "Narrative", width: 50 },
    ],
    rows: journal.map((l) => [
      serial(l.date),
      l.journal,
      l.account,
      num(l.debit),
      num(l.credit),
      num(l.debit ?? l.credit!.neg()),
      l.currency,
      l.item,
      l.narrative,
    ]),
  };

  const scheduleSheet: OutputSheet = {
    name: names.schedule,
    tableName: "BO_AccrualSchedule",
    preamble: [
      `Accrual schedule ${periodText}`,
      "Instruments: accrued interest at a date is interest from the coupon period start to that date (the settlement-date convention of bondAccrued); income of the period is that of (" +
        `${formatIso(from - 1)}, ${formatIso(to)}]. Fees: every calendar day of the period. Performance fees: every NAV of the crystallisation period up to ${formatIso(to)}; fee per share = rate x excess over max(HWM, hurdle NAV), accrual = fee per share x shares. Amounts at full precision; the Accruals sheet rounds once per item.`,
    ],
    columns: [
      { header: "Item", width: 14 },
      { header: "Type", width: 9 },
      { header: "Line", width: 50 },
      { header: "From", numberFormat: DATE, width: 11 },
      { header: "To", numberFormat: DATE, width: 11 },
      { header: "Period start", numberFormat: DATE, width: 11 },
      { header: "Period end", numberFormat: DATE, width: 11 },
      { header: "Payment date", numberFormat: DATE, width: 11 },
      { header: "Ex date", numberFormat: DATE, width: 11 },
      { header: "Convention", width: 13 },
      { header: "Days", numberFormat: "0", width: 6 },
      { header: "Year fraction", numberFormat: "0.0000000000", width: 14 },
      { header: "Face/base", numberFormat: MONEY, width: 16 },
      { header: "Rate", numberFormat: "0.0000%", width: 9 },
      { header: "Amount", numberFormat: "#,##0.000000;[Red]-#,##0.000000", width: 18 },
      { header: "Currency", width: 9 },
      { header: "Note", width: 40 },
      // Performance fees: the per-NAV arithmetic, fee per share = rate x excess, accrual = fee per share x shares.
      { header: "NAV per share", numberFormat: "#,##0.000000", width: 14 },
      { header: "HWM", numberFormat: "#,##0.000000", width: 14 },
      { header: "Hurdle NAV", numberFormat: "#,##0.000000", width: 14 },
      { header: "Excess per share", numberFormat: "#,##0.000000", width: 14 },
      { header: "Fee per share", numberFormat: "#,##0.000000", width: 14 },
      { header: "Shares", numberFormat: "#,##0.####", width: 16 },
    ],
    rows: outcomes.flatMap((o) =>
      o.lines.map((l) => [
        o.item.id,
        o.item.type,
        l.line,
        serial(l.from),
        serial(l.to),
        serial(l.periodStart),
        serial(l.periodEnd),
        serial(l.paymentDate),
        serial(l.exDate),
        l.convention ?? null,
        l.days ?? null,
        num(l.yearFraction),
        num(l.base),
        num(l.rate),
        num(l.amount),
        o.item.currency,
        l.note ?? null,
        num(l.perShare),
        num(l.hwm),
        num(l.hurdleNav),
        num(l.excess),
        num(l.feePerShare),
        num(l.shares),
      ]),
    ),
  };

  const errorsSheet: OutputSheet = {
    name: names.errors,
    tableName: "BO_AccrualErrors",
    preamble: [
      `Accrual input errors ${periodText}`,
      errorsList.length === 0
        ? "No input errors."
        : `${errorsList.length} error${errorsList.length === 1 ? "" : "s"}; ${itemsLeftOut} item${itemsLeftOut === 1 ? "" : "s"} left out of the Accruals sheet. Fix the cell named and run again.`,
    ],
    columns: [
      { header: "Sheet", width: 14 },
      { header: "Row", numberFormat: "0", width: 6 },
      { header: "Column", width: 16 },
      {
        header: "Cell",
        width: 8,
        links: errorsList.map(({ error }) => linkTo(error.where.sheet, error.where.row, error.where.columnLetter)),
      },
      { header: "Item", width: 14 },
      { header: "Kind", width: 14 },
      { header: "Problem", width: 90 },
    ],
    rows: errorsList.map(({ error, item }) => [
      error.where.sheet,
      error.where.row ?? null,
      error.where.column ?? null,
      error.where.columnLetter && error.where.row !== undefined
        ? `${error.where.columnLetter}${error.where.row}`
        : null,
      item ?? null,
      error.kind,
      error.detail,
    ]),
  };

  checkAborted(signal);
  const out = [accrualsSheet, journalSheet, scheduleSheet, errorsSheet];
  const written: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const base = 0.72 + (0.28 * i) / out.length;
    progress(base, `Writing ${out[i].name}`);
    written.push(await port.writeSheet(out[i], (f, m) => progress(base + (0.28 / out.length) * f, m)));
  }
  progress(1, "Done");
  if (paymentsOutside > 0)
    warnings.push(
      `${paymentsOutside} payment row${paymentsOutside === 1 ? "" : "s"} dated outside ${periodText} ignored`,
    );
  return {
    sheets: written,
    summary,
    errors: errorMessages,
    warnings,
    totals,
    items: outcomes.map((o) => o.roll),
  };
}

/** "2026-10" -> the first and last day of that month; undefined if the text is not yyyy-mm. */
export function monthPeriod(textValue: string): { from: Day; to: Day } | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(textValue);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  const from = dayFromCivil(y, mo, 1);
  return { from, to: from + daysInMonth(y, mo) - 1 };
}
