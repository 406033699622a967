/**
 * ISO 4217 minor units: how many decimals an amount in each currency is settled in.
 *
 * Source: ISO 4217 List One (current currency and funds codes) as maintained by SIX Financial
 * Information for ISO, edition of 2026-01-01. "N.A." in the list (precious metals, SDR, bond
 * market units, test and no-currency codes) has no minor unit: those codes are known but have
 * no money rounding, so `minorUnits` refuses them with a message saying so.
 * A few codes withdrawn recently are kept because historical books and statements still carry
 * them (see WITHDRAWN); they are not accepted silently elsewhere in the list.
 */

/** Codes whose minor unit is not 2, by number of decimals. */
// prettier-ignore
const ZERO = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
const THREE = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
const FOUR = ["CLF", "UYW"];
// prettier-ignore
const TWO = [
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BMD", "BND", "BOB", "BOV",
  "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP", "COU", "CRC", "CUP",
  "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
  "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD",
  "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
  "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR",
  "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
  "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU",
  "UZS", "VED", "VES", "WST", "XAD", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
];
/** In List One with minor unit "N.A.". */
// prettier-ignore
const NO_MINOR_UNIT = ["XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"];
/**
 * Withdrawn from List One but still in historical data: BGN (Bulgaria adopted the euro on
 * 2026-01-01), HRK (Croatia, 2023-01-01), ANG (replaced by XCG in 2025), SLL (replaced by SLE),
 * ZWL (replaced by ZWG in 2024), CUC (withdrawn 2021). All had 2 decimals.
 */
const WITHDRAWN = ["ANG", "BGN", "CUC", "HRK", "SLL", "ZWL"];

const TABLE = new Map<string, number | null>();
for (const c of TWO) TABLE.set(c, 2);
for (const c of WITHDRAWN) TABLE.set(c, 2);
for (const c of ZERO) TABLE.set(c, 0);
for (const c of THREE) TABLE.set(c, 3);
for (const c of FOUR) TABLE.set(c, 4);
for (const c of NO_MINOR_UNIT) TABLE.set(c, null);

export class CurrencyError extends Error {
  constructor(
    public readonly currency: string,
    message: string,
  ) {
    super(message);
    this.name = "CurrencyError";
  }
}

/** Upper-cased, trimmed code ("usd " -> "USD"); users' files are not always tidy. */
function normalise(code: string): string {
  return code.trim().toUpperCase();
}

/** True for any code this table knows (List One, including N.A. codes, and the withdrawn ones). */
export function isCurrencyCode(code: string): boolean {
  return TABLE.has(normalise(code));
}

/**
 * Number of decimals of the currency's minor unit (USD 2, JPY 0, KWD 3, CLF 4).
 * Throws CurrencyError for an unknown code or one without a minor unit (XAU, XDR, ...).
 */
export function minorUnits(currency: string): number {
  const code = normalise(currency);
  const units = TABLE.get(code);
  if (units === undefined) {
    throw new CurrencyError(currency, `'${currency}' is not an ISO 4217 currency code`);
  }
  if (units === null) {
    throw new CurrencyError(
      currency,
      `${code} has no minor unit in ISO 4217 (N.A.); round it with an explicit number of decimals`,
    );
  }
  return units;
}

/** Every code with a minor unit, sorted (for pickers and validation lists). */
export function currencyCodes(): string[] {
  return [...TABLE.entries()]
    .filter(([, u]) => u !== null)
    .map(([c]) => c)
    .sort();
}
