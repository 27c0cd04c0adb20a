import type { TopLevelSpec } from "vega-lite";
import { loadPeer } from "../peers";

/**
 * Renders a Vega-Lite spec to a static SVG string (for places without JavaScript: the HTML
 * report, documents, notebooks), headless with the `vega` and `vega-lite` packages: the spec is
 * compiled to Vega and drawn by a `View` with no renderer attached. Works in Node, Deno and
 * browsers. Text widths are estimated, so labels may sit a little differently from a browser.
 *
 * @example
 * ```ts
 * const svg = await renderSvg(annualCashflowSpec(result));
 * svg.startsWith("<svg"); // true
 * ```
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await loadPeer("renderSvg", ["vega", "vega-lite"], () => Promise.all([import("vega"), import("vega-lite")]));
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
