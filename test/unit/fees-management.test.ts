/**
 * Management fee accrual (src/core/fees/management.ts).
 *
 * Sources of expected values:
 * - Published vectors FEE.DAILY and FEE.TIERED (../shared/reference/published-vectors.jsonl) are run
 *   in fees-vectors.test.ts; the rule they state (Eagle documentation: daily fee = prior-day NAV x
 *   rate / days in year) is what the hand-worked tables below apply.
 * - Known-answer tables: arithmetic by hand, written in each comment (checked to 34 digits).
 */
import fc from "fast-check";
import { Decimal } from "../../src/core/money";
import { dayFromCivil } from "../../src/core/dates/civil";
import {
  FeeError,
  RateSchedule,
  accrueManagementFee,
  annualFee,
  bandsFromSlices,
  effectiveRate,
} from "../../src/core/fees";

const D = (v: Decimal.Value) => new Decimal(v);
const day = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
const flat = (rate: Decimal.Value): RateSchedule => ({ kind: "flat", rate: D(rate) });

describe("calendar-day accrual on the prior available NAV", () => {
  // NAVs on Friday 2024-03-01 (100m) and Monday 2024-03-04 (101m); period Saturday..Tuesday.
  // Sat, Sun, Mon accrue on Friday's NAV (Monday's own NAV is not prior to Monday), Tue on Monday's.
  // 1% flat, 365: 3 x 100,000,000 x 0.01 / 365 + 101,000,000 x 0.01 / 365 = 4,010,000 / 365
  //             = 10,986.3013698630... -> 10,986.30
  const series = [
    { day: day(2024, 3, 1), nav: D(100_000_000) },
    { day: day(2024, 3, 4), nav: D(101_000_000) },
  ];
  const r = accrueManagementFee({ schedule: flat("0.01") }, series, { start: day(2024, 3, 2), end: day(2024, 3, 5) });

  test("every calendar day accrues, weekends included, on the last NAV before it", () => {
    expect(r.days.map((d) => d.baseDay)).toEqual([day(2024, 3, 1), day(2024, 3, 1), day(2024, 3, 1), day(2024, 3, 4)]);
    expect(r.days.map((d) => d.base.toNumber())).toEqual([100e6, 100e6, 100e6, 101e6]);
    expect(r.days[0].amount.toFixed(20)).toBe(D(1_000_000).dividedBy(365).toFixed(20));
  });
  test("period total rounded once: 4,010,000 / 365 = 10,986.30", () => {
    expect(r.total.toFixed()).toBe("10986.3");
    expect(r.days[3].cumulative.toFixed(10)).toBe("10986.3013698630");
    expect(r.minimumTrueUp.isZero()).toBe(true);
  });
  test("effective rate of a flat schedule is the rate", () => {
    expect(r.days.every((d) => d.rate.equals(D("0.01")))).toBe(true);
  });
});

describe("days-in-year policy across a leap year end", () => {
  // 73,200,000 x 1% = 732,000 a year; days 2024-12-31 and 2025-01-01.
  // actual: 732,000/366 + 732,000/365 = 2,000 + 2,005.479452... = 4,005.48
  // 365:    2 x 732,000/365 = 4,010.958904... = 4,010.96
  // 360:    2 x 732,000/360 = 4,066.666... = 4,066.67
  const series = [{ day: day(2024, 12, 30), nav: D(73_200_000) }];
  const period = { start: day(2024, 12, 31), end: day(2025, 1, 1) };
  test.each([
    ["actual", "4005.48"],
    ["365", "4010.96"],
    ["360", "4066.67"],
  ] as const)("%s -> %s", (policy, expected) => {
    const r = accrueManagementFee({ schedule: flat("0.01"), daysInYear: policy }, series, period);
    expect(r.total.toFixed(2)).toBe(expected);
  });
  test("actual: the leap-year day is exactly 732,000 / 366 = 2,000", () => {
    const r = accrueManagementFee({ schedule: flat("0.01"), daysInYear: "actual" }, series, period);
    expect(r.days[0].amount.toFixed()).toBe("2000");
  });
});

describe("fee bases", () => {
  // Daily NAVs 100m, 200m, 300m on 2024-01-01..03; period 2024-01-02..04 (prior NAVs 100m, 200m, 300m).
  // Cliff schedule 1% below 150m, 0.5% from 150m.
  // prior-nav: (100m x 1% + 200m x 0.5% + 300m x 0.5%) / 365 = 3,500,000 / 365 = 9,589.04
  // average:   mean 200m -> 0.5% band; 3 x 1,000,000 / 365 = 8,219.18
  const series = [
    { day: day(2024, 1, 1), nav: D(100e6), gav: D(101e6) },
    { day: day(2024, 1, 2), nav: D(200e6), gav: D(201e6) },
    { day: day(2024, 1, 3), nav: D(300e6), gav: D(301e6) },
  ];
  const schedule: RateSchedule = {
    kind: "cliff",
    bands: [
      { floor: D(0), rate: D("0.01") },
      { floor: D(150e6), rate: D("0.005") },
    ],
  };
  const period = { start: day(2024, 1, 2), end: day(2024, 1, 4) };

  test("prior-nav: 3,500,000 / 365 = 9,589.04", () => {
    expect(accrueManagementFee({ schedule }, series, period).total.toFixed(2)).toBe("9589.04");
  });
  test("average: mean of the prior NAVs (200m) every day: 3,000,000 / 365 = 8,219.18", () => {
    const r = accrueManagementFee({ schedule, base: "average" }, series, period);
    expect(r.days.map((d) => d.base.toNumber())).toEqual([200e6, 200e6, 200e6]);
    expect(r.total.toFixed(2)).toBe("8219.18");
  });
  test("gav: same-day GAV (no fee inside it): 201m x 0.5% + 301m x 0.5% + 301m x 0.5%, / 360", () => {
    // 1,005,000 + 1,505,000 + 1,505,000 = 4,015,000 / 360 = 11,152.777... -> 11,152.78
    const r = accrueManagementFee({ schedule, base: "gav", daysInYear: "360" }, series, period);
    expect(r.days.map((d) => d.baseDay)).toEqual([day(2024, 1, 2), day(2024, 1, 3), day(2024, 1, 3)]);
    expect(r.total.toFixed(2)).toBe("11152.78");
  });
  test("gav base without a GAV on the series names the NAV", () => {
    const noGav = [{ day: day(2024, 1, 1), nav: D(1) }];
    expect(() =>
      accrueManagementFee({ schedule, base: "gav" }, noGav, { start: day(2024, 1, 1), end: day(2024, 1, 1) }),
    ).toThrow(/NAV 1 \(2024-01-01\) has no GAV/);
  });
});

describe("minimum fee: annual minimum pro-rated daily, trued up at period end", () => {
  // 10m at 0.5% = 50,000 a year; minimum 100,000 a year; policy actual; February 2024 (29 days, leap).
  // accrued        = 50,000 x 29 / 366 = 3,961.748633... -> 3,961.75
  // period minimum = 100,000 x 29 / 366 = 7,923.497267... -> 7,923.50
  // true-up        = 7,923.50 - 3,961.75 = 3,961.75; total 7,923.50
  const series = [{ day: day(2024, 1, 31), nav: D(10e6) }];
  const period = { start: day(2024, 2, 1), end: day(2024, 2, 29) };
  test("shortfall is trued up on the period total", () => {
    const r = accrueManagementFee(
      { schedule: flat("0.005"), daysInYear: "actual", annualMinimum: D(100_000) },
      series,
      period,
    );
    expect(r.accrued.toFixed(2)).toBe("3961.75");
    expect(r.periodMinimum.toFixed(2)).toBe("7923.50");
    expect(r.minimumTrueUp.toFixed(2)).toBe("3961.75");
    expect(r.total.toFixed(2)).toBe("7923.50");
  });
  test("no true-up when accruals exceed the minimum", () => {
    const r = accrueManagementFee(
      { schedule: flat("0.005"), daysInYear: "actual", annualMinimum: D(20_000) },
      series,
      period,
    );
    // minimum 20,000 x 29 / 366 = 1,584.70 < 3,961.75
    expect(r.periodMinimum.toFixed(2)).toBe("1584.70");
    expect(r.minimumTrueUp.isZero()).toBe(true);
    expect(r.total.toFixed(2)).toBe("3961.75");
  });
});

describe("rounding once vs rounding every day", () => {
  // 250m x 0.75% / 365 = 5,136.9863013698... a day (FEE.DAILY vector); January 2025, 31 days.
  // Once:  1,875,000 x 31 / 365 = 159,246.575342... -> 159,246.58
  // Daily: 31 x 5,136.99 = 159,246.69: 11 cents of drift (31 x 0.0036986... = 0.1147)
  const series = [{ day: day(2024, 12, 31), nav: D(250e6) }];
  const period = { start: day(2025, 1, 1), end: day(2025, 1, 31) };
  test("period rounding: 159,246.58", () => {
    expect(accrueManagementFee({ schedule: flat("0.0075") }, series, period).total.toFixed(2)).toBe("159246.58");
  });
  test("daily rounding drifts 0.11 above it", () => {
    const daily = accrueManagementFee({ schedule: flat("0.0075"), rounding: "daily" }, series, period);
    expect(daily.days[0].amount.toFixed()).toBe("5136.99");
    expect(daily.total.toFixed(2)).toBe("159246.69");
  });
});

describe("breakpoint schedules", () => {
  // 1% to 100m, 0.8% from 100m to 200m, 0.6% above 200m.
  const bands = [
    { floor: D(0), rate: D("0.01") },
    { floor: D(100e6), rate: D("0.008") },
    { floor: D(200e6), rate: D("0.006") },
  ];
  const marginal: RateSchedule = { kind: "marginal", bands };
  const cliff: RateSchedule = { kind: "cliff", bands };
  test.each([
    // base, marginal, cliff
    // 150m: 100m x 1% + 50m x 0.8% = 1,400,000; cliff 150m x 0.8% = 1,200,000
    ["150000000", "1400000", "1200000"],
    // 250m: 1,000,000 + 800,000 + 50m x 0.6% = 2,100,000; cliff 250m x 0.6% = 1,500,000
    ["250000000", "2100000", "1500000"],
    // exactly 100m is in the upper band for a cliff: 800,000; marginal 1,000,000
    ["100000000", "1000000", "800000"],
    // just below: 99,999,999.99 x 1% = 999,999.9999 for both
    ["99999999.99", "999999.9999", "999999.9999"],
    ["0", "0", "0"],
  ])("base %s: marginal %s, cliff %s", (base, m, c) => {
    expect(annualFee(marginal, D(base)).toFixed()).toBe(m);
    expect(annualFee(cliff, D(base)).toFixed()).toBe(c);
  });
  test("effective rate of 150m marginal = 1,400,000 / 150m = 0.9333...%", () => {
    expect(effectiveRate(marginal, D(150e6)).toFixed(10)).toBe("0.0093333333");
    expect(effectiveRate(marginal, D(0)).toFixed()).toBe("0.01");
  });
  test("slices: the last slice's rate applies above the earlier slices", () => {
    const b = bandsFromSlices([
      [100e6, 0.01],
      [100e6, 0.008],
    ]);
    expect(b.map((x) => x.floor.toNumber())).toEqual([0, 100e6]);
    // 300m: 1,000,000 + 200m x 0.8% = 2,600,000
    expect(annualFee({ kind: "marginal", bands: b }, D(300e6)).toFixed()).toBe("2600000");
  });
  test("bad schedules are refused, naming the band", () => {
    expect(() => annualFeeChecked([{ floor: D(1), rate: D("0.01") }])).toThrow(/start at a breakpoint of 0/);
    const down = [
      { floor: D(0), rate: D("0.01") },
      { floor: D(0), rate: D("0.02") },
    ];
    expect(() => annualFeeChecked(down)).toThrow(expect.objectContaining({ field: "schedule", index: 1 }));
    expect(() => annualFeeChecked([{ floor: D(0), rate: D("-0.01") }])).toThrow(/must not be negative/);
    expect(() => bandsFromSlices([[0, 0.01]])).toThrow(/width must be positive/);
  });
});

function annualFeeChecked(bands: { floor: Decimal; rate: Decimal }[]) {
  return accrueManagementFee({ schedule: { kind: "marginal", bands } }, [{ day: 0, nav: D(1) }], { start: 1, end: 1 });
}

describe("bad NAV series", () => {
  const period = { start: day(2024, 1, 2), end: day(2024, 1, 3) };
  test("no NAV before the period", () => {
    const e = catchFee(() =>
      accrueManagementFee({ schedule: flat("0.01") }, [{ day: day(2024, 1, 2), nav: D(1) }], period),
    );
    expect(e.message).toMatch(/no NAV before 2024-01-02/);
  });
  test("dates out of order name the NAV", () => {
    const s = [
      { day: day(2024, 1, 1), nav: D(1) },
      { day: day(2023, 12, 31), nav: D(1) },
    ];
    const e = catchFee(() => accrueManagementFee({ schedule: flat("0.01") }, s, period));
    expect([e.field, e.index]).toEqual(["navSeries", 1]);
    expect(e.message).toMatch(/2023-12-31 is earlier than the one before it/);
  });
  test("duplicate dates and negative NAVs", () => {
    const dup = [
      { day: day(2024, 1, 1), nav: D(1) },
      { day: day(2024, 1, 1), nav: D(2) },
    ];
    expect(() => accrueManagementFee({ schedule: flat("0.01") }, dup, period)).toThrow(/appears twice/);
    expect(() =>
      accrueManagementFee({ schedule: flat("0.01") }, [{ day: day(2024, 1, 1), nav: D(-1) }], period),
    ).toThrow(/NAV must not be negative/);
  });
  test("period ending before it starts", () => {
    expect(() =>
      accrueManagementFee({ schedule: flat("0.01") }, [{ day: 0, nav: D(1) }], { start: 5, end: 4 }),
    ).toThrow(/before it starts/);
  });
});

function catchFee(f: () => unknown): FeeError {
  try {
    f();
  } catch (e) {
    if (e instanceof FeeError) return e;
    throw e;
  }
  throw new Error("expected a FeeError");
}

describe("properties", () => {
  const rate = fc.integer({ min: 0, max: 300 }).map((bp) => D(bp).dividedBy(10_000));
  const bandsArb = fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 1, maxLength: 5 }),
      fc.array(rate, { minLength: 6, maxLength: 6 }),
    )
    .map(([widths, rates]) => {
      let floor = D(0);
      const bands = [{ floor, rate: rates[0] }];
      widths.forEach((w, i) => {
        floor = floor.plus(w);
        bands.push({ floor, rate: rates[i + 1] });
      });
      return bands;
    });
  const cents = fc.integer({ min: 1, max: 100 }).map((c) => D(c).dividedBy(100));

  test("marginal fee is continuous at every breakpoint: each side moves by epsilon x that band's rate", () => {
    fc.assert(
      fc.property(bandsArb, cents, (bands, eps) => {
        const s: RateSchedule = { kind: "marginal", bands };
        // band widths are whole units and eps <= 1, so b - eps and b + eps stay in the adjacent bands
        for (let i = 1; i < bands.length; i++) {
          const b = bands[i].floor;
          const at = annualFee(s, b);
          expect(at.minus(annualFee(s, b.minus(eps))).equals(eps.times(bands[i - 1].rate))).toBe(true);
          expect(annualFee(s, b.plus(eps)).minus(at).equals(eps.times(bands[i].rate))).toBe(true);
        }
      }),
    );
  });

  test("cliff fee jumps at a breakpoint by breakpoint x (upper rate - lower rate)", () => {
    fc.assert(
      fc.property(bandsArb, cents, (bands, eps) => {
        const s: RateSchedule = { kind: "cliff", bands };
        for (let i = 1; i < bands.length; i++) {
          const b = bands[i].floor;
          const [low, up] = [bands[i - 1].rate, bands[i].rate];
          const jump = annualFee(s, b).minus(annualFee(s, b.minus(eps)));
          // b x r_up - (b - eps) x r_low = b x (r_up - r_low) + eps x r_low: it does not shrink with eps
          expect(jump.equals(b.times(up.minus(low)).plus(eps.times(low)))).toBe(true);
          if (!up.equals(low)) expect(jump.equals(eps.times(low))).toBe(false);
        }
      }),
    );
    // and the jump is not small: 100m -> 0.8% from 1%: 99,999,999.99 pays 999,999.9999, 100m pays 800,000
    const s: RateSchedule = {
      kind: "cliff",
      bands: [
        { floor: D(0), rate: D("0.01") },
        { floor: D(100e6), rate: D("0.008") },
      ],
    };
    expect(
      annualFee(s, D("99999999.99"))
        .minus(annualFee(s, D(100e6)))
        .toFixed(),
    ).toBe("199999.9999");
  });

  test("marginal fee <= flat fee at the top rate, and >= flat at the lowest", () => {
    fc.assert(
      fc.property(bandsArb, fc.integer({ min: 0, max: 5_000_000_000 }), (bands, base) => {
        const top = Decimal.max(...bands.map((b) => b.rate));
        const low = Decimal.min(...bands.map((b) => b.rate));
        const fee = annualFee({ kind: "marginal", bands }, D(base));
        expect(fee.lessThanOrEqualTo(D(base).times(top))).toBe(true);
        expect(fee.greaterThanOrEqualTo(D(base).times(low))).toBe(true);
      }),
    );
  });

  test("a constant NAV over a whole calendar year accrues exactly NAV x rate with policy actual", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        rate,
        (y, nav, r) => {
          const res = accrueManagementFee(
            { schedule: { kind: "flat", rate: r }, daysInYear: "actual" },
            [{ day: day(y - 1, 12, 31), nav: D(nav) }],
            { start: day(y, 1, 1), end: day(y, 12, 31) },
          );
          expect(res.total.equals(D(nav).times(r).toDecimalPlaces(2))).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
