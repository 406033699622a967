/**
 * civil.ts and excel-serial.ts.
 *
 * Sources for the anchors:
 * - Microsoft, "DATE function" (support.microsoft.com): "January 1, 1900 is serial number 1, and
 *   January 1, 2008 is serial number 39448 because it is 39,447 days after January 1, 1900."
 * - Microsoft, "Excel incorrectly assumes that the year 1900 is a leap year" (KB 214326): serial 60
 *   is 1900-02-29, kept for Lotus 1-2-3 compatibility; serials from 61 on are one day ahead.
 * - Microsoft, "Date systems in Excel": in the 1904 system January 1, 1904 is serial 0; the two
 *   systems differ by 1,462 days.
 * - Microsoft, "Excel specifications and limits": the latest date allowed is December 31, 9999,
 *   which is =DATE(9999,12,31) = 2958465.
 * - Weekdays: 1970-01-01 was a Thursday (the Unix epoch, POSIX), 2000-01-01 a Saturday and
 *   1900-01-01 a Monday (any printed calendar); ISO 8601 numbers Monday 1 .. Sunday 7.
 *
 * Properties that need an independent oracle for the calendar use JavaScript's UTC calendar
 * (Date.UTC / setUTCFullYear, ECMA-262 §21.4.1): it is a separate implementation of the same
 * proleptic Gregorian calendar and, in UTC, has no time zone. The engine itself never uses Date.
 */
import fc from "fast-check";
import {
  addMonths,
  civilFromDay,
  dayFromCivil,
  daysInMonth,
  endOfMonth,
  formatIso,
  isLastDayOfMonth,
  isLeapYear,
  isValidCivil,
  isoWeekday,
  parseIso,
} from "../../src/core/dates/civil";
import {
  FictitiousDateError,
  MAX_SERIAL_1900,
  MAX_SERIAL_1904,
  dayFromSerial,
  excelCivilFromSerial,
  serialFromDay,
  serialFromExcelCivil,
} from "../../src/core/dates/excel-serial";
import {
  DATE_FORMATS,
  DateFormat,
  analyseDateTexts,
  expandTwoDigitYear,
  inferDateFormat,
  isAmbiguousSlashedDate,
  parseDateText,
} from "../../src/core/dates/parse";

const MS_PER_DAY = 86_400_000;

/** Oracle: day number of y-m-d from ECMAScript's UTC calendar (setUTCFullYear handles years 0..99). */
function oracleDay(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime() / MS_PER_DAY;
}

/** Arbitrary valid civil date in years 1..9999. */
const civilArb = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));

const DAY_0001_01_01 = dayFromCivil(1, 1, 1);
const DAY_9999_12_31 = dayFromCivil(9999, 12, 31);
const dayArb = fc.integer({ min: DAY_0001_01_01, max: DAY_9999_12_31 });

describe("civil calendar", () => {
  test("epoch and known dates (1970-01-01 = 0, Unix epoch)", () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(dayFromCivil(1970, 1, 2)).toBe(1);
    expect(dayFromCivil(1969, 12, 31)).toBe(-1);
    // 2000-01-01 is 946684800 s after the epoch (POSIX time of that date).
    expect(dayFromCivil(2000, 1, 1)).toBe(946684800 / 86400);
  });

  test("leap years: Gregorian rule (divisible by 4, except centuries not divisible by 400)", () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(isValidCivil(1900, 2, 29)).toBe(false);
    expect(isValidCivil(2000, 2, 29)).toBe(true);
    expect(isValidCivil(2026, 4, 31)).toBe(false);
  });

  test("property: dayFromCivil agrees with the ECMAScript UTC calendar over years 1..9999", () => {
    fc.assert(
      fc.property(civilArb, ({ y, m, d }) => {
        expect(dayFromCivil(y, m, d)).toBe(oracleDay(y, m, d));
      }),
      { numRuns: 2000 },
    );
  });

  test("property: day -> civil -> day round trip over years 1..9999", () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const c = civilFromDay(day);
        expect(isValidCivil(c.y, c.m, c.d)).toBe(true);
        expect(dayFromCivil(c.y, c.m, c.d)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  test("property: consecutive days are consecutive civil dates", () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const a = civilFromDay(day);
        const b = civilFromDay(day + 1);
        if (a.d < daysInMonth(a.y, a.m)) expect(b).toEqual({ y: a.y, m: a.m, d: a.d + 1 });
        else if (a.m < 12) expect(b).toEqual({ y: a.y, m: a.m + 1, d: 1 });
        else expect(b).toEqual({ y: a.y + 1, m: 1, d: 1 });
      }),
      { numRuns: 1000 },
    );
  });

  test("isoWeekday on known days (Monday = 1 .. Sunday = 7, ISO 8601)", () => {
    expect(isoWeekday(dayFromCivil(1970, 1, 1))).toBe(4); // Thursday
    expect(isoWeekday(dayFromCivil(2000, 1, 1))).toBe(6); // Saturday
    expect(isoWeekday(dayFromCivil(1900, 1, 1))).toBe(1); // Monday
    expect(isoWeekday(dayFromCivil(2025, 1, 1))).toBe(3); // Wednesday
    expect(isoWeekday(dayFromCivil(2026, 11, 22))).toBe(7); // Sunday
    expect(isoWeekday(dayFromCivil(1969, 12, 28))).toBe(7); // Sunday, before the epoch
  });

  test("property: isoWeekday agrees with the ECMAScript UTC weekday", () => {
    fc.assert(
      fc.property(dayArb, (day) => {
        const jsDay = new Date(day * MS_PER_DAY).getUTCDay(); // 0 = Sunday
        expect(isoWeekday(day)).toBe(jsDay === 0 ? 7 : jsDay);
      }),
      { numRuns: 1000 },
    );
  });

  test("addMonths clamps to the end of the target month", () => {
    const d = (s: string) => parseIso(s)!;
    expect(formatIso(addMonths(d("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatIso(addMonths(d("2023-01-31"), 1))).toBe("2023-02-28");
    expect(formatIso(addMonths(d("2024-03-31"), -1))).toBe("2024-02-29");
    expect(formatIso(addMonths(d("2024-12-15"), 1))).toBe("2025-01-15");
    expect(formatIso(addMonths(d("2025-01-15"), -13))).toBe("2023-12-15");
    expect(formatIso(addMonths(d("2024-02-29"), 12))).toBe("2025-02-28");
  });

  test("property: addMonths keeps the day or clamps it to the month end, and lands in the right month", () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: -1200, max: 1200 }), ({ y, m, d }, n) => {
        const total = y * 12 + (m - 1) + n;
        const ty = Math.floor(total / 12);
        fc.pre(ty >= 1 && ty <= 9999);
        const r = civilFromDay(addMonths(dayFromCivil(y, m, d), n));
        expect(r.y).toBe(ty);
        expect(r.m).toBe(total - ty * 12 + 1);
        expect(r.d).toBe(Math.min(d, daysInMonth(r.y, r.m)));
      }),
      { numRuns: 1000 },
    );
  });

  test("endOfMonth, isLastDayOfMonth", () => {
    expect(formatIso(endOfMonth(parseIso("2024-02-10")!))).toBe("2024-02-29");
    expect(isLastDayOfMonth(parseIso("2026-04-30")!)).toBe(true);
    expect(isLastDayOfMonth(parseIso("2026-04-29")!)).toBe(false);
  });

  test("formatIso / parseIso", () => {
    expect(formatIso(0)).toBe("1970-01-01");
    expect(formatIso(dayFromCivil(1, 1, 1))).toBe("0001-01-01");
    expect(parseIso(" 2026-10-30 ")).toBe(dayFromCivil(2026, 10, 30));
    expect(parseIso("2026-02-30")).toBeUndefined();
    expect(parseIso("2026-1-30")).toBeUndefined();
    fc.assert(fc.property(dayArb, (day) => expect(parseIso(formatIso(day))).toBe(day)));
  });
});

describe("Excel serials", () => {
  const iso = (y: number, m: number, d: number) => dayFromCivil(y, m, d);

  test("1900 system anchors (Microsoft DATE function page, KB 214326, specifications and limits)", () => {
    expect(dayFromSerial(1)).toBe(iso(1900, 1, 1));
    expect(dayFromSerial(59)).toBe(iso(1900, 2, 28));
    expect(dayFromSerial(61)).toBe(iso(1900, 3, 1));
    expect(dayFromSerial(39448)).toBe(iso(2008, 1, 1));
    expect(dayFromSerial(45658)).toBe(iso(2025, 1, 1));
    expect(dayFromSerial(MAX_SERIAL_1900)).toBe(iso(9999, 12, 31));
    expect(MAX_SERIAL_1900).toBe(2958465);
    expect(serialFromDay(iso(1900, 1, 1))).toBe(1);
    expect(serialFromDay(iso(1900, 2, 28))).toBe(59);
    expect(serialFromDay(iso(1900, 3, 1))).toBe(61);
    expect(serialFromDay(iso(2025, 1, 1))).toBe(45658);
    expect(serialFromDay(iso(9999, 12, 31))).toBe(2958465);
  });

  test("serial 60 is the fictitious 1900-02-29 (KB 214326)", () => {
    expect(() => dayFromSerial(60)).toThrow(FictitiousDateError);
    expect(excelCivilFromSerial(60)).toEqual({ y: 1900, m: 2, d: 29 });
    expect(serialFromExcelCivil(1900, 2, 29)).toBe(60);
    expect(excelCivilFromSerial(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(excelCivilFromSerial(61)).toEqual({ y: 1900, m: 3, d: 1 });
    // Excel shows serial 0 as 1900-01-00.
    expect(excelCivilFromSerial(0)).toEqual({ y: 1900, m: 1, d: 0 });
  });

  test("time of day is dropped", () => {
    expect(dayFromSerial(45658.75)).toBe(iso(2025, 1, 1));
    expect(dayFromSerial(45658.99999)).toBe(iso(2025, 1, 1));
    expect(dayFromSerial(1462.5, "1904")).toBe(iso(1908, 1, 2));
  });

  test("1904 system: serial 0 = 1904-01-01 and 1,462 days behind the 1900 system (Date systems in Excel)", () => {
    expect(dayFromSerial(0, "1904")).toBe(iso(1904, 1, 1));
    expect(serialFromDay(iso(1904, 1, 1), "1904")).toBe(0);
    expect(serialFromDay(iso(2025, 1, 1), "1904")).toBe(45658 - 1462);
    expect(dayFromSerial(MAX_SERIAL_1904, "1904")).toBe(iso(9999, 12, 31));
  });

  test("property: 1904 serial = 1900 serial - 1462 for every day from 1904-01-01 on", () => {
    fc.assert(
      fc.property(fc.integer({ min: iso(1904, 1, 1), max: iso(9999, 12, 31) }), (day) => {
        expect(serialFromDay(day, "1904")).toBe(serialFromDay(day, "1900") - 1462);
      }),
    );
  });

  test("property: serial -> day -> serial round trip, 1900 system (skipping 60)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL_1900 }), (s) => {
        fc.pre(s !== 60);
        expect(serialFromDay(dayFromSerial(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  test("property: serial -> day -> serial round trip, 1904 system", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_SERIAL_1904 }), (s) => {
        expect(serialFromDay(dayFromSerial(s, "1904"), "1904")).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  test("property: excelCivilFromSerial agrees with serialFromExcelCivil and with dayFromSerial", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_SERIAL_1900 }), (s) => {
        const c = excelCivilFromSerial(s);
        expect(serialFromExcelCivil(c.y, c.m, c.d)).toBe(s);
        if (s !== 60) expect(c).toEqual(civilFromDay(dayFromSerial(s)));
      }),
      { numRuns: 2000 },
    );
  });

  test("property: consecutive serials after 60 are consecutive days (no gap, no repeat)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: MAX_SERIAL_1900 - 1 }), (s) => {
        expect(dayFromSerial(s + 1) - dayFromSerial(s)).toBe(1);
      }),
    );
    // ... and 59 -> 61 is one real day, because 60 does not exist.
    expect(dayFromSerial(61) - dayFromSerial(59)).toBe(1);
  });
});

describe("parseDateText", () => {
  const day = (y: number, m: number, d: number) => dayFromCivil(y, m, d);
  const OCT30 = day(2026, 10, 30);

  test("iso, with and without a time (the time and offset are dropped, not applied)", () => {
    expect(parseDateText("2026-10-30", "iso")).toBe(OCT30);
    expect(parseDateText(" 2026-10-30 ", "iso")).toBe(OCT30);
    expect(parseDateText("2026-10-30T23:30:00Z", "iso")).toBe(OCT30);
    expect(parseDateText("2026-10-30T23:30:00.123-05:00", "iso")).toBe(OCT30);
    expect(parseDateText("2026-10-30 00:00:00", "iso")).toBe(OCT30);
    expect(parseDateText("2026-10-30T", "iso")).toBeUndefined();
    expect(parseDateText("2026-10-30x", "iso")).toBeUndefined();
    expect(parseDateText("2026-02-29", "iso")).toBeUndefined(); // 2026 is not a leap year
    expect(parseDateText("30/10/2026", "iso")).toBeUndefined();
    expect(parseDateText("2026/10/30", "iso")).toBe(OCT30);
    expect(parseDateText("2026.10.30")).toBe(OCT30);
    expect(parseDateText("2026/10-30")).toBeUndefined();
  });

  test("dd/mm/yyyy and mm/dd/yyyy with / . - separators, 1-2 digit parts, 2-digit years, trailing time", () => {
    for (const t of [
      "30/10/2026",
      "30.10.2026",
      "30-10-2026",
      "30/10/26",
      "30/10/2026 00:00",
      "30/10/2026 12:00:00 AM",
    ]) {
      expect(parseDateText(t, "dd/mm/yyyy")).toBe(OCT30);
    }
    for (const t of ["10/30/2026", "10.30.2026", "10-30-2026", "10/30/26", "10/30/2026 12:00:00 AM"]) {
      expect(parseDateText(t, "mm/dd/yyyy")).toBe(OCT30);
    }
    expect(parseDateText("1/2/2026", "dd/mm/yyyy")).toBe(day(2026, 2, 1));
    expect(parseDateText("1/2/2026", "mm/dd/yyyy")).toBe(day(2026, 1, 2));
    expect(parseDateText("30/10-2026", "dd/mm/yyyy")).toBeUndefined(); // mixed separators
    expect(parseDateText("10/30/2026", "dd/mm/yyyy")).toBeUndefined(); // month 30
    expect(parseDateText("31/04/2026", "dd/mm/yyyy")).toBeUndefined(); // 31 April
    expect(parseDateText("30/10/202", "dd/mm/yyyy")).toBeUndefined(); // 3-digit year
    expect(parseDateText("030/10/2026", "dd/mm/yyyy")).toBeUndefined();
  });

  test("two-digit years: 00-29 -> 2000s, 30-99 -> 1900s (Microsoft, 'How Excel works with two-digit year numbers')", () => {
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(29)).toBe(2029);
    expect(expandTwoDigitYear(30)).toBe(1930);
    expect(expandTwoDigitYear(99)).toBe(1999);
    expect(parseDateText("1/1/29", "dd/mm/yyyy")).toBe(day(2029, 1, 1));
    expect(parseDateText("1/1/30", "dd/mm/yyyy")).toBe(day(1930, 1, 1));
    expect(parseDateText("1-Jan-30", "d-mmm-yyyy")).toBe(day(1930, 1, 1));
  });

  test("yyyymmdd", () => {
    expect(parseDateText("20261030", "yyyymmdd")).toBe(OCT30);
    expect(parseDateText("20261330", "yyyymmdd")).toBeUndefined();
    expect(parseDateText("2026103", "yyyymmdd")).toBeUndefined();
    expect(parseDateText("2026-10-30", "yyyymmdd")).toBeUndefined();
  });

  test("d-mmm-yyyy: English month names in any case, full names, several separators", () => {
    for (const t of [
      "30-Oct-2026",
      "30 Oct 2026",
      "30-OCT-26",
      "30-oct-2026",
      "30 October 2026",
      "30/Oct/2026",
      "30 Oct. 2026",
      "30-Oct-2026 14:00",
    ]) {
      expect(parseDateText(t, "d-mmm-yyyy")).toBe(OCT30);
    }
    expect(parseDateText("1-Sept-2026", "d-mmm-yyyy")).toBe(day(2026, 9, 1));
    expect(parseDateText("1-Sep-2026", "d-mmm-yyyy")).toBe(day(2026, 9, 1));
    expect(parseDateText("29-Feb-2024", "d-mmm-yyyy")).toBe(day(2024, 2, 29));
    expect(parseDateText("29-Feb-2025", "d-mmm-yyyy")).toBeUndefined();
    expect(parseDateText("30-Okt-2026", "d-mmm-yyyy")).toBeUndefined(); // German, not English
    expect(parseDateText("30-Octo-2026", "d-mmm-yyyy")).toBeUndefined();
    expect(parseDateText("30-Oc-2026", "d-mmm-yyyy")).toBeUndefined();
  });

  test("no format: unambiguous texts only", () => {
    expect(parseDateText("2026-10-30")).toBe(OCT30);
    expect(parseDateText("20261030")).toBe(OCT30);
    expect(parseDateText("30-Oct-2026")).toBe(OCT30);
    expect(parseDateText("30/10/2026")).toBe(OCT30); // 30 can only be the day
    expect(parseDateText("10/30/2026")).toBe(OCT30);
    expect(parseDateText("1-10-2026")).toBeUndefined(); // 1 Oct or 10 Jan
    expect(parseDateText("05/06/2026")).toBeUndefined();
    expect(parseDateText("06/06/2026")).toBe(day(2026, 6, 6)); // same either way
    expect(parseDateText("")).toBeUndefined();
    expect(parseDateText("Oct 30")).toBeUndefined();
    expect(parseDateText("45658")).toBeUndefined(); // a serial as text is not a date text
  });

  test("isAmbiguousSlashedDate", () => {
    expect(isAmbiguousSlashedDate("05/06/2026")).toBe(true);
    expect(isAmbiguousSlashedDate("06/06/2026")).toBe(false);
    expect(isAmbiguousSlashedDate("13/06/2026")).toBe(false);
    expect(isAmbiguousSlashedDate("2026-06-05")).toBe(false);
  });

  const pad2 = (n: number) => String(n).padStart(2, "0");
  const MMM = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const writers: Record<DateFormat, (y: number, m: number, d: number) => string> = {
    iso: (y, m, d) => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`,
    "dd/mm/yyyy": (y, m, d) => `${d}/${pad2(m)}/${String(y).padStart(4, "0")}`,
    "mm/dd/yyyy": (y, m, d) => `${pad2(m)}.${d}.${String(y).padStart(4, "0")}`,
    yyyymmdd: (y, m, d) => `${String(y).padStart(4, "0")}${pad2(m)}${pad2(d)}`,
    "d-mmm-yyyy": (y, m, d) => `${d}-${MMM[m - 1].toUpperCase()}-${String(y).padStart(4, "0")}`,
  };

  test("property: writing any day 0001..9999 in each format and parsing it with that format gives the day back", () => {
    fc.assert(
      fc.property(civilArb, fc.constantFrom(...DATE_FORMATS), ({ y, m, d }, f) => {
        expect(parseDateText(writers[f](y, m, d), f)).toBe(dayFromCivil(y, m, d));
      }),
      { numRuns: 2000 },
    );
  });

  test("property: without a format, a slashed date is read exactly when its order is certain", () => {
    fc.assert(
      fc.property(civilArb, ({ y, m, d }) => {
        const t = writers["dd/mm/yyyy"](y, m, d);
        const got = parseDateText(t);
        if (d > 12 || d === m) expect(got).toBe(dayFromCivil(y, m, d));
        else expect(got).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});

describe("inferDateFormat", () => {
  test("dd/mm when a first part is above 12, mm/dd when a second part is", () => {
    expect(inferDateFormat(["01/02/2026", "", "30/10/2026"])).toBe("dd/mm/yyyy");
    expect(inferDateFormat(["01/02/2026", "10/30/2026"])).toBe("mm/dd/yyyy");
  });
  test("both orders proven: no format reads the column", () => {
    expect(inferDateFormat(["30/10/2026", "10/30/2026"])).toBeUndefined();
    const a = analyseDateTexts(["01/02/2026", "30/10/2026", "10/30/2026", "31/10/2026"]);
    expect(a.ddmmEvidence).toBe("30/10/2026");
    expect(a.mmddEvidence).toBe("10/30/2026");
    expect(a.slashed).toBe(4);
  });
  test("no part above 12: ambiguous", () => {
    expect(inferDateFormat(["01/02/2026", "05/06/2026"])).toEqual({ ambiguous: true });
  });
  test("self-describing formats", () => {
    expect(inferDateFormat(["2026-10-30", "2026-10-31"])).toBe("iso");
    expect(inferDateFormat(["20261030", "2026-10-31", "20261101"])).toBe("yyyymmdd");
    expect(inferDateFormat(["30-Oct-2026"])).toBe("d-mmm-yyyy");
    // iso samples beside slashed ones do not hide the slashed order
    expect(inferDateFormat(["2026-10-30", "13/01/2026"])).toBe("dd/mm/yyyy");
  });
  test("nothing date-like", () => {
    expect(inferDateFormat([])).toBeUndefined();
    expect(inferDateFormat(["", "n/a", "tomorrow"])).toBeUndefined();
    expect(analyseDateTexts(["n/a", "2026-10-30"]).unreadable).toBe(1);
  });
});
