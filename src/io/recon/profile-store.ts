/**
 * Where reconciliation profiles live: in the workbook for the add-in (so the same workbook re-runs
 * the same way), in a JSON file for the CLI.
 *
 * In the workbook a profile is a workbook setting (WorkbookPort.writeSetting; the Office adapter uses
 * Workbook.settings, ExcelApi 1.4), not a sheet: a hidden sheet is a sheet the user did not make and
 * cannot see, and a visible one invites edits that break the JSON. Settings travel with the file,
 * are private to the add-in and need no separate save call. Custom XML parts would also travel with
 * the file, but need a namespace, XML escaping and a search by namespace on every read, for no gain
 * here (docs/recon-profile.md, "Where profiles are kept").
 *
 * No file system here: the task pane bundles this module for the browser. The CLI reads its file and
 * calls parseProfile(text, path), and writes profileToJson(profile).
 *
 * Every profile read, from either place, goes through validateProfile: a profile edited by hand is
 * reported with the JSON path of each problem instead of failing halfway through a run.
 */
import type { ReconProfile } from "../../core/recon/profile";
import { validateProfile } from "../../core/recon/profile-validate";
import type { WorkbookPort } from "../port";

/** Setting key prefix; one profile per name: "recon.profile.<name>"; the index lists the names. */
export const PROFILE_KEY_PREFIX = "recon.profile.";
export const PROFILE_INDEX_KEY = "recon.profiles";

/** A profile that does not meet the schema; `errors` name JSON paths. */
export class ProfileError extends Error {
  constructor(
    readonly source: string,
    readonly errors: string[],
  ) {
    super(
      `${source}: ${errors.length === 1 ? "a problem" : `${errors.length} problems`} in the reconciliation profile:\n${errors.map((e) => `  - ${e}`).join("\n")}`,
    );
    this.name = "ProfileError";
  }
}

/** Parses and validates profile JSON text; `source` names where it came from, for messages. */
export function parseProfile(text: string, source: string): ReconProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ProfileError(source, [`not valid JSON: ${(e as Error).message}`]);
  }
  const v = validateProfile(json);
  if (!v.profile) throw new ProfileError(source, v.errors);
  return v.profile;
}

/** Profile JSON as saved: two-space indented, keys in the profile's own order, so diffs stay readable. */
export function profileToJson(profile: ReconProfile): string {
  return JSON.stringify(profile, null, 2) + "\n";
}

function settingsOf(port: WorkbookPort): Required<Pick<WorkbookPort, "readSetting" | "writeSetting">> {
  if (!port.readSetting || !port.writeSetting)
    throw new Error(
      "This workbook cannot store a reconciliation profile (the CLI keeps profiles in JSON files: --profile P.json).",
    );
  return { readSetting: port.readSetting.bind(port), writeSetting: port.writeSetting.bind(port) };
}

/** Names of the profiles saved in the workbook, in the order they were first saved. */
export async function listWorkbookProfiles(port: WorkbookPort): Promise<string[]> {
  const text = await settingsOf(port).readSetting(PROFILE_INDEX_KEY);
  if (text === undefined) return [];
  try {
    const names: unknown = JSON.parse(text);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces) the profile under its name. An invalid profile is refused, never stored. */
export async function saveWorkbookProfile(port: WorkbookPort, profile: ReconProfile): Promise<void> {
  const v = validateProfile(profile);
  if (!v.profile) throw new ProfileError(`profile '${profile.name}'`, v.errors);
  const s = settingsOf(port);
  await s.writeSetting(PROFILE_KEY_PREFIX + profile.name, JSON.stringify(v.profile));
  const names = await listWorkbookProfiles(port);
  if (!names.includes(profile.name)) await s.writeSetting(PROFILE_INDEX_KEY, JSON.stringify([...names, profile.name]));
}

/** The saved profile of that name (the first saved when no name is given), or undefined if none. */
export async function loadWorkbookProfile(port: WorkbookPort, name?: string): Promise<ReconProfile | undefined> {
  const wanted = name ?? (await listWorkbookProfiles(port))[0];
  if (wanted === undefined) return undefined;
  const text = await settingsOf(port).readSetting(PROFILE_KEY_PREFIX + wanted);
  return text === undefined ? undefined : parseProfile(text, `the profile '${wanted}' saved in this workbook`);
}
