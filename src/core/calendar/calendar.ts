/**
 * Business-day calendars.
 *
 * A calendar answers one question: is this day a business day? Everything else (adjustments,
 * shifting by business days, counting business days for BUS/252) is built on that one method, as
 * in Strata's HolidayCalendar and QuantLib's Calendar.
 *
 * Holidays are kept per year in a Set of day numbers so that a 30-year BUS/252 count or a coupon
 * schedule asks a hash lookup per day, never a rule evaluation or a scan of a list.
 */
import { Day, civilFromDay, dayFromCivil, formatIso, isoWeekday } from "../dates/civil";
import { ExcelError, valueError } from "../errors";

export interface Calendar {
  /** Short identifier shown to users (e.g. "TARGET", "WEEKEND", "HOLIDAYS(12)"). */
  readonly name: string;
  isBusinessDay(d: Day): boolean;
}

/** ISO weekdays (Monday = 1 ... Sunday = 7) that are not business days in most markets. */
export const SATURDAY_SUNDAY: readonly number[] = [6, 7];

function checkWeekend(weekend: readonly number[]): Set<number> {
  for (const w of weekend) {
    if (!Number.isInteger(w) || w < 1 || w > 7) {
      throw valueError(`weekend day ${w} is not an ISO weekday (1 = Monday ... 7 = Sunday)`);
    }
  }
  if (weekend.length >= 7) throw valueError("a calendar whose every weekday is a weekend day has no business days");
  return new Set(weekend);
}

/** Every day is a business day except the weekend days (Saturday and Sunday unless told otherwise). */
export function weekendCalendar(weekend: readonly number[] = SATURDAY_SUNDAY): Calendar {
  const off = checkWeekend(weekend);
  const isDefault = off.size === 2 && off.has(6) && off.has(7);
  return {
    name: isDefault ? "WEEKEND" : `WEEKEND(${[...off].sort().join(",")})`,
    isBusinessDay: (d: Day) => !off.has(isoWeekday(d)),
  };
}

/**
 * A calendar from an explicit holiday list (typically a workbook range of dates) plus weekend days.
 * Holidays that fall on a weekend are harmless: the day is a non-business day either way.
 */
export function holidayCalendar(
  holidays: readonly Day[],
  options: { name?: string; weekend?: readonly number[] } = {},
): Calendar {
  const off = checkWeekend(options.weekend ?? SATURDAY_SUNDAY);
  for (const h of holidays) {
    if (!Number.isInteger(h)) throw valueError(`holiday ${h} is not a whole day number`);
  }
  const set = new Set<Day>(holidays);
  return {
    name: options.name ?? `HOLIDAYS(${set.size})`,
    isBusinessDay: (d: Day) => !off.has(isoWeekday(d)) && !set.has(d),
  };
}

/**
 * A calendar whose holidays follow yearly rules. `holidaysOf(year)` is evaluated once per year and
 * cached, so a rule such as Easter is computed once per year however many days are asked about.
 */
export function ruleCalendar(
  name: string,
  holidaysOf: (year: number) => readonly Day[],
  weekend: readonly number[] = SATURDAY_SUNDAY,
): Calendar {
  const off = checkWeekend(weekend);
  const byYear = new Map<number, Set<Day>>();
  // Day-by-day scans (BUS/252 over decades) stay within one year for long runs: remember its bounds
  // so that most calls skip the civil-date conversion.
  let first = 1;
  let last = 0;
  let current: Set<Day> = new Set();
  const holidaysOn = (d: Day): Set<Day> => {
    if (d < first || d > last) {
      const y = civilFromDay(d).y;
      let set = byYear.get(y);
      if (!set) {
        set = new Set(holidaysOf(y));
        byYear.set(y, set);
      }
      current = set;
      first = dayFromCivil(y, 1, 1);
      last = dayFromCivil(y, 12, 31);
    }
    return current;
  };
  return {
    name,
    isBusinessDay: (d: Day) => !off.has(isoWeekday(d)) && !holidaysOn(d).has(d),
  };
}

/**
 * Easter Sunday in the Gregorian calendar by the anonymous algorithm (Meeus/Jones/Butcher, published
 * in Nature 1876); exact for every Gregorian year.
 */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromCivil(year, month, day);
}

/**
 * TARGET (TARGET2 / T2) closing days, from the rules the ECB publishes.
 *
 * From 2000: New Year's Day, Good Friday, Easter Monday, 1 May (Labour Day), 25 and 26 December.
 * 1999 (TARGET's first year) closed only on 1 January and 25 December, plus 31 December 1999 (the
 * Y2K changeover); 31 December 2001 was also closed (euro cash changeover). Before 1999 TARGET did
 * not exist; like Strata (which generates EUTA from 1997) we apply the 1999 rules without 31
 * December. QuantLib additionally closes 31 December 1998; we do not, because no TARGET settlement
 * day existed then to be closed.
 */
export function targetHolidays(year: number): Day[] {
  const days: Day[] = [dayFromCivil(year, 1, 1), dayFromCivil(year, 12, 25)];
  if (year >= 2000) {
    const easter = easterSunday(year);
    days.push(easter - 2, easter + 1, dayFromCivil(year, 5, 1), dayFromCivil(year, 12, 26));
  }
  if (year === 1999 || year === 2001) days.push(dayFromCivil(year, 12, 31));
  return days;
}

export const TARGET: Calendar = ruleCalendar("TARGET", targetHolidays);

/** A day is a business day of the joined calendar when it is a business day in every one of them. */
export function joinCalendars(...calendars: Calendar[]): Calendar {
  if (calendars.length === 0) return weekendCalendar();
  if (calendars.length === 1) return calendars[0];
  return {
    name: calendars.map((c) => c.name).join("+"),
    isBusinessDay: (d: Day) => calendars.every((c) => c.isBusinessDay(d)),
  };
}

/** Calendars known by name, for worksheet arguments such as "TARGET". */
export function calendarOf(name: string): Calendar {
  const key = name
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, "");
  switch (key) {
    case "TARGET":
    case "TARGET2":
    case "T2":
    case "EUTA":
      return TARGET;
    case "WEEKEND":
    case "WEEKENDS":
    case "WEEKENDSONLY":
      return weekendCalendar();
    default: {
      const joined = name
        .split(/[+,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      if (joined.length > 1) return joinCalendars(...joined.map(calendarOf));
      throw valueError(
        `unknown calendar "${name}"; known calendars: TARGET, WEEKEND (or give a range of holiday dates)`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Business-day conventions (ISDA 2006 §4.12)

export type BusinessDayConvention = "following" | "modified following" | "preceding" | "modified preceding" | "none";

export const BUSINESS_DAY_CONVENTIONS: readonly BusinessDayConvention[] = [
  "following",
  "modified following",
  "preceding",
  "modified preceding",
  "none",
];

/** Accepts the names above and the FpML / market abbreviations (FOLLOWING, MODFOLLOWING, F, MF, P, MP, NONE). */
export function businessDayConventionOf(text: string): BusinessDayConvention {
  const key = text
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, "");
  switch (key) {
    case "FOLLOWING":
    case "F":
    case "FOLL":
      return "following";
    case "MODIFIEDFOLLOWING":
    case "MODFOLLOWING":
    case "MF":
    case "MODF":
      return "modified following";
    case "PRECEDING":
    case "P":
    case "PREC":
      return "preceding";
    case "MODIFIEDPRECEDING":
    case "MODPRECEDING":
    case "MP":
      return "modified preceding";
    case "NONE":
    case "UNADJUSTED":
    case "NOADJUST":
      return "none";
    default:
      throw valueError(`unknown business-day convention "${text}"; use one of: ${BUSINESS_DAY_CONVENTIONS.join(", ")}`);
  }
}

/** Guards against calendars that close forever (a mistaken holiday list should fail, not hang). */
const MAX_SEARCH_DAYS = 366;

function step(d: Day, dir: 1 | -1, cal: Calendar): Day {
  let x = d;
  for (let i = 0; !cal.isBusinessDay(x); i++) {
    if (i > MAX_SEARCH_DAYS) {
      throw new ExcelError("#NUM!", `calendar ${cal.name} has no business day within a year of ${formatIso(d)}`);
    }
    x += dir;
  }
  return x;
}

function monthOf(d: Day): number {
  const c = civilFromDay(d);
  return c.y * 12 + c.m;
}

/**
 * Move a day to a business day. Following: the next business day. Modified following: the next
 * business day unless that is in the next month, then the preceding one. Preceding and modified
 * preceding mirror them. None: unchanged.
 */
export function adjust(d: Day, convention: BusinessDayConvention, cal: Calendar): Day {
  switch (convention) {
    case "none":
      return d;
    case "following":
      return step(d, 1, cal);
    case "preceding":
      return step(d, -1, cal);
    case "modified following": {
      const f = step(d, 1, cal);
      return monthOf(f) === monthOf(d) ? f : step(d, -1, cal);
    }
    case "modified preceding": {
      const p = step(d, -1, cal);
      return monthOf(p) === monthOf(d) ? p : step(d, 1, cal);
    }
  }
}

/**
 * Shift by n business days: n > 0 moves to the n-th business day after d, n < 0 to the n-th before.
 * n = 0 returns d unchanged, even on a holiday (as Strata's HolidayCalendar.shift); adjust first if a
 * business day is wanted.
 */
export function addBusinessDays(d: Day, n: number, cal: Calendar): Day {
  if (!Number.isInteger(n)) throw valueError(`business-day count ${n} is not a whole number`);
  const dir = n > 0 ? 1 : -1;
  let x = d;
  for (let left = Math.abs(n); left > 0;) {
    x = step(x + dir, dir, cal);
    left--;
  }
  return x;
}

/**
 * Business days in [start, end): start counted if it is a business day, end never. This is the
 * numerator of BUS/252 (Strata's HolidayCalendar.daysBetween). Reversed dates give the negative
 * of the count over [end, start), so counts add up over split periods in either direction.
 */
export function businessDaysBetween(start: Day, end: Day, cal: Calendar): number {
  if (end < start) return -businessDaysBetween(end, start, cal);
  let n = 0;
  for (let d = start; d < end; d++) if (cal.isBusinessDay(d)) n++;
  return n;
}
