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
