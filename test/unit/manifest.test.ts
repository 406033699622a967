/**
 * The manifest, checked offline (the online validator, `npm run validate`, is not run in CI).
 *
 * Rules come from Microsoft's manifest reference (learn.microsoft.com/javascript/api/manifest:
 * OfficeApp child order, Id GUID, Version n.n.n.n, bt:ShortString <= 125 and bt:LongString <= 250
 * characters, resid <= 32 characters, https-only URLs) and from "Configure your Office Add-in to use a
 * shared runtime" (one resid in Runtime, Page, FunctionFile and ShowTaskpane; lifetime="long").
 * Every rule is also fed a manifest broken in exactly that way, so no check passes by doing nothing.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkManifest, executeFunctionNames, readPngSize } from "./manifest-check";

const root = join(__dirname, "..", "..");
const assetDir = join(root, "assets");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");

// webpack.config.js is CommonJS without type declarations.
const { rewriteManifestUrls } = require("../../webpack.config.js") as {
  rewriteManifestUrls: (xml: string, addinUrl: string | undefined) => string;
};

/**
 * Paths (relative to the add-in's base URL) that the production build of the add-in writes, read from
 * the real webpack configuration: entries, HtmlWebpackPlugin pages, the metadata file, assets/. In a
 * child Node process, because the config needs Node's own module resolution (see its ajv note), which
 * jest's resolver does not go through.
 */
function builtFiles(): Set<string> {
  const script = `
    const factory = require(${JSON.stringify(join(root, "webpack.config.js"))});
    factory({ WEBPACK_BUILD: true }, { mode: "production" }).then(([addin]) => {
      const files = Object.keys(addin.entry).map((name) => addin.output.filename.replace("[name]", name));
      for (const plugin of addin.plugins) {
        if (plugin.constructor.name === "HtmlWebpackPlugin") files.push(plugin.userOptions.filename);
        if (plugin.constructor.name === "CustomFunctionsMetadataPlugin") files.push(plugin.options.output);
      }
      process.stdout.write(JSON.stringify(files));
    });`;
  const files = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as string[];
  return new Set([...files, ...readdirSync(assetDir).map((asset) => `assets/${asset}`)]);
}

/** Replace `from` by `to`, insisting that `from` occurs exactly once, so a stale mutation fails loudly. */
function mutate(xml: string, from: string, to: string): string {
  const count = xml.split(from).length - 1;
  if (count !== 1) throw new Error(`test mutation: "${from}" occurs ${count} times in manifest.xml`);
  return xml.replace(from, to);
}

function tags(errors: string[]): string[] {
  return [...new Set(errors.map((e) => e.slice(0, e.indexOf("]") + 1)))];
}

describe("manifest.xml", () => {
  it("passes every offline check", () => {
    expect(checkManifest(manifest, assetDir)).toEqual([]);
  });

  it("still passes once the build moves it to a production URL, with no localhost left", () => {
    const production = rewriteManifestUrls(manifest, "https://bo.example.com/addin/");
    expect(production).not.toContain("localhost");
    expect(production).toContain('<SourceLocation DefaultValue="https://bo.example.com/addin/taskpane.html"/>');
    expect(production).toContain("<AppDomain>https://bo.example.com</AppDomain>");
    expect(checkManifest(production, assetDir)).toEqual([]);
  });

  it("is left alone by the build when no production URL is given, and refuses a non-https one", () => {
    expect(rewriteManifestUrls(manifest, undefined)).toBe(manifest);
    expect(() => rewriteManifestUrls(manifest, "http://bo.example.com/")).toThrow(/https/);
  });

  it("has every ribbon ExecuteFunction associated in src/commands/commands.ts", () => {
    const commands = readFileSync(join(root, "src", "commands", "commands.ts"), "utf8");
    const associated = [...commands.matchAll(/Office\.actions\.associate\(\s*"([^"]+)"/g)].map((m) => m[1]);
    const names = executeFunctionNames(manifest);
    expect(names.length).toBeGreaterThan(0);
    expect(associated.sort()).toEqual([...names].sort());
  });

  it("names only files the build writes (pages, bundles, functions.json, assets)", () => {
    const files = builtFiles();
    const urls = [...manifest.matchAll(/"https:\/\/localhost:3000\/([^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !files.has(u))).toEqual([]);
    // And the check is not vacuous: the three files the shared runtime cannot do without are among them.
    expect(urls).toEqual(expect.arrayContaining(["taskpane.html", "functions.js", "functions.json"]));
  });

  it("names a support page that exists in assets/", () => {
    expect(manifest).toContain('<SupportUrl DefaultValue="https://localhost:3000/assets/support.html"/>');
    expect(readFileSync(join(assetDir, "support.html"), "utf8")).toContain("<title>");
  });
});

describe("taskpane.html, the shared runtime page the manifest names", () => {
  const page = readFileSync(join(root, "src", "taskpane", "taskpane.html"), "utf8");

  it("loads Office.js from Microsoft's CDN before anything else, and never a bundled copy", () => {
    // "Referencing the Office JavaScript API library": add-ins load office.js from the CDN, in <head>.
    const scripts = [...page.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(page.indexOf("office.js")).toBeLessThan(page.indexOf("</head>"));
  });

  it("has the #container element that src/taskpane/index.tsx renders into", () => {
    const entry = readFileSync(join(root, "src", "taskpane", "index.tsx"), "utf8");
    const id = /getElementById\("([^"]+)"\)/.exec(entry)?.[1];
    expect(id).toBeDefined();
    expect(page).toContain(`<div id="${id}"></div>`);
  });
});

describe("checkManifest rejects a manifest broken in each way", () => {
  const cases: [string, () => string, string][] = [
    ["unclosed element", () => mutate(manifest, "</Hosts>\n  <!-- Both", "\n  <!-- Both"), "[xml]"],
    ["not a task pane add-in", () => mutate(manifest, 'xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"'), "[root]"],
    [
      "Id not a GUID",
      () => mutate(manifest, "<Id>1c979d30-ef4e-4966-9a55-abcb1e8d3bd3</Id>", "<Id>back-office</Id>"),
      "[id]",
    ],
    [
      "three-part Version",
      () => mutate(manifest, "<Version>0.1.0.0</Version>", "<Version>0.1.0</Version>"),
      "[version]",
    ],
    [
      "more permission than needed",
      () =>
        mutate(manifest, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>WriteDocument</Permissions>"),
      "[permissions]",
    ],
    [
      "elements out of schema order",
      () =>
        mutate(
          mutate(manifest, "  <Permissions>ReadWriteDocument</Permissions>\n", ""),
          "  <DefaultSettings>",
          "  <Permissions>ReadWriteDocument</Permissions>\n  <DefaultSettings>",
        ),
      "[element-order]",
    ],
    [
      "SharedRuntime requirement missing",
      () => mutate(manifest, '<Set Name="SharedRuntime" MinVersion="1.1"/>', ""),
      "[requirements]",
    ],
    [
      "resid with no resource",
      () => mutate(manifest, '<Label resid="RecalculateButton.Label"/>', '<Label resid="Recalc.Label"/>'),
      "[resid-undefined]",
    ],
    [
      "resid of the wrong kind",
      () => mutate(manifest, '<Label resid="BackOffice.Group.Label"/>', '<Label resid="TaskpaneButton.Tooltip"/>'),
      "[resid-kind]",
    ],
    [
      "resource defined twice",
      () =>
        mutate(
          manifest,
          '<bt:String id="Functions.Namespace" DefaultValue="BO"/>',
          '<bt:String id="Functions.Namespace" DefaultValue="BO"/>\n        <bt:String id="Functions.Namespace" DefaultValue="BO"/>',
        ),
      "[resource-duplicate]",
    ],
    [
      "resource never used",
      () =>
        mutate(
          manifest,
          '<bt:String id="Functions.Namespace" DefaultValue="BO"/>',
          '<bt:String id="Functions.Namespace" DefaultValue="BO"/>\n        <bt:String id="Orphan" DefaultValue="x"/>',
        ),
      "[resource-unused]",
    ],
    [
      "ShortString over 125 characters",
      () =>
        mutate(
          manifest,
          '<bt:String id="RecalculateButton.Label" DefaultValue="Recalculate"/>',
          `<bt:String id="RecalculateButton.Label" DefaultValue="${"R".repeat(126)}"/>`,
        ),
      "[resource-too-long]",
    ],
    [
      "resid over 32 characters",
      () =>
        mutate(
          mutate(
            manifest,
            '<bt:String id="RecalculateButton.Tooltip"',
            '<bt:String id="RecalculateButton.Tooltip.TooLongForSchema"',
          ),
          '<Description resid="RecalculateButton.Tooltip"/>',
          '<Description resid="RecalculateButton.Tooltip.TooLongForSchema"/>',
        ),
      "[resid-too-long]",
    ],
    [
      "plain http URL",
      () => mutate(manifest, '"https://localhost:3000/functions.json"', '"http://localhost:3000/functions.json"'),
      "[url-https]",
    ],
    [
      "URL on another origin",
      () =>
        mutate(
          manifest,
          '<SupportUrl DefaultValue="https://localhost:3000/assets/support.html"/>',
          '<SupportUrl DefaultValue="https://www.contoso.com/help"/>',
        ),
      "[url-origin]",
    ],
    [
      "short-lived runtime",
      () =>
        mutate(
          manifest,
          '<Runtime resid="Taskpane.Url" lifetime="long"/>',
          '<Runtime resid="Taskpane.Url" lifetime="short"/>',
        ),
      "[runtime]",
    ],
    [
      "custom functions on their own page",
      () =>
        mutate(
          mutate(
            manifest,
            '<Page>\n              <SourceLocation resid="Taskpane.Url"/>',
            '<Page>\n              <SourceLocation resid="Functions.Page.Url"/>',
          ),
          '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
          '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>\n        <bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>',
        ),
      "[shared-runtime]",
    ],
    [
      "FunctionFile on a separate commands page",
      () =>
        mutate(
          mutate(manifest, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'),
          '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
          '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>',
        ),
      "[shared-runtime]",
    ],
    [
      "Runtimes after AllFormFactors",
      () =>
        mutate(
          mutate(
            manifest,
            '<Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>\n',
            "",
          ),
          "        <DesktopFormFactor>",
          '        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>\n        <DesktopFormFactor>',
        ),
      "[element-order]",
    ],
    [
      "wrong function namespace",
      () =>
        mutate(
          manifest,
          'id="Functions.Namespace" DefaultValue="BO"',
          'id="Functions.Namespace" DefaultValue="CONTOSO"',
        ),
      "[namespace]",
    ],
    [
      "task pane button without TaskpaneId",
      () => mutate(manifest, "<TaskpaneId>BackOffice.Taskpane</TaskpaneId>", ""),
      "[taskpane]",
    ],
    [
      "16 px ribbon image that is 32 px",
      () =>
        mutate(
          manifest,
          'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"',
          'id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"',
        ),
      "[icon-size]",
    ],
    [
      "icon file that does not exist",
      () =>
        mutate(
          manifest,
          '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
          '<IconUrl DefaultValue="https://localhost:3000/assets/icon-33.png"/>',
        ),
      "[icon-missing]",
    ],
    [
      "icon that is not a PNG",
      () =>
        mutate(
          manifest,
          '<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
          '<IconUrl DefaultValue="https://localhost:3000/assets/support.html"/>',
        ),
      "[icon-not-png]",
    ],
    [
      "ribbon button with the same id as its group",
      () => mutate(manifest, 'id="BackOffice.RecalculateButton"', 'id="BackOffice.Group"'),
      "[control-id]",
    ],
  ];

  it.each(cases)("%s", (_name, broken, expectedTag) => {
    const errors = checkManifest(broken(), assetDir);
    expect(tags(errors)).toContain(expectedTag);
  });

  it("reports the exact resid and element that is wrong", () => {
    const broken = mutate(manifest, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>');
    expect(checkManifest(broken, assetDir)).toEqual(
      expect.arrayContaining([
        '[resid-undefined] <FunctionFile resid="Commands.Url"> names no resource',
        '[shared-runtime] <FunctionFile> uses "Commands.Url", the Runtime uses "Taskpane.Url"',
      ]),
    );
  });
});

describe("readPngSize", () => {
  it("reads each committed icon's size from its IHDR chunk (PNG spec section 11.2.2)", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      expect(readPngSize(readFileSync(join(assetDir, `icon-${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  it("returns null for bytes that are not a PNG", () => {
    expect(readPngSize(Buffer.from("<!doctype html><html></html>"))).toBeNull();
  });
});
