import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The command line works out of the box: `npx invest-to-save report` makes a report with charts
 * and `export --xlsx` a workbook, though the library's own install carries neither vega nor
 * exceljs (they are optional peer dependencies of `invest-to-save/report` and
 * `invest-to-save/xlsx`). The built CLI (dist/cli.js) ships the single-file browser builds of
 * these packages in dist/vendor/ — the same files the HTML report inlines — and runs them in
 * Node (they need no DOM to compile charts, draw SVG or write a workbook). tsup.config.ts points
 * the CLI build's `import("vega")`, `import("vega-lite")` and `import("exceljs")` at
 * src/cli/vendored/*.cjs, which load them from here. Run from source (tsx, the tests), the CLI
 * uses the installed packages instead.
 */
export const VENDORED = {
  vega: { file: "vega.min.js", path: "build/vega.min.js" },
  "vega-lite": { file: "vega-lite.min.js", path: "build/vega-lite.min.js" },
  "vega-embed": { file: "vega-embed.min.js", path: "build/vega-embed.min.js" },
  exceljs: { file: "exceljs.min.js", path: "dist/exceljs.min.js" },
} as const;
export type VendoredPackage = keyof typeof VENDORED;

/** The vendored copy beside the built CLI, or (from source) the file in the installed package. */
function vendorPath(name: VendoredPackage): string {
  const beside = fileURLToPath(new URL(`./vendor/${VENDORED[name].file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  // The package's folder: up from its main module to the package.json that names it.
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (!isPackageRoot(dir, name)) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = dirname(dir);
  }
  return join(dir, VENDORED[name].path);
}

function isPackageRoot(dir: string, name: string): boolean {
  const manifest = join(dir, "package.json");
  return existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name;
}

/** The browser build of a vendored package, as text (for inlining in the HTML report). */
export function vendorText(name: VendoredPackage): string {
  return readFileSync(vendorPath(name), "utf8");
}

const loaded = new Map<VendoredPackage, unknown>();

/**
 * Runs a vendored UMD build as a CommonJS module and returns its exports. A build's `require`
 * of another vendored package (vega-lite's of vega) gets that package's vendored copy.
 */
export function loadVendored(name: VendoredPackage): unknown {
  if (loaded.has(name)) return loaded.get(name);
  const module = { exports: {} as unknown };
  const require = (dep: string): unknown => {
    if (dep in VENDORED) return loadVendored(dep as VendoredPackage);
    throw new Error(`${VENDORED[name].file} asked for "${dep}", which the CLI does not ship`);
  };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running a shipped UMD file is the point
  new Function("module", "exports", "require", "define", vendorText(name))(module, module.exports, require, undefined);
  loaded.set(name, module.exports);
  return module.exports;
}
