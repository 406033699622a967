/**
 * src/core/recon/profile-validate.ts and src/io/recon/profile-store.ts: a profile is checked against
 * the schema documented in docs/recon-profile.md (every problem named by its JSON path), and saved in
 * the workbook as a workbook setting (Office.js Workbook.settings, ExcelApi 1.4) through the port.
 */
import { defaultProfile } from "../../src/core/recon/kinds";
import type { ReconProfile } from "../../src/core/recon/profile";
import { validateProfile } from "../../src/core/recon/profile-validate";
import { createMemoryHost } from "../../src/excel/memory-host";
import { ExcelWorkbook, SETTING_PREFIX } from "../../src/excel/workbook";
import { FileWorkbook } from "../../src/io/file/file-workbook";
import {
  PROFILE_KEY_PREFIX,
  ProfileError,
  listWorkbookProfiles,
  loadWorkbookProfile,
  parseProfile,
  profileToJson,
  saveWorkbookProfile,
} from "../../src/io/recon/profile-store";
import { tradeProfile } from "./recon-workflow-fixtures";

function clone(p: ReconProfile): Record<string, any> {
  return JSON.parse(JSON.stringify(p));
}

describe("validateProfile", () => {
  test("the built-in default profiles and a mapped trade profile are valid", () => {
    for (const kind of ["trade", "position", "cash"] as const)
      expect(validateProfile(defaultProfile(kind)).errors).toEqual([]);
    const v = validateProfile(tradeProfile());
    expect(v.errors).toEqual([]);
    expect(v.profile).toEqual(tradeProfile());
  });

  test("a tolerance written as a number is named by its JSON path (decimal text keeps it exact)", () => {
    const p = clone(tradeProfile());
    p.passes[1].compare[0] = { field: "amount", kind: "absolute", tolerance: 0.01 };
    const v = validateProfile(p);
    expect(v.profile).toBeUndefined();
    expect(v.errors).toEqual([
      'passes[1].compare[0].tolerance: expected decimal text such as "0.01" (written as text so that it stays exact), found 0.01 (a number)',
    ]);
  });

  test("every problem is reported, each with its path", () => {
    const p = clone(tradeProfile());
    p.version = 2;
    p.kind = "fx";
    p.left.dateFormats = { tradeDate: "dd.mm.yy" };
    p.right.signConvention = "absolute";
    p.passes[0].compare[1].tolerence = "0.0001";
    p.passes[1].name = "reference";
    p.passes[1].compare[1].before = -1;
    p.normalise = { equivalences: { side: { BUY: ["B"], SELL: ["b"] } } };
    p.ageingBuckets = [5, 1];
    delete p.right.mapping;
    const errors = validateProfile(p).errors;
    expect(errors).toEqual([
      "version: expected 1 (the only schema version so far), found 2 (a number)",
      'kind: expected one of "trade", "position", "cash", "custom", found "fx" (text)',
      'left.dateFormats.tradeDate: expected one of "iso", "dd/mm/yyyy", "mm/dd/yyyy", "yyyymmdd", "d-mmm-yyyy", found "dd.mm.yy" (text)',
      "right.mapping: expected an object of field -> header text, found nothing",
      'right.signConvention: expected one of "signed", "by-side", found "absolute" (text)',
      "normalise.equivalences.side.SELL: 'b' is also listed under 'BUY'; a value can mean only one thing",
      "passes[0].compare[1].tolerence: unknown property (expected one of field, kind, tolerance, code)",
      "passes[1].compare[1].before: expected a whole number of at least 0, found -1 (a number)",
      'passes[1].name: "reference" is already the name of passes[0]',
      "ageingBuckets[1]: expected a number above 5 (bounds increase), found 1 (a number)",
    ]);
  });

  test("not an object at all", () => {
    expect(validateProfile([]).errors).toEqual(["(profile): expected an object, found a list"]);
  });
});

describe("profiles saved in the workbook", () => {
  test("save and load through Workbook.settings on the memory Excel host; the index lists names", async () => {
    const host = createMemoryHost();
    host.addSheet("Books", [["x"]]);
    const port = new ExcelWorkbook(host.run);
    expect(await loadWorkbookProfile(port)).toBeUndefined();
    const p = tradeProfile();
    await saveWorkbookProfile(port, p);
    const cash = defaultProfile("cash");
    await saveWorkbookProfile(port, cash);
    await saveWorkbookProfile(port, p); // saving again replaces, the index keeps one entry
    expect(await listWorkbookProfiles(port)).toEqual([p.name, cash.name]);
    expect(await loadWorkbookProfile(port)).toEqual(p);
    expect(await loadWorkbookProfile(port, cash.name)).toEqual(cash);
    // Stored as JSON text in the workbook's settings, not on a sheet.
    expect(typeof host.model.settings.get(SETTING_PREFIX + PROFILE_KEY_PREFIX + p.name)).toBe("string");
    expect(host.sheetNames()).toEqual(["Books"]);
  });

  test("an invalid profile is refused before saving; one edited badly in the workbook is reported by path", async () => {
    const host = createMemoryHost();
    host.addSheet("Books", [["x"]]);
    const port = new ExcelWorkbook(host.run);
    const bad = clone(tradeProfile());
    bad.passes = [];
    await expect(saveWorkbookProfile(port, bad as ReconProfile)).rejects.toThrow(ProfileError);
    expect(host.model.settings.size).toBe(0);

    const p = tradeProfile();
    await saveWorkbookProfile(port, p);
    const stored = clone(p);
    stored.passes[0].cardinality = "1:2";
    host.model.settings.set(SETTING_PREFIX + PROFILE_KEY_PREFIX + p.name, JSON.stringify(stored));
    await expect(loadWorkbookProfile(port)).rejects.toThrow(
      /passes\[0\]\.cardinality: expected one of "1:1", "1:N", "N:1", "N:M", found "1:2"/,
    );
  });

  test("the file adapter keeps no settings: the CLI uses profile files", async () => {
    await expect(saveWorkbookProfile(new FileWorkbook(), tradeProfile())).rejects.toThrow(/--profile P\.json/);
    const text = profileToJson(tradeProfile());
    expect(parseProfile(text, "p.json")).toEqual(tradeProfile());
    expect(() => parseProfile("{ not json", "p.json")).toThrow(
      /p\.json: a problem in the reconciliation profile:\n {2}- not valid JSON/,
    );
  });
});
