/**
 * Size measurements of the installed package, shared by test/e2e/package.e2e.ts (which checks
 * them against budgets) and `npm run measure:package` (which prints them for docs/performance.md).
 */
import { lstatSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface InstallStats {
  /** Installed packages (including invest-to-save itself), by name@version. */
  packages: string[];
  /** Sum of the installed files' sizes, in bytes (apparent size, as `du --apparent-size`). */
  bytes: number;
  /** The same per top-level package, largest first. */
  byPackage: [string, number][];
}

function apparentSize(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((total, name) => total + apparentSize(join(path, name)), 0);
}

/** What `npm install` put in an app folder. */
export function installStats(app: string): InstallStats {
  const lock = JSON.parse(readFileSync(join(app, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  const packages = Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .map(([path, info]) => `${path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)}@${info.version}`)
    .sort();
  const modules = join(app, "node_modules");
  const byPackage: [string, number][] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith(".")) continue;
    const dirs = name.startsWith("@") ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name];
    for (const d of dirs) byPackage.push([d, apparentSize(join(modules, d))]);
  }
  byPackage.sort((a, b) => b[1] - a[1]);
  return { packages, bytes: byPackage.reduce((t, [, b]) => t + b, 0), byPackage };
}

export interface BundleStats {
  /** The minified browser bundle. */
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Bytes in the bundle per package ("invest-to-save", "zod"…), largest first. */
  byPackage: [string, number][];
  /** Every module the bundle holds (paths relative to the app folder). */
  inputs: string[];
}

/**
 * Bundles `source` (an ES module written into the app folder) for the browser with esbuild,
 * minified, as an app's bundler would: esbuild fails on any Node built-in it meets.
 */
export async function bundleStats(app: string, name: string, source: string): Promise<BundleStats> {
  const entry = join(app, `${name}.entry.js`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: app,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const output = Object.values(result.metafile.outputs)[0]!;
  const totals = new Map<string, number>();
  for (const [path, info] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? "(app)";
    totals.set(pkg, (totals.get(pkg) ?? 0) + info.bytesInOutput);
  }
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    byPackage: [...totals].sort((a, b) => b[1] - a[1]),
    inputs: Object.keys(result.metafile.inputs),
  };
}

/** An app that validates a model and appraises it: what most apps import. */
export const APPRAISAL_APP = `import { appraise, parseModel, toJSON } from "invest-to-save";
globalThis.appraiseJson = (text) => {
  const parsed = parseModel(text);
  return parsed.ok ? { ok: true, result: toJSON(appraise(parsed.model)) } : { ok: false, errors: parsed.errors };
};
`;

/** Everything the core entry exports (an upper bound: no app uses it all). */
export const WHOLE_CORE = `import * as lib from "invest-to-save";\nglobalThis.lib = lib;\n`;

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
