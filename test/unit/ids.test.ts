/**
 * Security identifiers (src/core/ids): check digits, classification, derivations and the
 * security-master cross-walk.
 *
 * Expected values come from published identifiers: the worked examples of the Wikipedia articles
 * "International Securities Identification Number", "CUSIP" and "SEDOL"; the Rosetta Code tasks
 * "Validate International Securities Identification Number", "CUSIP" and "SEDOLs" (which list
 * published codes with their check digits); the figir R package tests and the checkstring R package
 * documentation (FIGIs); and issuers' own ISIN/CUSIP/SEDOL as published by them and the exchanges.
 */
import fc from "fast-check";
import * as fn from "../../functions/ids";
import { ExcelError } from "../../src/core/errors";
import {
  Crosswalk,
  classifyId,
  cusipCheckDigit,
  cusipFromIsin,
  describeId,
  figiCheckDigit,
  IdentifierError,
  isValidAs,
  isValidCusip,
  isValidFigi,
  isValidIsin,
  isValidSedol,
  isinCheckDigit,
  isinFromCusip,
  isinFromSedol,
  normaliseId,
  sedolCheckDigit,
  sedolFromIsin,
} from "../../src/core/ids";

const DIGITS = "0123456789";
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ";

const chars = (alphabet: string, n: number) =>
  fc.array(fc.constantFrom(...alphabet.split("")), { minLength: n, maxLength: n }).map((a) => a.join(""));

const isinBody = fc.tuple(chars(LETTERS, 2), chars(DIGITS + LETTERS, 9)).map(([a, b]) => a + b);
const cusipBody = chars(DIGITS + LETTERS + "*@#", 8);
const sedolBody = fc.oneof(
  chars(DIGITS, 6),
  fc.tuple(chars(CONSONANTS, 1), chars(DIGITS + CONSONANTS, 5)).map(([a, b]) => a + b),
);
const figiBody = fc
  .tuple(chars(CONSONANTS, 2), chars(DIGITS + CONSONANTS, 8))
  .filter(([p]) => !["BS", "BM", "GG", "GB", "GH", "KY", "VG"].includes(p))
  .map(([p, rest]) => p + "G" + rest);

const withIsinCheck = (b: string) => b + isinCheckDigit(b);
const withCusipCheck = (b: string) => b + cusipCheckDigit(b);
const withSedolCheck = (b: string) => b + sedolCheckDigit(b);
const withFigiCheck = (b: string) => b + figiCheckDigit(b);

function setChar(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

function swap(s: string, i: number): string {
  return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
}

describe("ISIN check digit (ISO 6166, Luhn over letters as numbers)", () => {
  test.each([
    ["US037833100", 5, "Wikipedia 'International Securities Identification Number': Apple US0378331005"],
    ["AU0000XVGZA", 3, "Wikipedia ISIN: Treasury Corporation of Victoria AU0000XVGZA3"],
    ["GB000263494", 6, "Wikipedia ISIN: BAE Systems GB0002634946"],
    ["US594918104", 5, "Microsoft US5949181045 (microsoft.com investor relations)"],
    ["US459200101", 4, "IBM US4592001014 (ibm.com investor relations)"],
    ["GB00BH4HKS3", 9, "Vodafone GB00BH4HKS39 (London Stock Exchange)"],
    ["CA780087102", 1, "Royal Bank of Canada CA7800871021 (TSX / NYSE)"],
    ["IE00B4BNMY3", 4, "Accenture IE00B4BNMY34 (NYSE)"],
  ])("%s -> %i (%s)", (body, digit) => {
    expect(isinCheckDigit(body)).toBe(digit);
    expect(isValidIsin(body + digit)).toBe(true);
    expect(isValidIsin(body + ((digit + 1) % 10))).toBe(false);
  });

  test("Rosetta Code 'Validate International Securities Identification Number' table", () => {
    expect(isValidIsin("US0378331005")).toBe(true);
    expect(isValidIsin("US0373831005")).toBe(false); // "83" transposed to "38"
    expect(isValidIsin("U50378331005")).toBe(false); // a digit in the country code
    expect(isValidIsin("US03378331005")).toBe(false); // 13 characters
    expect(isValidIsin("AU0000XVGZA3")).toBe(true);
    expect(isValidIsin("AU0000VXGZA3")).toBe(true); // Luhn misses this letter transposition (the task says so)
    expect(isValidIsin("FR0000988040")).toBe(true);
  });

  test("a body that is not 2 letters and 9 alphanumerics is a programming error", () => {
    expect(() => isinCheckDigit("U1037833100")).toThrow(IdentifierError);
    expect(() => isinCheckDigit("US03783310")).toThrow(IdentifierError);
  });
});

describe("CUSIP check digit (ANSI X9.6, modulus 10 double-add-double)", () => {
  test.each([
    ["03783310", 0, "Apple 037833100 (Wikipedia 'CUSIP', Rosetta Code 'CUSIP')"],
    ["17275R10", 2, "Cisco 17275R102 (Rosetta Code 'CUSIP')"],
    ["38259P50", 8, "Google 38259P508 (Rosetta Code 'CUSIP')"],
    ["59491810", 4, "Microsoft 594918104 (Rosetta Code 'CUSIP')"],
    ["68389X10", 5, "Oracle 68389X105 (Rosetta Code 'CUSIP'; 68389X106 is its invalid example)"],
    ["45920010", 1, "IBM 459200101"],
    ["78008710", 2, "Royal Bank of Canada 780087102"],
  ])("%s -> %i (%s)", (body, digit) => {
    expect(cusipCheckDigit(body)).toBe(digit);
    expect(isValidCusip(body + digit)).toBe(true);
  });

  test("Rosetta Code 'CUSIP': 68389X106 is invalid", () => {
    expect(isValidCusip("68389X106")).toBe(false);
    expect(classifyId("68389X106")).toEqual({
      type: "CUSIP",
      valid: false,
      normalised: "68389X106",
      reason: "check digit should be 5",
    });
  });

  test("* @ # count 36, 37, 38 (private placement numbers, ANSI X9.6)", () => {
    // By hand: positions 1,3,5,7 (0,7,3,1) add 11; positions 2,4,6 doubled (6, 16->7, 6) add 19;
    // position 8 doubled: * 72 -> 9 (sum 39, check 1), @ 74 -> 11 (sum 41, check 9), # 76 -> 13 (sum 43, check 7).
    expect(cusipCheckDigit("0378331*")).toBe(1);
    expect(cusipCheckDigit("0378331@")).toBe(9);
    expect(cusipCheckDigit("0378331#")).toBe(7);
    expect(isValidCusip("0378331*1")).toBe(true);
    expect(classifyId("0378331#7")).toMatchObject({ type: "CUSIP", valid: true });
  });
});

describe("SEDOL check digit (LSE SEDOL Masterfile: weights 1,3,1,7,3,9, no vowels)", () => {
  test.each([
    ["026349", 4, "Wikipedia 'SEDOL': BAE Systems 0263494"],
    ["710889", 9, "Rosetta Code 'SEDOLs'"],
    ["B0YBKJ", 7, "Rosetta Code 'SEDOLs'"],
    ["406566", 3, "Rosetta Code 'SEDOLs'"],
    ["B0YBLH", 2, "Rosetta Code 'SEDOLs'"],
    ["228276", 5, "Rosetta Code 'SEDOLs'"],
    ["B0YBKL", 9, "Rosetta Code 'SEDOLs'"],
    ["557910", 7, "Rosetta Code 'SEDOLs'"],
    ["B0YBKR", 5, "Rosetta Code 'SEDOLs'"],
    ["585284", 2, "Rosetta Code 'SEDOLs'"],
    ["B0YBKT", 7, "Rosetta Code 'SEDOLs'"],
    ["B00030", 0, "Rosetta Code 'SEDOLs'"],
    ["BH4HKS", 3, "Vodafone BH4HKS3 (London Stock Exchange)"],
    ["054052", 8, "HSBC 0540528 (London Stock Exchange)"],
  ])("%s -> %i (%s)", (body, digit) => {
    expect(sedolCheckDigit(body)).toBe(digit);
    expect(isValidSedol(body + digit)).toBe(true);
  });

  test("vowels are never used, and a SEDOL with letters starts with a letter (LSE, since 2004-01-26)", () => {
    expect(() => sedolCheckDigit("B0YAKJ")).toThrow(/vowel A/);
    expect(classifyId("B0YAKJ7").reason).toBe("contains the vowel A; SEDOLs never use vowels");
    expect(isValidSedol("B0YAKJ7")).toBe(false);
    expect(() => sedolCheckDigit("0B0YBK")).toThrow(IdentifierError);
  });
});

describe("FIGI check digit (OMG FIGI specification)", () => {
  test.each([
    ["BBG000BLNQ1", 6, "figir R package tests: BBG000BLNQ16"],
    ["NRG92C84SB3", 9, "figir R package tests: NRG92C84SB39"],
    ["BBG000BLNNH", 6, "checkstring R package, is_figi example: BBG000BLNNH6"],
  ])("%s -> %i (%s)", (body, digit) => {
    expect(figiCheckDigit(body)).toBe(digit);
    expect(isValidFigi(body + digit)).toBe(true);
  });

  test("figir tests: reserved prefixes, digits or vowels in the prefix, vowels anywhere, third character G", () => {
    for (const bad of ["BSG92C84SB39", "BMG000BLNQ12", "GGG92C84SB39", "GHG000BLNQ12", "KYG92C84SB39", "VGG000BLNQ12"])
      expect(isValidFigi(bad)).toBe(false);
    for (const bad of ["0SG92C84SB39", "B1G000BLNQ12", "ABG92C84SB39", "BBG0E0BLNQ12", "BBG92COOSB39", "BBX000BLNQ16"])
      expect(isValidFigi(bad)).toBe(false);
    expect(isValidFigi("NRG92C84SB390")).toBe(false);
  });
});

describe("check digits: properties (fast-check)", () => {
  test("every generated body with its computed check digit validates, and no other digit does", () => {
    const cases: Array<[fc.Arbitrary<string>, (b: string) => string, (s: string) => boolean]> = [
      [isinBody, withIsinCheck, isValidIsin],
      [cusipBody, withCusipCheck, isValidCusip],
      [sedolBody, withSedolCheck, isValidSedol],
      [figiBody, withFigiCheck, isValidFigi],
    ];
    for (const [body, complete, valid] of cases) {
      fc.assert(
        fc.property(body, fc.integer({ min: 1, max: 9 }), (b, shift) => {
          const id = complete(b);
          const wrong = b + ((Number(id[id.length - 1]) + shift) % 10);
          return valid(id) && !valid(wrong);
        }),
      );
    }
  });

  test("changing any single digit to another digit is always caught (Luhn and the weighted sums)", () => {
    const cases: Array<[fc.Arbitrary<string>, (b: string) => string, (s: string) => boolean]> = [
      [isinBody, withIsinCheck, isValidIsin],
      [cusipBody, withCusipCheck, isValidCusip],
      [sedolBody, withSedolCheck, isValidSedol],
      [figiBody, withFigiCheck, isValidFigi],
    ];
    for (const [body, complete, valid] of cases) {
      fc.assert(
        fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, shift) => {
          const id = complete(b);
          const digits = [...id].map((c, i) => (/[0-9]/.test(c) ? i : -1)).filter((i) => i >= 0);
          const i = digits[at % digits.length];
          return !valid(setChar(id, i, String((Number(id[i]) + shift) % 10)));
        }),
      );
    }
  });

  test("Luhn (ISIN) and double-add-double (CUSIP) catch every adjacent digit transposition except 09 <-> 90", () => {
    const numericIsin = chars(DIGITS, 9).map((n) => withIsinCheck("US" + n));
    fc.assert(
      fc.property(numericIsin, fc.integer({ min: 2, max: 10 }), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const pair = id[i] + id[i + 1];
        return isValidIsin(swap(id, i)) === (pair === "09" || pair === "90");
      }),
    );
    const numericCusip = chars(DIGITS, 8).map(withCusipCheck);
    fc.assert(
      fc.property(numericCusip, fc.integer({ min: 0, max: 7 }), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        const pair = id[i] + id[i + 1];
        return isValidCusip(swap(id, i)) === (pair === "09" || pair === "90");
      }),
    );
    // The miss, on a constructed ISIN: swapping its "0" and "9" keeps the check digit valid.
    const id = withIsinCheck("US090000000");
    expect(isValidIsin(swap(id, 2))).toBe(true);
  });

  test("SEDOL misses exactly the adjacent transpositions of digits that differ by 5 (all weight differences are even)", () => {
    const numericSedol = chars(DIGITS, 6).map(withSedolCheck);
    fc.assert(
      fc.property(numericSedol, fc.integer({ min: 0, max: 5 }), (id, i) => {
        fc.pre(id[i] !== id[i + 1]);
        return isValidSedol(swap(id, i)) === (Math.abs(Number(id[i]) - Number(id[i + 1])) === 5);
      }),
    );
  });

  test("letter substitutions a check digit cannot see: CUSIP 0 <-> J at a weight-1 position (J = 19, digit sum 10)", () => {
    // ANSI X9.6 sums the digits of each weighted value, so values 0 and 19 contribute alike.
    expect(isValidCusip("037833100")).toBe(true);
    expect(isValidCusip("J37833100")).toBe(true);
  });
});

describe("classifyId", () => {
  test.each([
    ["US0378331005", "ISIN", true],
    [" us-0378 331005 ", "ISIN", true],
    ["US0378331006", "ISIN", false],
    ["037833100", "CUSIP", true],
    ["0263494", "SEDOL", true],
    ["BBG000BLNQ16", "FIGI", true],
    ["BBG000BLNQ17", "FIGI", false],
    ["AAPL", "TICKER", true],
    ["BRK.B", "TICKER", true],
    ["VOD LN", "TICKER", true],
    ["BRK/B", "TICKER", true],
    ["VOD.L", "TICKER", true],
    ["0005", "TICKER", true],
    ["US03783310", "UNKNOWN", false],
    ["BRK.BCDEF", "UNKNOWN", false],
    ["US037833100", "UNKNOWN", false],
    ["", "UNKNOWN", false],
  ])("%j -> %s valid=%s", (s, type, valid) => {
    const c = classifyId(s);
    expect(c.type).toBe(type);
    expect(c.valid).toBe(valid);
    expect(c.reason === undefined).toBe(valid);
  });

  test("normalised form: trimmed, upper case, spaces (no-break too) and dashes removed", () => {
    expect(classifyId("  gb00-0263 4946\u00a0").normalised).toBe("GB0002634946");
    expect(normaliseId("US0378331005")).toBe("US0378331005");
    expect(normaliseId("037833\u2013100")).toBe("037833100");
  });

  test("describeId gives BO.IDTYPE's text", () => {
    expect(describeId(classifyId("US0378331005"))).toBe("ISIN");
    expect(describeId(classifyId("US0378331006"))).toBe("INVALID ISIN: check digit should be 5");
    expect(describeId(classifyId("594918105"))).toBe("INVALID CUSIP: check digit should be 4");
    expect(describeId(classifyId("0263495"))).toBe("INVALID SEDOL: check digit should be 4");
    expect(describeId(classifyId("not an id at all"))).toBe("UNKNOWN");
  });

  test("a 12-character code with both shapes: the check digit that holds decides; BBG means FIGI otherwise", () => {
    // "BB" is also Barbados' country code, so "BBG000BLNQ1x" has the ISIN shape as well.
    const body = "BBG000BLNQ1";
    const isinDigit = isinCheckDigit(body);
    expect(isinDigit).not.toBe(6); // the FIGI check digit, from the figir tests
    expect(classifyId(body + isinDigit)).toMatchObject({ type: "ISIN", valid: true });
    expect(classifyId(body + 6)).toMatchObject({ type: "FIGI", valid: true });
    const neither = [0, 1, 2, 3, 4, 5, 7, 8, 9].find((d) => d !== isinDigit) as number;
    expect(classifyId(body + neither)).toEqual({
      type: "FIGI",
      valid: false,
      normalised: body + neither,
      reason: "check digit should be 6",
    });
  });

  test("isValidAs checks one named type only", () => {
    expect(isValidAs("ISIN", "us0378331005")).toBe(true);
    expect(isValidAs("CUSIP", "US0378331005")).toBe(false);
    expect(isValidAs("SEDOL", "0263494")).toBe(true);
    expect(isValidAs("TICKER", "AAPL")).toBe(false);
  });
});

describe("derivations (US/CA ISIN = country + CUSIP + check; UK ISIN = GB00 + SEDOL + check)", () => {
  test("published pairs round-trip", () => {
    expect(isinFromCusip("037833100")).toEqual({ ok: true, value: "US0378331005" }); // Apple
    expect(isinFromCusip("594918104")).toEqual({ ok: true, value: "US5949181045" }); // Microsoft
    expect(isinFromCusip("780087102", "CA")).toEqual({ ok: true, value: "CA7800871021" }); // RBC
    expect(isinFromSedol("0263494")).toEqual({ ok: true, value: "GB0002634946" }); // BAE Systems
    expect(isinFromSedol("BH4HKS3")).toEqual({ ok: true, value: "GB00BH4HKS39" }); // Vodafone
    expect(cusipFromIsin("US0378331005")).toEqual({ ok: true, value: "037833100" });
    expect(cusipFromIsin("CA7800871021")).toEqual({ ok: true, value: "780087102" });
    expect(sedolFromIsin("GB0002634946")).toEqual({ ok: true, value: "0263494" });
  });

  test("property: derivation round-trips for every valid numeric CUSIP and SEDOL", () => {
    fc.assert(
      fc.property(chars(DIGITS + LETTERS, 8).map(withCusipCheck), fc.constantFrom("US", "CA"), (cusip, cc) => {
        const isin = isinFromCusip(cusip, cc);
        return (
          isin.ok &&
          isValidIsin(isin.value) &&
          cusipFromIsin(isin.value).ok &&
          (cusipFromIsin(isin.value) as { value: string }).value === cusip
        );
      }),
    );
    fc.assert(
      fc.property(sedolBody.map(withSedolCheck), (sedol) => {
        const isin = isinFromSedol(sedol);
        return isin.ok && isValidIsin(isin.value) && (sedolFromIsin(isin.value) as { value: string }).value === sedol;
      }),
    );
  });

  test("invalid identifiers are never derived: the result carries the reason", () => {
    expect(isinFromCusip("037833101")).toEqual({
      ok: false,
      reason: "CUSIP 037833101 is invalid: check digit should be 0",
    });
    expect(isinFromSedol("0263495")).toEqual({
      ok: false,
      reason: "SEDOL 0263495 is invalid: check digit should be 4",
    });
    expect(isinFromSedol("AAPL")).toEqual({ ok: false, reason: "not a SEDOL: 'AAPL' looks like a TICKER" });
    expect(isinFromCusip("037833100", "DE")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/only US and CA/),
    });
    expect(isinFromCusip(withCusipCheck("0378331*"))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/private placement/),
    });
    expect(cusipFromIsin("GB0002634946")).toMatchObject({ ok: false, reason: expect.stringMatching(/from GB/) });
    expect(cusipFromIsin("US0378331006")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/check digit should be 5/),
    });
    expect(sedolFromIsin("US0378331005")).toMatchObject({ ok: false, reason: expect.stringMatching(/GB00/) });
    expect(sedolFromIsin("GB00BH4HKS39")).toEqual({ ok: true, value: "BH4HKS3" });
  });
});

describe("Crosswalk (security master)", () => {
  // Real pairs from the issuers above; the two extra SEDOLs for Apple's listings are constructed
  // with sedolCheckDigit, since only the cross-walk logic is under test there.
  const appleListing2 = withSedolCheck("B0YBKJ");
  const appleListing3 = withSedolCheck("B0YBLH");
  const master = [
    { isin: "US0378331005", cusip: "037833100", sedol: "2046251", ticker: "AAPL", name: "Apple Inc" },
    { isin: "US0378331005", sedol: appleListing2 },
    { isin: "US0378331005", sedol: appleListing3, figi: "BBG000BLNQ16" },
    { isin: "GB0002634946", ticker: "BA/", name: "BAE Systems" },
    { isin: "CA7800871021", ticker: "RY", name: "Royal Bank of Canada" },
  ];
  const cw = new Crosswalk(master);

  test.each([
    ["US0378331005", "US0378331005", "isin", true],
    ["037833100", "US0378331005", "cusip", true],
    ["2046251", "US0378331005", "sedol", true],
    [appleListing2, "US0378331005", "sedol", true],
    ["aapl", "US0378331005", "ticker", true],
    ["BBG000BLNQ16", "US0378331005", "master", true],
    ["0263494", "GB0002634946", "master", true], // the SEDOL inside the master's GB00 ISIN
    ["780087102", "CA7800871021", "master", true], // a Canadian CUSIP: the master's CA ISIN, not a derived US one
    ["594918104", "US5949181045", "derived-cusip", false],
    ["BH4HKS3", "GB00BH4HKS39", "derived-sedol", false],
    ["US4592001014", "US4592001014", "isin", false],
  ])("%s -> %s via %s (inMaster %s)", (id, isin, via, inMaster) => {
    expect(cw.resolve(id)).toMatchObject({ isin, via, valid: true, inMaster });
  });

  test("unresolved identifiers say why", () => {
    expect(cw.resolve("037833101")).toMatchObject({
      via: "none",
      valid: false,
      reason: "CUSIP 037833101 is invalid: check digit should be 0",
    });
    expect(cw.resolve("US0378331006").reason).toBe("ISIN US0378331006 is invalid: check digit should be 5");
    expect(cw.resolve("MSFT").reason).toMatch(/ticker MSFT is not in the security master/);
    expect(cw.resolve("NRG92C84SB39").reason).toMatch(/cannot be derived from a FIGI/);
    expect(cw.resolve("  ").reason).toBe("blank identifier");
    expect(cw.resolve("US0378331005").isin).toBe("US0378331005");
    expect(cw.problems).toEqual([]);
  });

  test("one ISIN, several SEDOLs (listings) is not a conflict; recordOf lists them", () => {
    expect(cw.conflicts).toEqual([]);
    expect(cw.size).toBe(3);
    expect(cw.recordOf("us0378331005")).toMatchObject({
      sedols: ["2046251", appleListing2, appleListing3],
      cusips: ["037833100"],
      tickers: ["AAPL"],
      rows: [1, 2, 3],
    });
  });

  test("a CUSIP pointing at two ISINs is reported and resolves to neither", () => {
    const bad = new Crosswalk(
      [
        { isin: "US0378331005", cusip: "594918104", row: 2 },
        { isin: "US5949181045", cusip: "594918104", row: 3 },
      ],
      { source: "SecMaster" },
    );
    expect(bad.conflicts).toEqual([
      { key: "594918104", fields: ["cusip", "isin"], isins: ["US0378331005", "US5949181045"], rows: [2, 3] },
    ]);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatchObject({ kind: "duplicate-key", where: { sheet: "SecMaster", row: 2 } });
    const r = bad.resolve("594918104");
    expect(r).toMatchObject({
      valid: false,
      via: "none",
      inMaster: true,
      candidates: ["US0378331005", "US5949181045"],
    });
    expect(r.isin).toBeUndefined();
    expect(r.reason).toMatch(/maps to 2 ISINs in the SecMaster/);
  });

  test("invalid identifiers in the master are reported with row and column; a row whose ISIN is invalid resolves nothing", () => {
    const m = new Crosswalk([
      { isin: "US0378331006", ticker: "AAPL" },
      { isin: "US5949181045", cusip: "594918105" },
      { cusip: "037833100", ticker: "APPLE" },
    ]);
    expect(m.problems.map((p) => [p.kind, p.where.row, p.where.column, p.detail])).toEqual([
      ["invalid", 1, "isin", "ISIN 'US0378331006' is invalid: check digit should be 5"],
      ["invalid", 2, "cusip", "CUSIP '594918105' is invalid: check digit should be 4"],
    ]);
    expect(m.resolve("AAPL")).toMatchObject({ valid: false, inMaster: true });
    expect(m.resolve("AAPL").reason).toMatch(/ISIN 'US0378331006' is invalid/);
    // The master's own (bad) CUSIP still maps: files from the same source carry the same code.
    expect(m.resolve("594918105")).toMatchObject({ isin: "US5949181045", via: "cusip" });
    // A row without an ISIN gets one derived from its valid CUSIP.
    expect(m.resolve("APPLE")).toMatchObject({ isin: "US0378331005", via: "ticker", inMaster: true });
  });

  test("row numbers: given ones are kept, others count from 1 by position; null fields are blank", () => {
    const m = new Crosswalk([
      { isin: "US0378331006", row: 10 },
      { isin: null as unknown as string, cusip: "037833100" },
      { isin: "GB0002634947" },
    ]);
    expect(m.problems.map((p) => p.where.row)).toEqual([10, 3]);
    expect(m.resolve("037833100")).toMatchObject({ isin: "US0378331005", via: "cusip", inMaster: true });
  });

  test("resolutions are memoised: the same text returns the same frozen object", () => {
    const a = cw.resolve("594918104");
    expect(cw.resolve("594918104")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(cw.resolve("037833100")).toBe(cw.resolve("037833100"));
  });

  test("cusipCountry: CUSIPs outside the master can be derived as Canadian", () => {
    const ca = new Crosswalk([], { cusipCountry: "CA" });
    expect(ca.resolve("780087102")).toMatchObject({ isin: "CA7800871021", via: "derived-cusip" });
  });
});

describe("custom functions BO.ISINFROMCUSIP, BO.ISINFROMSEDOL, BO.IDTYPE, BO.ISVALIDID (functions/ids.ts)", () => {
  // Outside Excel toExcel lets the ExcelError through, so the code and message can be checked here.
  const fails = (fn: () => unknown, message: RegExp) => {
    let error: unknown;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExcelError);
    expect((error as ExcelError).code).toBe("#VALUE!");
    expect((error as ExcelError).message).toMatch(message);
  };

  test("ISINFROMCUSIP and ISINFROMSEDOL on published pairs (Apple, RBC, BAE Systems)", () => {
    expect(fn.isinfromcusip("037833100")).toBe("US0378331005");
    expect(fn.isinfromcusip("780087102", "ca")).toBe("CA7800871021");
    expect(fn.isinfromsedol("0263494")).toBe("GB0002634946");
  });

  test("an identifier Excel turned into a number gets its leading zeros back", () => {
    expect(fn.isinfromsedol(263494 as unknown as string)).toBe("GB0002634946");
    expect(fn.isinfromcusip(37833100 as unknown as string)).toBe("US0378331005");
  });

  test("invalid input is #VALUE! with the reason", () => {
    fails(() => fn.isinfromcusip("037833101"), /CUSIP 037833101 is invalid: check digit should be 0/);
    fails(() => fn.isinfromcusip("037833100", "DE"), /only US and CA/);
    fails(() => fn.isinfromsedol("B0YAKJ7"), /vowel A/);
    fails(() => fn.isinfromsedol(""), /argument sedol is required/);
    fails(() => fn.idtype(null as unknown as string), /argument id is required/);
    fails(() => fn.isvalidid("AAPL", "TICKER"), /type must be ISIN, CUSIP, SEDOL or FIGI/);
  });

  test("IDTYPE", () => {
    expect(fn.idtype("US0378331005")).toBe("ISIN");
    expect(fn.idtype("US0378331006")).toBe("INVALID ISIN: check digit should be 5");
    expect(fn.idtype("68389X105")).toBe("CUSIP");
    expect(fn.idtype("B0YBKJ7")).toBe("SEDOL");
    expect(fn.idtype("BBG000BLNQ16")).toBe("FIGI");
    expect(fn.idtype("AAPL")).toBe("TICKER");
    expect(fn.idtype("US03783310")).toBe("UNKNOWN");
  });

  test("ISVALIDID with and without a type", () => {
    expect(fn.isvalidid("us0378331005")).toBe(true);
    expect(fn.isvalidid("US0378331006")).toBe(false);
    expect(fn.isvalidid("AAPL")).toBe(false);
    expect(fn.isvalidid("")).toBe(false);
    expect(fn.isvalidid("0263494", "sedol")).toBe(true);
    expect(fn.isvalidid("0263494", "CUSIP")).toBe(false);
    expect(fn.isvalidid("BBG000BLNNH6", "FIGI")).toBe(true);
  });
});
