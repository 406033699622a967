import fc from "fast-check";
import { dayFromCivil, formatIso, isoWeekday, parseIso } from "../../src/core/dates/civil";
import {
  TARGET,
  addBusinessDays,
  adjust,
  businessDayConventionOf,
  businessDaysBetween,
  calendarOf,
  easterSunday,
  holidayCalendar,
  joinCalendars,
  targetHolidays,
  weekendCalendar,
} from "../../src/core/calendar";
import { ExcelError } from "../../src/core/errors";

const D = (iso: string) => {
  const d = parseIso(iso);
  if (d === undefined) throw new Error(`bad test date ${iso}`);
  return d;
};

describe("easterSunday (anonymous Gregorian algorithm)", () => {
  // Easter dates as published in the Western church calendar (e.g. timeanddate.com, Wikipedia "List of dates for Easter").
  test.each([
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("Easter %i is %s", (year, iso) => {
    expect(formatIso(easterSunday(year))).toBe(iso);
  });

  test("always a Sunday between 22 March and 25 April", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (y) => {
        const e = easterSunday(y);
        return isoWeekday(e) === 7 && e >= dayFromCivil(y, 3, 22) && e <= dayFromCivil(y, 4, 25);
      }),
    );
  });
});

describe("TARGET", () => {
  // ECB, "TARGET closing days" (ecb.europa.eu): New Year's Day, Good Friday, Easter Monday, 1 May, 25 and 26 December.
  test.each([
    [2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-12-25", "2024-12-26"]],
    [2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-12-25", "2025-12-26"]],
    [2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-12-25", "2026-12-26"]],
  ])("closing days %i", (year, expected) => {
    expect(targetHolidays(year).map(formatIso).sort()).toEqual(expected);
    for (const iso of expected) expect(TARGET.isBusinessDay(D(iso))).toBe(false);
  });

  test("ordinary weekdays are open, weekends closed", () => {
    expect(TARGET.isBusinessDay(D("2025-04-17"))).toBe(true); // Maundy Thursday
    expect(TARGET.isBusinessDay(D("2025-04-22"))).toBe(true); // Tuesday after Easter Monday
    expect(TARGET.isBusinessDay(D("2025-04-19"))).toBe(false); // Saturday
    expect(TARGET.isBusinessDay(D("2025-12-24"))).toBe(true); // Christmas Eve is not a TARGET holiday
  });

  // QuantLib ql/time/calendars/target.cpp and Strata GlobalHolidayCalendars (EUTA): 1999 had only
  // 1 Jan, 25 Dec and the Y2K 31 Dec; 31 Dec 2001 was the euro changeover.
  test("1999 and 2001 edge cases", () => {
    expect(TARGET.isBusinessDay(D("1999-04-02"))).toBe(true); // Good Friday 1999: open
    expect(TARGET.isBusinessDay(D("1999-04-05"))).toBe(true); // Easter Monday 1999: open
    expect(TARGET.isBusinessDay(D("1999-12-31"))).toBe(false);
    expect(TARGET.isBusinessDay(D("2001-12-31"))).toBe(false);
    expect(TARGET.isBusinessDay(D("2002-12-31"))).toBe(true);
    expect(TARGET.isBusinessDay(D("2000-05-01"))).toBe(false);
  });
});

describe("calendars", () => {
  test("holiday calendar from a list, with configurable weekend", () => {
    const gulf = holidayCalendar([D("2025-12-02")], { weekend: [5, 6] }); // Friday-Saturday weekend
    expect(gulf.isBusinessDay(D("2025-11-28"))).toBe(false); // Friday
    expect(gulf.isBusinessDay(D("2025-11-30"))).toBe(true); // Sunday
    expect(gulf.isBusinessDay(D("2025-12-02"))).toBe(false); // holiday
    expect(gulf.isBusinessDay(D("2025-12-03"))).toBe(true);
  });

  test("weekend day out of range is #VALUE!", () => {
    expect(() => weekendCalendar([0])).toThrow(ExcelError);
  });

  test("join closes on the union of holidays", () => {
    const j = joinCalendars(TARGET, holidayCalendar([D("2025-07-04")], { name: "US" }));
    expect(j.name).toBe("TARGET+US");
    expect(j.isBusinessDay(D("2025-07-04"))).toBe(false);
    expect(j.isBusinessDay(D("2025-05-01"))).toBe(false);
    expect(j.isBusinessDay(D("2025-07-03"))).toBe(true);
  });

  test("calendarOf names", () => {
    expect(calendarOf("target")).toBe(TARGET);
    expect(calendarOf("Weekend").isBusinessDay(D("2025-05-01"))).toBe(true);
    expect(calendarOf("TARGET+WEEKEND").isBusinessDay(D("2025-05-01"))).toBe(false);
    expect(() => calendarOf("LONDON")).toThrow(/unknown calendar/);
  });
});

describe("business-day adjustment (ISDA 2006 §4.12)", () => {
  test.each([
    // Good Friday 2024-03-29 and Easter Monday 2024-04-01 are TARGET holidays.
    ["2024-03-29", "following", "2024-04-02"],
    ["2024-03-29", "modified following", "2024-03-28"], // following would leave March
    ["2024-03-29", "preceding", "2024-03-28"],
    ["2024-04-01", "preceding", "2024-03-28"],
    ["2024-04-01", "modified preceding", "2024-04-02"], // preceding would leave April
    ["2024-08-31", "following", "2024-09-02"],
    ["2024-08-31", "modified following", "2024-08-30"],
    ["2024-06-01", "modified preceding", "2024-06-03"],
    ["2024-06-01", "preceding", "2024-05-31"],
    ["2024-12-25", "following", "2024-12-27"],
    ["2024-12-25", "none", "2024-12-25"],
    ["2024-06-12", "modified following", "2024-06-12"],
  ] as const)("%s %s -> %s", (d, conv, expected) => {
    expect(formatIso(adjust(D(d), conv, TARGET))).toBe(expected);
  });

  test("convention names and abbreviations", () => {
    expect(businessDayConventionOf("MODFOLLOWING")).toBe("modified following");
    expect(businessDayConventionOf("Modified Following")).toBe("modified following");
    expect(businessDayConventionOf("mp")).toBe("modified preceding");
    expect(() => businessDayConventionOf("nearest")).toThrow(/unknown business-day convention/);
  });

  test("a calendar with no business days fails instead of hanging", () => {
    const all = { name: "CLOSED", isBusinessDay: () => false };
    expect(() => adjust(D("2025-01-01"), "following", all)).toThrow(/no business day/);
  });
});

describe("addBusinessDays and businessDaysBetween", () => {
  test("shifts across Easter 2025", () => {
    // Thu 2025-04-17 + 1 business day skips Good Friday, the weekend and Easter Monday.
    expect(formatIso(addBusinessDays(D("2025-04-17"), 1, TARGET))).toBe("2025-04-22");
    expect(formatIso(addBusinessDays(D("2025-04-22"), -1, TARGET))).toBe("2025-04-17");
    expect(formatIso(addBusinessDays(D("2025-04-18"), 0, TARGET))).toBe("2025-04-18");
    expect(formatIso(addBusinessDays(D("2025-04-14"), 7, TARGET))).toBe("2025-04-25");
  });

  test("counts [start, end)", () => {
    // April 2025 has 22 weekdays, two of which (18th, 21st) are TARGET holidays.
    expect(businessDaysBetween(D("2025-04-01"), D("2025-05-01"), TARGET)).toBe(20);
    expect(businessDaysBetween(D("2025-04-01"), D("2025-05-01"), weekendCalendar())).toBe(22);
    expect(businessDaysBetween(D("2025-05-01"), D("2025-04-01"), TARGET)).toBe(-20);
    expect(businessDaysBetween(D("2025-04-01"), D("2025-04-01"), TARGET)).toBe(0);
  });

  test("property: shifting n business days forward spans exactly n business days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: D("2000-01-01"), max: D("2040-12-31") }),
        fc.integer({ min: 1, max: 60 }),
        (d0, n) => {
          const d = adjust(d0, "following", TARGET);
          const e = addBusinessDays(d, n, TARGET);
          return businessDaysBetween(d, e, TARGET) === n && addBusinessDays(e, -n, TARGET) === d;
        },
      ),
    );
  });

  test("property: counts add up over split periods", () => {
    const day = fc.integer({ min: D("1999-01-01"), max: D("2040-12-31") });
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        return (
          businessDaysBetween(a, c, TARGET) === businessDaysBetween(a, b, TARGET) + businessDaysBetween(b, c, TARGET)
        );
      }),
      { numRuns: 200 },
    );
  });
});
