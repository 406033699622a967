/**
 * Performance fees on a per-share basis, computed at every NAV, and the two ways of making them fair
 * between investors who came in at different prices: equalisation (the default here) and series
 * accounting. docs/fees.md explains the rules and the choice.
 *
 * At every NAV (rule 1 of ESMA34-39-992: the fee is computed at each NAV calculation):
 *   threshold     = max(HWM, hurdle NAV)
 *   hard hurdle:  fee per share = rate x max(0, GAV - threshold)         (only the excess over it)
 *   soft hurdle:  fee per share = rate x (GAV - HWM) if GAV > threshold  (the whole gain once beaten)
 *   accrual       = fee per share x shares in issue; it moves up and down with performance.
 * GAV is the NAV per share before the current period's performance-fee accrual (fees crystallised
 * in earlier periods already paid away); NAV per share = GAV - fee per share.
 *
 * - High-water mark: the NAV per share (after fee) at the last crystallisation that paid a fee, or
 *   the initial price. It never falls, so losses are recovered before a fee is paid again.
 * - Hurdle, measured from the NAV that opened the crystallisation period and applied to the HWM (an
 *   investor never pays for merely recovering a loss): fixed annual rate, simple interest
 *   (HWM x (1 + r x days elapsed / days in year)), or a benchmark (HWM x B(t) / B(period start)).
 *   A falling benchmark lowers the hurdle NAV below the HWM; the HWM still applies.
 * - Crystallisation at the last NAV on or before each period end (annual by default). ESMA34-39-992
 *   guideline 3: crystallisation no more often than once a year; we refuse shorter periods unless
 *   the caller says the fund is outside the guidelines, and read the same rule into the first period.
 *   At crystallisation the accrual becomes payable and, if a fee was paid, HWM := NAV after the fee.
 * - Redemptions (crystalliseOnRedemption, default on, as ESMA's guidelines allow and prospectuses
 *   commonly provide): the fee accrued on redeemed shares, at the NAV they redeem at, crystallises
 *   then and is paid to the manager; the HWM is unchanged for the shares that stay. Redeemed shares
 *   are the point's `redeemed` if given, else the fall in shares since the previous NAV (net flows).
 */
import { Decimal, roundMoney } from "../money";
import { Day, addMonths, endOfMonth, formatIso, isLastDayOfMonth } from "../dates/civil";
import { DaysInYearPolicy, FeeError, ZERO, checkFinite, checkNonNegative, daysInYearFor } from "./common";

export type Hurdle =
  | { kind: "none" }
  /** Fixed annual rate, simple interest over the period; days in year by policy (default "365"). */
  | { kind: "fixed"; annualRate: Decimal; daysInYear?: DaysInYearPolicy }
  /** Benchmark index levels given on every NAV point. */
  | { kind: "benchmark" };

export type HurdleType = "soft" | "hard";

export interface PerformanceFeeTerms {
  /** Share of the gain, 0 <= rate < 1 (0.2 = 20%). */
  rate: Decimal;
  /** Launch price: the first HWM. */
  initialPrice: Decimal;
  /** Default none. */
  hurdle?: Hurdle;
  /** Default "hard". */
  hurdleType?: HurdleType;
  /** Length of a crystallisation period; default 12 (annual). */
  crystallisationMonths?: number;
  /** End of the first period; default the first NAV day + crystallisationMonths. */
  firstCrystallisation?: Day;
  /** Set only for funds outside ESMA34-39-992 (e.g. non-retail AIFs): allows periods under a year. */
  allowSubAnnualCrystallisation?: boolean;
  /** Crystallise the fee accrued on redeemed shares when they redeem; default true. */
  crystalliseOnRedemption?: boolean;
  /** ISO 4217 code for rounding crystallised amounts; default USD. */
  currency?: string;
}

export interface PerfNavPoint {
  day: Day;
  /** NAV per share before the current period's performance-fee accrual. */
  gav: Decimal;
  /** Shares in issue after the day's dealing. */
  shares: Decimal;
  /** Shares redeemed at this NAV (gross); default: the fall in shares since the previous NAV. */
  redeemed?: Decimal;
  /** Benchmark level, required with a benchmark hurdle. */
  benchmark?: Decimal;
}

export interface PerfFeeRow {
  day: Day;
  /** End of the crystallisation period this NAV belongs to. */
  periodEnd: Day;
  gav: Decimal;
  hwm: Decimal;
  /** HWM grown by the hurdle (= HWM without a hurdle). */
  hurdleNav: Decimal;
  /** max(HWM, hurdle NAV). */
  threshold: Decimal;
  feePerShare: Decimal;
  /** GAV - fee per share. */
  nav: Decimal;
  /** Fee per share x shares: the liability accrued at this NAV (full precision). */
  accrual: Decimal;
  /** Fee on shares redeemed at this NAV, crystallised now (full precision; zero without redemptions). */
  redemptionFee: Decimal;
  /**
   * The day's performance-fee expense (negative: write-back): accrual + redemptionFee - the previous
   * NAV's accrual in the same period.
   */
  change: Decimal;
  /** True on the NAV that closes a crystallisation period. */
  crystallises: boolean;
}

export interface Crystallisation {
  /** "period-end", or "redemption" for the fee on redeemed shares (the HWM is then unchanged). */
  reason: "period-end" | "redemption";
  day: Day;
  periodEnd: Day;
  feePerShare: Decimal;
  /** Fee paid, rounded to minor units (zero when the period ended below the threshold). */
  amount: Decimal;
  hwmBefore: Decimal;
  hwmAfter: Decimal;
}

export interface PerformanceFeeResult {
  rows: PerfFeeRow[];
  crystallisations: Crystallisation[];
  /** HWM after the last NAV. */
  hwm: Decimal;
}

/** The fee per share at one NAV, by the formulas in the module comment. */
export function performanceFeePerShare(
  rate: Decimal,
  gav: Decimal,
  hwm: Decimal,
  hurdleNav: Decimal,
  hurdleType: HurdleType = "hard",
): Decimal {
  const threshold = Decimal.max(hwm, hurdleNav);
  if (!gav.greaterThan(threshold)) return ZERO;
  return rate.times(gav.minus(hurdleType === "soft" ? hwm : threshold));
}

/** Throws FeeError unless the terms can be applied. */
export function checkPerformanceTerms(terms: PerformanceFeeTerms): void {
  checkNonNegative(terms.rate, "rate");
  if (terms.rate.greaterThanOrEqualTo(1))
    throw new FeeError(`rate must be below 1 (100%), got ${terms.rate.toString()}`, "rate", undefined, "out-of-range");
  checkNonNegative(terms.initialPrice, "initialPrice");
  if (terms.initialPrice.isZero())
    throw new FeeError("initial price must be positive", "initialPrice", undefined, "out-of-range");
  const months = terms.crystallisationMonths ?? 12;
  if (!Number.isInteger(months) || months < 1) {
    throw new FeeError(
      `crystallisation period must be a whole number of months, got ${months}`,
      "crystallisationMonths",
    );
  }
  if (months < 12 && !terms.allowSubAnnualCrystallisation) {
    throw new FeeError(
      `crystallisation every ${months} months is more often than once a year (ESMA34-39-992 guideline 3)`,
      "crystallisationMonths",
      undefined,
      "out-of-range",
    );
  }
  const h = terms.hurdle;
  if (h?.kind === "fixed") checkFinite(h.annualRate, "hurdle rate");
}

/**
 * The step-by-step calculation: one NAV at a time, in date order. computePerformanceFee runs it over
 * a fund's NAVs; series accounting runs one per series.
 */
export class PerformanceFeeCalculator {
  private readonly rate: Decimal;
  private readonly hurdle: Hurdle;
  private readonly hurdleType: HurdleType;
  private readonly months: number;
  private readonly currency: string;
  private hwmValue: Decimal;
  private periodIndex = 0;
  private firstEnd: Day | undefined;
  private lastDay: Day | undefined;
  /** The NAV that opened the current period: hurdle start day and benchmark level. */
  private ref: { day: Day; benchmark?: Decimal } | undefined;
  private lastAccrual = ZERO;
  private lastShares: Decimal | undefined;
  readonly crystallisations: Crystallisation[] = [];

  constructor(private readonly terms: PerformanceFeeTerms) {
    checkPerformanceTerms(terms);
    this.rate = terms.rate;
    this.hurdle = terms.hurdle ?? { kind: "none" };
    this.hurdleType = terms.hurdleType ?? "hard";
    this.months = terms.crystallisationMonths ?? 12;
    this.currency = terms.currency ?? "USD";
    this.hwmValue = terms.initialPrice;
  }

  get hwm(): Decimal {
    return this.hwmValue;
  }

  /** End of the current crystallisation period (defined once the first NAV has been seen). */
  periodEnd(): Day {
    if (this.firstEnd === undefined) throw new Error("no NAV yet");
    const k = this.periodIndex * this.months;
    const end = addMonths(this.firstEnd, k);
    // Periods count from the first end, not from each other, so nothing drifts; a month-end anchor
    // stays on month ends (30 April + 3 months is 31 July, where addMonths alone gives 30 July).
    return isLastDayOfMonth(this.firstEnd) ? endOfMonth(end) : end;
  }

  /**
   * The row for one NAV. `isLastOfPeriod(periodEnd)` answers whether no later NAV falls on or before
   * that period end (the caller knows the next NAV date); if so the period crystallises at this NAV.
   */
  step(p: PerfNavPoint, index: number, isLastOfPeriod: (periodEnd: Day) => boolean): PerfFeeRow {
    this.checkPoint(p, index);
    if (this.firstEnd === undefined) {
      this.firstEnd = this.terms.firstCrystallisation ?? addMonths(p.day, this.months);
      if (this.firstEnd <= p.day) {
        throw new FeeError(
          `first crystallisation ${formatIso(this.firstEnd)} is not after the first NAV ${formatIso(p.day)}`,
          "firstCrystallisation",
        );
      }
      if (addMonths(p.day, 12) > this.firstEnd && !this.terms.allowSubAnnualCrystallisation) {
        throw new FeeError(
          `first crystallisation ${formatIso(this.firstEnd)} is less than a year after the first NAV (ESMA34-39-992 guideline 3)`,
          "firstCrystallisation",
          undefined,
          "out-of-range",
        );
      }
      this.ref = { day: p.day, benchmark: p.benchmark };
    }
    // A gap in the NAVs may skip whole periods; they close without a NAV, so nothing crystallises.
    while (p.day > this.periodEnd()) {
      this.periodIndex++;
      this.lastAccrual = ZERO;
    }
    const periodEnd = this.periodEnd();
    const hurdleNav = this.hurdleNav(p, index);
    const threshold = Decimal.max(this.hwmValue, hurdleNav);
    const feePerShare = performanceFeePerShare(this.rate, p.gav, this.hwmValue, hurdleNav, this.hurdleType);
    const accrual = feePerShare.times(p.shares);
    const redeemed = p.redeemed ?? Decimal.max(ZERO, (this.lastShares ?? p.shares).minus(p.shares));
    const redemptionFee = this.terms.crystalliseOnRedemption === false ? ZERO : feePerShare.times(redeemed);
    const crystallises = isLastOfPeriod(periodEnd);
    const row: PerfFeeRow = {
      day: p.day,
      periodEnd,
      gav: p.gav,
      hwm: this.hwmValue,
      hurdleNav,
      threshold,
      feePerShare,
      nav: p.gav.minus(feePerShare),
      accrual,
      redemptionFee,
      change: accrual.plus(redemptionFee).minus(this.lastAccrual),
      crystallises,
    };
    this.lastAccrual = accrual;
    this.lastDay = p.day;
    this.lastShares = p.shares;
    if (!redemptionFee.isZero()) {
      this.crystallisations.push({
        reason: "redemption",
        day: p.day,
        periodEnd,
        feePerShare,
        amount: roundMoney(redemptionFee, this.currency),
        hwmBefore: this.hwmValue,
        hwmAfter: this.hwmValue,
      });
    }
    if (crystallises) {
      const hwmBefore = this.hwmValue;
      if (feePerShare.isPositive() && !feePerShare.isZero()) this.hwmValue = row.nav;
      this.crystallisations.push({
        reason: "period-end",
        day: p.day,
        periodEnd,
        feePerShare,
        amount: roundMoney(accrual, this.currency),
        hwmBefore,
        hwmAfter: this.hwmValue,
      });
      this.periodIndex++;
      this.lastAccrual = ZERO;
      this.ref = { day: p.day, benchmark: p.benchmark };
    }
    return row;
  }

  private hurdleNav(p: PerfNavPoint, index: number): Decimal {
    const ref = this.ref!;
    switch (this.hurdle.kind) {
      case "none":
        return this.hwmValue;
      case "fixed": {
        const fraction = yearFraction(this.hurdle.daysInYear ?? "365", ref.day, p.day);
        return this.hwmValue.times(fraction.times(this.hurdle.annualRate).plus(1));
      }
      case "benchmark": {
        if (ref.benchmark === undefined || ref.benchmark.isZero()) {
          throw new FeeError(
            `no usable benchmark level at the NAV of ${formatIso(ref.day)} that opens the period`,
            "benchmark",
            index,
          );
        }
        return this.hwmValue.times(p.benchmark!).dividedBy(ref.benchmark);
      }
    }
  }

  private checkPoint(p: PerfNavPoint, index: number): void {
    if (!Number.isInteger(p.day))
      throw new FeeError(`NAV ${index + 1}: day must be a whole day number`, "navSeries", index);
    if (this.lastDay !== undefined && p.day <= this.lastDay) {
      throw new FeeError(
        `NAV date ${formatIso(p.day)} is not after the previous NAV: dates must be in ascending order`,
        "navSeries",
        index,
      );
    }
    checkNonNegative(p.gav, "GAV per share", index);
    checkNonNegative(p.shares, "shares", index);
    if (p.redeemed !== undefined) checkNonNegative(p.redeemed, "redeemed", index);
    if (this.hurdle.kind === "benchmark") {
      if (p.benchmark === undefined)
        throw new FeeError(`NAV ${index + 1} (${formatIso(p.day)}) has no benchmark level`, "benchmark", index);
      checkNonNegative(p.benchmark, "benchmark", index);
    }
  }
}

/** Sum over days (from, to] of 1 / days-in-year: the fraction of a year for simple interest. */
export function yearFraction(policy: DaysInYearPolicy, from: Day, to: Day): Decimal {
  if (to <= from) return ZERO;
  if (policy !== "actual") return new Decimal(to - from).dividedBy(daysInYearFor(policy, to));
  // Count the days in each year length, then divide once per length (as DailyFractionSum does).
  let leap = 0;
  let common = 0;
  for (let d = from + 1; d <= to; d++) daysInYearFor("actual", d) === 366 ? leap++ : common++;
  return new Decimal(leap)
    .times(365)
    .plus(new Decimal(common).times(366))
    .dividedBy(365 * 366);
}

/** The performance fee at every NAV of a fund (or share class) and its crystallisations. */
export function computePerformanceFee(
  terms: PerformanceFeeTerms,
  series: readonly PerfNavPoint[],
): PerformanceFeeResult {
  const calc = new PerformanceFeeCalculator(terms);
  const rows = series.map((p, i) => {
    const next = series[i + 1];
    // The last NAV given closes its period only if it is dated on the period end itself; a series
    // that stops mid-period leaves the fee accrued, not crystallised.
    return calc.step(p, i, (end) => (next === undefined ? p.day === end : next.day > end));
  });
  return { rows, crystallisations: calc.crystallisations, hwm: calc.hwm };
}

// ---------------------------------------------------------------------------------------------
// Equalisation (the default fairness method)
// ---------------------------------------------------------------------------------------------

export type EqualisationKind = "credit" | "deposit" | "none";

export interface EqualisationAtSubscription {
  kind: EqualisationKind;
  /** Credit: the fund's accrued fee per share at subscription; deposit: rate x (HWM - GAV). */
  perShare: Decimal;
  /** perShare x shares: what the investor pays on top of NAV x shares. */
  amount: Decimal;
}

/**
 * What a subscriber pays on top of the NAV so that the fund-level fee becomes fair to them:
 * - above the HWM (the fund has a fee accrued): an equalisation credit equal to the accrued fee per
 *   share, so the investor pays the GAV and does not get the benefit of a fee others owe;
 * - below the HWM: a depreciation deposit of rate x (HWM - GAV) per share, so that the recovery from
 *   their price up to the HWM, on which the fund charges nobody, is charged to them.
 * `fundFeePerShare` is the accrued fee per share at that NAV (from the performance rows, hurdle
 * included); by default rate x max(0, GAV - HWM).
 */
export function equalisationAtSubscription(
  rate: Decimal,
  hwm: Decimal,
  gav: Decimal,
  shares: Decimal,
  fundFeePerShare: Decimal = rate.times(Decimal.max(ZERO, gav.minus(hwm))),
): EqualisationAtSubscription {
  if (fundFeePerShare.isPositive() && !fundFeePerShare.isZero()) {
    return { kind: "credit", perShare: fundFeePerShare, amount: fundFeePerShare.times(shares) };
  }
  if (gav.lessThan(hwm)) {
    const perShare = rate.times(hwm.minus(gav));
    return { kind: "deposit", perShare, amount: perShare.times(shares) };
  }
  return { kind: "none", perShare: ZERO, amount: ZERO };
}

export interface EqualisationSettlementInput {
  rate: Decimal;
  shares: Decimal;
  /** HWM of the period in which the investor subscribed. */
  hwm: Decimal;
  /** GAV per share at which the investor subscribed (their cost before the equalisation amount). */
  subscriptionGav: Decimal;
  /** GAV per share at the crystallisation. */
  periodEndGav: Decimal;
  /** Fund's accrued fee per share at subscription; default rate x max(0, subscriptionGav - hwm). */
  fundFeePerShareAtSubscription?: Decimal;
  /** Fund's fee per share crystallised; default rate x max(0, periodEndGav - hwm). */
  fundFeePerShareAtEnd?: Decimal;
}

export interface EqualisationSettlement {
  kind: EqualisationKind;
  /** Fee the fund charges on the investor's shares: fund fee per share x shares. */
  fundLevelFee: Decimal;
  /** What the investor bears in the end: fundLevelFee - refund + depositCharged. */
  fairFee: Decimal;
  /** Equalisation credit returned to the investor (as new shares at the NAV after the fee). */
  refund: Decimal;
  /** refund / NAV per share after the fee (zero when nothing is refunded). */
  refundShares: Decimal;
  /** Part of the depreciation deposit paid to the manager: rate x (min(end GAV, HWM) - cost)+. */
  depositCharged: Decimal;
  /** Part of the deposit still held (the NAV ended below the HWM); it stays at risk. */
  depositRemaining: Decimal;
}

/**
 * One investor's equalisation at the crystallisation that ends the period they subscribed in.
 * Credit: what is left of it (the smaller of the credit and the fund fee per share, since a credit
 * can only give back fee actually charged) is refunded, so the investor bears fee only on the rise
 * from their own price. Deposit: the part matching their recovery towards the HWM goes to the
 * manager; the fund-level fee covers anything above the HWM.
 */
export function settleEqualisation(input: EqualisationSettlementInput): EqualisationSettlement {
  const { rate, shares, hwm, subscriptionGav, periodEndGav } = input;
  const atSub = equalisationAtSubscription(rate, hwm, subscriptionGav, shares, input.fundFeePerShareAtSubscription);
  const endFee = input.fundFeePerShareAtEnd ?? rate.times(Decimal.max(ZERO, periodEndGav.minus(hwm)));
  const fundLevelFee = endFee.times(shares);
  let refundPerShare = ZERO;
  let chargedPerShare = ZERO;
  if (atSub.kind === "credit") refundPerShare = Decimal.min(atSub.perShare, endFee);
  if (atSub.kind === "deposit")
    chargedPerShare = rate.times(Decimal.max(ZERO, Decimal.min(periodEndGav, hwm).minus(subscriptionGav)));
  const refund = refundPerShare.times(shares);
  const depositCharged = chargedPerShare.times(shares);
  const navAfter = periodEndGav.minus(endFee);
  return {
    kind: atSub.kind,
    fundLevelFee,
    fairFee: fundLevelFee.minus(refund).plus(depositCharged),
    refund,
    refundShares: refund.isZero() || navAfter.isZero() ? ZERO : refund.dividedBy(navAfter),
    depositCharged,
    depositRemaining: atSub.kind === "deposit" ? atSub.amount.minus(depositCharged) : ZERO,
  };
}

export interface SubscriptionLot {
  investor: string;
  day: Day;
  shares: Decimal;
}

export interface LotEqualisation extends EqualisationSettlement {
  investor: string;
  day: Day;
  shares: Decimal;
  subscriptionGav: Decimal;
  /** What the investor paid per share: NAV + credit, or GAV + deposit (NAV = GAV below the HWM). */
  pricePaid: Decimal;
  /** The crystallisation that settled the lot. */
  crystallisedOn: Day;
}

/**
 * Equalisation for subscription lots against a fund's performance rows: each lot deals at the NAV of
 * its day (a row must exist for it) and is settled at the crystallisation that closes that period.
 * Lots whose period has not crystallised yet are left out (nothing to settle).
 */
export function equaliseLots(
  terms: PerformanceFeeTerms,
  result: PerformanceFeeResult,
  lots: readonly SubscriptionLot[],
): LotEqualisation[] {
  const out: LotEqualisation[] = [];
  lots.forEach((lot, i) => {
    const row = result.rows.find((r) => r.day === lot.day);
    if (!row)
      throw new FeeError(`lot ${i + 1} (${lot.investor}): no NAV on ${formatIso(lot.day)} to deal at`, "lots", i);
    const cryst = result.rows.find((r) => r.day >= lot.day && r.crystallises);
    if (!cryst) return;
    const settled = settleEqualisation({
      rate: terms.rate,
      shares: lot.shares,
      hwm: row.hwm,
      subscriptionGav: row.gav,
      periodEndGav: cryst.gav,
      fundFeePerShareAtSubscription: row.feePerShare,
      fundFeePerShareAtEnd: cryst.feePerShare,
    });
    const atSub = equalisationAtSubscription(terms.rate, row.hwm, row.gav, lot.shares, row.feePerShare);
    out.push({
      ...settled,
      investor: lot.investor,
      day: lot.day,
      shares: lot.shares,
      subscriptionGav: row.gav,
      pricePaid: row.nav.plus(atSub.perShare),
      crystallisedOn: cryst.day,
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Series accounting (the alternative)
// ---------------------------------------------------------------------------------------------

export interface GrossIndexPoint {
  day: Day;
  /** Value of the portfolio per unit before any performance fee (a gross total-return index). */
  index: Decimal;
  benchmark?: Decimal;
}

export interface SeriesIssue {
  name: string;
  /** Issue day: an index point must exist for it. */
  day: Day;
  shares: Decimal;
}

export interface SeriesResult {
  name: string;
  issueDay: Day;
  rows: PerfFeeRow[];
  crystallisations: Crystallisation[];
  hwm: Decimal;
}

/**
 * Series accounting: every subscription day issues a new series at the same initial price, each with
 * its own HWM, so each investor's fee depends only on the performance since they came in. A series'
 * GAV follows the gross index from its issue (or from its last crystallisation, after its fee was
 * paid away). Crystallisation dates are the fund's (terms.firstCrystallisation, then every period),
 * shared by all series. Rolling series into the lead series after a crystallisation is left to the
 * accountant: a series that paid a fee has HWM = NAV and may be converted at the NAV ratio.
 */
export function seriesAccounting(
  terms: PerformanceFeeTerms,
  index: readonly GrossIndexPoint[],
  issues: readonly SeriesIssue[],
): SeriesResult[] {
  checkPerformanceTerms(terms);
  if (index.length === 0) return [];
  const firstCrystallisation = terms.firstCrystallisation ?? addMonths(index[0].day, terms.crystallisationMonths ?? 12);
  if (addMonths(index[0].day, 12) > firstCrystallisation && !terms.allowSubAnnualCrystallisation) {
    throw new FeeError(
      `first crystallisation ${formatIso(firstCrystallisation)} is less than a year after the fund's first NAV (ESMA34-39-992 guideline 3)`,
      "firstCrystallisation",
      undefined,
      "out-of-range",
    );
  }
  return issues.map((issue, i) => {
    const start = index.findIndex((p) => p.day === issue.day);
    if (start < 0)
      throw new FeeError(`series ${issue.name}: no index level on ${formatIso(issue.day)} to issue at`, "issues", i);
    // A later series joins the fund's calendar: its first period ends at the first fund period end
    // after its issue (ESMA's one-year minimum is about the fund, not each series).
    const months = terms.crystallisationMonths ?? 12;
    let firstEnd = firstCrystallisation;
    for (let k = 1; firstEnd < issue.day; k++) {
      const end = addMonths(firstCrystallisation, k * months);
      firstEnd = isLastDayOfMonth(firstCrystallisation) ? endOfMonth(end) : end;
    }
    const calc = new PerformanceFeeCalculator({
      ...terms,
      firstCrystallisation: firstEnd,
      allowSubAnnualCrystallisation: true,
    });
    let base = terms.initialPrice;
    let baseIndex = index[start].index;
    const rows: PerfFeeRow[] = [];
    for (let j = start; j < index.length; j++) {
      const p = index[j];
      const next = index[j + 1];
      const gav = base.times(p.index).dividedBy(baseIndex);
      const row = calc.step({ day: p.day, gav, shares: issue.shares, benchmark: p.benchmark }, j, (end) =>
        next === undefined ? p.day === end : next.day > end,
      );
      rows.push(row);
      if (row.crystallises) {
        base = row.nav;
        baseIndex = p.index;
      }
    }
    return { name: issue.name, issueDay: issue.day, rows, crystallisations: calc.crystallisations, hwm: calc.hwm };
  });
}
