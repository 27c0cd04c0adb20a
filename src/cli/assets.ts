import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ChartScripts } from "../report";

/**
 * Reads the browser builds of vega, vega-lite and vega-embed from their installed packages, to be
 * inlined into the HTML report (so it needs no network). Each package's main module sits in its
 * `build/` folder beside the minified browser bundle.
 */
export function chartScripts(): ChartScripts {
  const require = createRequire(import.meta.url);
  const bundle = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), "utf8");
  return {
    vega: bundle("vega", "vega.min.js"),
    vegaLite: bundle("vega-lite", "vega-lite.min.js"),
    vegaEmbed: bundle("vega-embed", "vega-embed.min.js"),
  };
}
