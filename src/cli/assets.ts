import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChartScripts } from "../report";
import { vendorText } from "./vendor";

/**
 * The browser builds of vega, vega-lite and vega-embed, to be inlined into the HTML report (so it
 * needs no network): the copies shipped with the built CLI, or the installed packages' when run
 * from source.
 */
export function chartScripts(): ChartScripts {
  return { vega: vendorText("vega"), vegaLite: vendorText("vega-lite"), vegaEmbed: vendorText("vega-embed") };
}

/** The explorer's bundle file, as the build names it (tsup.config.ts). */
export const EXPLORER_BUNDLE = "explorer.global.js";

/**
 * The live deal explorer's browser bundle (the core and the explorer's page code), to be inlined
 * into the page `report --interactive` writes: the copy built beside the CLI (dist/), or — run
 * from source (tsx, the tests) — bundled now from src/ with esbuild, as the build does.
 */
export async function explorerScript(): Promise<string> {
  const beside = fileURLToPath(new URL(`./${EXPLORER_BUNDLE}`, import.meta.url));
  if (existsSync(beside)) return readFileSync(beside, "utf8");
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../report/explorer/page.ts", import.meta.url))],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
