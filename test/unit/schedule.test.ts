import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { endOfMonth, formatIso, isLastDayOfMonth, parseIso } from "../../src/core/dates/civil";
import { holidayCalendar } from "../../src/core/calendar";
import { ACT_360, ACT_ACT_ICMA, THIRTY_E_360_ISDA } from "../../src/core/daycount";
import { Period, ScheduleOptions, generateSchedule, periodContaining, rollDate } from "../../src/core/schedule";
import { ExcelError } from "../../src/core/errors";

const D = (iso: string) => {
  const d = parseIso(iso);
  if (d === undefined) throw new Error(`bad test date ${iso}`);
  return d;
};
const iso = (d: number | undefined) => (d === undefined ? undefined : formatIso(d));
const rows = (ps: Period[]) => ps.map((p) => `${iso(p.start)}..${iso(p.end)}${p.isStub ? " stub" : ""}`);

// ---------------------------------------------------------------------------------------------
// The published ACCRUED vectors: UK gilt 8% 2021 (QuantLib test-suite/bonds.cpp testExCouponGilt)

interface Vector {
  fn: string;
  args: { settlement?: string; face?: number; security?: string };
  expect: number;
  tol: number;
  source: string;
}
const vectors: Vector[] = fs
  .readFileSync(path.resolve(__dirname, "../../../shared/reference/published-vectors.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as Vector);
const giltVectors = vectors.filter((v) => v.fn === "ACCRUED");

describe("UK gilt 8% 2021 schedule (QuantLib testExCouponGilt)", () => {
  // QuantLib builds it forward from 1996-02-29 with first coupon 1996-06-07, semiannual, unadjusted,
  // ACT/ACT ICMA, ex-coupon 6 UK business days (the 7th business day before payment still settles cum).
  // UK bank holidays 2013 (gov.uk/bank-holidays).
  const london2013 = holidayCalendar(
    [
      "2013-01-01",
      "2013-03-29",
      "2013-04-01",
      "2013-05-06",
      "2013-05-27",
      "2013-08-26",
      "2013-12-25",
      "2013-12-26",
    ].map(D),
    { name: "LONDON-2013" },
  );
  const gilt: ScheduleOptions = {
    start: D("1996-02-29"),
    firstCoupon: D("1996-06-07"),
    maturity: D("2021-06-07"),
    frequency: 2,
    direction: "forward",
    calendar: london2013,
    paymentAdjustment: "none",
    exCouponDays: 6,
    dayCount: ACT_ACT_ICMA,
  };
  const periods = generateSchedule(gilt);

  test("51 periods, a short first stub measured against 1995-12-07..1996-06-07", () => {
    expect(periods).toHaveLength(51);
    expect(periods[0]).toMatchObject({ isStub: true, notionalStart: D("1995-12-07"), notionalEnd: D("1996-06-07") });
    expect(periods[0].yearFraction).toBeCloseTo(99 / (2 * 183), 15);
    expect(periods.slice(1).every((p) => !p.isStub && p.yearFraction === 0.5)).toBe(true);
  });

  test("the file has the three gilt vectors", () => expect(giltVectors).toHaveLength(3));

  test.each(giltVectors.map((v) => [`settlement ${v.args.settlement} (${v.source})`, v] as const))(
    "accrued %s",
    (_, v) => {
      const settle = D(v.args.settlement as string);
      const p = periodContaining(periods, settle) as Period;
      const ctx = { frequency: 2, periodStart: p.start, periodEnd: p.end };
      const coupon = (v.args.face as number) * 0.08;
      const exCoupon = settle >= (p.exDate as number);
      const accrued = exCoupon
        ? -coupon * ACT_ACT_ICMA.yearFraction(settle, p.end, ctx)
        : coupon * ACT_ACT_ICMA.yearFraction(p.start, settle, ctx);
      expect(Math.abs(accrued - v.expect)).toBeLessThanOrEqual(v.tol);
    },
  );

  test("ex-coupon date 2013-05-30 for the 2013-06-07 coupon", () => {
    const p = periods.find((q) => q.end === D("2013-06-07")) as Period;
    expect(iso(p.exDate)).toBe("2013-05-30");
  });
});

// ---------------------------------------------------------------------------------------------

describe("generation", () => {
  test("backward with the end-of-month rule keeps month ends (30 June -> 31 December)", () => {
    const ps = generateSchedule({ start: D("2023-06-30"), maturity: D("2025-06-30"), frequency: 2 });
    expect(rows(ps)).toEqual([
      "2023-06-30..2023-12-31",
      "2023-12-31..2024-06-30",
      "2024-06-30..2024-12-31",
      "2024-12-31..2025-06-30",
    ]);
    const noEom = generateSchedule({ start: D("2023-06-30"), maturity: D("2025-06-30"), frequency: 2, eom: false });
    expect(noEom.map((p) => iso(p.end))).toEqual(["2023-12-30", "2024-06-30", "2024-12-30", "2025-06-30"]);
    expect(noEom.every((p) => !p.isStub)).toBe(true);
  });

  test("February month-end maturity rolls to 31 August and 29 February in leap years", () => {
    const ps = generateSchedule({ start: D("2023-08-31"), maturity: D("2025-02-28"), frequency: 2 });
    expect(ps.map((p) => iso(p.end))).toEqual(["2024-02-29", "2024-08-31", "2025-02-28"]);
  });

  test("short first stub, and long when asked; notional period for ICMA", () => {
    const base = { start: D("2024-03-15"), maturity: D("2026-06-30"), frequency: 2 };
    const short = generateSchedule(base);
    expect(rows(short).slice(0, 2)).toEqual(["2024-03-15..2024-06-30 stub", "2024-06-30..2024-12-31"]);
    expect(short[0]).toMatchObject({ notionalStart: D("2023-12-31"), notionalEnd: D("2024-06-30") });
    const long = generateSchedule({ ...base, stub: "long" });
    expect(rows(long).slice(0, 2)).toEqual(["2024-03-15..2024-12-31 stub", "2024-12-31..2025-06-30"]);
    expect(long).toHaveLength(short.length - 1);
  });

  test("explicit first coupon gives the same long stub and an ICMA split over two notional periods", () => {
    const ps = generateSchedule({
      start: D("2024-03-15"),
      firstCoupon: D("2024-12-31"),
      maturity: D("2026-06-30"),
      frequency: 2,
      dayCount: ACT_ACT_ICMA,
    });
    expect(rows(ps)[0]).toBe("2024-03-15..2024-12-31 stub");
    // ICMA Rule 251: 107 days of the notional 2023-12-31..2024-06-30 (182) + a whole 2024-06-30..2024-12-31.
    expect(ps[0].yearFraction).toBeCloseTo(107 / (2 * 182) + 0.5, 15);
  });

  test("forward generation puts the stub at the end", () => {
    const ps = generateSchedule({
      start: D("2024-01-15"),
      maturity: D("2025-03-01"),
      frequency: 4,
      direction: "forward",
    });
    expect(rows(ps)).toEqual([
      "2024-01-15..2024-04-15",
      "2024-04-15..2024-07-15",
      "2024-07-15..2024-10-15",
      "2024-10-15..2025-01-15",
      "2025-01-15..2025-03-01 stub",
    ]);
    expect(ps[4]).toMatchObject({ notionalStart: D("2025-01-15"), notionalEnd: D("2025-04-15") });
    const long = generateSchedule({
      start: D("2024-01-15"),
      maturity: D("2025-03-01"),
      frequency: 4,
      direction: "forward",
      stub: "long",
    });
    expect(rows(long).slice(-1)).toEqual(["2024-10-15..2025-03-01 stub"]);
  });

  test("explicit penultimate coupon gives a last stub when rolling backward", () => {
    const ps = generateSchedule({
      start: D("2024-01-15"),
      penultimateCoupon: D("2025-01-15"),
      maturity: D("2025-03-01"),
      frequency: 2,
    });
    expect(rows(ps)).toEqual(["2024-01-15..2024-07-15", "2024-07-15..2025-01-15", "2025-01-15..2025-03-01 stub"]);
  });

  test("settlement start: the schedule opens with the regular period containing it", () => {
    const ps = generateSchedule({
      start: D("2024-03-15"),
      maturity: D("2026-06-30"),
      frequency: 2,
      startIsSettlement: true,
    });
    expect(rows(ps)[0]).toBe("2023-12-31..2024-06-30");
  });

  test("monthly schedule from a 31st without EOM clamps but never drifts", () => {
    const ps = generateSchedule({ start: D("2024-01-31"), maturity: D("2024-07-31"), frequency: 12, eom: false });
    expect(ps.map((p) => iso(p.end))).toEqual([
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
      "2024-06-30",
      "2024-07-31",
    ]);
    expect(ps.every((p) => !p.isStub)).toBe(true);
  });
});

describe("payment, accrual and ex-coupon dates", () => {
  test("payments follow to business days, accrual dates stay unadjusted", () => {
    // 2024-06-30 is a Sunday; 2024-12-31 a Tuesday.
    const ps = generateSchedule({ start: D("2023-12-31"), maturity: D("2024-12-31"), frequency: 2 });
    expect(ps.map((p) => [iso(p.end), iso(p.paymentDate)])).toEqual([
      ["2024-06-30", "2024-07-01"],
      ["2024-12-31", "2024-12-31"],
    ]);
    const mf = generateSchedule({
      start: D("2023-12-31"),
      maturity: D("2024-12-31"),
      frequency: 2,
      paymentAdjustment: "modified following",
      accrualAdjustment: "modified following",
    });
    expect(mf.map((p) => iso(p.paymentDate))).toEqual(["2024-06-28", "2024-12-31"]);
    expect(iso(mf[0].end)).toBe("2024-06-28");
  });

  test("ex-coupon in calendar days (Australian bonds: 7 days, QuantLib testExCouponAustralianBond)", () => {
    const ps = generateSchedule({
      start: D("2014-02-15"),
      maturity: D("2017-02-15"),
      frequency: 2,
      paymentAdjustment: "none",
      exCouponDays: 7,
      exCouponCalendarDays: true,
    });
    expect(iso(ps[0].exDate)).toBe("2014-08-08");
  });

  test("ex-coupon in business days skips weekends", () => {
    const ps = generateSchedule({ start: D("2024-01-08"), maturity: D("2025-01-08"), frequency: 2, exCouponDays: 3 });
    // Payment Mon 2024-07-08 - 3 business days = Wed 2024-07-03.
    expect(iso(ps[0].exDate)).toBe("2024-07-03");
  });

  test("30E/360 ISDA year fractions use the maturity", () => {
    const ps = generateSchedule({
      start: D("2023-02-28"),
      maturity: D("2024-02-29"),
      frequency: 2,
      dayCount: THIRTY_E_360_ISDA,
    });
    expect(ps.map((p) => iso(p.end))).toEqual(["2023-08-31", "2024-02-29"]);
    // 2023-08-31 -> D2 30; 2024-02-29 is the maturity so stays 29: 179 days.
    expect(ps.map((p) => p.yearFraction)).toEqual([180 / 360, 179 / 360]);
  });
});

describe("errors", () => {
  const expectCode = (f: () => unknown, code: string) => {
    let caught: unknown;
    try {
      f();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExcelError);
    expect((caught as ExcelError).code).toBe(code);
  };
  test("start not before maturity is #NUM!", () =>
    expectCode(() => generateSchedule({ start: D("2025-01-01"), maturity: D("2025-01-01"), frequency: 2 }), "#NUM!"));
  test("frequency 5 is #NUM!", () =>
    expectCode(() => generateSchedule({ start: D("2024-01-01"), maturity: D("2025-01-01"), frequency: 5 }), "#NUM!"));
  test("first coupon before start is #NUM!", () =>
    expectCode(
      () =>
        generateSchedule({
          start: D("2024-01-01"),
          firstCoupon: D("2023-07-01"),
          maturity: D("2025-01-01"),
          frequency: 2,
        }),
      "#NUM!",
    ));
  test("settlement start with forward generation is #VALUE!", () =>
    expectCode(
      () =>
        generateSchedule({
          start: D("2024-01-01"),
          maturity: D("2025-01-01"),
          frequency: 2,
          direction: "forward",
          startIsSettlement: true,
        }),
      "#VALUE!",
    ));
});

// ---------------------------------------------------------------------------------------------
// Properties

const dayArb = fc.integer({ min: D("2000-01-01"), max: D("2040-12-31") });
const optsArb = fc
  .record({
    a: dayArb,
    span: fc.integer({ min: 1, max: 3650 }),
    frequency: fc.constantFrom(1, 2, 4, 12),
    eom: fc.boolean(),
    direction: fc.constantFrom("backward" as const, "forward" as const),
    stub: fc.constantFrom("short" as const, "long" as const),
  })
  .map(({ a, span, ...rest }): ScheduleOptions => ({ start: a, maturity: a + span, ...rest }));

describe("schedule properties", () => {
  test("periods are contiguous from start to maturity", () => {
    fc.assert(
      fc.property(optsArb, (o) => {
        const ps = generateSchedule(o);
        return (
          ps.length >= 1 &&
          ps[0].start === o.start &&
          ps[ps.length - 1].end === o.maturity &&
          ps.every((p, i) => p.start < p.end && (i === 0 || ps[i - 1].end === p.start))
        );
      }),
      { numRuns: 300 },
    );
  });

  test("stubs only where the grid does not fit: the first (backward) or the last (forward)", () => {
    fc.assert(
      fc.property(optsArb, (o) => {
        const ps = generateSchedule(o);
        const stubAt = ps.map((p, i) => (p.isStub ? i : -1)).filter((i) => i >= 0);
        const allowed = o.direction === "backward" ? 0 : ps.length - 1;
        return stubAt.every((i) => i === allowed);
      }),
      { numRuns: 300 },
    );
  });

  test("no stub when start lies on the grid rolled back from maturity", () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1, 2, 4, 12),
        fc.boolean(),
        (m, n, frequency, eom) => {
          const start = rollDate(m, (-n * 12) / frequency, eom);
          const ps = generateSchedule({ start, maturity: m, frequency, eom });
          return ps.length === n && ps.every((p) => !p.isStub);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("EOM rule: a month-end maturity gives month-end coupon dates", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 30, max: 3650 }), fc.constantFrom(1, 2, 4, 12), (a, span, frequency) => {
        const maturity = endOfMonth(a + span);
        const ps = generateSchedule({ start: a, maturity, frequency, eom: true });
        return ps.every((p) => isLastDayOfMonth(p.end));
      }),
      { numRuns: 300 },
    );
  });

  test("ACT/ACT ICMA over the whole schedule equals the sum of its periods", () => {
    fc.assert(
      fc.property(optsArb, (o) => {
        const backward: ScheduleOptions = { ...o, direction: "backward", stub: "short", eom: true };
        const ps = generateSchedule({ ...backward, dayCount: ACT_ACT_ICMA });
        const sum = ps.reduce((s, p) => s + (p.yearFraction as number), 0);
        const whole = ACT_ACT_ICMA.yearFraction(o.start, o.maturity, { frequency: o.frequency, maturity: o.maturity });
        return Math.abs(sum - whole) < 1e-12 * Math.max(1, ps.length);
      }),
      { numRuns: 300 },
    );
  });

  test("ACT/360 year fractions of the periods add up to the whole", () => {
    fc.assert(
      fc.property(optsArb, (o) => {
        const ps = generateSchedule({ ...o, dayCount: ACT_360 });
        const sum = ps.reduce((s, p) => s + (p.yearFraction as number), 0);
        return Math.abs(sum - (o.maturity - o.start) / 360) < 1e-12 * Math.max(1, ps.length);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// QuantLib test-suite/daycounters.cpp: ACT/ACT ICMA measured on schedules with odd periods

describe("ACT/ACT ICMA on schedules (QuantLib daycounters.cpp)", () => {
  const lastPeriod = (o: ScheduleOptions) => {
    const ps = generateSchedule({ ...o, dayCount: ACT_ACT_ICMA });
    return ps[ps.length - 1];
  };

  test("testActualActualIsma: short last period, semiannual, no EOM", () => {
    const p = lastPeriod({
      start: D("1999-01-30"),
      firstCoupon: D("1999-07-30"),
      penultimateCoupon: D("2000-01-30"),
      maturity: D("2000-06-30"),
      frequency: 2,
      eom: false,
    });
    expect(rows([p])).toEqual(["2000-01-30..2000-06-30 stub"]);
    expect(Math.abs((p.yearFraction as number) - 152 / (182 * 2))).toBeLessThanOrEqual(1e-10);
  });

  test.each([
    [true, 91 / (91 * 4) + 61 / (92 * 4)],
    [false, 91 / (91 * 4) + 61 / (90 * 4)],
  ])("testActualActualIsma: long last period, quarterly, EOM %s", (eom, expected) => {
    const p = lastPeriod({
      start: D("1999-05-31"),
      firstCoupon: D("1999-08-31"),
      penultimateCoupon: D("1999-11-30"),
      maturity: D("2000-04-30"),
      frequency: 4,
      eom,
    });
    expect(rows([p])).toEqual(["1999-11-30..2000-04-30 stub"]);
    expect(Math.abs((p.yearFraction as number) - expected)).toBeLessThanOrEqual(1e-10);
  });

  test("testActualActualWithSchedule: long first coupon 2017-01-17 .. 2017-08-31 = 0.6160220994", () => {
    const ps = generateSchedule({
      start: D("2017-01-17"),
      firstCoupon: D("2017-08-31"),
      maturity: D("2026-02-28"),
      frequency: 2,
      dayCount: ACT_ACT_ICMA,
    });
    const first = ps[0];
    expect(first).toMatchObject({ isStub: true, notionalStart: D("2017-02-28"), notionalEnd: D("2017-08-31") });
    expect(Math.abs((first.yearFraction as number) - 0.6160220994)).toBeLessThanOrEqual(1e-10);
    // Settlement in the first quasi-period: 12 days of 2016-08-31..2017-02-28 (181 days) -> 12/362.
    const ref = { frequency: 2, periodStart: first.notionalStart, periodEnd: first.notionalEnd };
    const toSettlement = ACT_ACT_ICMA.yearFraction(D("2017-01-17"), D("2017-01-29"), ref);
    expect(Math.abs(toSettlement - 0.03314917127071823)).toBeLessThanOrEqual(1e-10);
    const rest = ACT_ACT_ICMA.yearFraction(D("2017-01-29"), D("2017-08-31"), ref);
    expect(Math.abs(toSettlement + rest - 0.6160220994)).toBeLessThanOrEqual(1e-10);
  });
});
