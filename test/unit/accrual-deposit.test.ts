import fc from "fast-check";
import { compoundedInArrears, depositInterest } from "../../src/core/accrual";
import { TARGET, addBusinessDays, holidayCalendar, weekendCalendar } from "../../src/core/calendar";
import { Day, formatIso, parseIso } from "../../src/core/dates";
import { ACT_360, ACT_365F, BUS_252, THIRTY_360_ISDA } from "../../src/core/daycount";
import { ExcelError } from "../../src/core/errors";
import { Decimal } from "../../src/core/money";

const D = (iso: string): Day => {
  const d = parseIso(iso);
  if (d === undefined) throw new Error(`bad test date ${iso}`);
  return d;
};
/** Equal to within 1e-20 on amounts of a million: far below any minor unit, far above Decimal's 34-digit rounding. */
const near = (a: Decimal, b: Decimal.Value) => a.minus(b).abs().lt("1e-20");
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ExcelError ? e.code : String(e);
  }
  return "no error";
};
const fixings = (entries: [string, string][]) =>
  new Map(entries.map(([d, r]) => [D(d), new Decimal(r)] as [Day, Decimal]));

// ---------------------------------------------------------------------------------------------
// Simple interest and BUS/252

describe("depositInterest", () => {
  test("1,000,000 at 5% for 91 days: ACT/360 gives 12,638.89 and ACT/365F 12,465.75 (ISDA 2006 §4.16(d),(e); hand-worked)", () => {
    const base = { start: D("2024-01-15"), end: D("2024-04-15"), principal: 1_000_000, rate: "0.05" };
    const a360 = depositInterest({ ...base, convention: ACT_360 });
    expect(a360.days).toBe(91);
    expect(near(a360.interest, new Decimal(50_000).times(91).div(360))).toBe(true);
    expect(a360.interest.toDecimalPlaces(2).toString()).toBe("12638.89");
    const a365 = depositInterest({ ...base, convention: "ACT/365F" });
    expect(a365.interest.toDecimalPlaces(2).toString()).toBe("12465.75");
    expect(a365.method).toBe("simple");
  });

  test("SONIA-style ACT/365F deposit in a leap year still divides by 365: 1,000,000 at 5.20% for 91 days = 12,964.38", () => {
    const r = depositInterest({
      start: D("2024-02-01"),
      end: D("2024-05-02"),
      principal: 1_000_000,
      rate: "0.052",
      convention: ACT_365F,
    });
    expect(r.days).toBe(91);
    expect(r.interest.toDecimalPlaces(2).toString()).toBe("12964.38");
  });

  test("BUS/252 compounds: 1,000,000 at 10.65% over the 22 business days 2024-01-02..2024-02-01 = 1e6 x (1.1065^(22/252) - 1) (Brazil CDI convention)", () => {
    // Brazil national holiday in that range: none (1 January is before it); weekends only matter.
    const brazil = holidayCalendar([D("2024-01-01"), D("2024-02-12"), D("2024-02-13")]);
    const r = depositInterest({
      start: D("2024-01-02"),
      end: D("2024-02-01"),
      principal: 1_000_000,
      rate: "0.1065",
      convention: BUS_252,
      calendar: brazil,
    });
    expect(r.days).toBe(22);
    expect(r.method).toBe("exponential");
    // 1e6 x (exp(ln(1.1065) x 22 / 252) - 1), worked to 40 digits: 8874.2293650108503649907719837...
    expect(r.interest.minus("8874.22936501085036499077198370").abs().lt("1e-24")).toBe(true);
    // Simple interest would give 1e6 x 0.1065 x 22/252 = 9297.62: the convention matters.
    expect(r.interest.toDecimalPlaces(2).toNumber()).not.toBe(9297.62);
  });

  test("errors: end before start (#NUM!), BUS/252 without a calendar, bond-only conventions, text rate (#VALUE!)", () => {
    const base = { start: D("2024-01-15"), end: D("2024-04-15"), principal: 100, rate: 0.05, convention: ACT_360 };
    expect(code(() => depositInterest({ ...base, end: D("2024-01-14") }))).toBe("#NUM!");
    expect(code(() => depositInterest({ ...base, convention: BUS_252 }))).toBe("#VALUE!");
    expect(code(() => depositInterest({ ...base, convention: "ACT/ACT ICMA" }))).toBe("#VALUE!");
    expect(code(() => depositInterest({ ...base, rate: "five" }))).toBe("#VALUE!");
    expect(depositInterest({ ...base, end: base.start }).interest.isZero()).toBe(true);
  });

  const dayArb = fc.integer({ min: D("1995-01-01"), max: D("2060-12-31") });
  const splitArb = fc.tuple(dayArb, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }));

  test("ACT/360 and ACT/365F simple interest is additive over a split period", () => {
    fc.assert(
      fc.property(splitArb, fc.constantFrom(ACT_360, ACT_365F), ([a, x, y], convention) => {
        const i = (s: Day, e: Day) =>
          depositInterest({ start: s, end: e, principal: "2500000", rate: "0.0437", convention }).interest;
        expect(near(i(a, a + x + y), i(a, a + x).plus(i(a + x, a + x + y)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("30/360 is not additive over a split period (checked, not assumed): 31 Jan..31 Mar counts 60 days, split at 28 Feb 28 + 33", () => {
    const i = (s: string, e: string) =>
      depositInterest({
        start: D(s),
        end: D(e),
        principal: 360,
        rate: 1,
        convention: THIRTY_360_ISDA,
      }).interest.toNumber();
    expect(i("2025-01-31", "2025-03-31")).toBe(60);
    expect(i("2025-01-31", "2025-02-28") + i("2025-02-28", "2025-03-31")).toBe(61);
  });

  test("BUS/252 is multiplicative, not additive, over a split period", () => {
    fc.assert(
      fc.property(splitArb, ([a, x, y]) => {
        const i = (s: Day, e: Day) =>
          depositInterest({ start: s, end: e, principal: 1, rate: "0.1375", convention: BUS_252, calendar: TARGET })
            .interest;
        const whole = i(a, a + x + y).plus(1);
        expect(
          whole
            .minus(
              i(a, a + x)
                .plus(1)
                .times(i(a + x, a + x + y).plus(1)),
            )
            .abs()
            .lt("1e-30"),
        ).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Compounded in arrears

describe("compoundedInArrears", () => {
  /*
   * Hand-worked SOFR example (ARRC "SOFR in arrears" formula; rates illustrative):
   * interest period Thu 2024-03-07 .. Tue 2024-03-12, principal 1,000,000, ACT/360.
   * Fixings: Tue 03-05 5.29%, Wed 03-06 5.30%, Thu 03-07 5.29%, Fri 03-08 5.30%, Mon 03-11 5.31%.
   *
   * No lookback: business days Thu (n=1), Fri (n=3: Fri, Sat, Sun), Mon (n=1)
   *   (1 + 0.0529/360)(1 + 0.0530 x 3/360)(1 + 0.0531/360) = 1.00073626284128578125
   *   interest = 1,000,000 x 0.00073626284128578125 = 736.26284128578125
   * Lookback 2 business days, lag (weights of the interest period): Thu uses Tue 5.29%, Fri uses
   * Wed 5.30% (n=3), Mon uses Thu 5.29%... i.e. the same rates shifted; see the test for the product.
   * Lookback 2 business days, observation shift: observation period Tue 03-05 .. Fri 03-08, each
   * weight 1: (1 + 0.0529/360)(1 + 0.0530/360)(1 + 0.0529/360) - 1, annualised over the 3
   * observation days and applied to the 5 interest days.
   */
  const sofr = fixings([
    ["2024-03-05", "0.0529"],
    ["2024-03-06", "0.0530"],
    ["2024-03-07", "0.0529"],
    ["2024-03-08", "0.0530"],
    ["2024-03-11", "0.0531"],
  ]);
  const base = {
    start: D("2024-03-07"),
    end: D("2024-03-12"),
    principal: 1_000_000,
    fixings: sofr,
    convention: ACT_360,
  };

  test("no lookback: Friday's rate carries the weekend (hand-worked above)", () => {
    const r = compoundedInArrears(base);
    expect(r.observations.map((o) => [formatIso(o.fixingDate), o.days])).toEqual([
      ["2024-03-07", 1],
      ["2024-03-08", 3],
      ["2024-03-11", 1],
    ]);
    const product = new Decimal(1)
      .plus(new Decimal("0.0529").div(360))
      .times(new Decimal(1).plus(new Decimal("0.0530").times(3).div(360)))
      .times(new Decimal(1).plus(new Decimal("0.0531").div(360)));
    expect(near(r.factor, product)).toBe(true);
    expect(near(r.interest, "736.26284128578125")).toBe(true);
    // ARRC's annualised compounded rate: (product - 1) x 360 / 5.
    expect(near(r.rate, new Decimal("0.00073626284128578125").times(72))).toBe(true);
  });

  test("2-day lookback, lag: rates from two business days earlier, weights from the interest period", () => {
    const r = compoundedInArrears({ ...base, lookbackDays: 2 });
    expect(r.observations.map((o) => [formatIso(o.fixingDate), o.days])).toEqual([
      ["2024-03-05", 1],
      ["2024-03-06", 3],
      ["2024-03-07", 1],
    ]);
    const product = [
      ["0.0529", 1],
      ["0.0530", 3],
      ["0.0529", 1],
    ].reduce((p, [r, n]) => p.times(new Decimal(r).times(n).div(360).plus(1)), new Decimal(1));
    expect(near(r.interest, product.minus(1).times(1_000_000))).toBe(true);
  });

  test("2-day lookback, observation shift: weights from the observation period, rate annualised over its 3 days and applied to 5", () => {
    const r = compoundedInArrears({ ...base, lookbackDays: 2, method: "shift" });
    expect(r.observations.map((o) => [formatIso(o.fixingDate), o.days])).toEqual([
      ["2024-03-05", 1],
      ["2024-03-06", 1],
      ["2024-03-07", 1],
    ]);
    // Worked to 40 digits: product 1.000441175973935093664266117969821673524, and
    // 1e6 x 0.000441175973935093664266117969821673524 x 5/3 = 735.29328989182277377686328303612254.
    expect(near(r.interest, "735.29328989182277377686328303612254")).toBe(true);
    expect(near(r.rate, new Decimal("0.000441175973935093664266117969821673524").times(120))).toBe(true);
  });

  test("a missing fixing is #N/A naming the date (a holiday needs the calendar)", () => {
    const holiday = fixings([
      ["2024-03-07", "0.0529"],
      ["2024-03-11", "0.0531"],
    ]);
    expect(code(() => compoundedInArrears({ ...base, fixings: holiday }))).toBe("#N/A");
    try {
      compoundedInArrears({ ...base, fixings: holiday });
    } catch (e) {
      expect((e as Error).message).toContain("2024-03-08");
    }
    // With 8 March as a holiday, Thursday's rate covers Thu..Sun (n = 4).
    const r = compoundedInArrears({ ...base, fixings: holiday, calendar: holidayCalendar([D("2024-03-08")]) });
    expect(r.observations.map((o) => o.days)).toEqual([4, 1]);
  });

  test("a period starting on a weekend accrues its first days at the preceding business day's rate", () => {
    const r = compoundedInArrears({ ...base, start: D("2024-03-09"), end: D("2024-03-12") });
    expect(r.observations.map((o) => [formatIso(o.fixingDate), formatIso(o.from), o.days])).toEqual([
      ["2024-03-08", "2024-03-09", 2],
      ["2024-03-11", "2024-03-11", 1],
    ]);
  });

  test("errors: unsupported convention, negative lookback, end before start", () => {
    expect(code(() => compoundedInArrears({ ...base, convention: "30/360" }))).toBe("#VALUE!");
    expect(code(() => compoundedInArrears({ ...base, lookbackDays: -1 }))).toBe("#NUM!");
    expect(code(() => compoundedInArrears({ ...base, end: D("2024-03-06") }))).toBe("#NUM!");
  });

  // A synthetic daily series over weekdays (rates between 0% and 8%), for properties.
  const seriesArb = fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 400, maxLength: 400 });
  const FIRST = D("2023-01-02");
  const series = (bps: number[]) => {
    const cal = weekendCalendar();
    const m = new Map<Day, Decimal>();
    let d = FIRST;
    for (const bp of bps) {
      m.set(d, new Decimal(bp).div(10000));
      d = addBusinessDays(d, 1, cal);
    }
    return m;
  };

  test("compounding is multiplicative across a split at a business day (no lookback)", () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.integer({ min: 10, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom(ACT_360, ACT_365F),
        (bps, a, x, y, convention) => {
          const fx = series(bps);
          const cal = weekendCalendar();
          const start = addBusinessDays(FIRST, a, cal);
          const mid = addBusinessDays(start, x, cal);
          const end = mid + y;
          const f = (s: Day, e: Day) =>
            compoundedInArrears({ start: s, end: e, principal: 1, fixings: fx, convention }).factor;
          expect(
            f(start, end)
              .minus(f(start, mid).times(f(mid, end)))
              .abs()
              .lt("1e-30"),
          ).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a constant rate over n weekdays with no weekend inside compounds to (1 + r/360)^n", () => {
    const fx = series(Array(400).fill(525));
    // Mon 2023-01-09 .. Sat 2023-01-14: Mon-Thu n=1, Fri n=1 (period ends Saturday).
    const r = compoundedInArrears({
      start: D("2023-01-09"),
      end: D("2023-01-14"),
      principal: 1,
      fixings: fx,
      convention: ACT_360,
    });
    expect(near(r.factor, new Decimal("0.0525").div(360).plus(1).pow(5))).toBe(true);
  });

  test("lag and shift coincide without a lookback; with one they differ only through the day weights", () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 120 }), (bps, a, len) => {
        const fx = series(bps);
        const start = addBusinessDays(FIRST, a, weekendCalendar());
        const args = { start, end: start + len, principal: 1000, fixings: fx, convention: ACT_360 };
        expect(
          compoundedInArrears({ ...args, method: "shift" }).interest.equals(compoundedInArrears(args).interest),
        ).toBe(true);
        const lag = compoundedInArrears({ ...args, lookbackDays: 5 });
        const shift = compoundedInArrears({ ...args, lookbackDays: 5, method: "shift" });
        expect(lag.observations.map((o) => o.fixingDate)).toEqual(shift.observations.map((o) => o.fixingDate));
      }),
      { numRuns: 60 },
    );
  });
});
