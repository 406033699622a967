/**
 * Fixed expense accrual and payable roll-forward (src/core/fees/expenses.ts).
 *
 * Expected values are hand arithmetic written in each comment. The methods are those named in
 * ../shared/DOMAIN.md (Accruals: fixed expenses accrued per calendar day or spread over the period,
 * differing in leap years, with true-up at payment). A budget of 36,600 is used so that the leap-year
 * day (36,600 / 366 = 100) is a round number and the differences are easy to read.
 */
import fc from "fast-check";
import { Decimal } from "../../src/core/money";
import { dayFromCivil } from "../../src/core/dates/civil";
import {
  ExpenseMethod,
  FeeError,
  FixedExpenseTerms,
  accrueFixedExpense,
  budgetYear,
  dailyExpense,
  rollForwardExpense,
} from "../../src/core/fees";

const D = (v: Decimal.Value) => new Decimal(v);
const day = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
const budget = D(36_600);
const terms = (method: ExpenseMethod, extra: Partial<FixedExpenseTerms> = {}): FixedExpenseTerms => ({
  annualBudget: budget,
  method,
  ...extra,
});

describe("three spreads of one annual budget (36,600)", () => {
  const periods = {
    "calendar 2024": { start: day(2024, 1, 1), end: day(2024, 12, 31) },
    "February 2024": { start: day(2024, 2, 1), end: day(2024, 2, 29) },
    "February 2025": { start: day(2025, 2, 1), end: day(2025, 2, 28) },
  };
  const feb2024 = periods["February 2024"];
  test.each([
    // calendar 2024 (366 days):
    //   per-day actual: 366 x 36,600/366 = 36,600
    //   per-day 365:    366 x 36,600/365 = 13,395,600/365 = 36,700.2739... -> 36,700.27
    //   per-year:       36,600 / 366 days = 100 a day -> 36,600
    //   per-month:      12 x 3,050 = 36,600
    ["per-day", "actual", "calendar 2024", "36600.00"],
    ["per-day", "365", "calendar 2024", "36700.27"],
    ["per-year", "n/a", "calendar 2024", "36600.00"],
    ["per-month", "n/a", "calendar 2024", "36600.00"],
    // February 2024 (29 days):
    //   per-day actual: 29 x 100 = 2,900;  per-day 365: 29 x 36,600/365 = 2,907.945... -> 2,907.95
    //   per-year: 2,900;  per-month: 36,600/12 = 3,050
    ["per-day", "actual", "February 2024", "2900.00"],
    ["per-day", "365", "February 2024", "2907.95"],
    ["per-year", "n/a", "February 2024", "2900.00"],
    ["per-month", "n/a", "February 2024", "3050.00"],
    // February 2025 (28 days, common year): per-day 28 x 36,600/365 = 2,807.671... -> 2,807.67
    ["per-day", "actual", "February 2025", "2807.67"],
    ["per-year", "n/a", "February 2025", "2807.67"],
    ["per-month", "n/a", "February 2025", "3050.00"],
  ] as const)("%s (days in year %s) over %s = %s", (method, policy, label, expected) => {
    const t = terms(method, policy === "n/a" ? {} : { daysInYear: policy });
    expect(accrueFixedExpense(t, periods[label]).total.toFixed(2)).toBe(expected);
  });

  test("fiscal year July 2023 - June 2024 (366 days): per-day actual mixes 1/365 and 1/366, per-year is exact", () => {
    // per-day actual: Jul-Dec 2023 = 184 days x 36,600/365 = 18,450.4109...; Jan-Jun 2024 = 182 x 100 = 18,200
    //                 total 36,650.4109... -> 36,650.41
    // per-year (fiscal start July): 36,600 / 366 = 100 a day -> 36,600.00
    const fy = { start: day(2023, 7, 1), end: day(2024, 6, 30) };
    expect(budgetYear(day(2024, 2, 29), 7)).toEqual(fy);
    expect(accrueFixedExpense(terms("per-day"), fy).total.toFixed(2)).toBe("36650.41");
    expect(accrueFixedExpense(terms("per-year", { fiscalYearStartMonth: 7 }), fy).total.toFixed(2)).toBe("36600.00");
    expect(dailyExpense(terms("per-year", { fiscalYearStartMonth: 7 }), day(2023, 7, 1)).toFixed()).toBe("100");
  });

  test("bookings are whole cents and add up to the exact total rounded once (no daily drift)", () => {
    // per-day 365 in February 2024: 100.27397... a day; booked 100.27, 100.28, 100.27, ...
    const r = accrueFixedExpense(terms("per-day", { daysInYear: "365" }), feb2024);
    expect(r.days.slice(0, 3).map((d) => d.booked.toFixed(2))).toEqual(["100.27", "100.28", "100.27"]);
    expect(r.days.every((d) => d.booked.decimalPlaces() <= 2)).toBe(true);
    expect(r.days.reduce((s, d) => s.plus(d.booked), D(0)).toFixed(2)).toBe("2907.95");
    // rounding each day instead would give 29 x 100.27 = 2,907.83
  });

  test("JPY books in whole yen", () => {
    // 1,000,000 yen / 365 = 2,739.726... a day; January: 31 x = 84,931.506... -> 84,932
    const r = accrueFixedExpense(
      { annualBudget: D(1_000_000), method: "per-day", daysInYear: "365", currency: "JPY" },
      {
        start: day(2025, 1, 1),
        end: day(2025, 1, 31),
      },
    );
    expect(r.total.toFixed()).toBe("84932");
    expect(r.days.every((d) => d.booked.isInteger())).toBe(true);
  });
});

describe("payment with true-up", () => {
  // Budget 36,600 per-year in 2024: 100 a day. Q1 2024 = 91 days = 9,100 accrued.
  // Opening payable 1,200.00 (Q4 2023 audit fee, unpaid).
  // 2024-01-15: invoice for Q4 2023 paid 1,250.00, settles through 2023-12-31:
  //             true-up = 1,250 - 1,200 = +50 (under-accrued, extra expense)
  // 2024-03-31: invoice for Q1 2024 paid 8,950.00, settles through 2024-03-31:
  //             unsettled = 9,100 -> true-up = 8,950 - 9,100 = -150 (over-accrued, reversal)
  // closing = 1,200 + 9,100 + (50 - 150) - (1,250 + 8,950) = 0
  const period = { start: day(2024, 1, 1), end: day(2024, 3, 31) };
  const payments = [
    { day: day(2024, 3, 31), amount: D("8950.00") },
    { day: day(2024, 1, 15), amount: D("1250.00"), settlesThrough: day(2023, 12, 31) },
  ];
  const r = rollForwardExpense(terms("per-year"), period, D("1200.00"), payments);

  test("true-ups on the payment days", () => {
    const jan15 = r.rows.find((x) => x.day === day(2024, 1, 15))!;
    expect([jan15.paid.toFixed(2), jan15.trueUp.toFixed(2)]).toEqual(["1250.00", "50.00"]);
    // after paying the old invoice, the payable holds only January 1-15: 15 x 100
    expect(jan15.closing.toFixed(2)).toBe("1500.00");
    const mar31 = r.rows[r.rows.length - 1];
    expect([mar31.paid.toFixed(2), mar31.trueUp.toFixed(2), mar31.closing.toFixed(2)]).toEqual([
      "8950.00",
      "-150.00",
      "0.00",
    ]);
  });
  test("roll-forward: 1,200 + 9,100 - 100 - 10,200 = 0", () => {
    expect([r.opening, r.accrued, r.trueUp, r.paid, r.closing].map((x) => x.toFixed(2))).toEqual([
      "1200.00",
      "9100.00",
      "-100.00",
      "10200.00",
      "0.00",
    ]);
  });
  test("a payment without settlesThrough settles everything accrued up to its day", () => {
    // 2024-01-10: balance 1,200 + 10 x 100 = 2,200; paid 2,000 -> true-up -200, payable 0 after
    const s = rollForwardExpense(terms("per-year"), { start: day(2024, 1, 1), end: day(2024, 1, 12) }, D(1200), [
      { day: day(2024, 1, 10), amount: D(2000) },
    ]);
    expect(s.rows[9].trueUp.toFixed()).toBe("-200");
    expect(s.rows[9].closing.toFixed()).toBe("0");
    expect(s.closing.toFixed()).toBe("200");
  });
  test("bad payments are refused, naming the payment", () => {
    const p = { start: day(2024, 1, 1), end: day(2024, 1, 31) };
    const err = (pays: { day: number; amount: Decimal; settlesThrough?: number }[], opening = D(0)) => {
      try {
        rollForwardExpense(terms("per-year"), p, opening, pays);
      } catch (e) {
        if (e instanceof FeeError) return `${e.field}[${e.index}]: ${e.message}`;
        throw e;
      }
      return "no error";
    };
    expect(err([{ day: day(2024, 2, 1), amount: D(1) }])).toMatch(
      /^payments\[0\]: payment 1 on 2024-02-01 is outside the period/,
    );
    expect(err([{ day: day(2024, 1, 5), amount: D("1.001") }])).toMatch(
      /^payments\[0\]: .*more decimals than USD minor units/,
    );
    expect(err([{ day: day(2024, 1, 5), amount: D(1), settlesThrough: day(2024, 1, 6) }])).toMatch(/after it is paid/);
    expect(
      err([
        { day: day(2024, 1, 5), amount: D(1), settlesThrough: day(2024, 1, 5) },
        { day: day(2024, 1, 6), amount: D(1), settlesThrough: day(2024, 1, 4) },
      ]),
    ).toMatch(/^payments\[1\]: .*before an earlier payment's 2024-01-05/);
    expect(err([], D("0.001"))).toMatch(/^opening\[undefined\]: opening balance/);
  });
});

describe("properties", () => {
  const methodArb = fc.constantFrom<ExpenseMethod>("per-day", "per-year", "per-month");
  const cents = (max: number) => fc.integer({ min: -max, max }).map((c) => D(c).dividedBy(100));
  const scenario = fc
    .record({
      budget: fc.integer({ min: 0, max: 100_000_000 }).map((c) => D(c).dividedBy(100)),
      method: methodArb,
      policy: fc.constantFrom("365" as const, "actual" as const, "360" as const),
      fyStart: fc.integer({ min: 1, max: 12 }),
      year: fc.integer({ min: 1995, max: 2060 }),
      startOffset: fc.integer({ min: 0, max: 400 }),
      length: fc.integer({ min: 1, max: 200 }),
      opening: cents(5_000_000),
      payments: fc.array(fc.record({ at: fc.nat(), amount: cents(5_000_000), back: fc.nat({ max: 60 }) }), {
        maxLength: 6,
      }),
    })
    .map((s) => {
      const start = day(s.year, 1, 1) + s.startOffset;
      const end = start + s.length - 1;
      let lastThrough = start - 1;
      const payments = s.payments
        .map((p) => ({ ...p, at: start + (p.at % s.length) }))
        .sort((a, b) => a.at - b.at)
        .map((p) => {
          const through = Math.max(lastThrough, p.at - p.back);
          lastThrough = through;
          return { day: p.at, amount: p.amount, settlesThrough: through };
        });
      const t: FixedExpenseTerms = {
        annualBudget: s.budget,
        method: s.method,
        daysInYear: s.policy,
        fiscalYearStartMonth: s.fyStart,
      };
      return { t, period: { start, end }, opening: s.opening, payments };
    });

  test("roll-forward ties exactly: opening + accrued + trueUp - paid = closing, overall and day by day", () => {
    fc.assert(
      fc.property(scenario, ({ t, period, opening, payments }) => {
        const r = rollForwardExpense(t, period, opening, payments);
        expect(r.opening.plus(r.accrued).plus(r.trueUp).minus(r.paid).equals(r.closing)).toBe(true);
        let bal = opening;
        for (const row of r.rows) {
          bal = bal.plus(row.accrued).plus(row.trueUp).minus(row.paid);
          expect(row.closing.equals(bal)).toBe(true);
          for (const x of [row.accrued, row.trueUp, row.paid, row.closing])
            expect(x.decimalPlaces()).toBeLessThanOrEqual(2);
        }
        expect(r.rows.reduce((s, x) => s.plus(x.accrued), D(0)).equals(r.accrued)).toBe(true);
      }),
    );
  });

  test("a payment leaves nothing unsettled for the service it covers: the payable then holds only later bookings", () => {
    fc.assert(
      fc.property(scenario, ({ t, period, opening, payments }) => {
        const r = rollForwardExpense(t, period, opening, payments);
        const last = payments[payments.length - 1];
        if (!last) return;
        const row = r.rows.findIndex((x) => x.day === last.day);
        const laterBookings = r.rows
          .slice(0, row + 1)
          .filter((x) => x.day > last.settlesThrough)
          .reduce((s, x) => s.plus(x.accrued), D(0));
        expect(r.rows[row].closing.equals(laterBookings)).toBe(true);
      }),
    );
  });

  test("a total exactly on a half cent rounds half-up once (fast-check counterexample, seed 503093250)", () => {
    const r = accrueFixedExpense(
      { annualBudget: D("476275.4"), method: "per-day", daysInYear: "360", fiscalYearStartMonth: 1 },
      { start: 9131, end: 9319 },
    );
    expect(r.days).toHaveLength(189);
    expect(r.total.toFixed(2)).toBe("250044.59"); // 476,275.40 x 189 / 360 = 250,044.585
  });

  test("bookings are within a minor unit of the exact daily amount and sum to the exact total rounded once", () => {
    fc.assert(
      fc.property(scenario, ({ t, period }) => {
        const r = accrueFixedExpense(t, period);
        for (const d of r.days) expect(d.booked.minus(d.exact).abs().lessThan(D("0.01"))).toBe(true);
        const exact = r.days.reduce((s, d) => s.plus(d.exact), D(0));
        // Half a cent, plus the rounding of each daily quotient at 34 significant digits: a total that
        // is exactly on a half cent (476,275.40 x 189 / 360 = 250,044.585, found by fast-check, seed
        // 503093250) rounds half-up to .59 while the sum of the rounded quotients is 4e-32 below .585.
        expect(
          exact
            .minus(r.total)
            .abs()
            .lessThanOrEqualTo(D("0.005").plus(D(r.days.length).times("1e-28"))),
        ).toBe(true);
      }),
    );
  });
});
