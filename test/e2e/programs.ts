import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/**
 * Finds a system program the end-to-end tests need, or fails with what to install: these tests
 * never skip silently. `.ci/run` installs the Debian packages named here.
 */
export function requireProgram(names: readonly string[], debianPackage: string, envVar: string): string {
  const fromEnv = process.env[envVar];
  const candidates = fromEnv ? [fromEnv] : names.flatMap((n) => (n.includes("/") ? [n] : (process.env.PATH ?? "").split(delimiter).map((d) => join(d, n))));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `${names.join(" or ")} not found: install the Debian package "${debianPackage}" (apt-get install -y ${debianPackage}) or set ${envVar} to the program's path`,
  );
}

/**
 * Headless Chromium (Debian's `chromium`, or CHROMIUM_PATH) driven by playwright-core, with the
 * background services that would make network requests of their own switched off, so that a
 * test can treat any non-file request as the page's.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = requireProgram(["chromium", "chromium-browser"], "chromium", "CHROMIUM_PATH");
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
