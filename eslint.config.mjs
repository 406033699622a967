/**
 * Read by `npm run lint` (office-addin-lint check): office-addin-lint 3 passes this file to ESLint with -c
 * whenever the project has one, instead of its built-in config.
 *
 * Base: eslint-plugin-office-addins' "react" preset (ESLint recommended, typescript-eslint, the Office
 * add-in rules such as load-before-read and no-context-sync-in-loop, prettier, eslint-plugin-react).
 * The preset's TypeScript block only matches .ts/.js files, so it is widened to .tsx here; without that,
 * the task pane's components would be parsed as plain JavaScript and skip every Office and prettier rule.
 */
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import tsParser from "@typescript-eslint/parser";

const sourceFiles = "**/*.{js,mjs,cjs,jsx,ts,cts,mts,tsx}";

export default [
  { ignores: ["dist/**", "out/**", "coverage/**", "node_modules/**", "bench/out/**"] },
  ...officeAddins.configs.react.map((config) => (config.files ? { ...config, files: [sourceFiles] } : config)),
  // React 17+ JSX transform (tsconfig "jsx": "react-jsx"): components do not import React.
  react.configs.flat["jsx-runtime"],
  {
    files: ["**/*.{ts,cts,mts,tsx}"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // The compiler (strict, `npm run typecheck`) already rejects undefined names, and knows the ambient
      // globals (Office, Excel, CustomFunctions, jest, node) that this rule would have to be told about.
      "no-undef": "off",
      // Props are typed by TypeScript interfaces; runtime PropTypes would duplicate them.
      "react/prop-types": "off",
      // A deliberate `any` is written with an eslint-disable comment saying why (see functions/daycount.ts).
      "@typescript-eslint/no-explicit-any": "error",
      // Same convention as tsc's noUnusedParameters: a leading underscore marks a deliberately unused name
      // (an interface method's parameter the in-memory host does not need, say).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // No Office.js here by design (ENGINEERING.md: src/excel is the only Office.js code). The load/sync rules
    // match methods by name, so exceljs' worksheet.getCell() in src/io/file would read as Excel.Range misuse.
    files: ["src/core/**", "src/io/**", "src/cli/**"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  {
    // Tests of the in-memory Excel host read unloaded properties and skip sync on purpose, to check that
    // the host throws PropertyNotLoaded the way Excel does; tests also feed deliberately ill-typed input.
    files: ["test/**"],
    rules: {
      "office-addins/call-sync-after-load": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
      // Tests pass malformed values on purpose (what Excel or a file might hand over).
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
];
