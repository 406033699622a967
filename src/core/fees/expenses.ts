/**
 * Fixed expenses (audit, legal, directors' fees, index licences...): an annual budget accrued daily
 * and trued up when the invoice is paid.
 *
 * Three ways of spreading an annual budget over the days, which agree in a common year and part
 * company in a leap year (and, for "per-month", within the year):
 * - "per-day":   budget / days in year (by policy) every calendar day. With policy "365" a leap year
 *                accrues 366/365 of the budget; with "actual" each calendar year accrues the budget,
 *                but a fiscal year straddling 29 February mixes 1/365 and 1/366 days and does not.
 * - "per-year":  budget / number of days in the budget (fiscal) year that contains the day: every
 *                day of a budget year gets the same amount and the year accrues exactly the budget.
 * - "per-month": 12 equal monthly amounts (budget / 12), each spread over its month's days, so a
 *                February day carries more than a January day and the budget is exact per month.
 *
 * Booking: ledgers post amounts in minor units, so the booked accrual for a day is the change in the
 * rounded running total, round(cum(d)) - round(cum(d-1)). No penny is lost to daily rounding (the
 * period's bookings add up to the rounded exact total) and every ledger amount is a whole number of
 * minor units, so the roll-forward opening + accrued + trueUp - paid = closing ties exactly.
 *
 * True-up: a payment settles the accrued balance for the service it pays for (by default everything
 * accrued up to and including the payment day; `settlesThrough` says otherwise, e.g. a quarter's
 * audit fee paid in the next quarter). The difference paid - balance is recognised on the payment
 * day as an expense (under-accrued, positive) or a reversal (over-accrued, negative).
 */
import { Decimal, minorUnits, roundMoney } from "../money";
import { Day, addMonths, civilFromDay, dayFromCivil, daysInMonth, formatIso } from "../dates/civil";
import {
  DailyFractionSum,
  DaysInYearPolicy,
  FeeError,
  Period,
  ZERO,
  checkFinite,
  checkPeriod,
  daysInYearFor,
  periodDays,
} from "./common";

export type ExpenseMethod = "per-day" | "per-year" | "per-month";

export interface FixedExpenseTerms {
  annualBudget: Decimal;
  method: ExpenseMethod;
  /** For "per-day" only; default "actual". */
  daysInYear?: DaysInYearPolicy;
  /** First month (1-12) of the budget year, for "per-year"; default 1 (calendar year). */
  fiscalYearStartMonth?: number;
  /** ISO 4217 code for booking in minor units; default USD. */
  currency?: string;
}

/** The budget year (fiscal year) that contains `day`. */
export function budgetYear(day: Day, fiscalYearStartMonth = 1): Period {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new FeeError(`fiscal year start month must be 1..12, got ${fiscalYearStartMonth}`, "fiscalYearStartMonth");
  }
  const c = civilFromDay(day);
  const y = c.m >= fiscalYearStartMonth ? c.y : c.y - 1;
  const start = dayFromCivil(y, fiscalYearStartMonth, 1);
  return { start, end: addMonths(start, 12) - 1 };
}

/**
 * The number the annual budget is divided by for one day's expense: days in year (per-day), days in
 * the budget year (per-year) or 12 x days in the month (per-month).
 */
export function expenseDivisor(terms: FixedExpenseTerms, day: Day): number {
  switch (terms.method) {
    case "per-day":
      return daysInYearFor(terms.daysInYear ?? "actual", day);
    case "per-year": {
      const year = budgetYear(day, terms.fiscalYearStartMonth ?? 1);
      return year.end - year.start + 1;
    }
    case "per-month": {
      const c = civilFromDay(day);
      return 12 * daysInMonth(c.y, c.m);
    }
    default:
      throw new FeeError(
        `unknown expense method '${String(terms.method)}' (expected per-day, per-year or per-month)`,
        "method",
      );
  }
}

/** The unrounded expense for one day. */
export function dailyExpense(terms: FixedExpenseTerms, day: Day): Decimal {
  return terms.annualBudget.dividedBy(expenseDivisor(terms, day));
}

export interface ExpenseDay {
  day: Day;
  /** Full-precision expense of the day. */
  exact: Decimal;
  /** What the ledger books that day: change in the rounded running total (minor units). */
  booked: Decimal;
}

export interface ExpenseAccrual {
  days: ExpenseDay[];
  /** Sum of booked amounts = the exact total rounded once to minor units. */
  total: Decimal;
}

export function accrueFixedExpense(terms: FixedExpenseTerms, period: Period): ExpenseAccrual {
  checkPeriod(period);
  checkFinite(terms.annualBudget, "annualBudget");
  const currency = terms.currency ?? "USD";
  const exactCum = new DailyFractionSum();
  let bookedCum = ZERO;
  const days = periodDays(period).map((day) => {
    const divisor = expenseDivisor(terms, day);
    exactCum.add(terms.annualBudget, divisor);
    const exact = terms.annualBudget.dividedBy(divisor);
    const rounded = roundMoney(exactCum.value(), currency);
    const booked = rounded.minus(bookedCum);
    bookedCum = rounded;
    return { day, exact, booked };
  });
  return { days, total: bookedCum };
}

export interface ExpensePayment {
  day: Day;
  /** Amount paid, in minor units (a payment is a real cash movement). */
  amount: Decimal;
  /** Last day of service the invoice covers; default the payment day. Must not be after it. */
  settlesThrough?: Day;
}

export interface LedgerRow {
  day: Day;
  accrued: Decimal;
  paid: Decimal;
  trueUp: Decimal;
  /** Accrued expense payable at the end of the day. */
  closing: Decimal;
}

export interface RollForward {
  rows: LedgerRow[];
  opening: Decimal;
  accrued: Decimal;
  trueUp: Decimal;
  paid: Decimal;
  /** opening + accrued + trueUp - paid, exactly. */
  closing: Decimal;
}

/**
 * The payable's roll-forward over the period: daily bookings, payments, true-ups.
 * `opening` is the payable brought forward (accrued before the period and not yet paid); a payment
 * with settlesThrough before the period start settles only (part of) that opening balance.
 */
export function rollForwardExpense(
  terms: FixedExpenseTerms,
  period: Period,
  opening: Decimal,
  payments: readonly ExpensePayment[],
): RollForward {
  const currency = terms.currency ?? "USD";
  checkMinorUnits(opening, currency, "opening balance", "opening");
  const accrual = accrueFixedExpense(terms, period);

  // Payments in day order, keeping the given order within a day; the error index is the caller's.
  const order = payments.map((p, i) => ({ p, i })).sort((a, b) => a.p.day - b.p.day || a.i - b.i);
  let lastSettled = period.start - 1;
  for (const { p, i } of order) {
    if (!Number.isInteger(p.day) || p.day < period.start || p.day > period.end) {
      throw new FeeError(`payment ${i + 1} on ${fmt(p.day)} is outside the period`, "payments", i);
    }
    checkMinorUnits(p.amount, currency, `payment ${i + 1}`, "payments", i);
    const through = p.settlesThrough ?? p.day;
    if (!Number.isInteger(through) || through > p.day) {
      throw new FeeError(`payment ${i + 1} settles service through ${fmt(through)}, after it is paid`, "payments", i);
    }
    if (through < lastSettled) {
      throw new FeeError(
        `payment ${i + 1} settles service through ${fmt(through)}, before an earlier payment's ${fmt(lastSettled)}`,
        "payments",
        i,
      );
    }
    lastSettled = through;
  }

  // bookedThrough[k] = opening + bookings of days period.start..period.start+k-1 (k = 0: opening only)
  const bookedThrough: Decimal[] = [opening];
  for (const d of accrual.days) bookedThrough.push(bookedThrough[bookedThrough.length - 1].plus(d.booked));

  let settledPayable = ZERO; // trueUps - payments so far: what earlier payments took off the balance
  let balance = opening;
  let totalPaid = ZERO;
  let totalTrueUp = ZERO;
  let next = 0;
  const rows: LedgerRow[] = accrual.days.map((d) => {
    balance = balance.plus(d.booked);
    let paid = ZERO;
    let trueUp = ZERO;
    while (next < order.length && order[next].p.day === d.day) {
      const p = order[next++].p;
      const through = p.settlesThrough ?? p.day;
      const unsettled = bookedThrough[through - period.start + 1].plus(settledPayable);
      const t = p.amount.minus(unsettled);
      trueUp = trueUp.plus(t);
      paid = paid.plus(p.amount);
      settledPayable = settledPayable.plus(t).minus(p.amount);
    }
    balance = balance.plus(trueUp).minus(paid);
    totalPaid = totalPaid.plus(paid);
    totalTrueUp = totalTrueUp.plus(trueUp);
    return { day: d.day, accrued: d.booked, paid, trueUp, closing: balance };
  });
  return { rows, opening, accrued: accrual.total, trueUp: totalTrueUp, paid: totalPaid, closing: balance };
}

function checkMinorUnits(amount: Decimal, currency: string, what: string, field: string, index?: number): void {
  checkFinite(amount, field, index);
  if (amount.decimalPlaces() > minorUnits(currency)) {
    throw new FeeError(`${what} ${amount.toString()} has more decimals than ${currency} minor units`, field, index);
  }
}

function fmt(day: Day): string {
  return Number.isInteger(day) ? formatIso(day) : String(day);
}
