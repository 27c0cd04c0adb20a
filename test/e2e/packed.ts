/**
 * The package as a user gets it: `npm pack` (which builds, through `prepack`) once per e2e run,
 * then installed from the tarball into empty folders. Used as vitest's globalSetup by
 * test/e2e/vitest.config.ts; tests read the tarball's path with `inject("tarball")`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

declare module "vitest" {
  export interface ProvidedContext {
    tarball: string;
  }
}

export default function setup(project: TestProject): void {
  const dir = mkdtempSync(join(tmpdir(), "its-pack-"));
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  // npm pack --json prints the prepack script's output first, then the JSON array.
  const [packed] = JSON.parse(out.slice(out.lastIndexOf("\n[\n") + 1)) as { filename: string }[];
  project.provide("tarball", join(dir, packed!.filename));
}

/** An empty folder with a package.json, the packed tarball installed, and `extra` packages too. */
export function installPackage(tarball: string, extra: readonly string[] = [], type: "module" | "commonjs" = "module"): string {
  const app = mkdtempSync(join(tmpdir(), "its-app-"));
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type }, null, 2));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball, ...extra], {
    cwd: app,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return app;
}
