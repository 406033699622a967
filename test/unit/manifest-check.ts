/**
 * Offline checks of the add-in manifest: the mistakes that `npm run validate` (Microsoft's online
 * validator) or Excel itself would reject, found without a network, plus the shared-runtime wiring rules
 * from "Configure your Office Add-in to use a shared runtime" (learn.microsoft.com/office/dev/add-ins/
 * develop/configure-your-add-in-to-use-a-shared-runtime): one resid for Runtime, custom-functions Page,
 * FunctionFile and the ShowTaskpane action, lifetime="long", one TaskpaneId.
 *
 * `checkManifest` returns every problem as a message starting with a stable tag in brackets
 * ("[resid-undefined] ...") so that tests can feed a broken manifest and expect the exact failure.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XNode {
  /** Local name (namespace prefix dropped: "bt:Image" -> "Image"). */
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated text content of this element (not of its descendants). */
  text: string;
}

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

interface ResourceEntry {
  kind: ResourceKind;
  value: string;
}

const APP_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const OVERRIDES_NS = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
/** office.js is served from here; the only origin other than the add-in's own that a URL may name. */
const OFFICE_CDN_HOST = "appsforoffice.microsoft.com";

/**
 * Child order of a TaskPaneApp OfficeApp (schema appforoffice/1.1, "OfficeApp element" reference).
 * The validator rejects elements out of this order; `required` ones must be present.
 */
const OFFICE_APP_SEQUENCE: { name: string; required: boolean }[] = [
  { name: "Id", required: true },
  { name: "AlternateId", required: false },
  { name: "Version", required: true },
  { name: "ProviderName", required: true },
  { name: "DefaultLocale", required: true },
  { name: "DisplayName", required: true },
  { name: "Description", required: true },
  { name: "IconUrl", required: false },
  { name: "HighResolutionIconUrl", required: false },
  { name: "SupportUrl", required: false },
  { name: "AppDomains", required: false },
  { name: "Hosts", required: false },
  { name: "Requirements", required: false },
  { name: "DefaultSettings", required: true },
  { name: "Permissions", required: true },
  { name: "Dictionary", required: false },
  { name: "VersionOverrides", required: false },
  { name: "ExtendedOverrides", required: false },
];

/** Host children in VersionOverrides: Runtimes must come first (shared-runtime article, step 2). */
const OVERRIDES_HOST_SEQUENCE = ["Runtimes", "AllFormFactors", "DesktopFormFactor"];

/** Which kind of resource a `resid` on each element must name (VersionOverrides 1.0 reference). */
const RESID_KIND: Record<string, ResourceKind> = {
  Image: "Image",
  SourceLocation: "Url",
  FunctionFile: "Url",
  LearnMoreUrl: "Url",
  Runtime: "Url",
  Label: "ShortString",
  Title: "ShortString",
  Namespace: "ShortString",
  Description: "LongString",
};

/** Maximum lengths the schema enforces (bt:ShortString 125, bt:LongString 250, resid 32, URL 2048). */
const MAX_LENGTH: Record<ResourceKind, number> = { Image: 2048, Url: 2048, ShortString: 125, LongString: 250 };
const MAX_RESID_LENGTH = 32;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOUR_PART_VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){3}$/;
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

type RawNode = Record<string, unknown>;

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

function toNodes(raw: RawNode[]): XNode[] {
  const nodes: XNode[] = [];
  for (const item of raw) {
    const attrs = (item[":@"] as Record<string, string> | undefined) ?? {};
    for (const key of Object.keys(item)) {
      if (key === ":@" || key === "#text" || key.startsWith("?")) continue;
      const rawChildren = (item[key] as RawNode[]) ?? [];
      const text = rawChildren
        .filter((c) => "#text" in c)
        .map((c) => String(c["#text"]))
        .join("");
      nodes.push({ name: localName(key), attrs: { ...attrs }, children: toNodes(rawChildren), text });
    }
  }
  return nodes;
}

export function parseXml(xml: string): XNode[] {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  return toNodes(parser.parse(xml) as RawNode[]);
}

function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

function childrenNamed(node: XNode | undefined, name: string): XNode[] {
  return node ? node.children.filter((c) => c.name === name) : [];
}

function path(node: XNode | undefined, ...names: string[]): XNode | undefined {
  let at = node;
  for (const name of names) at = child(at, name);
  return at;
}

function descendants(node: XNode, out: XNode[] = []): XNode[] {
  for (const c of node.children) {
    out.push(c);
    descendants(c, out);
  }
  return out;
}

function ofType(nodes: XNode[], type: string): XNode[] {
  return nodes.filter((n) => n.attrs["xsi:type"] === type);
}

/** Width and height from a PNG's IHDR chunk, or null if the bytes are not a PNG. */
export function readPngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function checkOrder(parent: XNode, sequence: string[], where: string, errors: string[]): void {
  let last = -1;
  for (const c of parent.children) {
    const index = sequence.indexOf(c.name);
    if (index < 0) {
      errors.push(`[unknown-element] <${c.name}> is not allowed in ${where}`);
    } else if (index < last) {
      errors.push(`[element-order] <${c.name}> must come before <${sequence[last]}> in ${where}`);
    } else {
      last = index;
    }
  }
}

function checkResources(resources: XNode | undefined, errors: string[]): Map<string, ResourceEntry> {
  const entries = new Map<string, ResourceEntry>();
  const groups: [string, string, ResourceKind][] = [
    ["Images", "Image", "Image"],
    ["Urls", "Url", "Url"],
    ["ShortStrings", "String", "ShortString"],
    ["LongStrings", "String", "LongString"],
  ];
  for (const [group, element, kind] of groups) {
    for (const entry of childrenNamed(child(resources, group), element)) {
      const id = entry.attrs.id ?? "";
      const value = entry.attrs.DefaultValue ?? "";
      if (!id) {
        errors.push(`[resource-id-missing] a <${element}> in <${group}> has no id`);
        continue;
      }
      if (entries.has(id)) errors.push(`[resource-duplicate] resource id "${id}" is defined more than once`);
      if (id.length > MAX_RESID_LENGTH)
        errors.push(`[resid-too-long] resource id "${id}" is longer than ${MAX_RESID_LENGTH} characters`);
      if (!value.trim()) errors.push(`[resource-empty] ${kind} "${id}" has no DefaultValue`);
      if (value.length > MAX_LENGTH[kind])
        errors.push(
          `[resource-too-long] ${kind} "${id}" is ${value.length} characters; the limit is ${MAX_LENGTH[kind]}`,
        );
      entries.set(id, { kind, value });
    }
  }
  return entries;
}

function checkIcon(url: string, size: number, base: string, assetDir: string, what: string, errors: string[]): void {
  // Icons are served from assets/ next to the add-in's page (base = SourceLocation's folder).
  const prefix = `${base}assets/`;
  if (!base || !url.startsWith(prefix)) {
    if (base && url.startsWith(new URL(base).origin))
      errors.push(`[icon-not-in-assets] ${what} ${url} is not under ${prefix}`);
    return; // other origins are reported by the URL check
  }
  const relative = new URL(url).pathname.slice(new URL(prefix).pathname.length);
  const file = join(assetDir, decodeURIComponent(relative));
  if (!existsSync(file)) {
    errors.push(`[icon-missing] ${what} ${url}: no file ${file}`);
    return;
  }
  const dimensions = readPngSize(readFileSync(file));
  if (!dimensions) {
    errors.push(`[icon-not-png] ${what} ${url} is not a PNG file`);
  } else if (dimensions.width !== size || dimensions.height !== size) {
    errors.push(
      `[icon-size] ${what} ${url} is ${dimensions.width}x${dimensions.height} px; ${size}x${size} px is required`,
    );
  }
}

/**
 * Every problem found in `xml`, as "[tag] message" strings; an empty array means the manifest passes.
 * `assetDir` is the folder that https://<origin>/assets/ is served from (the repository's assets/).
 */
export function checkManifest(xml: string, assetDir: string): string[] {
  const errors: string[] = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return [`[xml] not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  }
  const roots = parseXml(xml);
  const app = roots.find((n) => n.name === "OfficeApp");
  if (!app) return ["[root] the root element is not <OfficeApp>"];
  if (app.attrs.xmlns !== APP_NS) errors.push(`[root] OfficeApp xmlns must be ${APP_NS}`);
  if (app.attrs["xsi:type"] !== "TaskPaneApp") errors.push(`[root] OfficeApp xsi:type must be TaskPaneApp`);

  checkOrder(
    app,
    OFFICE_APP_SEQUENCE.map((s) => s.name),
    "<OfficeApp>",
    errors,
  );
  for (const { name, required } of OFFICE_APP_SEQUENCE) {
    const count = childrenNamed(app, name).length;
    if (required && count === 0) errors.push(`[required] <OfficeApp> has no <${name}>`);
    if (count > 1) errors.push(`[duplicate-element] <OfficeApp> has ${count} <${name}> elements`);
  }

  const id = child(app, "Id")?.text ?? "";
  if (!GUID.test(id)) errors.push(`[id] Id "${id}" is not a GUID`);
  const version = child(app, "Version")?.text ?? "";
  if (!FOUR_PART_VERSION.test(version)) errors.push(`[version] Version "${version}" is not of the form n.n.n.n`);

  const displayName = child(app, "DisplayName")?.attrs.DefaultValue ?? "";
  if (!displayName || displayName.length > 125) errors.push(`[display-name] DisplayName must be 1 to 125 characters`);
  const description = child(app, "Description")?.attrs.DefaultValue ?? "";
  if (!description || description.length > 250) errors.push(`[description] Description must be 1 to 250 characters`);

  const permissions = child(app, "Permissions")?.text ?? "";
  if (permissions !== "ReadWriteDocument")
    errors.push(`[permissions] Permissions is "${permissions}"; the add-in needs exactly ReadWriteDocument`);

  const baseHosts = childrenNamed(child(app, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (baseHosts.length !== 1 || baseHosts[0] !== "Workbook")
    errors.push(`[hosts] <Hosts> must list exactly one <Host Name="Workbook"/> (Excel)`);

  const sets = path(app, "Requirements", "Sets");
  const defaultMin = sets?.attrs.DefaultMinVersion;
  for (const needed of ["SharedRuntime", "CustomFunctionsRuntime"]) {
    const set = childrenNamed(sets, "Set").find((s) => s.attrs.Name === needed);
    const min = set?.attrs.MinVersion ?? defaultMin;
    if (!set) errors.push(`[requirements] requirement set ${needed} is not listed`);
    else if (!min || Number(min) < 1.1) errors.push(`[requirements] ${needed} must require MinVersion 1.1`);
  }

  const sourceLocation = path(app, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue ?? "";
  let origin = "";
  let base = "";
  try {
    origin = new URL(sourceLocation).origin;
    base = new URL(".", sourceLocation).href;
  } catch {
    errors.push(`[source-location] DefaultSettings SourceLocation "${sourceLocation}" is not a URL`);
  }

  // Every absolute URL anywhere: https, and on the add-in's own origin (or the Office CDN).
  for (const node of [app, ...descendants(app)]) {
    const values = [...Object.entries(node.attrs).filter(([k]) => !k.startsWith("xmlns")), ["#text", node.text]];
    for (const [, value] of values) {
      if (!ABSOLUTE_URL.test(value)) continue;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        errors.push(`[url] <${node.name}> has a malformed URL "${value}"`);
        continue;
      }
      if (url.protocol !== "https:") errors.push(`[url-https] <${node.name}> URL ${value} is not https`);
      else if (origin && url.origin !== origin && url.hostname !== OFFICE_CDN_HOST)
        errors.push(`[url-origin] <${node.name}> URL ${value} is not on the add-in's origin ${origin}`);
    }
  }

  const iconUrl = child(app, "IconUrl")?.attrs.DefaultValue;
  if (iconUrl) checkIcon(iconUrl, 32, base, assetDir, "IconUrl", errors);
  const highRes = child(app, "HighResolutionIconUrl")?.attrs.DefaultValue;
  if (highRes) checkIcon(highRes, 64, base, assetDir, "HighResolutionIconUrl", errors);

  const overrides = child(app, "VersionOverrides");
  if (!overrides) {
    errors.push(`[version-overrides] <VersionOverrides> is missing: no custom functions, runtime or ribbon`);
    return errors;
  }
  if (overrides.attrs.xmlns !== OVERRIDES_NS)
    errors.push(`[version-overrides] VersionOverrides xmlns must be ${OVERRIDES_NS}`);
  if (!["VersionOverridesV1_0", "VersionOverridesV1_1"].includes(overrides.attrs["xsi:type"] ?? ""))
    errors.push(`[version-overrides] VersionOverrides xsi:type must be VersionOverridesV1_0 or VersionOverridesV1_1`);

  const resources = checkResources(child(overrides, "Resources"), errors);
  const used = new Set<string>();
  const imageSizes = new Map<string, Set<number>>();
  const nonResource = overrides.children.filter((c) => c.name !== "Resources").flatMap((c) => [c, ...descendants(c)]);
  for (const node of nonResource) {
    const resid = node.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const expected = RESID_KIND[node.name];
    const entry = resources.get(resid);
    if (!expected) {
      errors.push(`[resid-element] <${node.name}> is not an element that takes a resid`);
    } else if (!entry) {
      errors.push(`[resid-undefined] <${node.name} resid="${resid}"> names no resource`);
    } else if (entry.kind !== expected) {
      errors.push(`[resid-kind] <${node.name} resid="${resid}"> needs a ${expected} but "${resid}" is a ${entry.kind}`);
    }
    if (node.name === "Image" && node.attrs.size) {
      const sizes = imageSizes.get(resid) ?? new Set<number>();
      sizes.add(Number(node.attrs.size));
      imageSizes.set(resid, sizes);
    }
  }
  for (const [resid] of resources) {
    if (!used.has(resid)) errors.push(`[resource-unused] resource "${resid}" is defined but never used`);
  }
  for (const [resid, sizes] of imageSizes) {
    const entry = resources.get(resid);
    if (!entry || entry.kind !== "Image") continue;
    if (sizes.size > 1) {
      errors.push(`[icon-size] image "${resid}" is used at sizes ${[...sizes].join(" and ")}`);
      continue;
    }
    checkIcon(entry.value, [...sizes][0], base, assetDir, `image "${resid}"`, errors);
  }

  const hosts = childrenNamed(child(overrides, "Hosts"), "Host");
  const host = hosts.find((h) => h.attrs["xsi:type"] === "Workbook");
  if (!host) {
    errors.push(`[overrides-host] VersionOverrides has no <Host xsi:type="Workbook">`);
    return errors;
  }
  checkOrder(host, OVERRIDES_HOST_SEQUENCE, `<Host xsi:type="Workbook">`, errors);

  // Shared runtime: one Runtime, long-lived, and the same page everywhere code runs.
  const runtimes = childrenNamed(child(host, "Runtimes"), "Runtime");
  if (runtimes.length !== 1)
    errors.push(`[runtime] expected exactly one <Runtime> in <Runtimes>, found ${runtimes.length}`);
  const runtime = runtimes[0];
  if (runtime && runtime.attrs.lifetime !== "long")
    errors.push(`[runtime] the shared <Runtime> needs lifetime="long" so functions keep running with the pane closed`);
  const runtimeResid = runtime?.attrs.resid;
  const hostNodes = descendants(host);

  const customFunctions = ofType(childrenNamed(child(host, "AllFormFactors"), "ExtensionPoint"), "CustomFunctions")[0];
  if (!customFunctions) {
    errors.push(`[custom-functions] no <ExtensionPoint xsi:type="CustomFunctions"> in <AllFormFactors>`);
  } else {
    for (const part of ["Script", "Page", "Metadata"]) {
      if (!path(customFunctions, part, "SourceLocation")?.attrs.resid)
        errors.push(`[custom-functions] <${part}> has no <SourceLocation resid>`);
    }
    const scriptUrl = resources.get(path(customFunctions, "Script", "SourceLocation")?.attrs.resid ?? "")?.value ?? "";
    if (scriptUrl && !scriptUrl.endsWith(".js"))
      errors.push(`[custom-functions] Script URL ${scriptUrl} is not a .js file`);
    const metadataUrl =
      resources.get(path(customFunctions, "Metadata", "SourceLocation")?.attrs.resid ?? "")?.value ?? "";
    if (metadataUrl && !metadataUrl.endsWith(".json"))
      errors.push(`[custom-functions] Metadata URL ${metadataUrl} is not a .json file`);
    const pageResid = path(customFunctions, "Page", "SourceLocation")?.attrs.resid;
    if (runtimeResid && pageResid !== runtimeResid)
      errors.push(`[shared-runtime] custom functions <Page> uses "${pageResid}", the Runtime uses "${runtimeResid}"`);
    const namespace = resources.get(child(customFunctions, "Namespace")?.attrs.resid ?? "")?.value;
    if (namespace !== "BO") errors.push(`[namespace] custom-function namespace is "${namespace ?? ""}", expected "BO"`);
  }

  const functionFile = path(host, "DesktopFormFactor", "FunctionFile");
  if (!functionFile) errors.push(`[shared-runtime] <DesktopFormFactor> has no <FunctionFile>`);
  else if (runtimeResid && functionFile.attrs.resid !== runtimeResid)
    errors.push(
      `[shared-runtime] <FunctionFile> uses "${functionFile.attrs.resid}", the Runtime uses "${runtimeResid}"`,
    );

  const showTaskpane = ofType(
    hostNodes.filter((n) => n.name === "Action"),
    "ShowTaskpane",
  );
  if (showTaskpane.length === 0) errors.push(`[taskpane] no ribbon button opens the task pane (ShowTaskpane action)`);
  const taskpaneIds = new Set(showTaskpane.map((a) => child(a, "TaskpaneId")?.text ?? ""));
  if (taskpaneIds.has("")) errors.push(`[taskpane] a ShowTaskpane action has no <TaskpaneId>`);
  if (taskpaneIds.size > 1)
    errors.push(`[taskpane] ShowTaskpane actions name ${taskpaneIds.size} task panes; a shared runtime supports one`);
  for (const action of showTaskpane) {
    const resid = child(action, "SourceLocation")?.attrs.resid;
    if (runtimeResid && resid !== runtimeResid)
      errors.push(`[shared-runtime] ShowTaskpane <SourceLocation> uses "${resid}", the Runtime uses "${runtimeResid}"`);
  }
  for (const action of ofType(
    hostNodes.filter((n) => n.name === "Action"),
    "ExecuteFunction",
  )) {
    if (!child(action, "FunctionName")?.text)
      errors.push(`[execute-function] an ExecuteFunction action has no <FunctionName>`);
  }

  const runtimeUrl = resources.get(runtimeResid ?? "")?.value;
  if (runtimeUrl !== undefined && runtimeUrl !== sourceLocation)
    errors.push(
      `[shared-runtime] Runtime URL ${runtimeUrl} differs from DefaultSettings SourceLocation ${sourceLocation}`,
    );

  const controlIds = hostNodes.filter((n) => ["Group", "Control", "OfficeTab", "CustomTab"].includes(n.name));
  const seen = new Set<string>();
  for (const node of controlIds) {
    const controlId = node.attrs.id ?? "";
    if (!controlId) errors.push(`[control-id] <${node.name}> has no id`);
    else if (seen.has(controlId) && node.name !== "OfficeTab")
      errors.push(`[control-id] id "${controlId}" is used twice`);
    seen.add(controlId);
  }
  return errors;
}

/** The ExecuteFunction names a manifest's ribbon buttons call (each must be associated in the runtime). */
export function executeFunctionNames(xml: string): string[] {
  const all = parseXml(xml).flatMap((n) => [n, ...descendants(n)]);
  return ofType(
    all.filter((n) => n.name === "Action"),
    "ExecuteFunction",
  ).map((a) => child(a, "FunctionName")?.text ?? "");
}
