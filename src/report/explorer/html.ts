import { loadModel } from "../../model";
import type { AppraiseOptions } from "../../appraise";
import { escapeHtml } from "../html-parts";
import type { ChartScripts } from "../html";

/** The scripts the explorer page inlines: the chart libraries and the explorer itself (the browser build of the core). */
export interface ExplorerScripts extends ChartScripts {
  /** The explorer's browser bundle: the package's `invest-to-save/explorer.js` (dist/explorer.global.js). */
  explorer: string;
}

/** Options for {@link buildExplorerHtml}. */
export interface ExplorerOptions {
  scripts: ExplorerScripts;
  /** Settings that override the model's own appraisal block (horizons, lens…), as for `appraise`. */
  options?: AppraiseOptions;
  /** A line for the footer, e.g. which file the model came from. */
  footer?: string;
}

/** JSON safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
/** A bundle safe inside a <script> element. */
const scriptText = (code: string) => code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --gap: #fdecea; --gap-ink: #a50e0e; --ok: #2e7d32; --ok-bg: #c8e6c9; --accent: #1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 18px 24px 40px; }
header h1 { font-size: 1.45rem; margin: 0 0 2px; }
header p { margin: 2px 0; color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(330px, 400px) 1fr; gap: 20px; margin-top: 14px; align-items: start; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
aside { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; position: sticky; top: 10px; max-height: calc(100vh - 20px); overflow-y: auto; }
aside h2 { font-size: 1rem; margin: 14px 0 6px; padding-bottom: 3px; border-bottom: 2px solid var(--line); }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
button { font: inherit; padding: 5px 12px; border: 1px solid #b8bcc4; border-radius: 6px; background: #fff; cursor: pointer; }
button:hover { background: #eef2f8; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
label.horizon { display: block; margin-top: 10px; color: var(--muted); }
[hidden] { display: none !important; }
label.horizon select { max-width: 100%; }
select { font: inherit; padding: 2px 4px; }
.control { padding: 7px 0 9px; border-bottom: 1px solid #eceef1; }
.control.moved > label { color: var(--accent); font-weight: 600; }
.control > label { display: block; font-size: 0.9rem; margin-bottom: 2px; }
.control .row { display: flex; align-items: center; gap: 6px; }
.slider { position: relative; flex: 1; height: 22px; }
.slider input[type=range] { position: relative; width: 100%; margin: 0; height: 22px; background: transparent; z-index: 1; }
.feasible { position: absolute; top: 4px; height: 14px; background: rgba(76, 175, 80, 0.35); border: 1px solid #43a047; border-radius: 4px; z-index: 2; pointer-events: none; }
.box { width: 76px; font: inherit; padding: 1px 4px; text-align: right; border: 1px solid #c9ccd2; border-radius: 4px; }
.box.bad { border-color: var(--gap-ink); background: var(--gap); }
.unit { width: 12px; color: var(--muted); }
.meta { display: flex; gap: 10px; font-size: 0.78rem; color: var(--muted); }
.meta output { color: var(--ink); font-weight: 600; min-width: 56px; }
.range-note { font-size: 0.8rem; margin: 4px 0 0; }
.range-note.ok { color: var(--ok); }
.range-note.none { color: var(--gap-ink); }
.hint { color: var(--muted); font-size: 0.82rem; margin: 4px 0 8px; }
#results { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px 20px; min-width: 0; }
#results h2 { font-size: 1.05rem; margin: 18px 0 6px; padding-bottom: 3px; border-bottom: 2px solid var(--line); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.card .label { color: var(--muted); font-size: 0.82rem; }
.card .value { font-size: 1.4rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .value.neg { color: var(--gap-ink); }
.card .note { color: var(--muted); font-size: 0.76rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.88rem; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; vertical-align: bottom; }
th .sub { font-weight: 400; color: var(--muted); font-size: 0.76rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.neg { color: var(--gap-ink); }
td.gap { background: var(--gap); font-weight: 600; }
tr.total th, tr.total td { font-weight: 650; }
tr.total:first-of-type th, tr.total:first-of-type td { border-top: 2px solid var(--ink); }
.findings li { margin: 0.3em 0; }
#error { background: var(--gap); color: var(--gap-ink); padding: 8px 12px; border-radius: 6px; }
figure { margin: 12px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
#copied textarea { width: 100%; height: 180px; font: 12px/1.35 ui-monospace, Menlo, Consolas, monospace; }
footer { margin-top: 18px; color: var(--muted); font-size: 0.8rem; }
`;

/**
 * Builds the live deal explorer: one self-contained page (no network) that embeds the model and
 * the browser build of the core, and recomputes the exact appraisal in the page when the user
 * moves a control — each gainshare's share (or tiers), the payments of a results-based deal,
 * and each input named in the model's scenarios or distributions, within its range. Every
 * party's NPV at each horizon, the public-sector and whole-system totals, the incentive gap,
 * the funding cliffs and the charts follow; each gainshare's slider shows its feasible range
 * (from `gainshareRange`) or says when no share closes the gap. "Reset" and "Copy as model
 * JSON" buttons. A model with an incentive gap but no gainshare gets a proposed one at 0%.
 *
 * `scripts` are the browser builds of vega, vega-lite and vega-embed and the explorer bundle,
 * which the package ships as `invest-to-save/explorer.js` (the command line inlines them:
 * `invest-to-save report model.json --interactive --out explorer.html`).
 *
 * @throws InvalidModelError when the model is not valid.
 * @example
 * ```ts
 * const html = buildExplorerHtml(JSON.parse(json), { scripts: { vega: "", vegaLite: "", vegaEmbed: "", explorer: "" } });
 * html.includes('id="explorer-model"'); // true
 * ```
 */
export function buildExplorerHtml(model: unknown, options: ExplorerOptions): string {
  const title = loadModel(model).title;
  const s = options.scripts;
  const scripts = [s.vega, s.vegaLite, s.vegaEmbed, s.explorer].map((code) => `<script>${scriptText(code)}</script>`).join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — deal explorer</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1><p>Deal explorer: move a control and every figure is recomputed — the exact appraisal of the model with that setting, in this page.</p></header>
<div class="layout">
<aside id="controls" aria-label="Controls">
<div class="buttons"><button id="reset" type="button">Reset</button><button id="copy" type="button" class="primary">Copy as model JSON</button></div>
<div id="option-row" hidden><label class="horizon">Option shown <select id="option"></select></label><p class="hint">Each option's own appraisal, with its own controls; <code>appraise --options</code> compares the options with business as usual.</p></div>
<label class="horizon">Feasible ranges and headline over <select id="horizon"></select></label>
<h2>Deal terms</h2><div id="controls-deal"></div>
<h2>Uncertain inputs</h2><div id="controls-input"></div>
</aside>
<section id="results" aria-live="polite">
<p id="error" hidden></p>
<div id="cards" class="cards"></div>
<h2>Net present value of each party</h2>
<p class="hint">Present values in £, rounded to the pound. Highlighted: a party that loses while the whole system gains — the prevention penalty. This model has <span id="cliff-count"></span>.</p>
<div class="scroll"><table id="npv"></table></div>
<h2>Who pays and who saves</h2>
<ul id="findings" class="findings"></ul>
<h2>Charts</h2>
<figure id="chart-cumulative"></figure>
<figure id="chart-cashflow"></figure>
<figure id="chart-gap"></figure>
<div id="copied" hidden><h2>The model with these settings</h2><p id="copied-note" class="hint"></p><textarea id="model-json" readonly></textarea></div>
<footer>Made with invest-to-save.${options.footer ? ` ${escapeHtml(options.footer)}` : ""}</footer>
</section>
</div>
</main>
<script type="application/json" id="explorer-model">${scriptJson({ model, options: options.options ?? {} })}</script>
${scripts}
</body>
</html>
`;
}
