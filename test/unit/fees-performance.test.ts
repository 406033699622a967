/**
 * Performance fee, equalisation and series accounting (src/core/fees/performance.ts).
 *
 * Sources: the published vector FEE.PERFORMANCE_EQUALISATION (Tiger Brokers help, performance fee
 * equalisation example) runs in fees-vectors.test.ts and is reworked here inside a fund's NAV path;
 * ESMA34-39-992 (Guidelines on performance fees in UCITS and certain types of AIFs), guideline 3 for
 * the once-a-year crystallisation; all other expected values are hand arithmetic shown in comments.
 */
import fc from "fast-check";
import { Decimal } from "../../src/core/money";
import { dayFromCivil } from "../../src/core/dates/civil";
import {
  PerfNavPoint,
  PerformanceFeeTerms,
  computePerformanceFee,
  equaliseLots,
  performanceFeePerShare,
  seriesAccounting,
  yearFraction,
} from "../../src/core/fees";

const D = (v: Decimal.Value) => new Decimal(v);
const day = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
const pt = (
  y: number,
  m: number,
  d: number,
  gav: Decimal.Value,
  shares: Decimal.Value = 1000,
  benchmark?: Decimal.Value,
): PerfNavPoint => ({
  day: day(y, m, d),
  gav: D(gav),
  shares: D(shares),
  ...(benchmark === undefined ? {} : { benchmark: D(benchmark) }),
});
const base: PerformanceFeeTerms = { rate: D("0.2"), initialPrice: D(10), firstCrystallisation: day(2024, 12, 31) };
const fix = (x: Decimal) => x.toFixed();

describe("high-water mark, accrual at every NAV, annual crystallisation", () => {
  // Launch 2023-12-31 at 10.00, HWM 10.00, 20%, 1,000 shares, crystallising each 31 December.
  // 2024-06-30 GAV 11.00: fee 0.2 x (11 - 10) = 0.20 a share, accrual 200, NAV 10.80
  // 2024-09-30 GAV 10.50: fee 0.10, accrual 100 (written back 100)
  // 2024-12-31 GAV 12.00: fee 0.40, accrual 400 (+300); crystallises 400.00; HWM -> 12.00 - 0.40 = 11.60
  // 2025-06-30 GAV 11.00: below HWM 11.60 -> 0
  // 2025-12-31 GAV 11.50: below HWM -> 0; crystallises nothing; HWM stays 11.60
  // 2026-06-30 GAV 12.60: 0.2 x (12.60 - 11.60) = 0.20, accrual 200
  const r = computePerformanceFee(base, [
    pt(2023, 12, 31, 10),
    pt(2024, 6, 30, 11),
    pt(2024, 9, 30, "10.5"),
    pt(2024, 12, 31, 12),
    pt(2025, 6, 30, 11),
    pt(2025, 12, 31, "11.5"),
    pt(2026, 6, 30, "12.6"),
  ]);
  test("fee per share, accrual, its daily change and NAV", () => {
    expect(r.rows.map((x) => fix(x.feePerShare))).toEqual(["0", "0.2", "0.1", "0.4", "0", "0", "0.2"]);
    expect(r.rows.map((x) => fix(x.accrual))).toEqual(["0", "200", "100", "400", "0", "0", "200"]);
    expect(r.rows.map((x) => fix(x.change))).toEqual(["0", "200", "-100", "300", "0", "0", "200"]);
    expect(fix(r.rows[1].nav)).toBe("10.8");
  });
  test("crystallisation resets the HWM only when a fee was paid", () => {
    expect(r.crystallisations.map((c) => [c.day, fix(c.amount), fix(c.hwmBefore), fix(c.hwmAfter)])).toEqual([
      [day(2024, 12, 31), "400", "10", "11.6"],
      [day(2025, 12, 31), "0", "11.6", "11.6"],
    ]);
    expect(r.rows.map((x) => fix(x.hwm))).toEqual(["10", "10", "10", "10", "11.6", "11.6", "11.6"]);
    expect(fix(r.hwm)).toBe("11.6");
  });
  test("a series stopping before the period end accrues but does not crystallise", () => {
    expect(r.rows[6].crystallises).toBe(false);
    expect(r.rows[6].periodEnd).toBe(day(2026, 12, 31));
  });
  test("the last NAV before a period end crystallises when the next NAV is after it", () => {
    // Friday 2027-12-31 is the period end; here the last NAV is Thursday 2027-12-30
    const s = computePerformanceFee({ ...base, firstCrystallisation: day(2027, 12, 31) }, [
      pt(2026, 12, 31, 10),
      pt(2027, 12, 30, 11),
      pt(2028, 1, 3, 11),
    ]);
    expect(s.crystallisations.map((c) => [c.day, fix(c.amount)])).toEqual([[day(2027, 12, 30), "200"]]);
    expect(fix(s.rows[2].hwm)).toBe("10.8");
  });
});

describe("crystallisation on redemption", () => {
  // Launch 2023-12-31 at 10, HWM 10, 20%, 1,000 shares.
  // 2024-06-30 GAV 11.00, 1,000 shares: fee 0.20 a share, accrual 200
  // 2024-09-30 GAV 11.50, 600 shares (400 redeemed): fee 0.30 a share; accrual 0.30 x 600 = 180;
  //            the 400 redeemed shares pay 0.30 x 400 = 120 now; the day's expense is
  //            180 + 120 - 200 = 100 = 0.10 rise x the 1,000 shares held before dealing
  // 2024-12-31 GAV 12.00, 600 shares: 0.40 x 600 = 240 crystallises (change +60); HWM 11.60
  const series = [pt(2023, 12, 31, 10), pt(2024, 6, 30, 11), pt(2024, 9, 30, "11.5", 600), pt(2024, 12, 31, 12, 600)];
  test("the fee on redeemed shares is paid when they redeem; the HWM waits for the period end", () => {
    const r = computePerformanceFee(base, series);
    expect(r.rows.map((x) => fix(x.redemptionFee))).toEqual(["0", "0", "120", "0"]);
    expect(r.rows.map((x) => fix(x.change))).toEqual(["0", "200", "100", "60"]);
    expect(r.crystallisations.map((c) => [c.reason, c.day, fix(c.amount), fix(c.hwmAfter)])).toEqual([
      ["redemption", day(2024, 9, 30), "120", "10"],
      ["period-end", day(2024, 12, 31), "240", "11.6"],
    ]);
  });
  test("gross redemptions can be given when subscriptions net them off", () => {
    // 2024-09-30: 400 redeemed and 400 subscribed, shares unchanged at 1,000: 0.30 x 400 = 120
    const gross = [series[0], series[1], { ...pt(2024, 9, 30, "11.5", 1000), redeemed: D(400) }];
    expect(fix(computePerformanceFee(base, gross).rows[2].redemptionFee)).toBe("120");
  });
  test("switched off, the accrual on redeemed shares is written back instead", () => {
    const r = computePerformanceFee({ ...base, crystalliseOnRedemption: false }, series);
    // 180 - 200 = -20 on 2024-09-30
    expect(r.rows.map((x) => fix(x.change))).toEqual(["0", "200", "-20", "60"]);
    expect(r.crystallisations.map((c) => c.reason)).toEqual(["period-end"]);
  });
});

describe("hurdles", () => {
  // Launch 2023-12-31, HWM 10, 20%. 2024 is a leap year: 366 days to 2024-12-31, 182 to 2024-06-30.
  test("fixed 5% a year, days in year 365: hurdle NAV = 10 x (1 + 0.05 x 366/365) = 10.50136986...", () => {
    // hard at GAV 11: 0.2 x (11 - 10.501369863...) = 0.0997260273972602739726...
    // soft at GAV 11: beaten, so the whole gain: 0.2 x (11 - 10) = 0.2
    const terms = { ...base, hurdle: { kind: "fixed" as const, annualRate: D("0.05") } };
    const series = [pt(2023, 12, 31, 10), pt(2024, 6, 30, "10.2"), pt(2024, 12, 31, 11)];
    const hard = computePerformanceFee(terms, series);
    const soft = computePerformanceFee({ ...terms, hurdleType: "soft" }, series);
    expect(hard.rows[2].hurdleNav.toFixed(12)).toBe("10.501369863014");
    expect(hard.rows[2].feePerShare.toFixed(12)).toBe("0.099726027397");
    expect(fix(soft.rows[2].feePerShare)).toBe("0.2");
    // mid-year: hurdle 10 x (1 + 0.05 x 182/365) = 10.2493150...; GAV 10.20 is above the HWM but
    // not the hurdle, so neither soft nor hard charges anything
    expect(hard.rows[1].hurdleNav.toFixed(7)).toBe("10.2493151");
    expect([fix(hard.rows[1].feePerShare), fix(soft.rows[1].feePerShare)]).toEqual(["0", "0"]);
  });
  test("fixed 5%, days in year actual: a full leap year is exactly 5% -> hurdle 10.50, hard fee 0.10", () => {
    const r = computePerformanceFee(
      { ...base, hurdle: { kind: "fixed", annualRate: D("0.05"), daysInYear: "actual" } },
      [pt(2023, 12, 31, 10), pt(2024, 12, 31, 11)],
    );
    expect(fix(r.rows[1].hurdleNav)).toBe("10.5");
    expect(fix(r.rows[1].feePerShare)).toBe("0.1");
  });
  test("benchmark: hurdle NAV = HWM x B(t)/B(start); a falling benchmark leaves the HWM in force", () => {
    // B 100 -> 108: hurdle 10.80; GAV 11: hard 0.2 x 0.2 = 0.04, soft 0.2 x 1 = 0.2
    // B 100 -> 95: hurdle 9.50 < HWM 10; GAV 10.40: 0.2 x 0.40 = 0.08 either way
    const terms = { ...base, hurdle: { kind: "benchmark" as const } };
    const up = [pt(2023, 12, 31, 10, 1000, 100), pt(2024, 12, 31, 11, 1000, 108)];
    const down = [pt(2023, 12, 31, 10, 1000, 100), pt(2024, 12, 31, "10.4", 1000, 95)];
    expect(fix(computePerformanceFee(terms, up).rows[1].feePerShare)).toBe("0.04");
    expect(fix(computePerformanceFee({ ...terms, hurdleType: "soft" }, up).rows[1].feePerShare)).toBe("0.2");
    const d = computePerformanceFee(terms, down).rows[1];
    expect([fix(d.hurdleNav), fix(d.threshold), fix(d.feePerShare)]).toEqual(["9.5", "10", "0.08"]);
    expect(() => computePerformanceFee(terms, [pt(2023, 12, 31, 10)])).toThrow(/has no benchmark level/);
  });
  test("the hurdle restarts from the NAV that closed the previous period", () => {
    // 2024: GAV 12 at year end -> fee 0.2 x (12 - 10.5) = 0.30, HWM 11.70 (actual days, 5%)
    // 2025-12-31: hurdle 11.70 x 1.05 = 12.285; GAV 12.5 -> 0.2 x 0.215 = 0.043
    const r = computePerformanceFee(
      { ...base, hurdle: { kind: "fixed", annualRate: D("0.05"), daysInYear: "actual" } },
      [pt(2023, 12, 31, 10), pt(2024, 12, 31, 12), pt(2025, 12, 31, "12.5")],
    );
    expect(r.crystallisations.map((c) => fix(c.feePerShare))).toEqual(["0.3", "0.043"]);
    expect(fix(r.rows[2].hurdleNav)).toBe("12.285");
  });
  test("year fraction: 366/365 for 2024 with 365, exactly 1 with actual, 1/366 + 1/365 across a year end", () => {
    expect(yearFraction("365", day(2023, 12, 31), day(2024, 12, 31)).toFixed(10)).toBe(
      D(366).dividedBy(365).toFixed(10),
    );
    expect(fix(yearFraction("actual", day(2023, 12, 31), day(2024, 12, 31)))).toBe("1");
    expect(yearFraction("actual", day(2024, 12, 30), day(2025, 1, 1)).toFixed(20)).toBe(
      D(1).dividedBy(366).plus(D(1).dividedBy(365)).toFixed(20),
    );
  });
});

describe("crystallisation frequency (ESMA34-39-992 guideline 3: at most once a year)", () => {
  test("periods shorter than a year are refused", () => {
    expect(() => computePerformanceFee({ ...base, crystallisationMonths: 6 }, [pt(2023, 12, 31, 10)])).toThrow(
      /more often than once a year/,
    );
    expect(() =>
      computePerformanceFee({ ...base, firstCrystallisation: day(2024, 6, 30) }, [pt(2023, 12, 31, 10)]),
    ).toThrow(/less than a year after the first NAV/);
  });
  test("allowed for funds outside the guidelines: quarterly, month-end anchored", () => {
    const r = computePerformanceFee(
      {
        ...base,
        crystallisationMonths: 3,
        firstCrystallisation: day(2024, 3, 31),
        allowSubAnnualCrystallisation: true,
      },
      [pt(2023, 12, 31, 10), pt(2024, 3, 31, 11), pt(2024, 6, 30, 12)],
    );
    // Q1: 0.2 x 1 = 0.20, HWM 10.80; Q2 (ends 30 June, not 31 June): 0.2 x (12 - 10.8) = 0.24
    expect(r.crystallisations.map((c) => [c.periodEnd, fix(c.feePerShare)])).toEqual([
      [day(2024, 3, 31), "0.2"],
      [day(2024, 6, 30), "0.24"],
    ]);
  });
  test("the last NAV before a gap closes its period; a period with no NAV at all crystallises nothing", () => {
    const r = computePerformanceFee(base, [pt(2023, 12, 31, 10), pt(2024, 6, 30, 11), pt(2026, 3, 31, 11)]);
    // 2024-06-30 is followed by a NAV after 2024-12-31, so it closes the 2024 period; 2025 has no NAV
    expect(r.crystallisations.map((c) => c.day)).toEqual([day(2024, 6, 30)]);
    expect(r.rows[2].periodEnd).toBe(day(2026, 12, 31));
  });
  test("bad inputs", () => {
    expect(() => computePerformanceFee({ ...base, rate: D(1) }, [])).toThrow(/below 1/);
    expect(() => computePerformanceFee(base, [pt(2023, 12, 31, 10), pt(2023, 12, 31, 10)])).toThrow(/ascending order/);
    expect(() => computePerformanceFee(base, [pt(2023, 12, 31, -1)])).toThrow(/must not be negative/);
  });
});

describe("equalisation: each investor pays only on their own gain", () => {
  // The published example (Tiger Brokers help) placed in a fund: HWM 1.00, 20%.
  // A: 100 shares at launch (GAV 1.00). B: 100 shares on 2024-06-28 at GAV 1.20, when the fund has
  //    0.2 x 0.20 = 0.04 a share accrued: B pays NAV 1.16 + credit 0.04 = 1.20.
  // 2024-12-31 GAV 1.40: fund fee 0.2 x 0.40 = 0.08 a share on 200 shares = 16.00.
  // A bears 8.00 = 0.2 x (1.40 - 1.00) x 100; B bears 8.00 - refund min(0.04, 0.08) x 100 = 4.00
  //   = 0.2 x (1.40 - 1.20) x 100; the refund buys 4 / (1.40 - 0.08) = 3.0303... shares.
  const terms: PerformanceFeeTerms = { rate: D("0.2"), initialPrice: D(1), firstCrystallisation: day(2024, 12, 31) };
  const path = (end: Decimal.Value, mid: Decimal.Value = "1.2") => [
    pt(2023, 12, 31, 1, 100),
    pt(2024, 6, 28, mid, 200),
    pt(2024, 12, 31, end, 200),
  ];
  const lots = [
    { investor: "A", day: day(2023, 12, 31), shares: D(100) },
    { investor: "B", day: day(2024, 6, 28), shares: D(100) },
  ];
  test("mid-period subscriber above the HWM: credit refunded, fee only on the rise from 1.20", () => {
    const fund = computePerformanceFee(terms, path("1.4"));
    expect(fix(fund.crystallisations[0].amount)).toBe("16");
    const [a, b] = equaliseLots(terms, fund, lots);
    expect([a.kind, fix(a.fairFee), fix(a.refund)]).toEqual(["none", "8", "0"]);
    expect([b.kind, fix(b.pricePaid), fix(b.fundLevelFee), fix(b.refund), fix(b.fairFee)]).toEqual([
      "credit",
      "1.2",
      "8",
      "4",
      "4",
    ]);
    expect(b.refundShares.toFixed(6)).toBe("3.030303");
  });
  test("if the NAV falls back below the subscriber's price, the subscriber bears nothing", () => {
    // end GAV 1.10: fund fee 0.02 a share; B's credit gives back min(0.04, 0.02) = 0.02 -> fair 0
    const [, b] = equaliseLots(terms, computePerformanceFee(terms, path("1.1")), lots);
    expect([fix(b.fundLevelFee), fix(b.refund), fix(b.fairFee)]).toEqual(["2", "2", "0"]);
  });
  test("subscriber below the HWM pays a depreciation deposit for the recovery to the HWM", () => {
    // C subscribes at GAV 0.90 (HWM 1.00): deposit 0.2 x 0.10 = 0.02 a share.
    // End 1.40: fund fee 0.08; deposit charged 0.02 -> C bears 0.10 x 100 = 10 = 0.2 x (1.40 - 0.90) x 100
    // End 0.95: fund fee 0; charged 0.2 x 0.05 x 100 = 1; 1 of the deposit still held
    const c = [{ investor: "C", day: day(2024, 6, 28), shares: D(100) }];
    const [up] = equaliseLots(terms, computePerformanceFee(terms, path("1.4", "0.9")), c);
    expect([up.kind, fix(up.pricePaid), fix(up.depositCharged), fix(up.fairFee), fix(up.depositRemaining)]).toEqual([
      "deposit",
      "0.92",
      "2",
      "10",
      "0",
    ]);
    const [down] = equaliseLots(terms, computePerformanceFee(terms, path("0.95", "0.9")), c);
    expect([fix(down.fundLevelFee), fix(down.depositCharged), fix(down.fairFee), fix(down.depositRemaining)]).toEqual([
      "0",
      "1",
      "1",
      "1",
    ]);
  });
  test("with a hard hurdle the subscriber pays on their gain less the hurdle's growth while they held", () => {
    // Hard 5% hurdle, actual days (2024: 366). B subscribes 2024-07-01, day 183: hurdle NAV
    // 1 + 0.05 x 183/366 = 1.025; GAV 1.20 -> fund fee 0.2 x 0.175 = 0.035 a share (B's credit).
    // 2024-12-31: hurdle 1.05; GAV 1.40 -> 0.2 x 0.35 = 0.07. B bears (0.07 - 0.035) x 100 = 3.50
    //   = 0.2 x ((1.40 - 1.20) - (1.05 - 1.025)) x 100
    const hurdled: PerformanceFeeTerms = {
      ...terms,
      hurdle: { kind: "fixed", annualRate: D("0.05"), daysInYear: "actual" },
    };
    const fund = computePerformanceFee(hurdled, [
      pt(2023, 12, 31, 1, 100),
      pt(2024, 7, 1, "1.2", 200),
      pt(2024, 12, 31, "1.4", 200),
    ]);
    expect(fix(fund.rows[1].hurdleNav)).toBe("1.025");
    const [b] = equaliseLots(hurdled, fund, [{ investor: "B", day: day(2024, 7, 1), shares: D(100) }]);
    expect([fix(b.fundLevelFee), fix(b.refund), fix(b.fairFee)]).toEqual(["7", "3.5", "3.5"]);
  });
  test("a lot must deal at a NAV of the series", () => {
    const fund = computePerformanceFee(terms, path("1.4"));
    expect(() => equaliseLots(terms, fund, [{ investor: "X", day: day(2024, 7, 1), shares: D(1) }])).toThrow(
      /no NAV on 2024-07-01/,
    );
  });
  test("property: with a HWM and no hurdle, every subscriber bears rate x max(0, end GAV - own GAV) a share", () => {
    const gavArb = fc.integer({ min: 50, max: 300 }).map((c) => D(c).dividedBy(100));
    fc.assert(
      fc.property(
        fc.array(gavArb, { minLength: 3, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        (gavs, at, shares) => {
          // one NAV a month through 2024, launch at 1.00 on 2023-12-31, last NAV on 2024-12-31
          const series = [
            pt(2023, 12, 31, 1, 1),
            ...gavs.map((g, i) => pt(2024, i + 1, 28, g.toFixed(), 1)),
            pt(2024, 12, 31, gavs[gavs.length - 1].toFixed(), 1),
          ];
          const fund = computePerformanceFee(terms, series);
          const sub = series[at % (series.length - 1)];
          const [lot] = equaliseLots(terms, fund, [{ investor: "P", day: sub.day, shares: D(shares) }]);
          const end = series[series.length - 1].gav;
          expect(
            lot.fairFee.equals(
              D("0.2")
                .times(Decimal.max(0, end.minus(sub.gav)))
                .times(shares),
            ),
          ).toBe(true);
        },
      ),
    );
  });
});

describe("series accounting (the alternative)", () => {
  // Gross index 1.00 -> 1.20 (2024-06-28) -> 1.40 (2024-12-31); every series issued at 1.00.
  // Series 1 (launch, 100 shares): GAV 1.40, fee 0.2 x 0.40 x 100 = 8.00, HWM 1.32.
  // Series 2 (2024-06-28, B's 120.00 buys 120 shares at 1.00): GAV 1.40/1.20 = 1.1666...,
  //   fee 0.2 x 0.1666... x 120 = 4.00, the same as B bears under equalisation.
  // 2025-12-31 index 1.54 (+10%): series 1 GAV 1.32 x 1.1 = 1.452 -> 0.2 x 0.132 x 100 = 2.64
  const terms: PerformanceFeeTerms = { rate: D("0.2"), initialPrice: D(1), firstCrystallisation: day(2024, 12, 31) };
  const index = [
    { day: day(2023, 12, 31), index: D(1) },
    { day: day(2024, 6, 28), index: D("1.2") },
    { day: day(2024, 12, 31), index: D("1.4") },
    { day: day(2025, 12, 31), index: D("1.54") },
  ];
  const [s1, s2] = seriesAccounting(terms, index, [
    { name: "S1", day: day(2023, 12, 31), shares: D(100) },
    { name: "S2", day: day(2024, 6, 28), shares: D(120) },
  ]);
  test("each series has its own HWM and pays on its own gain", () => {
    expect(s1.crystallisations.map((c) => fix(c.amount))).toEqual(["8", "2.64"]);
    expect(s2.crystallisations[0].amount.toFixed(2)).toBe("4.00");
    expect(s2.crystallisations[0].day).toBe(day(2024, 12, 31));
    expect(fix(s1.rows[2].nav)).toBe("1.32");
  });
  test("the fund's first period must still be a year (ESMA34-39-992 guideline 3)", () => {
    expect(() => seriesAccounting({ ...terms, firstCrystallisation: day(2024, 6, 30) }, index, [])).toThrow(
      /less than a year/,
    );
  });
});

describe("properties of the fee at one NAV", () => {
  const px = fc.integer({ min: 1, max: 100_000 }).map((c) => D(c).dividedBy(100));
  const rate = fc.integer({ min: 0, max: 99 }).map((c) => D(c).dividedBy(100));
  test("never negative; zero at or below the HWM; hard <= soft", () => {
    fc.assert(
      fc.property(rate, px, px, px, (r, gav, hwm, hurdle) => {
        const hard = performanceFeePerShare(r, gav, hwm, hurdle, "hard");
        const soft = performanceFeePerShare(r, gav, hwm, hurdle, "soft");
        expect(hard.isNegative() && !hard.isZero()).toBe(false);
        expect(hard.lessThanOrEqualTo(soft)).toBe(true);
        if (gav.lessThanOrEqualTo(hwm)) expect(soft.isZero() && hard.isZero()).toBe(true);
      }),
    );
  });
  test("along any path with flows: HWM never falls, accrual and redemption fees never negative, the changes add up", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(px, fc.integer({ min: 0, max: 50 })), { minLength: 1, maxLength: 40 }),
        (points) => {
          const series = points.map(([g, n], i) => ({ day: day(2023, 12, 31) + 30 * i, gav: g, shares: D(n) }));
          const r = computePerformanceFee({ ...base, initialPrice: D(100) }, series);
          let acc = D(0);
          r.rows.forEach((row, i) => {
            expect(row.accrual.isNegative() && !row.accrual.isZero()).toBe(false);
            if (i > 0) expect(row.hwm.greaterThanOrEqualTo(r.rows[i - 1].hwm)).toBe(true);
            if (row.gav.lessThanOrEqualTo(row.hwm)) expect(row.feePerShare.isZero()).toBe(true);
            // what the changes add up to is the accrual plus the fees paid on redemptions so far
            acc = acc.plus(row.change).minus(row.redemptionFee);
            expect(acc.equals(row.accrual)).toBe(true);
            expect(row.redemptionFee.isNegative()).toBe(false);
            if (row.crystallises) acc = D(0);
          });
        },
      ),
    );
  });
});
