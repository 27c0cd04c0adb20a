/**
 * `npm run measure:package`: packs the package, installs the tarball into an empty folder and
 * prints what a user pays: packages and megabytes installed, and the browser bundle of the core
 * (minified and gzipped) by package. docs/performance.md reports a run of this.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installPackage } from "./packed";
import { APPRAISAL_APP, bundleStats, installStats, kB, MB, WHOLE_CORE } from "./measure";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-measure-"));
const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const [packed] = JSON.parse(out.slice(out.lastIndexOf("\n[\n") + 1)) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
console.log(`tarball: ${kB(packed!.size)} (${packed!.entryCount} files, ${MB(packed!.unpackedSize)} unpacked)`);

const app = installPackage(join(dir, packed!.filename));
const install = installStats(app);
console.log(`\nnpm install invest-to-save: ${install.packages.length} packages, ${MB(install.bytes)}`);
for (const [name, bytes] of install.byPackage) console.log(`  ${name.padEnd(24)} ${MB(bytes).padStart(8)}`);

for (const [label, source] of [
  ["appraisal app (parseModel, appraise, toJSON)", APPRAISAL_APP],
  ["whole core entry (import *)", WHOLE_CORE],
] as const) {
  const b = await bundleStats(app, label.split(" ")[0]!, source);
  console.log(`\nbrowser bundle, ${label}: ${kB(b.bytes)} minified, ${kB(b.gzipBytes)} gzipped`);
  for (const [name, bytes] of b.byPackage) console.log(`  ${name.padEnd(24)} ${kB(bytes).padStart(9)} minified`);
}
