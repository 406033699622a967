/** DAYS360(start_date, end_date, [method]) as Excel computes it; see ./daycount.ts for the rules. */
import { dateArg } from "./calendar";
import { days30360European, days360Us } from "./daycount";

export function days360(startDate: number, endDate: number, method = false): number {
  const s = dateArg(startDate, "start_date");
  const e = dateArg(endDate, "end_date");
  if (method) {
    // The European rule adjusts each date on its own, so start > end simply negates.
    return s <= e ? days30360European(s, e) : -days30360European(e, s);
  }
  return days360Us(s, e);
}
