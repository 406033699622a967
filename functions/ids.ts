/**
 * Security identifiers as BO.* custom functions: ISIN from CUSIP or SEDOL, what an identifier is,
 * and whether its check digit holds (ISO 6166 ISIN, ANSI X9.6 CUSIP, LSE SEDOL, OMG FIGI).
 * Thin wrappers over src/core/ids; see docs/identifiers.md for the rules.
 *
 * Convention (see ./lib/registry.ts): each exported function is a custom function whose name,
 * upper-cased, is its Excel name. Ids never change once shipped.
 */
import { valueError } from "../src/core/errors";
import {
  IdType,
  classifyId,
  describeId,
  isValidAs,
  isinFromCusip as deriveFromCusip,
  isinFromSedol as deriveFromSedol,
} from "../src/core/ids";
import { argText, optional, toExcel } from "./lib/args";

/**
 * An identifier typed into a cell as a number has lost its leading zeros (Excel shows 0263494 as
 * 263494): a whole number is padded back to the identifier's length.
 */
function idArg(v: unknown, name: string, length: number): string {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 10 ** length)
    return String(v).padStart(length, "0");
  return argText(v, name);
}

const CHECKED_TYPES: ReadonlySet<string> = new Set(["ISIN", "CUSIP", "SEDOL", "FIGI"]);

/**
 * ISIN of a CUSIP: the country code, the CUSIP and the ISIN check digit (ISO 6166). The CUSIP's own check digit must hold.
 * @customfunction ISINFROMCUSIP
 * @param {string} cusip CUSIP, 9 characters with its check digit, e.g. "037833100".
 * @param {string} [country] "US" (default) or "CA": the country whose ISINs embed the CUSIP.
 * @returns {string} The 12-character ISIN, e.g. "US0378331005".
 */
export function isinfromcusip(cusip: string, country?: string): string {
  return toExcel(() => {
    const d = deriveFromCusip(idArg(cusip, "cusip", 9), argText(optional(country), "country", "US"));
    if (!d.ok) throw valueError(d.reason);
    return d.value;
  });
}

/**
 * ISIN of a SEDOL: "GB00", the SEDOL and the ISIN check digit (ISO 6166). The SEDOL's own check digit must hold.
 * @customfunction ISINFROMSEDOL
 * @param {string} sedol SEDOL, 7 characters with its check digit, e.g. "0263494".
 * @returns {string} The 12-character ISIN, e.g. "GB0002634946".
 */
export function isinfromsedol(sedol: string): string {
  return toExcel(() => {
    const d = deriveFromSedol(idArg(sedol, "sedol", 7));
    if (!d.ok) throw valueError(d.reason);
    return d.value;
  });
}

/**
 * What a security identifier is: ISIN, CUSIP, SEDOL, FIGI, TICKER or UNKNOWN; an identifier whose check digit fails shows e.g. "INVALID ISIN: check digit should be 5".
 * @customfunction IDTYPE
 * @param {string} id The identifier; spaces, dashes and case are ignored.
 * @returns {string} The identifier type, or INVALID with the reason.
 */
export function idtype(id: string): string {
  return toExcel(() => describeId(classifyId(argText(id, "id"))));
}

/**
 * TRUE when an identifier is a valid ISIN, CUSIP, SEDOL or FIGI (characters and check digit), or valid as the given type. Tickers have no check digit and give FALSE.
 * @customfunction ISVALIDID
 * @param {string} id The identifier; spaces, dashes and case are ignored. A blank cell gives FALSE.
 * @param {string} [type] "ISIN", "CUSIP", "SEDOL" or "FIGI" to require that type; omitted, any of them.
 * @returns {boolean} Whether the identifier is valid.
 */
export function isvalidid(id: string, type?: string): boolean {
  return toExcel(() => {
    const wanted = optional(type);
    let t: string | undefined;
    if (wanted !== undefined) {
      t = argText(wanted, "type").trim().toUpperCase();
      if (!CHECKED_TYPES.has(t)) throw valueError(`type must be ISIN, CUSIP, SEDOL or FIGI, not '${String(wanted)}'`);
    }
    const text = optional(id);
    if (text === undefined) return false;
    const s = argText(text, "id");
    if (t !== undefined) return isValidAs(t as IdType, s);
    const c = classifyId(s);
    return c.valid && CHECKED_TYPES.has(c.type);
  });
}
