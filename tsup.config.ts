import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig, type Options } from "tsup";
import { modelJsonSchema } from "./src/model/json-schema";
import { VENDORED, type VendoredPackage } from "./src/cli/vendor";

const require = createRequire(import.meta.url);

/** An installed package's folder and manifest. */
function installed(name: string): { dir: string; manifest: { name: string; version: string; license?: string } } {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (manifest.name === name) return { dir, manifest };
    } catch {
      // not this folder
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the installed package ${name}`);
    dir = dirname(dir);
  }
}

/** The license text of an installed package (LICENSE, LICENSE.md, LICENSE-MIT.txt, licence…). */
function licenseText(dir: string): string {
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`no license file in ${dir}`);
  return readFileSync(join(dir, file), "utf8").trim();
}

/** Copies the CLI's vendored browser builds into dist/vendor/, with their licenses. */
function vendor(): void {
  mkdirSync("dist/vendor", { recursive: true });
  const notices: string[] = [];
  for (const name of Object.keys(VENDORED) as VendoredPackage[]) {
    const { dir, manifest } = installed(name);
    copyFileSync(join(dir, VENDORED[name].path), `dist/vendor/${VENDORED[name].file}`);
    notices.push(`${manifest.name} ${manifest.version} (${manifest.license}): dist/vendor/${VENDORED[name].file}\n\n${licenseText(dir)}`);
  }
  writeNotices("dist/vendor/LICENSES.txt", "Browser builds shipped with the invest-to-save command line", notices);
}

function writeNotices(path: string, title: string, notices: string[]): void {
  writeFileSync(path, `${title}.\n\n${notices.map((n) => `${"=".repeat(78)}\n${n}\n`).join("\n")}`);
}

/**
 * Three builds.
 *
 * - The library (`invest-to-save`, `/report`, `/xlsx`, `/node`), ESM and CJS with types. The core
 *   entry must not import Node built-ins anywhere in its graph, so no shims: tsup's `shims`
 *   would put `path` and `url` imports into a chunk the core shares. (The worker pool finds its
 *   worker with `__filename` in CJS and `import.meta.url` in ESM, needing no shim.) Packages stay
 *   external: vega, vega-lite and exceljs are optional peer dependencies, loaded on first use.
 * - The command line (dist/cli.js, ESM, Node only), self-contained so that it works out of the
 *   box: it bundles its own argument parser and progress bar, and runs the browser builds of
 *   vega, vega-lite and exceljs shipped beside it in dist/vendor/ (see src/cli/vendor.ts) where
 *   the library would import the packages. The core's dependencies stay external.
 * - The model file's JSON Schema (dist/model.schema.json), for editors.
 */
const library: Options = {
  entry: {
    index: "src/index.ts",
    // invest-to-save/report: charts and the HTML report; invest-to-save/xlsx: the workbook.
    report: "src/entries/report.ts",
    xlsx: "src/entries/xlsx.ts",
    // invest-to-save/node: the Monte Carlo worker pool (Node only), and the script each worker runs.
    node: "src/node/index.ts",
    "node-worker": "src/node/worker.ts",
    // Not entry points for users (not in package.json's exports): built as their own files so
    // that the `excel` and `schemas` namespace objects live outside dist/index.js. esbuild
    // writes a namespace as a call (`__export(ns, {...})`) that a bundler must keep if it sits
    // in a file the app uses; in a file of its own, with `"sideEffects": false`, an app that
    // never touches `excel` drops the file and every spreadsheet function with it (7 kB gzipped).
    "excel-functions": "src/excel/functions.ts",
    schemas: "src/entries/schemas.ts",
  },
  format: ["esm", "cjs"],
  dts: {
    entry: {
      index: "src/index.ts",
      report: "src/entries/report.ts",
      xlsx: "src/entries/xlsx.ts",
      node: "src/node/index.ts",
      "node-worker": "src/node/worker.ts",
    },
  },
  // No source maps in the package: they would add 1.6 MB to every install (see docs/performance.md).
  sourcemap: false,
  clean: false, // `npm run build` empties dist/ first (the two builds run side by side)
  target: "es2022",
  splitting: true,
  treeshake: true,
  shims: false,
  async onSuccess() {
    writeFileSync("dist/model.schema.json", `${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
  },
};

const BUNDLED_IN_CLI = ["commander", "cli-progress"];

const cli: Options = {
  entry: { cli: "src/cli/index.ts" },
  format: ["esm"],
  dts: false,
  sourcemap: false,
  clean: false,
  target: "node20",
  platform: "node",
  splitting: false,
  treeshake: true,
  minify: false,
  metafile: true,
  // vega, vega-lite and exceljs are listed too, so that the aliases below apply to them (tsup
  // would otherwise leave every dependency and peer dependency external).
  noExternal: [...BUNDLED_IN_CLI, "vega", "vega-lite", "exceljs"],
  // Only run from source, when the explorer's bundle is not built beside the CLI (src/cli/assets.ts).
  external: ["esbuild"],
  // Bundled CommonJS (commander) calls require() for Node built-ins: give ESM one.
  banner: { js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);' },
  esbuildOptions(options) {
    options.alias = {
      vega: "./src/cli/vendored/vega.cjs",
      "vega-lite": "./src/cli/vendored/vega-lite.cjs",
      exceljs: "./src/cli/vendored/exceljs.cjs",
    };
  },
  async onSuccess() {
    vendor();
    // The licenses of the packages bundled into dist/cli.js.
    const meta = JSON.parse(readFileSync("dist/metafile-esm.json", "utf8")) as { inputs: Record<string, unknown> };
    const packages = new Set<string>();
    for (const input of Object.keys(meta.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) packages.add(m[1]!);
    }
    const notices = [...packages].sort().map((name) => {
      const { dir, manifest } = installed(name);
      return `${manifest.name} ${manifest.version} (${manifest.license})\n\n${licenseText(dir)}`;
    });
    writeNotices("dist/cli.LICENSES.txt", "Packages bundled into dist/cli.js", notices);
    rmSync("dist/metafile-esm.json");
  },
};

/**
 * The live deal explorer's browser bundle (dist/explorer.global.js, `invest-to-save/explorer.js`):
 * the core and the explorer's page code in one script, which `report --interactive` inlines
 * into the page it writes. Everything is bundled (the page has no network); minified.
 */
const explorer: Options = {
  entry: { explorer: "src/report/explorer/page.ts" },
  format: ["iife"],
  platform: "browser",
  target: "es2020",
  dts: false,
  sourcemap: false,
  clean: false,
  splitting: false,
  treeshake: true,
  minify: true,
  noExternal: [/.*/],
};

export default defineConfig([library, cli, explorer]);
