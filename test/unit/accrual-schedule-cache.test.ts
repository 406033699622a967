/**
 * bondSchedule memoises schedules; the cache must never hand one bond's schedule to another, nor let
 * a caller change a shared schedule.
 */
import { bondAccrued, bondSchedule } from "../../src/core/accrual";
import { holidayCalendar } from "../../src/core/calendar";
import { dayFromCivil } from "../../src/core/dates";

const d = dayFromCivil;
const base = {
  maturity: d(2034, 11, 15),
  rate: "0.0425",
  frequency: 2,
  convention: "ACT/ACT ICMA",
  issue: d(2024, 11, 15),
};

describe("bond schedule cache", () => {
  it("returns the same frozen schedule for the same bond", () => {
    const a = bondSchedule({ ...base, settlement: d(2026, 10, 1) });
    const b = bondSchedule({ ...base, settlement: d(2026, 10, 31) });
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a[0])).toBe(true);
  });
  it("keys on every schedule input: maturity, frequency, ex-coupon days and calendars by identity", () => {
    const a = bondSchedule({ ...base, settlement: d(2026, 10, 1) });
    expect(bondSchedule({ ...base, maturity: d(2034, 5, 15), settlement: d(2026, 10, 1) })).not.toBe(a);
    expect(bondSchedule({ ...base, frequency: 1, settlement: d(2026, 10, 1) })).not.toBe(a);
    expect(bondSchedule({ ...base, exCouponDays: 6, settlement: d(2026, 10, 1) })).not.toBe(a);
    // Two holiday calendars with the same name and size but different days must not share a schedule.
    const h1 = holidayCalendar([d(2029, 11, 15)], { name: "H" });
    const h2 = holidayCalendar([d(2029, 11, 16)], { name: "H" });
    const s1 = bondSchedule({ ...base, calendar: h1, settlement: d(2026, 10, 1) });
    const s2 = bondSchedule({ ...base, calendar: h2, settlement: d(2026, 10, 1) });
    expect(s1).not.toBe(s2);
    const pay = (s: readonly { end: number; paymentDate: number }[]) =>
      s.find((p) => p.end === d(2029, 11, 15))!.paymentDate;
    expect(pay(s1)).toBe(d(2029, 11, 16)); // 15th a holiday: following business day
    expect(pay(s2)).toBe(d(2029, 11, 15));
  });
  it("gives the same accrued interest cached or not", () => {
    const first = bondAccrued({ ...base, settlement: d(2026, 10, 20), face: 1000000 });
    const again = bondAccrued({ ...base, settlement: d(2026, 10, 20), face: 1000000 });
    expect(again.accrued.toString()).toBe(first.accrued.toString());
    // 2026-05-15..2026-10-20 is 158 days of a 184-day period: 1,000,000 x 4.25% / 2 x 158/184.
    expect(first.accrued.toFixed(2)).toBe("18247.28");
  });
});
