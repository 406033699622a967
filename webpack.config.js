/**
 * One `npm run build` builds three things (docs/build.md):
 *   addin     dist/: taskpane.html + functions.js + taskpane.js + commands.js + functions.json + assets/ + manifest.xml
 *   test-host dist/test-host/fake-office.js: the in-memory Office stand-in for browser tests
 *   cli       dist/cli/bo.js: the `bo` command for Node 20, dependencies left in node_modules
 *
 * TypeScript is only transpiled here (ts-loader transpileOnly); type errors are `npm run typecheck`'s job,
 * which keeps a production build to about half a minute on two shared cores.
 */
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

/*
 * Dependency clash in the lockfile, worked around until package.json fixes it (e.g. an "ajv": "^8"
 * devDependency): with legacy-peer-deps, ajv-keywords 5 is hoisted next to ajv 6 although it needs ajv 8,
 * so anything loading schema-utils 4 (copy-webpack-plugin, webpack-dev-server) dies with "Cannot find
 * module 'ajv/dist/compile/codegen'". schema-utils carries its own ajv 8; ajv-keywords is sent there.
 * Active only while the hoisted ajv is older than 8.
 */
function sendAjvKeywordsToAjv8() {
  const hoistedAjv = require("ajv/package.json").version;
  if (Number(hoistedAjv.split(".")[0]) >= 8) return;
  const ajv8Home = path.dirname(require.resolve("schema-utils/package.json"));
  const ajvKeywordsDir = `${path.sep}node_modules${path.sep}ajv-keywords${path.sep}`;
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if ((request === "ajv" || request.startsWith("ajv/")) && parent?.filename?.includes(ajvKeywordsDir)) {
      return require.resolve(request, { paths: [ajv8Home] });
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
}
sendAjvKeywordsToAjv8();

const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const pkg = require("./package.json");

const DEV_ORIGIN = "https://localhost:3000";
const DEV_URL = `${DEV_ORIGIN}/`;
const dist = path.resolve(__dirname, "dist");

/**
 * Custom-function files: every functions/*.ts (functions/lib/** are helpers, not function files).
 * Absolute paths, because CustomFunctionsMetadataPlugin matches modules by path suffix.
 */
function functionFiles() {
  const dir = path.resolve(__dirname, "functions");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The manifest as deployed: every https://localhost:3000/ URL moved under `addinUrl` (the production
 * base, e.g. https://bo.example.com/addin/) and the bare origin (AppDomain) to its origin. No
 * `addinUrl` leaves the manifest as it is (a localhost manifest, fine for sideloading a production build).
 */
function rewriteManifestUrls(xml, addinUrl) {
  if (!addinUrl) return xml;
  const target = new URL(addinUrl);
  if (target.protocol !== "https:") throw new Error(`ADDIN_URL must be an https URL, got ${addinUrl}`);
  const base = target.href.endsWith("/") ? target.href : `${target.href}/`;
  return xml.split(DEV_URL).join(base).split(DEV_ORIGIN).join(target.origin);
}

const typescriptRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true } },
};

const resolve = {
  extensions: [".ts", ".tsx", ".js"],
  // Sources may import "./x.js" (ESM style) while the file on disk is x.ts.
  extensionAlias: { ".js": [".ts", ".tsx", ".js"] },
};

function addinConfig({ production, httpsOptions }) {
  const functions = functionFiles();
  return {
    name: "addin",
    target: ["web", "es2020"],
    devtool: "source-map",
    entry: {
      // functions carries the webpack runtime and every module it shares with the other two bundles:
      // in the shared runtime all three run in one page, so they must share module instances (one
      // registry, one settings store), not each bundle its own copy.
      functions,
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
      commands: { import: "./src/commands/commands.ts", dependOn: "functions" },
    },
    output: {
      path: dist,
      filename: "[name].js",
      // The other two configs write into dist/cli and dist/test-host at the same time.
      clean: { keep: /^(cli|test-host)([\\/]|$)/ },
    },
    resolve,
    module: { rules: [typescriptRule] },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functions }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane", "commands"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              production ? rewriteManifestUrls(content.toString(), process.env.ADDIN_URL) : content,
          },
        ],
      }),
    ],
    performance: {
      // React + Fluent UI v9 alone are ~0.5 MB minified; the pane is loaded once per session from the
      // add-in's origin, so warn only well above that (sizes are tracked in docs/build.md).
      maxEntrypointSize: 2 * 1024 * 1024,
      maxAssetSize: 2 * 1024 * 1024,
    },
    devServer: httpsOptions && {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: httpsOptions },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
}

function testHostConfig() {
  return {
    name: "test-host",
    target: ["web", "es2020"],
    devtool: "source-map",
    entry: { "fake-office": "./src/excel/memory-host/fake-office.ts" },
    output: { path: path.join(dist, "test-host"), filename: "[name].js", clean: true },
    resolve,
    module: { rules: [typescriptRule] },
  };
}

/** Makes the emitted CLI runnable as `./dist/cli/bo.js` (npm sets the bit on install, a checkout does not). */
class ChmodExecutablePlugin {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("ChmodExecutablePlugin", (compilation) => {
      const file = path.join(compilation.outputOptions.path, this.file);
      if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
    });
  }
}

function cliConfig() {
  const dependencies = Object.keys(pkg.dependencies || {});
  return {
    name: "cli",
    target: "node20",
    devtool: "source-map",
    // load-worker.js: `bo recon` loads one side on a worker thread (src/cli/side-worker.ts), started
    // from the file next to bo.js, so the bundle's __dirname must stay Node's own.
    entry: { bo: "./src/cli/bo.ts", "load-worker": "./src/cli/load-worker.ts" },
    output: { path: path.join(dist, "cli"), filename: "[name].js", clean: true },
    node: { __dirname: false },
    resolve,
    module: { rules: [typescriptRule] },
    // Runtime dependencies (exceljs, decimal.js, ...) are required from node_modules at run time, as
    // any installed package would: smaller output, and their own files (exceljs' templates) stay intact.
    externals: [
      ({ request }, callback) =>
        dependencies.some((d) => request === d || request.startsWith(`${d}/`))
          ? callback(null, `commonjs ${request}`)
          : callback(),
    ],
    // Readable stack traces matter more than bytes for a command-line tool.
    optimization: { minimize: false },
    plugins: [
      new webpack.BannerPlugin({ banner: "#!/usr/bin/env node", raw: true, entryOnly: true, include: /^bo\.js$/ }),
      new webpack.DefinePlugin({ BO_VERSION: JSON.stringify(pkg.version) }),
      new ChmodExecutablePlugin("bo.js"),
    ],
  };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  if (env.WEBPACK_SERVE) {
    // Certificates are asked for only here: `npm run build` must work on machines without dev certs.
    const devCerts = require("office-addin-dev-certs");
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return [addinConfig({ production, httpsOptions: { ca, key, cert } })];
  }
  return [addinConfig({ production }), testHostConfig(), cliConfig()];
};

module.exports.rewriteManifestUrls = rewriteManifestUrls;
module.exports.functionFiles = functionFiles;
