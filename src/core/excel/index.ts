/** Excel-exact worksheet functions on 1900-system serials (see docs/excel-functions.md). */
export { yearfrac } from "./yearfrac";
export { days360 } from "./days360";
export { accrint, accrintm } from "./accrint";
export {
  coupdaybs,
  coupdays,
  coupdaysnc,
  coupncd,
  couppcd,
  coupnum,
  couponPeriod,
  QuasiCouponSchedule,
} from "./coupons";
export type { CouponPeriod } from "./coupons";
export { price, yieldOf } from "./bonds";
export { days30360Basis0, days30360European, days360Us, basisDays } from "./daycount";
export { excelIsLeapYear, excelDaysInMonth } from "./calendar";
export type { Basis, Frequency } from "./calendar";
