export { Decimal, DECIMAL_PRECISION } from "./decimal";
export { CurrencyError, currencyCodes, isCurrencyCode, minorUnits } from "./currencies";
export { roundMoney, roundTo } from "./money";
export type { RoundingMode } from "./money";
