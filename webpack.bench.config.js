// Builds `npm run bench` (scripts/bench/main.ts) for Node; kept apart from the add-in's build.
const path = require("path");
const pkg = require("./package.json");

module.exports = {
  name: "bench",
  mode: "production",
  target: "node20",
  entry: { bench: "./scripts/bench/main.ts" },
  output: { path: path.join(__dirname, "dist", "bench"), filename: "[name].js", clean: true },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: { rules: [{ test: /\.tsx?$/, loader: "ts-loader", options: { transpileOnly: true }, exclude: /node_modules/ }] },
  externals: [...Object.keys(pkg.dependencies), "@formulajs/formulajs", "@duckdb/node-api"].reduce((acc, d) => ({ ...acc, [d]: `commonjs ${d}` }), {}),
  optimization: { minimize: false },
  devtool: false,
};
